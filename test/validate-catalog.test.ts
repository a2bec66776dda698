/**
 * OASIS XML Catalogs 1.1 (src/validate/catalog.ts): every entry kind and the precedence of section 7, table-driven
 * over test/fixtures/validate/catalog/main.xml, the same lookups run through libxml2's resolver (xmlcatalog) where
 * it is installed, with the cases where libxml2 departs from the standard listed with their reason; then the CLI:
 * a DOCTYPE public id mapped to a local DTD, a schema mapped by delegateURI, and a nextCatalog loop.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { catalogLoops, loadCatalog, readCatalog, resolveExternalId, resolveInCatalog, unwrapUrn } from '../src/validate/catalog.js';
import { projectRoot, runCli } from './helpers.js';
import * as tools from './tools.mjs';

const dir = join(projectRoot, 'test/fixtures/validate/catalog');
const main = join(dir, 'main.xml');
const rel = (path: string | undefined): string | undefined => (path === undefined ? undefined : relative(dir, path));
// Temporary folders of the tests below, removed at the end.
const temps: string[] = [];
const tempDir = (prefix: string): string => {
  const tmp = mkdtempSync(join(tmpdir(), prefix));
  temps.push(tmp);
  return tmp;
};
afterAll(() => {
  for (const tmp of temps) rmSync(tmp, { recursive: true, force: true });
});
const noXmlcatalog = tools.skipUnless(tools.xmlcatalog, 'the comparison of catalog lookups with libxml2');

/** URI lookups (7.2.2, then 7.1.2 as a system id, as a schema href is looked up): href, expected path or undefined. */
const URIS: Array<[string, string | undefined, string]> = [
  ['http://example.org/schemas/tei_all.rng', 'schemas/tei_all.rng', 'uri beats the rewriteURI that also matches'],
  ['http://example.org/schemas/other.rng', 'schemas/rewritten/other.rng', 'rewriteURI'],
  ['http://elsewhere.org/x/edition.rng', 'schemas/edition-suffix.rng', 'uriSuffix'],
  ['http://elsewhere.org/special/edition.rng', 'schemas/special-edition.rng', 'the longest uriSuffix'],
  ['http://example.org/schemas/in-group.rng', 'grouped/in-group.rng', 'xml:base on a group'],
  ['http://delegated.example.org/long/b.rng', 'long/b.rng', 'delegateURI: the longest start string first, xml:base of the delegated catalog'],
  ['http://delegated.example.org/long/a.rng', 'from-delegate/a.rng', 'delegateURI: the next delegated catalog when the first has no entry'],
  ['http://delegated.example.org/none.rng', undefined, 'a delegation that finds nothing ends the lookup: next.xml is not consulted'],
  ['http://next.example.org/n.rng', 'from-next/n.rng', 'nextCatalog, after a missing one and a remote one (both skipped); an element of another namespace ignored'],
  ['http://example.org/dtd/tei.dtd', 'dtd/tei-system.dtd', 'no URI entry: looked up as a system id'],
  ['urn:publicid:-:TEI:DTD+TEI+P5:EN', 'dtd/tei-public.dtd', 'a publicid URN is looked up as its public id'],
  ['http://remote.example.org/s.rng', undefined, 'mapped to another remote URL: never fetched'],
  ['http://nowhere.example.org/x.rng', undefined, 'no entry'],
];

/** External identifier lookups (7.1.2): system id, public id, expected path, what it shows. */
const EXTERNAL: Array<[string | undefined, string | undefined, string | undefined, string]> = [
  ['http://example.org/dtd/tei.dtd', '-//TEI//DTD TEI P5//EN', 'dtd/tei-system.dtd', 'system beats public'],
  ['http://unknown.org/tei.dtd', '-//TEI//DTD TEI P5//EN', 'dtd/tei-public.dtd', 'public, prefer="public"'],
  ['http://unknown.org/x.dtd', '-//Example//DTD System Preferred//EN', undefined, 'prefer="system": a public entry is not used when a system id is given'],
  [undefined, '-//Example//DTD System Preferred//EN', 'grouped/sys-pref.dtd', 'prefer="system" with no system id: the public entry applies'],
  [undefined, '  -//TEI//DTD   TEI P5//EN ', 'dtd/tei-public.dtd', 'public ids are compared with whitespace normalised'],
  ['http://example.org/dtd/my file.dtd', undefined, 'dtd/my-file.dtd', 'system ids are compared %-escaped'],
  ['http://example.org/dtd/deep/a.dtd', undefined, 'dtd/deeper/a.dtd', 'the longest rewriteSystem'],
  ['http://example.org/dtd/b.dtd', undefined, 'dtd/rewritten/b.dtd', 'rewriteSystem'],
  ['http://other.org/dtd/letters.dtd', undefined, 'dtd/letters-suffix.dtd', 'systemSuffix'],
  ['http://sys.example.org/x.dtd', '-//TEI//DTD TEI P5//EN', 'from-delegate/x.dtd', 'delegateSystem'],
  ['http://sys.example.org/y.dtd', '-//TEI//DTD TEI P5//EN', undefined, 'a delegateSystem that finds nothing ends the lookup: neither the public entry nor next.xml'],
  [undefined, '-//Delegated//DTD A//EN', 'from-delegate/a.dtd', 'delegatePublic'],
  ['urn:publicid:-:TEI:DTD+TEI+P5:EN', undefined, 'dtd/tei-public.dtd', 'a system id that is a publicid URN is that public id'],
];

/** Where libxml2 2.9 (Debian's xmlcatalog) departs from the standard, by the case's description. */
const LIBXML2_DEPARTS: Record<string, string> = {
  uriSuffix: 'libxml2 2.9 reads no uriSuffix or systemSuffix entries (added in 2.13)',
  'the longest uriSuffix': 'the same',
  systemSuffix: 'the same',
  'delegateURI: the longest start string first, xml:base of the delegated catalog': 'libxml2 tries delegated catalogs in document order, not longest start string first (7.2.2 step 5)',
  'prefer="system": a public entry is not used when a system id is given': 'libxml2 ignores prefer when resolving (4.1.1)',
  'system ids are compared %-escaped': 'libxml2 compares system ids as written, without the %-escaping of 6.3 (it applies the rewriteSystem instead)',
};

describe('OASIS XML Catalogs 1.1: lookups', () => {
  it.each(URIS)('URI %s -> %s (%s)', (href, expected) => {
    expect(rel(resolveInCatalog(loadCatalog(main), href))).toBe(expected);
  });

  it.each(EXTERNAL)('system %s, public %s -> %s (%s)', (systemId, publicId, expected) => {
    expect(rel(resolveExternalId(loadCatalog(main), systemId, publicId))).toBe(expected);
  });

  it('unwraps publicid URNs as RFC 3151 says', () => {
    expect(unwrapUrn('urn:publicid:ISO%2FIEC+10179%3A1996:DTD+DSSSL+Architecture:EN')).toBe('ISO/IEC 10179:1996//DTD DSSSL Architecture//EN');
    expect(unwrapUrn('urn:publicid:a;b')).toBe('a::b');
    expect(unwrapUrn('http://example.org/')).toBeUndefined();
  });

  it.skipIf(noXmlcatalog)('libxml2 gives the same answers, except where it departs from the standard (listed)', () => {
    const agree: string[] = [];
    const differ: string[] = [];
    const answer = (out: string): string | undefined => {
      // The shell prints a prompt ("> ") before each answer and one after the last.
      const last = out.split('\n').map((l) => l.replace(/^(> ?)+/, '').trim()).filter((l) => l !== '').pop() ?? '';
      if (last === '' || /^No entry|^Resolver failed/.test(last)) return undefined;
      return last.startsWith('file:') ? relative(dir, fileURLToPath(last)) : last;
    };
    for (const [href, expected, what] of URIS) {
      // xmlcatalog's command line asks for an argument as a system id, then as a URI (teikit: the other way round).
      const libxml2 = answer(tools.runTool(tools.xmlcatalog, ['main.xml', href], { cwd: dir }).stdout);
      (libxml2 === expected || (what.includes('remote URL') && libxml2 === 'http://mirror.example.org/s.rng') ? agree : differ).push(what);
    }
    for (const [systemId, publicId, expected, what] of EXTERNAL) {
      const q = (v: string | undefined): string => `"${v ?? ''}"`;
      const libxml2 = answer(tools.runTool(tools.xmlcatalog, ['--shell', 'main.xml'], { cwd: dir, input: `resolve ${q(publicId)} ${q(systemId)}\n` }).stdout);
      (libxml2 === expected ? agree : differ).push(what);
    }
    expect(differ.sort()).toEqual(Object.keys(LIBXML2_DEPARTS).sort());
    expect(agree).toHaveLength(URIS.length + EXTERNAL.length - Object.keys(LIBXML2_DEPARTS).length);
  });

  it('a loop through nextCatalog or a delegate ends, and is reported once per closing element', () => {
    const loop = readCatalog(join(dir, 'loop-a.xml'));
    expect(resolveInCatalog(loop, 'http://loop.example.org/x.rng')).toBeUndefined();
    expect(resolveExternalId(loop, 'http://loop.example.org/x.dtd', '-//X//EN')).toBeUndefined();
    const b = join(dir, 'loop-b.xml');
    const a = join(dir, 'loop-a.xml');
    expect(catalogLoops(loop).map((d) => `${d.file}:${d.line}:${d.column}: ${d.severity} ${d.message} [${d.ruleId}]`)).toEqual([
      `${b}:3:3: warning this catalog leads back to one already being read (${a} -> ${b} -> ${a}); lookups skip it the second time [validate/catalog-loop]`,
      `${b}:2:3: warning this catalog leads back to one already being read (${a} -> ${b} -> ${a}); lookups skip it the second time [validate/catalog-loop]`,
    ]);
    expect(catalogLoops(loadCatalog(main))).toEqual([]);
  });

  it('an entry without its attribute, or a base that is no URI, is one error at the element', () => {
    const tmp = tempDir('teikit-catalog-');
    const cat = join(tmp, 'c.xml');
    writeFileSync(cat, '<catalog xmlns="urn:oasis:names:tc:entity:xmlns:xml:catalog">\n  <delegatePublic catalog="x.xml"/>\n</catalog>\n');
    expect(() => readCatalog(cat)).toThrow('<delegatePublic> without @publicIdStartString');
  });
});

describe('OASIS XML Catalogs 1.1: teikit validate --catalog', () => {
  it('maps a DOCTYPE public id to a local DTD (its defaults apply) and a schema href through delegateURI', () => {
    const tmp = tempDir('teikit-catalog-cli-');
    mkdirSync(join(tmp, 'local'));
    writeFileSync(join(tmp, 'local', 'defaults.dtd'), '<!ATTLIST doc type CDATA "letter">\n');
    writeFileSync(join(tmp, 'local', 'doc.rng'), '<element name="doc" xmlns="http://relaxng.org/ns/structure/1.0"><attribute name="type"><value>letter</value></attribute><text/></element>\n');
    writeFileSync(join(tmp, 'catalog.xml'), '<catalog xmlns="urn:oasis:names:tc:entity:xmlns:xml:catalog">\n  <public publicId="-//Example//DTD Letter//EN" uri="local/defaults.dtd"/>\n  <delegateURI uriStartString="http://schemas.example.org/" catalog="schemas.xml"/>\n</catalog>\n');
    writeFileSync(join(tmp, 'schemas.xml'), '<catalog xmlns="urn:oasis:names:tc:entity:xmlns:xml:catalog">\n  <uri name="http://schemas.example.org/doc.rng" uri="local/doc.rng"/>\n</catalog>\n');
    writeFileSync(join(tmp, 'doc.xml'), '<?xml-model href="http://schemas.example.org/doc.rng" schematypens="http://relaxng.org/ns/structure/1.0"?>\n<!DOCTYPE doc PUBLIC "-//Example//DTD Letter//EN" "http://example.org/letter.dtd">\n<doc>text</doc>\n');
    const r = runCli(['validate', '--catalog', join(tmp, 'catalog.xml'), join(tmp, 'doc.xml')]);
    expect(r.stdout.replace(/; \d+\.\d\d s$/m, '; T s')).toBe(
      `${tmp}/doc.xml: valid (schema: ${tmp}/local/doc.rng, from xml-model via ${tmp}/catalog.xml)\n1 file: 1 valid, 0 invalid, 0 malformed; 0 errors, 0 warnings; T s\n`,
    );
    expect(r.status).toBe(0);
    const without = runCli(['validate', '--schema', join(tmp, 'local', 'doc.rng'), join(tmp, 'doc.xml')]);
    expect(without.stdout).toContain(`${tmp}/doc.xml:3:6: error element "doc" missing required attribute "type" [relaxng/invalid]\n`);
  });

  it('a nextCatalog loop is one warning line on stderr; the files are still checked', () => {
    const r = runCli(['validate', '--catalog', join(dir, 'loop-a.xml'), '--schema', join(projectRoot, 'test/fixtures/validate/schema-pi/any.rng'), join(projectRoot, 'test/fixtures/validate/schema-pi/local.xml')]);
    expect(r.stderr.split('\n').filter((l) => l !== '')).toEqual([
      `${dir}/loop-b.xml:3:3: warning this catalog leads back to one already being read (${dir}/loop-a.xml -> ${dir}/loop-b.xml -> ${dir}/loop-a.xml); lookups skip it the second time [validate/catalog-loop]`,
      `${dir}/loop-b.xml:2:3: warning this catalog leads back to one already being read (${dir}/loop-a.xml -> ${dir}/loop-b.xml -> ${dir}/loop-a.xml); lookups skip it the second time [validate/catalog-loop]`,
    ]);
    expect(r.status).toBe(0);
  });
});

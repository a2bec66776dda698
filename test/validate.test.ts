/**
 * `teikit validate` through the built CLI, as a user runs it: verdicts, positions, exit codes, schema resolution,
 * XInclude, batches, JSON output checked with ajv, and every kind of hostile input named in the issue.
 */
import { mkdtempSync, readFileSync, writeFileSync, mkdirSync, existsSync, copyFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Ajv } from 'ajv';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { corpusDir, hasCorpus, projectRoot, runCli, teiAll } from './helpers.js';
import * as tools from './tools.mjs';

const fixtures = 'test/fixtures/validate';
const editionSchema = 'schemas/teikit-edition.rng';
const hasJing = !tools.skipUnless(tools.jing, 'the comparisons with jing');

/** Everything but the timing of the summary line. */
function stable(stdout: string): string {
  return stdout.replace(/; \d+\.\d\d s$/m, '; T s');
}

const ajv = new Ajv({ allErrors: true, strict: true });
const checkReport = ajv.compile(JSON.parse(readFileSync(join(projectRoot, 'schemas/validation-report.schema.json'), 'utf8')) as object);
function json(stdout: string): { files: Array<Record<string, unknown> & { diagnostics: Array<Record<string, unknown>> }>; summary: Record<string, number> } {
  const report = JSON.parse(stdout) as unknown;
  if (!checkReport(report)) throw new Error(`report does not match its JSON Schema: ${ajv.errorsText(checkReport.errors)}`);
  return report as ReturnType<typeof json>;
}

let tmp: string;
beforeAll(() => {
  tmp = mkdtempSync(join(tmpdir(), 'teikit-validate-'));
});
afterAll(() => {
  // Some of them are deliberately large: none is left behind.
  rmSync(tmp, { recursive: true, force: true });
});

describe('teikit validate: command line', () => {
  it('prints diagnostics, a verdict line naming the schema and a summary; exit 0 when all are valid', () => {
    const r = runCli(['validate', `${fixtures}/edition-valid.xml`, `${fixtures}/edition-full.xml`]);
    expect(r.stderr).toBe('');
    expect(stable(r.stdout)).toBe(
      `${fixtures}/edition-valid.xml: valid (schema: ${editionSchema}, teikit edition schema; edition rules)\n` +
        `${fixtures}/edition-full.xml: valid (schema: ${editionSchema}, teikit edition schema; edition rules)\n` +
        '2 files: 2 valid, 0 invalid, 0 malformed; 0 errors, 0 warnings; T s\n',
    );
    expect(r.status).toBe(0);
  });

  it('usage errors exit 2 with one line: no PATH, unknown option, bad --format, bad --jobs', () => {
    expect(runCli(['validate'])).toEqual({ status: 2, stdout: '', stderr: 'teikit: validate: no PATH given; run "teikit validate --help"\n' });
    const unknown = runCli(['validate', '--strict', 'a.xml']);
    expect(unknown.status).toBe(2);
    expect(unknown.stderr).toMatch(/^teikit: validate: Unknown option '--strict'/);
    expect(runCli(['validate', '--format', 'xml', 'a.xml'])).toEqual({ status: 2, stdout: '', stderr: 'teikit: validate: --format must be one of text, json, svrl (got "xml")\n' });
    expect(runCli(['validate', '--jobs', 'many', 'a.xml']).stderr).toBe('teikit: validate: --jobs must be a positive integer (got "many")\n');
  });

  it('--help documents options, rules and exit codes', () => {
    const r = runCli(['validate', '--help']);
    expect(r.status).toBe(0);
    for (const word of ['--schema', '--rules', '--xinclude', '--format', '--jobs', 'rules/pointer-resolves', 'rules/id-unique', 'rules/date-valid', 'rules/name-has-ref', 'rules/register-unused', 'rules/geo-range', 'Exit codes']) {
      expect(r.stdout).toContain(word);
    }
  });
});

describe('teikit validate: edition schema and rules', () => {
  it('reports RELAX NG and rule errors of an edition, with positions, and exit 1', () => {
    const r = runCli(['validate', `${fixtures}/edition-invalid.xml`]);
    expect(r.status).toBe(1);
    const lines = r.stdout.split('\n');
    // The rules, with their exact messages and positions.
    expect(lines.filter((l) => l.endsWith('[rules/pointer-resolves]'))).toEqual([
      `${fixtures}/edition-invalid.xml:23:11: error @ref="#tacheng" on <placeName> points to no xml:id "tacheng" in this document [rules/pointer-resolves]`,
    ]);
    expect(lines.filter((l) => l.endsWith('[rules/date-valid]'))).toEqual([
      `${fixtures}/edition-invalid.xml:24:14: error @when="1962-02-30" on <date>: February 1962 has 28 days, not 30 [rules/date-valid]`,
    ]);
    expect(lines.filter((l) => l.endsWith('[rules/name-has-ref]'))).toEqual([
      `${fixtures}/edition-invalid.xml:22:28: error <placeName> in the text body has no @ref pointing to a register entry [rules/name-has-ref]`,
    ]);
    // A duplicate xml:id: the schema types it xsd:ID, so the RELAX NG layer reports both places (as jing does) and
    // the id-unique rule does not repeat it.
    expect(lines.filter((l) => l.endsWith('[rules/id-unique]'))).toEqual([]);
    expect(lines.filter((l) => /"yili"/.test(l)).map((l) => l.replace(/ error .*$/, ''))).toEqual([
      `${fixtures}/edition-invalid.xml:31:28:`,
      `${fixtures}/edition-invalid.xml:38:28:`,
    ]);
    expect(lines.filter((l) => l.endsWith('[rules/register-unused]'))).toEqual([
      `${fixtures}/edition-invalid.xml:34:7: warning register entry <place xml:id="tacheng-region"> is not referenced by any pointer (#tacheng-region) [rules/register-unused]`,
      `${fixtures}/edition-invalid.xml:43:7: warning register entry <org xml:id="unused"> is not referenced by any pointer (#unused) [rules/register-unused]`,
    ]);
    expect(lines.filter((l) => l.endsWith('[rules/geo-range]'))).toEqual([
      `${fixtures}/edition-invalid.xml:36:19: error latitude 181.3 in <geo> is outside -90..90 (is the order "latitude longitude"?) [rules/geo-range]`,
    ]);
    // The edition schema's own strictness: a name without @ref and a date without an ISO value, on their lines.
    const relaxng = lines.filter((l) => l.endsWith('[relaxng/invalid]'));
    expect(relaxng.some((l) => l.startsWith(`${fixtures}/edition-invalid.xml:22:`)), relaxng.join('\n')).toBe(true);
    expect(relaxng.some((l) => l.startsWith(`${fixtures}/edition-invalid.xml:25:`)), relaxng.join('\n')).toBe(true);
    expect(r.stdout).toMatch(/^test\/fixtures\/validate\/edition-invalid\.xml: invalid, \d+ errors, 2 warnings \(schema: schemas\/teikit-edition\.rng, teikit edition schema; edition rules\)$/m);
  });

  it('--rules adds the rules to another schema; without it they do not run', () => {
    const withRules = runCli(['validate', '--schema', `${fixtures}/schema-pi/any.rng`, '--rules', `${fixtures}/edition-invalid.xml`]);
    expect(withRules.stdout).toContain('[rules/date-valid]');
    // No xsd:ID in this schema: the rule reports the duplicate xml:id.
    expect(withRules.stdout).toContain(
      `${fixtures}/edition-invalid.xml:38:7: error duplicate xml:id "yili" on <place> (first used on <place> at line 31, column 7) [rules/id-unique]`,
    );
    expect(withRules.stdout).toContain(`(schema: ${fixtures}/schema-pi/any.rng; edition rules)`);
    const without = runCli(['validate', '--schema', `${fixtures}/schema-pi/any.rng`, `${fixtures}/edition-invalid.xml`]);
    expect(without.stdout).not.toContain('[rules/date-valid]');
    expect(stable(without.stdout)).toBe(
      `${fixtures}/edition-invalid.xml: valid (schema: ${fixtures}/schema-pi/any.rng)\n1 file: 1 valid, 0 invalid, 0 malformed; 0 errors, 0 warnings; T s\n`,
    );
    expect(without.status).toBe(0);
  });
});

describe('teikit validate: schema resolution', () => {
  it('uses a local <?xml-model?> RELAX NG schema, relative to the file', () => {
    const r = runCli(['validate', `${fixtures}/schema-pi/local.xml`]);
    expect(stable(r.stdout)).toBe(
      `${fixtures}/schema-pi/local.xml:3:46: error element "extra" not allowed anywhere; expected the element end-tag or element "item" [relaxng/invalid]\n` +
        `${fixtures}/schema-pi/local.xml: invalid, 1 error (schema: ${fixtures}/schema-pi/tiny.rng, from xml-model)\n` +
        '1 file: 0 valid, 1 invalid, 0 malformed; 1 error, 0 warnings; T s\n',
    );
    expect(r.status).toBe(1);
  });

  it('never fetches a remote xml-model schema: it says so, and checks well-formedness only', () => {
    const r = runCli(['validate', '--format', 'json', `${fixtures}/schema-pi/remote.xml`]);
    const report = json(r.stdout);
    expect(report.files[0]!['schema']).toBeNull();
    expect(report.files[0]!.diagnostics.map((d) => `${d.line}:${d.column}: ${d.severity} ${d.message} [${d.ruleId}]`)).toEqual([
      '2:1: info <?xml-model?> schema "http://www.tei-c.org/release/xml/tei/custom/schema/relaxng/tei_all.rng" is remote and is never fetched; it is not used (map it to a local file with --catalog FILE or "schemas" in teikit.config.json) [validate/schema-fallback]',
      '3:1: info <?xml-model?> schema "http://www.tei-c.org/release/xml/tei/custom/schema/relaxng/tei_all.rng" is remote and is never fetched; its Schematron rules are not checked (map it to a local file with --catalog FILE or "schemas" in teikit.config.json) [validate/schema-fallback]',
      '4:1: info no schema applies to this file: checked for well-formedness only (name one with --schema FILE, an <?xml-model?> processing instruction, or --catalog FILE for a remote one) [validate/no-schema]',
    ]);
    expect(r.status).toBe(0);
    const text = runCli(['validate', `${fixtures}/schema-pi/remote.xml`]);
    expect(text.stdout).toContain(`${fixtures}/schema-pi/remote.xml: valid (no schema: well-formedness only)\n`);
  });

  it('a file that is not a teikit edition is never judged against the edition schema; a teikit edition is', () => {
    const dir = join(tmp, 'foreign');
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'novel.xml'), '<TEI xmlns="http://www.tei-c.org/ns/1.0"><teiHeader/><text><body><p>x</p></body></text></TEI>\n');
    const r = runCli(['validate', join(dir, 'novel.xml'), `${fixtures}/edition-valid.xml`]);
    expect(stable(r.stdout)).toBe(
      `${dir}/novel.xml:1:1: info no schema applies to this file: checked for well-formedness only (name one with --schema FILE, an <?xml-model?> processing instruction, or --catalog FILE for a remote one) [validate/no-schema]\n` +
        `${dir}/novel.xml: valid (no schema: well-formedness only)\n` +
        `${fixtures}/edition-valid.xml: valid (schema: ${editionSchema}, teikit edition schema; edition rules)\n` +
        '2 files: 2 valid, 0 invalid, 0 malformed; 0 errors, 0 warnings; T s\n',
    );
  });

  it('a remote schema maps to a local file through --catalog (uri, rewriteURI, nextCatalog) or teikit.config.json', () => {
    const dir = join(tmp, 'mapped');
    mkdirSync(join(dir, 'sub'), { recursive: true });
    copyFileSync(`${fixtures}/schema-pi/tiny.rng`, join(dir, 'tiny.rng'));
    const doc = '<?xml-model href="http://example.org/schemas/tiny.rng" schematypens="http://relaxng.org/ns/structure/1.0"?>\n<doc><item>one</item><extra/></doc>\n';
    writeFileSync(join(dir, 'sub', 'a.xml'), doc);
    const cat = (body: string): string => `<catalog xmlns="urn:oasis:names:tc:entity:xmlns:xml:catalog">${body}</catalog>\n`;
    writeFileSync(join(dir, 'exact.xml'), cat('<uri name="http://example.org/schemas/tiny.rng" uri="tiny.rng"/>'));
    writeFileSync(join(dir, 'first.xml'), cat('<uri name="http://example.org/other.rng" uri="nowhere.rng"/><nextCatalog catalog="rewrite.xml"/>'));
    writeFileSync(join(dir, 'rewrite.xml'), cat('<rewriteURI uriStartString="http://example.org/" rewritePrefix="./"/><rewriteURI uriStartString="http://example.org/schemas/" rewritePrefix="./"/>'));
    const verdict = `${dir}/sub/a.xml: invalid, 1 error (schema: ${dir}/tiny.rng, from xml-model via `;
    for (const catalog of ['exact.xml', 'first.xml']) {
      const r = runCli(['validate', '--catalog', join(dir, catalog), join(dir, 'sub', 'a.xml')]);
      expect(r.stdout).toContain(`${dir}/sub/a.xml:2:30: error element "extra" not allowed anywhere; expected the element end-tag or element "item" [relaxng/invalid]\n`);
      expect(r.stdout).toContain(`${verdict}${join(dir, catalog)})\n`);
      expect(r.status).toBe(1);
    }
    writeFileSync(join(dir, 'teikit.config.json'), JSON.stringify({ schemas: { 'http://example.org/schemas/': '.' } }));
    const config = runCli(['validate', join(dir, 'sub', 'a.xml')]);
    expect(config.stdout).toContain(`${verdict}${join(dir, 'teikit.config.json')})\n`);
    const broken = runCli(['validate', '--catalog', join(dir, 'tiny.rng'), join(dir, 'sub', 'a.xml')]);
    expect({ status: broken.status, stdout: broken.stdout }).toEqual({ status: 2, stdout: '' });
    expect(broken.stderr).toContain(`${dir}/tiny.rng:2:1: error not an OASIS XML catalog: the root element is not {urn:oasis:names:tc:entity:xmlns:xml:catalog}catalog [validate/catalog]`);
  });

  it('a broken schema named by a file\'s xml-model: that file is not checked (exit 2), the others are', () => {
    const dir = join(tmp, 'broken-model');
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'broken.rng'), '<grammar xmlns="http://relaxng.org/ns/structure/1.0"><start>\n<ref name="missing"/></start></grammar>\n');
    writeFileSync(join(dir, 'a.xml'), '<?xml-model href="broken.rng" schematypens="http://relaxng.org/ns/structure/1.0"?>\n<doc/>\n');
    const r = runCli(['validate', join(dir, 'a.xml'), `${fixtures}/edition-valid.xml`]);
    expect(r.status).toBe(2);
    expect(r.stdout).toMatch(new RegExp(`^${dir}/broken\\.rng:2:\\d+: error .*missing.*$`, 'm'));
    expect(r.stdout).toContain(`${dir}/a.xml: not checked, 1 error (schema: ${dir}/broken.rng, from xml-model)`);
    expect(r.stdout).toContain(`${fixtures}/edition-valid.xml: valid`);
  });

  it('--schema wins over the xml-model schema', () => {
    const r = runCli(['validate', '--schema', `${fixtures}/schema-pi/any.rng`, `${fixtures}/schema-pi/local.xml`]);
    expect(r.stdout).toContain(`${fixtures}/schema-pi/local.xml: valid (schema: ${fixtures}/schema-pi/any.rng)`);
    expect(r.status).toBe(0);
  });

  it('a missing, unreadable or broken --schema exits 2 with one line naming it', () => {
    const missing = runCli(['validate', '--schema', `${tmp}/no-such.rng`, `${fixtures}/edition-valid.xml`]);
    expect(missing.status).toBe(2);
    expect(missing.stdout).toBe('');
    expect(missing.stderr).toMatch(new RegExp(`^${tmp}/no-such.rng:1:1: error cannot read schema: .*\\n$`));
    const directory = runCli(['validate', '--schema', tmp, `${fixtures}/edition-valid.xml`]);
    expect(directory.status).toBe(2);
    expect(directory.stderr.split('\n')).toHaveLength(2);
    writeFileSync(join(tmp, 'not-xml.rng'), 'this is not a schema\n');
    const notXml = runCli(['validate', '--schema', join(tmp, 'not-xml.rng'), `${fixtures}/edition-valid.xml`]);
    expect(notXml.status).toBe(2);
    expect(notXml.stderr).toMatch(/not-xml\.rng:\d+:\d+: error .*\n$/);
    writeFileSync(join(tmp, 'dangling.rng'), '<grammar xmlns="http://relaxng.org/ns/structure/1.0"><start><ref name="nope"/></start></grammar>\n');
    const broken = runCli(['validate', '--schema', join(tmp, 'dangling.rng'), `${fixtures}/edition-valid.xml`]);
    expect(broken.status).toBe(2);
    expect(broken.stderr).toMatch(/dangling\.rng:1:\d+: error .*nope.*\n$/);
    for (const r of [missing, directory, notXml, broken]) expect(r.stderr).not.toMatch(/\n\s+at /);
  });
});

describe('teikit validate: hostile and broken input', () => {
  function validateOne(name: string, content: string | Uint8Array, extra: string[] = []) {
    const path = join(tmp, name);
    writeFileSync(path, content);
    const started = Date.now();
    const r = runCli(['validate', ...extra, path]);
    return { ...r, path, ms: Date.now() - started };
  }

  it('an XXE probe is not read: the secret appears in no output', () => {
    const secret = `TEIKIT-SECRET-${process.pid}-${Date.now()}`;
    writeFileSync(join(tmp, 'secret.txt'), secret);
    const xml = `<?xml version="1.0"?>\n<!DOCTYPE TEI [<!ENTITY s SYSTEM "file://${tmp}/secret.txt"><!ENTITY h SYSTEM "file:///etc/hostname">]>\n<TEI xmlns="http://www.tei-c.org/ns/1.0"><text><body><p>&s; &h;</p></body></text></TEI>\n`;
    for (const format of ['text', 'json']) {
      const r = validateOne('xxe.xml', xml, ['--format', format]);
      expect(r.status, r.stdout + r.stderr).toBe(1);
      expect(r.stdout + r.stderr).not.toContain(secret);
      if (existsSync('/etc/hostname')) {
        const host = readFileSync('/etc/hostname', 'utf8').trim();
        if (host.length > 3) expect(r.stdout + r.stderr).not.toContain(host);
      }
      if (format === 'text') expect(r.stdout).toContain(`${r.path}:3:`);
      if (format === 'text') expect(r.stdout).toContain('external entity "s" is not loaded: teikit never reads external entities [xml/wellformed]');
    }
  });

  it('a billion-laughs file ends at once with a clear error', () => {
    const levels = ['<!ENTITY lol0 "lol">'];
    for (let i = 1; i <= 9; i++) levels.push(`<!ENTITY lol${i} "${`&lol${i - 1};`.repeat(10)}">`);
    const r = validateOne('lol.xml', `<?xml version="1.0"?>\n<!DOCTYPE lolz [\n${levels.join('\n')}\n]>\n<lolz>&lol9;</lolz>\n`);
    expect(r.status).toBe(1);
    expect(r.stdout).toMatch(/lol\.xml:14:\d+: error entity expansion limit exceeded: entity "lol\d" expands to more than 1000000 characters \[xml\/wellformed\]/);
    expect(r.stdout).toContain('lol.xml: malformed, 1 error');
    // How fast it stops (about 0.1 s; jing hangs) is measured in bench/validate.mjs, not here.
  });

  it('200,000 nested elements give a verdict, not a crash', () => {
    const r = validateOne('deep.xml', `<TEI xmlns="http://www.tei-c.org/ns/1.0">${'<div>'.repeat(200_000)}${'</div>'.repeat(200_000)}</TEI>`, ['--jobs', '1', '--schema', join(projectRoot, editionSchema)]);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(1);
    expect(r.stdout).toMatch(/deep\.xml: invalid, \d+ errors? \(schema: /);
  }, 120_000);

  it('invalid UTF-8 is reported with its position', () => {
    const bytes = Buffer.concat([Buffer.from('<?xml version="1.0" encoding="UTF-8"?>\n<TEI xmlns="http://www.tei-c.org/ns/1.0"><p>caf'), Buffer.from([0xc3, 0x28]), Buffer.from('</p></TEI>\n')]);
    const r = validateOne('bad-utf8.xml', bytes);
    expect(r.status).toBe(1);
    expect(r.stdout).toContain(`${r.path}:2:48: error invalid UTF-8 byte sequence`);
    expect(r.stdout).toContain('bad-utf8.xml: malformed, 1 error');
  });

  it('UTF-8 with a BOM and UTF-16 with a BOM are valid', () => {
    const text = readFileSync(join(projectRoot, fixtures, 'edition-valid.xml'), 'utf8');
    const bom = validateOne('bom8.xml', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text)]));
    expect(bom.stdout).toContain('bom8.xml: valid (schema:');
    expect(bom.status).toBe(0);
    const utf16 = validateOne('bom16.xml', Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text.replace('encoding="UTF-8"', 'encoding="UTF-16"'), 'utf16le')]));
    expect(utf16.stdout).toContain('bom16.xml: valid (schema:');
    expect(utf16.status).toBe(0);
  });

  it('binary junk, a truncated file and an empty file are malformed, with a position', () => {
    const junk = validateOne('junk.xml', Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 7919 + 13) % 256)));
    expect(junk.status).toBe(1);
    expect(junk.stdout).toMatch(/junk\.xml:1:\d+: error .* \[xml\/encoding\]/);
    const truncated = validateOne('truncated.xml', '<?xml version="1.0"?>\n<TEI xmlns="http://www.tei-c.org/ns/1.0">\n  <teiHeader>\n    <fileDesc>');
    expect(truncated.status).toBe(1);
    expect(truncated.stdout).toContain(`${truncated.path}:4:14: error unclosed tag: fileDesc [xml/wellformed]`);
    const empty = validateOne('empty.xml', '');
    expect(empty.stdout).toContain(`${empty.path}:1:1: error the file is empty`);
    for (const r of [junk, truncated, empty]) {
      expect(r.stdout).toMatch(/: malformed, 1 error\n/);
      expect(r.stderr).toBe('');
    }
  });

  it('an undeclared namespace prefix is a well-formedness error', () => {
    const r = validateOne('prefix.xml', '<TEI xmlns="http://www.tei-c.org/ns/1.0">\n  <p frus:doc-dateTime-min="1946">x</p>\n</TEI>\n');
    expect(r.status).toBe(1);
    expect(r.stdout).toMatch(/prefix\.xml:2:\d+: error .*frus.* \[xml\/wellformed\]/);
  });

  it('a missing file among several is reported, the others are checked, and the exit code is 2', () => {
    const r = runCli(['validate', `${fixtures}/edition-valid.xml`, `${tmp}/missing.xml`, `${fixtures}/schema-pi/local.xml`]);
    expect(r.status).toBe(2);
    expect(stable(r.stdout)).toBe(
      `${fixtures}/edition-valid.xml: valid (schema: ${editionSchema}, teikit edition schema; edition rules)\n` +
        `${tmp}/missing.xml:1:1: error cannot read: no such file or directory [io/file]\n` +
        `${tmp}/missing.xml: not checked, 1 error\n` +
        `${fixtures}/schema-pi/local.xml:3:46: error element "extra" not allowed anywhere; expected the element end-tag or element "item" [relaxng/invalid]\n` +
        `${fixtures}/schema-pi/local.xml: invalid, 1 error (schema: ${fixtures}/schema-pi/tiny.rng, from xml-model)\n` +
        '3 files: 1 valid, 1 invalid, 0 malformed, 1 not checked; 2 errors, 0 warnings; T s\n',
    );
  });
});

describe('teikit validate --format json', () => {
  it('prints one document that matches schemas/validation-report.schema.json', () => {
    const r = runCli(['validate', '--format', 'json', `${fixtures}/edition-valid.xml`, `${fixtures}/edition-invalid.xml`, `${tmp}/missing.xml`]);
    expect(r.status).toBe(2);
    const report = json(r.stdout);
    expect(report.files.map((f) => [f['path'], f['verdict'], f['rules']])).toEqual([
      [`${fixtures}/edition-valid.xml`, 'valid', true],
      [`${fixtures}/edition-invalid.xml`, 'invalid', true],
      [`${tmp}/missing.xml`, 'error', false],
    ]);
    expect(report.files[2]!['schema']).toBeNull();
    expect(report.summary).toMatchObject({ files: 3, valid: 1, invalid: 1, malformed: 0, failed: 1, warnings: 2 });
    const dateError = report.files[1]!.diagnostics.find((d) => d['ruleId'] === 'rules/date-valid');
    expect(dateError).toEqual({
      file: `${fixtures}/edition-invalid.xml`,
      line: 24,
      column: 14,
      severity: 'error',
      message: '@when="1962-02-30" on <date>: February 1962 has 28 days, not 30',
      ruleId: 'rules/date-valid',
      source: 'rules',
      actual: '1962-02-30',
      url: 'README.md#rule-rules-date-valid',
    });
  });

  it('a malformed file gets the verdict "malformed" and no schema', () => {
    const r = runCli(['validate', '--format', 'json', `${fixtures}/xinclude/quote.txt`]);
    const report = json(r.stdout);
    expect(report.files[0]).toMatchObject({ verdict: 'malformed', schema: null });
    expect(r.status).toBe(1);
  });
});

describe('teikit validate --xinclude', () => {
  it('validates the included pieces and reports errors at the file and line they came from', () => {
    const r = runCli(['validate', '--xinclude', '--schema', `${fixtures}/schema-pi/tei-subset.rng`, `${fixtures}/xinclude/main.xml`]);
    expect(stable(r.stdout)).toBe(
      `${fixtures}/xinclude/main.xml:16:17: error element "bogus" not allowed anywhere; expected the element end-tag or text [relaxng/invalid]\n` +
        `${fixtures}/xinclude/part.xml:3:32: error element "wrong" not allowed anywhere; expected the element end-tag or text [relaxng/invalid]\n` +
        `${fixtures}/xinclude/main.xml: invalid, 2 errors (schema: ${fixtures}/schema-pi/tei-subset.rng)\n` +
        '1 file: 0 valid, 1 invalid, 0 malformed; 2 errors, 0 warnings; T s\n',
    );
    expect(r.status).toBe(1);
  });

  it('reports missing and remote resources, unsupported xpointers and inclusion loops where they are', () => {
    const r = runCli(['validate', '--xinclude', '--schema', `${fixtures}/schema-pi/any.rng`, `${fixtures}/xinclude/problems.xml`]);
    const f = `${fixtures}/xinclude/problems.xml`;
    expect(stable(r.stdout)).toBe(
      `${f}:12:7: error xi:include href="missing-part.xml": cannot read file: no such file or directory [xml/xinclude]\n` +
        `${f}:13:7: error xi:include href="https://example.org/remote.xml" is remote: teikit never fetches remote resources [xml/xinclude]\n` +
        `${f}:14:7: error xi:include xpointer="xpointer(//p)": only shorthand pointers ("id") and element(id) are supported [xml/xinclude]\n` +
        `${f}:15:7: error xi:include href="problems.xml" is already being included (an inclusion loop) [xml/xinclude]\n` +
        `${f}: invalid, 4 errors (schema: ${fixtures}/schema-pi/any.rng)\n` +
        '1 file: 0 valid, 1 invalid, 0 malformed; 4 errors, 0 warnings; T s\n',
    );
  });

  it('resolves nested includes relative to the including file; rule diagnostics keep their file and line', () => {
    const dir = join(tmp, 'xi-nested');
    mkdirSync(join(dir, 'sub'), { recursive: true });
    writeFileSync(join(dir, 'main.xml'), '<TEI xmlns="http://www.tei-c.org/ns/1.0" xmlns:xi="http://www.w3.org/2001/XInclude">\n<text><body>\n<xi:include href="sub/part.xml"/>\n</body></text></TEI>\n');
    writeFileSync(join(dir, 'sub/part.xml'), '<div xmlns="http://www.tei-c.org/ns/1.0" xmlns:xi="http://www.w3.org/2001/XInclude">\n<p><placeName>X</placeName> <date when="1962-02-30">x</date></p>\n<xi:include href="deeper.xml"/>\n</div>\n');
    writeFileSync(join(dir, 'sub/deeper.xml'), '<p xmlns="http://www.tei-c.org/ns/1.0">\n\n<rs>deep</rs></p>\n');
    const r = runCli(['validate', '--xinclude', '--rules', '--schema', join(projectRoot, fixtures, 'schema-pi/any.rng'), 'main.xml'], { cwd: dir });
    expect(r.stdout.split('\n').slice(0, 4)).toEqual([
      'sub/part.xml:2:4: error <placeName> in the text body has no @ref pointing to a register entry [rules/name-has-ref]',
      'sub/part.xml:2:29: error @when="1962-02-30" on <date>: February 1962 has 28 days, not 30 [rules/date-valid]',
      'sub/deeper.xml:3:1: error <rs> in the text body has no @ref pointing to a register entry [rules/name-has-ref]',
      `main.xml: invalid, 3 errors (schema: ${join(projectRoot, fixtures, 'schema-pi/any.rng')}; edition rules)`,
    ]);
    expect(r.status).toBe(1);
  });

  it.skipIf(!hasCorpus)('the TEI Stylesheets test testxi.xml (includes testxi-inc.xml) is valid against tei_all', () => {
    const r = runCli(['validate', '--xinclude', '--schema', teiAll, `${corpusDir}tei-stylesheets/Test/testxi.xml`]);
    expect(r.stdout).toContain('testxi.xml: valid (schema:');
    expect(r.status).toBe(0);
  });
});

describe('teikit validate: batches', () => {
  it('validates directories recursively, in order, one bad file never stopping the batch; --jobs 1 and 2 agree', () => {
    const dir = join(tmp, 'batch');
    mkdirSync(join(dir, 'sub'), { recursive: true });
    const valid = readFileSync(join(projectRoot, fixtures, 'edition-full.xml'), 'utf8');
    // Enough bytes for the worker threads to be used (more than 8 MB over at least 4 files).
    const padding = `<!--${' '.repeat(2_800_000)}-->\n`;
    for (const name of ['a.xml', 'c.xml', 'sub/e.xml']) writeFileSync(join(dir, name), valid.replace('<TEI', `${padding}<TEI`));
    writeFileSync(join(dir, 'b.xml'), '<TEI xmlns="http://www.tei-c.org/ns/1.0"><unclosed></TEI>');
    writeFileSync(join(dir, 'd.xml'), valid.replace('when="1962-04-21"', 'when="1962-04-31"'));
    writeFileSync(join(dir, 'notes.txt'), 'not xml, not validated');
    const one = runCli(['validate', '--jobs', '1', dir]);
    const two = runCli(['validate', '--jobs', '2', dir]);
    expect(stable(two.stdout)).toBe(stable(one.stdout));
    const verdicts = one.stdout.split('\n').filter((l) => /^\S+: (valid|invalid|malformed)\b/.test(l));
    expect(verdicts.map((l) => l.replace(/: (valid|invalid|malformed)\b.*$/, ': $1'))).toEqual([
      `${dir}/a.xml: valid`,
      `${dir}/b.xml: malformed`,
      `${dir}/c.xml: valid`,
      `${dir}/d.xml: invalid`,
      `${dir}/sub/e.xml: valid`,
    ]);
    expect(one.stdout).toContain(`${dir}/d.xml:73:111: error @when="1962-04-31" on <date>: April 1962 has 30 days, not 31 [rules/date-valid]`);
    expect(one.stdout).toMatch(/^5 files: 3 valid, 1 invalid, 1 malformed; \d+ errors, 0 warnings; \d+\.\d\d s$/m);
    expect(one.status).toBe(1);
    expect(two.status).toBe(1);
    expect(two.stderr).toBe(''); // no progress bar when stderr is not a terminal
  });
});

describe.skipIf(!hasCorpus)('teikit validate on real TEI (../shared/corpus) against tei_all', () => {
  const selection = [
    'frus-history/articles/seward-letter.xml',
    'frus/volumes/frus1958-60v05mSupp.xml',
    'tei-stylesheets/Test/test.xml',
    'tei-stylesheets/Test/testapp2.xml',
    'tei-stylesheets/Test/testtranscr.xml',
    'tei-stylesheets/Test/test23.xml',
    'tei-stylesheets/Test/ms.xml',
    'tei-stylesheets/Test2/inputFiles/testCorpus1.xml',
    'tei-stylesheets/Test2/inputFiles/invalidInstances/testPure1InvalidInstance.xml',
    'ceteicean/tutorial_ja/meros.xml',
    'letters-lassberg/data/letters/lassberg-letter-1270.xml',
    'letters-lassberg/data/letters/lassberg-letter-1235.xml',
    'cmif/examples/example01_basic.xml',
    'frus/fragments/kennan.xml',
  ].map((p) => `${corpusDir}${p}`);

  it('gives the verdicts of jing, and the line of the first error (JSON output checked with ajv)', () => {
    const r = runCli(['validate', '--format', 'json', '--schema', teiAll, ...selection]);
    const report = json(r.stdout);
    expect(report.files.map((f) => f['path'])).toEqual(selection);
    const ours = report.files.map((f) => {
      const first = f.diagnostics.find((d) => d['severity'] === 'error');
      return `${String(f['path']).slice(corpusDir.length)}: ${f['verdict'] === 'valid' ? 'valid' : `${f['verdict']} at line ${String(first?.['line'])}`}`;
    });
    expect(ours).toEqual([
      'frus-history/articles/seward-letter.xml: invalid at line 13',
      'frus/volumes/frus1958-60v05mSupp.xml: valid',
      'tei-stylesheets/Test/test.xml: valid',
      'tei-stylesheets/Test/testapp2.xml: valid',
      'tei-stylesheets/Test/testtranscr.xml: valid',
      'tei-stylesheets/Test/test23.xml: invalid at line 3',
      'tei-stylesheets/Test/ms.xml: valid',
      'tei-stylesheets/Test2/inputFiles/testCorpus1.xml: valid',
      'tei-stylesheets/Test2/inputFiles/invalidInstances/testPure1InvalidInstance.xml: invalid at line 141',
      'ceteicean/tutorial_ja/meros.xml: valid',
      'letters-lassberg/data/letters/lassberg-letter-1270.xml: invalid at line 18',
      'letters-lassberg/data/letters/lassberg-letter-1235.xml: valid',
      'cmif/examples/example01_basic.xml: valid',
      'frus/fragments/kennan.xml: malformed at line 3',
    ]);
    if (hasJing) {
      // The same, from jing, one file per call (given many files, jing stops at the first malformed one).
      const jing = selection.map((file) => {
        const j = tools.runTool(tools.jing, [teiAll, file]);
        const first = /^[^\n]*?:(\d+):\d+: (?:fatal|error):/m.exec(j.stdout);
        const verdict = j.status === 0 ? 'valid' : `${/fatal:/.test(j.stdout) ? 'malformed' : 'invalid'} at line ${first?.[1]}`;
        return `${file.slice(corpusDir.length)}: ${verdict}`;
      });
      expect(ours).toEqual(jing);
    }
    expect(r.status).toBe(1);
  }, 300_000); // fourteen JVM starts for jing: minutes on a loaded machine

  it('reads the schema named by a local xml-model PI, and falls back from a remote one (the Slany report names tei_all online)', () => {
    const r = runCli(['validate', `${corpusDir}frus-history/documents/1984-07-slany-report-to-congress.xml`]);
    expect(r.stdout).toMatch(/slany-report-to-congress\.xml:2:\d+: info <\?xml-model\?> schema "http:\/\/www\.tei-c\.org\/release\/xml\/tei\/custom\/schema\/relaxng\/tei_all\.rng" is remote and is never fetched; it is not used \(map it to a local file with --catalog FILE or "schemas" in teikit\.config\.json\) \[validate\/schema-fallback\]/);
    expect(r.stdout).toMatch(/slany-report-to-congress\.xml: valid \(no schema: well-formedness only\)/);
    // A copy next to a local tei_all: the xml-model schema is used.
    const dir = join(tmp, 'local-model');
    mkdirSync(dir, { recursive: true });
    copyFileSync(teiAll, join(dir, 'tei_all.rng'));
    const text = readFileSync(`${corpusDir}frus-history/articles/seward-letter.xml`, 'utf8');
    writeFileSync(join(dir, 'letter.xml'), `<?xml-model href="tei_all.rng" schematypens="http://relaxng.org/ns/structure/1.0"?>\n${text}`);
    const local = runCli(['validate', join(dir, 'letter.xml')]);
    expect(local.stdout).toContain(`${dir}/letter.xml:14:41: error element "date" not allowed`);
    // tei_all's embedded Schematron runs whenever tei_all is used.
    expect(local.stdout).toMatch(new RegExp(`letter\\.xml: invalid, \\d+ errors? \\(schema: ${join(dir, 'tei_all.rng')}, from xml-model; schematron embedded in ${join(dir, 'tei_all.rng')}\\)`));
  });
});

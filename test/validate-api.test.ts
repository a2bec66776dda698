/**
 * The library behind `teikit validate`: the same reports as the CLI, as data.
 */
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { validateFiles, validateSource, resolveSchema } from '../src/index.js';
import { parseXml } from '../src/xml/index.js';
import { PROLOG_HEAD_BYTES, schemasNamedInProlog } from '../src/validate/association.js';
import { projectRoot } from './helpers.js';

const fixtures = join(projectRoot, 'test/fixtures/validate');
const tiny = join(fixtures, 'schema-pi/tiny.rng');

describe('validate API', () => {
  it('validateSource returns a report with verdict, schema and sorted diagnostics', async () => {
    const report = await validateSource('<doc>\n  <item>one</item>\n  <other/>\n</doc>\n', 'mem.xml', { schema: tiny });
    expect(report).toMatchObject({ path: 'mem.xml', verdict: 'invalid', schema: { path: tiny, origin: 'option' }, rules: false });
    expect(report.diagnostics.map((d) => [d.line, d.source])).toEqual([[3, 'relaxng']]);
    const ok = await validateSource('<doc><item>one</item></doc>', 'ok.xml', { schema: tiny });
    expect(ok).toEqual({ path: 'ok.xml', verdict: 'valid', schema: { path: tiny, origin: 'option' }, schemas: [{ path: tiny, origin: 'option' }], rules: false, diagnostics: [] });
    const bad = await validateSource('<doc><item>one</doc>', 'bad.xml', { schema: tiny });
    expect(bad.verdict).toBe('malformed');
    expect(bad.schema).toBeNull();
  });

  it('validateFiles keeps input order and counts verdicts in the summary', async () => {
    const report = await validateFiles([join(fixtures, 'schema-pi'), join(fixtures, 'nope.xml')], { jobs: 1, schema: join(fixtures, 'schema-pi/any.rng') });
    expect(report.files.map((f) => [f.path.slice(fixtures.length + 1), f.verdict])).toEqual([
      ['schema-pi/local.xml', 'valid'],
      ['schema-pi/remote.xml', 'valid'],
      ['nope.xml', 'error'],
    ]);
    expect(report.summary).toMatchObject({ files: 3, valid: 2, invalid: 0, malformed: 0, failed: 1, errors: 1, warnings: 0 });
  });

  it('resolveSchema: xml-model with single quotes and file: URLs, oXygen PIs, compact syntax falls back', () => {
    const pi = (body: string, target = 'xml-model') => parseXml(`<?${target} ${body}?>\n<doc/>`, { file: join(fixtures, 'x.xml') });
    const file = join(fixtures, 'x.xml');
    expect(resolveSchema(pi(`href='schema-pi/tiny.rng' schematypens='http://relaxng.org/ns/structure/1.0'`), file)).toEqual({
      relaxng: [{ path: tiny, origin: 'xml-model', namedBy: { target: 'xml-model', href: 'schema-pi/tiny.rng', line: 1, column: 1 } }],
      notes: [],
      schematron: [],
    });
    expect(resolveSchema(pi(`href="${pathToFileURL(tiny).href}"`), file).relaxng).toMatchObject([{ path: tiny, origin: 'xml-model' }]);
    expect(resolveSchema(pi('RNGSchema="schema-pi/tiny.rng" type="xml"', 'oxygen'), file).relaxng).toMatchObject([{ path: tiny, origin: 'xml-model' }]);
    const rnc = resolveSchema(pi('href="frus.rnc" type="application/relax-ng-compact-syntax"'), file);
    expect(rnc.relaxng).toEqual([]);
    expect(rnc.notes.map((n) => n.message.replace(/\(\/.*\)/, '(PATH)'))).toEqual([
      '<?xml-model?> schema "frus.rnc" does not exist (PATH); it is not used',
      'no schema applies to this file: checked for well-formedness only (name one with --schema FILE, an <?xml-model?> processing instruction, or --catalog FILE for a remote one)',
    ]);
    const schematron = resolveSchema(pi('href="rules.sch" schematypens="http://purl.oclc.org/dsdl/schematron"'), file);
    // A Schematron PI does not choose the RELAX NG schema; one that does not exist is named in a note.
    expect(schematron).toMatchObject({ relaxng: [], schematron: [] });
    expect(schematron.notes.map((n) => n.message.replace(/\(.*\)/, '(PATH)'))).toEqual([
      '<?xml-model?> schema "rules.sch" does not exist (PATH); its Schematron rules are not checked',
      'no schema applies to this file: checked for well-formedness only (PATH)',
    ]);
    const both = resolveSchema(pi('href="schema-pi/tiny.rng" schematypens="http://purl.oclc.org/dsdl/schematron"'), file);
    expect(both).toMatchObject({ relaxng: [], schematron: [{ path: tiny, origin: 'xml-model', namedBy: { target: 'xml-model', href: 'schema-pi/tiny.rng', line: 1, column: 1 } }] });
    const missing = resolveSchema(pi('href="gone.rng"'), file);
    expect(missing.notes[0]?.message).toMatch(/^<\?xml-model\?> schema "gone\.rng" does not exist \(.*gone\.rng\); it is not used$/);
  });

  it('the schemas a prolog names, found before a batch starts, in UTF-16 too and in a head cut inside a character', () => {
    const file = join(fixtures, 'x.xml');
    const prolog = '<?xml version="1.0" encoding="UTF-16"?>\n<?xml-model href="schema-pi/tiny.rng" schematypens="http://relaxng.org/ns/structure/1.0"?>\n<?xml-model href="schema-pi/tiny.rng" schematypens="http://purl.oclc.org/dsdl/schematron"?>\n';
    const named = { relaxng: [tiny], schematron: [tiny] };
    const utf16le = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(`${prolog}<doc/>`, 'utf16le')]);
    const utf16be = Buffer.from(utf16le).swap16();
    expect(schemasNamedInProlog(utf16le, file)).toEqual(named);
    expect(schemasNamedInProlog(utf16be, file)).toEqual(named);
    // 16 KB of a longer file, ending in the middle of a three-byte character (中 is E4 B8 AD).
    const utf8 = Buffer.from(`${prolog.replace('UTF-16', 'UTF-8')}<doc>${'中'.repeat(PROLOG_HEAD_BYTES)}</doc>`);
    expect(schemasNamedInProlog(utf8.subarray(0, PROLOG_HEAD_BYTES), file)).toEqual(named);
    expect(utf8.subarray(0, PROLOG_HEAD_BYTES).toString('utf8').endsWith('\ufffd')).toBe(true); // the cut splits one
  });
});


/**
 * A file may name several schemas, and each applies: every RELAX NG `<?xml-model?>` (or `--schema` given more than
 * once), each with its embedded Schematron, and every standalone Schematron. The verdict line and the JSON report
 * name each schema that ran; one that cannot be read or loaded gives its diagnostic and the others still run; the
 * streaming path feeds every schema from one parse (a DOCTYPE included); a batch compiles the schemas its files
 * name once, before the workers start. Fixtures: test/fixtures/validate/multi/.
 */
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Ajv } from 'ajv';
import { describe, expect, it } from 'vitest';
import { validateDocument, validateSource } from '../src/validate/index.js';
import { parseXml } from '../src/xml/index.js';
import { projectRoot, runCli } from './helpers.js';
import * as tools from './tools.mjs';

const rel = 'test/fixtures/validate/multi';
const dir = join(projectRoot, rel);
const noJing = tools.skipUnless(tools.jing, 'the comparison of each schema\'s messages with jing');
const stable = (s: string): string => s.replace(/; \d+\.\d\d s$/m, '; T s');
const ajv = new Ajv({ allErrors: true, strict: true });
const checkReport = ajv.compile(JSON.parse(readFileSync(join(projectRoot, 'schemas/validation-report.schema.json'), 'utf8')) as object);

describe('several schemas named by a file', () => {
  it('applies every RELAX NG and Schematron schema the xml-model PIs name, and the verdict line names each', () => {
    const r = runCli(['validate', `${rel}/three.xml`]);
    expect(stable(r.stdout)).toBe(
      `${rel}/three.xml:5:1: error a doc holds at least two items [schematron/typed-items]\n` +
        `${rel}/three.xml:5:6: error element "doc" missing required attribute "type" (schema typed.rng) [relaxng/invalid]\n` +
        `${rel}/three.xml:7:3: error an extra element is not wanted here [schematron/no-extra]\n` +
        `${rel}/three.xml:7:11: error element "extra" not allowed anywhere; expected the element end-tag or element "item" (schema items.rng) [relaxng/invalid]\n` +
        `${rel}/three.xml: invalid, 4 errors (schema: ${rel}/items.rng, from xml-model; schema: ${rel}/typed.rng, from xml-model; schematron: ${rel}/rules.sch, from xml-model; schematron embedded in ${rel}/typed.rng)\n` +
        '1 file: 0 valid, 1 invalid, 0 malformed; 4 errors, 0 warnings; T s\n',
    );
    expect(r.status).toBe(1);
    const ok = runCli(['validate', `${rel}/valid.xml`]);
    expect(stable(ok.stdout)).toBe(
      `${rel}/valid.xml: valid (schema: ${rel}/items.rng, from xml-model; schema: ${rel}/typed.rng, from xml-model; schematron embedded in ${rel}/typed.rng)\n` +
        '1 file: 1 valid, 0 invalid, 0 malformed; 0 errors, 0 warnings; T s\n',
    );
    expect(ok.status).toBe(0);
  });

  it.skipIf(noJing)('each schema\'s messages are jing\'s for that schema alone', () => {
    const ours = runCli(['validate', '--no-schematron', `${dir}/three.xml`]).stdout.split('\n');
    for (const schema of ['items.rng', 'typed.rng']) {
      const jing = tools.runTool(tools.jing, [join(dir, schema), join(dir, 'three.xml')]).stdout.trim().split('\n').map((l) => l.replace(': error: ', ': error ')).sort();
      const mine = ours.filter((l) => l.endsWith(` (schema ${schema}) [relaxng/invalid]`)).map((l) => l.replace(` (schema ${schema}) [relaxng/invalid]`, '')).sort();
      expect(mine).toEqual(jing);
    }
  });

  it('the JSON report keeps schema (the first) and lists every one in schemas', () => {
    const r = runCli(['validate', '--format', 'json', `${rel}/three.xml`]);
    const report = JSON.parse(r.stdout) as { files: Array<Record<string, unknown>> };
    expect(checkReport(report), ajv.errorsText(checkReport.errors)).toBe(true);
    const { diagnostics, ...file } = report.files[0]!;
    expect(file).toEqual({
      path: `${rel}/three.xml`,
      verdict: 'invalid',
      schema: { path: `${dir}/items.rng`, origin: 'xml-model' },
      schemas: [
        { path: `${dir}/items.rng`, origin: 'xml-model' },
        { path: `${dir}/typed.rng`, origin: 'xml-model' },
      ],
      rules: false,
      schematron: [
        { path: `${dir}/rules.sch`, origin: 'xml-model', phase: '#ALL' },
        { path: `${dir}/typed.rng`, origin: 'embedded', phase: '#ALL' },
      ],
    });
    expect((diagnostics as Array<{ ruleId: string }>).map((d) => d.ruleId)).toEqual(['schematron/typed-items', 'relaxng/invalid', 'schematron/no-extra', 'relaxng/invalid']);
  });

  it('a schema that does not exist is an info line, one that does not load an error; the others still run (exit 2)', () => {
    const r = runCli(['validate', `${rel}/unreadable.xml`]);
    expect(stable(r.stdout)).toBe(
      `${rel}/unreadable.xml:2:1: info <?xml-model?> schema "gone.rng" does not exist (${dir}/gone.rng); it is not used [validate/schema-fallback]\n` +
        `${dir}/broken.rng:2:31: error incorrect RELAX NG schema: reference to undefined pattern "missing" [relaxng/schema]\n` +
        `${rel}/unreadable.xml:7:11: error element "extra" not allowed anywhere; expected the element end-tag or element "item" [relaxng/invalid]\n` +
        `${rel}/unreadable.xml: not checked, 2 errors (schema: ${rel}/broken.rng, from xml-model; schema: ${rel}/items.rng, from xml-model)\n` +
        '1 file: 0 valid, 0 invalid, 0 malformed, 1 not checked; 2 errors, 0 warnings; T s\n',
    );
    expect(r.status).toBe(2);
  });

  it('--schema given RELAX NG twice applies both, streaming, with the DOCTYPE\'s defaults and entities', () => {
    const r = runCli(['validate', '--schema', `${rel}/items.rng`, '--schema', `${rel}/typed.rng`, '--no-schematron', `${rel}/stream.xml`]);
    expect(stable(r.stdout)).toBe(
      `${rel}/stream.xml:8:11: error element "extra" not allowed anywhere; expected the element end-tag or element "item" (schema ${rel}/items.rng) [relaxng/invalid]\n` +
        `${rel}/stream.xml:9:18: error found attribute "type", but no attributes allowed here (schema ${rel}/items.rng) [relaxng/invalid]\n` +
        `${rel}/stream.xml:9:18: error found attribute "type", but no attributes allowed here (schema ${rel}/typed.rng) [relaxng/invalid]\n` +
        `${rel}/stream.xml: invalid, 3 errors (schema: ${rel}/items.rng; schema: ${rel}/typed.rng)\n` +
        '1 file: 0 valid, 1 invalid, 0 malformed; 3 errors, 0 warnings; T s\n',
    );
    expect(r.status).toBe(1);
  });

  it('the streaming path and the tree path give the same report for several schemas and a DOCTYPE', async () => {
    const file = join(dir, 'stream.xml');
    const bytes = readFileSync(file);
    const options = { schema: [join(dir, 'items.rng'), join(dir, 'typed.rng')], noSchematron: true };
    const streamed = await validateSource(bytes, file, options);
    const tree = await validateDocument(parseXml(bytes, { file, externalDtd: () => undefined }), file, options);
    expect(streamed).toEqual(tree);
    expect(streamed.diagnostics.map((d) => `${d.line}:${d.column}`)).toEqual(['8:11', '9:18', '9:18']);
  });

  it('a file no schema applies to says so in JSON as in text: wellFormednessOnly, no schemas', () => {
    const r = runCli(['validate', '--format', 'json', 'test/fixtures/validate/schema-pi/remote.xml', `${rel}/valid.xml`]);
    const report = JSON.parse(r.stdout) as { files: Array<Record<string, unknown>> };
    expect(checkReport(report), ajv.errorsText(checkReport.errors)).toBe(true);
    expect(report.files.map((f) => [f['verdict'], f['schema'], f['schemas'], f['wellFormednessOnly']])).toEqual([
      ['valid', null, [], true],
      ['valid', { path: `${dir}/items.rng`, origin: 'xml-model' }, [{ path: `${dir}/items.rng`, origin: 'xml-model' }, { path: `${dir}/typed.rng`, origin: 'xml-model' }], undefined],
    ]);
  });
});

describe('a batch compiles the schemas its files name once, before the workers start', () => {
  it('the Schematron and the RELAX NG schemas of the xml-model PIs are compiled in this thread, the workers read the cache', async () => {
    // The built modules: only they can start worker threads.
    const dist = (path: string): string => pathToFileURL(join(projectRoot, 'dist/src/validate', path)).href;
    const { validateFiles } = (await import(dist('index.js'))) as typeof import('../src/validate/index.js');
    const { schematronFor, schemaFor } = (await import(dist('validate-file.js'))) as typeof import('../src/validate/validate-file.js');
    const cacheDir = mkdtempSync(join(tmpdir(), 'teikit-multi-cache-'));
    const files = ['three.xml', 'valid.xml', 'three.xml'].map((f) => join(dir, f));
    const report = await validateFiles(files, { cacheDir, jobs: 2, timeLimit: 120 });
    expect(report.files.map((f) => f.verdict)).toEqual(['invalid', 'valid', 'invalid']);
    // Loaded in this thread before the batch (so compiled here: not from the cache), once each.
    expect(schematronFor(join(dir, 'rules.sch'), false, { cacheDir })?.fromCache).toBe(false);
    expect(schematronFor(join(dir, 'typed.rng'), true, { cacheDir })?.fromCache).toBe(false);
    expect((await schemaFor(join(dir, 'typed.rng'), { cacheDir })).fromCache).toBe(false);
    // Two compiled Schematron schemas (rules.sch, typed.rng's rules) and two RELAX NG grammars, one entry each.
    expect([readdirSync(join(cacheDir, 'schematron')).filter((f) => f.endsWith('.sef.json')).length, readdirSync(join(cacheDir, 'relaxng')).length]).toEqual([2, 2]);
  });
});

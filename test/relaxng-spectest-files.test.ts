/**
 * James Clark's RELAX NG test suite one instance at a time, from files on disk, as `teikit validate --schema` runs
 * it (validateFile, the CLI's code path, in one process; a few cases also through the CLI itself): every incorrect
 * schema must be refused (verdict "error", exit code 2 from the CLI), every valid instance valid, every invalid one
 * invalid. Resources are real files here, so `href`s resolve against real paths (an `externalRef` whose href has a
 * fragment, section 4.5, must be refused).
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { validateFile } from '../src/validate/index.js';
import { runCli } from './helpers.js';
import { loadCases, present, type Case } from './spectest-cases.js';

const work = mkdtempSync(join(tmpdir(), 'teikit-spectest-files-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

function writeCase(k: Case): { dir: string; schema: string; instances: Array<{ file: string; valid: boolean }> } {
  const dir = join(work, `case${k.n}`);
  const put = (name: string, text: string): string => {
    const path = join(dir, name);
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, text);
    return path;
  };
  for (const [name, text] of k.resources) put(name, text);
  const schema = put('schema.rng', k.incorrect ?? k.correct ?? '');
  const instances = [
    ...k.valid.map((x, i) => ({ file: put(`valid${i + 1}.xml`, x), valid: true })),
    ...k.invalid.map((x, i) => ({ file: put(`invalid${i + 1}.xml`, x), valid: false })),
  ];
  if (k.incorrect !== undefined) instances.push({ file: put('instance.xml', '<doc/>'), valid: false });
  return { dir, schema, instances };
}

const score = { passed: 0, total: 0 };

describe.skipIf(!present)('RELAX NG spec suite, one instance per call, files on disk', () => {
  const cases = present ? loadCases() : [];
  afterAll(() => console.log(`RELAX NG spec suite per instance: ${score.passed}/${score.total} checks passed`));

  it('every incorrect schema is refused, every instance gets its verdict', async () => {
    const failures: string[] = [];
    for (const k of cases) {
      const { schema, instances } = writeCase(k);
      for (const inst of instances) {
        const report = await validateFile(inst.file, { schema, noCache: true });
        const want = k.incorrect !== undefined ? 'error' : inst.valid ? 'valid' : 'invalid';
        score.total++;
        if (report.verdict === want) score.passed++;
        else failures.push(`case ${k.n} ${inst.file.slice(work.length)}: ${report.verdict}, expected ${want} (${report.diagnostics[0]?.message ?? ''})`);
      }
    }
    expect(failures).toEqual([]);
    // 213 incorrect schemas and the 580 instances of the 172 correct ones (the batch run also counts each correct schema)
    expect(score.total).toBe(793);
  }, 300_000);

  it('through the CLI: an externalRef whose href has a fragment is refused with exit code 2 and the schema position', () => {
    const k = cases.find((c) => c.incorrect !== undefined && /externalRef[^>]*href="[^"]*#/.test(c.incorrect));
    expect(k).toBeDefined();
    const { schema, instances } = writeCase(k!);
    const r = runCli(['validate', '--schema', schema, instances[0]!.file]);
    expect(r.status).toBe(2);
    expect(r.stdout + r.stderr).toMatch(/schema\.rng:\d+:\d+: error incorrect RELAX NG schema: the href "[^"]*#[^"]*" must not have a fragment identifier/);
  });
});

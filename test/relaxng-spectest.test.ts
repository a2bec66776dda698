/**
 * James Clark's RELAX NG test suite (the one jing is tested with), data-driven: 385 cases, each an incorrect
 * schema (must be rejected) or a correct schema (must compile) with valid and invalid instances. Counted as jing's
 * harness counts it: 965 checks. Every case runs; SKIP lists the ones we do not pass, each with its reason.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { TeikitError } from '../src/diagnostics.js';
import { compileSchema } from '../src/validate/relaxng/compile.js';
import { validateTree } from '../src/validate/relaxng/index.js';
import { parseXml } from '../src/xml/index.js';
import { loadCases, present, type Case } from './spectest-cases.js';

/** Case number (1-based, document order) -> why we do not pass it. Keep empty if possible. */
const SKIP: Record<number, string> = {};

async function compileCase(k: Case, schema: string) {
  const base = `file:///spectest/case${k.n}/`;
  const files = new Map<string, string>([[`${base}schema.rng`, schema]]);
  for (const [name, text] of k.resources) files.set(base + name, text);
  return compileSchema(new URL('schema.rng', base), (u) => {
    const text = files.get(u.href);
    if (text === undefined) throw new Error(`no such resource ${u.href}`);
    return text;
  });
}

const score = { passed: 0, total: 0 };

describe.skipIf(!present)('RELAX NG spec suite (James Clark, as run by jing)', () => {
  const cases = present ? loadCases() : [];
  afterAll(() => {
    console.log(`RELAX NG spec suite: ${score.passed}/${score.total} checks passed (jing: 965/965)`);
  });

  it('has the 385 cases jing is tested with', () => {
    expect(cases.length).toBe(385);
  });

  for (const k of cases) {
    const title = `case ${k.n} (section ${k.section})${k.incorrect !== undefined ? ' incorrect schema' : ''}`;
    // A case in SKIP (none today) is skipped with its reason in the title.
    const reason = SKIP[k.n];
    it.skipIf(reason !== undefined)(reason === undefined ? title : `${title}: skipped, ${reason}`, async () => {
      const checks: string[] = [];
      const note = (ok: boolean, what: string): void => {
        score.total++;
        if (ok) score.passed++;
        else checks.push(what);
      };
      if (k.incorrect !== undefined) {
        let rejected = false;
        try {
          await compileCase(k, k.incorrect);
        } catch (e) {
          if (!(e instanceof TeikitError)) throw e;
          expect(e.exitCode).toBe(2);
          expect(e.diagnostic.source).toBe('schema');
          rejected = true;
        }
        note(rejected, 'incorrect schema accepted');
      } else if (k.correct !== undefined) {
        let compiled;
        try {
          compiled = await compileCase(k, k.correct);
        } catch (e) {
          if (!(e instanceof TeikitError)) throw e;
          note(false, `correct schema rejected: ${e.message}`);
          score.total += k.valid.length + k.invalid.length;
          expect(checks).toEqual([]);
          return;
        }
        note(true, '');
        k.valid.forEach((xml, i) => {
          const doc = parseXml(xml, { file: `valid${i + 1}.xml` });
          const errors = validateTree(compiled.grammar, doc);
          note(errors.length === 0, `valid instance ${i + 1} rejected: ${errors[0]?.message}`);
        });
        k.invalid.forEach((xml, i) => {
          const doc = parseXml(xml, { file: `invalid${i + 1}.xml` });
          const errors = validateTree(compiled.grammar, doc);
          note(errors.length > 0, `invalid instance ${i + 1} accepted`);
        });
      }
      expect(checks).toEqual([]);
    });
  }
});

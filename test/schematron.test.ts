/**
 * Schematron constructs, one fixture each in test/fixtures/schematron/, with the exact diagnostics a user sees;
 * broken schemas give one line at the schema's file:line:column and exit code 2.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parseXml } from '../src/xml/index.js';
import { checkSchematron, loadEmbeddedSchematron, loadSchematron } from '../src/validate/schematron/index.js';
import { matchPattern } from '../src/validate/schematron/compile.js';
import { projectRoot, runCli } from './helpers.js';

const fixtures = join(projectRoot, 'test/fixtures/schematron');
const cacheDir = mkdtempSync(join(tmpdir(), 'teikit-sch-test-'));
afterAll(() => rmSync(cacheDir, { recursive: true, force: true }));

function lines(phase: string | undefined, file = 'doc.xml', schema = 'constructs.sch'): string[] {
  const s = loadSchematron(join(fixtures, schema), phase === undefined ? { cacheDir } : { cacheDir, phase });
  const doc = parseXml(readFileSync(join(fixtures, file)), { file });
  return checkSchematron(s, doc, file).diagnostics.map((d) => `${d.line}:${d.column}: ${d.severity} ${d.message} [${d.ruleId}] ${d.xpath ?? ''}`.trim());
}

const T = 'Q{urn:x-test}';

describe('Schematron constructs (constructs.sch on doc.xml)', () => {
  it('the default phase: let at schema, pattern and rule scope, value-of, name, diagnostics, abstract rules and patterns, roles, xsl:function, xsl:key', () => {
    // Pattern by pattern in schema order (lists, refs, required-n), each in document order.
    expect(lines(undefined)).toEqual([
      `3:3: error A list of 2 holds 4 items, more than 3. (Remove 1 of them.) [schematron/list-rule] /${T}doc[1]/${T}list[1]`,
      `3:3: warning The list has no head. [schematron/list-rule] /${T}doc[1]/${T}list[1]`,
      `5:5: warning Item X is odd. [schematron/lists] /${T}doc[1]/${T}list[1]/${T}item[2]`,
      `14:3: error No item has the id "zz". [schematron/refs] /${T}doc[1]/${T}ref[2]`,
      `3:3: error The list element needs @n. [schematron/required-n] /${T}doc[1]/${T}list[1]`,
    ]);
  });

  it('--phase picks the patterns; #ALL runs every pattern, the included one too', () => {
    expect(lines('refs-only')).toEqual([`14:3: error No item has the id "zz". [schematron/refs] /${T}doc[1]/${T}ref[2]`]);
    expect(lines('#ALL')).toContain(`2:1: error only with --phase #ALL [schematron/outside-phase] /${T}doc[1]`);
    expect(lines('#ALL')).toContain(`6:5: error included pattern reports item b [schematron/included] /${T}doc[1]/${T}list[1]/${T}item[3]`);
    expect(lines('#ALL')).toHaveLength(7);
  });

  it('an undefined phase is an error naming the phases there are', () => {
    expect(() => lines('nope')).toThrow(/constructs\.sch:2:1: error phase "nope" is not defined in this schema \(phases: main, refs-only, #ALL\) \[schematron\/phase\]$/);
  });
});

describe('rules embedded in a RELAX NG schema, from the cache', () => {
  it('a second load takes the rules from the cache without reading the grammar again, and fires the same', () => {
    const dir = mkdtempSync(join(tmpdir(), 'teikit-sch-embedded-'));
    try {
      const rng = join(fixtures, 'embedded.rng');
      const doc = parseXml(readFileSync(join(fixtures, 'doc.xml')), { file: 'doc.xml' });
      const fired = (s: ReturnType<typeof loadEmbeddedSchematron>): string[] => checkSchematron(s!, doc, 'doc.xml').diagnostics.map((d) => `${d.line}:${d.column}: ${d.message} [${d.ruleId}]`);
      const first = loadEmbeddedSchematron(rng, { cacheDir: dir });
      const second = loadEmbeddedSchematron(rng, { cacheDir: dir });
      expect([first?.fromCache, second?.fromCache, second?.hash === first?.hash]).toEqual([false, true, true]);
      expect(fired(second)).toEqual(['13:3: A ref to #a. [schematron/no-ref]', '14:3: A ref to #zz. [schematron/no-ref]']);
      expect(fired(second)).toEqual(fired(first));
      // A grammar without rules: none, both times.
      const plain = join(projectRoot, 'test/fixtures/validate/schema-pi/tiny.rng');
      expect([loadEmbeddedSchematron(plain, { cacheDir: dir }), loadEmbeddedSchematron(plain, { cacheDir: dir })]).toEqual([undefined, undefined]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('rule contexts as match patterns', () => {
  it('a top-level step with predicates tests its parent first; every other context is left as written', () => {
    const cases = ['/*[ count( //tei:constraintDecl ) gt 1 ]', '/processing-instruction()', '/*[1] | /x["]"]', '/', '//tei:p', 'tei:p', '/tei:TEI/tei:text', '/* union x', '/@a', '/*[a](b)'];
    expect(cases.map(matchPattern)).toEqual([
      '*[parent::document-node()][ count( //tei:constraintDecl ) gt 1 ]',
      'processing-instruction()[parent::document-node()]',
      '*[parent::document-node()][1] | x[parent::document-node()]["]"]',
      '/', '//tei:p', 'tei:p', '/tei:TEI/tei:text', '/* union x', '/@a', '/*[a](b)',
    ]);
  });
});

describe('broken Schematron: one line at the schema, exit 2', () => {
  const cases: Array<[string, RegExp]> = [
    ['not-well-formed.sch', /not-well-formed\.sch:4:12: error unexpected close tag \[xml\/wellformed\]$/],
    ['xpath-error.sch', /xpath-error\.sch:4:7: error Schematron does not compile \(XPST0003\): in "count\(\*\) eq": Unexpected token <eof> at start of expression \[schematron\/compile\]$/],
    ['undefined-pattern.sch', /undefined-pattern\.sch:3:5: error phase "ph" activates pattern "nowhere", which is not defined \[schematron\/schema\]$/],
    ['loop-a.sch', /loop-b\.sch:2:3: error include loop: "loop-a\.sch" includes itself \(.*loop-a\.sch -> .*loop-b\.sch -> .*loop-a\.sch\) \[schematron\/include-loop\]$/],
  ];
  for (const [schema, message] of cases) {
    it(schema, () => {
      const r = runCli(['validate', '--schema', join(fixtures, 'broken', schema), join(fixtures, 'doc.xml')], { env: { TEIKIT_CACHE_DIR: cacheDir } });
      expect({ status: r.status, stdout: r.stdout, lines: r.stderr.split('\n').length }).toEqual({ status: 2, stdout: '', lines: 2 });
      expect(r.stderr.trim()).toMatch(message);
    });
  }

  it('a rule that does not end is stopped by the per-file time limit; the other files get their verdicts', () => {
    const dir = mkdtempSync(join(tmpdir(), 'teikit-sch-slow-'));
    try {
      writeFileSync(join(dir, 'fast.xml'), '<a/>');
      writeFileSync(join(dir, 'slow.xml'), '<a slow="1"/>');
      writeFileSync(join(dir, 'zlast.xml'), '<a/>');
      const r = runCli(['validate', '--schema', join(fixtures, 'slow.sch'), '--time-limit', '2', 'fast.xml', 'slow.xml', 'zlast.xml'], { cwd: dir, env: { TEIKIT_CACHE_DIR: cacheDir } });
      expect(r.status).toBe(2);
      expect(r.stdout.replace(/; \d+\.\d\d s\n$/, '\n')).toBe(
        'fast.xml:1:1: error checked [schematron/slow]\n' +
          'fast.xml: invalid, 1 error (schematron: ' + join(fixtures, 'slow.sch') + ')\n' +
          'slow.xml:1:1: error validation of this file was stopped after 2 s (the time limit; raise it with --time-limit SECONDS, 0 for none) [validate/time-limit]\n' +
          'slow.xml: not checked, 1 error\n' +
          'zlast.xml:1:1: error checked [schematron/slow]\n' +
          'zlast.xml: invalid, 1 error (schematron: ' + join(fixtures, 'slow.sch') + ')\n' +
          '3 files: 0 valid, 2 invalid, 0 malformed, 1 not checked; 3 errors, 0 warnings\n',
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('an XPath error at run time is a diagnostic on that document, and the batch goes on', () => {
    const dir = mkdtempSync(join(tmpdir(), 'teikit-sch-rt-'));
    try {
      writeFileSync(join(dir, 'a.xml'), '<doc/>');
      writeFileSync(join(dir, 'b.xml'), '<b/>');
      const r = runCli(['validate', '--format', 'json', '--schema', join(fixtures, 'broken/runtime-error.sch'), join(dir, 'a.xml'), join(dir, 'b.xml')], { env: { TEIKIT_CACHE_DIR: cacheDir } });
      const report = JSON.parse(r.stdout) as { files: Array<{ diagnostics: Array<{ source: string; message: string; line: number }> }> };
      const sch = report.files.map((f) => f.diagnostics.filter((d) => d.source === 'schematron').map((d) => `${d.line}: ${d.message.replace(/ \S*runtime-error\.sch /, ' runtime-error.sch ')}`));
      expect(sch).toEqual([
        ['1: Schematron runtime-error.sch failed on this document (FORG0001): Supplied value "doc" is not a valid xs:integer'],
        ['1: Schematron runtime-error.sch failed on this document (FORG0001): Supplied value "b" is not a valid xs:integer'],
      ]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

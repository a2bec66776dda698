/**
 * Every error jing reports on the corpus against tei_all, compared with teikit's, line by line
 * (`FILE:LINE:COLUMN: MESSAGE`): the message agreement figure of the README. jing runs once for all well-formed
 * files (its driver without XInclude, as in relaxng-corpus.test.ts); its output is cached in the OS temp dir by
 * the SHA-256 of schema and files. Without jing or the corpus, this test is skipped loudly.
 *
 * What still differs is the order of the alternatives in "must be ..." lists of datatype failures: jing removes
 * duplicate failures through a Java HashSet keyed partly by the identity hash of datatype objects, an order no
 * other program can reproduce. Those lines must be equal once the alternatives are sorted.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadSchema, validateStream } from '../src/validate/relaxng/index.js';
import { expandPaths } from '../src/io.js';
import { tryParseXml } from '../src/xml/index.js';
import { corpusDir, hasCorpus, teiAll } from './helpers.js';
import { jingDriver, runTool, skipUnless } from './tools.mjs';

const hasJing = !skipUnless(jingDriver, 'the message agreement test (test/relaxng-messages.test.ts)');

/** teikit's figure when this test was written; it may only go up. */
const IDENTICAL_AT_LEAST = 3620;

function jingErrors(files: string[]): string[] {
  const hash = createHash('sha256').update(readFileSync(teiAll));
  for (const f of files) hash.update(f).update(readFileSync(f));
  const cached = join(tmpdir(), 'teikit-jing-messages', `${hash.digest('hex')}.txt`);
  if (!existsSync(cached)) {
    const run = runTool(jingDriver, [teiAll, ...files]);
    mkdirSync(join(tmpdir(), 'teikit-jing-messages'), { recursive: true });
    writeFileSync(cached, run.stdout);
  }
  return readFileSync(cached, 'utf8').split('\n').filter((l) => / error: /.test(l)).map((l) => inCorpus(l.replace(': error: ', ': ')));
}

/** The line with its file named from the corpus folder on (jing prints paths with symbolic links resolved). */
function inCorpus(line: string): string {
  return line.replace(/^.*?\/corpus\//, '');
}

/** The alternatives of a "must be ..." list sorted, for lines that differ only in their order. */
function sortedAlternatives(line: string): string {
  const at = line.indexOf('; must be ');
  if (at < 0) return line;
  return line.slice(0, at) + line.slice(at + 2).replace(/ or (?=must be )/g, ', ').split(', ').sort().join(', ');
}

function count(lines: string[]): Map<string, number> {
  const m = new Map<string, number>();
  for (const l of lines) m.set(l, (m.get(l) ?? 0) + 1);
  return m;
}

describe.skipIf(!hasCorpus || !hasJing)('message agreement with jing on the corpus (tei_all)', () => {
  it(`gives jing's error lines: at least ${IDENTICAL_AT_LEAST} identical, the rest equal up to the order of datatype alternatives`, async () => {
    const files = expandPaths([corpusDir]).filter((f) => tryParseXml(readFileSync(f), { file: f }).ok);
    const theirs = jingErrors(files);
    const schema = await loadSchema(teiAll, { noCache: true });
    const ours: string[] = [];
    for (const f of files) {
      const r = validateStream(schema, readFileSync(f), { file: f });
      if (r.ok) for (const d of r.diagnostics) ours.push(inCorpus(`${d.file}:${d.line}:${d.column}: ${d.message}`));
    }
    const mine = count(ours);
    let identical = 0;
    for (const [line, n] of count(theirs)) identical += Math.min(n, mine.get(line) ?? 0);
    console.log(`RELAX NG messages: ${identical} of ${theirs.length} jing error lines identical (teikit ${ours.length} lines)`);
    expect(ours.length).toBe(theirs.length);
    expect(identical).toBeGreaterThanOrEqual(IDENTICAL_AT_LEAST);
    expect(ours.map(sortedAlternatives).sort()).toEqual(theirs.map(sortedAlternatives).sort());
  }, 300_000);
});

#!/usr/bin/env node
/**
 * bench/regex.mjs: XML Schema pattern facets, run by hand after `npm run build`:
 *
 *     node bench/regex.mjs [--runs N]
 *
 * 1. The backtracking case of issue 8, `(a+)+b` against n `a`s and a `c`: our engine (datatypes/regex.ts) against
 *    JavaScript's backtracking RegExp (what salve used; n kept small enough to finish) and whole-process
 *    `teikit validate` against `jing -c` with that pattern in a schema.
 * 2. Throughput on a TEI-like pattern over 100,000 short values (in process).
 * Median of N runs (default 3), interleaved.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { jing as jingTool } from '../test/tools.mjs';
import { median, opt, root } from './lib.mjs';

const runs = Number(opt('runs', '3'));
const { compileXsdRegex } = await import(join(root, 'dist/src/validate/relaxng/datatypes/regex.js'));
const ms = (f) => {
  const t = performance.now();
  f();
  return performance.now() - t;
};

console.log('(a+)+b against n a and a c, in process (median of', runs, 'runs):');
for (const n of [20, 24, 28, 36, 1_000_000]) {
  const value = `${'a'.repeat(n)}c`;
  const ours = [];
  const js = [];
  for (let i = 0; i < runs; i++) {
    ours.push(ms(() => compileXsdRegex('(a+)+b').test(value)));
    if (n <= 24) js.push(ms(() => /^(?:(a+)+b)$/.test(value)));
  }
  console.log(`  n=${n}: ours ${median(ours).toFixed(2)} ms (compile included); JavaScript RegExp ${n <= 24 ? `${median(js).toFixed(0)} ms` : 'not run (exponential: doubles per a)'}`);
}

const work = mkdtempSync(join(tmpdir(), 'teikit-bench-regex-'));
writeFileSync(join(work, 'p.rnc'), 'element v { xsd:string { pattern = "(a+)+b" } }\n');
writeFileSync(join(work, 'v.xml'), `<v>${'a'.repeat(36)}c</v>\n`);
const wall = (cmd, argv) => {
  const t = performance.now();
  spawnSync(cmd, argv, { encoding: 'utf8', env: { ...process.env, TEIKIT_CACHE_DIR: join(work, 'cache') } });
  return (performance.now() - t) / 1000;
};
const hasJing = jingTool.available;
const teikit = [];
const jing = [];
for (let i = 0; i < runs; i++) {
  teikit.push(wall('node', [join(root, 'dist/src/cli/main.js'), 'validate', '--schema', join(work, 'p.rnc'), join(work, 'v.xml')]));
  if (hasJing) jing.push(wall(jingTool.argv[0], [...jingTool.argv.slice(1), '-c', join(work, 'p.rnc'), join(work, 'v.xml')]));
}
console.log(`whole process, 36 a and a c: teikit validate ${median(teikit).toFixed(2)} s${hasJing ? `, jing -c ${median(jing).toFixed(2)} s` : ''}`);

const pattern = '[\\p{L}\\p{N}_\\-\\.]+(:[\\p{L}\\p{N}_\\-\\.]+)?';
const values = Array.from({ length: 100_000 }, (_, i) => `Ämter-buch_${i}.${i % 7 === 0 ? 'x:y' : 'z'}`);
const re = compileXsdRegex(pattern);
const times = [];
for (let i = 0; i < runs; i++) times.push(ms(() => { for (const v of values) re.test(v); }));
const chars = values.reduce((n, v) => n + v.length, 0);
console.log(`${values.length} values (${(chars / 1e6).toFixed(1)} M characters) against ${pattern}: ${median(times).toFixed(0)} ms, ${(chars / 1e6 / (median(times) / 1000)).toFixed(1)} M chars/s`);
rmSync(work, { recursive: true, force: true });

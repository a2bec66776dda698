#!/usr/bin/env node
/**
 * bench/compact.mjs: does a schema in compact syntax cost more than the same schema in XML syntax? Run by hand after
 * `npm run build` (needs trang and the shared corpus):
 *
 *     node bench/compact.mjs [--runs N] [--file FILE.xml]
 *
 * tei_all.rng is converted to tei_all.rnc with trang into a temporary folder. Then, interleaved (rng, rnc, rng, ...),
 * `teikit validate --schema S FILE`: with the schema cache filled (what a user sees from the second run on) and with
 * an empty cache (the schema is read and compiled: for .rnc this includes the compact reader), and jing / jing -c on
 * the same file for scale. Median of N runs (default 3), wall clock and CPU seconds (user + system, from
 * /usr/bin/time) of the whole process.
 * Also the compact reader alone on tei_all.rnc and frus.rnc, in process (median of N).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { jing, runTool, trang } from '../test/tools.mjs';
import { corpusDir, median, opt, root } from './lib.mjs';

const runs = Number(opt('runs', '3'));
const cli = join(root, 'dist/src/cli/main.js');
const rng = join(corpusDir, 'schemas/tei_all.rng');
const file = opt('file', join(corpusDir, 'letters-lassberg/data/letters/lassberg-letter-1235.xml'));
if (!existsSync(cli) || !existsSync(rng)) {
  console.error('bench/compact.mjs: build first (npm run build) and provide ../shared/corpus');
  process.exit(2);
}
const work = mkdtempSync(join(tmpdir(), 'teikit-bench-compact-'));
const rnc = join(work, 'tei_all.rnc');
// trang's own driver class, as Debian's `trang` wrapper runs it.
const conv = runTool(trang, ['com.thaiopensource.relaxng.translate.Driver', rng, rnc]);
if (conv.status !== 0) {
  console.error(`bench/compact.mjs: trang failed: ${conv.stderr}`);
  process.exit(2);
}

/** Wall and CPU seconds of one process. */
function run(cmd, argv, env = {}) {
  const started = performance.now();
  const r = spawnSync('/usr/bin/time', ['-f', '%U %S', cmd, ...argv], { encoding: 'utf8', env: { ...process.env, ...env } });
  const wall = (performance.now() - started) / 1000;
  const last = r.stderr.trim().split('\n').pop() ?? '';
  const [user, sys] = last.split(' ').map(Number);
  return { wall, cpu: (user ?? NaN) + (sys ?? NaN), status: r.status };
}

const cases = [];
for (const [label, schema] of [['tei_all.rng', rng], ['tei_all.rnc (trang)', rnc]]) {
  cases.push({ label: `${label}, cache filled`, fn: (i) => run('node', [cli, 'validate', '--schema', schema, file], { TEIKIT_CACHE_DIR: join(work, `warm-${label}`) }), warm: true });
  cases.push({ label: `${label}, empty cache`, fn: (i) => run('node', [cli, 'validate', '--schema', schema, file], { TEIKIT_CACHE_DIR: join(work, `cold-${label}-${i}`) }) });
}
if (jing.available) {
  const [command, ...fixed] = jing.argv;
  cases.push({ label: 'jing tei_all.rng', fn: () => run(command, [...fixed, rng, file]) });
  cases.push({ label: 'jing -c tei_all.rnc', fn: () => run(command, [...fixed, '-c', rnc, file]) });
}
for (const c of cases) if (c.warm) c.fn(-1); // fill the cache once
const results = new Map(cases.map((c) => [c.label, []]));
for (let i = 0; i < runs; i++) for (const c of cases) results.get(c.label).push(c.fn(i));

console.log(`one file (${(statSync(file).size / 1024).toFixed(0)} KB) against tei_all, median of ${runs}, interleaved:`);
console.log('| case | wall | CPU |');
console.log('| --- | --- | --- |');
for (const c of cases) {
  const rs = results.get(c.label);
  console.log(`| ${c.label} | ${median(rs.map((r) => r.wall)).toFixed(2)} s | ${median(rs.map((r) => r.cpu)).toFixed(2)} s |`);
}

const { parseCompactSchema } = await import(join(root, 'dist/src/validate/relaxng/syntax/compact.js'));
for (const [label, path] of [['tei_all.rnc', rnc], ['frus.rnc', join(corpusDir, 'frus/schema/frus.rnc')]]) {
  const text = readFileSync(path, 'utf8');
  const times = [];
  for (let i = 0; i < Math.max(runs, 3); i++) {
    const t = performance.now();
    parseCompactSchema(text, path);
    times.push(performance.now() - t);
  }
  console.log(`compact reader on ${label} (${(text.length / 1024).toFixed(0)} KB): ${median(times).toFixed(0)} ms (median of ${times.length})`);
}
rmSync(work, { recursive: true, force: true });

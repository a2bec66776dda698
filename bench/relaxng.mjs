#!/usr/bin/env node
/**
 * bench/relaxng.mjs: the RELAX NG engine alone (src/validate/relaxng), run by hand after `npx tsc -p tsconfig.json`
 * (or `npm run build`):
 *
 *     node bench/relaxng.mjs [--runs N] [--corpus DIR] [--schema FILE.rng]
 *
 * 1. Schema load, each in a fresh Node process (what one `teikit validate` pays): compile from source (cache
 *    empty), then load from the on-disk cache; the time inside the process and the whole process (start included).
 * 2. Validation throughput on every well-formed *.xml of the corpus against the schema, in one process: our XML
 *    parser and the engine timed apart, MB/s.
 * 3. jing side by side where installed: one JVM per small file (its cold start), and all the corpus in one call.
 * Medians of N runs. Ratios are "jing's time / teikit's time": above 1 means teikit is faster.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { jingDriver } from '../test/tools.mjs';
import { median, opt, root, xmlFiles } from './lib.mjs';

const runs = Number(opt('runs', '3'));
const corpus = opt('corpus', join(root, '../shared/corpus'));
const schema = opt('schema', join(corpus, 'schemas/tei_all.rng'));
const engine = join(root, 'dist/src/validate/relaxng/index.js');
const xml = join(root, 'dist/src/xml/index.js');
if (!existsSync(engine)) {
  console.error('bench/relaxng.mjs: compile first (npx tsc -p tsconfig.json)');
  process.exit(2);
}
if (!existsSync(schema)) {
  console.error(`bench/relaxng.mjs: no schema at ${schema}`);
  process.exit(2);
}

const fmt = (s) => `${s.toFixed(3)} s`;


// 1. schema load in a fresh process
const cacheDir = mkdtempSync(join(tmpdir(), 'teikit-bench-relaxng-'));
const probe = `
const t0 = performance.now();
const { loadSchema } = await import(${JSON.stringify(pathToFileURL(engine).href)});
const t1 = performance.now();
const s = await loadSchema(${JSON.stringify(schema)}, { cacheDir: ${JSON.stringify(cacheDir)} });
const t2 = performance.now();
console.log(JSON.stringify({ imported: (t1 - t0) / 1000, loaded: (t2 - t1) / 1000, fromCache: s.fromCache }));`;
function loadOnce() {
  const started = performance.now();
  const r = spawnSync(process.execPath, ['--input-type=module', '-e', probe], { encoding: 'utf8' });
  const wall = (performance.now() - started) / 1000;
  if (r.status !== 0) throw new Error(r.stderr);
  return { ...JSON.parse(r.stdout), wall };
}
const cold = [];
for (let i = 0; i < runs; i++) {
  rmSync(join(cacheDir, 'relaxng'), { recursive: true, force: true });
  cold.push(loadOnce());
}
const warm = [];
for (let i = 0; i < runs; i++) warm.push(loadOnce());
rmSync(cacheDir, { recursive: true, force: true });
console.log(`schema ${schema}`);
console.log(`  compile (cache empty):  in process ${fmt(median(cold.map((r) => r.loaded)))}, whole process ${fmt(median(cold.map((r) => r.wall)))}`);
console.log(`  load from cache:        in process ${fmt(median(warm.map((r) => r.loaded)))}, whole process ${fmt(median(warm.map((r) => r.wall)))} (module import ${fmt(median(warm.map((r) => r.imported)))})`);

// 2. throughput in one process
const { loadSchema, validateWithSchema } = await import(pathToFileURL(engine).href);
const { tryParseXml } = await import(pathToFileURL(xml).href);
const s = await loadSchema(schema, { noCache: true });
const docs = [];
let bytes = 0;
for (const f of xmlFiles(corpus)) {
  const data = readFileSync(f);
  const started = performance.now();
  const parsed = tryParseXml(data, { file: f });
  const parse = (performance.now() - started) / 1000;
  if (!parsed.ok) continue;
  docs.push({ f, doc: parsed.document, parse, size: data.length });
  bytes += data.length;
}
const validateTimes = [];
let errors = 0;
for (let i = 0; i < runs; i++) {
  const started = performance.now();
  errors = 0;
  for (const d of docs) errors += validateWithSchema(s, d.doc).length;
  validateTimes.push((performance.now() - started) / 1000);
}
const parseTime = docs.reduce((a, d) => a + d.parse, 0);
const validateTime = median(validateTimes);
const mb = bytes / 1e6;
console.log(`corpus ${corpus}: ${docs.length} well-formed files, ${mb.toFixed(1)} MB, ${errors} diagnostics`);
console.log(`  parse (src/xml):        ${fmt(parseTime)}  ${(mb / parseTime).toFixed(1)} MB/s`);
console.log(`  validate (engine):      ${fmt(validateTime)}  ${(mb / validateTime).toFixed(1)} MB/s`);
console.log(`  parse + validate:       ${fmt(parseTime + validateTime)}  ${(mb / (parseTime + validateTime)).toFixed(1)} MB/s`);

// 3. jing
const jing = [jingDriver.argv[0], jingDriver.argv.slice(1)];
if (!jingDriver.available) {
  console.log('jing: not installed, no comparison');
} else {
  const small = docs.reduce((a, d) => (d.size < a.size ? d : a), docs[0]);
  const one = [];
  for (let i = 0; i < runs; i++) {
    const started = performance.now();
    spawnSync(jing[0], [...jing[1], schema, small.f]);
    one.push((performance.now() - started) / 1000);
  }
  const all = [];
  for (let i = 0; i < runs; i++) {
    const started = performance.now();
    spawnSync(jing[0], [...jing[1], schema, ...docs.map((d) => d.f)], { maxBuffer: 1 << 30 });
    all.push((performance.now() - started) / 1000);
  }
  const oursOne = median(warm.map((r) => r.wall)) + small.parse + validateTime * (small.size / bytes);
  console.log(`jing, one small file (${small.size} bytes), JVM start included: ${fmt(median(one))}; teikit engine (process + cache load + parse + validate) about ${fmt(oursOne)}: ratio ${(median(one) / oursOne).toFixed(2)}`);
  console.log(`jing, whole corpus in one call (one JVM): ${fmt(median(all))}  ${(mb / median(all)).toFixed(1)} MB/s; teikit parse + validate ${fmt(parseTime + validateTime)}: ratio ${(median(all) / (parseTime + validateTime)).toFixed(2)}`);
}

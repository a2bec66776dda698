#!/usr/bin/env node
/**
 * bench/validate.mjs: `teikit validate` side by side with jing (and xmllint --relaxng where installed), run by
 * hand after `npm run build`:
 *
 *     node bench/validate.mjs [--runs N] [--corpus DIR] [--schema tei_all.rng]
 *
 * 1. Cold start on one small file (the cable, else a small corpus file) against tei_all: teikit with an empty
 *    schema cache (compiles tei_all), teikit with the cache filled (what a user sees from the second run on), jing,
 *    xmllint. Median of N runs, wall clock, process start included.
 * 2. Batch throughput (MB/s) on every *.xml of ../shared/corpus against tei_all: teikit (worker threads, default
 *    --jobs) and teikit --jobs 1; jing one call per file (how a tool must call it to get a verdict for each file:
 *    given many files jing stops at the first malformed one) and jing with all files in one call (one JVM start:
 *    its best case; malformed files left out so that it reads them all); xmllint one call.
 * 3. A billion-laughs file: teikit stops it; jing is given 20 s.
 * 4. With `--scale` (or `--only-scale`): large inputs, teikit and jing interleaved, wall time, CPU seconds (user +
 *    system, children included) and peak memory (max RSS) from /usr/bin/time: every corpus file copied to about
 *    70 MB (teikit one call, default --jobs; jing one call for all), a 100 MB prose file and a 50 MB file of
 *    tokenised `w` elements (lemma, pos); `xmllint --stream` parse-only MB/s as the floor.
 * Ratios are "other tool's time / teikit's time": above 1 means teikit is faster.
 *
 * jing is run as its driver class without XInclude (`java -cp jing.jar:... com.thaiopensource.relaxng.util.Driver`,
 * as the tests run it), not through Debian's `jing` wrapper: the wrapper turns on Xerces' XInclude, and a corpus
 * file whose include is missing (tei-stylesheets' testxi.xml) is a fatal error that ends the whole call, so jing
 * given all files would stop there and read a tenth of the corpus. A jing call whose output holds a fatal error is
 * marked INCOMPLETE.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { availableParallelism, cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { jingDriver, xmllint } from '../test/tools.mjs';
import { median, opt, root, sizeOf, xmlFiles } from './lib.mjs';

const runs = Number(opt('runs', '3'));
const corpus = opt('corpus', join(root, '../shared/corpus'));
const schema = opt('schema', join(corpus, 'schemas/tei_all.rng'));
const cli = join(root, 'dist/src/cli/main.js');
const cable = join(root, 'editions/wilson-118181/wilson-118181.xml');

if (!existsSync(cli)) {
  console.error('bench/validate.mjs: build first (npm run build)');
  process.exit(2);
}
if (!existsSync(schema)) {
  console.error(`bench/validate.mjs: no schema at ${schema} (the shared corpus is needed)`);
  process.exit(2);
}
const [JING, ...JING_ARGS] = jingDriver.argv;
const hasJing = jingDriver.available;
const [XMLLINT] = xmllint.argv;
const hasXmllint = xmllint.available;

function time(cmd, argv, env = {}) {
  const started = performance.now();
  const r = spawnSync(cmd, argv, { encoding: 'utf8', env: { ...process.env, ...env }, maxBuffer: 1 << 30 });
  const seconds = (performance.now() - started) / 1000;
  if (r.error) throw r.error;
  return { seconds, status: r.status, stdout: r.stdout, stderr: r.stderr };
}
function repeat(n, fn) {
  const times = [];
  let last;
  for (let i = 0; i < n; i++) {
    last = fn(i);
    times.push(last.seconds);
  }
  return { seconds: median(times), last };
}
const fmt = (s) => `${s.toFixed(2)} s`;
const ratio = (other, ours) => `${(other / ours).toFixed(2)}x`;

const scale = process.argv.includes('--scale') || process.argv.includes('--only-scale');
const onlyScale = process.argv.includes('--only-scale');
if (onlyScale) await scaleBench();

console.log(`teikit validate benchmark: node ${process.version}, ${cpus().length} CPUs (availableParallelism ${availableParallelism()}), ${runs} runs, median`);
console.log(`schema: ${schema}`);

// 1. Cold start.
const small = existsSync(cable) ? cable : join(corpus, 'tei-stylesheets/Test/testtranscr.xml');
console.log(`\n1. one small file: ${small} (${(statSync(small).size / 1024).toFixed(1)} KB)`);
const coldCache = () => mkdtempSync(join(tmpdir(), 'teikit-bench-cache-'));
const emptyCache = repeat(runs, () => {
  const dir = coldCache();
  try {
    return time(process.execPath, [cli, 'validate', '--schema', schema, small], { TEIKIT_CACHE_DIR: dir });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
const warmDir = coldCache();
time(process.execPath, [cli, 'validate', '--schema', schema, small], { TEIKIT_CACHE_DIR: warmDir });
const warm = repeat(runs, () => time(process.execPath, [cli, 'validate', '--schema', schema, small], { TEIKIT_CACHE_DIR: warmDir }));
const rows = [
  ['teikit, empty schema cache', emptyCache.seconds, emptyCache.last.stdout.split('\n').at(-2)],
  ['teikit, schema cached', warm.seconds, warm.last.stdout.split('\n').at(-2)],
];
let jingOne;
if (hasJing) {
  jingOne = repeat(runs, () => time(JING, [...JING_ARGS, schema, small]));
  rows.push(['jing', jingOne.seconds, jingOne.last.status === 0 ? 'valid' : jingOne.last.stdout.split('\n')[0]]);
}
let xmllintOne;
if (hasXmllint) {
  xmllintOne = repeat(runs, () => time(XMLLINT, ['--noout', '--relaxng', schema, small]));
  rows.push(['xmllint --relaxng', xmllintOne.seconds, xmllintOne.last.stderr.trim().split('\n').at(-1)]);
}
for (const [name, s, note] of rows) console.log(`   ${name.padEnd(28)} ${fmt(s).padStart(8)}   ${note ?? ''}`);
if (jingOne) console.log(`   jing / teikit (cached): ${ratio(jingOne.seconds, warm.seconds)}; jing / teikit (empty cache): ${ratio(jingOne.seconds, emptyCache.seconds)}`);
if (xmllintOne) console.log(`   xmllint / teikit (cached): ${ratio(xmllintOne.seconds, warm.seconds)}`);

// 1b. The same file against teikit's own edition schema (what `teikit validate edition.xml` does by default).
const editionRng = join(root, 'schemas/teikit-edition.rng');
console.log(`\n1b. the same file against schemas/teikit-edition.rng (${(statSync(editionRng).size / 1024).toFixed(0)} KB; teikit adds the edition rules)`);
const edWarm = coldCache();
time(process.execPath, [cli, 'validate', '--schema', editionRng, small], { TEIKIT_CACHE_DIR: edWarm });
const edTeikit = repeat(runs, () => time(process.execPath, [cli, 'validate', '--schema', editionRng, small], { TEIKIT_CACHE_DIR: edWarm }));
console.log(`   ${'teikit, schema cached'.padEnd(28)} ${fmt(edTeikit.seconds).padStart(8)}   ${edTeikit.last.stdout.split('\n').at(-2)}`);
if (hasJing) {
  const edJing = repeat(runs, () => time(JING, [...JING_ARGS, editionRng, small]));
  console.log(`   ${'jing'.padEnd(28)} ${fmt(edJing.seconds).padStart(8)}   ${edJing.last.status === 0 ? 'valid' : edJing.last.stdout.split('\n')[0]}`);
  console.log(`   jing / teikit: ${ratio(edJing.seconds, edTeikit.seconds)}`);
}
rmSync(edWarm, { recursive: true, force: true });

// 2. Batch.
const files = xmlFiles(corpus);
const bytes = sizeOf(files);
const mb = bytes / 1e6;
console.log(`\n2. batch: ${files.length} files, ${mb.toFixed(1)} MB under ${corpus}`);
const batchRows = [];
const teikitBatch = repeat(runs, () => time(process.execPath, [cli, 'validate', '--schema', schema, corpus], { TEIKIT_CACHE_DIR: warmDir }));
batchRows.push([`teikit (--jobs ${availableParallelism()})`, teikitBatch.seconds, teikitBatch.last.stdout.split('\n').at(-2)]);
const teikitOne = repeat(runs, () => time(process.execPath, [cli, 'validate', '--jobs', '1', '--schema', schema, corpus], { TEIKIT_CACHE_DIR: warmDir }));
batchRows.push(['teikit --jobs 1', teikitOne.seconds, '']);
let jingEach;
let jingAll;
if (hasJing) {
  jingEach = repeat(1, () => {
    let total = 0;
    for (const f of files) total += time(JING, [...JING_ARGS, schema, f]).seconds;
    return { seconds: total };
  });
  batchRows.push(['jing, one call per file', jingEach.seconds, 'a verdict for every file']);
  // Namespace errors count: kennan.xml uses an undeclared prefix, and jing stops there (xmllint only warns).
  const { tryParseXml } = await import(join(root, 'dist/src/xml/index.js'));
  const wellFormed = files.filter((f) => tryParseXml(readFileSync(f), { file: f }).ok);
  jingAll = repeat(runs, () => time(JING, [...JING_ARGS, schema, ...wellFormed]));
  const read = new Set(jingAll.last.stdout.split('\n').map((l) => l.split(':')[0]));
  const complete = wellFormed.every((f) => !jingAll.last.stdout.includes('fatal') || read.has(f));
  const wfBytes = sizeOf(wellFormed);
  batchRows.push(['jing, one call for all', jingAll.seconds, `${wellFormed.length} well-formed files, ${(wfBytes / 1e6).toFixed(1)} MB (malformed left out: jing stops at one)${complete ? '' : ' INCOMPLETE'}`]);
}
let xmllintAll;
if (hasXmllint) {
  xmllintAll = repeat(runs, () => time(XMLLINT, ['--noout', '--relaxng', schema, ...files]));
  batchRows.push(['xmllint --relaxng, one call', xmllintAll.seconds, '']);
}
for (const [name, s, note] of batchRows) console.log(`   ${name.padEnd(28)} ${fmt(s).padStart(8)} ${(mb / s).toFixed(2).padStart(7)} MB/s   ${note}`);
if (jingEach) console.log(`   jing per file / teikit: ${ratio(jingEach.seconds, teikitBatch.seconds)}`);
if (jingAll) console.log(`   jing one call / teikit: ${ratio(jingAll.seconds, teikitBatch.seconds)}`);
if (xmllintAll) console.log(`   xmllint / teikit: ${ratio(xmllintAll.seconds, teikitBatch.seconds)}`);
// 3. Hostile input: a billion-laughs file (jing expands it; stopped after 20 s).
const lolDir = mkdtempSync(join(tmpdir(), 'teikit-bench-lol-'));
const levels = ['<!ENTITY lol0 "lol">'];
for (let i = 1; i <= 9; i++) levels.push(`<!ENTITY lol${i} "${`&lol${i - 1};`.repeat(10)}">`);
const lol = join(lolDir, 'lol.xml');
writeFileSync(lol, `<?xml version="1.0"?>\n<!DOCTYPE lolz [\n${levels.join('\n')}\n]>\n<lolz>&lol9;</lolz>\n`);
console.log('\n3. billion laughs (10^9 "lol"s)');
const ourLol = time(process.execPath, [cli, 'validate', '--schema', schema, lol], { TEIKIT_CACHE_DIR: warmDir });
console.log(`   ${'teikit'.padEnd(28)} ${fmt(ourLol.seconds).padStart(8)}   ${ourLol.stdout.split('\n')[0].replace(lol, 'lol.xml')}`);
if (hasJing) {
  const started = performance.now();
  const j = spawnSync(JING, [...JING_ARGS, schema, lol], { encoding: 'utf8', timeout: 20_000 });
  const s = (performance.now() - started) / 1000;
  console.log(`   ${'jing'.padEnd(28)} ${fmt(s).padStart(8)}   ${j.signal || s >= 19.9 ? `still running, killed after ${fmt(s)}` : (j.stdout || j.stderr).split('\n')[0].replace(lol, 'lol.xml')}`);
}
rmSync(lolDir, { recursive: true, force: true });
rmSync(warmDir, { recursive: true, force: true });

if (scale) await scaleBench();

/** Section 4: large inputs (see the header). */
async function scaleBench() {
  const hasTime = existsSync('/usr/bin/time');
  const measure = (cmd, argv, env = {}) => {
    const out = join(tmpdir(), `teikit-bench-time-${process.pid}.txt`);
    const started = performance.now();
    const r = hasTime
      ? spawnSync('/usr/bin/time', ['-f', '%U %S %M', '-o', out, cmd, ...argv], { encoding: 'utf8', env: { ...process.env, ...env }, maxBuffer: 1 << 30 })
      : spawnSync(cmd, argv, { encoding: 'utf8', env: { ...process.env, ...env }, maxBuffer: 1 << 30 });
    const seconds = (performance.now() - started) / 1000;
    let cpu = NaN;
    let rss = NaN;
    if (hasTime) {
      const [u, sy, m] = readFileSync(out, 'utf8').trim().split('\n').at(-1).split(' ').map(Number);
      cpu = u + sy;
      rss = m / 1024;
      rmSync(out, { force: true });
    }
    return { seconds, cpu, rss, status: r.status, stdout: r.stdout ?? '', complete: !/: fatal: /.test(r.stdout ?? '') };
  };
  const dir = mkdtempSync(join(tmpdir(), 'teikit-bench-scale-'));
  const cache = join(dir, 'cache');
  const { tryParseXml } = await import(join(root, 'dist/src/xml/index.js'));
  // ~70 MB: copies of every well-formed corpus file
  const wellFormed = xmlFiles(corpus).filter((f) => tryParseXml(readFileSync(f), { file: f }).ok);
  const copies = join(dir, 'corpus');
  const copied = [];
  let total = 0;
  for (let round = 0; total < 70e6; round++) {
    for (const f of wellFormed) {
      const target = join(copies, `r${round}`, f.slice(corpus.length).replace(/[\\/]/g, '__'));
      spawnSync('mkdir', ['-p', join(copies, `r${round}`)]);
      writeFileSync(target, readFileSync(f));
      copied.push(target);
      total += statSync(f).size;
    }
  }
  // a 100 MB prose file and a 50 MB tokenised one
  const head = '<?xml version="1.0" encoding="UTF-8"?>\n<TEI xmlns="http://www.tei-c.org/ns/1.0"><teiHeader><fileDesc><titleStmt><title>T</title></titleStmt><publicationStmt><p>P</p></publicationStmt><sourceDesc><p>S</p></sourceDesc></fileDesc></teiHeader><text><body>\n';
  const words = ['the', 'quick', 'brown', 'fox', 'jumps', 'over', 'lazy', 'dog', 'and', 'runs'];
  const make = (file, mb, para) => {
    const parts = [head];
    let size = head.length;
    for (let i = 0; size < mb * 1e6; i++) {
      const p = para(i);
      parts.push(p);
      size += p.length;
    }
    parts.push('</body></text></TEI>\n');
    writeFileSync(file, parts.join(''));
    return file;
  };
  const novel = make(join(dir, 'novel-100mb.xml'), 100, (i) => `<div n="${i}"><p>It was a <hi rend="italic">dark</hi> and stormy night; the rain fell in torrents, except at occasional intervals, when it was checked by a violent gust of wind which swept up the streets (for it is in <name type="place">London</name> that our scene lies).</p></div>\n`);
  const tokens = make(join(dir, 'tokens-50mb.xml'), 50, (i) => `<p>${Array.from({ length: 20 }, (_, k) => `<w lemma="${words[(i + k) % 10]}" pos="NN">${words[(i + k) % 10]}</w>`).join(' ')}</p>\n`);
  measure(process.execPath, [cli, 'validate', '--schema', schema, novel], { TEIKIT_CACHE_DIR: cache }); // fill the cache
  const inputs = [
    [`corpus copied to ${(total / 1e6).toFixed(0)} MB (${copied.length} files, one call)`, copied, total],
    ['100 MB prose file', [novel], statSync(novel).size],
    ['50 MB tokenised file (w with lemma, pos)', [tokens], statSync(tokens).size],
  ];
  console.log(`\n4. scale (${runs} runs each, teikit and jing interleaved; cpu = user + system seconds, children included)`);
  for (const [label, list, size] of inputs) {
    const ours = [];
    const theirs = [];
    const floor = [];
    for (let i = 0; i < runs; i++) {
      ours.push(measure(process.execPath, [cli, 'validate', '--schema', schema, ...(list.length > 1 ? [copies] : list)], { TEIKIT_CACHE_DIR: cache }));
      if (hasJing) theirs.push(measure(JING, [...JING_ARGS, schema, ...list]));
      if (hasXmllint) floor.push(measure(XMLLINT, ['--stream', '--noout', ...list]));
    }
    const mbs = size / 1e6;
    const row = (name, ms) => {
      const wall = median(ms.map((m) => m.seconds));
      const cpu = median(ms.map((m) => m.cpu));
      const rss = Math.max(...ms.map((m) => m.rss));
      return { name, wall, line: `   ${name.padEnd(22)} ${fmt(wall).padStart(8)} wall ${(mbs / wall).toFixed(1).padStart(6)} MB/s  ${cpu.toFixed(2).padStart(6)} s cpu  ${rss.toFixed(0).padStart(5)} MB peak` };
    };
    console.log(`   ${label}`);
    const a = row('teikit', ours);
    console.log(a.line, `  ${ours.at(-1).stdout.split('\n').at(-2) ?? ''}`);
    if (theirs.length > 0) {
      const b = row('jing', theirs);
      console.log(b.line, `  jing / teikit: ${ratio(b.wall, a.wall)}${theirs.every((m) => m.complete) ? '' : '  INCOMPLETE (a fatal error ended the call)'}`);
    }
    if (floor.length > 0) console.log(row('xmllint --stream', floor).line, '  parse only: the floor');
  }
  rmSync(dir, { recursive: true, force: true });
  if (onlyScale) process.exit(0);
}

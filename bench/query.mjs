#!/usr/bin/env node
/**
 * Benchmark of `teikit query` and `teikit index` (run by hand: `node bench/query.mjs [--max-mb 100]`).
 *
 * Corpora: ../shared/corpus as is, and generated copies of it (the whole tree copied N times, so that register
 * pointers still resolve) up to about 100 MB, written to os.tmpdir() and removed at the end.
 * For each corpus it measures:
 *  - index build (fresh) in MB/s, and a re-index with nothing changed;
 *  - query latency on the index: in-process (`queryIndex`) and end to end (the CLI, node start-up included);
 *  - a scan (`teikit query places DIR`, no index) in MB/s;
 *  - xmllint --xpath counting the same elements (placeName outside teiHeader and registers), many files per call.
 * Needs the build (`npm run build` or `npx tsc`) in dist/.
 *
 * `--against ROOT` (another teikit checkout with its dist/, such as main before a change) first times index build
 * and scan of this build and of ROOT's, each in its own process through the CLI, interleaved (this, ROOT, this,
 * ROOT, ...), `--runs N` times (default 3), and prints the medians of wall and CPU time (CPU of every thread of
 * the process, from bench/cpu-of.mjs; node's start-up is in the wall time only). `--compare-only` stops there.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readFileSync } from 'node:fs';
import { xmllint as xmllintTool } from '../test/tools.mjs';
import { corpusDir, median, opt, root, sizeOf, xmlFiles } from './lib.mjs';

const corpus = corpusDir;
const cli = join(root, 'dist/src/cli/main.js');
const { buildIndex, queryIndex, queryFiles } = await import(join(root, 'dist/src/query/index.js'));

const maxMb = Number(opt('max-mb', '100')) || 100;
const against = opt('against', undefined);
const runs = Number(opt('runs', '3')) || 3;

const ms = (t0) => Number(process.hrtime.bigint() - t0) / 1e6;

function timeCli(args) {
  const t0 = process.hrtime.bigint();
  const r = spawnSync(process.execPath, [cli, ...args], { encoding: 'utf8', maxBuffer: 1 << 30 });
  return { ms: ms(t0), status: r.status, stdout: r.stdout };
}

const XPATH =
  'count(//*[local-name()="placeName"][not(ancestor::*[local-name()="teiHeader" or local-name()="listPlace" or local-name()="listPerson" or local-name()="listOrg" or local-name()="place" or local-name()="person" or local-name()="personGrp" or local-name()="org"])])';
function xmllint(files) {
  if (!xmllintTool.available) return null;
  const t0 = process.hrtime.bigint();
  let count = 0;
  for (let i = 0; i < files.length; i += 200) {
    const r = spawnSync(xmllintTool.argv[0], [...xmllintTool.argv.slice(1), '--xpath', XPATH, ...files.slice(i, i + 200)], { encoding: 'utf8', maxBuffer: 1 << 28 });
    for (const line of r.stdout.split('\n')) if (/^\d+$/.test(line.trim())) count += Number(line);
  }
  return { ms: ms(t0), count };
}

const QUERIES = [
  ['places --name Buenos Aires', { kind: 'places', name: 'Buenos Aires' }, ['places', '--name', 'Buenos Aires']],
  ['persons --name Joseph von Laßberg --header', { kind: 'persons', name: 'Joseph von Laßberg', header: true }, ['persons', '--name', 'Joseph von Laßberg', '--header']],
  ['places --ref lassberg-place-0043', { kind: 'places', ref: 'lassberg-place-0043' }, ['places', '--ref', 'lassberg-place-0043']],
  ['dates --from 1894-01 --to 1894-02', { kind: 'dates', from: '1894-01', to: '1894-02' }, ['dates', '--from', '1894-01', '--to', '1894-02']],
];

/** `teikit ARGS` of the checkout at `checkout` in its own process: wall time (node start-up included) and CPU time. */
function timed(checkout, args) {
  const out = join(work, 'cpu.json');
  const t0 = process.hrtime.bigint();
  const r = spawnSync(process.execPath, [join(root, 'bench/cpu-of.mjs'), out, join(checkout, 'dist/src/cli/main.js'), ...args], { encoding: 'utf8', maxBuffer: 1 << 30 });
  const wallMs = ms(t0);
  if (r.status !== 0 && r.status !== 1) throw new Error(`teikit ${args.join(' ')} (${checkout}) exited ${r.status}: ${r.stderr.slice(0, 500)}`);
  return { wallMs, cpuMs: JSON.parse(readFileSync(out, 'utf8')).cpuMs, stdout: r.stdout };
}

/** Index build and scan of this build and of `--against`, interleaved, `runs` times each; medians printed. */
function compare(dir, mb, fileCount, db) {
  const builds = [['this', root], ['against', against]];
  const series = new Map();
  const add = (key, t) => series.set(key, [...(series.get(key) ?? []), t]);
  for (let run = 0; run < runs; run++) {
    for (const [name, checkout] of builds) {
      rmSync(db, { force: true });
      add(`${name} index`, timed(checkout, ['index', dir, '--db', db]));
      add(`${name} scan`, timed(checkout, ['query', 'places', dir, '--format', 'json']));
    }
  }
  rmSync(db, { force: true });
  console.log(`\n== ${fileCount} files, ${mb.toFixed(1)} MB: this build (${root}) against ${against}, median of ${runs}, interleaved; load average ${loadavg().map((n) => n.toFixed(1)).join(' ')}`);
  for (const op of ['index', 'scan']) {
    const row = builds.map(([name]) => {
      const s = series.get(`${name} ${op}`);
      const wall = median(s.map((t) => t.wallMs)) / 1000;
      const cpu = median(s.map((t) => t.cpuMs)) / 1000;
      return { name, wall, cpu };
    });
    for (const r of row) console.log(`${op.padEnd(6)} ${r.name.padEnd(8)} wall ${r.wall.toFixed(2)} s = ${(mb / r.wall).toFixed(1)} MB/s   CPU ${r.cpu.toFixed(2)} s = ${(mb / r.cpu).toFixed(1)} MB/s`);
    console.log(`${op.padEnd(6)} speed-up: wall ${(row[1].wall / row[0].wall).toFixed(2)}x, CPU ${(row[1].cpu / row[0].cpu).toFixed(2)}x`);
  }
}

const { loadavg } = await import('node:os');
const work = mkdtempSync(join(tmpdir(), 'teikit-bench-query-'));
const results = [];
const { availableParallelism } = await import('node:os');
console.log(`threads: the default --jobs (one per 64 MB of XML, up to ${Math.min(8, availableParallelism())}); load average at start: ${(await import('node:os')).loadavg().map((n) => n.toFixed(1)).join(' ')}`);
try {
  const baseMb = sizeOf(xmlFiles(corpus)) / 1e6;
  const copiesList = [...new Set([1, 4, Math.max(1, Math.round(maxMb / baseMb))])].filter((n) => n * baseMb <= maxMb * 1.1);
  for (const copies of copiesList) {
    const dir = join(work, `corpus-x${copies}`);
    for (let i = 0; i < copies; i++) cpSync(corpus, join(dir, `copy-${String(i).padStart(3, '0')}`), { recursive: true, filter: (s) => !s.endsWith('.rng') && !s.endsWith('.rnc') });
    const files = xmlFiles(dir);
    const mb = sizeOf(files) / 1e6;
    const db = join(work, `x${copies}.db`);
    if (against !== undefined) compare(dir, mb, files.length, join(work, `cmp-x${copies}.db`));
    if (process.argv.includes('--compare-only')) {
      rmSync(dir, { recursive: true, force: true });
      continue;
    }
    let t0 = process.hrtime.bigint();
    const report = await buildIndex([dir], db);
    const buildMs = ms(t0);
    t0 = process.hrtime.bigint();
    await buildIndex([dir], db);
    const reindexMs = ms(t0);
    const dbMb = statSync(db).size / 1e6;

    const latencies = QUERIES.map(([label, query, args]) => {
      const runs = [];
      let rows = 0;
      for (let i = 0; i < 7; i++) {
        const t = process.hrtime.bigint();
        rows = queryIndex(db, query).mentions.length;
        runs.push(ms(t));
      }
      const cliRuns = [0, 1, 2].map(() => timeCli(['query', ...args, '--db', db, '--format', 'json']).ms);
      return { label, rows, inProcess: median(runs), cli: median(cliRuns) };
    });

    const scan = timeCli(['query', 'places', dir, '--format', 'json']);
    const scanRows = JSON.parse(scan.stdout).filter((m) => m.element === 'placeName').length;
    t0 = process.hrtime.bigint();
    await queryFiles([dir], { kind: 'places', name: 'Buenos Aires' });
    const scanInProcess = ms(t0);
    const lint = xmllint(files);
    results.push({ copies, files: files.length, mb, buildMs, reindexMs, dbMb, mentions: report.mentions, latencies, scanMs: scan.ms, scanInProcess, scanRows, lint });
    rmSync(dir, { recursive: true, force: true });
    rmSync(db, { force: true });
  }
} finally {
  rmSync(work, { recursive: true, force: true });
}

const f1 = (n) => n.toFixed(1);
for (const r of results) {
  console.log(`\n== corpus x${r.copies}: ${r.files} files, ${f1(r.mb)} MB (../shared/corpus${r.copies > 1 ? ` copied ${r.copies} times` : ''})`);
  console.log(`index build  ${f1(r.buildMs / 1000)} s = ${f1(r.mb / (r.buildMs / 1000))} MB/s, ${r.mentions} mentions, index ${f1(r.dbMb)} MB; re-index unchanged ${f1(r.reindexMs)} ms`);
  for (const l of r.latencies) console.log(`query --db   ${l.label.padEnd(46)} ${String(l.rows).padStart(5)} rows  ${f1(l.inProcess).padStart(7)} ms in-process  ${f1(l.cli).padStart(7)} ms CLI`);
  console.log(`scan         teikit query places DIR (CLI)  ${f1(r.scanMs / 1000)} s = ${f1(r.mb / (r.scanMs / 1000))} MB/s (${r.scanRows} placeName rows); in-process --name ${f1(r.scanInProcess / 1000)} s`);
  if (r.lint !== null) {
    console.log(`xmllint      --xpath count(placeName)          ${f1(r.lint.ms / 1000)} s = ${f1(r.mb / (r.lint.ms / 1000))} MB/s (count ${r.lint.count}${r.lint.count === r.scanRows ? ', same as teikit' : `, teikit ${r.scanRows}`})`);
    console.log(`ratio        scan / xmllint time = ${f1(r.scanMs / r.lint.ms)}x; index query (CLI) / xmllint = ${(median(r.latencies.map((l) => l.cli)) / r.lint.ms).toFixed(3)}x`);
  } else console.log('xmllint      not installed: no comparison');
}

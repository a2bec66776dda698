#!/usr/bin/env node
/**
 * Benchmark of `teikit catalog` and of `--match` on the index (run by hand: `node bench/catalog.mjs [--max-mb 100]
 * [--runs 3]`). Needs the build in dist/.
 *
 * The corpus (../shared/corpus) is copied N times into os.tmpdir() up to about --max-mb MB (whole tree, so that
 * register pointers still resolve), then, interleaved, --runs times each:
 *  - the catalogue (`catalogFiles`, in process) in MB/s, beside the query scan of the same files (`queryFiles`,
 *    the same parser and one thread), wall and CPU seconds;
 *  - an index of the copy, and name queries on it in process (`queryIndex`): exact, prefix, substring (trigram
 *    table), regex and fuzzy (every distinct name tested once), each the median of --runs.
 * Medians are printed; the machine is shared, so the figures say under which load they were taken (os.loadavg).
 */
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { corpusDir, median, opt, root, sizeOf, xmlFiles } from './lib.mjs';

const { catalogFiles } = await import(join(root, 'dist/src/catalog/catalog.js'));
const { buildIndex, queryIndex, queryFiles } = await import(join(root, 'dist/src/query/index.js'));

const maxMb = Number(opt('max-mb', '100')) || 100;
const runs = Math.max(3, Number(opt('runs', '3')) || 3);


async function timed(fn) {
  const cpu0 = process.cpuUsage();
  const t0 = process.hrtime.bigint();
  const result = await fn();
  const wall = Number(process.hrtime.bigint() - t0) / 1e9;
  const cpu = process.cpuUsage(cpu0);
  return { wall, cpu: (cpu.user + cpu.system) / 1e6, result };
}

const tmp = mkdtempSync(join(tmpdir(), 'teikit-bench-catalog-'));
try {
  const unit = sizeOf(xmlFiles(corpusDir));
  const copies = Math.max(1, Math.round((maxMb * 1e6) / unit));
  const dir = join(tmp, 'corpus');
  for (let i = 0; i < copies; i++) cpSync(corpusDir, join(dir, `copy${String(i).padStart(3, '0')}`), { recursive: true });
  const files = xmlFiles(dir);
  const mb = sizeOf(files) / 1e6;
  console.log(`corpus: ${copies} copies of ../shared/corpus, ${files.length} files, ${mb.toFixed(1)} MB; load average at start ${loadavg().map((l) => l.toFixed(2)).join(' ')}`);

  const cat = [];
  const scan = [];
  for (let r = 0; r < runs; r++) {
    cat.push(await timed(() => catalogFiles([dir])));
    scan.push(await timed(() => queryFiles([dir], { kind: 'places' }, { jobs: 1 })));
  }
  const records = cat[0].result.records.length;
  const line = (name, xs) =>
    `${name.padEnd(28)} wall ${median(xs.map((x) => x.wall)).toFixed(2)} s (${(mb / median(xs.map((x) => x.wall))).toFixed(1)} MB/s), CPU ${median(xs.map((x) => x.cpu)).toFixed(2)} s`;
  console.log(line(`catalog (${records} records)`, cat));
  console.log(line('query scan, 1 thread', scan));

  const db = join(tmp, 'index.db');
  const built = await timed(() => buildIndex([dir], db));
  console.log(`index build: ${built.wall.toFixed(1)} s, ${built.result.mentions} mentions`);
  // Names this corpus has (one copy: "Department of State, Washington" 35 times, "Asumpcion" 88, the Mendozas
  // 41), so that each query returns rows and the time includes reading them.
  const queries = [
    ['exact "Buenos Aires"', { kind: 'places', name: 'Buenos Aires' }],
    ['prefix "Wash"', { kind: 'places', name: 'Wash', match: 'prefix' }],
    ['substring "washington"', { kind: 'places', name: 'washington', match: 'substring' }],
    ['substring "mendoza"', { kind: 'persons', name: 'mendoza', match: 'substring' }],
    ['substring "de la"', { kind: 'places', name: 'de la', match: 'substring' }],
    ['regex "^rio de.*plata"', { kind: 'places', name: '^rio de.*plata', match: 'regex' }],
    ['fuzzy "Asuncion"', { kind: 'places', name: 'Asuncion', match: 'fuzzy' }],
  ];
  for (const [name, query] of queries) {
    const times = [];
    let rows = 0;
    for (let r = 0; r < runs; r++) {
      const t = await timed(() => queryIndex(db, query));
      times.push(t);
      rows = t.result.mentions.length;
    }
    const wall = median(times.map((t) => t.wall * 1000));
    const cpu = median(times.map((t) => t.cpu * 1000));
    console.log(`query --db ${name.padEnd(26)} wall ${wall.toFixed(1)} ms, CPU ${cpu.toFixed(1)} ms in process (${rows} rows)`);
  }
  console.log(`load average at end ${loadavg().map((l) => l.toFixed(2)).join(' ')}`);
} finally {
  rmSync(tmp, { recursive: true, force: true });
}

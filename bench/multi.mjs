// Several schemas per file, and schemas named by xml-model in a batch (README, teikit validate, "Which schema").
//
//   node bench/multi.mjs [--runs 3] [--before DIR]
//
// Rows, medians of --runs runs, interleaved, wall and CPU (user + system, threads and children included) seconds:
// 1. the corpus (6.4 MB: two worker threads) with a catalog mapping the remote tei_all href 12 of its files name to
//    the local tei_all.rng, empty cache each run: every schema the files name is compiled once before the workers
//    start (RELAX NG grammar, tei_all's embedded Schematron), where before each worker compiled them for itself;
// 2. the same batch, cache filled;
// 3. the corpus against tei_all with --no-schematron, one --schema, then tei_all given twice plus tei_lite (three
//    validators fed by one parse: the streaming path with several schemas).
// --before DIR runs the same rows with the teikit build in DIR (an older checkout's root, with dist/) beside this one.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { corpusDir, median, opt, root, xmlFiles } from './lib.mjs';

const runs = Number(opt('runs', '3'));
const before = opt('before', undefined);
const builds = [['this build', join(root, 'dist/src/cli/main.js')], ...(before === undefined ? [] : [['before', join(before, 'dist/src/cli/main.js')]])];
for (const [, cli] of builds) {
  if (!existsSync(cli) || !existsSync(corpusDir)) {
    console.error(`bench/multi.mjs: needs ${cli} (npm run build) and ../shared/corpus`);
    process.exit(2);
  }
}

const tmp = mkdtempSync(join(tmpdir(), 'teikit-bench-multi-'));
const teiAll = join(corpusDir, 'schemas/tei_all.rng');
const teiLite = join(corpusDir, 'schemas/tei_lite.rng');
const catalog = join(tmp, 'catalog.xml');
writeFileSync(catalog, `<catalog xmlns="urn:oasis:names:tc:entity:xmlns:xml:catalog"><uri name="http://www.tei-c.org/release/xml/tei/custom/schema/relaxng/tei_all.rng" uri="file://${teiAll}"/></catalog>\n`);
const corpus = xmlFiles(corpusDir).filter((f) => !f.includes('/schemas/'));

/** Wall and CPU seconds of a child process (GNU time's %e %U %S on stderr's last line). */
function time(argv, env) {
  const r = spawnSync('/usr/bin/time', ['-f', '%e %U %S', process.execPath, ...argv], { encoding: 'utf8', env: { ...process.env, ...env }, maxBuffer: 1 << 30 });
  const [wall, user, sys] = r.stderr.trim().split('\n').at(-1).split(' ').map(Number);
  return { wall, cpu: user + sys, status: r.status };
}

const rows = [
  ['corpus, xml-model tei_all through a catalog, empty cache', (cli) => [cli, 'validate', '--catalog', catalog, '--jobs', '2', ...corpus], true],
  ['the same, cache filled', (cli) => [cli, 'validate', '--catalog', catalog, '--jobs', '2', ...corpus], false],
  ['corpus, --schema tei_all, --no-schematron', (cli) => [cli, 'validate', '--no-schematron', '--schema', teiAll, ...corpus], false],
  ['corpus, --schema tei_all --schema tei_lite, --no-schematron', (cli) => [cli, 'validate', '--no-schematron', '--schema', teiAll, '--schema', teiLite, ...corpus], false],
];

const results = new Map();
for (let run = 0; run < runs; run++) {
  for (const [name, argv, cold] of rows) {
    for (const [build, cli] of builds) {
      const cache = join(tmp, `cache-${build.replace(/\W/g, '')}${cold ? `-${run}` : ''}`);
      if (cold) rmSync(cache, { recursive: true, force: true });
      else if (run === 0) time(argv(cli), { TEIKIT_CACHE_DIR: cache }); // fill it
      const key = `${name}\u0000${build}`;
      if (!results.has(key)) results.set(key, []);
      results.get(key).push(time(argv(cli), { TEIKIT_CACHE_DIR: cache }));
    }
  }
}
console.log(`${corpus.length} corpus files; medians of ${runs}, interleaved\n`);
console.log(`| measurement | ${builds.map(([b]) => b).join(' | ')} |`);
console.log(`| --- | ${builds.map(() => '---').join(' | ')} |`);
for (const [name] of rows) {
  const cells = builds.map(([build]) => {
    const xs = results.get(`${name}\u0000${build}`);
    return `${median(xs.map((x) => x.wall)).toFixed(2)} s (CPU ${median(xs.map((x) => x.cpu)).toFixed(2)} s, exit ${xs[0].status})`;
  });
  console.log(`| ${name} | ${cells.join(' | ')} |`);
}
rmSync(tmp, { recursive: true, force: true });

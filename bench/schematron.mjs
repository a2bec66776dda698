// `node bench/schematron.mjs [--runs 3]`: Schematron, whole process, teikit against the Java pipeline.
//
// SchXslt (the reference implementation the tests compare verdicts with) is neither in Debian nor on npm here, so
// the Java side runs the XSLT 3.0 stylesheet teikit compiles the schema to (compile.ts; SchXslt also compiles a
// schema to XSLT) in Saxon-HE 9.9 (Debian's libsaxonhe-java), one JVM per file as a validator run per file would.
// Rows, medians of --runs runs, interleaved (teikit, then Saxon, then again), wall and CPU (user + system) seconds:
// - FRUS volumes with frus.sch; the corpus with tei_all's embedded rules (Schematron only, no RELAX NG: each file
//   read, checked and reported, `bench/schematron-run.mjs` in a fresh process, the compiled schema from the cache);
// - the same through `teikit validate` (RELAX NG and Schematron, as a user runs it);
// - loading a compiled Schematron from the cache (the aim: under 0.2 s).
// The machine is shared by other jobs: say so when quoting the figures.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { saxonHe, SAXON_HE_JAR } from '../test/tools.mjs';
import { corpusDir, median, opt, root, sizeOf, xmlFiles } from './lib.mjs';

const runs = Number(opt('runs', '3'));
const cli = join(root, 'dist/src/cli/main.js');
const runner = join(root, 'bench/schematron-run.mjs');
const saxonJar = saxonHe.available ? SAXON_HE_JAR : undefined;
const cache = mkdtempSync(join(tmpdir(), 'teikit-bench-sch-'));
const env = { ...process.env, TEIKIT_CACHE_DIR: cache };

if (!existsSync(cli) || !existsSync(corpusDir)) {
  console.error('bench/schematron.mjs: needs `npm run build` and ../shared/corpus');
  process.exit(2);
}

/** Wall and CPU seconds of a child process (GNU time's %e %U %S on stderr's last line). */
function time(cmd, argv) {
  const r = spawnSync('/usr/bin/time', ['-f', '%e %U %S', cmd, ...argv], { encoding: 'utf8', env, maxBuffer: 1 << 30 });
  const [wall, user, sys] = r.stderr.trim().split('\n').at(-1).split(' ').map(Number);
  return { wall, cpu: user + sys, status: r.status, stdout: r.stdout };
}

const frusSch = join(corpusDir, 'frus/schema/frus.sch');
const teiAll = join(corpusDir, 'schemas/tei_all.rng');
const frusFiles = xmlFiles(join(corpusDir, 'frus/volumes'));
const teiFiles = xmlFiles(corpusDir).filter((f) => !f.includes('/frus/fragments/'));
const mb = (files) => sizeOf(files) / 1e6;

// The stylesheets teikit compiles, for Saxon-HE.
const xsl = {};
for (const [name, schema] of [['frus', frusSch], ['tei_all', teiAll]]) {
  const r = spawnSync(process.execPath, [runner, '--xslt', schema], { encoding: 'utf8', env, maxBuffer: 1 << 30 });
  xsl[name] = join(cache, `${name}.xsl`);
  writeFileSync(xsl[name], r.stdout);
}
// Warm the cache (compile once) before timing.
spawnSync(process.execPath, [runner, frusSch, frusFiles[0]], { env });
spawnSync(process.execPath, [runner, teiAll, teiFiles[0]], { env });

const rows = [
  { name: `frus.sch on ${frusFiles.length} FRUS volumes (${mb(frusFiles).toFixed(1)} MB), Schematron only`, teikit: () => time(process.execPath, [runner, frusSch, ...frusFiles]), java: saxonJar && (() => javaEach(xsl.frus, frusFiles)) },
  { name: `tei_all embedded rules on ${teiFiles.length} corpus files (${mb(teiFiles).toFixed(1)} MB), Schematron only`, teikit: () => time(process.execPath, [runner, teiAll, ...teiFiles]), java: saxonJar && (() => javaEach(xsl.tei_all, teiFiles)) },
  { name: 'teikit validate --schema frus.rnc --schema frus.sch, FRUS volumes (RELAX NG + both Schematrons)', teikit: () => time(process.execPath, [cli, 'validate', '--schema', join(corpusDir, 'frus/schema/frus.rnc'), '--schema', frusSch, ...frusFiles]) },
  { name: 'teikit validate --schema tei_all.rng, corpus (RELAX NG + embedded rules)', teikit: () => time(process.execPath, [cli, 'validate', '--schema', teiAll, ...teiFiles]) },
  { name: 'teikit validate --schema tei_all.rng --no-schematron, corpus (RELAX NG alone)', teikit: () => time(process.execPath, [cli, 'validate', '--no-schematron', '--schema', teiAll, ...teiFiles]) },
  { name: 'load compiled tei_all rules from the cache (in process)', teikit: () => loadTime(teiAll) },
  { name: 'load compiled frus.sch from the cache (in process)', teikit: () => loadTime(frusSch) },
];

function javaEach(stylesheet, files) {
  let wall = 0;
  let cpu = 0;
  for (const f of files) {
    const r = time(saxonHe.argv[0], [...saxonHe.argv.slice(1), `-xsl:${stylesheet}`, `-s:${f}`]);
    wall += r.wall;
    cpu += r.cpu;
  }
  return { wall, cpu };
}

function loadTime(schema) {
  const r = spawnSync(process.execPath, [runner, '--load', schema], { encoding: 'utf8', env });
  const [wall, cpu] = r.stdout.trim().split(' ').map(Number);
  return { wall, cpu };
}

const results = rows.map(() => ({ teikit: [], java: [] }));
for (let i = 0; i < runs; i++) {
  rows.forEach((row, k) => {
    results[k].teikit.push(row.teikit());
    if (row.java) results[k].java.push(row.java());
  });
}
const fmt = (xs) => (xs.length === 0 ? '' : `${median(xs.map((x) => x.wall)).toFixed(2)} s${Number.isNaN(xs[0].cpu) ? '' : ` (CPU ${median(xs.map((x) => x.cpu)).toFixed(2)} s)`}`);
console.log(`| measurement (median of ${runs}) | teikit (saxon-js) | Saxon-HE 9.9, same XSLT, a JVM per file |`);
console.log('| --- | --- | --- |');
rows.forEach((row, k) => console.log(`| ${row.name} | ${fmt(results[k].teikit)} | ${fmt(results[k].java)} |`));
rmSync(cache, { recursive: true, force: true });

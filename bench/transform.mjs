#!/usr/bin/env node
/**
 * bench/transform.mjs: TEI -> HTML (and text) with teikit (saxon-js running the SEF compiled from
 * transforms/tei-html.xsl) side by side with Saxon-HE (Java, Debian package libsaxonhe-java) running the same
 * stylesheet source. Run by hand after `npm run build`:
 *
 *     node bench/transform.mjs [--runs N] [--file FILE.xml]
 *
 * Default input: the largest *.xml of ../shared/corpus (schemas left out).
 * - end to end: one process per run, wall clock, start-up included: `teikit transform FILE --to html -o OUT`
 *   against `java net.sf.saxon.Transform -s:FILE -xsl:transforms/tei-html.xsl -o:OUT` (which also compiles the
 *   stylesheet: Saxon-HE has no compiled form to load; teikit loads the SEF compiled at build time).
 * - warm: in one process, after a first run: transformToHtml() (our parser + serialisation + saxon-js) against
 *   Saxon-HE's own `-repeat:N` average (its "Average execution time", plus its "Tree built in" parse time of the
 *   same runs; compilation not included).
 * End to end: medians of N runs, teikit and Saxon-HE interleaved, wall and CPU seconds (user + system) and peak
 * memory from /usr/bin/time. Ratio = teikit time / Saxon-HE time (below 1 means teikit is faster).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { median, opt, root } from './lib.mjs';

const runs = Number(opt('runs', '5'));
const SAXON_HE = '/usr/share/java/Saxon-HE.jar';
const cli = join(root, 'dist/src/cli/main.js');

if (!existsSync(cli) || !existsSync(join(root, 'dist/transforms/tei-html.sef.json'))) {
  console.error('bench/transform.mjs: run "npm run build" first');
  process.exit(2);
}

function largestCorpusFile() {
  const corpus = join(root, '../shared/corpus');
  if (!existsSync(corpus)) return undefined;
  const files = [];
  const walk = (dir) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory() && entry.name !== 'schemas') walk(path);
      else if (entry.name.endsWith('.xml')) files.push([statSync(path).size, path]);
    }
  };
  walk(corpus);
  return files.sort((a, b) => b[0] - a[0])[0]?.[1];
}

const file = opt('file', largestCorpusFile());
if (!file) {
  console.error('bench/transform.mjs: no input (../shared/corpus is absent); give --file FILE.xml');
  process.exit(2);
}
const mb = statSync(file).size / 1e6;
const tmp = mkdtempSync(join(tmpdir(), 'teikit-bench-'));
const fmt = (ms) => `${(ms / 1000).toFixed(2)} s`;

/**
 * One run of a command under /usr/bin/time: wall seconds, CPU seconds (user + system) and peak memory (max RSS).
 * Without /usr/bin/time, wall clock only.
 */
const GNU_TIME = existsSync('/usr/bin/time') ? '/usr/bin/time' : undefined;
function runOnce(command, commandArgs) {
  const t = performance.now();
  const r = GNU_TIME
    ? spawnSync(GNU_TIME, ['-f', 'TKTIME %e %U %S %M', command, ...commandArgs], { encoding: 'utf8', maxBuffer: 1 << 28 })
    : spawnSync(command, commandArgs, { encoding: 'utf8', maxBuffer: 1 << 28 });
  const wall = performance.now() - t;
  if (r.status !== 0) throw new Error(`${command} ${commandArgs.join(' ')} failed: ${r.stderr.split('\n')[0]}`);
  const m = /TKTIME ([\d.]+) ([\d.]+) ([\d.]+) (\d+)/.exec(r.stderr);
  return m ? { wall, cpu: (Number(m[2]) + Number(m[3])) * 1000, rss: Number(m[4]) / 1024 } : { wall, cpu: NaN, rss: NaN };
}

/** Medians of `runs` runs of each command, the commands interleaved (A B A B ...) so that load hits both alike. */
function timeInterleaved(commands) {
  const samples = commands.map(() => []);
  for (let i = 0; i < runs; i++) commands.forEach(([cmd, args], k) => samples[k].push(runOnce(cmd, args)));
  return samples.map((xs) => ({ wall: median(xs.map((x) => x.wall)), cpu: median(xs.map((x) => x.cpu)), rss: median(xs.map((x) => x.rss)) }));
}

console.log(`input: ${file} (${mb.toFixed(2)} MB), ${runs} runs each, interleaved, medians\n`);
const rows = [];
const java = spawnSync('java', ['-version'], { encoding: 'utf8' }).status === 0;
const haveSaxon = java && existsSync(SAXON_HE);
if (!haveSaxon) console.log(`Saxon-HE not found (${SAXON_HE}, Debian package libsaxonhe-java) or no java: teikit only`);

// End to end, one process per run: teikit (node start, saxon-js load, our parse, transform, write) against
// Saxon-HE (JVM start, stylesheet compilation, parse, transform, write).
for (const [to, xsl] of [['html', 'tei-html.xsl'], ['text', 'tei-text.xsl']]) {
  const commands = [[process.execPath, [cli, 'transform', file, '--to', to, '-o', join(tmp, `out.${to}`)]]];
  if (haveSaxon) commands.push(['java', ['-cp', SAXON_HE, 'net.sf.saxon.Transform', `-s:${file}`, `-xsl:${join(root, 'transforms', xsl)}`, `-o:${join(tmp, `he.${to}`)}`]]);
  const [ours, theirs] = timeInterleaved(commands);
  rows.push([`teikit transform --to ${to}, end to end`, ours.wall, ours]);
  if (theirs) rows.push([`Saxon-HE ${to}, end to end`, theirs.wall, theirs]);
}

// teikit warm, in process.
const { transformToHtml, transformToText } = await import(join(root, 'dist/src/index.js'));
const bytes = readFileSync(file);
for (const [to, fn] of [['html', transformToHtml], ['text', transformToText]]) {
  fn(bytes, { file });
  const times = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    fn(bytes, { file });
    times.push(performance.now() - t);
  }
  rows.push([`teikit ${to}, warm (in process)`, median(times)]);
}

if (haveSaxon) {
  for (const [to, xsl] of [['html', 'tei-html.xsl'], ['text', 'tei-text.xsl']]) {
    const xslPath = join(root, 'transforms', xsl);
    const r = spawnSync('java', ['-cp', SAXON_HE, 'net.sf.saxon.Transform', '-t', `-repeat:${Math.max(runs, 5)}`, `-s:${file}`, `-xsl:${xslPath}`, `-o:${join(tmp, `he2.${to}`)}`], { encoding: 'utf8' });
    // "Execution time" leaves out parsing the source ("Tree built in"): add the parse of the same runs (all but the
    // first, like Saxon's own average) so that both sides include parsing.
    const average = /Average execution time[^:]*:\s*([\d.]+)\s*(ms|s)/i.exec(r.stderr);
    const trees = [...r.stderr.matchAll(/Building tree for (\S+)[^\n]*\nTree built in ([\d.]+)\s*(ms|s)/g)]
      .filter((m) => m[1].endsWith(file.split('/').pop()))
      .map((m) => Number(m[2]) * (m[3] === 's' ? 1000 : 1));
    const parse = trees.length > 1 ? trees.slice(1).reduce((a, b) => a + b, 0) / (trees.length - 1) : 0;
    if (average) rows.push([`Saxon-HE ${to}, warm (-repeat average)`, Number(average[1]) * (average[2] === 's' ? 1000 : 1) + parse]);
    else console.log(`(could not read Saxon-HE's -repeat timing: ${r.stderr.split('\n').slice(-3).join(' ')})`);
  }
}

const width = Math.max(...rows.map(([label]) => label.length));
for (const [label, ms, detail] of rows) {
  const extra = detail ? `  CPU ${fmt(detail.cpu).padStart(8)}  peak memory ${detail.rss.toFixed(0).padStart(5)} MB (${(detail.rss / mb).toFixed(1)}x the file)` : '';
  console.log(`${label.padEnd(width)}  ${fmt(ms).padStart(8)}  ${(mb / (ms / 1000)).toFixed(2).padStart(6)} MB/s${extra}`);
}

const get = (label) => rows.find(([l]) => l === label)?.[1];
console.log('\nratio teikit / Saxon-HE (aim: below 2):');
for (const to of ['html', 'text']) {
  for (const kind of ['end to end', 'warm']) {
    const ours = get(kind === 'warm' ? `teikit ${to}, warm (in process)` : `teikit transform --to ${to}, end to end`);
    const theirs = get(kind === 'warm' ? `Saxon-HE ${to}, warm (-repeat average)` : `Saxon-HE ${to}, end to end`);
    if (ours !== undefined && theirs !== undefined) console.log(`  ${to} ${kind}: ${(ours / theirs).toFixed(2)}x`);
  }
}
rmSync(tmp, { recursive: true, force: true });

#!/usr/bin/env node
/**
 * bench/transform.mjs: TEI -> HTML (and text) with teikit (saxon-js running the SEF compiled from
 * transforms/tei-html.xsl) side by side with Saxon-HE (Java, Debian package libsaxonhe-java) running the same
 * stylesheet source. Run by hand after `npm run build`:
 *
 *     node bench/transform.mjs [--runs N] [--file FILE.xml]... [--frus-mb MB] [--corpus-mb MB] [--to html|text|both] [--warm]
 *                              [--baseline DIR]
 *
 * Inputs: each --file; --frus-mb MB builds a FRUS volume of about MB megabytes from
 * ../shared/corpus/frus/volumes/frus1894Nicaragua.xml (its body, the volume's documents, repeated; header, front
 * matter and the list of persons once, as in a real volume); --corpus-mb MB builds a teiCorpus of about MB megabytes
 * from every TEI P5 document of ../shared/corpus (each TEI element as it is in its file, in path order, repeated).
 * Built inputs go to os.tmpdir() and are removed afterwards. Without any input: the largest corpus file.
 * - end to end: one process per run, start-up included: `teikit transform FILE --to html -o OUT` against
 *   `java net.sf.saxon.Transform -s:FILE -xsl:transforms/tei-html.xsl -o:OUT` (which also compiles the stylesheet:
 *   Saxon-HE has no compiled form to load; teikit loads the SEF compiled at build time).
 * - with --warm, also in one process after a first run: transformToHtml() (our parser + tree + saxon-js +
 *   serialisation) against Saxon-HE's own `-repeat:N` average (its "Average execution time", plus its "Tree built
 *   in" parse time of the same runs; compilation not included).
 * - with --baseline DIR, another built checkout of teikit (DIR/dist/src/cli/main.js, for instance the code before a
 *   change) runs end to end in the same interleaved series, so that before and after meet the same load.
 * End to end: medians of N runs (default 3), teikit and Saxon-HE interleaved, wall and CPU seconds (user + system)
 * and peak memory (max RSS) from /usr/bin/time. Ratio = teikit / Saxon-HE (below 1 means teikit is faster). The
 * machine may be shared: the load average is printed with the figures, and CPU seconds are the ones to compare.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { corpusDir, median, opt, root } from './lib.mjs';

const runs = Number(opt('runs', '3'));
const outputs = { html: ['html'], text: ['text'], both: ['html', 'text'] }[opt('to', 'html')] ?? ['html'];
const SAXON_HE = '/usr/share/java/Saxon-HE.jar';
const cli = join(root, 'dist/src/cli/main.js');
const baseline = opt('baseline', undefined);
const baselineCli = baseline === undefined ? undefined : join(baseline, 'dist/src/cli/main.js');
if (baselineCli !== undefined && !existsSync(baselineCli)) {
  console.error(`bench/transform.mjs: --baseline ${baseline}: no ${baselineCli} (run "npm run build" there)`);
  process.exit(2);
}
const XSL = { html: 'tei-html.xsl', text: 'tei-text.xsl' };

if (!existsSync(cli) || !existsSync(join(root, 'dist/transforms/tei-html.sef.json'))) {
  console.error('bench/transform.mjs: run "npm run build" first');
  process.exit(2);
}

/** Every *.xml below a directory (schemas left out), in path order. */
function corpusFiles() {
  if (!existsSync(corpusDir)) return [];
  return readdirSync(corpusDir, { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile() && e.name.endsWith('.xml'))
    .map((e) => join(e.parentPath ?? e.path, e.name))
    .filter((f) => !f.includes('/schemas/'))
    .sort();
}

const tmp = mkdtempSync(join(tmpdir(), 'teikit-bench-'));

/** A FRUS volume of about `mb` MB: frus1894Nicaragua.xml with its body (the documents) repeated. */
function frusVolume(mb) {
  const source = readFileSync(join(corpusDir, 'frus/volumes/frus1894Nicaragua.xml'), 'utf8');
  const open = source.indexOf('<body>') + '<body>'.length;
  const close = source.lastIndexOf('</body>');
  const documents = source.slice(open, close);
  const copies = Math.max(1, Math.round((mb * 1e6 - (source.length - documents.length)) / Buffer.byteLength(documents)));
  const file = join(tmp, `frus-volume-${mb}mb.xml`);
  writeFileSync(file, source.slice(0, open) + documents.repeat(copies) + source.slice(close));
  return file;
}

/** A teiCorpus of about `mb` MB from the TEI P5 documents of the corpus (each TEI element as in its file). */
function teiCorpus(mb) {
  const members = [];
  for (const f of corpusFiles()) {
    const text = readFileSync(f, 'utf8');
    const start = text.search(/<TEI[\s>]/);
    if (start < 0 || !/^<TEI[^>]*xmlns="http:\/\/www\.tei-c\.org\/ns\/1\.0"/.test(text.slice(start))) continue;
    if (/<!DOCTYPE|<!ENTITY/.test(text.slice(0, start))) continue;
    members.push(text.slice(start).trimEnd());
  }
  const unit = members.reduce((n, m) => n + Buffer.byteLength(m) + 1, 0);
  const copies = Math.max(1, Math.round((mb * 1e6) / unit));
  const header = '<teiHeader><fileDesc><titleStmt><title>The shared corpus, repeated</title></titleStmt>' +
    '<publicationStmt><p>Benchmark input built by bench/transform.mjs.</p></publicationStmt>' +
    '<sourceDesc><p>../shared/corpus</p></sourceDesc></fileDesc></teiHeader>';
  const file = join(tmp, `teiCorpus-${mb}mb.xml`);
  writeFileSync(file, `<?xml version="1.0" encoding="UTF-8"?>\n<teiCorpus xmlns="http://www.tei-c.org/ns/1.0">${header}\n` +
    Array.from({ length: copies }, () => members.join('\n')).join('\n') + '\n</teiCorpus>\n');
  return file;
}

const inputs = [];
for (let i = 2; i < process.argv.length; i++) if (process.argv[i] === '--file') inputs.push(process.argv[i + 1]);
if (opt('frus-mb', undefined)) inputs.push(frusVolume(Number(opt('frus-mb'))));
if (opt('corpus-mb', undefined)) inputs.push(teiCorpus(Number(opt('corpus-mb'))));
if (inputs.length === 0) {
  const largest = corpusFiles().map((f) => [statSync(f).size, f]).sort((a, b) => b[0] - a[0])[0]?.[1];
  if (largest === undefined) {
    console.error('bench/transform.mjs: no input (../shared/corpus is absent); give --file FILE.xml');
    process.exit(2);
  }
  inputs.push(largest);
}

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
  const wall = (performance.now() - t) / 1000;
  if (r.status !== 0) throw new Error(`${command} ${commandArgs.join(' ')} failed: ${r.stderr.split('\n')[0]}`);
  const m = /TKTIME ([\d.]+) ([\d.]+) ([\d.]+) (\d+)/.exec(r.stderr);
  return m ? { wall, cpu: Number(m[2]) + Number(m[3]), rss: Number(m[4]) / 1024 } : { wall, cpu: NaN, rss: NaN };
}

/** Medians of `runs` runs of each command, the commands interleaved (A B A B ...) so that load hits both alike. */
function timeInterleaved(commands) {
  const samples = commands.map(() => []);
  for (let i = 0; i < runs; i++) commands.forEach(([cmd, args], k) => samples[k].push(runOnce(cmd, args)));
  return samples.map((xs) => ({ wall: median(xs.map((x) => x.wall)), cpu: median(xs.map((x) => x.cpu)), rss: median(xs.map((x) => x.rss)) }));
}

const java = spawnSync('java', ['-version'], { encoding: 'utf8' }).status === 0;
const haveSaxon = java && existsSync(SAXON_HE);
if (!haveSaxon) console.log(`Saxon-HE not found (${SAXON_HE}, Debian package libsaxonhe-java) or no java: teikit only`);
console.log(`${runs} runs each, interleaved, medians; load average at start ${loadavg().map((l) => l.toFixed(2)).join(' ')}\n`);

const fmt = (x) => `${x.wall.toFixed(2)} s wall, ${x.cpu.toFixed(2)} s CPU, ${x.rss.toFixed(0)} MB peak`;
for (const file of inputs) {
  const mb = statSync(file).size / 1e6;
  console.log(`${basename(file)} (${mb.toFixed(2)} MB)`);
  for (const to of outputs) {
    const commands = [[process.execPath, [cli, 'transform', file, '--to', to, '-o', join(tmp, `out.${to}`)]]];
    if (haveSaxon) commands.push(['java', ['-cp', SAXON_HE, 'net.sf.saxon.Transform', `-s:${file}`, `-xsl:${join(root, 'transforms', XSL[to])}`, `-o:${join(tmp, `he.${to}`)}`]]);
    if (baselineCli !== undefined) commands.push([process.execPath, [baselineCli, 'transform', file, '--to', to, '-o', join(tmp, `base.${to}`)]]);
    const results = timeInterleaved(commands);
    const [ours, theirs] = haveSaxon ? results : [results[0], undefined];
    const before = baselineCli === undefined ? undefined : results.at(-1);
    console.log(`  ${to}, end to end   teikit   ${fmt(ours)} (${(ours.rss / mb).toFixed(1)}x the file)`);
    if (theirs) {
      console.log(`  ${to}, end to end   Saxon-HE ${fmt(theirs)} (${(theirs.rss / mb).toFixed(1)}x the file)`);
      console.log(`  ${to}, ratio teikit / Saxon-HE: wall ${(ours.wall / theirs.wall).toFixed(2)}x, CPU ${(ours.cpu / theirs.cpu).toFixed(2)}x, memory ${(ours.rss / theirs.rss).toFixed(2)}x`);
    }
    if (before) {
      console.log(`  ${to}, end to end   baseline ${fmt(before)} (${(before.rss / mb).toFixed(1)}x the file)`);
      console.log(`  ${to}, ratio teikit / baseline: wall ${(ours.wall / before.wall).toFixed(2)}x, CPU ${(ours.cpu / before.cpu).toFixed(2)}x, memory ${(ours.rss / before.rss).toFixed(2)}x`);
    }
  }
  if (process.argv.includes('--warm')) {
    const { transformToHtml, transformToText } = await import(join(root, 'dist/src/index.js'));
    const bytes = readFileSync(file);
    for (const to of outputs) {
      const fn = to === 'html' ? transformToHtml : transformToText;
      fn(bytes, { file });
      const times = [];
      for (let i = 0; i < runs; i++) {
        const t = performance.now();
        fn(bytes, { file });
        times.push((performance.now() - t) / 1000);
      }
      let line = `  ${to}, warm: teikit ${median(times).toFixed(2)} s`;
      if (haveSaxon) {
        const r = spawnSync('java', ['-cp', SAXON_HE, 'net.sf.saxon.Transform', '-t', `-repeat:${Math.max(runs, 3)}`, `-s:${file}`, `-xsl:${join(root, 'transforms', XSL[to])}`, `-o:${join(tmp, `he2.${to}`)}`], { encoding: 'utf8' });
        // "Execution time" leaves out parsing the source ("Tree built in"): add the parse of the same runs (all but
        // the first, like Saxon's own average) so that both sides include parsing.
        const average = /Average execution time[^:]*:\s*([\d.]+)\s*(ms|s)/i.exec(r.stderr);
        const trees = [...r.stderr.matchAll(/Building tree for (\S+)[^\n]*\nTree built in ([\d.]+)\s*(ms|s)/g)]
          .filter((m) => m[1].endsWith(basename(file)))
          .map((m) => Number(m[2]) * (m[3] === 's' ? 1 : 0.001));
        const parse = trees.length > 1 ? trees.slice(1).reduce((a, b) => a + b, 0) / (trees.length - 1) : 0;
        if (average) line += `, Saxon-HE ${(Number(average[1]) * (average[2] === 's' ? 1 : 0.001) + parse).toFixed(2)} s (-repeat average)`;
      }
      console.log(line);
    }
  }
}
console.log(`\nload average at end ${loadavg().map((l) => l.toFixed(2)).join(' ')}`);
rmSync(tmp, { recursive: true, force: true });

#!/usr/bin/env node
/**
 * Benchmark of the XML parser (run by hand:
 * `node bench/parse.mjs [--runs 3] [--only corpus,tokenised,novel] [--saxes DIR] [--baseline DIR]`).
 *
 * Inputs: every file of ../shared/corpus; a generated file of tokenised text (`w` with `@lemma` and `@pos`, about
 * 27 elements per KB, 50 MB); a generated novel (paragraphs of prose with a few names, 100 MB). Generated files go
 * to os.tmpdir() and are removed at the end.
 * Contenders, each in its own process (so CPU seconds and peak memory are its own), interleaved, median of `--runs`:
 *  - teikit `streamXml` with handlers that do nothing (the tokenizer: decoding, checks, positions, events);
 *  - teikit `tryParseXml` (the tree every stage gets);
 *  - saxes 6 alone (the tokenizer teikit used before, with xmlns and positions on; no tree), when installed: it is
 *    no dependency any more, so `--saxes DIR` names a folder it was installed into for the comparison
 *    (`npm install --prefix /tmp/saxes-bench saxes@6`);
 *  - `xmllint --stream --noout` and `xmllint --noout` (libxml2 in C: the floor);
 *  - floors of the JavaScript contenders, what any tokenizer in Node 20 pays before its first event: "decode"
 *    (what `streamXml` does first: UTF-8 decoding with V8's decoder, as every contender fed a string pays it, then
 *    the search for characters XML 1.0 section 2.2 disallows), "decode + text" (that, then each `<` and `>` found
 *    and the text between sliced: no names, attributes, positions or checks) and "bytes" (what a tokenizer of the
 *    bytes would still need: `buffer.isUtf8`, a Latin-1 view of the bytes so that native string searches apply,
 *    and the disallowed-character search on it), "bytes + text" (that, then each text between tags made a string:
 *    the view's slice when ASCII, else decoded from its bytes) and "bytes + columns" (the bytes floor, then the one
 *    pass over the bytes that columns in code points need when the text is not decoded, four bytes at a time);
 *  - with `--baseline DIR`, `streamXml` and `tryParseXml` of another built checkout of teikit (DIR/dist, for
 *    instance the code before a change: `git worktree add DIR HEAD~1 && (cd DIR && npm ci && npm run build)`).
 * Time is measured inside the process around the parse (file already read), except for xmllint (whole process).
 * Needs the build (`npm run build` or `npx tsc`) in dist/.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { xmllint } from '../test/tools.mjs';
import { corpusDir, median, opt, root, xmlFiles } from './lib.mjs';

const here = join(root, 'bench/parse.mjs');
// Where saxes is looked up (passed to the child processes through the environment).
if (opt('saxes', undefined) !== undefined) process.env.TEIKIT_BENCH_SAXES = opt('saxes', undefined);
// The other checkout's root, for the `--baseline` contenders (also passed to the child processes).
if (opt('baseline', undefined) !== undefined) process.env.TEIKIT_BENCH_BASELINE = opt('baseline', undefined);
const baseline = process.env.TEIKIT_BENCH_BASELINE;
const saxesRequire = () => createRequire(join(process.env.TEIKIT_BENCH_SAXES ?? root, 'package.json'));

// Child mode: `node bench/parse.mjs --one CONTENDER LISTFILE` parses each file named in LISTFILE once.
if (process.argv[2] === '--one') {
  const [, , , contender, list] = process.argv;
  const files = readFileSync(list, 'utf8').split('\n').filter(Boolean);
  const inputs = files.map((f) => readFileSync(f));
  const parse = await contenderFn(contender);
  const cpu0 = process.cpuUsage();
  const t0 = process.hrtime.bigint();
  let failures = 0;
  for (const bytes of inputs) if (!parse(bytes)) failures++;
  const ms = Number(process.hrtime.bigint() - t0) / 1e6;
  const cpu = process.cpuUsage(cpu0);
  console.log(JSON.stringify({ ms, cpu: (cpu.user + cpu.system) / 1000, rssMb: process.resourceUsage().maxRSS / 1024, failures }));
  process.exit(0);
}

async function contenderFn(name) {
  const from = name.endsWith('-baseline') ? baseline : root;
  name = name.replace(/-baseline$/, '');
  if (name === 'stream') {
    const { streamXml } = await import(join(from, 'dist/src/xml/index.js'));
    const noop = () => {};
    const handler = { startElement: noop, endElement: noop, text: noop, comment: noop, processingInstruction: noop };
    return (bytes) => streamXml(bytes, handler).ok;
  }
  if (name === 'tree') {
    const { tryParseXml } = await import(join(from, 'dist/src/xml/index.js'));
    return (bytes) => tryParseXml(bytes).ok;
  }
  if (name === 'decode' || name === 'decode-text') {
    const { decodeXml } = await import(join(from, 'dist/src/xml/decode.js'));
    const { firstDisallowed } = await import(join(from, 'dist/src/xml/names.js'));
    const text = name === 'decode-text';
    return (bytes) => {
      let s;
      try {
        s = decodeXml(bytes, 'bench').text;
      } catch {
        return false;
      }
      if (s.indexOf('\r') >= 0) s = s.replace(/\r\n?/g, '\n');
      if (firstDisallowed(s).offset >= 0) return false;
      if (!text) return true;
      let sink = 0;
      for (let i = s.indexOf('>'); i >= 0; ) {
        const lt = s.indexOf('<', i);
        if (lt < 0) break;
        if (lt > i + 1) sink += s.slice(i + 1, lt).length;
        i = s.indexOf('>', lt);
      }
      return sink >= 0;
    };
  }
  if (name === 'bytes' || name === 'bytes-text' || name === 'bytes-columns') {
    const { Buffer, isUtf8 } = await import('node:buffer');
    const DISALLOWED = /[\x00-\x08\x0B\x0C\x0E-\x1F]|\xEF\xBF[\xBE\xBF]/;
    return (bytes) => {
      if (!isUtf8(bytes)) return false;
      const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
      const view = buffer.toString('latin1');
      if (view.search(DISALLOWED) >= 0) return false;
      let sink = 0;
      if (name === 'bytes-text') {
        // Each text between tags as a string: the view's slice when it is ASCII, else decoded from its bytes.
        for (let i = view.indexOf('>'); i >= 0; ) {
          const lt = view.indexOf('<', i);
          if (lt < 0) break;
          if (lt > i + 1) {
            let k = i + 1;
            while (k < lt && bytes[k] < 0x80) k++;
            sink += (k === lt ? view.slice(i + 1, lt) : buffer.toString('utf8', i + 1, lt)).length;
          }
          i = view.indexOf('>', lt);
        }
      } else if (name === 'bytes-columns') {
        // Columns count code points: the bytes that start a character (not 0x80-0xBF), counted four at a time
        // (a continuation byte has bit 7 set and bit 6 clear).
        const n = bytes.length;
        const head = Math.min(n, (4 - (bytes.byteOffset & 3)) & 3);
        let continuation = 0;
        for (let i = 0; i < head; i++) if ((bytes[i] & 0xc0) === 0x80) continuation++;
        const words = new Int32Array(bytes.buffer, bytes.byteOffset + head, (n - head) >> 2);
        for (let i = 0; i < words.length; i++) {
          const w = words[i];
          let x = w & ~(w << 1) & 0x80808080;
          if (x !== 0) {
            x >>>= 7;
            x += x >>> 8;
            x += x >>> 16;
            continuation += x & 0xff;
          }
        }
        for (let i = head + words.length * 4; i < n; i++) if ((bytes[i] & 0xc0) === 0x80) continuation++;
        sink = n - continuation;
      }
      return sink >= 0;
    };
  }
  if (name === 'saxes') {
    const { SaxesParser } = saxesRequire()('saxes');
    return (bytes) => {
      const parser = new SaxesParser({ xmlns: true, position: true });
      let ok = true;
      parser.on('error', () => {
        ok = false;
      });
      const text = new TextDecoder().decode(bytes);
      for (let i = 0; i < text.length && ok; i += 1 << 20) parser.write(text.slice(i, i + (1 << 20)));
      if (ok) parser.close();
      return ok;
    };
  }
  throw new Error(`unknown contender ${name}`);
}

const runs = Number(opt('runs', '3')) || 3;
const only = opt('only', 'corpus,tokenised,novel').split(',');
const hasSaxes = (() => {
  try {
    saxesRequire().resolve('saxes');
    return true;
  } catch {
    return false;
  }
})();
const hasXmllint = xmllint.available;
const hasTime = spawnSync('/usr/bin/time', ['-f', '%U', 'true']).status === 0;
if (baseline !== undefined && !existsSync(join(baseline, 'dist/src/xml/index.js'))) {
  console.error(`bench/parse.mjs: --baseline ${baseline}: no ${join(baseline, 'dist/src/xml/index.js')} (run "npm run build" there)`);
  process.exit(2);
}


/** Deterministic words: the same file every run. */
function words(seed) {
  const syllables = ['ka', 'lo', 'mi', 'ren', 'ta', 'vos', 'que', 'dé', 'sur', 'an', 'tis', 'ho', 'bel', 'na', 'ür'];
  let x = seed;
  return () => {
    x = (x * 1103515245 + 12345) & 0x7fffffff;
    let w = '';
    for (let k = 1 + (x % 3); k > 0; k--) w += syllables[(x >> (k * 4)) % syllables.length];
    return w;
  };
}

const HEAD = '<?xml version="1.0" encoding="UTF-8"?>\n<TEI xmlns="http://www.tei-c.org/ns/1.0"><teiHeader><fileDesc><titleStmt><title>Generated</title></titleStmt><publicationStmt><p>bench</p></publicationStmt><sourceDesc><p>generated by bench/parse.mjs</p></sourceDesc></fileDesc></teiHeader><text><body>\n';
const TAIL = '</body></text></TEI>\n';
const POS = ['NN', 'VVFIN', 'ART', 'ADJA', 'APPR', 'KON', '$.'];

function tokenised(path, mb) {
  const next = words(7);
  const parts = [HEAD];
  let size = HEAD.length;
  let n = 0;
  while (size < mb * 1e6) {
    let p = '<p>';
    for (let k = 0; k < 40; k++) {
      const w = next();
      p += `<w lemma="${w}" pos="${POS[n++ % POS.length]}">${w}</w>${k % 8 === 7 ? '\n' : ' '}`;
    }
    p += '</p>\n';
    parts.push(p);
    size += p.length;
  }
  parts.push(TAIL);
  writeFileSync(path, parts.join(''));
}

function novel(path, mb) {
  const next = words(11);
  const parts = [HEAD];
  let size = HEAD.length;
  let chapter = 0;
  while (size < mb * 1e6) {
    let div = `<div type="chapter" n="${++chapter}"><head>Chapter ${chapter}</head>\n`;
    for (let q = 0; q < 30; q++) {
      div += '<p>';
      for (let k = 0; k < 120; k++) {
        if (k % 37 === 5) div += `<persName ref="#p${k}">${next()}</persName> `;
        else if (k % 53 === 9) div += `<hi rend="italic">${next()}</hi> `;
        else div += next() + (k % 15 === 14 ? '.\n' : ' ');
      }
      div += '&amp; fin.</p>\n';
    }
    div += '</div>\n';
    parts.push(div);
    size += div.length;
  }
  parts.push(TAIL);
  writeFileSync(path, parts.join(''));
}

function runNode(contender, list) {
  const r = spawnSync(process.execPath, ['--max-old-space-size=8192', here, '--one', contender, list], { encoding: 'utf8', maxBuffer: 1 << 26 });
  if (r.status !== 0) return { error: (r.stderr || '').split('\n').find((l) => l.trim() !== '') ?? `exit ${r.status}` };
  return JSON.parse(r.stdout.trim().split('\n').pop());
}

function runXmllint(args, files) {
  const t0 = process.hrtime.bigint();
  const cmd = hasTime ? ['/usr/bin/time', '-f', 'TIME %U %S %M', ...xmllint.argv, ...args, ...files] : [...xmllint.argv, ...args, ...files];
  const r = spawnSync(cmd[0], cmd.slice(1), { encoding: 'utf8', maxBuffer: 1 << 28 });
  const ms = Number(process.hrtime.bigint() - t0) / 1e6;
  const m = /TIME ([\d.]+) ([\d.]+) (\d+)/.exec(r.stderr);
  return { ms, cpu: m ? (Number(m[1]) + Number(m[2])) * 1000 : NaN, rssMb: m ? Number(m[3]) / 1024 : NaN, failures: 0 };
}

const work = mkdtempSync(join(tmpdir(), 'teikit-bench-parse-'));
try {
  const inputs = [];
  if (only.includes('corpus')) inputs.push(['corpus (every file of ../shared/corpus)', xmlFiles(corpusDir)]);
  if (only.includes('tokenised')) {
    const path = join(work, 'tokenised.xml');
    tokenised(path, Number(opt('tokenised-mb', '50')));
    inputs.push(['tokenised w/@lemma/@pos, generated', [path]]);
  }
  if (only.includes('novel')) {
    const path = join(work, 'novel.xml');
    novel(path, Number(opt('novel-mb', '100')));
    inputs.push(['novel, generated', [path]]);
  }
  const contenders = [
    ['teikit streamXml (tokenizer, no tree)', (list) => runNode('stream', list)],
    ['teikit tryParseXml (tree)', (list) => runNode('tree', list)],
    ...(baseline !== undefined
      ? [
          ['baseline streamXml', (list) => runNode('stream-baseline', list)],
          ['baseline tryParseXml', (list) => runNode('tree-baseline', list)],
        ]
      : []),
    ...(hasSaxes ? [['saxes 6 alone (no tree)', (list) => runNode('saxes', list)]] : []),
    ['floor: decode (V8 UTF-8 decoder, disallowed-character search)', (list) => runNode('decode', list)],
    ['floor: decode + text (each text between tags sliced)', (list) => runNode('decode-text', list)],
    ['floor: bytes (isUtf8, Latin-1 view, disallowed-character search)', (list) => runNode('bytes', list)],
    ['floor: bytes + text (each text between tags as a string, decoded when not ASCII)', (list) => runNode('bytes-text', list)],
    ['floor: bytes + columns (one pass counting the bytes that start a character)', (list) => runNode('bytes-columns', list)],
    ...(hasXmllint
      ? [
          ['xmllint --stream --noout (whole process)', (_list, files) => runXmllint(['--stream', '--noout'], files)],
          ['xmllint --noout (whole process)', (_list, files) => runXmllint(['--noout'], files)],
        ]
      : []),
  ];
  const load = readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ');
  console.log(`node ${process.version}; load average at start ${load}; median of ${runs} interleaved runs\n`);
  for (const [label, files] of inputs) {
    const mb = files.reduce((n, f) => n + statSync(f).size, 0) / 1e6;
    const list = join(work, 'list.txt');
    writeFileSync(list, files.join('\n'));
    const results = contenders.map(() => []);
    for (let r = 0; r < runs; r++) {
      contenders.forEach(([, fn], c) => results[c].push(fn(list, files)));
    }
    console.log(`## ${label}: ${files.length} file(s), ${mb.toFixed(1)} MB\n`);
    // Speed against saxes alone in CPU time (the aim of issue 8: three times saxes), when saxes ran.
    const saxesAt = contenders.findIndex(([name]) => name.startsWith('saxes'));
    const saxesCpu = saxesAt < 0 || results[saxesAt].some((x) => x.error !== undefined) ? undefined : median(results[saxesAt].map((x) => x.cpu));
    console.log('| contender | wall ms | CPU ms | MB/s (wall) | MB/s (CPU) | speed / saxes (CPU) | peak RSS MB |');
    console.log('|---|---:|---:|---:|---:|---:|---:|');
    contenders.forEach(([name], c) => {
      const rs = results[c];
      const bad = rs.find((x) => x.error !== undefined);
      if (bad !== undefined) {
        console.log(`| ${name} | failed: ${bad.error} | | | | | |`);
        return;
      }
      const wall = median(rs.map((x) => x.ms));
      const cpu = median(rs.map((x) => x.cpu));
      const rss = median(rs.map((x) => x.rssMb));
      const ratio = saxesCpu === undefined || Number.isNaN(cpu) ? '' : `${(saxesCpu / cpu).toFixed(2)}x`;
      console.log(`| ${name} | ${wall.toFixed(0)} | ${cpu.toFixed(0)} | ${(mb / (wall / 1000)).toFixed(1)} | ${(mb / (cpu / 1000)).toFixed(1)} | ${ratio} | ${rss.toFixed(0)} |`);
    });
    console.log('');
  }
  console.log(`load average at end ${readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ')}`);
} finally {
  rmSync(work, { recursive: true, force: true });
}

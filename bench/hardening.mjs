// `node bench/hardening.mjs [--runs 3]` (after `npm run build`): how time grows with the number of errors in one
// file (teikit validate beside jing and xmllint --relaxng, each a whole process, wall and CPU seconds) and with
// brackets, dates and names in one paragraph of `teikit encode` (in process). Medians of --runs runs, the tools
// interleaved within each run. Prints a table; nothing is asserted (tests never time anything).
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { checkAuthority, encodeRecord } from '../dist/src/encode/index.js';
import { jing, xmllint } from '../test/tools.mjs';
import { median, opt, root } from './lib.mjs';

const runs = Number(opt('runs', '3'));
const tmp = mkdtempSync(join(tmpdir(), 'teikit-bench-harden-'));
const schema = `${root}test/fixtures/harden/ab.rng`;
const cli = `${root}dist/src/cli/main.js`;

/** Wall and CPU seconds through /usr/bin/time, which reports the child's own CPU. */
function measure(cmd, args) {
  const r = spawnSync('/usr/bin/time', ['-f', '%e %U %S', cmd, ...args], { encoding: 'utf8', stdio: ['ignore', 'ignore', 'pipe'], maxBuffer: 1 << 30 });
  const [wall, user, sys] = r.stderr.trim().split('\n').pop().split(' ').map(Number);
  return { wall, cpu: user + sys };
}

const tools = [
  ['teikit', (f) => ['node', [cli, 'validate', f, '--schema', schema]]],
  ...(jing.available ? [['jing', (f) => [jing.argv[0], [...jing.argv.slice(1), schema, f]]]] : []),
  ...(xmllint.available ? [['xmllint', (f) => [xmllint.argv[0], [...xmllint.argv.slice(1), '--noout', '--relaxng', schema, f]]]] : []),
];

const fmt = (m) => `${m.wall.toFixed(2)} s (cpu ${m.cpu.toFixed(2)})`;
console.log(`errors in one file (${runs} runs, medians; ${tools.map((t) => t[0]).join(', ')})`);
console.log(['errors', ...tools.map((t) => t[0])].map((s) => s.padEnd(24)).join(''));
for (const n of [16_000, 32_000, 64_000, 128_000]) {
  const file = join(tmp, `e${n}.xml`);
  writeFileSync(file, `<a>${'<c/>\n'.repeat(n)}</a>`);
  const series = tools.map(() => []);
  for (let r = 0; r < runs; r++) {
    tools.forEach(([, argv], i) => {
      const [cmd, args] = argv(file);
      series[i].push(measure(cmd, args));
    });
  }
  const cells = series.map((s) => fmt({ wall: median(s.map((m) => m.wall)), cpu: median(s.map((m) => m.cpu)) }));
  console.log([String(n), ...cells].map((s) => s.padEnd(24)).join(''));
}

// encode: one paragraph holding many brackets, unclosed brackets, dates or names.
const record = readFileSync(`${root}editions/wilson-118181/record.txt`, 'utf8');
const { authority } = checkAuthority(readFileSync(`${root}editions/wilson-118181/authority.json`, 'utf8'), 'authority.json');
const head = record.slice(0, record.indexOf('[...]'));
const kinds = [
  ['brackets "[of the]"', (n) => 'word [of the] more '.repeat(n)],
  ['unclosed brackets "["', (n) => 'word [ more '.repeat(n)],
  ['dates "18 April"', (n) => 'on 18 April and '.repeat(n)],
  ['names "Yili [Ili]"', (n) => 'Yili [Ili] and Tacheng '.repeat(n)],
  // n pairs of emphasis markers, then n opening "**" that nothing closes (2n markers each).
  ['emphasis "*a* **b**"', (n) => 'a *it* b **bo** c '.repeat(n / 2)],
  ['unclosed "**", "__"', (n) => '**open d __open '.repeat(n)],
];
console.log(`\nencode, one paragraph (${runs} runs, median ms of wall time and of CPU time, in process)`);
console.log(['kind', '4,000', '8,000', '16,000'].map((s, i) => s.padEnd(i === 0 ? 26 : 14)).join(''));
for (const [label, make] of kinds) {
  const cells = [];
  for (const n of [4000, 8000, 16000]) {
    const text = `${head}[...]\n\n${make(n)}\n\n[...]\n`;
    const times = [];
    const cpus = [];
    for (let r = 0; r < runs; r++) {
      const t = performance.now();
      const c = process.cpuUsage();
      encodeRecord(text, { authority });
      const u = process.cpuUsage(c);
      times.push(performance.now() - t);
      cpus.push((u.user + u.system) / 1000);
    }
    cells.push(`${median(times).toFixed(0)} (${median(cpus).toFixed(0)})`);
  }
  console.log([label, ...cells].map((s, i) => s.padEnd(i === 0 ? 26 : 14)).join(''));
}
rmSync(tmp, { recursive: true, force: true });

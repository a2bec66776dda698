// Worker start cost on this machine, and what the time limit (every file of a batch in a worker) costs a small
// batch: `node bench/workers.mjs [--runs 5]`. Medians of interleaved runs; CPU seconds (user + system of the whole
// process, all threads) beside wall time. Run `npm run build` first.
import { spawnSync } from 'node:child_process';
import { Worker } from 'node:worker_threads';
import { join } from 'node:path';
import { median, opt, root } from './lib.mjs';

const runs = Number(opt('runs', '5'));
const cli = join(root, 'dist/src/cli/main.js');

/** Start a worker that imports `module` (none: a bare worker) and answers once; wall and CPU ms until the answer. */
function start(module) {
  return new Promise((resolve) => {
    const t0 = performance.now();
    const c0 = process.cpuUsage();
    const code = `import { parentPort } from 'node:worker_threads';${module ? `await import(${JSON.stringify(module)});` : ''}parentPort.postMessage(0);`;
    const w = new Worker(code, { eval: true });
    w.once('message', () => {
      const c = process.cpuUsage(c0);
      resolve({ wall: performance.now() - t0, cpu: (c.user + c.system) / 1000 });
      void w.terminate();
    });
  });
}

const cases = {
  'bare worker': () => start(undefined),
  'worker + validate module': () => start(join(root, 'dist/src/validate/validate-file.js')),
  'worker + query module': () => start(join(root, 'dist/src/query/scan.js')),
};
const results = Object.fromEntries(Object.keys(cases).map((k) => [k, []]));
for (let i = 0; i < runs; i++) for (const [name, run] of Object.entries(cases)) results[name].push(await run());
for (const [name, rs] of Object.entries(results)) {
  console.log(`${name.padEnd(28)} wall ${median(rs.map((r) => r.wall)).toFixed(0).padStart(5)} ms   CPU ${median(rs.map((r) => r.cpu)).toFixed(0).padStart(4)} ms`);
}

// A batch of three small files, validated in this thread (no time limit) and in a worker (the default limit).
const files = ['edition-valid.xml', 'edition-invalid.xml', 'edition-full.xml'].map((f) => join(root, 'test/fixtures/validate', f));
const batch = { 'validate 3 files, --time-limit 0': ['validate', ...files, '--time-limit', '0'], 'validate 3 files, default limit': ['validate', ...files] };
const times = Object.fromEntries(Object.keys(batch).map((k) => [k, []]));
for (let i = 0; i < runs; i++) {
  for (const [name, args] of Object.entries(batch)) {
    const t0 = performance.now();
    // /usr/bin/time reports the child's CPU; exit code 1 (an invalid file among the three) is expected.
    const out = spawnSync('/usr/bin/time', ['-f', '%U %S', process.execPath, cli, ...args], { encoding: 'utf8', stdio: ['ignore', 'ignore', 'pipe'] }).stderr.trim().split('\n').at(-1);
    const [u, s] = out.split(' ').map(Number);
    times[name].push({ wall: performance.now() - t0, cpu: (u + s) * 1000 });
  }
}
for (const [name, rs] of Object.entries(times)) {
  console.log(`${name.padEnd(34)} wall ${median(rs.map((r) => r.wall)).toFixed(0).padStart(5)} ms   CPU ${median(rs.map((r) => r.cpu)).toFixed(0).padStart(4)} ms`);
}

#!/usr/bin/env node
// Run a node script as `node SCRIPT ARGS...` would, and write its CPU time (user + system, every thread of the
// process, worker threads included) and wall time since this process started to OUTFILE as JSON when it exits:
// `node bench/cpu-of.mjs OUTFILE SCRIPT ARGS...`. A spawned child's CPU time is not visible to its parent in node.
import { writeFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';

const [out, script, ...args] = process.argv.slice(2);
const t0 = process.hrtime.bigint();
process.on('exit', () => {
  const { user, system } = process.cpuUsage();
  writeFileSync(out, JSON.stringify({ cpuMs: (user + system) / 1000, wallMs: Number(process.hrtime.bigint() - t0) / 1e6 }));
});
process.argv = [process.argv[0], script, ...args];
await import(pathToFileURL(script).href);

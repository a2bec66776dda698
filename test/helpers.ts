/**
 * Shared test helpers: run the built CLI as a user would, and find the shared corpus (skipped loudly when absent).
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export const projectRoot = fileURLToPath(new URL('../', import.meta.url));
export const cliPath = fileURLToPath(new URL('../dist/src/cli/main.js', import.meta.url));
export const sharedDir = fileURLToPath(new URL('../../shared/', import.meta.url));
export const corpusDir = `${sharedDir}corpus/`;
export const teiAll = `${corpusDir}schemas/tei_all.rng`;
export const hasCorpus = existsSync(teiAll);

if (!hasCorpus) {
  console.warn(`\n*** ../shared/corpus is absent (looked in ${corpusDir}): corpus tests are SKIPPED ***\n`);
}

export interface CliResult {
  status: number;
  stdout: string;
  stderr: string;
}

/** Run `teikit ARGS` from the built dist/, in `cwd` (default: the project root). */
export function runCli(args: string[], options: { cwd?: string; input?: string; env?: NodeJS.ProcessEnv } = {}): CliResult {
  const result = spawnSync(process.execPath, [cliPath, ...args], {
    cwd: options.cwd ?? projectRoot,
    input: options.input,
    env: { ...process.env, ...options.env },
    encoding: 'utf8',
    maxBuffer: 256 * 1024 * 1024,
    // Only against a hang (see vitest.config.ts).
    timeout: 600_000,
  });
  return { status: result.status ?? -1, stdout: result.stdout, stderr: result.stderr };
}

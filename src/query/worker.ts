/**
 * The task a worker thread runs for `extractAll` (parallel.ts): parse and extract one file, with a cache of register
 * files kept for the thread's lifetime (one per set of `--register` files). Results are plain data (structured
 * clone).
 */
import { TeikitError, type Diagnostic } from '../diagnostics.js';
import { RegisterCache } from './registers.js';
import { extractRead, type Extracted } from './scan.js';

export interface ExtractTask {
  file: string;
  /** `--register` files (absolute paths) that pointers also resolve against. */
  registers: readonly string[];
  /** Whether the reply carries the fingerprint of the bytes read (see `extractRead`). */
  fingerprint: boolean;
}

export type ExtractReply = Extracted | { failure: { diagnostic: Diagnostic; exitCode: 1 | 2 } };

const caches = new Map<string, RegisterCache>();

export function run(task: ExtractTask): ExtractReply {
  const key = JSON.stringify(task.registers);
  let cache = caches.get(key);
  if (cache === undefined) {
    cache = new RegisterCache(task.registers);
    caches.set(key, cache);
  }
  try {
    return extractRead(task.file, cache, task.fingerprint);
  } catch (error) {
    if (error instanceof TeikitError) return { failure: { diagnostic: error.diagnostic, exitCode: error.exitCode } };
    throw error;
  }
}

/**
 * The task of `extractEach` (parallel.ts): parse and extract one file. A worker thread keeps a cache of register
 * files for its lifetime (one per set of `--register` files: a worker lives for one batch); the calling thread,
 * which reads files too, uses the cache of its run. Results are plain data (structured clone).
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

/** In a worker thread. */
export function run(task: ExtractTask): ExtractReply {
  const key = JSON.stringify(task.registers);
  let cache = caches.get(key);
  if (cache === undefined) {
    cache = new RegisterCache(task.registers);
    caches.set(key, cache);
  }
  return runWith(cache, task);
}

/** One file with the register files of `cache`. */
export function runWith(cache: RegisterCache, task: ExtractTask): ExtractReply {
  try {
    return extractRead(task.file, cache, task.fingerprint);
  } catch (error) {
    if (error instanceof TeikitError) return { failure: { diagnostic: error.diagnostic, exitCode: error.exitCode } };
    throw error;
  }
}

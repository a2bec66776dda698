/**
 * `transformBatch`: many files transformed into their output files, in this thread and, for a batch large enough,
 * in worker threads of the one pool (src/workers/), each thread loading saxon-js and the compiled stylesheet once.
 * Results come back in input order as soon as they are contiguous, so a failed file's line is printed in its place.
 */
import { statSync } from 'node:fs';
import { internalError } from '../diagnostics.js';
import { defaultJobs } from '../workers/jobs.js';
import { runPool, workersAvailable } from '../workers/pool.js';
import { run, type BatchResult, type BatchTask } from './batch-task.js';

export type { BatchResult, BatchTask } from './batch-task.js';

/**
 * Below this many bytes of input a batch runs in this thread alone: a worker's start and its loading of saxon-js
 * and the stylesheet (about 0.3 s, measured in bench/transform.mjs --batch) cost more than one core saves on
 * about a megabyte of TEI.
 */
const MIN_BYTES_FOR_WORKERS = 2_000_000;

export interface BatchOptions {
  /** Threads in all, this one included. Default: one per core (`defaultJobs`, at most 8). */
  jobs?: number;
  /** Each result with its task's index, in input order, as soon as the results before it are in. */
  onResult?: (index: number, result: BatchResult) => void;
}

/** Transform every task; resolves with the results in the order of `tasks`. */
export async function transformBatch(tasks: readonly BatchTask[], options: BatchOptions = {}): Promise<BatchResult[]> {
  const threads = Math.min(Math.max(1, Math.floor(options.jobs ?? defaultJobs())), tasks.length);
  const bytes = tasks.reduce((sum, t) => sum + size(t.file), 0);
  if (threads < 2 || bytes < MIN_BYTES_FOR_WORKERS || !workersAvailable()) {
    const results: BatchResult[] = [];
    for (const [index, task] of tasks.entries()) {
      results.push(run(task));
      options.onResult?.(index, results[index]!);
    }
    return results;
  }
  return runPool<BatchTask, BatchResult>(tasks, {
    module: new URL('./batch-task.js', import.meta.url),
    workers: threads - 1,
    here: run,
    failed: (task, failure) => ({
      ok: false,
      exitCode: 2,
      diagnostic: internalError(task.file, `internal error: the worker transforming this file stopped (${failure.message})`),
    }),
    ...(options.onResult === undefined ? {} : { onResult: options.onResult }),
  });
}

function size(file: string): number {
  try {
    return statSync(file).size;
  } catch {
    return 0;
  }
}

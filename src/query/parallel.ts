/**
 * Parse and extract many files on several cores. Reading the files dominates a scan and an index build, and files
 * are independent, so they are spread over the worker pool (src/workers/); each result is handed on in file order
 * as soon as it and all before it are in, so the output is the same as with one thread, and a caller that consumes
 * results as they come (the index writes a file's rows, a scan keeps the rows asked for) overlaps its own work
 * with the parsing and never holds every file's extract at once. Threads: `jobs` when given, else one per
 * `BYTES_PER_THREAD` of XML up to one per core; one when the compiled worker is not there (running from
 * TypeScript sources).
 */
import { statSync } from 'node:fs';
import { internalError, TeikitError } from '../diagnostics.js';
import { defaultJobs } from '../workers/jobs.js';
import { runPool, workersAvailable } from '../workers/pool.js';
import { RegisterCache } from './registers.js';
import { extractRead, type Extracted } from './scan.js';
import { runWith, type ExtractReply, type ExtractTask } from './worker.js';

export { defaultJobs };

/**
 * XML each thread needs to be worth its cost: a worker starts in about 40 ms, but warming up its compiled code
 * again costs about half a second of CPU, and on this 2-core machine, shared, a second thread made a scan or an
 * index build of 26 and 97 MB 30-40% dearer in CPU (1.4 against 2.0 s, 2.9 against 4.0 s) without making it
 * faster (bench/query.mjs; the README's `teikit query` section has the figures).
 */
const BYTES_PER_THREAD = 64_000_000;

function totalSize(files: readonly string[]): number {
  let total = 0;
  for (const file of files) {
    try {
      total += statSync(file).size;
    } catch {
      // reported when the file is read
    }
  }
  return total;
}

export interface ExtractEachOptions {
  /** Threads in all, this one included. Default: one per `BYTES_PER_THREAD` of XML, up to one per core (at most 8). */
  jobs?: number;
  /** The `--register` files (absolute paths) every thread resolves pointers against. Default none. */
  registers?: readonly string[];
  /** This thread's register files, already read for `registers` (the caller reports their diagnostics). */
  cache?: RegisterCache;
  /** Whether each result carries the SHA-256 and size of the bytes its file was read from (a new index). */
  fingerprint?: boolean;
}

/**
 * Extract `files` (absolute paths) on up to `jobs` threads, calling `each` with every result in the order of
 * `files`. As on one thread, an I/O failure of a file (an unreadable register, say) ends the whole run: the first
 * one in file order is thrown, and so is anything `each` throws; no file is read after it.
 */
export async function extractEach(files: readonly string[], each: (extracted: Extracted, index: number) => void, options: ExtractEachOptions = {}): Promise<void> {
  const { jobs, registers = [], fingerprint = false } = options;
  const cache = options.cache ?? new RegisterCache(registers);
  // `--jobs N` is taken as asked; by default, as many threads as the XML is worth (the files are measured only
  // when more than one thread could run).
  const most = Math.min(files.length, jobs ?? defaultJobs());
  const threads = jobs !== undefined || most <= 1 ? most : Math.max(1, Math.min(most, Math.floor(totalSize(files) / BYTES_PER_THREAD)));
  if (threads <= 1 || !workersAvailable()) {
    for (const [index, file] of files.entries()) {
      each(extractRead(file, cache, fingerprint), index);
      // Give the event loop a turn between files, so that a SIGINT or SIGTERM is handled (and the index builder's
      // temporary database removed) while a long run is going on, not after it.
      await new Promise((resolve) => setImmediate(resolve));
    }
    return;
  }
  const stop = new AbortController();
  // Tasks go out in file order: results are handed on in that order, so a large file taken early would hold back
  // every result after it (a file that is last to start finishes alone, but it is one file of many).
  await runPool<ExtractTask, ExtractReply>(
    files.map((file) => ({ file, registers: [...registers], fingerprint })),
    {
      module: new URL('./worker.js', import.meta.url),
      // This thread reads files too, beside threads - 1 workers: it would only wait, and each worker costs its
      // start-up and warming up its compiled code again, and its results are copied to this thread.
      workers: threads - 1,
      here: (task) => runWith(cache, task),
      failed: (task, why) => ({ result: internalError(task.file, `internal error: the thread reading this file stopped (${why.message})`) }),
      keepResults: false,
      signal: stop.signal,
      onResult: (index, reply) => {
        try {
          if ('failure' in reply) throw new TeikitError(reply.failure.diagnostic, reply.failure.exitCode);
          each(reply, index);
        } catch (error) {
          stop.abort(error);
        }
      },
    },
  );
}

/**
 * Parse and extract many files on several cores. Reading the files dominates a scan and an index build, and files
 * are independent, so they are spread over the worker pool (src/workers/); results come
 * back in file order, so the output is the same as with one thread. Falls back to one thread for a single file,
 * `jobs` 1, less than 4 MB of XML, or when the compiled worker is not there (running from TypeScript sources).
 */
import { statSync } from 'node:fs';
import { internalError, TeikitError, type Diagnostic } from '../diagnostics.js';
import { defaultJobs } from '../workers/jobs.js';
import { runPool, workersAvailable } from '../workers/pool.js';
import type { FileExtract } from './extract.js';
import { RegisterCache } from './registers.js';
import { extractFile } from './scan.js';
import type { ExtractReply, ExtractTask } from './worker.js';

export { defaultJobs };

/** Below this much XML, starting threads (about 40 ms each) costs more than it saves. */
const MIN_PARALLEL_BYTES = 4_000_000;

function sizes(files: readonly string[]): number[] {
  return files.map((file) => {
    try {
      return statSync(file).size;
    } catch {
      return 0; // reported when the file is read
    }
  });
}

/**
 * Extract `files` (absolute paths) with up to `jobs` threads; the result array is in the order of `files`.
 * `registers` (absolute paths) are the `--register` files every thread resolves pointers against.
 */
export async function extractAll(files: readonly string[], jobs = defaultJobs(), registers: readonly string[] = []): Promise<Array<FileExtract | Diagnostic>> {
  const threads = Math.min(jobs, files.length);
  const size = threads > 1 ? sizes(files) : [];
  if (threads <= 1 || size.reduce((a, b) => a + b, 0) < MIN_PARALLEL_BYTES || !workersAvailable()) {
    const cache = new RegisterCache(registers);
    const results: Array<FileExtract | Diagnostic> = [];
    for (const file of files) {
      results.push(extractFile(file, cache));
      // Give the event loop a turn between files, so that a SIGINT or SIGTERM is handled (and the index builder's
      // temporary database removed) while a long run is going on, not after it.
      await new Promise((resolve) => setImmediate(resolve));
    }
    return results;
  }
  // Largest files first, so that one big file does not finish alone at the end.
  const order = files.map((_, i) => i).sort((a, b) => size[b]! - size[a]! || a - b);
  const replies = await runPool<ExtractTask, ExtractReply>(
    order.map((i) => ({ file: files[i]!, registers: [...registers] })),
    {
      module: new URL('./worker.js', import.meta.url),
      workers: threads,
      failed: (task, why) => ({ result: internalError(task.file, `internal error: the worker reading this file stopped (${why.message})`) }),
    },
  );
  const inFileOrder = new Array<ExtractReply>(files.length);
  replies.forEach((reply, k) => {
    inFileOrder[order[k]!] = reply;
  });
  // As on one thread, an I/O failure of a file (an unreadable register, say) ends the whole run: the first one.
  return inFileOrder.map((reply) => {
    if ('failure' in reply) throw new TeikitError(reply.failure.diagnostic, reply.failure.exitCode);
    return reply.result;
  });
}

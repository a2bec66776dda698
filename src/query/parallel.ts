/**
 * Parse and extract many files on several cores. Parsing (about 10 MB/s per core with saxes) dominates a scan and
 * an index build, and files are independent, so they are spread over worker threads; results come back in file
 * order, so the output is the same as with one thread. Falls back to one thread for a single file, `jobs` 1, less
 * than 4 MB of XML, or when the compiled worker is not there (running from TypeScript sources).
 */
import { existsSync, statSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { TeikitError, type Diagnostic } from '../diagnostics.js';
import type { FileExtract } from './extract.js';
import { RegisterCache } from './registers.js';
import { extractFile } from './scan.js';

/** Default number of threads: one per core, at most 8. */
export function defaultJobs(): number {
  return Math.max(1, Math.min(8, availableParallelism()));
}

const WORKER = new URL('./worker.js', import.meta.url);

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

type Reply =
  | { index: number; result: FileExtract | Diagnostic }
  | { index: number; failure: { diagnostic: Diagnostic; exitCode: 1 | 2 } }
  | { index: number; crash: string };

/**
 * Extract `files` (absolute paths) with up to `jobs` threads; the result array is in the order of `files`.
 * `registers` (absolute paths) are the `--register` files every thread resolves pointers against.
 */
export async function extractAll(files: readonly string[], jobs = defaultJobs(), registers: readonly string[] = []): Promise<Array<FileExtract | Diagnostic>> {
  const threads = Math.min(jobs, files.length);
  const size = threads > 1 ? sizes(files) : [];
  if (threads <= 1 || size.reduce((a, b) => a + b, 0) < MIN_PARALLEL_BYTES || !existsSync(fileURLToPath(WORKER))) {
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
  const results = new Array<FileExtract | Diagnostic>(files.length);
  const workers = Array.from({ length: threads }, () => new Worker(WORKER, { workerData: { registers: [...registers] } }));
  // Largest files first, so that one big file does not finish alone at the end.
  const order = files.map((_, i) => i).sort((a, b) => size[b]! - size[a]! || a - b);
  let next = 0;
  try {
    await new Promise<void>((resolve, reject) => {
      let done = 0;
      const feed = (worker: Worker): void => {
        if (next < order.length) {
          const index = order[next++]!;
          worker.postMessage({ index, file: files[index] });
        }
      };
      for (const worker of workers) {
        worker.on('message', (reply: Reply) => {
          if ('result' in reply) results[reply.index] = reply.result;
          else if ('failure' in reply) return reject(new TeikitError(reply.failure.diagnostic, reply.failure.exitCode));
          else return reject(new Error(reply.crash));
          if (++done === files.length) resolve();
          else feed(worker);
        });
        worker.on('error', reject);
        feed(worker);
      }
    });
  } finally {
    await Promise.all(workers.map((w) => w.terminate()));
  }
  return results;
}

/**
 * Batches: PATHs expanded (directories recursively, `*.xml`), each file validated on its own so that one bad file
 * never stops the batch, results returned in input order whatever order the workers finish in.
 *
 * Parallelism: `jobs` threads (default `os.availableParallelism()`): this one and `jobs - 1` worker threads, each
 * loading the schema once through the engine's on-disk cache. A thread costs a start-up and a schema load, so
 * small batches run in this thread only.
 */
import { existsSync, statSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { diagnostic, TeikitError, type Diagnostic } from '../diagnostics.js';
import { expandPaths } from '../io.js';
import { schemaFor, validateFile } from './validate-file.js';
import type { FileReport, ValidateFilesOptions, ValidateOptions, ValidationReport, ValidationSummary } from './types.js';

/**
 * Below these, threads cost more than they save. A worker pays about 0.7 s (start, compiled schema load, first
 * validation) before it validates at about 2-4 MB/s, so it needs a few MB of its own to gain anything
 * (bench/validate.mjs; on the shared 2-CPU machine of the README, the 6.5 MB corpus ran no faster with 2 threads).
 */
const MIN_FILES_FOR_WORKERS = 4;
const MIN_BYTES_FOR_WORKERS = 8_000_000;
/** Roughly how many bytes make one more thread worth its start. */
const BYTES_PER_WORKER = 4_000_000;

export interface WorkerTask {
  index: number;
  path: string;
  options: ValidateOptions;
}

export interface WorkerResult {
  index: number;
  report: FileReport;
}

/** Expand PATHs; a missing or unreadable PATH becomes a report with the verdict `error`, in its place. */
export function expandInputs(paths: readonly string[]): Array<string | FileReport> {
  const out: Array<string | FileReport> = [];
  for (const path of paths) {
    try {
      for (const file of expandPaths([path])) out.push(file);
    } catch (error) {
      if (!(error instanceof TeikitError)) throw error;
      out.push({ path, verdict: 'error', schema: null, rules: false, diagnostics: [error.diagnostic] });
    }
  }
  return out;
}

export function summarize(files: readonly FileReport[], seconds: number): ValidationSummary {
  const s: ValidationSummary = { files: files.length, valid: 0, invalid: 0, malformed: 0, failed: 0, errors: 0, warnings: 0, seconds };
  for (const f of files) {
    if (f.verdict === 'error') s.failed++;
    else s[f.verdict]++;
    for (const d of f.diagnostics) {
      if (d.severity === 'error') s.errors++;
      else if (d.severity === 'warning') s.warnings++;
    }
  }
  return s;
}

function workerScript(): string | undefined {
  // Compiled code runs dist/src/validate/worker.js; from TypeScript sources (tests) there is no .js to start.
  const url = new URL('./worker.js', import.meta.url);
  const path = fileURLToPath(url);
  return existsSync(path) ? path : undefined;
}

function size(path: string): number {
  try {
    return statSync(path).size;
  } catch {
    return 0;
  }
}

/**
 * Validate files and directories. Throws `TeikitError` (exit code 2) only when `options.schema` cannot be loaded:
 * nothing can be checked then. Every other problem is reported per file.
 */
export async function validateFiles(paths: readonly string[], options: ValidateFilesOptions = {}): Promise<ValidationReport> {
  const started = performance.now();
  const { jobs: jobsOption, onProgress, ...fileOptions } = options;
  if (fileOptions.schema !== undefined) await schemaFor(fileOptions.schema, fileOptions);
  const inputs = expandInputs(paths);
  const results: Array<FileReport | undefined> = inputs.map((i) => (typeof i === 'string' ? undefined : i));
  const pending = inputs.flatMap((input, index) => (typeof input === 'string' ? [{ index, path: input }] : []));
  const total = inputs.length;
  let done = total - pending.length;
  const progress = (): void => onProgress?.(done, total);

  const jobs = Math.max(1, Math.floor(jobsOption ?? availableParallelism()));
  const bytes = pending.reduce((sum, p) => sum + size(p.path), 0);
  const script = workerScript();
  const threads = Math.min(jobs, pending.length, Math.max(1, Math.ceil(bytes / BYTES_PER_WORKER)));
  if (script === undefined || threads < 2 || pending.length < MIN_FILES_FOR_WORKERS || bytes < MIN_BYTES_FOR_WORKERS) {
    for (const { index, path } of pending) {
      results[index] = await validateFile(path, fileOptions);
      done++;
      progress();
    }
  } else {
    // This thread is one of the `threads`: it works alongside threads - 1 workers.
    await runPool(script, threads - 1, pending, fileOptions, (index, report) => {
      results[index] = report;
      done++;
      progress();
    });
  }
  const files = results as FileReport[];
  return { files, summary: summarize(files, (performance.now() - started) / 1000) };
}

function crashed(path: string, why: string): FileReport {
  const d: Diagnostic = diagnostic({ file: path, line: 1, column: 1, message: `internal error: the worker validating this file stopped (${why})`, ruleId: 'internal/error', source: 'relaxng' });
  return { path, verdict: 'error', schema: null, rules: false, diagnostics: [d] };
}

/** Files queued per worker: one running, one waiting, so that a worker never idles between files. */
const WORKER_QUEUE = 2;

/**
 * A shared queue served by `workers` worker threads and by this thread, which has the schema loaded already and
 * would otherwise only wait. A worker that dies fails only the file it was running; the files queued behind it go
 * back to the queue, and a new worker takes its place.
 */
function runPool(
  script: string,
  workers: number,
  tasks: Array<{ index: number; path: string }>,
  options: ValidateOptions,
  onResult: (index: number, report: FileReport) => void,
): Promise<void> {
  const queue = [...tasks];
  let outstanding = tasks.length;
  return new Promise((resolveAll) => {
    const finish = (index: number, report: FileReport): void => {
      onResult(index, report);
      outstanding--;
      if (outstanding === 0) resolveAll();
    };
    const start = (): void => {
      const worker = new Worker(script);
      const inFlight: Array<{ index: number; path: string }> = [];
      let stopped = false;
      const feed = (): void => {
        while (inFlight.length < WORKER_QUEUE && queue.length > 0) {
          const task = queue.shift()!;
          inFlight.push(task);
          const message: WorkerTask = { index: task.index, path: task.path, options };
          worker.postMessage(message);
        }
        if (inFlight.length === 0 && !stopped) {
          stopped = true;
          void worker.terminate();
        }
      };
      worker.on('message', (result: WorkerResult) => {
        const at = inFlight.findIndex((t) => t.index === result.index);
        if (at >= 0) inFlight.splice(at, 1);
        finish(result.index, result.report);
        feed();
      });
      const die = (why: string): void => {
        if (stopped) return;
        stopped = true;
        const [lost, ...waiting] = inFlight;
        inFlight.length = 0;
        queue.unshift(...waiting);
        if (lost !== undefined) finish(lost.index, crashed(lost.path, why));
        if (queue.length > 0) start();
      };
      worker.on('error', (error) => die(error.message.split('\n')[0]!));
      worker.on('exit', (code) => die(`exit code ${code}`));
      feed();
    };
    for (let i = 0; i < workers; i++) start();
    // This thread takes files too, one at a time, yielding between them so that workers are fed promptly.
    void (async () => {
      for (let task = queue.shift(); task !== undefined; task = queue.shift()) {
        finish(task.index, await validateFile(task.path, options));
        await new Promise((r) => setImmediate(r));
      }
    })();
  });
}

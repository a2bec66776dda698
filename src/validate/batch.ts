/**
 * Batches: PATHs expanded (directories recursively, `*.xml`), each file validated on its own so that one bad file
 * never stops the batch, results returned in input order whatever order the workers finish in.
 *
 * Reports are handed to `onReport` in input order as they complete, so a slow file never hides the ones before it.
 *
 * Threads (src/workers/): with a time limit (the default), every file of a batch of two or more runs in a worker, up
 * to `jobs` of them, so that a runaway file can be stopped and reported while the batch goes on. Without one, small
 * batches run in this thread, large ones here and in `jobs - 1` workers. Each worker loads a schema once, through the
 * engine's on-disk cache.
 */
import { statSync } from 'node:fs';
import { diagnostic, internalError, TeikitError } from '../diagnostics.js';
import { defaultJobs } from '../workers/jobs.js';
import { runPool, workersAvailable, type PoolFailure } from '../workers/pool.js';
import { expandPaths, readHead } from '../io.js';
import { PROLOG_HEAD_BYTES, schemasNamedInProlog } from './association.js';
import { givenSchemas, schemaFor, schematronFor, standsForEmbeddedRules, unchecked, validateFile } from './validate-file.js';
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

/** Seconds one file may take in a batch before it is stopped and reported (`--time-limit`). */
export const DEFAULT_TIME_LIMIT = 300;

export interface WorkerTask {
  path: string;
  options: ValidateOptions;
}

/** Expand PATHs; a missing or unreadable PATH becomes a report with the verdict `error`, in its place. */
export function expandInputs(paths: readonly string[]): Array<string | FileReport> {
  const out: Array<string | FileReport> = [];
  for (const path of paths) {
    try {
      for (const file of expandPaths([path])) out.push(file);
    } catch (error) {
      if (!(error instanceof TeikitError)) throw error;
      out.push(unchecked(path, 'error', [error.diagnostic]));
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
  const { jobs: jobsOption, onProgress, onReport, timeLimit: givenLimit, signal, ...fileOptions } = options;
  const given = givenSchemas(fileOptions);
  // A --schema that cannot be loaded stops the batch (exit code 2): nothing could be checked against it.
  for (const path of given ?? []) await schemaFor(path, fileOptions);
  const inputs = expandInputs(paths);
  const results: Array<FileReport | undefined> = inputs.map((i) => (typeof i === 'string' ? undefined : i));
  const pending = inputs.flatMap((input, index) => (typeof input === 'string' ? [{ index, path: input }] : []));
  const total = inputs.length;
  let done = total - pending.length;
  let delivered = 0;
  /** Reports go out in input order, each as soon as every report before it is in. */
  const deliver = (): void => {
    for (; delivered < total && results[delivered] !== undefined; delivered++) onReport?.(results[delivered]!, delivered);
  };
  const record = (index: number, report: FileReport): void => {
    results[index] = report;
    done++;
    onProgress?.(done, total);
    deliver();
  };
  deliver();

  const jobs = Math.max(1, Math.floor(jobsOption ?? defaultJobs()));
  const bytes = pending.reduce((sum, p) => sum + size(p.path), 0);
  const threads = Math.min(jobs, pending.length, Math.max(1, Math.ceil(bytes / BYTES_PER_WORKER)));
  // A time limit can only stop a worker: with one, every file runs in a worker (this thread waits). Without one,
  // small batches run here, and large ones here and in threads - 1 workers. The default limit is a batch's: one
  // file alone runs here unless a limit is given, sparing every single-file check a worker's start.
  const timeLimit = givenLimit ?? (pending.length >= 2 ? DEFAULT_TIME_LIMIT : 0);
  const limited = timeLimit > 0;
  const parallel = threads >= 2 && pending.length >= MIN_FILES_FOR_WORKERS && bytes >= MIN_BYTES_FOR_WORKERS;
  const workers = workersAvailable() && (limited || parallel);
  // What is compiled here reaches the workers through the disk cache: with --no-cache they compile their own.
  if (!(workers && fileOptions.noCache === true)) await precompile(workers ? pending.map((p) => p.path) : [], fileOptions);
  if (!workers) {
    for (const { index, path } of pending) {
      signal?.throwIfAborted();
      record(index, await validateFile(path, fileOptions));
    }
    signal?.throwIfAborted();
  } else {
    await runPool<WorkerTask, FileReport>(
      pending.map(({ path }) => ({ path, options: fileOptions })),
      {
        module: new URL('./worker.js', import.meta.url),
        workers: limited ? threads : threads - 1,
        ...(limited ? { timeLimitMs: timeLimit * 1000 } : { here: (task: WorkerTask) => validateFile(task.path, task.options) }),
        failed: (task, failure) => notFinished(task.path, failure, timeLimit),
        onResult: (k, report) => record(pending[k]!.index, report),
        ...(signal !== undefined ? { signal } : {}),
      },
    );
  }
  const files = results as FileReport[];
  return { files, summary: summarize(files, (performance.now() - started) / 1000) };
}

/**
 * Compile, once and here, every Schematron the batch will run (the rules embedded in each RELAX NG schema given, the
 * `.sch` files given) and, when `files` are to go to workers, every schema their prologs name (RELAX NG, its
 * embedded rules, Schematron): each worker then loads them from the disk cache instead of compiling them itself
 * (a Schematron compile runs the XSLT compiler, about a second for tei_all's rules). A schema that fails here is
 * left for each file to report.
 */
async function precompile(files: readonly string[], options: ValidateOptions): Promise<void> {
  const relaxng = new Set(givenSchemas(options) ?? []);
  const schematron = new Set(options.noSchematron === true ? [] : options.schematron ?? []);
  if (relaxng.size === 0) {
    for (const file of files) {
      const head = readHead(file, PROLOG_HEAD_BYTES);
      if (head === undefined) continue;
      const named = schemasNamedInProlog(head, file, options.catalog === undefined ? {} : { catalog: options.catalog });
      for (const path of named.relaxng) relaxng.add(path);
      if (options.schematron === undefined && options.noSchematron !== true) for (const path of named.schematron) schematron.add(path);
    }
  }
  for (const path of relaxng) {
    try {
      await schemaFor(path, options);
      if (options.noSchematron !== true) schematronFor(path, true, options);
    } catch {
      // each file reports it
    }
  }
  for (const path of schematron) {
    try {
      schematronFor(path, standsForEmbeddedRules(path), options);
    } catch {
      // each file reports it
    }
  }
}

function notFinished(path: string, failure: PoolFailure, timeLimit: number): FileReport {
  const d = failure.timedOut
    ? diagnostic({
        file: path,
        line: 1,
        column: 1,
        message: `validation of this file was stopped after ${timeLimit} s (the time limit; raise it with --time-limit SECONDS, 0 for none)`,
        ruleId: 'validate/time-limit',
        source: 'internal',
      })
    : internalError(path, `internal error: the worker validating this file stopped (${failure.message})`);
  return unchecked(path, 'error', [d]);
}

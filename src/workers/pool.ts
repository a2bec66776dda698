/**
 * One worker pool for every stage that spreads files over threads (validate, query, index) and for the transform's
 * large-stack retry. It is ours, not piscina's or tinypool's, for three things they do not do: this thread can take
 * tasks alongside the workers (a batch that has loaded its schema here would otherwise only wait), results are
 * delivered in input order as soon as they are contiguous (a slow file never hides the verdicts before it, and a
 * stuck one holds back only those after it until its time limit), and a task that overruns its time limit or kills
 * its worker becomes a result of its own while the rest of the batch goes on. Worker start-up is the same for any
 * pool on node:worker_threads (bench/workers.mjs measures it).
 *
 * Workers run `src/workers/worker.ts`, which loads the task module named by `module` and calls its `run` export
 * with each task (see worker.ts).
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker, type ResourceLimits } from 'node:worker_threads';

export interface PoolOptions<T, R> {
  /** URL of the module whose `run(task)` a worker calls (a compiled .js file next to this one in dist/). */
  module: URL;
  /** Worker threads to start (at most one per task). */
  workers: number;
  /** Also run tasks in this thread with this function (it gets a share of the queue). Default: workers only. */
  here?: (task: T) => Promise<R> | R;
  /** A task running longer than this in a worker is given up: the worker is stopped and `failed` says why. */
  timeLimitMs?: number;
  /** Limits of each worker (e.g. `stackSizeMb` for deep recursion). */
  resourceLimits?: ResourceLimits;
  /** The result of a task whose worker stopped, that threw, or that overran the time limit. */
  failed: (task: T, failure: PoolFailure) => R;
  /** Each result with its task's index, in input order (index 0, 1, 2, ...), as soon as all before it are in. */
  onResult?: (index: number, result: R) => void;
  /**
   * Whether the promise resolves with every result. Default true; false drops each result once `onResult` has had
   * it (a batch whose results are consumed as they come need not hold them all until the end) and resolves with
   * an empty array.
   */
  keepResults?: boolean;
  /**
   * Stops the batch: no task starts after it fires, the workers are stopped, and the promise rejects with the
   * signal's reason (the reader of the results went away, as `teikit validate ... | head` does).
   */
  signal?: AbortSignal;
}

export interface PoolFailure {
  /** True when the task overran `timeLimitMs` (its worker was stopped). */
  timedOut: boolean;
  /** One readable phrase: why the task has no result of its own. */
  message: string;
}

/** Files queued per worker: one running, one waiting, so that a worker never idles between tasks. */
const WORKER_QUEUE = 2;

/** Whether the compiled worker exists (it does not when teikit runs from its TypeScript sources, as in tests). */
export function workersAvailable(): boolean {
  return existsSync(fileURLToPath(WORKER_SCRIPT));
}
const WORKER_SCRIPT = new URL('./worker.js', import.meta.url);

interface Running<T> {
  index: number;
  task: T;
  timer: NodeJS.Timeout | undefined;
}

/** Run every task; resolves with the results in the order of `tasks` (rejects only when `signal` fires). */
export function runPool<T, R>(tasks: readonly T[], options: PoolOptions<T, R>): Promise<R[]> {
  const results = new Array<R>(tasks.length);
  const have = new Array<boolean>(tasks.length).fill(false);
  const queue = tasks.map((task, index) => ({ index, task }));
  let delivered = 0;
  let outstanding = tasks.length;
  const module = options.module.href;
  const { signal } = options;
  const keep = options.keepResults !== false;
  const aborted = (): boolean => signal?.aborted === true;

  return new Promise((resolveAll, rejectAll) => {
    if (aborted()) return rejectAll(signal!.reason);
    if (tasks.length === 0) return resolveAll(results);
    /** Every live worker, so that an abort can stop them all. */
    const live = new Set<Worker>();
    signal?.addEventListener('abort', () => {
      queue.length = 0;
      for (const worker of live) void worker.terminate();
      rejectAll(signal.reason);
    }, { once: true });
    const finish = (index: number, result: R): void => {
      if (have[index] || aborted()) return;
      have[index] = true;
      results[index] = result;
      // An `onResult` may fire the signal: nothing is delivered after it.
      while (delivered < tasks.length && have[delivered] && !aborted()) {
        options.onResult?.(delivered, results[delivered]!);
        if (!keep) results[delivered] = undefined as R;
        delivered++;
      }
      if (--outstanding === 0) resolveAll(keep ? results : []);
    };

    const start = (): void => {
      const worker = new Worker(WORKER_SCRIPT, options.resourceLimits === undefined ? {} : { resourceLimits: options.resourceLimits });
      live.add(worker);
      worker.once('exit', () => live.delete(worker));
      const inFlight: Array<Running<T>> = [];
      let stopped = false;
      const arm = (running: Running<T>): void => {
        if (options.timeLimitMs === undefined || running.timer !== undefined) return;
        running.timer = setTimeout(() => die({ timedOut: true, message: `it ran longer than the time limit of ${formatSeconds(options.timeLimitMs!)}` }, running), options.timeLimitMs);
      };
      const feed = (): void => {
        while (!stopped && inFlight.length < WORKER_QUEUE && queue.length > 0) {
          const { index, task } = queue.shift()!;
          const running: Running<T> = { index, task, timer: undefined };
          inFlight.push(running);
          worker.postMessage({ module, index, task });
        }
        if (inFlight.length === 0 && !stopped) {
          stopped = true;
          void worker.terminate();
        }
      };
      worker.on('message', (reply: { index: number; started: true } | { index: number; result: R } | { index: number; crash: string }) => {
        const at = inFlight.findIndex((t) => t.index === reply.index);
        if (at < 0) return;
        if ('started' in reply) return arm(inFlight[at]!);
        const [done] = inFlight.splice(at, 1);
        clearTimeout(done!.timer);
        finish(reply.index, 'result' in reply ? reply.result : options.failed(done!.task, { timedOut: false, message: reply.crash }));
        feed();
      });
      /** The worker is gone (or is being stopped): the running task fails, the queued ones go back to the queue. */
      const die = (why: PoolFailure, culprit?: Running<T>): void => {
        if (stopped) return;
        stopped = true;
        for (const t of inFlight) clearTimeout(t.timer);
        const lost = culprit ?? inFlight[0];
        const waiting = inFlight.filter((t) => t !== lost);
        inFlight.length = 0;
        queue.unshift(...waiting.map(({ index, task }) => ({ index, task })));
        void worker.terminate();
        if (lost !== undefined) finish(lost.index, options.failed(lost.task, why));
        if (queue.length > 0 && !aborted()) start();
      };
      worker.on('error', (error) => die({ timedOut: false, message: firstLine(error.message) }));
      worker.on('exit', (code) => die({ timedOut: false, message: `its thread exited with code ${code}` }));
      feed();
    };

    const workers = Math.max(0, Math.min(options.workers, tasks.length));
    for (let i = 0; i < workers; i++) start();
    const here = options.here;
    if (here !== undefined || workers === 0) {
      // This thread takes tasks too, one at a time, yielding between them so that workers are fed promptly.
      const run = here ?? ((): never => {
        throw new Error('runPool: no workers and no function to run tasks here');
      });
      void (async () => {
        for (let next = queue.shift(); next !== undefined; next = queue.shift()) {
          let result: R;
          try {
            result = await run(next.task);
          } catch (error) {
            result = options.failed(next.task, { timedOut: false, message: firstLine(error instanceof Error ? error.message : String(error)) });
          }
          finish(next.index, result);
          await new Promise((r) => setImmediate(r));
        }
      })();
    }
  });
}

function firstLine(message: string): string {
  return message.split('\n')[0]!;
}

function formatSeconds(ms: number): string {
  return ms % 1000 === 0 ? `${ms / 1000} s` : `${(ms / 1000).toFixed(1)} s`;
}

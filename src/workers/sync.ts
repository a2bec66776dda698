/**
 * One task in a fresh worker thread, waited for synchronously: for a synchronous library call that needs what only
 * a worker gives (a larger stack, for the transform of a deeply nested document). The calling thread blocks in
 * `Atomics.wait` until the worker has posted its result on a private channel (HTML Living Standard and Node's
 * `receiveMessageOnPort`), so the call stays synchronous for its callers.
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { MessageChannel, receiveMessageOnPort, Worker, type ResourceLimits } from 'node:worker_threads';

export type SyncReply<R> = { result: R } | { crash: string };

const WORKER_SCRIPT = new URL('./worker.js', import.meta.url);

/**
 * Run `module`'s `run(task)` in a new worker with `resourceLimits`; the reply says what it returned or why not.
 * A worker killed outright (out of memory) cannot say so to a blocked thread, so the wait ends after `timeLimitMs`
 * (default ten minutes) at the latest.
 */
export function runInWorkerSync<T, R>(module: URL, task: T, options: { resourceLimits?: ResourceLimits; timeLimitMs?: number } = {}): SyncReply<R> {
  const { resourceLimits, timeLimitMs = 600_000 } = options;
  // From the TypeScript sources there is no compiled worker to start (and a blocked thread would not hear it fail).
  if (!existsSync(fileURLToPath(WORKER_SCRIPT))) return { crash: 'no compiled worker (teikit is running from its TypeScript sources)' };
  const signal = new Int32Array(new SharedArrayBuffer(4));
  const { port1, port2 } = new MessageChannel();
  const worker = new Worker(WORKER_SCRIPT, {
    workerData: { sync: { module: module.href, task, signal, port: port2 } },
    transferList: [port2],
    ...(resourceLimits === undefined ? {} : { resourceLimits }),
  });
  try {
    // The worker stores 1 and notifies when it has posted its reply (or failed to run at all).
    if (Atomics.wait(signal, 0, 0, timeLimitMs) === 'timed-out') return { crash: `no result within the time limit of ${timeLimitMs / 1000} s` };
    const message = receiveMessageOnPort(port1);
    return message === undefined ? { crash: 'the worker thread stopped without a reply' } : (message.message as SyncReply<R>);
  } finally {
    port1.close();
    void worker.terminate();
  }
}

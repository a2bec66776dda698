/**
 * Worker thread of a validation batch (see batch.ts): validates the files it is sent strictly one at a time, in
 * the order received, and posts each report back. The main thread keeps up to two files queued here so that the
 * thread never waits for its next file. Schemas are loaded once per thread (validate-file.ts), from the engine's
 * on-disk cache.
 */
import { parentPort } from 'node:worker_threads';
import { diagnostic } from '../diagnostics.js';
import { validateFile } from './validate-file.js';
import type { WorkerResult, WorkerTask } from './batch.js';

const queue: WorkerTask[] = [];
let busy = false;

function post(result: WorkerResult): void {
  parentPort!.postMessage(result);
}

async function drain(): Promise<void> {
  busy = true;
  for (let task = queue.shift(); task !== undefined; task = queue.shift()) {
    try {
      post({ index: task.index, report: await validateFile(task.path, task.options) });
    } catch (error) {
      // validateFile reports bad files as data; reaching this is a bug, reported for this file only.
      const message = error instanceof Error ? error.message.split('\n')[0]! : String(error);
      const d = diagnostic({ file: task.path, line: 1, column: 1, message: `internal error while validating: ${message}`, ruleId: 'internal/error', source: 'relaxng' });
      post({ index: task.index, report: { path: task.path, verdict: 'error', schema: null, rules: false, diagnostics: [d] } });
    }
  }
  busy = false;
}

parentPort?.on('message', (task: WorkerTask) => {
  queue.push(task);
  if (!busy) void drain();
});

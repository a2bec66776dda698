/**
 * The task a worker thread runs for a validation batch (batch.ts, through src/workers/): validate one file. Schemas
 * are loaded once per thread (validate-file.ts), from the engine's on-disk cache.
 */
import type { WorkerTask } from './batch.js';
import type { FileReport } from './types.js';
import { validateFile } from './validate-file.js';

export function run(task: WorkerTask): Promise<FileReport> {
  // validateFile reports bad files as data; if it throws, that is a bug, which the pool reports for this file only.
  return validateFile(task.path, task.options);
}

/**
 * A worker thread of `extractAll`: parses and extracts the files it is sent, one at a time, with its own cache
 * of register files. Results are plain data (structured clone).
 */
import { parentPort, workerData } from 'node:worker_threads';
import { TeikitError } from '../diagnostics.js';
import { RegisterCache } from './registers.js';
import { extractFile } from './scan.js';

const cache = new RegisterCache((workerData as { registers?: string[] } | null)?.registers ?? []);
parentPort?.on('message', (message: { index: number; file: string }) => {
  try {
    parentPort!.postMessage({ index: message.index, result: extractFile(message.file, cache) });
  } catch (error) {
    if (error instanceof TeikitError) parentPort!.postMessage({ index: message.index, failure: { diagnostic: error.diagnostic, exitCode: error.exitCode } });
    else parentPort!.postMessage({ index: message.index, crash: error instanceof Error ? error.message : String(error) });
  }
});

/**
 * Worker thread that runs one transform with a large stack. saxon-js applies templates recursively, so a document
 * nested more than a few hundred levels deep overflows the main thread's stack (about 1 MB); `teikit transform`
 * then retries here, where the stack is `workerData.stackSizeMb` (see runStylesheetDeep in ./deep.ts).
 */
import { parentPort, workerData } from 'node:worker_threads';
import { TeikitError } from '../diagnostics.js';
import { runStylesheet, type StylesheetName } from './saxon.js';

interface Job {
  name: StylesheetName;
  xml: string;
  params: Record<string, string | number | boolean>;
  file: string;
}

const job = workerData as Job;
try {
  parentPort!.postMessage({ ok: true, output: runStylesheet(job.name, job.xml, job.params, job.file) });
} catch (error) {
  parentPort!.postMessage(
    error instanceof TeikitError
      ? { ok: false, diagnostic: error.diagnostic }
      : { ok: false, message: error instanceof Error ? error.message : String(error) },
  );
}

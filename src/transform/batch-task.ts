/**
 * One file of a `teikit transform PATH... -o DIR` batch (./batch.ts), run in the calling thread or in a worker of
 * the pool (src/workers/): read, parse, transform, write the output atomically. The page never crosses threads;
 * only a diagnostic comes back.
 */
import { TeikitError, type Diagnostic } from '../diagnostics.js';
import { readBytes, writeAtomically } from '../io.js';
import { transformToHtml } from './html.js';
import { transformToText } from './text.js';

export interface BatchTask {
  file: string;
  /** Where the output goes (written atomically; its folder is created). */
  out: string;
  to: 'html' | 'text';
  reading: boolean;
}

/** `ok`, or the one diagnostic of a file that failed, with the exit code it calls for (1 bad input, 2 I/O). */
export type BatchResult = { ok: true } | { ok: false; diagnostic: Diagnostic; exitCode: number };

/**
 * One file's page (the library retries a deeply nested document in a thread with a large stack). The bytes go to
 * the library, not a parse: it parses them and does not keep the parse alive while saxon-js runs.
 */
export function transformFileTo(file: string, to: BatchTask['to'], reading: boolean): string {
  const bytes = readBytes(file);
  return to === 'html' ? transformToHtml(bytes, { file, reading }) : transformToText(bytes, { file, reading });
}

export function run(task: BatchTask): BatchResult {
  try {
    writeAtomically(task.out, transformFileTo(task.file, task.to, task.reading));
    return { ok: true };
  } catch (error) {
    if (error instanceof TeikitError) return { ok: false, diagnostic: error.diagnostic, exitCode: error.exitCode };
    throw error;
  }
}

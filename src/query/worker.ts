/**
 * The task a worker thread runs for `extractAll` (parallel.ts): parse and extract one file, with a cache of register
 * files kept for the thread's lifetime. Results are plain data (structured clone).
 */
import { TeikitError, type Diagnostic } from '../diagnostics.js';
import type { FileExtract } from './extract.js';
import { RegisterCache } from './registers.js';
import { extractFile } from './scan.js';

export type ExtractReply = { result: FileExtract | Diagnostic } | { failure: { diagnostic: Diagnostic; exitCode: 1 | 2 } };

const cache = new RegisterCache();

export function run(file: string): ExtractReply {
  try {
    return { result: extractFile(file, cache) };
  } catch (error) {
    if (error instanceof TeikitError) return { failure: { diagnostic: error.diagnostic, exitCode: error.exitCode } };
    throw error;
  }
}

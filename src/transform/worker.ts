/**
 * The task a worker thread runs for `runStylesheetDeep` (deep.ts): one transform, on a thread whose stack is large
 * enough for saxon-js to recurse through a deeply nested document (see src/workers/).
 */
import { TeikitError, type Diagnostic } from '../diagnostics.js';
import { saxonSource } from './input.js';
import { runStylesheet, type StylesheetName } from './saxon.js';

export interface DeepTask {
  name: StylesheetName;
  /** The document as well-formed XML text or bytes (parsed here again and handed to saxon-js as a tree, ./dom.ts). */
  xml: string | Uint8Array;
  params: Record<string, string | number | boolean>;
  file: string;
}

export type DeepResult = { output: string } | { diagnostic: Diagnostic };

export function run(task: DeepTask): DeepResult {
  try {
    return { output: runStylesheet(task.name, saxonSource(task.xml, task.file), task.params, task.file) };
  } catch (error) {
    if (error instanceof TeikitError) return { diagnostic: error.diagnostic };
    throw error;
  }
}

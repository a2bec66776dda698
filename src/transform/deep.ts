/**
 * Deeply nested documents: saxon-js recurses once (several JavaScript frames) per level of nesting, so the main
 * thread's stack ends at a few hundred levels, while well-formed TEI may nest far deeper (teikit's parser takes
 * 200,000). `runStylesheetDeep` runs the same transform in a worker thread whose stack is large enough.
 */
import { Worker } from 'node:worker_threads';
import { diagnostic, TeikitError, type Diagnostic } from '../diagnostics.js';
import { walk, type XmlDocument, type XmlElement } from '../xml/index.js';
import type { StylesheetName } from './saxon.js';

/**
 * Deepest nesting the transforms accept. saxon-js's time grows faster than linearly with depth (20,000 levels took
 * 11 s here, 100,000 about 10 minutes), so beyond this a clear error is better than what would look like a hang.
 */
export const MAX_TRANSFORM_DEPTH = 10_000;

/** Throw a `transform/too-deep` error at the first element nested deeper than `limit` levels. */
export function checkDepth(document: XmlDocument, file: string, limit = MAX_TRANSFORM_DEPTH): void {
  let depth = 0;
  let deepest: XmlElement | undefined;
  walk(
    document,
    (node) => {
      if (node.type !== 'element') return;
      depth++;
      if (depth > limit && deepest === undefined) deepest = node;
      return deepest === undefined;
    },
    () => {
      depth--;
    },
  );
  if (deepest !== undefined) {
    throw new TeikitError(
      diagnostic({
        file,
        line: deepest.line,
        column: deepest.column,
        message: `elements are nested more than ${limit} levels deep here; teikit transforms at most ${limit} levels`,
        ruleId: 'transform/too-deep',
        source: 'transform',
      }),
    );
  }
}

/** Stack of the worker thread, in MB (V8 and the thread both get it). Default 512: about 150,000 levels. */
export const DEEP_STACK_MB = 512;

export function runStylesheetDeep(
  name: StylesheetName,
  xml: string,
  params: Record<string, string | number | boolean>,
  file: string,
  stackSizeMb = DEEP_STACK_MB,
): Promise<string> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(new URL('./worker.js', import.meta.url), {
      workerData: { name, xml, params, file },
      resourceLimits: { stackSizeMb },
    });
    worker.once('message', (message: { ok: true; output: string } | { ok: false; diagnostic?: Diagnostic; message?: string }) => {
      if (message.ok) resolve(message.output);
      else reject(new TeikitError(message.diagnostic ?? failure(file, message.message ?? 'unknown error')));
      void worker.terminate();
    });
    worker.once('error', (error) => reject(new TeikitError(failure(file, error.message))));
  });
}

function failure(file: string, message: string): Diagnostic {
  return diagnostic({ file, line: 1, column: 1, message: `transform failed: ${message}`, ruleId: 'transform/error', source: 'transform' });
}

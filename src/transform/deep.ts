/**
 * Deeply nested documents: saxon-js recurses once (several JavaScript frames) per level of nesting, so the main
 * thread's stack ends at a few hundred levels, while well-formed TEI may nest far deeper (teikit's parser takes
 * 200,000). `transformDocument` runs the transform again in a worker thread whose stack is large enough.
 */
import { diagnostic, TeikitError, type Diagnostic } from '../diagnostics.js';
import { runInWorkerSync } from '../workers/sync.js';
import { serializeXml, walk, type XmlDocument, type XmlElement } from '../xml/index.js';
import { saxonSource } from './input.js';
import { runStylesheet, type StylesheetName } from './saxon.js';
import type { DeepResult, DeepTask } from './worker.js';

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

/**
 * Run a stylesheet over well-formed XML text in a worker thread whose stack is `stackSizeMb` (synchronously, see
 * src/workers/sync.ts).
 */
export function runStylesheetDeep(
  name: StylesheetName,
  xml: string,
  params: Record<string, string | number | boolean>,
  file: string,
  stackSizeMb = DEEP_STACK_MB,
): string {
  const reply = runInWorkerSync<DeepTask, DeepResult>(new URL('./worker.js', import.meta.url), { name, xml, params, file }, { resourceLimits: { stackSizeMb } });
  if ('crash' in reply) throw new TeikitError(failure(file, reply.crash));
  if ('diagnostic' in reply.result) throw new TeikitError(reply.result.diagnostic);
  return reply.result.output;
}

/**
 * Run a stylesheet on a parsed document (handed to saxon-js as a tree, ./dom.ts); when saxon-js runs out of stack on
 * this thread (`transform/too-deep`), check the depth against `MAX_TRANSFORM_DEPTH` and run it again in a thread
 * with a large stack, which gets the document as text (a tree cannot cross threads) and builds its own tree. The
 * library and the CLI both transform through this.
 */
export function transformDocument(name: StylesheetName, document: XmlDocument, params: Record<string, string | number | boolean>, file: string): string {
  try {
    return runStylesheet(name, saxonSource(document, file), params, file);
  } catch (error) {
    if (!(error instanceof TeikitError && error.diagnostic.ruleId === 'transform/too-deep')) throw error;
    checkDepth(document, file);
    return runStylesheetDeep(name, serializeXml(document), params, file);
  }
}

function failure(file: string, message: string): Diagnostic {
  return diagnostic({ file, line: 1, column: 1, message: `transform failed: ${message}`, ruleId: 'transform/error', source: 'transform' });
}

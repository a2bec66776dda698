/**
 * Deeply nested documents: saxon-js recurses once (several JavaScript frames) per level of nesting, so the main
 * thread's stack ends at a few hundred levels, while well-formed TEI may nest far deeper (teikit's parser takes
 * 200,000). `transformDocument` runs the transform again in a worker thread whose stack is large enough.
 */
import { diagnostic, TeikitError, type Diagnostic } from '../diagnostics.js';
import { runInWorkerSync } from '../workers/sync.js';
import { serializeXml, type Position } from '../xml/index.js';
import type { SaxonTree } from './dom.js';
import { saxonSource, type TransformInput } from './input.js';
import { runStylesheet, type StylesheetName } from './saxon.js';
import type { DeepResult, DeepTask } from './worker.js';

/**
 * Deepest nesting the transforms accept. saxon-js's time grows faster than linearly with depth (20,000 levels took
 * 11 s here, 100,000 about 10 minutes), so beyond this a clear error is better than what would look like a hang.
 */
export const MAX_TRANSFORM_DEPTH = 10_000;

/** The `transform/too-deep` error at the first element nested deeper than `limit` levels. */
function tooDeep(file: string, at: Position, limit = MAX_TRANSFORM_DEPTH): TeikitError {
  return new TeikitError(
    diagnostic({
      file,
      line: at.line,
      column: at.column,
      message: `elements are nested more than ${limit} levels deep here; teikit transforms at most ${limit} levels`,
      ruleId: 'transform/too-deep',
      source: 'transform',
    }),
  );
}

/** Stack of the worker thread, in MB (V8 and the thread both get it). Default 512: about 150,000 levels. */
export const DEEP_STACK_MB = 512;

/**
 * Run a stylesheet over well-formed XML (text or bytes) in a worker thread whose stack is `stackSizeMb` (synchronously, see
 * src/workers/sync.ts).
 */
export function runStylesheetDeep(
  name: StylesheetName,
  xml: string | Uint8Array,
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
 * Run a stylesheet on a document (parsed, or text or bytes parsed here), handed to saxon-js as a tree (./dom.ts);
 * when saxon-js runs out of stack on this thread (`transform/too-deep`), refuse a document nested deeper than
 * `MAX_TRANSFORM_DEPTH` (the tree build noted the first such element) and otherwise run it again in a thread with a
 * large stack, which gets the document as text or bytes (a tree cannot cross threads) and builds its own tree. The
 * library and the CLI both transform through this.
 */
export function transformDocument(name: StylesheetName, input: TransformInput, params: Record<string, string | number | boolean>, file: string): string {
  let source: SaxonTree | undefined = saxonSource(input, file, MAX_TRANSFORM_DEPTH);
  try {
    return runStylesheet(name, source, params, file);
  } catch (error) {
    if (!(error instanceof TeikitError && error.diagnostic.ruleId === 'transform/too-deep')) throw error;
    if (source.tooDeep !== undefined) throw tooDeep(file, source.tooDeep);
    source = undefined; // this thread's tree is not needed by the worker
    return runStylesheetDeep(name, typeof input === 'string' || input instanceof Uint8Array ? input : serializeXml(input), params, file);
  }
}

function failure(file: string, message: string): Diagnostic {
  return diagnostic({ file, line: 1, column: 1, message: `transform failed: ${message}`, ruleId: 'transform/error', source: 'transform' });
}

/**
 * One file through the layers (README, teikit validate): well-formedness (src/xml), RELAX NG (the engine in
 * ./relaxng, behind one module), then the edition rules (./rules) when asked or when the edition schema is used.
 */
import { resolve } from 'node:path';
import { diagnostic, hasErrors, internalError, TeikitError, type Diagnostic } from '../diagnostics.js';
import { tryReadRegularFile } from '../io.js';
import { tryParseXml, type XmlDocument } from '../xml/index.js';
import { loadSchema, validateStream, validateWithSchema, type RelaxngSchema } from './relaxng/index.js';
import { editionSchemaPath, resolveSchema, type SchemaChoice } from './resolve-schema.js';
import { checkRules, sortDiagnostics } from './rules/index.js';
import type { FileReport, ValidateOptions, Verdict } from './types.js';
import { mapDiagnostics, resolveXIncludes } from './xinclude.js';

/** Compiled schemas of this thread, by absolute path and cache options (a batch loads each schema once). */
const loaded = new Map<string, Promise<RelaxngSchema>>();

/** Load a schema once per thread; a broken schema throws `TeikitError` (exit code 2) every time it is asked for. */
export function schemaFor(path: string, options: Pick<ValidateOptions, 'cacheDir' | 'noCache'> = {}): Promise<RelaxngSchema> {
  const key = `${resolve(path)}\u0000${options.cacheDir ?? ''}\u0000${options.noCache === true}`;
  let schema = loaded.get(key);
  if (schema === undefined) {
    const loadOptions: { cacheDir?: string; noCache?: boolean } = {};
    if (options.cacheDir !== undefined) loadOptions.cacheDir = options.cacheDir;
    if (options.noCache !== undefined) loadOptions.noCache = options.noCache;
    schema = loadSchema(path, loadOptions);
    loaded.set(key, schema);
  }
  return schema;
}

function verdictOf(diagnostics: readonly Diagnostic[]): Verdict {
  // Well-formedness and decoding errors (of the file or of a file it includes); XInclude resource errors are not.
  if (diagnostics.some((d) => d.source === 'xml' && d.severity === 'error' && d.ruleId !== 'xinclude')) return 'malformed';
  return hasErrors(diagnostics) ? 'invalid' : 'valid';
}

function engineFailure(file: string, error: unknown): Diagnostic {
  const message = error instanceof Error ? error.message.split('\n')[0]! : String(error);
  return internalError(file, `internal error while validating: ${message}`);
}

/**
 * A schema named by the document itself could not be loaded. The document may name any local file (someone else's
 * letters, a key file), so when the file the error is about is not a RELAX NG schema at all, nothing read from it is
 * repeated (no position, no element name, no text): only that it is not a schema, at the processing instruction
 * that named it. Errors inside a RELAX NG schema are shown as they are (they quote a schema, not a private file);
 * whoever may read the file can ask for the reason with `--schema`.
 */
function schemaFailure(file: string, schemaPath: string, namedBy: NonNullable<SchemaChoice['namedBy']>, error: Diagnostic): Diagnostic {
  if (isRelaxngSchema(error.file)) return error;
  const which = resolve(error.file) === resolve(schemaPath) ? `"${namedBy.href}"` : `"${namedBy.href}", which refers to "${error.file}"`;
  return diagnostic({
    file,
    line: namedBy.line,
    column: namedBy.column,
    message: `<?${namedBy.target}?> names ${which}, which is not a RELAX NG schema; its content is not shown (validate with --schema FILE to see why)`,
    ruleId: error.ruleId,
    source: 'schema',
  });
}

/** Whether `path` is a well-formed XML file whose root element is in the RELAX NG namespace. */
function isRelaxngSchema(path: string): boolean {
  const read = tryReadRegularFile(path, 'schema');
  if (!read.ok) return true; // an unreadable file was never read: its error quotes nothing of it
  const parsed = tryParseXml(read.bytes, { file: path });
  if (!parsed.ok) return false;
  const root = parsed.document.children.find((n) => n.type === 'element');
  return root?.type === 'element' && root.uri === RELAXNG_NS;
}

const RELAXNG_NS = 'http://relaxng.org/ns/structure/1.0';

/**
 * A duplicate xml:id is reported by the RELAX NG layer when the schema types xml:id as `xsd:ID` (tei_all and the
 * edition schema do, as jing does), naming both occurrences; the `id-unique` rule then only repeats it.
 */
function withoutRepeats(rules: Diagnostic[], relaxng: readonly Diagnostic[]): Diagnostic[] {
  // The quoted names of the RELAX NG ID messages, in a set: one pass each way, whatever the number of duplicates.
  const quoted = new Set<string>();
  for (const d of relaxng) {
    if (d.ruleId !== 'relaxng-id') continue;
    for (const m of d.message.matchAll(/"([^"]*)"/g)) quoted.add(m[1]!);
  }
  if (quoted.size === 0) return rules;
  return rules.filter((d) => d.ruleId !== 'id-unique' || !quoted.has(d.actual ?? ''));
}

/** `target.push(...items)` without spreading: a spread of 10^5 items overflows the call stack. */
function append<T>(target: T[], items: readonly T[]): void {
  for (const item of items) target.push(item);
}

/** Validate the file at `path`; never throws for a bad file (unreadable files get the verdict `error`). */
export async function validateFile(path: string, options: ValidateOptions = {}): Promise<FileReport> {
  const read = tryReadRegularFile(path, 'document');
  if (!read.ok) {
    const d = diagnostic({ file: path, line: 1, column: 1, message: `cannot read file: ${read.reason}`, ruleId: 'io', source: 'io' });
    return { path, verdict: 'error', schema: null, rules: false, diagnostics: [d] };
  }
  return validateSource(read.bytes, path, options);
}

/** Validate XML given as bytes or text; `file` names it in diagnostics and anchors relative hrefs. */
export async function validateSource(input: string | Uint8Array, file: string, options: ValidateOptions = {}): Promise<FileReport> {
  // Only a schema to check against (no XInclude, no rules): stream, so that memory follows depth, not size.
  if (options.schema !== undefined && options.xinclude !== true && options.rules !== true && resolve(options.schema) !== editionSchemaPath()) {
    return streamSource(input, file, options, options.schema);
  }
  const parsed = tryParseXml(input, { file });
  if (!parsed.ok) return { path: file, verdict: 'malformed', schema: null, rules: false, diagnostics: [parsed.diagnostic] };
  try {
    return await validateDocument(parsed.document, file, options);
  } catch (error) {
    if (error instanceof TeikitError) {
      return { path: file, verdict: 'error', schema: null, rules: false, diagnostics: [error.diagnostic] };
    }
    return { path: file, verdict: 'error', schema: null, rules: false, diagnostics: [engineFailure(file, error)] };
  }
}

async function streamSource(input: string | Uint8Array, file: string, options: ValidateOptions, schemaPath: string): Promise<FileReport> {
  const schemaUsed = { path: schemaPath, origin: 'option' as const };
  let schema: RelaxngSchema;
  try {
    schema = await schemaFor(schemaPath, options);
  } catch (error) {
    if (!(error instanceof TeikitError)) throw error;
    return { path: file, verdict: 'error', schema: schemaUsed, rules: false, diagnostics: [error.diagnostic] };
  }
  try {
    const result = validateStream(schema, input, options.maxErrors === undefined ? { file } : { file, maxErrors: options.maxErrors });
    if (!result.ok) return { path: file, verdict: 'malformed', schema: null, rules: false, diagnostics: [result.diagnostic] };
    const all = sortDiagnostics(result.diagnostics);
    return { path: file, verdict: verdictOf(all), schema: schemaUsed, rules: false, diagnostics: all };
  } catch (error) {
    if (error instanceof TeikitError) return { path: file, verdict: 'error', schema: null, rules: false, diagnostics: [error.diagnostic] };
    return { path: file, verdict: 'error', schema: schemaUsed, rules: false, diagnostics: [engineFailure(file, error)] };
  }
}

/** Validate a parsed document (it is changed in place when `xinclude` is set). */
export async function validateDocument(doc: XmlDocument, file: string, options: ValidateOptions = {}): Promise<FileReport> {
  const diagnostics: Diagnostic[] = [];
  let included: string[] = [];
  if (options.xinclude === true) {
    const xi = resolveXIncludes(doc, file);
    included = xi.included;
    append(diagnostics, xi.diagnostics);
  }
  const choice = resolveSchema(doc, file, options.schema === undefined ? {} : { schema: options.schema });
  const schemaUsed = { path: choice.path, origin: choice.origin };
  // The rules belong to the edition schema: they run whenever it is used, however it was chosen.
  const rules = options.rules === true || choice.origin === 'edition' || resolve(choice.path) === editionSchemaPath();
  let schema: RelaxngSchema;
  try {
    schema = await schemaFor(choice.path, options);
  } catch (error) {
    if (!(error instanceof TeikitError)) throw error;
    const d = choice.namedBy === undefined ? error.diagnostic : schemaFailure(file, choice.path, choice.namedBy, error.diagnostic);
    return { path: file, verdict: 'error', schema: schemaUsed, rules: false, diagnostics: [...choice.notes, d] };
  }
  let relaxng: Diagnostic[];
  try {
    relaxng = validateWithSchema(schema, doc, options.maxErrors === undefined ? {} : { maxErrors: options.maxErrors });
  } catch (error) {
    // The engine must not throw on a document; if it does, the file is reported, and the batch goes on.
    return { path: file, verdict: 'error', schema: schemaUsed, rules: false, diagnostics: [...choice.notes, engineFailure(file, error)] };
  }
  append(diagnostics, relaxng);
  if (rules) append(diagnostics, withoutRepeats(checkRules(doc, { file }), relaxng));
  const all = choice.notes.concat(mapDiagnostics(sortDiagnostics(diagnostics), file, included));
  return { path: file, verdict: verdictOf(all), schema: schemaUsed, rules, diagnostics: all };
}

/**
 * One file through the layers (README, teikit validate): well-formedness (src/xml), RELAX NG (the engine in
 * ./relaxng, behind one module) against each schema that applies, the edition rules (./rules) when asked or when
 * the edition schema is used, then each Schematron schema (./schematron). A file checked against RELAX NG schemas
 * alone streams (no tree); anything else is parsed to a tree once and every layer reads that tree.
 */
import { resolve } from 'node:path';
import { diagnostic, hasErrors, internalError, TeikitError, type Diagnostic } from '../diagnostics.js';
import { modifiedAt, tryReadRegularFile } from '../io.js';
import { RNG_NS, SCH15_NS, SCH_NS, tryParseXml, type XmlDocument } from '../xml/index.js';
import { loadSchema, validateStreamAll, validateWithSchema, type RelaxngSchema } from './relaxng/index.js';
import { editionSchemaPath, resolveSchema, type AssociationOptions, type NamedSchema, type SchemaChoice } from './association.js';
import { checkRules, sortDiagnostics } from './rules/index.js';
import type { FileReport, SchemaUsed, ValidateOptions, Verdict } from './types.js';
import { mapDiagnostics, resolveXIncludes } from './xinclude.js';
import { externalDtdReader } from './external-dtd.js';
import { checkSchematron, loadEmbeddedSchematron, loadSchematron, type SchematronSchema } from './schematron/index.js';
import { decodeCompact, parseCompactSchema } from './relaxng/syntax/compact.js';
import type { SchematronUsed } from './types.js';

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

/** Schematron schemas of this thread (`undefined`: a RELAX NG schema without embedded rules). */
const schematrons = new Map<string, SchematronSchema | undefined>();

/** Load a Schematron once per thread: a `.sch` file, or the rules embedded in a RELAX NG schema (`embedded`). */
export function schematronFor(path: string, embedded: boolean, options: Pick<ValidateOptions, 'cacheDir' | 'noCache' | 'phase'> = {}): SchematronSchema | undefined {
  const key = `${resolve(path)}\u0000${embedded}\u0000${options.phase ?? ''}\u0000${options.cacheDir ?? ''}\u0000${options.noCache === true}`;
  if (schematrons.has(key)) return schematrons.get(key);
  const loadOptions: { cacheDir?: string; noCache?: boolean; phase?: string } = {};
  if (options.cacheDir !== undefined) loadOptions.cacheDir = options.cacheDir;
  if (options.noCache !== undefined) loadOptions.noCache = options.noCache;
  if (options.phase !== undefined) loadOptions.phase = options.phase;
  const schema = embedded ? loadEmbeddedSchematron(path, loadOptions) : loadSchematron(path, loadOptions);
  schematrons.set(key, schema);
  return schema;
}

/**
 * A Schematron schema to run. `namedBy`: the processing instruction of the document that named it, when nothing else
 * did (the document may name any local file: see `schematronFailure`).
 */
type SchematronToRun = { path: string; origin: SchematronUsed['origin']; embedded: boolean; namedBy?: NamedSchema['namedBy'] };

/**
 * The Schematron that applies: the `.sch` files given (else those the file's xml-model PIs name), and the rules
 * embedded in each RELAX NG schema used, each schema once.
 */
function schematronList(relaxng: readonly string[], named: readonly (string | NamedSchema)[], origin: 'option' | 'xml-model'): SchematronToRun[] {
  const out = new Map<string, SchematronToRun>();
  for (const n of named) {
    const path = typeof n === 'string' ? n : n.path;
    const embedded = standsForEmbeddedRules(path);
    const key = `${resolve(path)}\u0000${embedded}`;
    if (out.has(key)) continue;
    const run: SchematronToRun = { path, origin, embedded };
    if (typeof n !== 'string' && n.namedBy !== undefined) run.namedBy = n.namedBy;
    out.set(key, run);
  }
  for (const path of relaxng) {
    const key = `${resolve(path)}\u0000true`;
    const run = out.get(key);
    // Also a RELAX NG schema of the file: the RELAX NG layer reports what is wrong with it.
    if (run !== undefined) delete run.namedBy;
    else out.set(key, { path, origin: 'embedded', embedded: true });
  }
  return [...out.values()];
}

/**
 * Whether a file named as Schematron stands for the rules embedded in a RELAX NG schema (TEI's generated files pair
 * `<?xml-model href="x.rng" schematypens="...schematron"?>` with the RELAX NG PI for the same file) rather than being
 * a Schematron schema itself: by its extension (`.sch`; `.rng`, `.rnc`), else by its root element.
 */
export function standsForEmbeddedRules(path: string): boolean {
  if (/\.sch$/i.test(path)) return false;
  if (/\.rn[gc]$/i.test(path)) return true;
  return schemaKind(path) === 'relaxng'; // an unreadable file: the Schematron loader says why
}

/**
 * Whether a file checked against `schemaPath` also gets Schematron (given, or embedded in the schema): then it needs
 * a tree, and cannot take the streaming path. A schema whose embedded rules do not load takes the tree path, which
 * reports why.
 */
function needsSchematron(schemaPath: string, options: ValidateOptions): boolean {
  if (options.noSchematron === true) return false;
  if (options.schematron !== undefined && options.schematron.length > 0) return true;
  try {
    return schematronFor(schemaPath, true, options) !== undefined;
  } catch {
    return true;
  }
}

const XINCLUDE_NS = 'http://www.w3.org/2001/XInclude';
const XINCLUDE_BYTES = Buffer.from(XINCLUDE_NS);


/** Whether the input holds `bytes` (ASCII) at all; UTF-16 input always may (it takes the tree path, always right). */
function mentions(input: string | Uint8Array, bytes: Buffer): boolean {
  if (typeof input === 'string') return input.includes(bytes.toString('latin1'));
  if (input.length >= 2 && ((input[0] === 0xfe && input[1] === 0xff) || (input[0] === 0xff && input[1] === 0xfe) || input[0] === 0 || input[1] === 0)) return true;
  return Buffer.from(input.buffer, input.byteOffset, input.length).includes(bytes);
}

/** Whether the input names the XInclude namespace at all (else there is nothing to include, and it may stream). */
function mayInclude(input: string | Uint8Array): boolean {
  return mentions(input, XINCLUDE_BYTES);
}

function verdictOf(diagnostics: readonly Diagnostic[]): Verdict {
  // Well-formedness and decoding errors (of the file or of a file it includes); XInclude resource errors are not.
  if (diagnostics.some((d) => d.source === 'xml' && d.severity === 'error' && d.ruleId !== 'xml/xinclude')) return 'malformed';
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
function schemaFailure(file: string, schemaPath: string, namedBy: NonNullable<NamedSchema['namedBy']>, error: Diagnostic): Diagnostic {
  const kind = schemaKind(error.file);
  if (kind === 'relaxng' || kind === 'unreadable') return error;
  return notASchema(file, schemaPath, namedBy, 'RELAX NG', error.ruleId, error.file);
}

/** The same guard for a Schematron schema the document named: errors in a Schematron (or RELAX NG) schema are shown. */
function schematronFailure(file: string, schemaPath: string, namedBy: NonNullable<NamedSchema['namedBy']>, error: Diagnostic): Diagnostic {
  const kind = schemaKind(error.file);
  if (kind !== 'other') return error;
  return notASchema(file, schemaPath, namedBy, 'Schematron', 'schematron/schema', error.file);
}

/** The one line said at the processing instruction instead of an error that would quote a file that is no schema. */
function notASchema(file: string, schemaPath: string, namedBy: NonNullable<NamedSchema['namedBy']>, language: 'RELAX NG' | 'Schematron', ruleId: string, errorFile = schemaPath): Diagnostic {
  const which = resolve(errorFile) === resolve(schemaPath) ? `"${namedBy.href}"` : `"${namedBy.href}", which refers to "${errorFile}"`;
  const see = language === 'Schematron' ? '--schema FILE.sch' : '--schema FILE';
  return diagnostic({
    file,
    line: namedBy.line,
    column: namedBy.column,
    message: `<?${namedBy.target}?> names ${which}, which is not a ${language} schema; its content is not shown (validate with ${see} to see why)`,
    ruleId,
    source: 'schema',
  });
}

type SchemaKind = 'relaxng' | 'schematron' | 'other' | 'unreadable';

/**
 * What a schema file is, from its content: a RELAX NG schema (compact syntax that parses, or XML whose root is in the
 * RELAX NG namespace), a Schematron schema (root in the ISO or 1.5 namespace), something else, or a file that could
 * not be read at all (then its error quotes nothing of it).
 */
function schemaKind(path: string): SchemaKind {
  const mtimeMs = modifiedAt(path);
  if (mtimeMs === undefined) return 'unreadable';
  const known = kinds.get(resolve(path));
  if (known !== undefined && known.mtimeMs === mtimeMs) return known.kind;
  const kind = readSchemaKind(path);
  kinds.set(resolve(path), { mtimeMs, kind });
  return kind;
}

/** Schema files `schemaKind` has read, with the modification time they had (a batch asks once per file). */
const kinds = new Map<string, { mtimeMs: number; kind: SchemaKind }>();

function readSchemaKind(path: string): SchemaKind {
  const read = tryReadRegularFile(path, 'schema');
  if (!read.ok) return 'unreadable';
  if (/\.rnc$/i.test(path)) {
    try {
      parseCompactSchema(decodeCompact(read.bytes), path);
      return 'relaxng';
    } catch {
      return 'other';
    }
  }
  const parsed = tryParseXml(read.bytes, { file: path });
  if (!parsed.ok) return 'other';
  const uri = parsed.document.root.uri;
  if (uri === RNG_NS) return 'relaxng';
  return uri === SCH_NS || uri === SCH15_NS ? 'schematron' : 'other';
}


/**
 * A duplicate xml:id is reported by the RELAX NG layer when the schema types xml:id as `xsd:ID` (tei_all and the
 * edition schema do, as jing does), naming both occurrences; the `rules/id-unique` rule then only repeats it.
 */
function withoutRepeats(rules: Diagnostic[], relaxng: readonly Diagnostic[]): Diagnostic[] {
  // The quoted names of the RELAX NG ID messages, in a set: one pass each way, whatever the number of duplicates.
  const quoted = new Set<string>();
  for (const d of relaxng) {
    if (d.ruleId !== 'relaxng/id') continue;
    for (const m of d.message.matchAll(/"([^"]*)"/g)) quoted.add(m[1]!);
  }
  if (quoted.size === 0) return rules;
  return rules.filter((d) => d.ruleId !== 'rules/id-unique' || !quoted.has(d.actual ?? ''));
}

/** `target.push(...items)` without spreading: a spread of 10^5 items overflows the call stack. */
function append<T>(target: T[], items: readonly T[]): void {
  for (const item of items) target.push(item);
}

/** The RELAX NG schemas of `options.schema` as a list (undefined: none given, each file's own apply). */
export function givenSchemas(options: Pick<ValidateOptions, 'schema'>): readonly string[] | undefined {
  if (options.schema === undefined) return undefined;
  const list = typeof options.schema === 'string' ? [options.schema] : options.schema;
  // Each schema once, however often it was given.
  const unique = list.filter((path, i) => list.findIndex((p) => resolve(p) === resolve(path)) === i);
  return unique.length === 0 ? undefined : unique;
}

/** The report of a file no schema was reached for: unreadable, malformed, or not checked. */
export function unchecked(path: string, verdict: 'error' | 'malformed', diagnostics: Diagnostic[], schemas: SchemaUsed[] = []): FileReport {
  return { path, verdict, schema: schemas[0] ?? null, schemas, rules: false, diagnostics };
}

/** Validate the file at `path`; never throws for a bad file (unreadable files get the verdict `error`). */
export async function validateFile(path: string, options: ValidateOptions = {}): Promise<FileReport> {
  const read = tryReadRegularFile(path, 'document');
  if (!read.ok) {
    return unchecked(path, 'error', [diagnostic({ file: path, line: 1, column: 1, message: `cannot read file: ${read.reason}`, ruleId: 'io/file', source: 'io' })]);
  }
  return validateSource(read.bytes, path, options);
}

/**
 * Whether a file can stream: only RELAX NG schemas to check against (given), no XInclude to resolve, no rules, no
 * Schematron (which needs a tree). A DOCTYPE streams too (its external subset is read by the same hook).
 */
function streams(input: string | Uint8Array, given: readonly string[], options: ValidateOptions): boolean {
  if (options.xinclude !== false && mayInclude(input)) return false;
  if (options.rules === true) return false;
  return given.every((path) => resolve(path) !== editionSchemaPath() && !needsSchematron(path, options));
}

/** Validate XML given as bytes or text; `file` names it in diagnostics and anchors relative hrefs. */
export async function validateSource(input: string | Uint8Array, file: string, options: ValidateOptions = {}): Promise<FileReport> {
  const given = givenSchemas(options);
  // Only schemas to check against: stream, so that memory follows depth, not size.
  if (given !== undefined && streams(input, given, options)) return streamSource(input, file, options, given);
  // A local external DTD subset is read for its attribute defaults and entities (external-dtd.ts).
  const dtdNotes: Diagnostic[] = [];
  let parsed: ReturnType<typeof tryParseXml>;
  try {
    parsed = tryParseXml(input, { file, externalDtd: externalDtdReader(file, input, dtdNotes, options.catalog) });
  } catch (error) {
    // A --catalog that cannot be read (the CLI checks it first; the library may not have).
    if (!(error instanceof TeikitError)) throw error;
    return unchecked(file, 'error', [error.diagnostic]);
  }
  if (!parsed.ok) return unchecked(file, 'malformed', dtdNotes.concat(parsed.diagnostic));
  try {
    const report = await validateDocument(parsed.document, file, options);
    if (dtdNotes.length > 0) report.diagnostics = dtdNotes.concat(report.diagnostics);
    return report;
  } catch (error) {
    return unchecked(file, 'error', [error instanceof TeikitError ? error.diagnostic : engineFailure(file, error)]);
  }
}

/**
 * When several RELAX NG schemas ran, each of their messages says which one it is from (the href as the file wrote
 * it, or the path as given), so that two schemas reporting the same element read as two findings.
 */
function labelled(perSchema: readonly Diagnostic[][], schemas: readonly NamedSchema[]): Diagnostic[] {
  if (perSchema.length === 1) return perSchema[0]!;
  const out: Diagnostic[] = [];
  perSchema.forEach((list, i) => {
    const name = schemas[i]!.namedBy?.href ?? schemas[i]!.path;
    for (const d of list) out.push({ ...d, message: `${d.message} (schema ${name})` });
  });
  return out;
}

function used(schemas: readonly NamedSchema[]): SchemaUsed[] {
  return schemas.map((s) => (s.via === undefined ? { path: s.path, origin: s.origin } : { path: s.path, origin: s.origin, via: s.via }));
}

/** Load each schema of the list; one that cannot be loaded gives its diagnostic, and the others still run. */
async function loadAll(file: string, schemas: readonly NamedSchema[], options: ValidateOptions): Promise<{ loaded: Array<{ named: NamedSchema; schema: RelaxngSchema }>; failures: Diagnostic[] }> {
  const loaded: Array<{ named: NamedSchema; schema: RelaxngSchema }> = [];
  const failures: Diagnostic[] = [];
  for (const named of schemas) {
    try {
      loaded.push({ named, schema: await schemaFor(named.path, options) });
    } catch (error) {
      if (!(error instanceof TeikitError)) throw error;
      failures.push(named.namedBy === undefined ? error.diagnostic : schemaFailure(file, named.path, named.namedBy, error.diagnostic));
    }
  }
  return { loaded, failures };
}

async function streamSource(input: string | Uint8Array, file: string, options: ValidateOptions, paths: readonly string[]): Promise<FileReport> {
  const named: NamedSchema[] = paths.map((path) => ({ path, origin: 'option' }));
  const schemas = used(named);
  const { loaded, failures } = await loadAll(file, named, options);
  const dtdNotes: Diagnostic[] = [];
  const streamOptions = { file, externalDtd: externalDtdReader(file, input, dtdNotes, options.catalog), ...(options.maxErrors === undefined ? {} : { maxErrors: options.maxErrors }) };
  try {
    const result = validateStreamAll(loaded.map((l) => l.schema), input, streamOptions);
    if (!result.ok) return unchecked(file, 'malformed', dtdNotes.concat(result.diagnostic));
    const all = dtdNotes.concat(failures, sortDiagnostics(labelled(result.diagnostics, loaded.map((l) => l.named))));
    return { path: file, verdict: failures.length > 0 ? 'error' : verdictOf(all), schema: schemas[0] ?? null, schemas, rules: false, diagnostics: all };
  } catch (error) {
    return unchecked(file, 'error', [error instanceof TeikitError ? error.diagnostic : engineFailure(file, error)], error instanceof TeikitError ? [] : schemas);
  }
}

/** The schemas that apply to `doc` (association.ts), or the report of a file whose catalog or config is broken. */
function chooseSchemas(doc: XmlDocument, file: string, options: ValidateOptions): SchemaChoice | FileReport {
  const association: AssociationOptions = {};
  const given = givenSchemas(options);
  if (given !== undefined) association.schema = given;
  if (options.catalog !== undefined) association.catalog = options.catalog;
  // `--schema FILE.sch` alone: the RELAX NG schemas are still chosen as without it, but xml-model Schematron is not.
  if (options.schematron !== undefined && options.schematron.length > 0 && options.noSchematron !== true) association.schematronGiven = true;
  try {
    return resolveSchema(doc, file, association);
  } catch (error) {
    // A catalog or teikit.config.json that cannot be read: this file is not checked.
    if (!(error instanceof TeikitError)) throw error;
    return unchecked(file, 'error', [error.diagnostic]);
  }
}

/** Each RELAX NG schema against the tree; a schema that cannot be loaded, or an engine that fails, is a failure. */
async function runRelaxng(doc: XmlDocument, file: string, schemas: readonly NamedSchema[], options: ValidateOptions): Promise<{ diagnostics: Diagnostic[]; failures: Diagnostic[] }> {
  const { loaded, failures } = await loadAll(file, schemas, options);
  const perSchema: Diagnostic[][] = [];
  for (const { schema } of loaded) {
    try {
      perSchema.push(validateWithSchema(schema, doc, options.maxErrors === undefined ? {} : { maxErrors: options.maxErrors }));
    } catch (error) {
      // The engine must not throw on a document; if it does, the file is reported, and the batch goes on.
      perSchema.push([]);
      failures.push(engineFailure(file, error));
    }
  }
  return { diagnostics: perSchema.length === 0 ? [] : labelled(perSchema, loaded.map((l) => l.named)), failures };
}

interface SchematronResult {
  diagnostics: Diagnostic[];
  /** The schemas' own warnings (a missing `extends` target), kept ahead of the document's diagnostics. */
  notes: Diagnostic[];
  failures: Diagnostic[];
  ran: SchematronUsed[];
  svrl: string[];
}

/** Each Schematron schema that applies (`schematronList`); one that cannot be loaded is a failure, the others run. */
function runSchematronList(doc: XmlDocument, file: string, list: readonly SchematronToRun[], options: ValidateOptions): SchematronResult {
  const result: SchematronResult = { diagnostics: [], notes: [], failures: [], ran: [], svrl: [] };
  for (const s of list) {
    let schema: SchematronSchema | undefined;
    try {
      schema = schematronFor(s.path, s.embedded, options);
    } catch (error) {
      if (!(error instanceof TeikitError)) throw error;
      result.failures.push(s.namedBy === undefined ? error.diagnostic : schematronFailure(file, s.path, s.namedBy, error.diagnostic));
      continue;
    }
    if (schema === undefined) {
      // No embedded rules: a RELAX NG schema without any is fine; a file that is no RELAX NG schema is not.
      if (s.namedBy !== undefined && schemaKind(s.path) !== 'relaxng') result.failures.push(notASchema(file, s.path, s.namedBy, 'Schematron', 'schematron/schema'));
      continue;
    }
    const run = checkSchematron(schema, doc, file, options.svrl === true ? { svrl: true } : {});
    append(result.notes, schema.notes);
    append(result.diagnostics, run.diagnostics.filter((d) => !schema.notes.includes(d)));
    result.ran.push({ path: schema.path, origin: s.origin, phase: schema.phase });
    if (run.svrl !== undefined) result.svrl.push(run.svrl);
  }
  return result;
}

/** The Schematron to run for `choice`: the `.sch` files given, else the file's own, and the rules its RELAX NG schemas carry. */
function schematronToRun(choice: SchemaChoice, options: ValidateOptions): SchematronToRun[] {
  if (options.noSchematron === true) return [];
  const named = options.schematron ?? (givenSchemas(options) === undefined ? choice.schematron : []);
  return schematronList(choice.relaxng.map((r) => r.path), named, options.schematron !== undefined ? 'option' : 'xml-model');
}

/** The rules belong to the edition schema: they run whenever it is used, however it was chosen. */
function rulesApply(choice: SchemaChoice, options: ValidateOptions): boolean {
  return options.rules === true || choice.relaxng.some((r) => r.origin === 'edition' || resolve(r.path) === editionSchemaPath());
}

/** Validate a parsed document (it is changed in place when it has `xi:include`s and `xinclude` is not false). */
export async function validateDocument(doc: XmlDocument, file: string, options: ValidateOptions = {}): Promise<FileReport> {
  const xi = options.xinclude === false ? { included: [], diagnostics: [] } : resolveXIncludes(doc, file);
  const choice = chooseSchemas(doc, file, options);
  if ('verdict' in choice) return choice;
  const relaxng = await runRelaxng(doc, file, choice.relaxng, options);
  const rules = rulesApply(choice, options);
  const schematron = runSchematronList(doc, file, schematronToRun(choice, options), options);
  const diagnostics: Diagnostic[] = [];
  append(diagnostics, xi.diagnostics);
  append(diagnostics, relaxng.diagnostics);
  if (rules) append(diagnostics, withoutRepeats(checkRules(doc, { file }), relaxng.diagnostics));
  append(diagnostics, schematron.diagnostics);
  const failures = relaxng.failures.concat(schematron.failures);
  const all = choice.notes.concat(schematron.notes, failures, mapDiagnostics(sortDiagnostics(diagnostics), file, xi.included));
  const schemas = used(choice.relaxng);
  const verdict = failures.length > 0 ? 'error' : verdictOf(all);
  const report: FileReport = { path: file, verdict, schema: schemas[0] ?? null, schemas, rules, diagnostics: all };
  if (schemas.length === 0 && schematron.ran.length === 0 && verdict !== 'error') report.wellFormednessOnly = true;
  if (schematron.ran.length > 0) report.schematron = schematron.ran;
  if (options.svrl === true) report.svrl = schematron.svrl;
  return report;
}

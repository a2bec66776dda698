/**
 * One file through the layers (README, teikit validate): well-formedness (src/xml), RELAX NG (the engine in
 * ./relaxng, behind one module), then the edition rules (./rules) when asked or when the edition schema is used.
 */
import { resolve } from 'node:path';
import { diagnostic, hasErrors, internalError, TeikitError, type Diagnostic } from '../diagnostics.js';
import { tryReadRegularFile } from '../io.js';
import { tryParseXml, type XmlDocument } from '../xml/index.js';
import { loadSchema, validateStream, validateWithSchema, type RelaxngSchema } from './relaxng/index.js';
import { editionSchemaPath, resolveSchema, type AssociationOptions, type SchemaChoice } from './association.js';
import { checkRules, sortDiagnostics } from './rules/index.js';
import type { FileReport, SchemaUsed, ValidateOptions, Verdict } from './types.js';
import { mapDiagnostics, resolveXIncludes } from './xinclude.js';
import { externalDtdReader } from './external-dtd.js';
import { checkSchematron, loadEmbeddedSchematron, loadSchematron, type SchematronSchema } from './schematron/index.js';
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
  const schema = embedded || !/\.sch$/i.test(path) ? loadEmbeddedSchematron(path, loadOptions) : loadSchematron(path, loadOptions);
  schematrons.set(key, schema);
  return schema;
}

/**
 * The Schematron that applies: the `.sch` files given (else those the file's xml-model PIs name), and the rules
 * embedded in the RELAX NG schema used, each schema once.
 */
function schematronList(relaxng: string | undefined, named: string[], origin: 'option' | 'xml-model'): Array<{ path: string; origin: SchematronUsed['origin']; embedded: boolean }> {
  const out: Array<{ path: string; origin: SchematronUsed['origin']; embedded: boolean }> = [];
  const seen = new Set<string>();
  for (const path of named) {
    const embedded = !/\.sch$/i.test(path);
    const key = `${resolve(path)}\u0000${embedded}`;
    if (!seen.has(key)) out.push({ path, origin, embedded });
    seen.add(key);
  }
  if (relaxng !== undefined && !seen.has(`${resolve(relaxng)}\u0000true`)) out.push({ path: relaxng, origin: 'embedded', embedded: true });
  return out;
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

const DOCTYPE_BYTES = Buffer.from('<!DOCTYPE');

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
  if (options.schema !== undefined && !(options.xinclude !== false && mayInclude(input)) && !mentions(input, DOCTYPE_BYTES) && options.rules !== true && resolve(options.schema) !== editionSchemaPath() && !needsSchematron(options.schema, options)) {
    return streamSource(input, file, options, options.schema);
  }
  // A local external DTD subset is read for its attribute defaults and entities (external-dtd.ts).
  const dtdNotes: Diagnostic[] = [];
  let parsed: ReturnType<typeof tryParseXml>;
  try {
    parsed = tryParseXml(input, { file, externalDtd: externalDtdReader(file, input, dtdNotes, options.catalog) });
  } catch (error) {
    // A --catalog that cannot be read (the CLI checks it first; the library may not have).
    if (!(error instanceof TeikitError)) throw error;
    return { path: file, verdict: 'error', schema: null, rules: false, diagnostics: [error.diagnostic] };
  }
  if (!parsed.ok) return { path: file, verdict: 'malformed', schema: null, rules: false, diagnostics: dtdNotes.concat(parsed.diagnostic) };
  try {
    const report = await validateDocument(parsed.document, file, options);
    if (dtdNotes.length > 0) report.diagnostics = dtdNotes.concat(report.diagnostics);
    return report;
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

/** Validate a parsed document (it is changed in place when it has `xi:include`s and `xinclude` is not false). */
export async function validateDocument(doc: XmlDocument, file: string, options: ValidateOptions = {}): Promise<FileReport> {
  const diagnostics: Diagnostic[] = [];
  let included: string[] = [];
  if (options.xinclude !== false) {
    const xi = resolveXIncludes(doc, file);
    included = xi.included;
    append(diagnostics, xi.diagnostics);
  }
  // `--schema FILE.sch` alone: the RELAX NG schema is still chosen as without it, but xml-model Schematron is not.
  let choice: SchemaChoice;
  try {
    const association: AssociationOptions = {};
    if (options.schema !== undefined) association.schema = options.schema;
    if (options.catalog !== undefined) association.catalog = options.catalog;
    choice = resolveSchema(doc, file, association);
  } catch (error) {
    // A catalog or teikit.config.json that cannot be read: this file is not checked.
    if (!(error instanceof TeikitError)) throw error;
    return { path: file, verdict: 'error', schema: null, rules: false, diagnostics: [error.diagnostic] };
  }
  const schemaUsed: SchemaUsed | null = choice.path === undefined ? null : { path: choice.path, origin: choice.origin };
  if (schemaUsed !== null && choice.via !== undefined) schemaUsed.via = choice.via;
  // The rules belong to the edition schema: they run whenever it is used, however it was chosen.
  const rules = options.rules === true || choice.origin === 'edition' || (choice.path !== undefined && resolve(choice.path) === editionSchemaPath());
  let relaxng: Diagnostic[] = [];
  if (choice.path !== undefined) {
    let schema: RelaxngSchema;
    try {
      schema = await schemaFor(choice.path, options);
    } catch (error) {
      if (!(error instanceof TeikitError)) throw error;
      const d = choice.namedBy === undefined ? error.diagnostic : schemaFailure(file, choice.path, choice.namedBy, error.diagnostic);
      return { path: file, verdict: 'error', schema: schemaUsed, rules: false, diagnostics: [...choice.notes, d] };
    }
    try {
      relaxng = validateWithSchema(schema, doc, options.maxErrors === undefined ? {} : { maxErrors: options.maxErrors });
    } catch (error) {
      // The engine must not throw on a document; if it does, the file is reported, and the batch goes on.
      return { path: file, verdict: 'error', schema: schemaUsed, rules: false, diagnostics: [...choice.notes, engineFailure(file, error)] };
    }
  }
  append(diagnostics, relaxng);
  if (rules) append(diagnostics, withoutRepeats(checkRules(doc, { file }), relaxng));
  const ran: SchematronUsed[] = [];
  const svrl: string[] = [];
  const notes: Diagnostic[] = [];
  if (options.noSchematron !== true) {
    const named = options.schematron ?? (options.schema === undefined ? choice.schematron : []);
    const origin = options.schematron !== undefined ? 'option' : 'xml-model';
    for (const s of schematronList(choice.path, named, origin)) {
      let schema: SchematronSchema | undefined;
      try {
        schema = schematronFor(s.path, s.embedded, options);
      } catch (error) {
        if (!(error instanceof TeikitError)) throw error;
        return { path: file, verdict: 'error', schema: schemaUsed, rules: false, diagnostics: [...choice.notes, error.diagnostic] };
      }
      if (schema === undefined) continue;
      const run = checkSchematron(schema, doc, file, options.svrl === true ? { svrl: true } : {});
      notes.push(...schema.notes);
      append(diagnostics, run.diagnostics.filter((d) => !schema.notes.includes(d)));
      ran.push({ path: schema.path, origin: s.origin, phase: schema.phase });
      if (run.svrl !== undefined) svrl.push(run.svrl);
    }
  }
  const all = choice.notes.concat(notes, mapDiagnostics(sortDiagnostics(diagnostics), file, included));
  const report: FileReport = { path: file, verdict: verdictOf(all), schema: schemaUsed, rules, diagnostics: all };
  if (ran.length > 0) report.schematron = ran;
  if (options.svrl === true) report.svrl = svrl;
  return report;
}

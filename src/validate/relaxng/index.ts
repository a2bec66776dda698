/**
 * teikit's RELAX NG engine, behind one module so that it stays replaceable: schemas in the XML syntax and the
 * compact syntax (syntax/compact.ts reads `.rnc` into the same tree), simplified as section 4 of the specification says, checked as
 * section 7 says, validated by derivatives (derivative.ts) with jing's recovery and messages (validator.ts), and
 * cached on disk as the compiled pattern table (cache.ts).
 */
import { resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { diagnostic, TeikitError, type Diagnostic } from '../../diagnostics.js';
import { sha256, tryReadRegularFile } from '../../io.js';
import { streamXml, type XmlDocument, type XmlElement, type XmlNode } from '../../xml/index.js';
import { defaultCacheDir, entryPath, readEntry, schemaHash, writeEntry } from './cache.js';
import { compileSchema, readFromDisk } from './compile.js';
import type { CompiledGrammar } from './grammar.js';
import { createValidator as create, type StartTag, type Validator } from './validator.js';

export type { StartTag, Validator } from './validator.js';

export interface RelaxngSchema {
  /** The schema file as given (resolved to an absolute path). */
  readonly path: string;
  /** SHA-256 over the schema and every file it includes. */
  readonly hash: string;
  /** Whether the compiled grammar came from the on-disk cache (false: compiled now). */
  readonly fromCache: boolean;
}

/** The engine's internals, kept off the public type. */
const grammars = new WeakMap<RelaxngSchema, CompiledGrammar>();

export interface LoadSchemaOptions {
  /** Directory of compiled schemas; default: `$TEIKIT_CACHE_DIR`, else `<os cache dir>/teikit`. */
  cacheDir?: string;
  /** Compile without reading or writing the cache. Default false. */
  noCache?: boolean;
}

export interface ValidateOptions {
  /** Stop after this many diagnostics. Default: unlimited. */
  maxErrors?: number;
}

/**
 * Load (compile or read from the on-disk cache, keyed by content hash of the schema and every file it includes).
 * Throws TeikitError with exitCode 2 and a diagnostic naming the schema file:line:column when unreadable, not XML,
 * or not a correct RELAX NG schema (source 'schema').
 */
export async function loadSchema(path: string, options: LoadSchemaOptions = {}): Promise<RelaxngSchema> {
  const absolute = resolve(path);
  const read = tryReadRegularFile(absolute, 'schema');
  if (!read.ok) {
    const reason = read.reason === 'no such file or directory' ? 'no such file' : read.reason;
    throw new TeikitError(diagnostic({ file: absolute, line: 1, column: 1, message: `cannot read schema: ${reason}`, ruleId: 'relaxng/schema', source: 'schema' }), 2);
  }
  const mainBytes = read.bytes;
  const useCache = options.noCache !== true;
  const cacheDir = options.cacheDir ?? defaultCacheDir();
  const entry = entryPath(cacheDir, absolute, mainBytes);
  if (useCache) {
    const hit = readEntry(entry, absolute, mainBytes);
    if (hit !== undefined) return make(absolute, hit.header.hash, hit.grammar, true);
  }
  const url = pathToFileURL(absolute);
  const result = await compileSchema(url, (u) => (u.href === url.href ? mainBytes : readFromDisk(u)));
  const files = result.resources.map((r) => ({ path: fileURLToPath(r.url), sha256: sha256(r.data) }));
  if (useCache) writeEntry(entry, files, result.grammar);
  return make(absolute, schemaHash(files), result.grammar, false);
}

function make(path: string, hash: string, grammar: CompiledGrammar, fromCache: boolean): RelaxngSchema {
  const schema: RelaxngSchema = Object.freeze({ path, hash, fromCache });
  grammars.set(schema, grammar);
  return schema;
}

function grammarOf(schema: RelaxngSchema): CompiledGrammar {
  const grammar = grammars.get(schema);
  if (grammar === undefined) throw new Error('relaxng: schema was not returned by loadSchema');
  return grammar;
}

/**
 * A streaming validator: feed it start tags, text and end tags in document order (no tree needed), then `finish()`
 * for the diagnostics. Same diagnostics as `validateWithSchema`.
 */
export function createValidator(schema: RelaxngSchema, options: { file: string; maxErrors?: number }): Validator {
  return create(grammarOf(schema), options);
}

/**
 * Validate a parsed document. Diagnostics have source 'relaxng', file = doc.file, severity 'error', ruleId
 * 'relaxng/invalid' ('relaxng/id' for ID/IDREF), positions and messages as jing reports them (element errors after the
 * start tag, content errors after the end tag), `expected` what the schema allowed there, `xpath` of the element.
 */
export function validateWithSchema(schema: RelaxngSchema, doc: XmlDocument, options: ValidateOptions = {}): Diagnostic[] {
  return validateTree(grammarOf(schema), doc, options);
}

/** Options of the streaming validation: `externalDtd` is src/xml's hook for a DOCTYPE's external subset. */
export interface StreamValidateOptions {
  file: string;
  maxErrors?: number;
  externalDtd?: (systemId: string, publicId: string | undefined) => string | undefined;
}

/**
 * Parse and validate in one pass, without building a tree (memory follows the document's depth, not its size).
 * A document that is not well-formed gives its well-formedness error alone, as `tryParseXml` would.
 */
export function validateStream(schema: RelaxngSchema, input: string | Uint8Array, options: StreamValidateOptions):
  { ok: true; diagnostics: Diagnostic[] } | { ok: false; diagnostic: Diagnostic } {
  const result = validateStreamAll([schema], input, options);
  return result.ok ? { ok: true, diagnostics: result.diagnostics[0]! } : result;
}

/**
 * `validateStream` against several schemas in the same pass: one parse feeds a validator per schema; the
 * diagnostics come back per schema, in the order given.
 */
export function validateStreamAll(schemas: readonly RelaxngSchema[], input: string | Uint8Array, options: StreamValidateOptions):
  { ok: true; diagnostics: Diagnostic[][] } | { ok: false; diagnostic: Diagnostic } {
  const { externalDtd, ...validatorOptions } = options;
  const vs = schemas.map((schema) => create(grammarOf(schema), validatorOptions));
  const handlers = vs.length === 1
    ? { startElement: (tag: StartTag) => vs[0]!.startElement(tag), endElement: (tag: StartTag, end: Parameters<Validator['endElement']>[1]) => vs[0]!.endElement(tag, end), text: (value: string, position: Parameters<Validator['text']>[1]) => vs[0]!.text(value, position) }
    : {
        startElement: (tag: StartTag) => { for (const v of vs) v.startElement(tag); },
        endElement: (tag: StartTag, end: Parameters<Validator['endElement']>[1]) => { for (const v of vs) v.endElement(tag, end); },
        text: (value: string, position: Parameters<Validator['text']>[1]) => { for (const v of vs) v.text(value, position); },
      };
  const result = streamXml(input, handlers, externalDtd === undefined ? { file: options.file } : { file: options.file, externalDtd });
  if (!result.ok) return { ok: false, diagnostic: result.diagnostic };
  return { ok: true, diagnostics: vs.map((v) => v.finish()) };
}

/** Feed a tree to a validator, iteratively (200,000 nested elements are legal XML). */
export function validateTree(grammar: CompiledGrammar, doc: XmlDocument, options: ValidateOptions = {}): Diagnostic[] {
  const v = create(grammar, options.maxErrors === undefined ? { file: doc.file } : { file: doc.file, maxErrors: options.maxErrors });
  const stack: Array<{ el: XmlElement; i: number }> = [];
  const root = doc.root;
  v.startElement(root as StartTag);
  stack.push({ el: root, i: 0 });
  while (stack.length > 0) {
    const top = stack[stack.length - 1]!;
    const children: XmlNode[] = top.el.children;
    if (top.i >= children.length) {
      v.endElement(top.el as StartTag, top.el.end);
      stack.pop();
      continue;
    }
    const c = children[top.i++]!;
    if (c.type === 'element') {
      v.startElement(c as StartTag);
      stack.push({ el: c, i: 0 });
    } else if (c.type === 'text') v.text(c.value, c);
  }
  return v.finish();
}

/**
 * The RELAX NG engine of `teikit validate`, behind one module so that it stays replaceable (DESIGN.md, Validation).
 * Built on salve-annos (a RELAX NG validator in TypeScript) with teikit's own layer around it: schema checks salve
 * lacks (compile.ts), a compiled-schema cache (cache.ts), and diagnostics worded and placed like jing's
 * (validate.ts). Compact syntax (.rnc) is read by syntax/compact.ts into the same tree as XML syntax.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL, fileURLToPath } from 'node:url';
import { diagnostic, TeikitError, type Diagnostic } from '../../diagnostics.js';
import type { XmlDocument } from '../../xml/index.js';
import { sha256 } from '../../io.js';
import { defaultCacheDir, entryPath, readEntry, schemaHash, writeEntry } from './cache.js';
import { compileSchema, readFromDisk } from './compile.js';
import { readGrammar, type SalveGrammar } from './salve.js';
import { validateTree } from './validate.js';

export interface RelaxngSchema {
  /** The schema file as given (resolved to an absolute path). */
  readonly path: string;
  /** SHA-256 over the schema and every file it includes. */
  readonly hash: string;
  /** Whether the compiled grammar came from the on-disk cache (false: compiled now). */
  readonly fromCache: boolean;
}

/** The engine's internals, kept off the public type. */
const grammars = new WeakMap<RelaxngSchema, SalveGrammar>();

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
  let mainBytes: Uint8Array;
  try {
    mainBytes = readFileSync(absolute);
  } catch (e) {
    const reason = (e as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : e instanceof Error ? e.message : String(e);
    throw new TeikitError(diagnostic({ file: absolute, line: 1, column: 1, message: `cannot read schema: ${reason}`, ruleId: 'relaxng-schema', source: 'schema' }), 2);
  }
  const useCache = options.noCache !== true;
  const cacheDir = options.cacheDir ?? defaultCacheDir();
  const entry = entryPath(cacheDir, absolute, mainBytes);
  if (useCache) {
    const hit = readEntry(entry, absolute, mainBytes);
    if (hit !== undefined) {
      try {
        return make(absolute, hit.header.hash, readGrammar(hit.grammar), true);
      } catch {
        // a damaged entry: compile again below
      }
    }
  }
  const url = pathToFileURL(absolute);
  const result = await compileSchema(url, (u) => (u.href === url.href ? mainBytes : readFromDisk(u)));
  const files = result.resources.map((r) => ({ path: fileURLToPath(r.url), sha256: sha256(r.data) }));
  if (useCache) writeEntry(entry, files, result.json);
  return make(absolute, schemaHash(files), result.grammar, false);
}

function make(path: string, hash: string, grammar: SalveGrammar, fromCache: boolean): RelaxngSchema {
  const schema: RelaxngSchema = Object.freeze({ path, hash, fromCache });
  grammars.set(schema, grammar);
  return schema;
}

/**
 * Validate a parsed document. Diagnostics have source 'relaxng', file = doc.file, severity 'error', ruleId
 * 'relaxng' ('relaxng-id' for ID/IDREF), positions as jing reports them (element errors at the end of the start
 * tag, content errors at the end tag), `expected` what the schema allowed there, `xpath` of the element.
 */
export function validateWithSchema(schema: RelaxngSchema, doc: XmlDocument, options: ValidateOptions = {}): Diagnostic[] {
  const grammar = grammars.get(schema);
  if (grammar === undefined) throw new Error('validateWithSchema: schema was not returned by loadSchema');
  return validateTree(grammar, doc, options.maxErrors === undefined ? {} : { maxErrors: options.maxErrors });
}

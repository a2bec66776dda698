/**
 * ISO Schematron for `teikit validate`: read a schema (read.ts, or embedded.ts for the rules a RELAX NG schema
 * carries), compile it once to XSLT 3.0 (compile.ts) and to SEF (cache.ts, cached on disk), run it in saxon-js
 * (run.ts). A schema that cannot be used throws `TeikitError` (exit code 2) at its file:line:column.
 */
import { resolve } from 'node:path';
import type { Diagnostic } from '../../diagnostics.js';
import { tryReadRegularFile } from '../../io.js';
import { tryParseXml, type XmlDocument } from '../../xml/index.js';
import { defaultCacheDir } from '../relaxng/cache.js';
import { decodeCompact, parseCompactSchema } from '../relaxng/syntax/compact.js';
import { readSourceEntry, sefFor, writeSourceEntry } from './cache.js';
import { compileSchematron } from './compile.js';
import { embeddedSchematron } from './embedded.js';
import type { SchematronModel } from './model.js';
import { readSchematron, schemaError } from './read.js';
import { runSchematron, type SchematronRun } from './run.js';

export { severityOfRole, nodeAt, type Fired, type SchematronRun } from './run.js';
export { readSchematron } from './read.js';
export { compileSchematron } from './compile.js';
export type { SchematronModel } from './model.js';

export interface SchematronSchema {
  /** The `.sch` file, or the RELAX NG schema the rules were taken from. */
  readonly path: string;
  /** `sch` for a Schematron file, `embedded` for rules inside a RELAX NG schema. */
  readonly kind: 'sch' | 'embedded';
  /** The phase that runs (`#ALL` when the schema has none). */
  readonly phase: string;
  readonly hash: string;
  readonly fromCache: boolean;
  /** Warnings about the schema (a missing `extends` target), repeated with every file it checks. */
  readonly notes: readonly Diagnostic[];
}

export interface LoadSchematronOptions {
  /** `--phase`: a phase id, `#ALL` or `#DEFAULT` (the default: the schema's `defaultPhase`, else all patterns). */
  phase?: string;
  /** Directory of compiled schemas; default `$TEIKIT_CACHE_DIR`, else the platform's cache directory. */
  cacheDir?: string;
  /** Compile without reading or writing the cache. Default false. */
  noCache?: boolean;
}

const sefs = new WeakMap<SchematronSchema, unknown>();

function make(model: SchematronModel, kind: SchematronSchema['kind'], options: LoadSchematronOptions, phaseOption: string | undefined): SchematronSchema {
  const compiled = compileSchematron(model, phaseOption);
  const sef = sefFor(compiled, options.cacheDir ?? defaultCacheDir(), options.noCache === true);
  const schema: SchematronSchema = Object.freeze({ path: model.file, kind, phase: compiled.phase, hash: sef.hash, fromCache: sef.fromCache, notes: model.notes });
  sefs.set(schema, sef.sef);
  return schema;
}

/** Load a Schematron schema file (`.sch`). */
export function loadSchematron(path: string, options: LoadSchematronOptions = {}): SchematronSchema {
  return make(readSchematron(resolve(path)), 'sch', options, options.phase);
}

/**
 * The Schematron embedded in the RELAX NG schema at `path` (XML or compact syntax), or `undefined` when it carries none.
 * `--phase` applies to `.sch` files only: embedded rules have no phases, so they always run whole.
 */
export function loadEmbeddedSchematron(path: string, options: LoadSchematronOptions = {}, doc?: XmlDocument): SchematronSchema | undefined {
  const absolute = resolve(path);
  let tree = doc;
  if (tree === undefined) {
    const read = tryReadRegularFile(absolute, 'schema');
    if (!read.ok) throw schemaError({ file: absolute, line: 1, column: 1 }, `cannot read schema: ${read.reason}`);
    const bytes = read.bytes;
    const cacheDir = options.cacheDir ?? defaultCacheDir();
    if (options.noCache !== true) {
      const cached = readSourceEntry(cacheDir, absolute, bytes);
      if (cached !== undefined) {
        if (cached.entry.none === true) return undefined;
        const schema: SchematronSchema = Object.freeze({ path: absolute, kind: 'embedded', phase: cached.entry.phase ?? '#ALL', hash: cached.entry.hash!, fromCache: true, notes: cached.entry.notes ?? [] });
        sefs.set(schema, cached.sef);
        return schema;
      }
    }
    if (/\.rnc$/i.test(absolute)) {
      // The compact syntax reader gives the tree the XML syntax would parse to, `sch:*` annotations included.
      try {
        tree = parseCompactSchema(decodeCompact(bytes), absolute);
      } catch {
        return undefined; // the RELAX NG loader reports it
      }
    } else {
      const parsed = tryParseXml(bytes, { file: absolute });
      if (!parsed.ok) return undefined; // the RELAX NG loader reports it
      tree = parsed.document;
    }
    const model = embeddedSchematron(tree, absolute);
    const schema = model === undefined ? undefined : make(model, 'embedded', options, undefined);
    if (options.noCache !== true) {
      writeSourceEntry(cacheDir, absolute, bytes, schema === undefined ? { none: true } : { hash: schema.hash, phase: schema.phase, notes: [...schema.notes] });
    }
    return schema;
  }
  const model = embeddedSchematron(tree, absolute);
  return model === undefined ? undefined : make(model, 'embedded', options, undefined);
}

/** Check `doc` (read from `file`) against a loaded schema; run-time errors become a diagnostic on the document. */
export function checkSchematron(schema: SchematronSchema, doc: XmlDocument, file: string, options: { svrl?: boolean } = {}): SchematronRun {
  const run = runSchematron(sefs.get(schema), doc, file, schema.path, options);
  return { ...run, diagnostics: [...schema.notes, ...run.diagnostics] };
}

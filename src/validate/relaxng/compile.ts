/**
 * Compile a RELAX NG schema: read it (syntax/xml.ts: the XML syntax, and `.rnc` files through syntax/compact.ts), simplify it into interned patterns (simplify/build.ts), check the restrictions of section 7
 * (restrictions.ts), and make the grammar validation runs on (grammar.ts). Every error is a TeikitError (exit code
 * 2, source 'schema') naming the schema file, line and column.
 *
 * Resources come from a reader, so that the test suite can compile schemas held in memory; only `file:` URLs are
 * read from disk, never the network.
 */
import { fileURLToPath } from 'node:url';
import { CompiledGrammar } from './grammar.js';
import { checkRestrictions } from './restrictions.js';
import { buildGrammar } from './simplify/build.js';
import { decodeCompact, parseCompactSchema } from './syntax/compact.js';
import { SchemaReader, type CompactParser, type ResourceReader, type SchemaResource } from './syntax/xml.js';
import { tryReadRegularFile } from '../../io.js';

export type { ResourceReader, SchemaResource } from './syntax/xml.js';

export interface CompileResult {
  grammar: CompiledGrammar;
  /** Every file read, the schema first. */
  resources: SchemaResource[];
}

/** Read `file:` URLs from disk; anything else (http, ftp, ...) is refused: a schema must not reach the network. */
export function readFromDisk(url: URL): Uint8Array {
  if (url.protocol !== 'file:') throw new Error(`only local files can be loaded, not ${url.href}`);
  // Regular files only, of bounded size: an include may name a FIFO or /dev/zero.
  const read = tryReadRegularFile(fileURLToPath(url), 'schema');
  if (!read.ok) throw new Error(read.reason === 'no such file or directory' ? 'no such file' : read.reason);
  return read.bytes;
}

function readCompact(data: string | Uint8Array, file: string): ReturnType<CompactParser> {
  return parseCompactSchema(decodeCompact(data), file);
}

/** Compile the schema at `url`. Throws TeikitError (exit code 2, source 'schema') naming file:line:column. */
export async function compileSchema(url: URL, read: ResourceReader = readFromDisk, compact: CompactParser = readCompact): Promise<CompileResult> {
  const reader = new SchemaReader(read, compact);
  const { root, resources } = reader.readMain(url);
  const { builder, start, places } = buildGrammar(root);
  checkRestrictions(start, places, root);
  return { grammar: new CompiledGrammar(builder, start), resources };
}

/**
 * `teikit query` without an index: expand the paths, read every file from our parser's event stream, extract and
 * filter.
 * A malformed file is reported (file:line:column) and skipped; the others are still answered.
 */
import { resolve } from 'node:path';
import { diagnostic, type Diagnostic } from '../diagnostics.js';
import { sha256, tryReadRegularFile } from '../io.js';
import type { FileExtract } from './extract.js';
import { extractStream } from './stream.js';
import { RegisterCache } from './registers.js';
import { queryFilesOf } from './paths.js';
import { compileQuery, matches, Reporter, toMention } from './rows.js';
import type { Mention, Query, QueryResult } from './types.js';

export interface ScanOptions {
  /** Paths in output are relative to this directory. Default `process.cwd()`. */
  cwd?: string;
  /** Threads that parse files. Default: one per 64 MB of XML, up to one per core (at most 8). */
  jobs?: number;
  /** Register files or directories (`--register`) that pointers also resolve against. Default none. */
  registers?: readonly string[];
}

/**
 * The bytes of an input file, or an error diagnostic when it cannot be read: not a regular file (a symlink in an
 * untrusted corpus may point to /dev/zero or a FIFO, which would never end), unreadable, or too large. One such
 * file is reported and skipped; the others are still answered.
 */
export function readInput(file: string): Uint8Array | Diagnostic {
  const read = tryReadRegularFile(file, 'document');
  if (read.ok) return read.bytes;
  const message = read.reason.startsWith('it is ') ? 'not a regular file: skipped' : `cannot read file: ${read.reason}: skipped`;
  return diagnostic({ file, line: 1, column: 1, message, ruleId: 'query/input', source: 'query' });
}

/** What the index stores of a file's bytes: their SHA-256 (`not-a-regular-file` when unreadable) and size. */
export interface Fingerprint {
  hash: string;
  bytes: number;
}

export function fingerprintOf(input: Uint8Array | Diagnostic): Fingerprint {
  return input instanceof Uint8Array ? { hash: sha256(input), bytes: input.length } : { hash: 'not-a-regular-file', bytes: 0 };
}

/** A file's extract, and when asked for the fingerprint of the bytes it was read from (a new index's files). */
export interface Extracted {
  result: FileExtract | Diagnostic;
  input?: Fingerprint;
}

/** Read and extract one file, the file read once. */
export function extractRead(file: string, cache: RegisterCache, fingerprint: boolean): Extracted {
  const input = readInput(file);
  const result = extractFile(file, cache, input);
  return fingerprint ? { result, input: fingerprintOf(input) } : { result };
}

/** Read one file from the event stream (no tree); a malformed file gives its diagnostic instead. */
export function extractFile(file: string, cache: RegisterCache, input: Uint8Array | Diagnostic = readInput(file)): FileExtract | Diagnostic {
  if (!(input instanceof Uint8Array)) return input;
  return extractStream(input, file, cache);
}

export function isDiagnostic(value: FileExtract | Diagnostic): value is Diagnostic {
  return 'ruleId' in value;
}

/**
 * Query files and directories by parsing them (no index). Files are parsed on `jobs` threads (default: one per
 * 64 MB of XML, up to one per core); rows and diagnostics come in file order whatever the number of threads.
 */
export async function queryFiles(paths: readonly string[], query: Query, options: ScanOptions = {}): Promise<QueryResult> {
  const cwd = options.cwd ?? process.cwd();
  const filter = compileQuery(query);
  const files = queryFilesOf(paths, cwd);
  const { extractEach } = await import('./parallel.js');
  const registers = (options.registers ?? []).map((r) => resolve(cwd, r));
  const reporter = new Reporter(cwd);
  // This thread's register files (each worker reads its own copy): their diagnostics once.
  const cache = new RegisterCache(registers);
  for (const d of cache.diagnostics) reporter.error(d);
  const mentions: Mention[] = [];
  // Each file's rows are filtered as it comes: only the rows asked for are kept.
  await extractEach(files, ({ result }) => {
    if (isDiagnostic(result)) {
      reporter.error(result);
      return;
    }
    for (const w of result.warnings) if (w.kind === filter.kind && (filter.header || !w.inHeader)) reporter.warn(w);
    for (const m of result.mentions) if (matches(m, filter)) mentions.push(toMention(m, result, cwd));
  }, { ...(options.jobs === undefined ? {} : { jobs: options.jobs }), registers, cache });
  return { mentions, diagnostics: reporter.diagnostics, files: files.length };
}

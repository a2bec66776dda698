/**
 * The SQLite index (`teikit index PATH... --db FILE`, `teikit query ... --db FILE`), with better-sqlite3: its
 * tables, and opening and checking an index file. Building it is ./build.ts, answering queries ./index-query.ts.
 *
 * - Every file is stored with the SHA-256 of its bytes and of each register file its pointers named; re-indexing
 *   skips a file when both are unchanged, re-reads it otherwise, and drops files that no longer exist.
 * - Mentions are stored as extracted (absolute paths), with the register entry they resolve to, so that a query
 *   returns exactly the rows a scan returns. Name search is indexed: a table of normalised names per register
 *   entry and a normalised surface form per mention; `--ref` keys and date ranges are indexed too.
 * - One transaction per run: a failed or interrupted run leaves the previous index intact, and a new index is
 *   built under a temporary name and renamed into place. Rollback journal (not WAL): one writer, no -wal/-shm files
 *   to carry around.
 */
import { existsSync, statSync } from 'node:fs';
import Database from 'better-sqlite3';
import { diagnostic, TeikitError, type Diagnostic } from '../diagnostics.js';
import { describe, fileType } from '../io.js';
import { MENTION_SQL_COLUMNS } from './mention-row.js';
import type { Mention } from './types.js';

export const INDEX_SCHEMA = 'teikit-query-index';
export const INDEX_VERSION = 2;

/** The tables (a new index is filled before its indexes are made: one sort each instead of a B-tree kept up per row). */
export const TABLES_SQL = `
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE files (id INTEGER PRIMARY KEY, path TEXT NOT NULL UNIQUE, hash TEXT NOT NULL, bytes INTEGER NOT NULL,
  title TEXT, date TEXT, error TEXT);
CREATE TABLE deps (file_id INTEGER NOT NULL REFERENCES files(id) ON DELETE CASCADE, path TEXT NOT NULL, hash TEXT);
CREATE TABLE entries (id INTEGER PRIMARY KEY, file TEXT NOT NULL, entry_id TEXT NOT NULL, kind TEXT NOT NULL,
  preferred TEXT, names TEXT NOT NULL, UNIQUE (file, entry_id));
CREATE TABLE names (entry INTEGER NOT NULL REFERENCES entries(id) ON DELETE CASCADE, norm TEXT NOT NULL);
CREATE TABLE mentions (id INTEGER PRIMARY KEY, file_id INTEGER NOT NULL REFERENCES files(id) ON DELETE CASCADE,
  seq INTEGER NOT NULL, ${MENTION_SQL_COLUMNS.join(', ')},
  surface_norm TEXT NOT NULL, entry INTEGER REFERENCES entries(id), range_lo INTEGER, range_hi INTEGER);
CREATE TABLE refs (mention INTEGER NOT NULL REFERENCES mentions(id) ON DELETE CASCADE, ref TEXT NOT NULL);
CREATE TABLE warnings (file_id INTEGER NOT NULL REFERENCES files(id) ON DELETE CASCADE, seq INTEGER NOT NULL,
  kind TEXT NOT NULL, in_header INTEGER NOT NULL, target TEXT NOT NULL, diagnostic TEXT NOT NULL);
CREATE TABLE key_set (norm TEXT PRIMARY KEY) WITHOUT ROWID;
CREATE VIRTUAL TABLE keys_fts USING fts5(norm, tokenize = 'trigram');
`;

/** The indexes of the tables: what the queries and the updates look rows up by. */
export const INDEXES_SQL = `
CREATE INDEX deps_file ON deps(file_id);
CREATE INDEX names_norm ON names(norm, entry);
CREATE INDEX names_entry ON names(entry);
CREATE INDEX mentions_file ON mentions(file_id, seq);
CREATE INDEX mentions_kind ON mentions(kind, file_id);
CREATE INDEX mentions_surface ON mentions(surface_norm);
CREATE INDEX mentions_entry ON mentions(entry);
CREATE INDEX mentions_range ON mentions(kind, range_lo, range_hi);
CREATE INDEX refs_ref ON refs(ref);
CREATE INDEX refs_mention ON refs(mention);
CREATE INDEX warnings_file ON warnings(file_id);
CREATE INDEX warnings_kind ON warnings(kind);
`;

export const SCHEMA_SQL = TABLES_SQL + INDEXES_SQL;

export function indexError(file: string, message: string): TeikitError {
  return new TeikitError(diagnostic({ file, line: 1, column: 1, message, ruleId: 'query/index', source: 'query' }), 2);
}

/**
 * An index path must be a regular file or not exist yet: SQLite would block forever opening a FIFO and would
 * write into a device.
 */
export function checkIndexPath(file: string): void {
  let stat;
  try {
    stat = statSync(file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return;
    throw indexError(file, `cannot open the index: ${describe(error)}`);
  }
  if (stat.isDirectory()) throw indexError(file, 'the index is a directory, not a file');
  if (!stat.isFile()) throw indexError(file, `the index is ${fileType(stat)}, not a regular file`);
}

/** Open an existing index and check that it is one of ours, in this version. Errors are exit code 2. */
export function openIndex(file: string, readonly: boolean): Database.Database {
  checkIndexPath(file);
  if (!existsSync(file)) throw indexError(file, 'index not found: build it with "teikit index PATH... --db FILE"');
  let db: Database.Database;
  try {
    db = new Database(file, { readonly, fileMustExist: true });
  } catch (error) {
    throw indexError(file, `cannot open the index: ${error instanceof Error ? error.message : String(error)}`);
  }
  let meta: Map<string, string>;
  try {
    const rows = db.prepare('SELECT key, value FROM meta').all() as Array<{ key: string; value: string }>;
    meta = new Map(rows.map((r) => [r.key, r.value]));
  } catch (error) {
    db.close();
    const message = error instanceof Error ? error.message : String(error);
    if (/not a database|malformed|file is encrypted/i.test(message)) throw indexError(file, 'not a teikit index: the file is not an SQLite database (or is corrupt)');
    throw indexError(file, 'not a teikit index: an SQLite database without the teikit index tables');
  }
  if (meta.get('schema') !== INDEX_SCHEMA) {
    db.close();
    throw indexError(file, 'not a teikit index: an SQLite database without the teikit index tables');
  }
  if (meta.get('version') !== String(INDEX_VERSION)) {
    db.close();
    throw indexError(file, `teikit index version ${meta.get('version') ?? '?'}, this teikit reads version ${INDEX_VERSION}: rebuild it with "teikit index"`);
  }
  return db;
}

export interface WarningRow {
  target: string;
  kind: string;
  in_header: number;
  diagnostic: string;
}

export function warningOf(w: WarningRow): { kind: Mention['kind']; target: string; inHeader: boolean; diagnostic: Diagnostic } {
  return { kind: w.kind as Mention['kind'], target: w.target, inHeader: w.in_header === 1, diagnostic: JSON.parse(w.diagnostic) as Diagnostic };
}


/** The schema version of a teikit index at `file`, or null when the file is not (readably) a teikit index. */
export function indexVersion(file: string): string | null {
  let db: Database.Database | undefined;
  try {
    db = new Database(file, { readonly: true, fileMustExist: true });
    const rows = db.prepare('SELECT key, value FROM meta').all() as Array<{ key: string; value: string }>;
    const meta = new Map(rows.map((r) => [r.key, r.value]));
    return meta.get('schema') === INDEX_SCHEMA ? (meta.get('version') ?? null) : null;
  } catch {
    return null;
  } finally {
    db?.close();
  }
}

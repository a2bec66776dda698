/**
 * Answering a query from the SQLite index (`teikit query ... --db FILE`): the same rows, in the same order, as a scan
 * of the indexed files. The index itself (its tables, opening and checking it) is ./db.ts; building it, ./build.ts.
 */
import { resolve, sep } from 'node:path';
import Database from 'better-sqlite3';
import { type Diagnostic } from '../diagnostics.js';
import { indexError, openIndex, warningOf, type WarningRow } from './db.js';
import type { ExtractedMention } from './extract.js';
import type { NameMatcher } from './match.js';
import { comparePaths } from './paths.js';
import { compileQuery, Reporter, toMention } from './rows.js';
import type { Mention, Query, QueryResult, RegisterEntry } from './types.js';

interface MentionRow {
  path: string;
  title: string | null;
  date: string | null;
  seq: number;
  line: number;
  col: number;
  kind: Mention['kind'];
  element: string;
  type: string | null;
  surface: string;
  pointer: string | null;
  pointer_attr: Mention['pointerAttribute'];
  left_ctx: string;
  right_ctx: string;
  in_header: number;
  d_when: string | null;
  d_from: string | null;
  d_to: string | null;
  d_not_before: string | null;
  d_not_after: string | null;
  e_file: string | null;
  e_id: string | null;
  e_kind: RegisterEntry['kind'] | null;
  e_preferred: string | null;
  e_names: string | null;
}

type RawMentionRow = [
  string, string | null, string | null, number, number, number, Mention['kind'], string, string | null, string, string | null,
  Mention['pointerAttribute'], string, string, number, string | null, string | null, string | null, string | null, string | null,
  string | null, string | null, RegisterEntry['kind'] | null, string | null, string | null,
];

/** A raw row (the SELECT of queryIndex, in its column order) as an object. */
function mentionRow(r: RawMentionRow): MentionRow {
  return {
    path: r[0], title: r[1], date: r[2], seq: r[3], line: r[4], col: r[5], kind: r[6], element: r[7], type: r[8], surface: r[9],
    pointer: r[10], pointer_attr: r[11], left_ctx: r[12], right_ctx: r[13], in_header: r[14], d_when: r[15], d_from: r[16],
    d_to: r[17], d_not_before: r[18], d_not_after: r[19], e_file: r[20], e_id: r[21], e_kind: r[22], e_preferred: r[23],
    e_names: r[24],
  };
}

export interface IndexQueryOptions {
  /** Only files at or below these paths (files or directories; they need not exist any more). */
  paths?: readonly string[];
  cwd?: string;
  /**
   * Also return the unresolved-pointer warnings stored with the files. Default false: `teikit index` printed them
   * when it read the files, and a query does not repeat them.
   */
  warnings?: boolean;
}

/** Answer a query from the index: the same rows, in the same order, as `queryFiles` on the indexed files. */
export function queryIndex(dbFile: string, query: Query, options: IndexQueryOptions = {}): QueryResult {
  const cwd = options.cwd ?? process.cwd();
  const target = resolve(cwd, dbFile);
  const filter = compileQuery(query);
  const db = openIndex(target, true);
  try {
    // Selective filters (a name, a ref) drive the query: their matching mention ids are found through their own
    // indexes first, and only those rows are read (CROSS JOIN fixes that order in SQLite's planner).
    const driving: string[] = [];
    const drivingParams: string[] = [];
    if (filter.name !== null && filter.name.mode === 'exact') {
      driving.push('SELECT m2.id FROM names n JOIN mentions m2 ON m2.entry = n.entry WHERE n.norm = ? UNION SELECT id FROM mentions WHERE surface_norm = ?');
      drivingParams.push(filter.name.name, filter.name.name);
    } else if (filter.name !== null) {
      // The distinct folded names that match, then their mentions: prefix and substring through the trigram index
      // (three code points or more), regex and fuzzy by testing each distinct name once.
      const hits = JSON.stringify(matchingKeys(db, filter.name));
      driving.push(
        'SELECT m2.id FROM names n JOIN mentions m2 ON m2.entry = n.entry WHERE n.norm IN (SELECT value FROM json_each(?)) UNION SELECT id FROM mentions WHERE surface_norm IN (SELECT value FROM json_each(?))',
      );
      drivingParams.push(hits, hits);
    }
    if (filter.ref !== null) {
      driving.push('SELECT mention AS id FROM refs WHERE ref = ?');
      drivingParams.push(filter.ref);
    }
    const where: string[] = ['m.kind = ?'];
    const params: Array<string | number> = [filter.kind];
    if (!filter.header) where.push('m.in_header = 0');
    if (filter.from !== null || filter.to !== null) {
      where.push('m.range_lo IS NOT NULL');
      if (filter.to !== null) {
        where.push('m.range_lo <= ?');
        params.push(filter.to);
      }
      if (filter.from !== null) {
        where.push('m.range_hi >= ?');
        params.push(filter.from);
      }
    }
    const from =
      driving.length === 0
        ? 'mentions m'
        : `(${driving.map((d) => `SELECT * FROM (${d})`).join(' INTERSECT ')}) AS hit CROSS JOIN mentions m ON m.id = hit.id`;
    // Rows as arrays (raw), made into objects here: better-sqlite3 builds each row object property by property,
    // which was half the time of a query returning 2,000 rows.
    const rows = (
      db
        .prepare(
          `SELECT f.path, f.title, f.date, m.seq, m.line, m.col, m.kind, m.element, m.type, m.surface, m.pointer,
             m.pointer_attr, m.left_ctx, m.right_ctx, m.in_header, m.d_when, m.d_from, m.d_to, m.d_not_before,
             m.d_not_after, e.file AS e_file, e.entry_id AS e_id, e.kind AS e_kind, e.preferred AS e_preferred,
             e.names AS e_names
           FROM ${from} JOIN files f ON f.id = m.file_id LEFT JOIN entries e ON e.id = m.entry
           WHERE ${where.join(' AND ')}`,
        )
        .raw(true)
        .all(...drivingParams, ...params) as RawMentionRow[]
    ).map(mentionRow);
    const inScope = scope(options.paths, cwd);
    const kept = rows.filter((r) => inScope(r.path));
    kept.sort((a, b) => comparePaths(a.path, b.path) || a.seq - b.seq);
    const mentions = kept.map((r) => toMention(mentionOf(r), { file: r.path, title: r.title, date: r.date }, cwd));

    // Diagnostics as a scan of the same files would give them: per file in path order, a malformed file's error,
    // else its warnings in document order, each target once.
    const reporter = new Reporter(cwd);
    const fileCount = (db.prepare('SELECT path FROM files').pluck().all() as string[]).filter(inScope).length;
    const errors = (db.prepare('SELECT path, error FROM files WHERE error IS NOT NULL').all() as Array<{ path: string; error: string }>)
      .filter((f) => inScope(f.path))
      .map((f) => ({ path: f.path, seq: -1, report: () => reporter.error(JSON.parse(f.error) as Diagnostic) }));
    const warnings = (
      db
        .prepare('SELECT f.path, w.seq, w.target, w.kind, w.in_header, w.diagnostic FROM warnings w JOIN files f ON f.id = w.file_id WHERE w.kind = ?')
        .all(filter.kind) as Array<WarningRow & { path: string; seq: number }>
    )
      .filter((w) => inScope(w.path) && (filter.header || w.in_header === 0))
      .map((w) => ({ path: w.path, seq: w.seq, report: () => reporter.warn(warningOf(w)) }));
    for (const d of [...errors, ...(options.warnings === true ? warnings : [])].sort((a, b) => comparePaths(a.path, b.path) || a.seq - b.seq)) d.report();
    return { mentions, diagnostics: reporter.diagnostics, files: fileCount };
  } catch (error) {
    // A damaged page surfaces only when it is read (a full integrity check would cost as much as the query).
    if (error instanceof Database.SqliteError && /^SQLITE_(CORRUPT|NOTADB)/.test(error.code)) {
      throw indexError(target, `the index is corrupt (${error.message}): rebuild it with "teikit index"`);
    }
    // A table or column missing (a file edited by hand, a half-copied index): the same advice.
    if (error instanceof Database.SqliteError) throw indexError(target, `the index is damaged (${error.message}): rebuild it with "teikit index"`);
    throw error;
  } finally {
    db.close();
  }
}

/** Distinct folded names (entry names and surface forms) the matcher accepts. */
export function matchingKeys(db: Database.Database, m: NameMatcher): string[] {
  const trigram = (m.mode === 'prefix' || m.mode === 'substring') && Array.from(m.name).length >= 3;
  const candidates = trigram
    ? (db.prepare('SELECT norm FROM keys_fts WHERE keys_fts MATCH ?').pluck().all(`"${m.name.replace(/"/g, '""')}"`) as string[])
    : (db.prepare('SELECT norm FROM key_set').pluck().all() as string[]);
  return candidates.filter((k) => m.test(k));
}

function scope(paths: readonly string[] | undefined, cwd: string): (path: string) => boolean {
  if (paths === undefined || paths.length === 0) return () => true;
  const roots = paths.map((p) => resolve(cwd, p));
  return (path) => roots.some((root) => path === root || path.startsWith(root.endsWith(sep) ? root : root + sep));
}

function mentionOf(r: MentionRow): ExtractedMention {
  const dated = r.kind === 'dates';
  return {
    line: r.line,
    column: r.col,
    kind: r.kind,
    element: r.element,
    type: r.type,
    surface: r.surface,
    pointer: r.pointer,
    pointerAttribute: r.pointer_attr,
    entry:
      r.e_id === null
        ? null
        : { id: r.e_id, kind: r.e_kind!, file: r.e_file!, preferred: r.e_preferred, names: JSON.parse(r.e_names ?? '[]') as string[] },
    left: r.left_ctx,
    right: r.right_ctx,
    inHeader: r.in_header === 1,
    dating: dated ? { when: r.d_when, from: r.d_from, to: r.d_to, notBefore: r.d_not_before, notAfter: r.d_not_after } : null,
  };
}


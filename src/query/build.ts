/**
 * Building and updating the index (`teikit index PATH... --db FILE`); the schema and the reading side are in
 * db.ts. See db.ts for what is stored and why.
 */
import { existsSync, renameSync, rmSync } from 'node:fs';
import { resolve } from 'node:path';
import Database from 'better-sqlite3';
import type { Diagnostic } from '../diagnostics.js';
import { releaseTemporary, sha256, temporaryBeside, tryReadRegularFile } from '../io.js';
import { dateRange } from './dates.js';
import { checkIndexPath, indexError, INDEXES_SQL, INDEX_SCHEMA, INDEX_VERSION, indexVersion, openIndex, TABLES_SQL, warningOf, type WarningRow } from './db.js';
import type { FileExtract } from './extract.js';
import { refKeys } from './keys.js';
import { normalizeName } from './normalize.js';
import { queryFilesOf } from './paths.js';
import { Reporter } from './rows.js';
import { extractEach } from './parallel.js';
import { fingerprintOf, isDiagnostic, readInput, type Extracted } from './scan.js';
import { RegisterCache } from './registers.js';
import type { RegisterEntry } from './types.js';

export interface IndexReport {
  files: number;
  added: number;
  updated: number;
  unchanged: number;
  removed: number;
  /** Files that are not well-formed (stored with their error, reported on every query that includes them). */
  failed: number;
  mentions: number;
  /** Bytes parsed in this run (changed files only) and in all files given. */
  parsedBytes: number;
  totalBytes: number;
  diagnostics: Diagnostic[];
}

export interface IndexOptions {
  cwd?: string;
  /** Threads that parse files. Default: one per 64 MB of XML, up to one per core (at most 8). */
  jobs?: number;
  /** Register files or directories (`--register`) that pointers also resolve against. Default none. */
  registers?: readonly string[];
}

/**
 * Build or update the index `dbFile` from the files below `paths`: hash every file, parse the new and changed
 * ones (on `jobs` threads), and write everything in one transaction, each file's rows as soon as it and the files
 * before it have been read (so that writing overlaps reading, and no more than a few extracts are held at once).
 */
export async function buildIndex(paths: readonly string[], dbFile: string, options: IndexOptions = {}): Promise<IndexReport> {
  const cwd = options.cwd ?? process.cwd();
  const target = resolve(cwd, dbFile);
  const files = queryFilesOf(paths, cwd);
  const registers = (options.registers ?? []).map((r) => resolve(cwd, r));
  const store = openStore(target);
  try {
    const registersKey = JSON.stringify(registers);
    // Another set of --register files can change what any pointer resolves to: every file is read again.
    const plan = planUpdate(store.db, files, registersOf(store.db) === registersKey, store.fresh);
    // BEGIN and COMMIT, not db.transaction(): that one cannot span the awaits of the files being read.
    store.db.exec('BEGIN');
    store.db.prepare("INSERT OR REPLACE INTO meta (key, value) VALUES ('registers', ?)").run(registersKey);
    const cache = new RegisterCache(registers);
    const writer = update(store, plan, new Reporter(cwd), cache.diagnostics);
    const changed = plan.items.filter((i) => !i.unchanged).map((i) => i.file);
    await extractEach(changed, writer.write, { ...(options.jobs === undefined ? {} : { jobs: options.jobs }), registers, cache, fingerprint: store.fresh });
    const report = writer.finish();
    store.db.exec('COMMIT');
    commitStore(store);
    return report;
  } catch (error) {
    discardStore(store);
    if (error instanceof Database.SqliteError) throw indexError(target, `cannot update the index (${error.message}): remove it and run "teikit index" again`);
    throw error;
  }
}

/** An index being written: `work` is `target` itself, or for a new index a temporary file renamed at the end. */
interface Store {
  db: Database.Database;
  target: string;
  work: string;
  fresh: boolean;
}

/**
 * Open the index to update, or create a new one: for a path that does not exist yet, or a teikit index of
 * another version (rebuilt from scratch, then renamed over the old one).
 */
function openStore(target: string): Store {
  checkIndexPath(target);
  const version = existsSync(target) ? indexVersion(target) : null;
  const fresh = !existsSync(target) || (version !== null && version !== String(INDEX_VERSION));
  if (!fresh) {
    const db = openIndex(target, false);
    db.pragma('foreign_keys = ON');
    db.pragma('synchronous = NORMAL');
    return { db, target, work: target, fresh };
  }
  const work = temporaryBeside(target);
  let db: Database.Database;
  try {
    rmSync(work, { force: true });
    db = new Database(work);
  } catch (error) {
    releaseTemporary(work);
    throw indexError(target, `cannot create the index: ${error instanceof Error ? error.message : String(error)}`);
  }
  // A new index is a temporary file until it is renamed into place: if the run fails it is removed, so it needs
  // neither a rollback journal on disk nor syncing (sqlite.org/pragma.html#pragma_journal_mode, #pragma_synchronous).
  db.pragma('journal_mode = MEMORY');
  db.pragma('synchronous = OFF');
  db.pragma('foreign_keys = ON');
  db.exec(TABLES_SQL);
  db.prepare('INSERT INTO meta (key, value) VALUES (?, ?), (?, ?)').run('schema', INDEX_SCHEMA, 'version', String(INDEX_VERSION));
  return { db, target, work, fresh };
}

/** The `--register` files the index was built with (JSON), `[]` when none. */
function registersOf(db: Database.Database): string {
  return (db.prepare("SELECT value FROM meta WHERE key = 'registers'").pluck().get() as string | undefined) ?? '[]';
}

/** Close the index; a new one is renamed into place. */
function commitStore(store: Store): void {
  store.db.close();
  if (store.fresh) {
    renameSync(store.work, store.target);
    releaseTemporary(store.work);
  }
}

/** After a failure: roll the transaction back, close the index and remove a new one. */
function discardStore(store: Store): void {
  if (store.db.open) {
    if (store.db.inTransaction) store.db.exec('ROLLBACK');
    store.db.close();
  }
  if (store.fresh) {
    for (const suffix of ['', '-journal', '-wal', '-shm']) rmSync(store.work + suffix, { force: true });
    releaseTemporary(store.work);
  }
}

interface PlanItem {
  file: string;
  hash: string;
  bytes: number;
  existing: { id: number; hash: string; error: string | null } | undefined;
  /** Same content and same register files as last time: not parsed again. */
  unchanged: boolean;
}

interface Plan {
  items: PlanItem[];
  depHash: (path: string) => string | null;
}

/**
 * Hash every file (and the register files it depended on) and decide which ones must be parsed again. A new index
 * parses every file: its hashes come with the extracts (`fingerprint`), so that each file is read once.
 */
function planUpdate(db: Database.Database, files: string[], sameRegisters: boolean, fresh: boolean): Plan {
  const depHashes = new Map<string, string | null>();
  const depHash = (path: string): string | null => {
    let h = depHashes.get(path);
    if (h === undefined) {
      // Pointers come from untrusted files: hash regular files only (never read /dev/zero or a FIFO).
      const read = tryReadRegularFile(path, 'document');
      h = read.ok ? sha256(read.bytes) : read.reason === 'no such file or directory' ? null : 'not-a-regular-file';
      depHashes.set(path, h);
    }
    return h;
  };
  const fileByPath = db.prepare('SELECT id, hash, error FROM files WHERE path = ?');
  const depsOf = db.prepare('SELECT path, hash FROM deps WHERE file_id = ?');
  const items = files.map((file): PlanItem => {
    if (fresh) return { file, hash: '', bytes: 0, existing: undefined, unchanged: false };
    const { hash, bytes } = fingerprintOf(readInput(file));
    const existing = fileByPath.get(file) as PlanItem['existing'];
    const unchanged =
      sameRegisters &&
      existing !== undefined &&
      existing.hash === hash &&
      (depsOf.all(existing.id) as Array<{ path: string; hash: string | null }>).every((d) => depHash(d.path) === d.hash);
    return { file, hash, bytes, existing, unchanged };
  });
  return { items, depHash };
}

/** The writing of a plan, one extract after another in the order of the files parsed, then the end of the run. */
interface Update {
  /** The extract of the next file parsed (the unchanged files before it are replayed first). */
  write: (extracted: Extracted) => void;
  /** Every extract is written: replay the unchanged files left, make the indexes; the run's report. */
  finish: () => IndexReport;
}

/** Write the plan: drop deleted files, replay the diagnostics of unchanged ones, store the new extracts. */
function update(store: Store, plan: Plan, reporter: Reporter, registerDiagnostics: Diagnostic[]): Update {
  const report: IndexReport = { files: plan.items.length, added: 0, updated: 0, unchanged: 0, removed: 0, failed: 0, mentions: 0, parsedBytes: 0, totalBytes: 0, diagnostics: [] };
  for (const d of registerDiagnostics) reporter.error(d);
  const q = statements(store.db);
  const entryRow = entryWriter(q);
  if (!store.fresh) report.removed = removeMissing(q);
  let next = 0;
  /** The unchanged files before the next one parsed (or all that are left): reported as last time. */
  const replay = (): void => {
    for (let item = plan.items[next]; item?.unchanged === true && item.existing !== undefined; item = plan.items[++next]) {
      report.totalBytes += item.bytes;
      report.unchanged++;
      if (replayUnchanged(q, item.existing, reporter)) report.failed++;
    }
  };
  const write = ({ result, input }: Extracted): void => {
    replay();
    const item = plan.items[next++]!;
    if (input !== undefined) {
      item.hash = input.hash;
      item.bytes = input.bytes;
    }
    report.totalBytes += item.bytes;
    report.parsedBytes += item.bytes;
    const fileId = writeFile(q, item, result);
    if (item.existing === undefined) report.added++;
    else report.updated++;
    if (isDiagnostic(result)) {
      report.failed++;
      reporter.error(result);
      return;
    }
    storeExtract(q, entryRow, fileId, result, plan.depHash, reporter);
    report.mentions += result.mentions.length;
  };
  const finish = (): IndexReport => {
    replay();
    finishIndex(store, q);
    report.diagnostics = reporter.diagnostics;
    return report;
  };
  return { write, finish };
}

/** Drop the files that are gone from disk; returns how many. */
function removeMissing(q: Statements): number {
  let removed = 0;
  for (const row of q.allFiles.all() as Array<{ id: number; path: string }>) {
    if (!existsSync(row.path)) {
      q.deleteFile.run(row.id);
      removed++;
    }
  }
  return removed;
}

/** Report again what an unchanged file gave last time (its error or its warnings); true if it is not well-formed. */
function replayUnchanged(q: Statements, existing: NonNullable<PlanItem['existing']>, reporter: Reporter): boolean {
  if (existing.error !== null) reporter.error(JSON.parse(existing.error) as Diagnostic);
  for (const w of q.warningsOf.all(existing.id) as WarningRow[]) reporter.warn(warningOf(w));
  return existing.error !== null;
}

/** The file's row, new or updated (what it held before removed); returns its id. */
function writeFile(q: Statements, item: PlanItem, result: FileExtract | Diagnostic): number {
  const extract = isDiagnostic(result) ? null : result;
  const errorJson = extract === null ? JSON.stringify(result) : null;
  const { file, hash, bytes, existing } = item;
  if (existing === undefined) return Number(q.insertFile.run(file, hash, bytes, extract?.title ?? null, extract?.date ?? null, errorJson).lastInsertRowid);
  q.deleteMentions.run(existing.id);
  q.deleteDeps.run(existing.id);
  q.deleteWarnings.run(existing.id);
  q.updateFile.run(hash, bytes, extract?.title ?? null, extract?.date ?? null, errorJson, existing.id);
  return existing.id;
}

/** Entries no mention points to any more are dropped; a new index gets its indexes now, after its rows. */
function finishIndex(store: Store, q: Statements): void {
  if (store.fresh) store.db.exec(INDEXES_SQL);
  else q.orphanEntries.run();
  // Statistics for the query planner (sqlite.org/lang_analyze.html), on what changed only.
  store.db.pragma('optimize');
}

/** The statements the update runs, prepared once. */
function statements(db: Database.Database) {
  return {
    allFiles: db.prepare('SELECT id, path FROM files'),
    warningsOf: db.prepare('SELECT target, kind, in_header, diagnostic FROM warnings WHERE file_id = ? ORDER BY seq'),
    deleteFile: db.prepare('DELETE FROM files WHERE id = ?'),
    deleteMentions: db.prepare('DELETE FROM mentions WHERE file_id = ?'),
    deleteDeps: db.prepare('DELETE FROM deps WHERE file_id = ?'),
    deleteWarnings: db.prepare('DELETE FROM warnings WHERE file_id = ?'),
    insertFile: db.prepare('INSERT INTO files (path, hash, bytes, title, date, error) VALUES (?, ?, ?, ?, ?, ?)'),
    updateFile: db.prepare('UPDATE files SET hash = ?, bytes = ?, title = ?, date = ?, error = ? WHERE id = ?'),
    insertDep: db.prepare('INSERT INTO deps (file_id, path, hash) VALUES (?, ?, ?)'),
    findEntry: db.prepare('SELECT id, kind, preferred, names FROM entries WHERE file = ? AND entry_id = ?'),
    insertEntry: db.prepare('INSERT INTO entries (file, entry_id, kind, preferred, names) VALUES (?, ?, ?, ?, ?)'),
    updateEntry: db.prepare('UPDATE entries SET kind = ?, preferred = ?, names = ? WHERE id = ?'),
    deleteNames: db.prepare('DELETE FROM names WHERE entry = ?'),
    insertName: db.prepare('INSERT INTO names (entry, norm) VALUES (?, ?)'),
    insertMention: db.prepare(`INSERT INTO mentions (file_id, seq, line, col, kind, element, type, surface, surface_norm,
      pointer, pointer_attr, entry, left_ctx, right_ctx, in_header, d_when, d_from, d_to, d_not_before, d_not_after,
      range_lo, range_hi) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`),
    insertRef: db.prepare('INSERT INTO refs (mention, ref) VALUES (?, ?)'),
    insertWarning: db.prepare('INSERT INTO warnings (file_id, seq, kind, in_header, target, diagnostic) VALUES (?, ?, ?, ?, ?, ?)'),
    orphanEntries: db.prepare('DELETE FROM entries WHERE id NOT IN (SELECT entry FROM mentions WHERE entry IS NOT NULL)'),
    insertKey: db.prepare('INSERT OR IGNORE INTO key_set (norm) VALUES (?)'),
    insertKeyText: db.prepare('INSERT INTO keys_fts (norm) VALUES (?)'),
  };
}

type Statements = ReturnType<typeof statements>;

/** Every distinct folded name once in the trigram index (for --match prefix|substring on the index). */
function addKey(q: Statements, norm: string): void {
  if (norm !== '' && q.insertKey.run(norm).changes === 1) q.insertKeyText.run(norm);
}

/**
 * The row id of a register entry, written (with its folded names, also in the trigram index of names) the first
 * time this run meets it, even when many files point to it.
 */
function entryWriter(q: Statements): (e: RegisterEntry) => number {
  // Entries seen in this run, by file and id: written once per run even when many files point to them.
  const entryIds = new Map<string, number>();
  const entryRow = (e: RegisterEntry): number => {
    const key = `${e.file}#${e.id}`;
    const known = entryIds.get(key);
    if (known !== undefined) return known;
    const names = JSON.stringify(e.names);
    const row = q.findEntry.get(e.file, e.id) as { id: number; kind: string; preferred: string | null; names: string } | undefined;
    let id: number;
    if (row === undefined) {
      id = Number(q.insertEntry.run(e.file, e.id, e.kind, e.preferred, names).lastInsertRowid);
    } else {
      id = row.id;
      if (row.kind !== e.kind || row.preferred !== e.preferred || row.names !== names) q.updateEntry.run(e.kind, e.preferred, names, id);
      q.deleteNames.run(id);
    }
    const norms = new Set(e.names.map(normalizeName));
    norms.delete('');
    for (const n of norms) {
      q.insertName.run(id, n);
      addKey(q, n);
    }
    entryIds.set(key, id);
    return id;
  };

  return entryRow;
}

/** Store one file's extract: its register dependencies, its warnings (reported too) and its mentions. */
function storeExtract(q: Statements, entryRow: (e: RegisterEntry) => number, fileId: number, extract: FileExtract, depHash: (path: string) => string | null, reporter: Reporter): void {
  for (const dep of extract.dependencies) q.insertDep.run(fileId, dep, depHash(dep));
  extract.warnings.forEach((w, seq) => {
    q.insertWarning.run(fileId, seq, w.kind, w.inHeader ? 1 : 0, w.target, JSON.stringify(w.diagnostic));
    reporter.warn(w);
  });
  extract.mentions.forEach((m, seq) => {
    const range = m.dating === null ? null : dateRange(m.dating);
    const norm = normalizeName(m.surface);
    const info = q.insertMention.run(
      fileId, seq, m.line, m.column, m.kind, m.element, m.type, m.surface, norm, m.pointer,
      m.pointerAttribute, m.entry === null ? null : entryRow(m.entry), m.left, m.right, m.inHeader ? 1 : 0,
      m.dating?.when ?? null, m.dating?.from ?? null, m.dating?.to ?? null, m.dating?.notBefore ?? null,
      m.dating?.notAfter ?? null, range?.[0] ?? null, range?.[1] ?? null,
    );
    const mentionId = Number(info.lastInsertRowid);
    addKey(q, norm);
    for (const ref of refKeys(m)) q.insertRef.run(mentionId, ref);
  });
}

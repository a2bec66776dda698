import { copyFileSync, cpSync, existsSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { buildIndex, INDEX_VERSION, queryFiles, queryIndex, type Query } from '../src/query/index.js';
import { corpusDir, hasCorpus, projectRoot, runCli } from './helpers.js';

const tmp = mkdtempSync(join(tmpdir(), 'teikit-index-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

const fixtures = `${projectRoot}test/fixtures/query/`;
const realCable = `${projectRoot}editions/wilson-118181/wilson-118181.xml`;

/** Queries whose answers must be the same from a scan and from the index. */
const QUERIES: Query[] = [
  { kind: 'places' },
  { kind: 'places', header: true },
  { kind: 'persons' },
  { kind: 'persons', header: true },
  { kind: 'orgs' },
  { kind: 'dates' },
  { kind: 'dates', from: '1830', to: '1899-06' },
  { kind: 'places', name: 'Ili' },
  { kind: 'places', name: 'qoqek' },
  { kind: 'places', name: 'Buenos Aires' },
  { kind: 'places', name: 'bischofszell', header: true },
  { kind: 'places', name: 'washington' },
  { kind: 'persons', name: 'Joseph von Lassberg' },
  { kind: 'places', ref: '#yili' },
  { kind: 'places', ref: 'lassberg-place-0043' },
];

describe('teikit index and query --db', () => {
  it('answers with the same rows and diagnostics as a scan (fixtures, the real cable when present, the corpus)', async () => {
    const paths = [fixtures, ...(existsSync(realCable) ? [realCable] : []), ...(hasCorpus ? [corpusDir] : [])];
    if (!hasCorpus) console.warn('*** ../shared/corpus is absent: the index equality test runs on fixtures only ***');
    const db = join(tmp, 'all.db');
    const report = await buildIndex(paths, db);
    expect(report.added).toBe(report.files);
    for (const query of QUERIES) {
      const scan = await queryFiles(paths, query);
      const index = queryIndex(db, query);
      expect(index.mentions, JSON.stringify(query)).toEqual(scan.mentions);
      // Unresolved-pointer warnings were printed by the index build; a query of the index repeats only errors.
      expect(index.diagnostics, JSON.stringify(query)).toEqual(scan.diagnostics.filter((d) => d.severity === 'error'));
      expect(queryIndex(db, query, { warnings: true }).diagnostics, JSON.stringify(query)).toEqual(scan.diagnostics);
    }
    // PATHs with --db filter the indexed files.
    const only = queryIndex(db, { kind: 'places' }, { paths: [`${fixtures}letters`] });
    expect(only.mentions).toEqual((await queryFiles([`${fixtures}letters`], { kind: 'places' })).mentions);
    // Ili: 5 mentions in the fixtures, 4 more in the cable (none in the corpus).
    expect(queryIndex(db, { kind: 'places', name: 'Ili' }).mentions).toHaveLength(existsSync(realCable) ? 9 : 5);
  });

  it.skipIf(!hasCorpus)('from the command line, an index built on several threads answers as a scan does', async () => {
    const db = join(tmp, 'cli.db');
    const built = runCli(['index', corpusDir, '--db', db, '--jobs', '2']);
    expect(built.status).toBe(1); // kennan.xml is not namespace-well-formed
    expect(built.stdout).toMatch(/^indexed 29 files into .*cli\.db: 29 added, 0 updated, 0 unchanged, 0 removed, 1 not well-formed; 4039 mentions stored; /);
    for (const args of [['places', '--format', 'json'], ['dates', '--from', '1894', '--to', '1894', '--format', 'csv'], ['persons', '--name', 'Laßberg', '--kwic']]) {
      const [fromDb, fromScan] = [runCli(['query', ...args, '--db', db]), runCli(['query', ...args, corpusDir])];
      expect([fromDb.status, fromDb.stdout], args.join(' ')).toEqual([fromScan.status, fromScan.stdout]);
      expect(fromDb.stderr.split('\n').filter((l) => l.includes(' warning ')), args.join(' ')).toEqual([]);
    }
  });

  it('re-indexing skips unchanged files, updates changed ones (and files whose register changed), drops deleted ones', async () => {
    const dir = join(tmp, 'corpus');
    cpSync(`${fixtures}letters`, dir, { recursive: true });
    copyFileSync(`${fixtures}cable/cable.xml`, join(dir, 'cable.xml'));
    const db = join(tmp, 'update.db');
    const first = runCli(['index', dir, '--db', db]);
    expect(first.status).toBe(1); // broken.xml
    expect(first.stderr).toMatch(/broken\.xml:3:45: error unexpected close tag \[xml\/wellformed\]/);
    expect(first.stdout).toMatch(/^indexed 6 files into .*update\.db: 6 added, 0 updated, 0 unchanged, 0 removed, 1 not well-formed; \d+ mentions stored; 0\.0 MB parsed in [\d.]+ s\n$/);

    rmSync(join(dir, 'letters', 'broken.xml'));
    writeFileSync(join(dir, 'cable.xml'), readFileSync(join(dir, 'cable.xml'), 'utf8').replace('<p>Please report', '<p>Near <placeName ref="#yili">Ghulja</placeName>. Please report'));
    const second = runCli(['index', dir, '--db', db]);
    expect(second.status).toBe(0);
    expect(second.stdout).toMatch(/: 0 added, 1 updated, 4 unchanged, 1 removed; /);
    expect(runCli(['query', 'places', '--db', db, '--name', 'ili', '--format', 'csv']).stdout).toMatch(/,Ghulja,#yili,/);

    // A register file changed: the letters that point into it are read again, and see the new name.
    const register = join(dir, 'register', 'places.xml');
    writeFileSync(register, readFileSync(register, 'utf8').replace('<placeName xml:lang="la">Turicum</placeName>', '<placeName xml:lang="la">Turicum</placeName><placeName>Zureich</placeName>'));
    const third = runCli(['index', dir, '--db', db]);
    expect(third.stdout).toMatch(/: 0 added, 3 updated, 2 unchanged, 0 removed; /);
    const r = runCli(['query', 'places', '--db', db, '--name', 'zureich', '--format', 'json']);
    expect((JSON.parse(r.stdout) as unknown[]).length).toBe(3);
    expect(queryIndex(db, { kind: 'places' }).mentions).toEqual((await queryFiles([dir], { kind: 'places' })).mentions);
  });

  it('a missing or corrupt index is a clear error with exit code 2', async () => {
    const notSqlite = join(tmp, 'not-sqlite.db');
    writeFileSync(notSqlite, 'this is not a database\n'.repeat(100));
    const otherSqlite = join(tmp, 'other.db');
    new Database(otherSqlite).exec('CREATE TABLE t (x); INSERT INTO t VALUES (1);');
    const oldVersion = join(tmp, 'old.db');
    await buildIndex([`${fixtures}cable`], oldVersion);
    new Database(oldVersion).exec("UPDATE meta SET value = '0' WHERE key = 'version'");
    const cases: Array<[string, string]> = [
      [join(tmp, 'missing.db'), 'index not found: build it with "teikit index PATH... --db FILE" [query/index]'],
      [notSqlite, 'not a teikit index: the file is not an SQLite database (or is corrupt) [query/index]'],
      [otherSqlite, 'not a teikit index: an SQLite database without the teikit index tables [query/index]'],
      [oldVersion, `teikit index version 0, this teikit reads version ${INDEX_VERSION}: rebuild it with "teikit index" [query/index]`],
    ];
    for (const [db, message] of cases) {
      const r = runCli(['query', 'places', '--db', db]);
      expect(r, db).toEqual({ status: 2, stdout: '', stderr: `${db}:1:1: error ${message}\n` });
    }
    // teikit index rebuilds an index of another version in place.
    const rebuilt = runCli(['index', `${fixtures}cable`, '--db', oldVersion]);
    expect(rebuilt.status).toBe(0);
    expect(rebuilt.stdout).toMatch(/: 1 added, 0 updated, 0 unchanged, 0 removed; 26 mentions stored;/);
    expect(runCli(['query', 'places', '--db', oldVersion, '--name', 'ili']).status).toBe(0);
    // A damaged index (pages overwritten) is found when it is read.
    const damaged = join(tmp, 'damaged.db');
    await buildIndex([`${fixtures}letters`, `${fixtures}cable`], damaged);
    const bytes = readFileSync(damaged);
    bytes.fill(0x5a, 4096, bytes.length);
    writeFileSync(damaged, bytes);
    const d = runCli(['query', 'places', '--db', damaged]);
    expect(d.status).toBe(2);
    expect(d.stdout).toBe('');
    expect(d.stderr).toMatch(new RegExp(`^${damaged}:1:1: error (the index is corrupt \\(.*\\): rebuild it with "teikit index"|not a teikit index: .*) \\[query/index\\]\n$`));
    // teikit index never overwrites a file that is not its index.
    const r = runCli(['index', `${fixtures}cable`, '--db', notSqlite]);
    expect(r.status).toBe(2);
    expect(r.stderr).toBe(`${notSqlite}:1:1: error not a teikit index: the file is not an SQLite database (or is corrupt) [query/index]\n`);
    expect(readFileSync(notSqlite, 'utf8')).toMatch(/^this is not a database/);
  });

  it('a symlink to a device in an untrusted corpus is reported and skipped, never read', async () => {
    const dir = join(tmp, 'evil');
    cpSync(`${fixtures}cable`, dir, { recursive: true });
    symlinkSync('/dev/zero', join(dir, 'zero.xml'));
    const line = `${join(dir, 'zero.xml')}:1:1: error not a regular file: skipped [query/input]\n`;
    const q = runCli(['query', 'places', dir, '--name', 'ili', '--format', 'json'], { cwd: tmp });
    expect(q.status).toBe(1);
    expect(q.stderr).toBe('evil/zero.xml:1:1: error not a regular file: skipped [query/input]\n');
    expect((JSON.parse(q.stdout) as unknown[]).length).toBe(4);
    const i = runCli(['index', dir, '--db', join(tmp, 'evil.db')]);
    expect(i.status).toBe(1);
    expect(i.stderr).toBe(line);
  });

  it('exits 2 on usage errors', async () => {
    expect(runCli(['index', fixtures])).toMatchObject({ status: 2, stderr: 'teikit: index: --db FILE is required; run "teikit index --help"\n' });
    expect(runCli(['index', '--db', join(tmp, 'x.db')])).toMatchObject({ status: 2, stderr: 'teikit: index: give at least one PATH (file or directory)\n' });
    expect(existsSync(join(tmp, 'x.db'))).toBe(false);
  });
});

/**
 * `teikit query --match prefix|substring|regex|fuzzy`, the linear-time regular expressions behind `regex`,
 * FRUS-style registers (persons list, terms), `--register` files, and context as a reader reads it.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { buildIndex, queryFiles, queryIndex, type Query } from '../src/query/index.js';
import { compileRegex, RegexError } from '../src/query/regex.js';
import { editDistanceWithin, fuzzyLimit } from '../src/query/match.js';
import { projectRoot, runCli } from './helpers.js';

const fixtures = `${projectRoot}test/fixtures/query/`;
const frus = `${fixtures}frus/volume.xml`;
const reading = `${fixtures}reading/letter.xml`;
const tmp = mkdtempSync(join(tmpdir(), 'teikit-match-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

const surfaces = async (query: Query, paths = [frus]): Promise<string[]> => (await queryFiles(paths, query, { cwd: projectRoot })).mentions.map((m) => m.surface);

describe('linear-time regular expressions', () => {
  it.each([
    ['wash', 'washington', true],
    ['^wash.*d\\.?c', 'washington, d.c.', true],
    ['^wash.*d\\.?c', 'wash.', false],
    ['pe(k|c)ing$', 'peking', true],
    ['[a-c]{2,3}x', 'zzabcx', true],
    ['[^a-z ]', 'abc def', false],
    ['\\bchina\\b', 'commissioner to china, peking', true],
    ['\\bchin\\b', 'commissioner to china, peking', false],
    ['colou?r', 'color', true],
    ['(?:ab)+$', 'xababab', true],
    ['^$', '', true],
  ])('/%s/ on "%s" is %s', (pattern, text, expected) => {
    expect(compileRegex(pattern).test(text)).toBe(expected);
  });

  it('never backtracks: (a+)+$ against 100,000 a and a b answers (false)', () => {
    expect(compileRegex('(a+)+$').test('a'.repeat(100_000) + 'b')).toBe(false);
    expect(compileRegex('(a+)+b').test('a'.repeat(100_000) + 'b')).toBe(true);
    expect(compileRegex('^(a+)+$').test('a'.repeat(100_000) + 'b')).toBe(false);
    expect(compileRegex('(x+x+)+y').test('x'.repeat(50_000))).toBe(false);
  });

  it.each([
    ['(a', 'an unclosed "(" at position 3 of the regular expression'],
    ['(?=a)', 'look-around and named groups are not supported at position 2 of the regular expression'],
    ['(a)\\1', 'backreferences are not supported at position 6 of the regular expression'],
    ['*a', 'nothing to repeat before "*" at position 1 of the regular expression'],
    ['a{2000}', 'a repetition count above 1000 at position 2 of the regular expression'],
  ])('rejects /%s/: %s', (pattern, message) => {
    expect(() => compileRegex(pattern)).toThrow(new RegexError(message));
  });
});

describe('fuzzy: edit distance scaled to the length of the name', () => {
  it('allows one edit up to 6 letters, two up to 10, three beyond', () => {
    expect([1, 2, 3, 5, 6, 7, 10, 11, 20].map(fuzzyLimit)).toEqual([0, 0, 1, 1, 1, 2, 2, 3, 5]);
    expect(editDistanceWithin('pekin', 'peking', 1)).toBe(true);
    expect(editDistanceWithin('pekking', 'peking', 1)).toBe(true);
    expect(editDistanceWithin('beijing', 'peking', 2)).toBe(false);
    expect(editDistanceWithin('gresam, walter q.', 'gresham, walter q.', 3)).toBe(true);
  });
});

describe('--name with --match, on a scan and on the index alike', () => {
  const cases: Array<[Query, string[]]> = [
    [{ kind: 'places', name: 'Wash' }, []],
    [{ kind: 'places', name: 'Wash*' }, ['Washington', 'Washington, D.C.', 'Wash.']],
    [{ kind: 'places', name: 'Wash', match: 'prefix' }, ['Washington', 'Washington, D.C.', 'Wash.']],
    [{ kind: 'orgs', name: 'Peking', match: 'substring' }, ['Commissioner of the United States to China, Peking, China']],
    [{ kind: 'places', name: 'peking', match: 'substring' }, ['Peking']],
    [{ kind: 'places', name: '^wash.*d\\.?c', match: 'regex' }, ['Washington, D.C.']],
    [{ kind: 'places', name: 'Pekin', match: 'fuzzy' }, ['Peking']],
    [{ kind: 'places', name: 'Washingten', match: 'fuzzy' }, ['Washington']],
    [{ kind: 'persons', name: 'gresham', match: 'prefix' }, ['Gresham']],
    [{ kind: 'persons', name: 'Denby, Charles' }, ['Denby', 'Charles Denby']],
  ];
  it.each(cases)('%j finds %j', async (query, expected) => {
    expect(await surfaces(query)).toEqual(expected);
  });

  it('the index (trigram table for prefix and substring) gives the same rows for every mode', async () => {
    const db = join(tmp, 'match.db');
    await buildIndex([frus, reading], db);
    for (const [query] of cases) {
      const scan = await queryFiles([frus, reading], query, { cwd: projectRoot });
      expect(queryIndex(db, query, { cwd: projectRoot }).mentions, JSON.stringify(query)).toEqual(scan.mentions);
    }
  });

  it('a bad regular expression is a usage error (exit 2), not a crash', () => {
    const r = runCli(['query', 'places', frus, '--name', '(a', '--match', 'regex']);
    expect(r.status).toBe(2);
    expect(r.stderr).toBe('teikit: query: --name is not a usable regular expression: an unclosed "(" at position 3 of the regular expression\n');
  });
});

describe('FRUS registers: the persons list and the terms list are register entries', () => {
  it('resolves every persName/@corresp into the persons list: no "does not resolve" warning, entry names listed', async () => {
    const r = await queryFiles([frus], { kind: 'persons' }, { cwd: projectRoot });
    expect(r.diagnostics).toEqual([]);
    expect(r.mentions.map((m) => `${m.surface} -> ${m.entry} ${m.names.join('|')}`)).toEqual([
      'Denby -> p_DC1 Denby, Charles',
      'Gresham -> p_GWQ1 Gresham, Walter Q.',
      'Charles Denby -> p_DC1 Denby, Charles',
    ]);
  });
});

describe('context as a reader reads it', () => {
  it('space is a space, seg and w keep their words apart, a deletion beside its replacement and the other readings are not read', async () => {
    const r = await queryFiles([reading], { kind: 'places' }, { cwd: projectRoot });
    expect(r.mentions.map((m) => [m.left, m.surface, m.right])).toEqual([
      ['Das Wetter in', 'Wien', 'ist schlecht. Brünn 22/5 In Wien wird es kalt, und ich'],
      ['Das Wetter in Wien ist schlecht.', 'Brünn', '22/5 In Wien wird es kalt, und ich hoffe Sie bald zu sehen.'],
      ['Das Wetter in Wien ist schlecht. Brünn 22/5 In', 'Wien', 'wird es kalt, und ich hoffe Sie bald zu sehen. Am Ring in'],
      ['wird es kalt, und ich hoffe Sie bald zu sehen. Am Ring in', 'Wien', 'wohnnt er, sagt sie.'],
    ]);
  });
});

describe('--register: a central register file', () => {
  it('resolves pointers the letters leave to the project register, in a scan and in the index', async () => {
    const letter = `${projectRoot}test/fixtures/catalog/letter-missing-register.xml`;
    const register = `${projectRoot}test/fixtures/catalog/registers/central-register.xml`;
    const without = await queryFiles([letter], { kind: 'places', name: 'Vienna' }, { cwd: projectRoot });
    expect(without.mentions).toEqual([]);
    expect(without.diagnostics.map((d) => d.message)).toEqual(['pointer "#vienna" does not resolve: no register entry with xml:id "vienna" in this file']);
    const withRegister = await queryFiles([letter], { kind: 'places', name: 'Vienna' }, { cwd: projectRoot, registers: [register] });
    expect(withRegister.diagnostics).toEqual([]);
    expect(withRegister.mentions.map((m) => `${m.surface} ${m.entry} ${m.register} ${m.names.join('|')}`)).toEqual([
      'Wien vienna test/fixtures/catalog/registers/central-register.xml Wien|Vienna',
    ]);
    const db = join(tmp, 'register.db');
    await buildIndex([letter], db, { registers: [register] });
    expect(queryIndex(db, { kind: 'places', name: 'Vienna' }, { cwd: projectRoot }).mentions).toEqual(withRegister.mentions);
  });

  it('from the command line: repeatable, a directory means its XML files; the unresolved warning is printed by index, once, not by each query', () => {
    const letter = 'test/fixtures/catalog/letter-missing-register.xml';
    const q = runCli(['query', 'places', letter, '--register', 'test/fixtures/catalog/registers/central-register.xml', '--name', 'vienna', '--format', 'csv']);
    expect(q.status).toBe(0);
    expect(q.stdout.split('\r\n')[1]).toMatch(/^test\/fixtures\/catalog\/letter-missing-register\.xml,16,36,places,placeName,,Wien,#vienna,ref,vienna,/);
    // A directory of registers: its not-TEI file is one error line (exit 1), the query is still answered.
    const dir = runCli(['query', 'places', letter, '--register', 'test/fixtures/catalog/registers/', '--name', 'vienna', '--format', 'csv']);
    expect(dir.status).toBe(1);
    expect(dir.stderr).toBe('test/fixtures/catalog/registers/not-tei-register.xml:1:1: error not a TEI file (the root element <places> is not in the TEI namespace): no register entries read [query/register]\n');
    expect(dir.stdout.split('\r\n')[1]).toBe(q.stdout.split('\r\n')[1]);
    const db = join(tmp, 'warn.db');
    const built = runCli(['index', letter, '--db', db]);
    expect(built.stderr).toBe(
      'test/fixtures/catalog/letter-missing-register.xml:11:36: warning pointer "../register/missing.xml#p1" does not resolve: register file not found [query/unresolved-pointer]\n' +
        'test/fixtures/catalog/letter-missing-register.xml:11:94: warning pointer "#vienna" does not resolve: no register entry with xml:id "vienna" in this file [query/unresolved-pointer]\n',
    );
    const asked = runCli(['query', 'places', '--db', db]);
    expect(asked.status).toBe(0);
    expect(asked.stderr).toBe('');
  });
});

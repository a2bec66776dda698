import { existsSync, readFileSync } from 'node:fs';
import { Ajv } from 'ajv';
import { describe, expect, it } from 'vitest';
import { displayWidth, formatCsv, normalizeName, queryFiles, type Mention } from '../src/query/index.js';
import { corpusDir, hasCorpus, projectRoot, runCli } from './helpers.js';
import * as tools from './tools.mjs';

const fixtures = 'test/fixtures/query/';
const cable = `${fixtures}cable/cable.xml`;
const letters = `${fixtures}letters/`;
const realCable = 'editions/wilson-118181/wilson-118181.xml';

const schema = JSON.parse(readFileSync(`${projectRoot}schemas/query-result.schema.json`, 'utf8')) as object;
const validate = new Ajv({ allErrors: true, strict: true }).compile(schema);

/** `teikit query ... --format json`, checked against the JSON Schema. */
function queryJson(args: string[]): { rows: Mention[]; stderr: string; status: number } {
  const r = runCli(['query', ...args, '--format', 'json']);
  const rows = JSON.parse(r.stdout) as Mention[];
  const valid = validate(rows);
  expect(validate.errors ?? [], 'schemas/query-result.schema.json').toEqual([]);
  expect(valid).toBe(true);
  return { rows, stderr: r.stderr, status: r.status };
}

describe('name matching', () => {
  it('ignores case and diacritics (NFD, combining marks removed, full case folding)', async () => {
    expect(normalizeName('Zürich')).toBe('zurich');
    expect(normalizeName('  ZURICH ')).toBe('zurich');
    expect(normalizeName('Laßberg')).toBe(normalizeName('LASSBERG'));
    expect(normalizeName('Rui Díaz de\n Guzmán')).toBe('rui diaz de guzman');
    expect(normalizeName('Qoqek')).toBe('qoqek');
    // Kana voicing marks are letters' distinctions, not accents.
    expect(normalizeName('が')).not.toBe(normalizeName('か'));
    expect(normalizeName('伊犁')).toBe('伊犁');
  });
});

describe('teikit query on the cable (fixture in the shape of the encoded edition)', () => {
  it('--name Ili returns every Yili and Ili mention of the body, with context and all the names of the entry', async () => {
    const { rows, status, stderr } = queryJson(['places', cable, '--name', 'Ili']);
    expect(status).toBe(0);
    expect(stderr).toBe('');
    expect(rows.map((m) => `${m.line}:${m.column} ${m.surface}`)).toEqual(['21:67 Yili', '23:194 Yili', '23:270 Ili', '24:85 Yili']);
    expect(rows[2]).toEqual({
      file: cable,
      line: 23,
      column: 270,
      kind: 'places',
      element: 'placeName',
      type: null,
      surface: 'Ili',
      pointer: '#yili',
      pointerAttribute: 'ref',
      entry: 'yili',
      register: cable,
      preferred: 'Yili',
      names: ['Yili', 'Ili', '伊犁'],
      title: "Cable from the Chinese Foreign Ministry, 'Handling the Issue of Border Residents Fleeing from Yili and Tacheng to the Soviet Union'",
      date: '1962-04-21',
      left: 'of Uyghur and Kazakh borders residents fleeing from Yili [',
      right: '] and Tacheng [Qoqek] to the Soviet Union, which your office',
      inHeader: false,
      when: null,
      from: null,
      to: null,
      notBefore: null,
      notAfter: null,
    });
  });

  it('--name Qoqek returns every Tacheng and Qoqek mention; so does 塔城 and a lower-case "chuguchak"', async () => {
    const expected = ['Tacheng', 'Tacheng', 'Qoqek', 'Tacheng'];
    for (const name of ['Qoqek', 'qoqek', '塔城', 'chuguchak', 'TACHENG']) {
      expect(queryJson(['places', cable, '--name', name]).rows.map((m) => m.surface), name).toEqual(expected);
    }
  });

  it('leaves teiHeader mentions out unless --header, and never takes context from the header', async () => {
    const body = queryJson(['places', cable, '--ref', '#yili']).rows;
    const all = queryJson(['places', cable, '--ref', 'yili', '--header']).rows;
    expect(body).toHaveLength(4);
    expect(all).toHaveLength(5);
    expect(all[0]).toMatchObject({ line: 6, surface: 'Yili', inHeader: true, left: '', right: '' });
    // The first body mention (in the head) has nothing of the header on its left; supplied words print in brackets.
    expect(body[0]).toMatchObject({ left: 'Handling the Issue of Border Residents Fleeing from', right: 'and Tacheng to the Soviet Union [To the] Foreign Affairs' });
  });

  it('lists persons (groups too), orgs and dates; --from/--to select overlapping dates', async () => {
    expect(queryJson(['persons', cable]).rows.map((m) => [m.surface, m.entry, m.preferred])).toEqual([
      ['Uyghur', 'uyghurs', 'Uyghurs'],
      ['Kazakh', 'kazakhs', 'Kazakhs'],
    ]);
    expect(queryJson(['orgs', cable]).rows.map((m) => m.surface)).toEqual([
      'Foreign Affairs Office of the Xinjiang [Uyghur] Autonomous Region',
      'Ministry [of Foreign Affairs]',
      'Ministry of Foreign Affairs',
    ]);
    expect(queryJson(['dates', cable]).rows.map((m) => m.when)).toEqual(['1962-04-18', '1962-04-21']);
    expect(queryJson(['dates', cable, '--to', '1962-04-20']).rows.map((m) => m.when)).toEqual(['1962-04-18']);
    expect(queryJson(['dates', cable, '--from', '1962-04']).rows).toHaveLength(2);
    expect(queryJson(['dates', cable, '--from', '1963']).rows).toHaveLength(0);
  });

  it('prints aligned keyword-in-context lines', async () => {
    const r = runCli(['query', 'places', cable, '--name', 'ili', '--kwic']);
    expect(r.status).toBe(0);
    const lines = r.stdout.trimEnd().split('\n');
    expect(lines).toHaveLength(4);
    // The keyword starts at the same column on every line.
    const k = lines[0]!.indexOf('  Yili  ') + 2;
    expect(lines.map((l) => l.slice(k, k + 5))).toEqual(['Yili ', 'Yili ', 'Ili  ', 'Yili ']);
    expect(lines[2]).toMatch(/^test\/fixtures\/query\/cable\/cable\.xml:23:270 +… ?and Kazakh borders residents fleeing from Yili \[ {2}Ili {3}\] and Tacheng \[Qoqek\]/);
  });

  it('prints an aligned table with a summary line', async () => {
    const r = runCli(['query', 'places', cable, '--name', 'Qoqek']);
    expect(r.status).toBe(0);
    const lines = r.stdout.trimEnd().split('\n');
    expect(lines[0]).toMatch(/^FILE:LINE:COL +ELEMENT +SURFACE +ENTRY +CONTEXT +NAMES +DATE +TITLE$/);
    expect(lines[1]).toMatch(/^test\/fixtures\/query\/cable\/cable\.xml:21:111 +placeName +Tacheng +tacheng +…sidents Fleeing from Yili and «Tacheng» to the Soviet Union \[To the\] … +Tacheng, Qoqek, Chuguchak, 塔城 +1962-04-21 +Cable from the Chinese Foreig…$/);
    expect(lines.at(-1)).toBe('4 mentions in 1 file');
    // Columns line up in display width (塔城 is four columns wide).
    const dateColumn = lines.slice(1, -1).map((l) => displayWidth(l.slice(0, l.indexOf('1962-04-21'))));
    expect(new Set(dateColumn).size).toBe(1);
  });

  it.skipIf(!existsSync(`${projectRoot}${realCable}`))('on the real cable edition: --name Ili and --name Qoqek find every mention of the body', async () => {
    const doc = readFileSync(`${projectRoot}${realCable}`, 'utf8');
    const body = doc.slice(doc.indexOf('<body'), doc.indexOf('</body>'));
    const ili = queryJson(['places', realCable, '--name', 'Ili']);
    const qoqek = queryJson(['places', realCable, '--name', 'Qoqek']);
    expect(ili.stderr).toBe('');
    expect(ili.rows.map((m) => m.surface).sort()).toEqual(
      [...body.matchAll(/<placeName[^>]*>(Yili|Ili)<\/placeName>/g)].map((m) => m[1]).sort(),
    );
    expect(qoqek.rows.map((m) => m.surface).sort()).toEqual(
      [...body.matchAll(/<placeName[^>]*>(Tacheng|Qoqek)<\/placeName>/g)].map((m) => m[1]).sort(),
    );
    for (const m of ili.rows) expect(m.names).toEqual(expect.arrayContaining(['Yili', 'Ili', '伊犁']));
    for (const m of qoqek.rows) expect(m.names).toEqual(expect.arrayContaining(['Tacheng', 'Qoqek', 'Chuguchak', '塔城']));
    // Each mention with its context (characters left and right of it).
    expect(ili.rows.map((m) => [m.surface, m.left.length, m.right.length])).toEqual([['Yili', 51, 56], ['Yili', 59, 57], ['Ili', 58, 60], ['Yili', 51, 59]]);
    expect(qoqek.rows.map((m) => [m.surface, m.left.length, m.right.length])).toEqual([['Tacheng', 51, 58], ['Tacheng', 56, 55], ['Qoqek', 55, 59], ['Tacheng', 56, 55]]);
  });
});

describe('registers in separate files, bad input', () => {
  it('resolves key="../register/places.xml#id" relative to the file; reports an unresolved pointer once per target', async () => {
    const { rows, stderr, status } = queryJson(['places', letters]);
    expect(status).toBe(1);
    expect(stderr.split('\n')).toEqual([
      'test/fixtures/query/letters/letters/broken.xml:3:45: error unexpected close tag [xml/wellformed]',
      'test/fixtures/query/letters/letters/letter-1.xml:17:209: warning pointer "../register/places.xml#p-nowhere" does not resolve: no register entry with xml:id "p-nowhere" in the register file [query/unresolved-pointer]',
      'test/fixtures/query/letters/letters/letter-1.xml:18:110: warning pointer "../register/missing.xml#x" does not resolve: register file not found [query/unresolved-pointer]',
      '',
    ]);
    expect(rows.map((m) => [m.surface, m.entry, m.register])).toEqual([
      ['Zürich', 'p-zuerich', 'test/fixtures/query/letters/register/places.xml'],
      ['in die Stadt', 'p-zuerich', 'test/fixtures/query/letters/register/places.xml'],
      ['Nirgendwo', null, null],
      ['Nirgends', null, null],
      ['Atlantis', null, null],
      ['ZURICH', 'p-zuerich', 'test/fixtures/query/letters/register/places.xml'],
      ['Genf', null, null],
    ]);
    // Words are not glued across <lb/>, and are glued across <lb break="no"/>.
    expect(rows[1]).toMatchObject({ left: 'Ich reise nach Zürich, dann', right: 'undweiter nach Nirgendwo und Nirgends. Grüße an Herrn' });
  });

  it('finds registers in header lists and in back; an untyped rs takes the kind of its entry; picks title and date', async () => {
    const file = `${fixtures}inline/header-and-back.xml`;
    const pick = (rows: Mention[]) => rows.map((m) => [m.element, m.surface, m.entry, m.preferred, m.names.join('|')]);
    expect(pick(queryJson(['places', file, '--name', 'vienna']).rows)).toEqual([['placeName', 'Wien', 'vie', 'Wien', 'Wien|Vienna|Bécs']]);
    expect(pick(queryJson(['places', file, '--name', 'becs']).rows)).toHaveLength(1);
    expect(pick(queryJson(['persons', file, '--name', 'ANNE']).rows)).toEqual([
      ['persName', 'Anna', 'p1', 'Anna Amalia', 'Anna Amalia|Anne'],
      ['rs', 'sie', 'p1', 'Anna Amalia', 'Anna Amalia|Anne'],
    ]);
    const orgs = queryJson(['orgs', file]).rows;
    expect(pick(orgs)).toEqual([['rs', 'Hofrat', 'hofkammer', 'Hofkammer', 'Hofkammer']]);
    // Title typed main; date of the source (sourceDesc) before the publication date; notes are separate words.
    expect(orgs[0]).toMatchObject({ title: 'Registers in the header and in back', date: '1810/1815', right: 'Eine Anmerkung. am Mai 1812.' });
    expect(queryJson(['dates', file, '--from', '1812-05-31', '--to', '1813']).rows.map((m) => m.when)).toEqual(['1812-05']);
    expect(queryJson(['dates', file, '--header', '--to', '1811']).rows.map((m) => [m.surface, m.inHeader])).toEqual([['um 1812', true]]);
  });

  it('pointers from untrusted files never read devices or directories; stand-off prose is not context', async () => {
    const { rows, stderr, status } = queryJson(['places', `${fixtures}hostile`]);
    expect(status).toBe(0);
    expect(stderr.split('\n')).toEqual([
      'test/fixtures/query/hostile/pointers.xml:6:15: warning pointer "/dev/zero#x" does not resolve: the register is not a regular file [query/unresolved-pointer]',
      'test/fixtures/query/hostile/pointers.xml:6:69: warning pointer "..#x" does not resolve: the register is not a regular file [query/unresolved-pointer]',
      'test/fixtures/query/hostile/pointers.xml:6:114: warning pointer "not-xml.txt#x" does not resolve: register file is not well-formed (1:9: text data outside of root node) [query/unresolved-pointer]',
      '',
    ]);
    expect(rows.map((m) => [m.surface, m.entry])).toEqual([['A', null], ['B', null], ['C', null], ['Ili', 'ili']]);
    expect(rows[3]).toMatchObject({ left: 'Device A, directory B, not XML C, entity', right: '.' });
  });

  it('--name matches any name of the register entry, or the surface form without one', async () => {
    expect(queryJson(['places', letters, '--name', 'turicum']).rows.map((m) => m.surface)).toEqual(['Zürich', 'in die Stadt', 'ZURICH']);
    expect(queryJson(['places', letters, '--name', 'GENF']).rows.map((m) => m.surface)).toEqual(['Genf']);
    expect(queryJson(['places', letters, '--name', 'costnitz', '--header']).rows.map((m) => [m.surface, m.inHeader])).toEqual([['Konstanz', true]]);
    expect(queryJson(['persons', letters]).rows.map((m) => [m.surface, m.preferred])).toEqual([['Herrn Müller', 'Hans Müller']]);
  });

  it('writes CSV per RFC 4180: header row, CRLF, quoted fields with comma, quote or line break', async () => {
    const r = runCli(['query', 'places', `${letters}letters/letter-2.xml`, '--format', 'csv']);
    expect(r.status).toBe(0);
    expect(r.stdout).toBe(
      'file,line,column,kind,element,type,surface,pointer,pointerAttribute,entry,register,preferred,names,title,date,left,right,inHeader,when,from,to,notBefore,notAfter\r\n' +
        'test/fixtures/query/letters/letters/letter-2.xml,12,14,places,placeName,,ZURICH,../register/places.xml#p-zuerich,key,p-zuerich,test/fixtures/query/letters/register/places.xml,Zürich,Zürich | Zurich | Turicum,Brief von B an A,,Aus,"nichts Neues; ""Genf"", sagt er, im Sommer.",false,,,,,\r\n' +
        'test/fixtures/query/letters/letters/letter-2.xml,12,98,places,placeName,,Genf,,,,,,,Brief von B an A,,"Aus ZURICH nichts Neues; """,""", sagt er, im Sommer.",false,,,,,\r\n',
    );
    const tricky = { ...((await queryFiles([cable], { kind: 'places' })).mentions[0] as Mention), surface: 'a\nb', left: 'x\ry' };
    expect(formatCsv([tricky]).split('\r\n')[1]).toMatch(/,"a\nb",.*,"x\ry",/);
  });

  it('exits 2 with one line on usage errors and missing files', async () => {
    const cases: Array<[string[], RegExp]> = [
      [['query', 'places'], /^teikit: query: give at least one PATH/],
      [['query', 'rivers', cable], /^teikit: query: what to look for must be one of places, persons, orgs, dates \(got "rivers"\)/],
      [['query', 'places', cable, '--from', '1962'], /^teikit: query: --from applies to "teikit query dates" only/],
      [['query', 'dates', cable, '--to', 'April'], /^teikit: query: --to must be an ISO 8601 date/],
      [['query', 'places', cable, '--kwic', '--format', 'csv'], /--kwic prints text lines/],
      [['query', 'places', 'no/such/file.xml'], /^no\/such\/file\.xml:1:1: error cannot read: no such file or directory \[io\/file\]/],
    ];
    for (const [args, message] of cases) {
      const r = runCli(args);
      expect(r.status, args.join(' ')).toBe(2);
      expect(r.stderr, args.join(' ')).toMatch(message);
      expect(r.stderr.trimEnd().split('\n'), args.join(' ')).toHaveLength(1);
      expect(r.stdout).toBe('');
    }
  });
});

const count = (xpath: string, file: string): number => Number(tools.runTool(tools.xmllint, ['--xpath', xpath, file]).stdout.trim());
const hasXmllint = tools.xmllint.available;
const notInRegisterOrHeader =
  'not(ancestor::*[local-name()="teiHeader" or local-name()="listPlace" or local-name()="listPerson" or local-name()="listOrg" or local-name()="place" or local-name()="person" or local-name()="personGrp" or local-name()="org"])';

describe.skipIf(!hasCorpus)('teikit query on real TEI (../shared/corpus)', () => {
  tools.skipUnless(tools.xmllint, 'the comparison of corpus counts with xmllint (fixed numbers are still compared)');
  const files: Array<[string, number]> = [
    ['frus/volumes/frus1894Nicaragua.xml', 242],
    ['ceteicean/tutorial_es/Ruy_Diaz-La_Argentina_Manuscrita.xml', 1061],
    ['ceteicean/tutorial_ja/meros.xml', 54],
  ];
  it.each(files)('%s: one place mention per placeName element outside the teiHeader and registers', async (path, expected) => {
    const file = `${corpusDir}${path}`;
    if (hasXmllint) expect(count(`count(//*[local-name()="placeName"][${notInRegisterOrHeader}])`, file)).toBe(expected);
    const rows = (await queryFiles([file], { kind: 'places' })).mentions.filter((m) => m.element === 'placeName');
    expect(rows).toHaveLength(expected);
  });

  it('the Spanish chronicle: ref="http://..." resolves to the standOff entry holding that idno', async () => {
    const r = await queryFiles([`${corpusDir}ceteicean/tutorial_es/Ruy_Diaz-La_Argentina_Manuscrita.xml`], { kind: 'places', name: 'buenos aires' });
    expect(r.mentions.length).toBe(34);
    expect(r.mentions.filter((m) => m.entry !== null)).toHaveLength(34); // every one resolves
    expect(r.mentions[0]).toMatchObject({ title: 'HD CAICYT LAB: La Argentina manuscrita', date: '1612' });
  });

  it('the Lassberg letters: every place and person pointer into ../register/*.xml resolves', async () => {
    // The name each register entry gives (its placeName or persName), as in ../register/lassberg-*.xml.
    const registerNames: Record<string, string> = {
      'lassberg-place-0025': 'Bischofszell', 'lassberg-place-0247': 'Main', 'lassberg-place-0166': 'Zürich',
      'lassberg-place-0043': 'Eppishausen', 'lassberg-place-0020': 'Bern', 'lassberg-place-0008': 'Arbon',
      'lassberg-place-0082': 'Konstanz', 'lassberg-place-0148': 'Tübingen',
      'lassberg-correspondent-0179': 'Johann Adam Pupikofer', 'lassberg-correspondent-0373': 'Joseph von Laßberg',
      'lassberg-correspondent-0485': 'Klingenberg, Geschlecht', 'lassberg-correspondent-0678': 'Dietrich, abbas',
      'lassberg-correspondent-0679': 'Henricus, sacerdos', 'lassberg-correspondent-0680': 'Azzo',
      'lassberg-correspondent-0535': 'Johann Jakob Hottinger', 'lassberg-correspondent-0354': 'Unbekannt',
      'lassberg-correspondent-0627': 'Johannes Rütiner', 'lassberg-correspondent-0544': 'Fritz Jakob von Anwil',
      'lassberg-correspondent-0468': 'Däniker, Hans Kaspar', 'lassberg-correspondent-0307': 'Melchior Kirchhofer',
      'lassberg-correspondent-0394': 'Jakob Christoph Scherb', 'lassberg-correspondent-0350': 'Thomas Bornhauser',
      'lassberg-correspondent-0288': 'Ludwig Uhland',
    };
    const dir = `${corpusDir}letters-lassberg/data/letters/`;
    for (const kind of ['places', 'persons'] as const) {
      const r = await queryFiles([dir], { kind, header: true });
      expect(r.diagnostics).toEqual([]);
      const pointed = r.mentions.filter((m) => m.pointer !== null);
      expect(pointed).toHaveLength(kind === 'places' ? 19 : 27);
      for (const m of pointed) {
        expect(m.entry, `${m.file}:${m.line}`).not.toBeNull();
        expect(m.register).toMatch(kind === 'places' ? /register\/lassberg-places\.xml$/ : /register\/lassberg-persons\.xml$/);
        expect(m.names, m.pointer!).toEqual([registerNames[m.pointer!.replace(/^.*#/, '')]]);
      }
      expect(new Set(pointed.map((m) => m.pointer)).size).toBe(kind === 'places' ? 8 : 15);
    }
    // Places in the letters' bodies are rs type="place"; the one placeName of each letter is in correspAction.
    for (const name of ['1164', '1235', '1270', '1528', '1782']) {
      const file = `${dir}lassberg-letter-${name}.xml`;
      const places = (await queryFiles([file], { kind: 'places', header: true })).mentions;
      if (hasXmllint) {
        expect(places.filter((m) => m.element === 'placeName').length).toBe(count('count(//*[local-name()="placeName"])', file));
        expect(places.filter((m) => m.element === 'rs').length).toBe(count('count(//*[local-name()="rs"][@type="place"])', file));
      }
    }
  });

  it('gives the same output on one thread and on several (--jobs)', async () => {
    const one = runCli(['query', 'persons', corpusDir, '--format', 'json', '--jobs', '1']);
    const three = runCli(['query', 'persons', corpusDir, '--format', 'json', '--jobs', '3']);
    expect(three).toEqual(one);
    expect(one.status).toBe(1); // kennan.xml
    expect(JSON.parse(one.stdout) as unknown[]).toHaveLength(2237);
    expect(runCli(['query', 'persons', corpusDir, '--jobs', '0'])).toMatchObject({ status: 2, stderr: 'teikit: query: --jobs must be a positive integer (got "0")\n' });
  });

  it('a malformed file in a directory is reported and skipped; the others are answered, exit 1', async () => {
    const r = runCli(['query', 'places', `${corpusDir}frus`, '--format', 'json']);
    expect(r.status).toBe(1);
    expect(r.stderr).toBe('../shared/corpus/frus/fragments/kennan.xml:3:55: error unbound namespace prefix: "frus" [xml/wellformed]\n');
    const rows = JSON.parse(r.stdout) as Mention[];
    expect(rows).toHaveLength(242);
    expect(rows[0]).toMatchObject({ title: 'Foreign Relations of the United States, 1894, Nicaragua (Mosquito Territory)', date: '1895' });
  });
});

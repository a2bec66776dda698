/**
 * `teikit catalog`: records of real corpus files with exact values, golden JSON/CSV/DC/CMIF, the JSON Schema (ajv),
 * the CMIF schema (jing), the edition's committed catalogue output, and bad input (one line each, the rest still
 * catalogued).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Ajv } from 'ajv';
import { afterAll, describe, expect, it } from 'vitest';
import { catalogCsv, catalogFiles, type CatalogRecord } from '../src/catalog/index.js';
import { DC_ELEMENTS } from '../src/catalog/dc.js';
import { corpusDir, hasCorpus, projectRoot, runCli } from './helpers.js';
import * as tools from './tools.mjs';

const fixtures = `${projectRoot}test/fixtures/catalog/`;
const golden = `${fixtures}golden/`;
const edition = `${projectRoot}editions/wilson-118181/`;
const cmifSchema = `${corpusDir}cmif/schema/cmi-customization.rng`;
const hasJing = !tools.skipUnless(tools.jing, 'the CMIF schema check');
/** Fixed "now" for the DC and CMIF headers, so that their output is reproducible (as a build would set it). */
const EPOCH = { SOURCE_DATE_EPOCH: '1764547200' }; // 2025-12-01T00:00:00Z

const ajv = new Ajv({ allErrors: true, strict: true });
const checkRecords = ajv.compile(JSON.parse(readFileSync(`${projectRoot}schemas/catalog.schema.json`, 'utf8')) as object);

function schemaValid(records: unknown): void {
  checkRecords(records);
  expect(checkRecords.errors ?? [], 'schemas/catalog.schema.json').toEqual([]);
}

/** Compare with a golden file; a missing file or UPDATE=1 writes it. */
function matchesGolden(name: string, actual: string): void {
  const path = `${golden}${name}`;
  if (process.env['UPDATE'] === '1' || !existsSync(path)) {
    mkdirSync(golden, { recursive: true });
    writeFileSync(path, actual);
  }
  expect(actual).toBe(readFileSync(path, 'utf8'));
}

const tmp = mkdtempSync(join(tmpdir(), 'teikit-catalog-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

/** RFC 4180 reader for the test: quoted fields, doubled quotes, CRLF records. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') (field += '"'), i++;
      else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') row.push(field), (field = '');
    else if (c === '\r' && text[i + 1] === '\n') row.push(field), rows.push(row), (row = []), (field = ''), i++;
    else field += c;
  }
  return rows;
}

describe.skipIf(!hasCorpus)('catalogue of the shared corpus', () => {
  it('gives a record for every file and every TEI of a teiCorpus, and one error line for each file it cannot catalogue', async () => {
    const r = runCli(['catalog', '.', '--format', 'json'], { cwd: corpusDir });
    expect(r.status).toBe(1);
    const records = JSON.parse(r.stdout) as CatalogRecord[];
    schemaValid(records);
    expect(r.stderr.trim().split('\n')).toEqual([
      'frus/fragments/kennan.xml:3:55: error unbound namespace prefix: "frus" [xml/wellformed]',
      'tei-stylesheets/Test/test17.xml:13:1: error a TEI P4 document (<TEI.2>): teikit catalogues TEI P5 (TEI or teiCorpus in the TEI namespace) [catalog/input]',
      'tei-stylesheets/Test/testxi-inc.xml:1:7: error not a TEI document: the root element is <div>, not TEI or teiCorpus in the TEI namespace [catalog/input]',
    ]);
    // 29 files: 26 catalogued (one a teiCorpus of two texts), 3 reported.
    expect(new Set(records.map((x) => x.file)).size).toBe(26);
    expect(records.length).toBe(27);
    expect(records.filter((x) => x.member !== null).map((x) => `${x.file} ${x.member} ${x.id} ${x.corpus}`)).toEqual([
      'tei-stylesheets/Test2/inputFiles/testCorpus1.xml 1 MyTextNumber1 title of corpus',
      'tei-stylesheets/Test2/inputFiles/testCorpus1.xml 2 MyTextNumber2 title of corpus',
    ]);
    // Every record has a title; dates where the header gives one.
    expect(records.filter((x) => x.title === null)).toEqual([]);
    expect(records.map((x) => `${x.file.split('/').pop()} ${x.date} ${x.genre} ${x.words}`)).toEqual([
      'Ruy_Diaz-La_Argentina_Manuscrita.xml 1612 prose 206252',
      'meros.xml 1988-10-25 prose 5868',
      'example01_basic.xml 1810-07-11/1810-07-18 correspondence list 0',
      'example02_cmi-with-printed-edition.xml 1792-11-22 correspondence list 0',
      'seward-letter.xml 2011-10-24 prose 1228',
      '1961-11-03-hac-meeting-minutes.xml 2014-02-10 documents 13323',
      '1984-07-slany-report-to-congress.xml 2013-12-24 documents 11545',
      'frus-history.xml 2015 prose 179856',
      'frus1894Nicaragua.xml 1895 documents 103704',
      'frus1958-60v05mSupp.xml 1991 prose 9',
      'lassberg-letter-1164.xml 1827-03-29 letter 644',
      'lassberg-letter-1235.xml 1828-06-19 letter 363',
      'lassberg-letter-1270.xml 1828-12-30 letter 1352',
      'lassberg-letter-1528.xml 1831-03-01 letter 730',
      'lassberg-letter-1782.xml 1834-06-12 letter 708',
      'lassberg-persons.xml null register 4670',
      'lassberg-places.xml null register 1601',
      'ms.xml null prose 778',
      'test.xml null drama 3725',
      'test23.xml null prose 82',
      'testapp2.xml null verse 144',
      'testtranscr.xml null prose 248',
      'testxi.xml null prose 151',
      'testPure1InvalidInstance.xml null prose 286',
      'testCorpus1.xml null prose 7',
      'testCorpus1.xml null prose 7',
      'testPure1ValidInstance.xml null prose 284',
    ]);
  });

  it('reads a Lassberg letter: title, sender as author with GND, document date, source, genre, words', async () => {
    const { records, diagnostics } = await catalogFiles(['letters-lassberg/data/letters/lassberg-letter-1235.xml'], { cwd: corpusDir });
    expect(diagnostics).toEqual([]);
    expect(records).toEqual([
      {
        file: 'letters-lassberg/data/letters/lassberg-letter-1235.xml',
        member: null,
        corpus: null,
        id: 'lassberg-letter-1235',
        title: 'Brief von Johann Adam Pupikofer an Joseph von Laßberg (19.06.1828).',
        subtitle: null,
        authors: [{ name: 'Johann Adam Pupikofer', refs: ['http://d-nb.info/gnd/11565108X'], identifiers: [] }],
        editors: [],
        translators: [],
        date: '1828-06-19',
        published: null,
        languages: [],
        licence: null,
        publisher: null,
        identifiers: [],
        url: null,
        abstract: null,
        keywords: [],
        source: 'Frauenfeld, Thurgauische Kantonsbibliothek, 2211, nan',
        words: 363,
        genre: 'letter',
        schema: 'http://www.tei-c.org/release/xml/tei/custom/schema/relaxng/tei_all.rng',
        verdict: null,
        correspondence: [
          {
            ref: 'correspDesc-lassberg-letter-1235',
            actions: [
              { type: 'sent', agents: [{ element: 'persName', name: 'Johann Adam Pupikofer', ref: 'http://d-nb.info/gnd/11565108X' }], places: [], date: { when: '1828-06-19' } },
              {
                type: 'received',
                agents: [{ element: 'persName', name: 'Joseph von Laßberg', ref: 'http://d-nb.info/gnd/118778862' }],
                // The letter's placeName points with @key into ../register/lassberg-places.xml, whose entry carries the Wikidata URI.
                places: [{ name: 'Bischofszell', ref: 'http://www.wikidata.org/entity/Q64865' }],
                date: null,
              },
            ],
          },
        ],
      },
    ]);
  });

  it('reads the Japanese text: words counted by segmentation, not by spaces; date of the printed source', async () => {
    const { records } = await catalogFiles(['ceteicean/tutorial_ja/meros.xml'], { cwd: corpusDir });
    expect(records.map((x) => [x.title, x.authors.map((a) => a.name), x.date, x.published, x.publisher, x.words])).toEqual([
      ['走れメロス', ['太宰治'], '1988-10-25', '2011-01-17', '青空文庫', 5868],
    ]);
  });

  it('--validate gives each file its verdict (as teikit validate: a file naming a remote schema only is checked for well-formedness)', async () => {
    const { records } = await catalogFiles(['../shared/corpus/cmif/examples/example01_basic.xml', 'editions/wilson-118181/wilson-118181.xml'], { cwd: projectRoot, validate: true, jobs: 1 });
    expect(records.map((x) => `${x.file} ${x.verdict}`)).toEqual([
      '../shared/corpus/cmif/examples/example01_basic.xml valid',
      'editions/wilson-118181/wilson-118181.xml valid',
    ]);
  });

  it('golden JSON, CSV and Dublin Core of the letters and the cable', () => {
    // From the project root, so that paths in the output do not depend on where the project is checked out.
    const paths = ['../shared/corpus/letters-lassberg/data/letters', 'editions/wilson-118181/wilson-118181.xml'];
    for (const [format, name] of [['json', 'letters.json'], ['csv', 'letters.csv'], ['dc', 'letters.dc.xml']] as const) {
      const r = runCli(['catalog', ...paths, '--format', format], { env: EPOCH });
      expect(r.stderr).toBe('');
      expect(r.status).toBe(0);
      matchesGolden(name, r.stdout);
    }
  });

  it('CSV: RFC 4180, one row per record with the same columns as the header', async () => {
    const { records } = await catalogFiles(['.'], { cwd: corpusDir });
    const rows = parseCsv(catalogCsv(records));
    expect(rows[0]).toEqual([
      'file', 'member', 'corpus', 'id', 'title', 'subtitle', 'authors', 'author_ids', 'editors', 'editor_ids', 'translators', 'translator_ids',
      'date', 'published', 'languages', 'licence', 'licence_url', 'publisher', 'identifiers', 'url', 'source', 'words', 'genre', 'schema',
      'verdict', 'letters',
    ]);
    expect(rows.length).toBe(records.length + 1);
    for (const row of rows) expect(row.length).toBe(rows[0]!.length);
    expect(rows.find((row) => row[0] === 'frus-history/monograph/frus-history.xml')?.[4]).toBe(
      'Toward “Thorough, Accurate, and Reliable”: A History of the Foreign Relations of the United States Series',
    );
  });

  it('Dublin Core: only the fifteen DCMI elements, in oai_dc:dc; one record is one oai_dc:dc document', () => {
    const r = runCli(['catalog', 'letters-lassberg/data/letters/lassberg-letter-1270.xml', '--format', 'dc'], { cwd: corpusDir });
    expect(r.status).toBe(0);
    expect(DC_ELEMENTS.map(([n]) => n)).toEqual(['title', 'creator', 'subject', 'description', 'publisher', 'contributor', 'date', 'type', 'format', 'identifier', 'source', 'language', 'relation', 'coverage', 'rights']);
    expect(r.stdout).toBe(`<?xml version="1.0" encoding="UTF-8"?>
<oai_dc:dc xmlns:oai_dc="http://www.openarchives.org/OAI/2.0/oai_dc/" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:schemaLocation="http://www.openarchives.org/OAI/2.0/oai_dc/ http://www.openarchives.org/OAI/2.0/oai_dc.xsd">
  <dc:title>Brief von Johann Adam Pupikofer an Joseph von Laßberg (30.12.1828).</dc:title>
  <dc:creator>Johann Adam Pupikofer</dc:creator>
  <dc:description>1352 words</dc:description>
  <dc:date>1828-12-30</dc:date>
  <dc:type>Text</dc:type>
  <dc:type>letter</dc:type>
  <dc:format>application/tei+xml</dc:format>
  <dc:source>Frauenfeld, Staatsarchiv Thurgau, 9'45, 1.1/75.1, 2228</dc:source>
  <dc:coverage>Bischofszell</dc:coverage>
  <dc:rights>CC BY 4.0</dc:rights>
  <dc:rights>https://creativecommons.org/licenses/by/4.0/</dc:rights>
</oai_dc:dc>
`);
  });

  it('Dublin Core with -o DIR/: one oai_dc:dc file per record, named by its path inside the PATH given', () => {
    const out = join(tmp, 'dc-folder');
    const paths = ['../shared/corpus/letters-lassberg/data', '../shared/corpus/tei-stylesheets/Test2/inputFiles/testCorpus1.xml', 'editions/wilson-118181/wilson-118181.xml'];
    const r = runCli(['catalog', ...paths, '--format', 'dc', '-o', `${out}/`], { env: EPOCH });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(spawnSync('find', [out, '-type', 'f', '-printf', '%P\\n'], { encoding: 'utf8' }).stdout.split('\n').filter(Boolean).sort()).toEqual([
      'letters/lassberg-letter-1164.dc.xml',
      'letters/lassberg-letter-1235.dc.xml',
      'letters/lassberg-letter-1270.dc.xml',
      'letters/lassberg-letter-1528.dc.xml',
      'letters/lassberg-letter-1782.dc.xml',
      'register/lassberg-persons.dc.xml',
      'register/lassberg-places.dc.xml',
      'testCorpus1.1.dc.xml',
      'testCorpus1.2.dc.xml',
      'wilson-118181.dc.xml',
    ]);
    // Each file is the record alone, exactly what the one-record output gives.
    const one = runCli(['catalog', 'letters-lassberg/data/letters/lassberg-letter-1270.xml', '--format', 'dc'], { cwd: corpusDir });
    expect(readFileSync(join(out, 'letters/lassberg-letter-1270.dc.xml'), 'utf8')).toBe(one.stdout);
    // In the ListRecords response the identifiers are the same names, whatever the directory the command runs in.
    const list = runCli(['catalog', 'letters', '--format', 'dc'], { cwd: `${corpusDir}letters-lassberg/data`, env: EPOCH });
    expect([...list.stdout.matchAll(/<identifier>([^<]+)<\/identifier>/g)].map((m) => m[1])).toEqual([
      'oai:teikit:lassberg-letter-1164.xml',
      'oai:teikit:lassberg-letter-1235.xml',
      'oai:teikit:lassberg-letter-1270.xml',
      'oai:teikit:lassberg-letter-1528.xml',
      'oai:teikit:lassberg-letter-1782.xml',
    ]);
  });

  it.skipIf(!hasJing)('CMIF of every correspDesc (letters, CMIF examples, the cable) is valid against the CMIF schema (jing), golden', () => {
    const out = join(tmp, 'letters.cmif.xml');
    const r = runCli(['catalog', '../shared/corpus/letters-lassberg', '../shared/corpus/cmif/examples', 'editions/wilson-118181/wilson-118181.xml', '--format', 'cmif', '-o', out], { env: EPOCH });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    const jing = tools.runTool(tools.jing, [cmifSchema, out]);
    expect(jing.stdout + jing.stderr).toBe('');
    expect(jing.status).toBe(0);
    const text = readFileSync(out, 'utf8');
    expect(text.match(/<correspDesc /g)?.length).toBe(12);
    matchesGolden('letters.cmif.xml', text);
  });
});

describe('catalogue records of header styles not in the corpus (fixtures modelled on ELTeC and DraCor)', () => {
  it('an ELTeC novel gets the date of its first edition, not of the digital source (2000)', async () => {
    const { records } = await catalogFiles(['eltec-novel.xml'], { cwd: fixtures });
    expect(records.map((x) => [x.date, x.published, x.genre, x.languages, x.authors, x.licence])).toEqual([
      ['1843', '2019', 'novel', ['en'], [{ name: 'Dickens, Charles (1812-1870)', refs: ['viaf:88924646'], identifiers: [] }], { target: 'https://creativecommons.org/licenses/by/4.0/', text: null }],
    ]);
  });

  it('a DraCor play: main and sub title, author with Wikidata, date written (standOff events), licence URL in a ref', async () => {
    const { records } = await catalogFiles(['dracor-play.xml'], { cwd: fixtures });
    const x = records[0]!;
    expect([x.title, x.subtitle, x.date, x.genre, x.languages, x.publisher, x.licence]).toEqual([
      'Wilhelm Tell', 'Schauspiel', '1804', 'drama', ['ger'], 'DraCor', { target: 'https://creativecommons.org/publicdomain/zero/1.0/', text: 'CC0 1.0 Licence' },
    ]);
    expect(x.authors).toEqual([{ name: 'Friedrich Schiller', refs: [], identifiers: [{ type: 'wikidata', value: 'Q22670' }, { type: 'pnd', value: '118607626' }] }]);
    expect(x.editors.map((e) => e.name)).toEqual(['Frank Fischer']);
    expect(x.identifiers).toEqual([{ type: 'URL', value: 'https://dracor.org' }, { type: 'dracor', value: 'ger000001' }]);
  });
});

describe('bad input: one clear line each, the rest still catalogued', () => {
  it('a TEI with no teiHeader, a register that is not TEI, a pointer into a missing register file', () => {
    const r = runCli(['catalog', 'no-header.xml', 'letter-missing-register.xml', 'eltec-novel.xml', '--register', 'registers/not-tei-register.xml', '--register', 'registers/central-register.xml', '--format', 'csv'], { cwd: fixtures });
    expect(r.status).toBe(1);
    expect(r.stderr.split('\n')).toEqual([
      'registers/not-tei-register.xml:1:1: error not a TEI file (the root element <places> is not in the TEI namespace): no register entries read [query/register]',
      'no-header.xml:2:1: error no teiHeader in this TEI: its record has no title, authors, dates or licence [catalog/input]',
      'letter-missing-register.xml:11:36: warning pointer "../register/missing.xml#p1" does not resolve: register file not found [catalog/input]',
      '',
    ]);
    const rows = parseCsv(r.stdout);
    expect(rows.map((row) => `${row[0]} ${row[4]} ${row[12]} ${row[21]}`)).toEqual([
      'file title date words',
      'no-header.xml   5',
      'letter-missing-register.xml Letter whose register is missing 1900-01-02 7',
      'eltec-novel.xml A Christmas Carol : ELTeC edition 1843 17',
    ]);
  });

  it('the central register (--register) gives the letter\'s place its GeoNames URI in the CMIF', () => {
    const r = runCli(['catalog', 'letter-missing-register.xml', '--register', 'registers/central-register.xml', '--format', 'cmif'], { cwd: fixtures, env: EPOCH });
    expect(r.stdout).toContain('<placeName ref="http://www.geonames.org/2761369">Wien</placeName>');
    expect(r.stdout).toContain('<persName ref="http://d-nb.info/gnd/118607626">Friedrich Schiller</persName>');
    expect(r.stdout).toContain('<persName>Anna</persName>');
  });

  it('a teiCorpus of 1,000 texts gives 1,000 records in order', async () => {
    const texts = Array.from({ length: 1000 }, (_, i) => `<TEI xml:id="t${i + 1}"><teiHeader><fileDesc><titleStmt><title>Text ${i + 1}</title></titleStmt><publicationStmt><p/></publicationStmt><sourceDesc><p/></sourceDesc></fileDesc></teiHeader><text><body><p>word ${i + 1}</p></body></text></TEI>`);
    const file = join(tmp, 'corpus1000.xml');
    writeFileSync(file, `<teiCorpus xmlns="http://www.tei-c.org/ns/1.0"><teiHeader><fileDesc><titleStmt><title>Big</title></titleStmt><publicationStmt><p/></publicationStmt><sourceDesc><p/></sourceDesc></fileDesc></teiHeader>${texts.join('')}</teiCorpus>`);
    const { records, diagnostics } = await catalogFiles([file], { cwd: tmp });
    expect(diagnostics).toEqual([]);
    expect(records.length).toBe(1000);
    expect(records.map((x) => `${x.member} ${x.title} ${x.words}`).slice(998)).toEqual(['999 Text 999 2', '1000 Text 1000 2']);
    expect(new Set(records.map((x) => x.corpus))).toEqual(new Set(['Big']));
  });

  it('unknown format: usage error, exit 2', () => {
    const r = runCli(['catalog', 'eltec-novel.xml', '--format', 'marc'], { cwd: fixtures });
    expect(r.status).toBe(2);
    expect(r.stderr).toBe('teikit: catalog: --format must be one of json, csv, dc, cmif (got "marc")\n');
  });
});

describe('the cable: its catalogue record and CMIF entry are committed build output', () => {
  it.each([
    ['json', 'wilson-118181.catalog.json'],
    ['cmif', 'wilson-118181.cmif.xml'],
  ])('teikit catalog --format %s reproduces editions/wilson-118181/%s', (format, name) => {
    const r = runCli(['catalog', 'wilson-118181.xml', '--format', format], { cwd: edition, env: EPOCH });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(r.stdout).toBe(readFileSync(`${edition}${name}`, 'utf8'));
  });
});

/**
 * Reading editions that know their genre: one fixture per genre (an EpiDoc inscription, a DraCor-style play, a
 * letter, a FRUS document, a novel) with its expected page (the body, without the inline CSS) and plain text as
 * golden files in test/fixtures/transform/genres/ (`UPDATE=1` rewrites them); the Leiden forms one by one; no word
 * of a fixture lost.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { transformToHtml, transformToText } from '../src/transform/index.js';
import { projectRoot } from './helpers.js';
import { htmlText, missingWords, plainWords, teiBodyText } from './transform-helpers.js';

const dir = `${projectRoot}test/fixtures/transform/genres/`;
const GENRES = ['inscription', 'play', 'letter', 'frus', 'novel'];

/** Compare with a golden file; a missing one, or UPDATE=1, writes it (and the test then reads back what it wrote). */
function golden(name: string, actual: string): void {
  const path = `${dir}${name}`;
  if (process.env['UPDATE'] === '1' || !existsSync(path)) writeFileSync(path, actual);
  expect(actual).toBe(readFileSync(path, 'utf8'));
}

/** The page without its CSS (which has its own tests), one tag per line so that a golden diff is readable. */
const page = (html: string) => html.replace(/<style>[\s\S]*?<\/style>/, '<style>…</style>').replace(/></g, '>\n<');


describe('genre fixtures: page and text as golden files', () => {
  for (const name of GENRES) {
    const xml = readFileSync(`${dir}${name}.xml`);
    it(`${name}: HTML`, () => golden(`${name}.html`, page(transformToHtml(xml, { file: `${name}.xml` }))));
    it(`${name}: text`, () => golden(`${name}.txt`, transformToText(xml, { file: `${name}.xml` })));
    it(`${name}: no word lost`, () => {
      const source = plainWords(teiBodyText(xml));
      expect(missingWords(source, plainWords(htmlText(transformToHtml(xml))))).toEqual([]);
      const text = transformToText(xml);
      expect(missingWords(plainWords(teiBodyText(xml, { published: true, notesApart: true })), plainWords(text))).toEqual([]);
    });
  }
  it('inscription: reading text (--reading) without sigla', () => {
    golden('inscription.reading.txt', transformToText(readFileSync(`${dir}inscription.xml`), { reading: true }));
  });
});

/** One EpiDoc edition around `ab` content. */
const epidoc = (ab: string) => `<TEI xmlns="http://www.tei-c.org/ns/1.0"><teiHeader><fileDesc><titleStmt><title>t</title></titleStmt>
<publicationStmt><p>p</p></publicationStmt><sourceDesc><p>s</p></sourceDesc></fileDesc></teiHeader>
<text><body><div type="edition"><ab>${ab}</ab></div></body></text></TEI>`;
const edition = (text: string) => (text.split("\n\n")[1] ?? "").trimEnd();

describe('Leiden conventions, one by one (EpiDoc Guidelines)', () => {
  const cases: Array<[string, string, string, string]> = [
    // [what, EpiDoc, Leiden text, reading text]
    ['expansion in parentheses', '<expan><abbr>Mag</abbr><ex>no</ex></expan>', 'Mag(no)', 'Magno'],
    ['abbreviation not expanded', '<abbr>leg</abbr>', 'leg(- - -)', 'leg'],
    ['lost text restored in square brackets', '<supplied reason="lost">Iun</supplied>oni', '[Iun]oni', 'Iunoni'],
    ['uncertain restoration', '<supplied reason="lost" cert="low">fecit</supplied>', '[fecit?]', 'fecit'],
    ['letters omitted by the engraver', '<supplied reason="omitted">v</supplied>otum', '⟨v⟩otum', 'votum'],
    ['lost text of unknown extent', 'a <gap reason="lost" extent="unknown" unit="character"/> b', 'a [---] b', 'a b'],
    ['three lost letters as dots', 'a<gap reason="lost" quantity="3" unit="character"/>', 'a[...]', 'a'],
    ['many lost letters counted', 'a<gap reason="lost" quantity="12" unit="character"/>', 'a[.12]', 'a'],
    ['illegible letters without brackets', '<gap reason="illegible" quantity="2" unit="character"/>s', '..s', 's'],
    ['a dot below each unclear letter', '<unclear>Re</unclear>ginae', 'R\u0323e\u0323ginae', 'Reginae'],
    ['erasure in double brackets', '<del rend="erasure">Getae</del>', '⟦Getae⟧', ''],
    ['a word over a line end kept whole', '<lb n="1"/>Aug<lb n="2" break="no"/>usti', 'Augusti', 'Augusti'],
    ['lines on their own lines', '<lb n="1"/>a b<lb n="2"/>c', 'a b\nc', 'a b\nc'],
  ];
  for (const [what, ab, leiden, reading] of cases) {
    it(`${what}: ${leiden.replace(/\n/g, ' / ')}`, () => {
      expect(edition(transformToText(epidoc(ab)))).toBe(leiden);
      expect(edition(transformToText(epidoc(ab), { reading: true })) ?? '').toBe(reading);
    });
  }

  it('numbers every fifth line in the margin, and no other', () => {
    const lines = Array.from({ length: 11 }, (_, i) => `<lb n="${i + 1}"/>w${i + 1}`).join(' ');
    const html = transformToHtml(epidoc(lines));
    expect([...html.matchAll(/<span class="tk-lineno" data-n="(\d+)" role="note" aria-label="line \1"><\/span>/g)].map((m) => m[1])).toEqual(['5', '10']);
  });

  it('shows the hyphen of a word over a line end in the diplomatic view only (CSS), and the underdots only in the Leiden view', () => {
    const html = transformToHtml(epidoc('Aug<lb n="2" break="no"/>usti <unclear>R</unclear>'));
    expect(html).toContain('Aug<span class="tk-hyphen" aria-hidden="true"></span><span class="tk-line"></span>usti');
    expect(html).toContain('#tk\\:view-diplomatic:checked ~ main .tk-hyphen::after { content: "-"; }');
    expect(html).toContain('R<span class="tk-dot tk-pub">\u0323</span>');
    expect(html).toContain('<input type="radio" name="tk-view" id="tk:view-diplomatic"');
  });

  it('leaves documents that are not EpiDoc in the general rendering', () => {
    const plain = epidoc('<gap reason="lost"/> <abbr>leg</abbr>').replace('type="edition"', 'type="section"');
    expect(transformToText(plain)).toBe('[...] leg\n');
  });
});

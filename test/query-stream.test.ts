/**
 * `teikit query` and `teikit index` read files from the event stream (src/query/stream.ts); `extractMentions`
 * walks a parsed tree. Both must give the same rows, row by row, on every file: the corpus, the fixtures, and
 * documents made here for what the stream holds back (choice, app, del) and for the text window it cuts.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { collectRegister, extractMentions, RegisterCache, type FileExtract } from '../src/query/index.js';
import { extractStream, streamRegister } from '../src/query/stream.js';
import { leftContext, plainText, rightContext } from '../src/query/text.js';
import { childElements, tryParseXml } from '../src/xml/index.js';
import { corpusDir, hasCorpus, projectRoot } from './helpers.js';

function xmlFilesBelow(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir).sort()) {
    const path = join(dir, name);
    const stat = statSync(path);
    if (stat.isDirectory()) out.push(...xmlFilesBelow(path));
    else if (name.endsWith('.xml')) out.push(path);
  }
  return out;
}

/** Both extractions of one document; `undefined` when it is not well-formed (then both must say so, alike). */
function both(text: string | Uint8Array, file: string, cache = new RegisterCache()): { stream: FileExtract; tree: FileExtract } | undefined {
  const parsed = tryParseXml(text, { file });
  const stream = extractStream(text, file, cache);
  if (!parsed.ok) {
    expect(stream).toEqual(parsed.diagnostic);
    return undefined;
  }
  if ('ruleId' in stream) throw new Error(`stream failed where the tree did not: ${stream.message}`);
  return { stream, tree: extractMentions(parsed.document, file, { cache }) };
}

function expectSame(text: string | Uint8Array, file: string, cache?: RegisterCache): FileExtract | undefined {
  const r = both(text, file, cache);
  if (r === undefined) return undefined;
  expect(r.stream.mentions.length, `${file}: number of mentions`).toBe(r.tree.mentions.length);
  r.tree.mentions.forEach((m, i) => expect(r.stream.mentions[i], `${file}: mention ${i} (${m.line}:${m.column})`).toEqual(m));
  expect(r.stream).toEqual(r.tree);
  return r.stream;
}

const TEI = (body: string, header = '<fileDesc><titleStmt><title>T</title></titleStmt></fileDesc>'): string =>
  `<TEI xmlns="http://www.tei-c.org/ns/1.0"><teiHeader>${header}</teiHeader><text><body>${body}</body></text></TEI>`;

describe('extraction from the event stream equals extraction from the tree', () => {
  it.skipIf(!hasCorpus)('on every file of ../shared/corpus, row by row, and on every register file read', () => {
    const files = xmlFilesBelow(corpusDir);
    expect(files.length).toBe(29);
    const cache = new RegisterCache();
    let mentions = 0;
    for (const file of files) {
      const bytes = readFileSync(file);
      mentions += expectSame(bytes, file, cache)?.mentions.length ?? 0;
      const parsed = tryParseXml(bytes, { file });
      const registers = streamRegister(bytes, file);
      if (parsed.ok && registers.ok) expect(registers.register, `${file}: register`).toEqual(collectRegister(parsed.document, file));
      else expect(registers.ok).toBe(parsed.ok);
    }
    expect(mentions).toBe(4039);
  });

  it('on every fixture of the query tests and on the encoded cable', () => {
    const files = [...xmlFilesBelow(`${projectRoot}test/fixtures/query`), `${projectRoot}editions/wilson-118181/wilson-118181.xml`];
    expect(files.length).toBe(11);
    for (const file of files) expectSame(readFileSync(file), file);
  });

  const cases: Array<[string, string, string[][]]> = [
    ['a deletion beside its addition, whitespace and a comment between', '<p>Wien <del>ist</del> <!-- c --> <add>wird</add> <placeName>Brünn</placeName></p>', [['Brünn', 'Wien wird', '']]],
    ['a deletion after its addition', '<p><add>wird</add><del>ist <placeName>Linz</placeName></del> dann</p>', [['Linz', '', '']]],
    ['a deletion followed by text, then an addition', '<p><del>ist <placeName>Linz</placeName></del> so <add>wird</add></p>', [['Linz', 'ist', 'so wird']]],
    ['a deletion at the end of its parent', '<p>in <placeName>Graz</placeName><del>ist</del></p><p>next</p>', [['Graz', 'in', 'ist next']]],
    ['a deletion inside subst', '<p><subst><del>Wein</del><add>Wien</add></subst> <placeName>Wien</placeName></p>', [['Wien', 'Wien', '']]],
    ['a deletion followed by another deletion and an addition', '<p><del>a</del><del>b <persName>Karl</persName></del><add>c</add></p>', [['Karl', '', '']]],
    ['choices: sic and corr, abbr and expan, seg only, nested', '<p><choice><corr>Wien</corr><sic><placeName>Wein</placeName></sic></choice> <choice><expan>Doktor</expan><abbr>Dr.</abbr></choice> <choice><seg>x</seg><seg><persName>y</persName></seg></choice> <choice><orig><choice><reg>a</reg><orig>b</orig></choice></orig><reg>c</reg></choice></p>', [['Wein', '', 'Dr. x b'], ['y', '', '']]],
    ['app with lem and rdg, and app without lem', '<p><app><rdg><placeName>Prag</placeName></rdg><lem><placeName>Praha</placeName></lem></app> <app><rdg>x</rdg><rdg><placeName>y</placeName></rdg></app></p>', [['Prag', '', ''], ['Praha', '', 'x'], ['y', '', '']]],
    ['a deletion inside a choice, beside an addition', '<p><choice><sic>a<del>b</del> <add>c</add></sic><corr>d</corr></choice> <placeName>Q</placeName> <del>e</del></p>', [['Q', 'a c', 'e']]],
    ['register entries inside a choice and a deletion', '<p><placeName ref="#p1">Bern</placeName> <choice><sic><listPlace><place xml:id="p1"><placeName>Bern</placeName></place></listPlace></sic><corr/></choice><del><listPlace><place xml:id="p1"><placeName>Other</placeName></place></listPlace></del></p>', [['Bern', '', '']]],
    ['a mention that is an entry itself, in a list item', '<list type="persons"><item><hi><persName xml:id="p_DC1">Denby, Charles</persName></hi>, Minister</item></list><p><persName corresp="#p_DC1">Denby</persName> and <persName corresp="#nobody">X</persName></p>', [['Denby', ', Minister', 'and X'], ['X', ', Minister Denby and', '']]],
    ['ruby glosses', '<p><ruby><rb><placeName>東京</placeName></rb><rt><placeName>とうきょう</placeName></rt></ruby>に</p>', [['東京', '', 'に'], ['とうきょう', '', '']]],
    ['CDATA, entity references and line breaks', '<p>Wien<lb/>ist <![CDATA[a <b>]]> &amp; <lb break="no"/>so <placeName>Wi&#x65;n</placeName></p>', [['Wien', 'Wien ist a <b> & so', '']]],
  ];
  for (const [name, body, rows] of cases) {
    it(name, () => {
      const extract = expectSame(TEI(body), '/tmp/case.xml');
      expect(extract?.mentions.map((m) => [m.surface, m.left, m.right])).toEqual(rows);
    });
  }

  it('mentions in the teiHeader and a play dated by standOff events', () => {
    const header = '<fileDesc><titleStmt><title type="main">Play</title></titleStmt><sourceDesc><bibl><placeName>Wien</placeName> <del>x</del><add>y</add></bibl></sourceDesc></fileDesc><profileDesc><correspDesc><correspAction type="received"><placeName ref="#p">Ulm</placeName><date when="1830-01-02">2. Jan.</date></correspAction></correspDesc></profileDesc>';
    const text = `<TEI xmlns="http://www.tei-c.org/ns/1.0"><teiHeader>${header}</teiHeader><standOff><listEvent><event type="print" when="1800"/></listEvent><listPlace><place xml:id="p"><placeName>Ulm</placeName></place></listPlace></standOff><text><body><p><date when="1801">1801</date></p></body></text></TEI>`;
    const extract = expectSame(text, '/tmp/header.xml');
    expect([extract?.title, extract?.date, extract?.mentions.map((m) => `${m.surface} ${m.inHeader}`)]).toEqual(['Play', '1800', ['Wien true', 'Ulm true', '2. Jan. true', '1801 false']]);
  });

  it('long documents: the text window is cut between mentions and the contexts stay those of the whole text', () => {
    const words = (n: number, w: string): string => Array.from({ length: n }, (_, i) => `${w}${i}`).join(' ');
    const tokens = (n: number, w: string): string => Array.from({ length: n }, (_, i) => `<w>${w}${i}</w>`).join('');
    // A mention longer than what is kept, mentions close together in many small pieces of text, a long stretch
    // without mentions, and a mention at the very end of the text.
    const body = `<p>${words(5000, 'a')} <placeName>${tokens(6000, 'long')}</placeName> ${words(3000, 'b')}</p>` +
      Array.from({ length: 400 }, (_, i) => `<p>${tokens(30, `c${i}x`)} <persName>P${i}</persName> <placeName>Q<persName>R${i}</persName></placeName></p>`).join('') +
      `<p>${tokens(70_000, 'd')}</p><p><placeName>End</placeName></p>`;
    const extract = expectSame(TEI(body), '/tmp/long.xml');
    expect(extract?.mentions.length).toBe(1202);
  });

  it('text no mention reads yet is kept as written: surfaces and contexts are still those of the whole collapsed text', () => {
    // Long text nodes with line ends, tabs and runs of spaces between mentions, and mentions close together.
    const messy = (n: number, w: string): string => Array.from({ length: n }, (_, i) => `${w}${i}${i % 7 === 0 ? '\n\t\t  ' : i % 3 === 0 ? '   ' : ' '}`).join('');
    const body = `<p>${messy(4000, 'a')}<placeName>Alpha\n  Town</placeName>${messy(10, 'b')}<placeName>Beta</placeName>\n   ${messy(3000, 'c')}</p>` +
      `<p>\n  ${messy(50, 'd')}  <persName>Gamma</persName>${messy(2000, 'e')}</p><p><placeName>Delta</placeName>\n\t</p>`;
    const doc = TEI(body);
    const extract = expectSame(doc, '/tmp/raw.xml')!;
    const parsed = tryParseXml(doc, { file: '/tmp/raw.xml' });
    if (!parsed.ok) throw new Error(parsed.diagnostic.message);
    const bodyEl = childElements(childElements(parsed.document.root, 'text')[0]!, 'body')[0]!;
    const whole = plainText(bodyEl);
    expect(extract.mentions.map((m) => m.surface)).toEqual(['Alpha Town', 'Beta', 'Gamma', 'Delta']);
    for (const m of extract.mentions) {
      const start = whole.indexOf(m.surface);
      expect([m.left, m.right], m.surface).toEqual([leftContext(whole, start), rightContext(whole, start + m.surface.length)]);
    }
    expect(extract.mentions[0]!.left).toBe('a3990 a3991 a3992 a3993 a3994 a3995 a3996 a3997 a3998 a3999');
  });
});

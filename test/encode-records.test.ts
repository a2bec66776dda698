/**
 * Other archive records in the same layout (fixtures written for these tests, test/fixtures/encode/): a letter, a
 * memorandum and a record of conversation, with missing and reordered sections, odd dates, `&`, `<` and quotes,
 * numbered paragraphs, "[sic]" and "[...]" inside the text. Each encodes to TEI that jing accepts against tei_all,
 * with the right title, date, call number and languages, and every word of its text in order.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { checkAuthority, encodeRecord, type Authority } from '../src/encode/index.js';
import { formatDiagnostic } from '../src/diagnostics.js';
import { attr, childElements } from '../src/xml/index.js';
import { hasCorpus, matchesGolden, projectRoot, teiAll } from './helpers.js';
import { all, hasJing, jing, mentions, one, parse, recordBodyWords, teiBodyWords, text } from './encode-helpers.js';

const fixtures = `${projectRoot}test/fixtures/encode/`;

function authorityOf(name: string): Authority {
  const check = checkAuthority(readFileSync(`${fixtures}${name}`, 'utf8'), name);
  if (!check.authority) throw new Error(JSON.stringify(check.diagnostics));
  return check.authority;
}

interface Case {
  file: string;
  authority?: string;
  title: string;
  date: Record<string, string>;
  callNumber?: string;
  pages?: string;
  languages: string[];
  type: string;
  blocks: string[];
}

const CASES: Case[] = [
  {
    file: 'letter-1962-06-01.txt',
    authority: 'letter-authority.json',
    title: 'Letter from Zhou Enlai to the Soviet Embassy in Beijing on Trade & Border Questions',
    date: { when: '1962-06-01' },
    callNumber: 'PRC FMA 109-03187-02',
    pages: '12-15',
    languages: ['en', 'zh'],
    type: 'letter',
    blocks: ['opener', 'p', 'p', 'p', 'gap', 'closer'],
  },
  {
    file: 'memorandum-july-1962.txt',
    title: 'Memorandum on the Situation in the Border Regions, July 1962',
    date: { when: '1962-07' },
    callNumber: 'AVPRF, f. 0100, op. 55, d. 4, pap. 480',
    languages: ['en', 'ru'],
    type: 'memorandum',
    blocks: ['head', 'p', 'p', 'p', 'p'],
  },
  {
    file: 'conversation-1962-05.txt',
    title: 'Record of Conversation between Soviet Ambassador Chervonenko and Chinese Vice Foreign Minister Zhang',
    date: { from: '1962-05-10', to: '1962-05-14' },
    callNumber: 'RGANI, f. 5, op. 49, d. 524',
    languages: ['en', 'ru'],
    type: 'record-of-conversation',
    blocks: ['sp', 'sp'],
  },
];

describe.each(CASES)('record $file', (c) => {
  const source = readFileSync(`${fixtures}${c.file}`, 'utf8');
  const { xml, diagnostics } = encodeRecord(source, { file: c.file, ...(c.authority ? { authority: authorityOf(c.authority) } : {}) });
  const doc = parse(xml);
  const header = one(doc, 'teiHeader');
  const bibl = one(one(header, 'sourceDesc'), 'bibl');

  it.skipIf(!hasJing || !hasCorpus)('is valid against tei_all', () => {
    expect(jing(teiAll, xml)).toEqual([]);
  });

  it('has the right title, date, call number, pages and languages', () => {
    expect(text(one(one(header, 'titleStmt'), 'title'))).toBe(c.title);
    const date = one(bibl, 'date');
    expect(Object.fromEntries(['when', 'from', 'to'].filter((a) => attr(date, a) !== undefined).map((a) => [a, attr(date, a)]))).toEqual(c.date);
    expect(all(bibl, 'idno').filter((i) => attr(i, 'type') === 'callNumber').map(text)).toEqual(c.callNumber ? [c.callNumber] : []);
    expect(all(bibl, 'biblScope').map(text)).toEqual(c.pages ? [c.pages] : []);
    expect(all(one(header, 'langUsage'), 'language').map((l) => attr(l, 'ident'))).toEqual(c.languages);
  });

  it('keeps every word of its text, in order', () => {
    expect(teiBodyWords(doc)).toEqual(recordBodyWords(source));
  });

  it('has the expected structure', () => {
    const div = one(one(doc, 'body'), 'div');
    expect(attr(div, 'type')).toBe(c.type);
    expect(childElements(div).map((e) => e.local)).toEqual(c.blocks);
  });

  it('reports only warnings, each at its line of the record (the golden file of its warnings)', () => {
    expect(diagnostics.filter((d) => d.severity !== 'warning')).toEqual([]);
    matchesGolden(`test/fixtures/encode/${c.file.replace(/\.txt$/, '.warnings.txt')}`, diagnostics.map((d) => formatDiagnostic(d) + '\n').join(''));
  });
});

describe('details of the fixture records', () => {
  const encode = (file: string, authority?: string) => {
    const result = encodeRecord(readFileSync(`${fixtures}${file}`, 'utf8'), { file, ...(authority ? { authority: authorityOf(authority) } : {}) });
    return { ...result, doc: parse(result.xml) };
  };

  it('letter: dates of every form, numbered paragraphs, [sic], a gap inside a paragraph, escaped & and <', () => {
    const { doc, xml } = encode('letter-1962-06-01.txt', 'letter-authority.json');
    const body = one(doc, 'body');
    expect(all(body, 'date').map((d) => [text(d), attr(d, 'when') ?? `${attr(d, 'from')}/${attr(d, 'to')}`, attr(d, 'cert')])).toEqual([
      ['10 May 1962', '1962-05-10', undefined],
      ['3 May', '1962-05-03', 'medium'],
      ['10 May through 14 May', '1962-05-10/1962-05-14', 'medium'],
      ['July 1962', '1962-07', undefined],
      ['June 15', '1962-06-15', 'medium'],
      ['June 1, 1962', '1962-06-01', undefined],
    ]);
    expect(all(body, 'p').map((p) => attr(p, 'n'))).toEqual(['1', '2', '3']);
    expect(all(body, 'sic').map(text)).toEqual(['late']);
    expect(xml).toContain('said to be &lt; 40% complete &amp; <sic>late</sic>.</p>');
    expect(xml).toContain('the "export plan" for 1962');
    expect(xml).toContain('The word \'urgent\' applies.');
    expect(xml).toContain('in <placeName ref="#beijing">Beijing</placeName> <gap reason="omitted"/> were useful');
    expect(xml).toContain('<title type="main">Letter from Zhou Enlai to the Soviet Embassy in Beijing on Trade &amp; Border Questions</title>');
    const closer = one(body, 'closer');
    expect(childElements(closer).map((e) => e.local)).toEqual(['salute', 'signed', 'dateline']);
    expect(mentions(closer)).toEqual([['persName', '#zhou-enlai', 'Zhou Enlai'], ['placeName', '#beijing', 'Beijing']]);
    expect(text(one(one(body, 'opener'), 'salute'))).toBe('Dear Comrade Ambassador,');
  });

  it('letter: header with two funders, the translator and a correspDesc from the signature and the salutation', () => {
    const { doc } = encode('letter-1962-06-01.txt', 'letter-authority.json');
    const header = one(doc, 'teiHeader');
    expect(all(header, 'funder').map(text)).toEqual(['Henry Luce Foundation', 'MacArthur Foundation']);
    expect(all(one(header, 'titleStmt'), 'respStmt').map((r) => text(one(r, 'name')))).toEqual(['Jane S. Doe', 'teikit encode']);
    const actions = all(header, 'correspAction');
    expect(mentions(actions[0]!)).toEqual([['persName', '#zhou-enlai', 'Zhou Enlai']]);
    expect(text(actions[1]!)).toBe('Comrade Ambassador');
    expect(text(one(header, 'abstract'))).toBe('Zhou Enlai asks the Soviet Embassy about trade "in good faith" & the border.');
  });

  it('memorandum: reordered sections, no Credits, a Summary of two paragraphs, numbered lines as paragraphs, day ranges', () => {
    const { doc, diagnostics } = encode('memorandum-july-1962.txt');
    const header = one(doc, 'teiHeader');
    expect(all(one(header, 'abstract'), 'p').map(text)).toEqual(['A memorandum on the situation after the spring.', 'Second paragraph of the summary.']);
    expect(all(header, 'funder')).toEqual([]);
    expect(all(header, 'correspDesc')).toEqual([]);
    const dates = all(one(doc, 'body'), 'date').map((d) => [text(d), attr(d, 'when') ?? `${attr(d, 'from')}/${attr(d, 'to')}`]);
    expect(dates).toEqual([
      ['10 May through 14 May', '1962-05-10/1962-05-14'],
      ['20 June', '1962-06-20'],
      ['June 25', '1962-06-25'],
      ['5-7 July 1962', '1962-07-05/1962-07-07'],
    ]);
    expect(diagnostics.map((d) => `${d.line}:${d.column} ${d.ruleId} ${d.message}`)).toEqual([
      '30:45 encode/unknown-name capitalised name "Moscow" is not in the authority file; left untagged',
    ]);
  });

  it('conversation: no Summary or Credits; a date range as date line; < and > in the text; bracketed note kept as supplied; speeches', () => {
    const { doc, xml, diagnostics } = encode('conversation-1962-05.txt');
    expect(xml).toContain('cannot accept the term "flight" &lt;as such&gt;. <supplied reason="clarification">Zhang then spoke at length.</supplied>');
    // Speaker labels are speeches (TEI P5 3.13.2); without an authority file "Yili [Ili]" is still a name and its
    // second name, both without @ref.
    expect(xml).toContain(
      '<sp>\n          <speaker>Chervonenko:</speaker>\n          <p>The Soviet side notes the events of <date when="1962-04-22" cert="medium">April 22</date> &amp; ' +
        '<date when="1962-04-23">April 23, 1962</date> in <placeName>Yili</placeName> <supplied reason="alternative-name"><placeName>Ili</placeName></supplied>.</p>\n        </sp>',
    );
    expect(xml).toContain('<sp>\n          <speaker>Zhang:</speaker>\n          <p>The Chinese side cannot accept');
    expect(all(one(doc, 'teiHeader'), 'abstract')).toEqual([]);
    expect(all(one(doc, 'teiHeader'), 'respStmt').map((r) => text(one(r, 'name')))).toEqual(['Gary Goldberg', 'Sergey Radchenko', 'teikit encode', 'Gary Goldberg', 'Sergey Radchenko']);
    expect(diagnostics.map((d) => d.message.replace(/ is not.*/, ''))).toEqual([
      'capitalised name "Soviet"',
      '"Yili [Ili]": a name and its second name in brackets, neither in the authority file; both tagged placeName without @ref (add an entry with both names)',
      'capitalised name "Chinese"',
    ]);
  });
});

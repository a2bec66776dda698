/**
 * The encoder's parts on their own, table-driven: dates, brackets, the citation, the JSON reader with positions,
 * authority checks, the record layout, and inline details (line breaks, escapes, names inside brackets).
 */
import { describe, expect, it } from 'vitest';
import { checkAuthority, encodeRecord, findDates, parseCitation, parseDatePhrase, parseFunders, parseRecord, type Authority } from '../src/encode/index.js';
import { scanBrackets } from '../src/encode/brackets.js';
import { parseJson, JsonSyntaxError } from '../src/encode/json.js';
import { TeikitError } from '../src/diagnostics.js';
import { hasCorpus, teiAll } from './helpers.js';
import { hasJing, jing, parse, recordBodyWords, teiBodyWords } from './encode-helpers.js';

describe('dates', () => {
  const cases: [string, number | undefined, [string, string][]][] = [
    ['on April 21, 1962 and', undefined, [['April 21, 1962', 'when=1962-04-21']]],
    ['21 April 1962', undefined, [['21 April 1962', 'when=1962-04-21']]],
    ['the 21st of April, 1962', undefined, [['21st of April, 1962', 'when=1962-04-21']]],
    ['Apr. 21, 1962', undefined, [['Apr. 21, 1962', 'when=1962-04-21']]],
    ['June 1, 1962', undefined, [['June 1, 1962', 'when=1962-06-01']]],
    ['in July 1962 the', undefined, [['July 1962', 'when=1962-07']]],
    ['an 18 April phone call', 1962, [['18 April', 'when=1962-04-18 inferred']]],
    ['an 18 April phone call', undefined, []],
    ['on April 18 they', 1962, [['April 18', 'when=1962-04-18 inferred']]],
    ['from 10 May through 14 May', 1962, [['10 May through 14 May', 'from=1962-05-10 to=1962-05-14 inferred']]],
    ['from 10 May to 14 May 1963', 1962, [['10 May to 14 May 1963', 'from=1963-05-10 to=1963-05-14']]],
    ['10-14 May 1962', undefined, [['10-14 May 1962', 'from=1962-05-10 to=1962-05-14']]],
    ['May 10–14, 1962', undefined, [['May 10–14, 1962', 'from=1962-05-10 to=1962-05-14']]],
    ['dated 1962-04-21.', undefined, [['1962-04-21', 'when=1962-04-21']]],
    ['29 February 1964', undefined, [['29 February 1964', 'when=1964-02-29']]],
    ['you may 10 times', 1962, []],
    ['PRC FMA 118-01771-10, 4', 1962, []],
  ];
  it.each(cases)('%s (document year %s)', (text, year, expected) => {
    const { dates } = findDates(text, year);
    const show = dates.map((d) => [
      text.slice(d.start, d.end),
      [d.value.when && `when=${d.value.when}`, d.value.from && `from=${d.value.from}`, d.value.to && `to=${d.value.to}`, d.value.yearInferred && 'inferred'].filter(Boolean).join(' '),
    ]);
    expect(show).toEqual(expected);
  });

  it('reports dates that are not calendar dates', () => {
    expect(findDates('on 31 April 1962 and February 29, 1962', 1962).bad.map((b) => b.text)).toEqual(['31 April 1962', 'February 29, 1962']);
    expect(findDates('from 14 May through 10 May', 1962).bad.map((b) => b.text)).toEqual(['14 May through 10 May']);
  });

  it('reads whole phrases (date lines)', () => {
    expect(parseDatePhrase('April 21, 1962')).toEqual({ when: '1962-04-21', yearInferred: false, approximate: false });
    expect(parseDatePhrase('1962')).toEqual({ when: '1962', yearInferred: false, approximate: false });
    expect(parseDatePhrase('c. 1962')).toEqual({ when: '1962', yearInferred: false, approximate: true });
    expect(parseDatePhrase('1960s')).toEqual({ from: '1960', to: '1969', yearInferred: false, approximate: true });
    expect(parseDatePhrase('May 10, 1962 - May 14, 1962')).toEqual({ from: '1962-05-10', to: '1962-05-14', yearInferred: false, approximate: false });
    expect(parseDatePhrase('Saturday, April 21, 1962')).toEqual({ when: '1962-04-21', yearInferred: false, approximate: false });
    expect(parseDatePhrase('Spring 1962')).toEqual({ from: '1962-03', to: '1962-05', yearInferred: false, approximate: true });
    expect(parseDatePhrase('mid-1962')).toEqual({ when: '1962', yearInferred: false, approximate: true });
    expect(parseDatePhrase('18 April')).toBeUndefined();
    expect(parseDatePhrase('Sometime in spring')).toBeUndefined();
    expect(parseDatePhrase('April 21, 1962 and more')).toBeUndefined();
  });
});

describe('brackets', () => {
  it('classifies gaps, sic and supplied words, and reports unbalanced brackets', () => {
    const { brackets, problems } = scanBrackets('[To the] a [...] b [sic] c [ … ] \\[literal\\] d ] e [never');
    expect(brackets.map((b) => [b.kind, b.content])).toEqual([
      ['supplied', 'To the'],
      ['gap', '...'],
      ['sic', 'sic'],
      ['gap', ' … '],
    ]);
    expect(problems.map((p) => p.message)).toEqual(['bracket "]" has no opening "["; kept as text', 'bracket "[" is never closed; kept as text']);
  });
});

describe('citation and credits', () => {
  it('takes the archive citation apart', () => {
    const c = parseCitation(`"Cable from the Chinese Foreign Ministry, 'Handling the Issue'", April 21, 1962, Wilson Center Digital Archive, PRC FMA 118-01771-10, 4. Translated by 7Brands. <https://example.org/document/118181>`);
    expect(c).toMatchObject({
      title: "Cable from the Chinese Foreign Ministry, 'Handling the Issue'",
      dateText: 'April 21, 1962',
      publisher: 'Wilson Center Digital Archive',
      callNumber: 'PRC FMA 118-01771-10',
      pages: '4',
      translators: ['7Brands'],
      url: 'https://example.org/document/118181',
      documentNumber: '118181',
      parsed: true,
    });
  });

  it('keeps call numbers with abbreviations and initials of translators together', () => {
    const c = parseCitation('"Memo", July 1962, Wilson Center Digital Archive, AVPRF, f. 0100, op. 55, d. 4, pap. 480. Obtained by Xu Li. Translated by Jane S. Doe and John Smith.');
    expect(c.callNumber).toBe('AVPRF, f. 0100, op. 55, d. 4, pap. 480');
    expect(c.pages).toBeUndefined();
    expect(c.translators).toEqual(['Jane S. Doe', 'John Smith']);
    expect(c.statements).toEqual(['Obtained by Xu Li']);
  });

  it('percent-encodes what a URI may not hold in the document link', () => {
    expect(parseCitation('x <https://example.org/document[/1|^ > y').url).toBe('https://example.org/document%5B/1%7C%5E');
  });

  it('says when a citation is not in the usual form', () => {
    expect(parseCitation('Some other citation. https://example.org/x/42')).toMatchObject({ parsed: false, url: 'https://example.org/x/42', documentNumber: '42' });
  });

  it('finds funders in the Credits sentence', () => {
    expect(parseFunders('This document was made possible with support from MacArthur Foundation')).toEqual(['MacArthur Foundation']);
    expect(parseFunders('Made possible with support from the Henry Luce Foundation, Carnegie Corporation of New York and MacArthur Foundation.')).toEqual(['Henry Luce Foundation', 'Carnegie Corporation of New York', 'MacArthur Foundation']);
    expect(parseFunders('With support from the Arnold and Mabel Beckman Foundation')).toEqual(['Arnold and Mabel Beckman Foundation']);
    expect(parseFunders('Thanks to everyone')).toEqual([]);
  });
});

describe('JSON with positions', () => {
  it('records where each value starts', () => {
    const { value, offsets } = parseJson('{"a": [1, {"b": null}], "c~/d": "x"}');
    expect(value).toEqual({ a: [1, { b: null }], 'c~/d': 'x' });
    expect(offsets.get('/a/1/b')).toBe(16);
    expect(offsets.get('/c~0~1d')).toBe(32);
  });

  it.each([
    ['', 'a value was expected, found end of file', 0],
    ['{"a": 1,}', 'a property name in double quotes was expected, found "}"', 8],
    ['[1 2]', '"," was expected, found "2"', 3],
    ['{"a": tru}', 'a value was expected, found "tru"', 6],
    ['{"a": "x\ny"}', 'the string is not closed on its line (a raw line break cannot be in a string)', 6],
    ['{"a": 1, "a": 2}', 'duplicate key "a"', 9],
    ['{} x', 'a value was expected, found "x"', 3],
    ['{"a": 1} // note', 'comments are not allowed in JSON, found "// note"', 9],
    ['['.repeat(100_000), 'nested too deeply', 0],
  ])('%j fails with a message and the offset', (text, message, offset) => {
    let error: unknown;
    try {
      parseJson(text);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(JsonSyntaxError);
    expect([(error as JsonSyntaxError).message, (error as JsonSyntaxError).offset]).toEqual([message, offset]);
  });
});

describe('authority files', () => {
  it('accepts a parsed object too (positions then default to 1:1)', () => {
    const check = checkAuthority({ places: [{ id: 'x', names: [{ name: 'X', lang: 'en' }], geo: { lat: 1, long: 2 } }] }, 'mem.json');
    expect(check.diagnostics).toEqual([]);
    expect(check.authority?.entities).toEqual([{ kind: 'place', id: 'x', names: [{ name: 'X', lang: 'en' }], geo: { lat: 1, long: 2 } }]);
  });

  it('refuses identifiers that are not real identifiers in form', () => {
    const check = checkAuthority('{"places": [{"id": "x", "names": [{"name": "X", "lang": "en"}], "idnos": [{"type": "wikidata", "value": "34800"}]}]}', 'a.json');
    expect(check.diagnostics.map((d) => `${d.line}:${d.column} ${d.message}`)).toEqual(['1:105 authority file breaks its schema at /places/0/idnos/0/value: must match pattern "^Q[1-9][0-9]*$"']);
  });
});

const RECORD = (body: string, header = '') => `**April 21, 1962**\n\n**A Cable from  \nSomewhere**\n\n${header}**Contents:**\n\nTranslation - English\n\n[...]\n\n${body}\n\n[...]\n`;

describe('record layout', () => {
  it('joins a wrapped title, defaults the language to English and reads a record with no sections but Contents', () => {
    const r = parseRecord(RECORD('Text.'), { file: 'r.txt' });
    expect(r.title).toBe('A Cable from Somewhere');
    expect(r.textLanguage).toEqual({ name: 'English', tag: 'en', known: true });
    expect(r.originalLanguages).toEqual([]);
    expect(r.citation).toBeUndefined();
    expect(r.diagnostics).toEqual([]);
  });

  it('takes the language of the text from the translation line of Contents, before a transcript line', () => {
    const r = parseRecord('**1962**\n\n**T**\n\n**Contents:**\n\nOriginal Scan\nTranscript - Chinese\nTranslation - English\n\n**Original Language:**\n\nChinese\n\n[...]\n\nText.\n\n[...]\n');
    expect([r.textLanguage.tag, r.originalLanguages.map((l) => l.tag), r.contents]).toEqual(['en', ['zh'], ['Original Scan', 'Transcript - Chinese', 'Translation - English']]);
  });

  it('takes title and date from the citation when their lines are missing (with warnings)', () => {
    const text = '**Citation:**\n\n"A Letter", June 1, 1962, Wilson Center Digital Archive, X 1. Translated by Y.\n\n[...]\n\nText.\n\n[...]\n';
    const r = parseRecord(text, { file: 'r.txt' });
    expect(r.title).toBe('A Letter');
    expect(r.date?.value.when).toBe('1962-06-01');
    expect(r.diagnostics.map((d) => d.ruleId)).toEqual(['encode/title-from-citation', 'encode/date-from-citation']);
  });

  it('throws a TeikitError with exit code 1 and the line for unusable records', () => {
    let error: unknown;
    try {
      parseRecord('**April 21, 1962**\n\n**Title**\n\nno markers here\n', { file: 'r.txt' });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(TeikitError);
    expect((error as TeikitError).exitCode).toBe(1);
    expect((error as TeikitError).message).toBe('r.txt:5:1: error the record has no text: no "[...]" line starts the document [encode/no-body]');
  });

  it('warns about text after the closing marker, an unknown language and a missing closing marker', () => {
    const r = parseRecord('**1962**\n\n**T**\n\n**Original Language:**\n\nKlingon\n\n[...]\n\nText.\n\n[...]\n\nFootnote.\n', { file: 'r.txt' });
    expect(r.diagnostics.map((d) => `${d.line}:${d.column} ${d.ruleId}`)).toEqual(['15:1 encode/after-end-marker', '5:1 encode/language']);
    expect(r.originalLanguages).toEqual([{ name: 'Klingon', tag: 'und', known: false }]);
    const open = parseRecord('**1962**\n\n**T**\n\n[...]\n\nText.\n', { file: 'r.txt' });
    expect(open.diagnostics.map((d) => d.ruleId)).toEqual(['encode/no-end-marker']);
    expect(open.body).toHaveLength(1);
  });
});

describe('record text and structure', () => {
  it('reads CRLF line ends and a byte order mark like LF', () => {
    const lf = RECORD('[To the] Office:\n\nText.\n\nThe Office  \nApril 21, 1962');
    const crlf = new TextEncoder().encode('\uFEFF' + lf.replace(/\n/g, '\r\n'));
    expect(encodeRecord(crlf, { file: 'r.txt' }).xml).toBe(encodeRecord(lf, { file: 'r.txt' }).xml);
  });

  it('reads a record that is not UTF-8 as Windows-1252, with a warning', () => {
    const bytes = Uint8Array.from([...'**1962**\n\n**Caf'].map((c) => c.charCodeAt(0)).concat([0xe9], [...'**\n\n[...]\n\nText.\n\n[...]\n'].map((c) => c.charCodeAt(0))));
    const r = parseRecord(bytes, { file: 'r.txt' });
    expect(r.title).toBe('Café');
    expect(r.diagnostics.map((d) => `${d.line}:${d.column} ${d.ruleId}`)).toEqual(['3:6 encode/encoding']);
  });

  it('an opener is an address; a paragraph ending with ":" is not', () => {
    const kinds = (body: string) => parseRecord(RECORD(body)).body.map((p) => p.kind);
    expect(kinds('Head Line\n\n[To the] Foreign Affairs Office:\n\nText.')).toEqual(['head', 'opener', 'p']);
    expect(kinds('Head Line\n\nComrade Mao Zedong:\n\nText.')).toEqual(['head', 'opener', 'p']);
    expect(kinds('Head Line\n\nThe following points were discussed:\n\nText.')).toEqual(['head', 'p', 'p']);
    expect(kinds('Text one.\n\nText two.\n\nRegards,\n\nThe Office  \n1 May 1962')).toEqual(['p', 'p', 'closer']);
    // A closer needs a paragraph before it (TEI div content): a signature after only a gap stays a paragraph.
    expect(kinds('[...]\n\nThe Office  \n1 May 1962')).toEqual(['gap', 'p']);
  });

  it('keeps a citation link that is not a URL as text only, with a warning', () => {
    const r = parseRecord('**1962**\n\n**T**\n\n**Citation:**\n\n"T", 1962, Wilson Center Digital Archive, X 1. https://exa[mple.org/1\n\n[...]\n\nText.\n\n[...]\n', { file: 'r.txt' });
    expect(r.citation?.url).toBeUndefined();
    expect(r.diagnostics.map((d) => d.message)).toEqual(['the citation\'s link "https://exa[mple.org/1" is not a valid URL; kept as text only']);
  });
});

describe('inline encoding', () => {
  const authority: Authority = {
    entities: [
      { kind: 'place', id: 'ili', names: [{ name: 'Yili', lang: 'zh-Latn-pinyin' }, { name: 'Ili', lang: 'en' }] },
      { kind: 'place', id: 'tacheng', names: [{ name: 'Tacheng', lang: 'zh-Latn-pinyin' }] },
      { kind: 'person', id: 'zhou', names: [{ name: 'Zhou Enlai', lang: 'en' }] },
    ],
  };
  const body = (text: string) => {
    const { xml, diagnostics } = encodeRecord(RECORD(text), { file: 'r.txt', authority });
    const p = xml.slice(xml.indexOf('<div'), xml.indexOf('</div>'));
    return { p, diagnostics, xml };
  };

  it('turns markdown hard breaks into lb and removes backslash escapes, keeping the words', () => {
    const { p, xml } = body('First line  \nsecond line\\\nthird \\[not a bracket\\] 1\\. done');
    expect(p).toContain('<p>First line<lb/>\nsecond line<lb/>\nthird [not a bracket] 1. done</p>');
    expect(teiBodyWords(parse(xml))).toEqual(['First', 'line', 'second', 'line', 'third', '[not', 'a', 'bracket]', '1.', 'done']);
  });

  it('turns markdown emphasis into hi, leaving lone and escaped asterisks and snake_case alone', () => {
    const { p } = body('The *Renmin Ribao* of **18 April**: 5 * 3, snake_case_word, \\*not\\* and _Pravda_ in *Yili [Ili]*.');
    expect(p).toContain(
      '<p>The <hi rend="italic">Renmin Ribao</hi> of <hi rend="bold"><date when="1962-04-18" cert="medium">18 April</date></hi>: 5 * 3, snake_case_word, *not* and <hi rend="italic">Pravda</hi> in <hi rend="italic"><placeName ref="#ili">Yili</placeName> <supplied reason="alternative-name"><placeName ref="#ili">Ili</placeName></supplied></hi>.</p>',
    );
  });

  it('a bracketed name after a name of another entry is still an alternative name, with a warning', () => {
    const { p, diagnostics } = body('Near Yili [Tacheng] today.');
    expect(p).toContain('<placeName ref="#ili">Yili</placeName> <supplied reason="alternative-name"><placeName ref="#tacheng">Tacheng</placeName></supplied>');
    expect(diagnostics.map((d) => `${d.line}:${d.column} ${d.ruleId}`)).toEqual(['12:11 encode/alternative-name']);
  });

  it('a name cut by a bracket is not tagged ("Zhou [Enlai" ... "]")', () => {
    const { p } = body('Zhou [Enlai and others] came.');
    expect(p).toContain('<p>Zhou <supplied reason="clarification">Enlai and others</supplied> came.</p>');
  });

  it('[sic] after a name keeps the name and marks the word', () => {
    const { p } = body('We met Tacheng [sic] people.');
    expect(p).toContain('We met <placeName ref="#tacheng"><sic>Tacheng</sic></placeName> people.');
  });

  it('is not confused by private-use characters in the text (the serializer\'s placeholders)', () => {
    const { p } = body('A \uE000 and \uE0010\uE001 text.');
    expect(p).toContain('<p>A \uE000 and \uE0010\uE001 text.</p>');
  });

  it.skipIf(!hasJing || !hasCorpus)('all of the above is valid TEI', () => {
    const { xml } = encodeRecord(
      RECORD('First line  \nsecond [sic] Yili [Tacheng] [...] Zhou [Enlai and others] 10-14 May *in italics* **bold [x]**\n\n1. One\n2. Two', '**Credits:**\n\nNo funder named.\n\n**Weird:**\n\nKept.\n\n'),
      { file: 'r.txt', authority },
    );
    expect(jing(teiAll, xml)).toEqual([]);
    expect(teiBodyWords(parse(xml))).toEqual(recordBodyWords(RECORD('First line  \nsecond [sic] Yili [Tacheng] [...] Zhou [Enlai and others] 10-14 May *in italics* **bold [x]**\n\n1. One\n2. Two')));
  });
});

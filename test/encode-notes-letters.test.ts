/**
 * Notes, letters and conversations as the archive prints them: note markers become `note` elements at the marker,
 * the address of a letter its opener, its signature block `closer/signed`, its "P.S." a `postscript`, speaker labels
 * `sp`/`speaker` with `@who`; a bracketed second name without an entry is still a second name.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { encodeRecord, loadAuthority } from '../src/encode/index.js';
import { transformToHtml, transformToText } from '../src/transform/index.js';
import { hasJing, jing } from './encode-helpers.js';
import { hasCorpus, projectRoot, teiAll } from './helpers.js';

const fixtures = join(projectRoot, 'test', 'fixtures', 'encode');
const editionSchema = join(projectRoot, 'schemas', 'teikit-edition.rng');
const cableAuthority = join(projectRoot, 'editions', 'wilson-118181', 'authority.json');

function encode(name: string, authority?: string) {
  const file = join(fixtures, name);
  const result = encodeRecord(readFileSync(file), { file: name, ...(authority ? { authority: loadAuthority(authority) } : {}) });
  const body = /<body>\n([\s\S]*)\n {4}<\/body>/.exec(result.xml)![1]!.split('\n').map((l) => l.replace(/^ {6}/, ''));
  return { ...result, body, warnings: result.diagnostics.map((d) => `${d.line}:${d.column} ${d.message} [${d.ruleId}]`) };
}

describe('notes', () => {
  const r = encode('report-notes.txt', cableAuthority);

  it('are put at their markers, a second reference is a ptr, a note without a marker ends the text', () => {
    expect(r.body).toEqual([
      '<div type="report">',
      '  <p n="1">1. On <date when="1962-04-22" cert="medium">22 April</date> residents of <placeName ref="#ili">Yili</placeName> <supplied reason="alternative-name"><placeName ref="#ili">Ili</placeName></supplied> reached the border crossing.<note place="foot" n="1" xml:id="note-1">The crossing at Huocheng, west of Yining.</note> The county cadres were not informed.</p>',
      '  <p n="2">2. Trucks of the <placeName ref="#soviet-union">Soviet Union</placeName> waited at the border<note place="foot" n="2" xml:id="note-2">The word in the original is "frontier line".',
      'The translator keeps "border" throughout.</note> and took the residents away.[3]</p>',
      '  <p n="3">3. The figures will be reported again<ptr target="#note-1" n="1"/> when they are complete.</p>',
      '  <note place="end" n="4" xml:id="note-3">A note that no marker in the text points to.</note>',
      '</div>',
    ]);
    // The marker is never text, so "The" after "crossing.[1]" starts a sentence and is no unknown name.
    expect(r.warnings).toEqual([
      '26:81 note marker "[3]" has no note after the text; kept as written [encode/note-missing]',
      '32:21 capitalised name "Huocheng" is not in the authority file; left untagged [encode/unknown-name]',
      '32:39 capitalised name "Yining" is not in the authority file; left untagged [encode/unknown-name]',
      '37:1 note "4" has no marker in the text; kept at the end of the text [encode/note-unreferenced]',
    ]);
    expect(r.xml).not.toContain('<notesStmt>');
  });

  it.skipIf(!hasJing || !hasCorpus)('are valid TEI, against tei_all and the edition schema (jing)', () => {
    expect(jing(teiAll, r.xml)).toEqual([]);
    expect(jing(editionSchema, r.xml)).toEqual([]);
  });

  it('print in the text as the record did: the marker in place, the notes after the text', () => {
    const text = transformToText(r.xml, { file: 'report-notes.xml' });
    expect(text.split('\n\n').slice(-7)).toEqual([
      '1. On 22 April residents of Yili [Ili] reached the border crossing.[1] The county cadres were not informed.',
      '2. Trucks of the Soviet Union waited at the border[2] and took the residents away.[3]',
      '3. The figures will be reported again[1] when they are complete.',
      'Notes',
      '[1] The crossing at Huocheng, west of Yining.',
      '[2] The word in the original is "frontier line". The translator keeps "border" throughout.',
      '[4] A note that no marker in the text points to.\n',
    ]);
    expect(transformToText(r.xml, { file: 'report-notes.xml', reading: true })).toContain('reached the border crossing.¹ The county cadres');
  });

  it('show in the HTML as note references and notes, linked both ways', () => {
    const html = transformToHtml(r.xml, { file: 'report-notes.xml' });
    // Three references as the record numbers them (the ptr repeats note 1); the note kept at the end has no marker.
    const refs = [...html.matchAll(/<sup class="tk-noteref"><a href="#([^"]+)"(?: id="([^"]+)")? aria-label="Note ([^"]+)">/g)];
    expect(refs.map((m) => m[3])).toEqual(['1', '2', '1']);
    expect(refs[2]![1]).toBe(refs[0]![1]);
    for (const [, note, ref] of refs) {
      expect(html).toContain(`<li id="${note}"`);
      if (ref !== undefined) expect(html).toContain(`href="#${ref}"`);
    }
    expect([...html.matchAll(/<li id="tk:note-[^"]+" value="(\d+)">/g)].map((m) => m[1])).toEqual(['1', '2', '4']);
    expect(html).toContain('The crossing at Huocheng, west of Yining.');
  });
});

describe('notes: bad input', () => {
  const record = (text: string, after: string) =>
    `**May 3, 1962**\n\n**Report on the Crossings**\n\n[...]\n\n${text}\n\n[...]\n\n${after}\n`;

  it('a marker inside a name keeps the name from being tagged; two notes with one number: the second ends the text', () => {
    const r = encodeRecord(record('They went to the Soviet[1] Union on foot.', '[1] By the road.\n\n[1] Again.'), { file: 'r.txt', authority: loadAuthority(cableAuthority) });
    expect(r.xml).toContain('<p>They went to the Soviet<note place="foot" n="1" xml:id="note-1">By the road.</note> Union on foot.</p>');
    expect(r.xml).toContain('<note place="end" n="1" xml:id="note-2">Again.</note>');
    expect(r.diagnostics.map((d) => `${d.line}:${d.column} ${d.message} [${d.ruleId}]`)).toEqual([
      '7:18 capitalised name "Soviet" is not in the authority file; left untagged [encode/unknown-name]',
      '7:24 note marker "[1]" stands inside the name "Soviet Union", which is left untagged; put the marker after the name [encode/note-in-name]',
      '13:1 a second note "1"; the marker points to the first, and this one is kept at the end of the text [encode/note-duplicate]',
    ]);
  });

  it('paragraphs after a note without a marker of their own belong to it', () => {
    const r = encodeRecord(record('A crossing.[1]', '[1] First paragraph.\n\nSecond paragraph.'), { file: 'r.txt' });
    expect(r.xml).toContain('<p>A crossing.<note place="foot" n="1" xml:id="note-1"><p>First paragraph.</p><p>Second paragraph.</p></note></p>');
    expect(r.diagnostics).toEqual([]);
  });
});

describe('letters', () => {
  it('an address line is the opener, the signature block closer/signed, the sender and addressee correspDesc, P.S. a postscript', () => {
    const r = encode('letter-testov-1962-06-02.txt', join(fixtures, 'letter-testov-authority.json'));
    expect(r.body).toEqual([
      '<div type="letter">',
      '  <opener><address><addrLine>To the <orgName ref="#su-mfa">Ministry of Foreign Affairs of the <placeName ref="#soviet-union">USSR</placeName></orgName></addrLine></address>',
      '<salute>Comrades,</salute></opener>',
      '  <p>In the last days of May another group of residents of <placeName ref="#ili">Yili</placeName> crossed the border near <placeName>Alma-Ata</placeName> <supplied reason="alternative-name"><placeName>Almaty</placeName></supplied> and asked to remain in the <placeName ref="#soviet-union">Soviet Union</placeName>.</p>',
      '  <p>The Chinese side has asked for their return. We await your instructions.</p>',
      '  <closer>',
      '    <salute>With comradely greetings,</salute>',
      '    <signed>Consul of the <placeName ref="#soviet-union">USSR</placeName> in <placeName ref="#urumqi">Urumqi</placeName><lb/>',
      '<persName ref="#testov">A. Testov</persName></signed>',
      '    <dateline><date when="1962-06-02">June 2, 1962</date></dateline>',
      '  </closer>',
      '  <postscript>',
      '    <p>P.S. The list of the residents\' names follows by the next courier.</p>',
      '  </postscript>',
      '</div>',
    ]);
    expect(/<correspDesc>[\s\S]*<\/correspDesc>/.exec(r.xml)![0]).toBe(
      [
        '<correspDesc>',
        '        <correspAction type="sent">',
        '          <persName ref="#testov">A. Testov</persName>',
        '          <date when="1962-06-02"/>',
        '        </correspAction>',
        '        <correspAction type="received">',
        '          <orgName ref="#su-mfa">Ministry of Foreign Affairs of the USSR</orgName>',
        '        </correspAction>',
        '      </correspDesc>',
      ].join('\n'),
    );
    expect(r.warnings).toEqual([
      '28:84 "Alma-Ata [Almaty]": a name and its second name in brackets, neither in the authority file; both tagged placeName without @ref (add an entry with both names) [encode/alternative-name-unknown]',
      '30:5 capitalised name "Chinese" is not in the authority file; left untagged [encode/unknown-name]',
    ]);
    if (hasJing && hasCorpus) expect(jing(teiAll, r.xml)).toEqual([]);
  });

  it('without an authority file the reading text never runs a name and its second name together', () => {
    const r = encode('letter-testov-1962-06-02.txt');
    expect(r.xml).toContain('<correspAction type="sent">\n          <name>A. Testov</name>');
    expect(r.xml).toContain('<correspAction type="received">\n          <name>Ministry of Foreign Affairs of the USSR</name>');
    const reading = transformToText(r.xml, { file: 'letter.xml', reading: true });
    expect(reading).toContain('crossed the border near Alma-Ata (Almaty) and asked');
    expect(reading).not.toContain('Alma-Ata Almaty');
  });
});

describe('records of conversation', () => {
  it('speaker labels are speeches, with @who pointing into the person register', () => {
    const r = encode('conversation-1962-05.txt', join(fixtures, 'conversation-authority.json'));
    expect(r.body).toEqual([
      '<div type="record-of-conversation">',
      '  <sp who="#chervonenko">',
      '    <speaker><persName ref="#chervonenko">Chervonenko</persName>:</speaker>',
      '    <p>The Soviet side notes the events of <date when="1962-04-22" cert="medium">April 22</date> &amp; <date when="1962-04-23">April 23, 1962</date> in <placeName ref="#ili">Yili</placeName> <supplied reason="alternative-name"><placeName ref="#ili">Ili</placeName></supplied>.</p>',
      '  </sp>',
      '  <sp who="#zhang-wentian">',
      '    <speaker><persName ref="#zhang-wentian">Zhang</persName>:</speaker>',
      '    <p>The Chinese side cannot accept the term "flight" &lt;as such&gt;. <supplied reason="clarification"><persName ref="#zhang-wentian">Zhang</persName> then spoke at length.</supplied></p>',
      '  </sp>',
      '</div>',
    ]);
    if (hasJing && hasCorpus) {
      expect(jing(teiAll, r.xml)).toEqual([]);
      expect(jing(editionSchema, r.xml)).toEqual([]);
    }
  });
});

/**
 * `teikit annotate` and `annotateTei`: names and dates tagged into an edition that an editor has changed by hand,
 * every other byte kept, registers completed, idempotent.
 */
import { copyFileSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { annotateTei } from '../src/annotate/index.js';
import { loadAuthority } from '../src/encode/index.js';
import { projectRoot, runCli } from './helpers.js';

const fixtures = join(projectRoot, 'test', 'fixtures', 'annotate');
const cableDir = join(projectRoot, 'editions', 'wilson-118181');
const cable = join(cableDir, 'wilson-118181.xml');
const tmp = mkdtempSync(join(tmpdir(), 'teikit-annotate-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

/** `text` with `insert` put after (or before) `anchor`, which must occur exactly once. */
function insertAfter(text: string, anchor: string, insert: string): string {
  expect(text.split(anchor), `"${anchor}" occurs once`).toHaveLength(2);
  return text.replace(anchor, () => anchor + insert);
}
function insertBefore(text: string, anchor: string, insert: string): string {
  expect(text.split(anchor), `"${anchor}" occurs once`).toHaveLength(2);
  return text.replace(anchor, () => insert + anchor);
}

describe('annotateTei', () => {
  it('changes nothing in the committed cable with its own authority file', () => {
    const input = readFileSync(cable);
    const result = annotateTei(input, { file: cable, authority: loadAuthority(join(cableDir, 'authority.json')) });
    expect(result.changed).toBe(false);
    expect(result.xml).toBe(input.toString('utf8'));
    expect(result.counts).toEqual({ names: 0, dates: 0, refs: 0, entries: 0, details: 0 });
    expect(result.diagnostics).toEqual([]);
  });

  it('tags a name new to the authority file in a hand-edited cable and leaves every other byte of the edit in place', () => {
    const edited = readFileSync(join(fixtures, 'cable-edited.xml'), 'utf8');
    const authority = loadAuthority(join(fixtures, 'authority-edited.json'));
    const result = annotateTei(edited, { file: 'cable-edited.xml', authority });
    const goldenPath = join(fixtures, 'cable-edited.annotated.xml');
    if (process.env['UPDATE'] === '1') writeFileSync(goldenPath, result.xml);
    expect(result.xml).toBe(readFileSync(goldenPath, 'utf8'));
    expect(result.counts).toEqual({ names: 1, dates: 0, refs: 0, entries: 1, details: 1 });
    expect(result.diagnostics).toEqual([]);
    // The diff: three insertions, nothing else. The editor's note (which also says "borders residents"), comment,
    // processing instruction, regularisation, line break and register note are untouched.
    let expected = insertAfter(edited, '<rs type="group" ref="#kazakhs">Kazakh</rs> ', '<rs type="group" ref="#border-residents">');
    expected = insertAfter(expected, '<rs type="group" ref="#border-residents">borders residents', '</rs>');
    expected = insertAfter(expected, '<placeName xml:lang="zh">苏联</placeName>', '\n        <placeName xml:lang="ru">Советский Союз</placeName>');
    expected = insertBefore(
      expected,
      '\n    </listPerson>',
      '\n      <personGrp xml:id="border-residents" role="refugees">\n' +
        '        <name xml:lang="en">borders residents</name>\n' +
        '        <name xml:lang="en">border residents</name>\n' +
        '        <note>The Uyghur and Kazakh residents of the Yili and Tacheng border districts who crossed into the Soviet Union in April and May 1962.</note>\n' +
        '      </personGrp>',
    );
    expect(result.xml).toBe(expected);
    for (const kept of [
      '<!-- Checked against the scan of PRC FMA 118-01771-10, 2026-11-30. -->\n  <?editor status="proofread"?>',
      '<note place="foot">On the flight from Yili and Tacheng in the spring of 1962, see the Yi-Ta incident; the borders residents went to Soviet Kazakhstan.</note>',
      '<choice><orig>farther</orig><reg>further</reg></choice>',
      'do not agree\n           with this proposal.<pb n="2"/></p>',
    ]) expect(result.xml).toContain(kept);
  });

  it('keeps a byte order mark', () => {
    const xml = '<TEI xmlns="http://www.tei-c.org/ns/1.0"><text><body><p>Tacheng.</p></body></text></TEI>\n';
    const bytes = new Uint8Array([0xef, 0xbb, 0xbf, ...new TextEncoder().encode(xml)]);
    const result = annotateTei(bytes, { file: 'bom.xml', authority: loadAuthority(join(fixtures, 'small-authority.json')) });
    expect(result.xml.startsWith('\ufeff<TEI xmlns="http://www.tei-c.org/ns/1.0"><text><body><p><placeName ref="#tacheng">Tacheng</placeName>.</p>')).toBe(true);
  });

  it('is idempotent: annotating its own output changes nothing', () => {
    const authority = loadAuthority(join(fixtures, 'authority-edited.json'));
    const once = readFileSync(join(fixtures, 'cable-edited.annotated.xml'), 'utf8');
    const twice = annotateTei(once, { file: 'x.xml', authority });
    expect(twice.changed).toBe(false);
    expect(twice.xml).toBe(once);
  });

  it('keeps CR LF line ends, a prefixed TEI namespace and entity references; adds a missing @ref; makes standOff', () => {
    const input = readFileSync(join(fixtures, 'prefixed-crlf.xml'), 'utf8');
    const result = annotateTei(input, { file: 'prefixed-crlf.xml', authority: loadAuthority(join(fixtures, 'small-authority.json')) });
    const lines = result.xml.split('\r\n');
    expect(result.xml.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
    expect(lines[14]).toBe(
      '      <tei:p>On <tei:date when="1962-04-30" cert="medium">30 April</tei:date> the <tei:orgName ref="#prc-mfa">&mfa;</tei:orgName> wrote to ' +
        '<tei:placeName ref="#tacheng">Tacheng</tei:placeName> &amp; <tei:placeName ref="#ili">Yili</tei:placeName> about the ' +
        '<tei:placeName ref="#soviet-union">Soviet Union</tei:placeName>.</tei:p>',
    );
    // Inside CDATA nothing is tagged; names already tagged are not tagged again.
    expect(lines[15]).toBe('      <tei:p>The <tei:placeName ref="#nowhere">Soviet Union</tei:placeName> and <tei:placeName ref="#ili">Tacheng</tei:placeName> answered: <![CDATA[Yili & Tacheng]]> (as quoted).</tei:p>');
    expect(lines.slice(19, 25)).toEqual([
      '  <tei:standOff>',
      '    <tei:listPlace>',
      '      <tei:place xml:id="ili" type="region">',
      '        <tei:placeName xml:lang="zh-Latn-pinyin">Yili</tei:placeName>',
      '        <tei:placeName xml:lang="en">Ili</tei:placeName>',
      '        <tei:location>',
    ]);
    expect(lines.slice(-9)).toEqual([
      '    </tei:listPlace>',
      '    <tei:listOrg>',
      '      <tei:org xml:id="prc-mfa">',
      '        <tei:orgName xml:lang="en">Ministry of Foreign Affairs</tei:orgName>',
      '      </tei:org>',
      '    </tei:listOrg>',
      '  </tei:standOff>',
      '</tei:TEI>',
      '',
    ]);
    expect(result.counts).toEqual({ names: 3, dates: 1, refs: 1, entries: 4, details: 0 });
    expect(result.diagnostics.map((d) => `${d.line}:${d.column} ${d.message} [${d.ruleId}]`)).toEqual([
      '16:18 tei:placeName "Soviet Union" points to #nowhere, which neither the edition nor the authority file defines [annotate/ref-unresolved]',
      '16:81 tei:placeName "Tacheng" points to #ili, whose names in the authority file do not include "Tacheng" [annotate/ref-name]',
      '17:14 "Soviet Union" (a name of #soviet-union) crosses existing markup; left untagged [annotate/overlap]',
    ]);
    expect(annotateTei(result.xml, { file: 'x', authority: loadAuthority(join(fixtures, 'small-authority.json')) }).changed).toBe(false);
  });

  it('adds missing names, coordinates and identifiers to an existing entry, and keeps coordinates that differ', () => {
    const xml =
      '<TEI xmlns="http://www.tei-c.org/ns/1.0"><teiHeader/><text><body><p>Yili.</p></body></text>\n' +
      '<standOff>\n\t<listPlace>\n\t\t<place xml:id="ili">\n\t\t\t<placeName>Yili</placeName>\n\t\t\t<location><geo>44 81</geo></location>\n\t\t</place>\n' +
      '\t\t<place xml:id="tacheng">\n\t\t\t<note>To be identified.</note>\n\t\t</place>\n\t</listPlace>\n</standOff></TEI>\n';
    const result = annotateTei(xml, { file: 'tabs.xml', authority: loadAuthority(join(fixtures, 'small-authority.json')) });
    expect(result.xml.split('\n').slice(2, 18)).toEqual([
      '\t<listPlace>',
      '\t\t<place xml:id="ili">',
      '\t\t\t<placeName>Yili</placeName>',
      '\t\t\t<placeName xml:lang="en">Ili</placeName>',
      '\t\t\t<location><geo>44 81</geo></location>',
      '\t\t</place>',
      '\t\t<place xml:id="tacheng">',
      '\t\t\t<placeName xml:lang="zh-Latn-pinyin">Tacheng</placeName>',
      '\t\t\t<placeName xml:lang="ug-Latn">Qoqek</placeName>',
      '\t\t\t<location>',
      '\t\t\t\t<geo>46.75 82.99</geo>',
      '\t\t\t</location>',
      '\t\t\t<note>To be identified.</note>',
      '\t\t</place>',
      '\t\t<place xml:id="soviet-union" type="country">',
      '\t\t\t<placeName xml:lang="en">Soviet Union</placeName>',
    ]);
    expect(result.diagnostics.map((d) => `${d.line}:${d.column} [${d.ruleId}]`)).toEqual(['6:14 [annotate/geo-differs]']);
    expect(result.diagnostics[0]!.message).toBe('the coordinates of "ili" in the edition (44 81) differ from the authority file\'s (43.9 81.3); the edition\'s are kept');
  });
});

describe('teikit annotate', () => {
  it('writes to stdout by default and says what it did on stderr', () => {
    const r = runCli(['annotate', join(fixtures, 'cable-edited.xml'), '--authority', join(fixtures, 'authority-edited.json')]);
    expect(r.status).toBe(0);
    expect(r.stdout).toBe(readFileSync(join(fixtures, 'cable-edited.annotated.xml'), 'utf8'));
    expect(r.stderr).toBe(
      `${join(fixtures, 'cable-edited.xml')}: tagged 1 name and 0 dates, added 0 @refs to tagged names; registers: 1 entry added, 1 name or identifier added to existing entries\n`,
    );
  });

  it('-o may name the edition itself; an unchanged edition is not rewritten', () => {
    const dir = mkdtempSync(join(tmp, 'inplace-'));
    const edition = join(dir, 'cable.xml');
    copyFileSync(join(fixtures, 'cable-edited.xml'), edition);
    copyFileSync(join(fixtures, 'authority-edited.json'), join(dir, 'authority.json'));
    const first = runCli(['annotate', edition, '-o', edition]);
    expect(first.status).toBe(0);
    expect(readFileSync(edition, 'utf8')).toBe(readFileSync(join(fixtures, 'cable-edited.annotated.xml'), 'utf8'));
    const mtime = statSync(edition).mtimeMs;
    const second = runCli(['annotate', edition, '-o', edition]);
    expect(second.status).toBe(0);
    expect(second.stderr).toBe(`${edition}: unchanged (every name of the authority file is tagged and in the registers)\n`);
    expect(statSync(edition).mtimeMs).toBe(mtime);
  });

  it('a malformed edition exits 1 with one line and leaves the file as it was', () => {
    const dir = mkdtempSync(join(tmp, 'bad-'));
    const edition = join(dir, 'bad.xml');
    writeFileSync(edition, '<TEI xmlns="http://www.tei-c.org/ns/1.0"><text><p>Yili</text></TEI>\n');
    const r = runCli(['annotate', edition, '--authority', join(fixtures, 'small-authority.json'), '-o', edition]);
    expect(r.status).toBe(1);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(new RegExp(`^${edition.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:1:\\d+: error .*\\[xml/wellformed\\]\\n$`));
    expect(readFileSync(edition, 'utf8')).toBe('<TEI xmlns="http://www.tei-c.org/ns/1.0"><text><p>Yili</text></TEI>\n');
  });

  it('usage and I/O errors exit 2: no edition, a missing file, no authority file', () => {
    expect(runCli(['annotate']).status).toBe(2);
    const missing = runCli(['annotate', join(tmp, 'missing.xml'), '--authority', join(fixtures, 'small-authority.json')]);
    expect(missing.status).toBe(2);
    expect(missing.stderr).toBe(`${join(tmp, 'missing.xml')}:1:1: error cannot read file: no such file or directory [io/file]\n`);
    const alone = join(mkdtempSync(join(tmp, 'alone-')), 'e.xml');
    writeFileSync(alone, '<TEI xmlns="http://www.tei-c.org/ns/1.0"/>');
    const none = runCli(['annotate', alone]);
    expect(none.status).toBe(2);
    expect(none.stderr).toBe(`teikit: annotate: no authority file: give --authority FILE.json (none beside ${alone})\n`);
  });
});

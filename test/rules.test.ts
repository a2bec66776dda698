import { describe, expect, it } from 'vitest';
import { formatDiagnostic } from '../src/diagnostics.js';
import { parseXml } from '../src/xml/index.js';
import { checkRules, checkW3cDate, RULES } from '../src/validate/rules/index.js';

const TEI = 'xmlns="http://www.tei-c.org/ns/1.0"';

/** Rule diagnostics of a document, as the CLI prints them. */
function lines(xml: string, ruleId?: string): string[] {
  const doc = parseXml(xml, { file: 'doc.xml' });
  const rules = ruleId === undefined ? RULES : RULES.filter((r) => r.id === ruleId);
  return checkRules(doc, { rules }).map(formatDiagnostic);
}

describe('edition rules', () => {
  it('have stable ids, one file each', () => {
    expect(RULES.map((r) => r.id)).toEqual(['rules/id-unique', 'rules/pointer-resolves', 'rules/date-valid', 'rules/name-has-ref', 'rules/register-unused', 'rules/geo-range']);
  });

  it('pointer-resolves: every #token of @ref/@corresp/@target/@who names an xml:id', () => {
    const xml = `<TEI ${TEI}><text><body>
<p xml:id="a"><rs ref="#a #b">x</rs> <ptr target="#a"/> <ref target="http://example.org/#b">y</ref></p>
<sp who="#c"><p corresp="other.xml#d #">z</p></sp>
<p ref="#%E4%BC%8A">q</p><p xml:id="伊"/>
</body></text></TEI>`;
    expect(lines(xml, 'rules/pointer-resolves')).toEqual([
      'doc.xml:2:15: error @ref="#b" on <rs> points to no xml:id "b" in this document [rules/pointer-resolves]',
      'doc.xml:3:1: error @who="#c" on <sp> points to no xml:id "c" in this document [rules/pointer-resolves]',
      'doc.xml:3:14: error @corresp on <p> has an empty pointer "#" [rules/pointer-resolves]',
    ]);
  });

  it('id-unique: reports every repetition of an xml:id with where it was first used', () => {
    const xml = `<TEI ${TEI}>\n<p xml:id="x"/>\n  <p xml:id="x"/><p xml:id="y"/><p xml:id="x"/></TEI>`;
    expect(lines(xml, 'rules/id-unique')).toEqual([
      'doc.xml:3:3: error duplicate xml:id "x" on <p> (first used on <p> at line 2, column 1) [rules/id-unique]',
      'doc.xml:3:33: error duplicate xml:id "x" on <p> (first used on <p> at line 2, column 1) [rules/id-unique]',
    ]);
  });

  it('date-valid: real calendar dates in every W3C form, and what is wrong with the others', () => {
    const valid = ['1962', '1962-04', '1962-04-21', '1962-04-21T10:30:00', '1962-04-21T10:30:00.5Z', '1962-04-21+08:00', '2000-02-29', '1600-02-29', '--04-18', '--02-29', '--04', '---31', '12:00:00', '24:00:00', '-0044-03-15', '12345'];
    for (const v of valid) expect(checkW3cDate(v), v).toBeUndefined();
    expect(checkW3cDate('1962-02-30')).toBe('February 1962 has 28 days, not 30');
    expect(checkW3cDate('1900-02-29')).toBe('February 1900 has 28 days, not 29');
    expect(checkW3cDate('1962-04-31')).toBe('April 1962 has 30 days, not 31');
    expect(checkW3cDate('1962-13')).toBe('month 13 does not exist');
    expect(checkW3cDate('0000')).toMatch(/^year 0000 does not exist/);
    expect(checkW3cDate('1962-04-21T25:00:00')).toBe('25:00:00 is not a time of day');
    for (const v of ['21 April 1962', '62-04-21', '1962/04/21', '1962-4-21', '', ' 1962', '1962-04-21T10:30']) {
      expect(checkW3cDate(v), v).toMatch(/^not an ISO 8601/);
    }
    const xml = `<TEI ${TEI}><text><body><p>
<date when="1962-02-30">x</date><date from="1962-04-01" to="1962-04-31">y</date>
<date notBefore="1962" notAfter="April 1962">z</date><biblScope from="4" to="5"/>
</p></body></text></TEI>`;
    expect(lines(xml, 'rules/date-valid')).toEqual([
      'doc.xml:2:1: error @when="1962-02-30" on <date>: February 1962 has 28 days, not 30 [rules/date-valid]',
      'doc.xml:2:33: error @to="1962-04-31" on <date>: April 1962 has 30 days, not 31 [rules/date-valid]',
      'doc.xml:3:1: error @notAfter="April 1962" on <date>: not an ISO 8601 / XML Schema date (expected YYYY, YYYY-MM, YYYY-MM-DD or YYYY-MM-DDThh:mm:ss) [rules/date-valid]',
    ]);
  });

  it('name-has-ref: names in the body need @ref or @key; header, registers and names inside a referenced name do not', () => {
    const xml = `<TEI ${TEI}><teiHeader><placeName>Header</placeName></teiHeader><text><body><p>
<placeName>Yili</placeName> <persName key="k">K</persName> <orgName ref="#o">O <name>inner</name></orgName>
<rs type="group">they</rs> <name>N</name>
</p></body></text><standOff><listPlace><place xml:id="o"><placeName>Yili</placeName></place></listPlace></standOff></TEI>`;
    expect(lines(xml, 'rules/name-has-ref')).toEqual([
      'doc.xml:2:1: error <placeName> in the text body has no @ref pointing to a register entry [rules/name-has-ref]',
      'doc.xml:3:1: error <rs> in the text body has no @ref pointing to a register entry [rules/name-has-ref]',
      'doc.xml:3:28: error <name> in the text body has no @ref pointing to a register entry [rules/name-has-ref]',
    ]);
  });

  it('register-unused: warns about register entries in standOff or back that nothing points to', () => {
    const xml = `<TEI ${TEI}><text><body><p><placeName ref="#yili">Yili</placeName><rs ref="#g">x</rs></p></body>
<back><listPerson><person xml:id="lonely"><persName>L</persName></person></listPerson></back></text>
<standOff><listPlace><place xml:id="yili"><placeName>Yili</placeName></place><place xml:id="tacheng"><placeName>Tacheng</placeName></place></listPlace>
<listPerson><personGrp xml:id="g"><name>G</name></personGrp></listPerson><listOrg><org xml:id="o"><orgName>O</orgName></org></listOrg></standOff></TEI>`;
    expect(lines(xml, 'rules/register-unused')).toEqual([
      'doc.xml:2:19: warning register entry <person xml:id="lonely"> is not referenced by any pointer (#lonely) [rules/register-unused]',
      'doc.xml:3:78: warning register entry <place xml:id="tacheng"> is not referenced by any pointer (#tacheng) [rules/register-unused]',
      'doc.xml:4:83: warning register entry <org xml:id="o"> is not referenced by any pointer (#o) [rules/register-unused]',
    ]);
  });

  it('geo-range: "lat long" in range; the swapped order of the cable\'s Tacheng is caught', () => {
    const xml = `<TEI ${TEI}><standOff><listPlace>
<place><location><geo>43.9 81.3</geo></location></place>
<place><location><geo>82.99 46.75</geo></location></place>
<place><location><geo>46.75 182.99</geo></location></place>
<place><location><geo>46.75,82.99</geo></location></place>
<place><location><geo>-90 -180</geo></location></place>
</listPlace></standOff></TEI>`;
    expect(lines(xml, 'rules/geo-range')).toEqual([
      'doc.xml:4:18: error longitude 182.99 in <geo> is outside -180..180 [rules/geo-range]',
      'doc.xml:5:18: error <geo>"46.75,82.99"</geo> is not "latitude longitude" (two decimal numbers separated by a space) [rules/geo-range]',
    ]);
    expect(lines(xml.replace('<geo>43.9 81.3</geo>', '<geo>95 81.3</geo>'), 'rules/geo-range')[0]).toBe(
      'doc.xml:2:18: error latitude 95 in <geo> is outside -90..90 (is the order "latitude longitude"?) [rules/geo-range]',
    );
  });
});

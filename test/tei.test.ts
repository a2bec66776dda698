/**
 * The one TEI vocabulary (src/tei/): every stage answers "is this a name, of what kind, which entry holds it" the same
 * way, and the XSLT module the build generates from it says what the TypeScript says.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { formatDiagnostic } from '../src/diagnostics.js';
import { ENTRY_ELEMENTS, KIND_ELEMENTS, isNameElement, languageName, languageTag, nameKind } from '../src/tei/index.js';
import { checkRules, RULES } from '../src/validate/rules/index.js';
import { parseXml, type XmlElement } from '../src/xml/index.js';
import { projectRoot, runCli } from './helpers.js';

const fixture = 'test/fixtures/tei/names.xml';
const require = createRequire(import.meta.url);

function elements(root: XmlElement): XmlElement[] {
  const out: XmlElement[] = [root];
  for (const c of root.children) if (c.type === 'element') out.push(...elements(c));
  return out;
}

describe('the TEI vocabulary', () => {
  it('query counts every name of a place (settlement, country, geogName) as a place mention', () => {
    const r = runCli(['query', 'places', fixture, '--format', 'csv']);
    expect(r.status).toBe(0);
    const rows = r.stdout.split('\r\n').slice(1, -1).map((l) => l.split(',').slice(1, 11).join(','));
    expect(rows).toEqual([
      '5,13,places,settlement,,Berlin,#b,ref,b,test/fixtures/tei/names.xml',
      '5,57,places,country,,Kazakhstan,#c,ref,c,test/fixtures/tei/names.xml',
      '6,7,places,geogName,,Ili River,#r,ref,r,test/fixtures/tei/names.xml',
      '9,18,places,settlement,,Ghulja,,,,',
    ]);
  });

  it('a group counts as persons and an rs pointing with @corresp takes the kind of its entry', () => {
    const r = runCli(['query', 'persons', fixture, '--format', 'csv']);
    const rows = r.stdout.split('\r\n').slice(1, -1).map((l) => l.split(',').slice(4, 10).join(','));
    expect(rows).toEqual(['persName,,Ada,#p,ref,p', 'rs,group,the refugees,#g,ref,g', 'rs,,she,#p,corresp,p']);
  });

  it('name-has-ref asks every name of the vocabulary for a reference (@ref, @key or @corresp)', () => {
    const doc = parseXml(readFileSync(fixture, 'utf8'), { file: 'names.xml' });
    const rules = RULES.filter((rule) => rule.id === 'rules/name-has-ref');
    expect(checkRules(doc, { rules }).map(formatDiagnostic)).toEqual([
      'names.xml:9:18: error <settlement> in the text body has no @ref pointing to a register entry [rules/name-has-ref]',
    ]);
  });

  it('knows the kinds of names and entries', () => {
    expect([nameKind('settlement', undefined), nameKind('rs', 'Group'), nameKind('name', undefined), nameKind('p', undefined)]).toEqual(['place', 'group', null, undefined]);
    expect(isNameElement('district')).toBe(true);
    expect(isNameElement('forename')).toBe(false);
    expect(ENTRY_ELEMENTS.personGrp).toBe('group');
    expect(KIND_ELEMENTS.group).toEqual({ entry: 'personGrp', list: 'listPerson', entryName: 'name', mention: { element: 'rs', type: 'group' }, entryNames: ['persName', 'orgName', 'name'] });
  });

  it('one language table for the encoder (name -> tag) and the reading edition (tag -> name)', () => {
    expect([languageTag('Chinese'), languageTag(' farsi '), languageTag('Uighur'), languageTag('Latin'), languageTag('Klingon')]).toEqual(['zh', 'fa', 'ug', 'la', undefined]);
    expect([languageName('zh-Hant'), languageName('KK'), languageName('grc'), languageName('x-private')]).toEqual(['Chinese', 'Kazakh', 'Ancient Greek', undefined]);
  });

  it('the generated XSLT module (transforms/generated/vocabulary.xsl) answers as the TypeScript does', () => {
    const out = execFileSync(process.execPath, [require.resolve('xslt3/xslt3.js'), '-xsl:test/fixtures/tei/kinds.xsl', `-s:${fixture}`], {
      cwd: projectRoot,
      encoding: 'utf8',
    });
    const doc = parseXml(readFileSync(`${projectRoot}${fixture}`, 'utf8'));
    const expected = elements(doc.root).map((el) => {
      const kind = nameKind(el.local, el.attributes.find((a) => a.local === 'type')?.value);
      const entry = ENTRY_ELEMENTS[el.local];
      const names = entry === undefined ? [] : el.children.filter((c): c is XmlElement => c.type === 'element' && KIND_ELEMENTS[entry].entryNames.includes(c.local));
      const dated = el.local === 'date' && el.attributes.some((a) => a.local === 'when');
      return [el.local, kind ?? '-', isNameElement(el.local), entry ?? '-', names.map((n) => n.local).join('+'), dated].join(' ');
    });
    expect(out.split('\n')).toEqual([...expected, 'Chinese -', '']);
    // Spot checks, so that the test fails if both sides drift together.
    expect(out).toContain('\nsettlement place true -  false\n');
    expect(out).toContain('\nrs group true -  false\n');
    expect(out).toContain('\nplace - false place settlement+placeName false\n');
    expect(out).toContain('\npersonGrp - false group name false\n');
  });
});

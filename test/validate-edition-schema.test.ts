/**
 * teikit's edition schema (schemas/teikit-edition.rng) against tei_all, with jing as the referee: never looser
 * (every document it accepts, tei_all accepts), stricter where an edition needs it, and the cable valid under both.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { hasCorpus, projectRoot, runCli, teiAll } from './helpers.js';
import * as tools from './tools.mjs';

const edition = join(projectRoot, 'schemas/teikit-edition.rng');
const fixtures = join(projectRoot, 'test/fixtures/validate');
const cable = join(projectRoot, 'editions/wilson-118181/wilson-118181.xml');
const hasJing = !tools.skipUnless(tools.jing, 'edition schema checks against tei_all');
if (!existsSync(cable)) console.warn(`\n*** the cable edition (${cable}) is absent: its validity tests are SKIPPED ***\n`);

/** jing's verdict (one file per call) and its error lines without the file name. */
function jing(schema: string, file: string): { valid: boolean; errors: string[] } {
  const r = tools.runTool(tools.jing, [schema, file]);
  const errors = r.stdout.split('\n').filter((l) => l !== '').map((l) => l.slice(l.indexOf(file) === 0 ? file.length : 0));
  return { valid: r.status === 0, errors };
}

const tmp = mkdtempSync(join(tmpdir(), 'teikit-edition-schema-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

/** Every phrase-level element of the edition schema inside every phrase-level context of the body. */
function phraseStress(): string {
  const items = ['<placeName ref="#x">P</placeName>', '<persName ref="#x">P</persName>', '<orgName ref="#x">O</orgName>', '<name ref="#x">N</name>',
    '<rs ref="#x">R</rs>', '<date when="1962">D</date>', '<supplied reason="r">S</supplied>', '<sic>s</sic>', '<choice><sic>a</sic><corr>b</corr></choice>',
    '<unclear>u</unclear>', '<gap/>', '<note>n</note>', '<hi>h</hi>', '<foreign>f</foreign>', '<q>q</q>', '<title>t</title>', '<ref target="#x">r</ref>',
    '<ptr target="#x"/>', '<lb/>', '<pb/>', '<milestone unit="u"/>'];
  const all = items.join(' ');
  const wrap = (name: string, attrs = ''): string => `<${name}${attrs}>${all}</${name}>`;
  const inline = [['supplied', ' reason="r"'], ['sic', ''], ['unclear', ''], ['hi', ''], ['foreign', ''], ['q', ''], ['title', ''], ['note', '']] as const;
  const body =
    `<div><head>${all}</head><opener>${all} ${wrap('dateline')}${wrap('salute')}${wrap('signed')}${wrap('byline')}</opener>` +
    `<p>${all} ${inline.map(([n, a]) => wrap(n, a)).join('')}<choice>${wrap('sic')}${wrap('corr')}</choice><choice>${wrap('orig')}${wrap('reg')}</choice>` +
    `<choice>${wrap('abbr')}${wrap('expan')}</choice></p><ab>${all}</ab><list><item>${all}</item></list>` +
    `<closer>${all}${wrap('dateline')}${wrap('salute')}${wrap('signed')}</closer></div>`;
  return (
    '<TEI xmlns="http://www.tei-c.org/ns/1.0"><teiHeader><fileDesc><titleStmt><title>t</title></titleStmt><publicationStmt><p>p</p></publicationStmt>' +
    `<sourceDesc><p>s</p></sourceDesc></fileDesc></teiHeader><text><body>${body}</body></text>` +
    '<standOff><listPlace><place xml:id="x"><placeName>X</placeName></place></listPlace></standOff></TEI>'
  ).replace(/></g, '>\n<');
}
/** Valid edition documents: the fixtures, and variants that use the schema's choices. */
function validEditionDocuments(): Array<[string, string]> {
  const full = readFileSync(join(fixtures, 'edition-full.xml'), 'utf8');
  const variants: Array<[string, string]> = [
    ['standoff-first', full.replace(/(<text type="cable">[\s\S]*<\/text>)\s*(<standOff[\s\S]*<\/standOff>)/, '$2\n  $1')],
    ['body-of-paragraphs', full.replace(/<body>[\s\S]*<\/body>/, '<body><p>Only <placeName ref="#yili">Yili</placeName>.</p><gap/><list><item>one</item></list></body>')],
    ['sourceDesc-p', full.replace(/<sourceDesc>[\s\S]*<\/sourceDesc>/, '<sourceDesc><p>Born digital.</p></sourceDesc>')],
    ['publicationStmt-p', full.replace(/<publicationStmt>[\s\S]*<\/publicationStmt>/, '<publicationStmt><p>Unpublished.</p></publicationStmt>')],
    ['no-standOff', readFileSync(join(fixtures, 'edition-valid.xml'), 'utf8').replace(/<standOff>[\s\S]*<\/standOff>/, '')],
    ['phrase-stress', phraseStress()],
  ];
  const out: Array<[string, string]> = [
    ['edition-valid.xml', join(fixtures, 'edition-valid.xml')],
    ['edition-full.xml', join(fixtures, 'edition-full.xml')],
  ];
  for (const [name, text] of variants) {
    const path = join(tmp, `${name}.xml`);
    writeFileSync(path, text);
    out.push([name, path]);
  }
  if (existsSync(cable)) out.push(['the cable', cable]);
  return out;
}

describe.skipIf(!hasJing || !hasCorpus)('the edition schema is never looser than tei_all (jing)', () => {
  it('every valid edition-schema document is also tei_all-valid', () => {
    // One jing call per schema: these documents are all well-formed, so jing reads every one of them.
    const paths = validEditionDocuments().map(([, path]) => path);
    for (const schema of [edition, teiAll]) {
      const r = tools.runTool(tools.jing, [schema, ...paths]);
      expect(r.stdout, schema).toBe('');
      expect(r.status, schema).toBe(0);
    }
  });

  it('teikit agrees with jing on those documents', () => {
    const docs = validEditionDocuments();
    const r = runCli(['validate', '--format', 'json', '--schema', edition, ...docs.map(([, p]) => p)]);
    const report = JSON.parse(r.stdout) as { files: Array<{ path: string; diagnostics: Array<{ source: string; message: string }> }> };
    // The RELAX NG layer only: the rules (always on with this schema) rightly flag the variant without registers.
    const relaxng = report.files.map((f) => [f.path, f.diagnostics.filter((d) => d.source === 'relaxng').map((d) => d.message)]);
    expect(relaxng).toEqual(docs.map(([, p]) => [p, []]));
  });

  it('is stricter where an edition needs it: a name without @ref and a date without an ISO value pass tei_all, not the edition schema', () => {
    const base = readFileSync(join(fixtures, 'edition-valid.xml'), 'utf8');
    const cases: Array<[string, string, RegExp]> = [
      ['name-without-ref', base.replace('<placeName ref="#su">Soviet Union</placeName>', '<placeName>Soviet Union</placeName>'), /element "placeName" missing required attribute "ref"/],
      ['date-without-iso', base.replace('<date when="1962-04-18" cert="medium">18 April</date>', '<date>18 April</date>'), /element "date" missing/],
      ['supplied-without-reason', base.replace('<supplied reason="translator">', '<supplied>'), /element "supplied" missing required attribute "reason"/],
      ['register-entry-without-id', base.replace('<place xml:id="su">', '<place>'), /element "place" missing required attribute "xml:id"/],
    ];
    for (const [name, text, message] of cases) {
      const path = join(tmp, `${name}.xml`);
      writeFileSync(path, text);
      expect(jing(teiAll, path), `${name} against tei_all`).toEqual({ valid: true, errors: [] });
      const strict = jing(edition, path);
      expect(strict.valid, name).toBe(false);
      expect(strict.errors.join('\n'), name).toMatch(message);
      // teikit says the same, on the same line.
      const ours = runCli(['validate', '--schema', edition, path]);
      expect(ours.status, name).toBe(1);
      const jingLine = /^:(\d+):/.exec(strict.errors[0]!)?.[1];
      expect(ours.stdout, name).toMatch(new RegExp(`${name}\\.xml:${jingLine}:\\d+: error .*\\[relaxng/invalid\\]`));
    }
  });
});

describe.skipIf(!existsSync(cable))('the cable edition', () => {
  it('is valid against the edition schema (with the edition rules) in teikit', () => {
    const r = runCli(['validate', cable]);
    expect(r.stdout).toContain('wilson-118181.xml: valid (schema: ');
    expect(r.status).toBe(0);
  });

  it.skipIf(!hasCorpus)('is valid against tei_all in teikit', () => {
    const r = runCli(['validate', '--schema', teiAll, cable]);
    expect(r.stdout).toContain('wilson-118181.xml: valid (schema: ');
    expect(r.status).toBe(0);
  });

  it.skipIf(!hasJing || !hasCorpus)('is valid against both in jing', () => {
    expect(jing(edition, cable)).toEqual({ valid: true, errors: [] });
    expect(jing(teiAll, cable)).toEqual({ valid: true, errors: [] });
  });
});

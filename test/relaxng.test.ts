/**
 * The RELAX NG engine (src/validate/relaxng): diagnostics worded and placed as jing reports them (the expected
 * lines below are jing's output on the same fixtures), broken schemas, the compiled-schema cache, deep documents.
 */
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { TeikitError, type Diagnostic } from '../src/diagnostics.js';
import { loadSchema, validateWithSchema, type RelaxngSchema } from '../src/validate/relaxng/index.js';
import { parseXml } from '../src/xml/index.js';

const FIXTURES = fileURLToPath(new URL('./fixtures/relaxng/', import.meta.url));
const LETTERS = join(FIXTURES, 'letters.rng');
const TEI_ALL = fileURLToPath(new URL('../../shared/corpus/schemas/tei_all.rng', import.meta.url));
const hasTeiAll = existsSync(TEI_ALL);
if (!hasTeiAll) console.warn(`\n*** ${TEI_ALL} not found: the tei_all tests of the RELAX NG engine are SKIPPED ***\n`);

const tmp = mkdtempSync(join(tmpdir(), 'teikit-relaxng-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));
const CACHE = join(tmp, 'cache');

function validateFile(schema: RelaxngSchema, file: string, maxErrors?: number): Diagnostic[] {
  const doc = parseXml(readFileSync(file), { file });
  return validateWithSchema(schema, doc, maxErrors === undefined ? {} : { maxErrors });
}

/** `LINE:COLUMN: MESSAGE [RULE]`: jing's text form without the file name (messages keep jing's "; expected ..." tail). */
function lines(ds: Diagnostic[]): string[] {
  return ds.map((d) => `${d.line}:${d.column}: ${d.message} [${d.ruleId}]`);
}

/**
 * jing's output stored next to a fixture (`jing schema.rng file.xml`, file name and "error: " removed) as
 * `LINE:COLUMN: MESSAGE`. jing lists the datatypes of a choice in the order of its own hash tables
 * (`must be an ISO time, must be an ISO date or ...`), so those clauses are compared as a set.
 */
function jingLines(file: string): string[] {
  return readFileSync(file, 'utf8').split('\n').filter((l) => l !== '').map(sortMustBe);
}

function sortMustBe(line: string): string {
  const at = line.indexOf('; must be ');
  if (at < 0) return line;
  const clauses = line.slice(at + 2).split(/, (?=must be )| or (?=must be )/).sort();
  return `${line.slice(0, at)}; ${clauses.join(' | ')}`;
}

function plain(ds: Diagnostic[]): string[] {
  return ds.map((d) => sortMustBe(`${d.line}:${d.column}: ${d.message}`));
}

describe('validating against a small schema (expected output is jing\'s)', () => {
  let schema: RelaxngSchema;
  const get = async (): Promise<RelaxngSchema> => (schema ??= await loadSchema(LETTERS, { cacheDir: CACHE }));

  const cases: Array<[string, string[]]> = [
    ['valid.xml', []],
    ['non-ascii-uri.xml', []],
    ['wrong-element.xml', ['5:11: element "date" not allowed anywhere; expected element "body" or "to" [relaxng/invalid]']],
    ['missing-attribute.xml', ['3:23: element "letter" missing required attribute "when" [relaxng/invalid]']],
    ['bad-date.xml', ['3:41: value of attribute "when" is invalid; must be an ISO date [relaxng/invalid]']],
    ['bad-uri.xml', ['3:71: value of attribute "source" is invalid; must be a URI [relaxng/invalid]']],
    ['duplicate-id.xml', ['7:41: ID "l1" has already been defined [relaxng/id]', '3:41: first occurrence of ID "l1" [relaxng/id]']],
    ['dangling-idref.xml', ['3:54: IDREF "l9" without matching ID [relaxng/id]']],
    ['early-element.xml', ['4:11: element "body" not allowed yet; missing required element "from" [relaxng/invalid]']],
    ['missing-element.xml', ['5:12: element "letter" incomplete; missing required element "body" [relaxng/invalid]']],
    ['stray-text.xml', ['5:16: text not allowed here; expected element "body" or "to" [relaxng/invalid]']],
    ['unknown-attribute.xml', ['3:54: attribute "type" not allowed here; expected attribute "replyTo" or "source" [relaxng/invalid]']],
    ['unknown-namespace.xml', ['2:43: element "letters" not allowed anywhere; expected element "ns:letters" (with xmlns:ns="http://example.org/letters") [relaxng/invalid]']],
  ];
  for (const [file, expected] of cases) {
    it(file, async () => {
      expect(lines(validateFile(await get(), join(FIXTURES, file)))).toEqual(expected);
    });
  }

  it('says what was expected, naming unbound namespaces as jing does', async () => {
    const s = await get();
    expect(validateFile(s, join(FIXTURES, 'wrong-element.xml'))[0]?.expected).toBe('element "body" or "to"');
    expect(validateFile(s, join(FIXTURES, 'unknown-attribute.xml'))[0]?.expected).toBe('attribute "replyTo" or "source"');
    expect(validateFile(s, join(FIXTURES, 'bad-date.xml'))[0]).toMatchObject({ expected: 'a date', actual: '1962-02-30' });
    expect(validateFile(s, join(FIXTURES, 'unknown-namespace.xml'))[0]?.expected)
      .toBe('element "ns:letters" (with xmlns:ns="http://example.org/letters")');
  });

  it('gives plain-data diagnostics with file, source, severity and xpath', async () => {
    const file = join(FIXTURES, 'missing-attribute.xml');
    const [d] = validateFile(await get(), file);
    expect(d).toEqual({
      file, line: 3, column: 23, severity: 'error', source: 'relaxng', ruleId: 'relaxng/invalid', url: 'README.md#rule-relaxng-invalid',
      message: 'element "letter" missing required attribute "when"', xpath: '/letters[1]/letter[1]',
    });
  });

  it('stops at maxErrors', async () => {
    const s = await get();
    const file = join(tmp, 'many.xml');
    const bad = '<letter xml:id="x" when="1962-13-01"><from/><body><p/></body></letter>';
    writeFileSync(file, `<letters xmlns="http://example.org/letters">${bad.replace('"x"', '"a"')}${bad.replace('"x"', '"b"')}${bad.replace('"x"', '"c"')}</letters>`);
    expect(validateFile(s, file)).toHaveLength(3);
    expect(validateFile(s, file, 2)).toHaveLength(2);
  });

  it('validates 200,000 nested elements without overflowing the stack', async () => {
    const dir = join(tmp, 'deep');
    cpSync(join(FIXTURES, 'deep.rng'), join(dir, 'deep.rng'));
    const s = await loadSchema(join(dir, 'deep.rng'), { noCache: true });
    const n = 200_000;
    const ok = parseXml(`${'<d>'.repeat(n)}${'</d>'.repeat(n)}`, { file: 'deep.xml' });
    expect(validateWithSchema(s, ok)).toEqual([]);
    const bad = parseXml(`${'<d>'.repeat(n)}<e/>${'</d>'.repeat(n)}`, { file: 'deep.xml' });
    expect(lines(validateWithSchema(s, bad))).toEqual([`1:${3 * n + 5}: element "e" not allowed anywhere; expected the element end-tag or element "d" [relaxng/invalid]`]);
  });
});

describe('XML Schema datatypes: the lexical spaces jing accepts (datatypes.xml, every type tei_all uses)', () => {
  it('accepts and rejects exactly the values jing does, with jing\'s messages', async () => {
    // gMonthDay, gDay and gMonth (`--04-18`, `---18`, `--04`) were all rejected; year 0000 and 24:00:00 accepted;
    // leap seconds, `PT1.S`, non-ASCII and space in anyURI rejected; `.`, `+INF` and `[::1]` accepted.
    const s = await loadSchema(join(FIXTURES, 'datatypes.rng'), { noCache: true });
    expect(plain(validateFile(s, join(FIXTURES, 'datatypes.xml')))).toEqual(jingLines(join(FIXTURES, 'datatypes.jing.txt')));
  });
});

describe('a choice of required attributes (jing\'s recovery and wording)', () => {
  it('names what was expected and does not report the element\'s text after a missing or invalid attribute', async () => {
    // before: `element "date" missing required attribute ` (no name) followed by a spurious `text not allowed here`
    const s = await loadSchema(join(FIXTURES, 'required-choice.rng'), { noCache: true });
    const ds = validateFile(s, join(FIXTURES, 'required-choice.xml'));
    expect(plain(ds)).toEqual(jingLines(join(FIXTURES, 'required-choice.jing.txt')));
    expect(ds[0]?.expected).toBe('attribute "from", "notAfter", "notBefore", "to", "type" or "when"');
  });
});

describe('names in "expected" lists, spelled as jing spells them', () => {
  // jing invents bindings for namespaces not bound in the document: the default namespace when it is free and no
  // listed name is in no namespace, else `ns`, or `ns1`, `ns2`, ... for several
  for (const schema of ['names-three', 'names-two']) {
    for (const file of ['names-nodefault', 'names-prefix']) {
      it(`${schema}.rng, ${file}.xml`, async () => {
        const s = await loadSchema(join(FIXTURES, `${schema}.rng`), { noCache: true });
        expect(plain(validateFile(s, join(FIXTURES, `${file}.xml`)))).toEqual(jingLines(join(FIXTURES, `${schema}.${file}.jing.txt`)));
      });
    }
  }
});

describe('XML Schema regular expressions (pattern facet)', () => {
  it('handles Unicode categories, multi-character escapes and block names as jing does', async () => {
    const s = await loadSchema(join(FIXTURES, 'patterns.rng'), { noCache: true });
    expect(lines(validateFile(s, join(FIXTURES, 'patterns.xml')))).toEqual([
      '3:61: value of attribute "word" is invalid; must be a string matching the regular expression "[^\\p{C}\\p{Z}]+" [relaxng/invalid]',
      '4:49: value of attribute "ratio" is invalid; must be a string matching the regular expression "(\\-?[\\d]+/\\-?[\\d]+)" [relaxng/invalid]',
      '6:56: value of attribute "latin" is invalid; must be a string matching the regular expression "\\p{IsBasicLatin}+" [relaxng/invalid]',
      '7:50: value of attribute "name" is invalid; must be a string matching the regular expression "\\i\\c*" [relaxng/invalid]',
    ]);
  });
});

describe('schema files in other encodings', () => {
  it('reads an ISO-8859-1 schema as its XML declaration says', async () => {
    const s = await loadSchema(join(FIXTURES, 'latin1.rng'), { noCache: true });
    expect(validateWithSchema(s, parseXml('<a>café</a>', { file: 'a.xml' }))).toEqual([]);
    expect(lines(validateWithSchema(s, parseXml('<a>cafe</a>', { file: 'a.xml' })))).toEqual(['1:12: character content of element "a" invalid; must be equal to "café" [relaxng/invalid]']);
  });
});

describe('QName datatypes (namespace bindings of the instance and of the schema)', () => {
  it('resolves prefixes as jing does; typed text content is reported at the end tag', async () => {
    const s = await loadSchema(join(FIXTURES, 'qname.rng'), { noCache: true });
    expect(lines(validateFile(s, join(FIXTURES, 'qname.xml')))).toEqual([
      '3:21: value of attribute "name" is invalid; must be a QName whose prefix, if any, is declared (prefix "nope" is not declared) [relaxng/invalid]',
      '5:26: character content of element "v" invalid; must be a QName equal to "tei:p" [relaxng/invalid]',
    ]);
  });
});

describe.skipIf(!hasTeiAll)('tei_all.rng', () => {
  let schema: RelaxngSchema;
  const get = async (): Promise<RelaxngSchema> => (schema ??= await loadSchema(TEI_ALL, { cacheDir: CACHE }));
  const tei = (body: string): string => `<TEI xmlns="http://www.tei-c.org/ns/1.0"><teiHeader><fileDesc><titleStmt><title>T</title></titleStmt>
<publicationStmt><p>P</p></publicationStmt><sourceDesc><p>S</p></sourceDesc></fileDesc></teiHeader>
<text><body>${body}</body></text></TEI>`;

  it('accepts non-ASCII pointers (xsd:anyURI) such as corresp="#メロス"', async () => {
    const doc = parseXml(tei('<p xml:id="メロス">走れ</p><p corresp="#メロス" source="https://de.wikipedia.org/wiki/Überlingen">x</p>'), { file: 'a.xml' });
    expect(validateWithSchema(await get(), doc)).toEqual([]);
  });

  it('reports a duplicate xml:id (tei_all declares xml:id as ID), like jing', async () => {
    const doc = parseXml(tei('<p xml:id="a">x</p>\n<p xml:id="a">y</p>'), { file: 'a.xml' });
    expect(lines(validateWithSchema(await get(), doc))).toEqual([
      '4:15: ID "a" has already been defined [relaxng/id]',
      '3:27: first occurrence of ID "a" [relaxng/id]',
    ]);
  });

  it('reports a bad date and an element not allowed here, with the expected elements', async () => {
    const doc = parseXml(tei('<p><date when="2020-02-30">x</date></p>\n<p><bogus/></p>\n<list><item>x</item><head>y</head></list>'), { file: 'a.xml' });
    const ds = validateWithSchema(await get(), doc);
    // jing's output on the same document (the "expected" lists shortened here)
    expect(plain(ds)).toEqual([
      sortMustBe('3:40: value of attribute "when" is invalid; must be an ISO time, must be an ISO month and day (of the form --MM-DD), must be an ISO date, must be a year, must be an ISO date and time, must be an ISO month (of the form --MM), must be an ISO year and month or must be an ISO day of the month (of the form ---DD)'),
      expect.stringMatching(/^4:12: element "bogus" not allowed anywhere; expected the element end-tag, text or element "abbr", "add", .* "witDetail" or "writing" \(with xmlns:ns="http:\/\/www.tei-c.org\/ns\/Examples"\)$/),
      expect.stringMatching(/^5:27: element "head" not allowed here; expected the element end-tag or element "addSpan", "address", .* "vocal", "witDetail" or "writing"$/),
    ]);
    expect(ds[2]?.expected).toMatch(/^the element end-tag or element "addSpan", /);
    expect(ds[2]?.message).toBe(`element "head" not allowed here; expected ${ds[2]?.expected}`);
  });

  it('accepts every form of TEI\'s date/@when that jing accepts (gMonthDay, gDay, gMonth, BCE and 5-digit years)', async () => {
    const whens = ['--04-18', '---18', '--04', '--02-29', '-0044-03-15', '12345', '-0044', '1850-04', '1850-04-18T10:00:00Z', '10:00:00', '23:59:60'];
    const doc = parseXml(tei(`<p>${whens.map((w) => `<date when="${w}">d</date>`).join(' ')}</p>`), { file: 'a.xml' });
    expect(validateWithSchema(await get(), doc)).toEqual([]);
    // and rejects what jing rejects, each once, with no "text not allowed here" after it
    const bad = ['--13', '---32', '--04-31', '0000', '1850-13', '24:00:00'];
    const doc2 = parseXml(tei(`<p>${bad.map((w) => `<date when="${w}">d</date>`).join('\n')}</p>`), { file: 'a.xml' });
    expect(validateWithSchema(await get(), doc2).map((d) => `${d.line}: ${d.message.replace(/;.*/, '')}`)).toEqual(
      bad.map((_, i) => `${3 + i}: value of attribute "when" is invalid`),
    );
  });

  it('validates 200,000 nested elements in a TEI document (memory grows linearly with depth)', async () => {
    // before: about 12 KB of attribute walkers per open element, 2.5 GB and 11 s for this document
    const n = 200_000;
    const doc = parseXml(tei(`<p>${'<hi>'.repeat(n)}x${'</hi>'.repeat(n)}</p>`), { file: 'deep.xml' });
    expect(validateWithSchema(await get(), doc)).toEqual([]);
  });
});

describe('broken schemas: TeikitError, exit code 2, naming the schema file:line:column', () => {
  const broken = (name: string): string => join(FIXTURES, 'broken', name);
  const cases: Array<[string, string, number, number, RegExp]> = [
    ['not-xml.rng', 'not-xml.rng', 5, 10, /^schema is not well-formed XML: /],
    ['not-relaxng.rng', 'not-relaxng.rng', 2, 56, /^not a RELAX NG schema: the root element must be in the namespace http:\/\/relaxng.org\/ns\/structure\/1.0 \(found "xs:schema"\)$/],
    ['bad-syntax.rng', 'bad-syntax.rng', 4, 15, /^incorrect RELAX NG schema: found "empty" element but expected a name-class$/],
    ['missing-include.rng', 'missing-include.rng', 2, 32, /^cannot read schema .*nowhere.rng \(include href="nowhere.rng"\): no such file$/],
    ['network-include.rng', 'network-include.rng', 2, 45, /^cannot read schema http:\/\/example.org\/x.rng \(include href="http:\/\/example.org\/x.rng"\): only local files can be loaded/],
    ['attribute-with-element.rng', 'attribute-with-element.rng', 4, 27, /^incorrect RELAX NG schema: an attribute pattern must not contain an element pattern \(section 7.1 of the RELAX NG specification requires that the simplified XML form of the schema not contain any elements matching the path attribute\/\/ref\)$/],
    ['undefined-ref.rng', 'undefined-ref.rng', 4, 25, /^incorrect RELAX NG schema: reference to undefined pattern "nope"$/],
    ['unknown-datatype.rng', 'unknown-datatype.rng', 4, 25, /^incorrect RELAX NG schema: datatype "dat" from library "http:\/\/www.w3.org\/2001\/XMLSchema-datatypes" not recognized$/],
    ['compact-syntax.rnc', 'compact-syntax.rnc', 2, 12, /^incorrect RELAX NG compact schema: "\|" and "," cannot be mixed without parentheses$/],
    ['absent.rng', 'absent.rng', 1, 1, /^cannot read schema: no such file$/],
  ];
  for (const [name, file, line, column, message] of cases) {
    it(name, async () => {
      const error = await loadSchema(broken(name), { noCache: true }).then(() => undefined, (e: unknown) => e);
      expect(error).toBeInstanceOf(TeikitError);
      const e = error as TeikitError;
      expect(e.exitCode).toBe(2);
      expect(e.diagnostic).toMatchObject({ file: broken(file), line, column, source: 'schema', ruleId: 'relaxng/schema', severity: 'error' });
      expect(e.diagnostic.message).toMatch(message);
    });
  }
});

describe('the compiled-schema cache', () => {
  const work = join(tmp, 'cached');
  cpSync(join(FIXTURES, 'modular'), work, { recursive: true });
  const main = join(work, 'main.rng');
  const part = join(work, 'part.rng');
  const cache = join(tmp, 'cache-modular');
  const doc = parseXml('<note xmlns="http://example.org/notes" n="1">x</note>', { file: 'note.xml' });

  it('compiles once, then reads the cache', async () => {
    const first = await loadSchema(main, { cacheDir: cache });
    expect(first.fromCache).toBe(false);
    expect(readdirSync(join(cache, 'relaxng')).filter((f) => f.endsWith('.json'))).toHaveLength(1);
    const second = await loadSchema(main, { cacheDir: cache });
    expect(second.fromCache).toBe(true);
    expect(second.hash).toBe(first.hash);
    expect(validateWithSchema(second, doc)).toEqual([]);
  });

  it('is invalidated by a change in an included file', async () => {
    const before = await loadSchema(main, { cacheDir: cache });
    writeFileSync(part, readFileSync(part, 'utf8').replace('<data type="integer"/>', '<value>2</value>'));
    const after = await loadSchema(main, { cacheDir: cache });
    expect(after.fromCache).toBe(false);
    expect(after.hash).not.toBe(before.hash);
    expect(lines(validateWithSchema(after, doc))).toEqual(['1:46: value of attribute "n" is invalid; must be equal to "2" [relaxng/invalid]']);
    expect((await loadSchema(main, { cacheDir: cache })).fromCache).toBe(true);
  });

  it('is invalidated by a change in the schema itself', async () => {
    writeFileSync(main, readFileSync(main, 'utf8').replace('<text/>', '<empty/>'));
    const changed = await loadSchema(main, { cacheDir: cache });
    expect(changed.fromCache).toBe(false);
    expect(lines(validateWithSchema(changed, doc))).toEqual([
      '1:46: value of attribute "n" is invalid; must be equal to "2" [relaxng/invalid]',
      '1:47: text not allowed here; expected the element end-tag [relaxng/invalid]',
    ]);
  });

  it('is neither read nor written with noCache', async () => {
    const empty = join(tmp, 'cache-none');
    const s = await loadSchema(main, { cacheDir: empty, noCache: true });
    expect(s.fromCache).toBe(false);
    expect(existsSync(empty)).toBe(false);
  });

  it('ignores a damaged entry and compiles again', async () => {
    const dir = join(cache, 'relaxng');
    for (const f of readdirSync(dir)) writeFileSync(join(dir, f), '{"format":1}\n[[[');
    const s = await loadSchema(main, { cacheDir: cache });
    expect(s.fromCache).toBe(false);
    expect((await loadSchema(main, { cacheDir: cache })).fromCache).toBe(true);
  });
});

/**
 * The RELAX NG compact syntax reader (src/validate/relaxng/syntax/compact.ts):
 * - each construct of the OASIS 2002 specification read into the XML-syntax tree, exactly;
 * - syntax errors as one diagnostic at the .rnc's line and column;
 * - `teikit validate --schema x.rnc`, includes of .rnc from .rnc, loops and missing includes, through the CLI;
 * - conformance: every correct schema of James Clark's suite converted to .rnc by trang at test time gives the
 *   suite's verdicts; tei_all, tei_lite and the CMIF schema converted by trang, and FRUS's own frus.rnc, give the
 *   verdicts and first-error lines of `jing -c` on the corpus.
 * trang and jing are Debian packages (installed by .ci/run); without them or the shared data, those parts are
 * skipped loudly.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join, relative } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { TeikitError } from '../src/diagnostics.js';
import * as tools from './tools.mjs';
import { compileSchema } from '../src/validate/relaxng/compile.js';
import { loadSchema, validateTree, validateWithSchema, type RelaxngSchema } from '../src/validate/relaxng/index.js';
import { parseCompactSchema } from '../src/validate/relaxng/syntax/compact.js';
import { parseXml, serializeXml, tryParseXml, walk, type XmlElement } from '../src/xml/index.js';
import { corpusDir, hasCorpus, runCli } from './helpers.js';
import { loadCases, present as hasSuite } from './spectest-cases.js';

const FIXTURES = fileURLToPath(new URL('./fixtures/relaxng/', import.meta.url));
const tmp = mkdtempSync(join(tmpdir(), 'teikit-compact-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

const hasTrang = !tools.skipUnless(tools.trang, 'compact-syntax conformance tests');
const hasJing = !tools.skipUnless(tools.jingDriver, 'compact-syntax agreement tests with jing');

const xml = (rnc: string): string => serializeXml(parseCompactSchema(rnc, 'x.rnc').root);
const R = 'xmlns="http://relaxng.org/ns/structure/1.0"';
const XSD = 'datatypeLibrary="http://www.w3.org/2001/XMLSchema-datatypes"';

describe('parseCompactSchema: each construct gives the XML syntax', () => {
  const cases: Array<[string, string, string]> = [
    ['a top-level pattern; no default namespace: ns inherited (empty at the top)', 'element a { empty }',
      `<element ${R} name="a"><empty/></element>`],
    ['default namespace: elements get it, unprefixed attributes do not',
      'default namespace = "urn:d"\nelement a { attribute b { text }, element c { notAllowed } }',
      `<element ${R} ns="urn:d" name="a"><group><attribute name="b"><text/></attribute><element name="c"><notAllowed/></element></group></element>`],
    ['prefixed names, choice, built-in string value',
      'namespace x = "urn:x"\nelement x:a { attribute x:b { text } | attribute c { string "v" } }',
      `<element ${R} xmlns:x="urn:x" name="x:a"><choice><attribute name="x:b"><text/></attribute><attribute name="c"><value type="string" datatypeLibrary="">v</value></attribute></choice></element>`],
    ['name classes: anyName and nsName with exceptions, a name choice',
      'namespace x = "urn:x"\nelement * - (a | b) { attribute x:* - x:y { text } }',
      `<element ${R} xmlns:x="urn:x"><anyName><except><choice><name>a</name><name>b</name></choice></except></anyName><attribute><nsName ns="urn:x"><except><name ns="urn:x">y</name></except></nsName><text/></attribute></element>`],
    ['an attribute name choice: unprefixed names are in no namespace', 'default namespace = "urn:d"\nelement a { attribute b | c { text } }',
      `<element ${R} ns="urn:d" name="a"><attribute><choice><name ns="">b</name><name ns="">c</name></choice><text/></attribute></element>`],
    ['datatype parameters', 'element a { xsd:integer { minInclusive = "1" maxInclusive = "9" } }',
      `<element ${R} name="a"><data type="integer" ${XSD}><param name="minInclusive">1</param><param name="maxInclusive">9</param></data></element>`],
    ['data with an except', 'element a { xsd:token - ("a" | "b") }',
      `<element ${R} name="a"><data type="token" ${XSD}><except><choice><value type="token" datatypeLibrary="">a</value><value type="token" datatypeLibrary="">b</value></choice></except></data></element>`],
    ['values: bare literal, token, xsd:string', 'element a { token "x" | "y" | xsd:string "z" }',
      `<element ${R} name="a"><choice><value type="token" datatypeLibrary="">x</value><value type="token" datatypeLibrary="">y</value><value type="string" ${XSD}>z</value></choice></element>`],
    ['a datatypes declaration', 'datatypes d = "urn:dt"\nelement a { d:foo }',
      `<element ${R} name="a"><data type="foo" datatypeLibrary="urn:dt"/></element>`],
    ['list, mixed, repeats, parentheses', 'element a { list { xsd:int+ }, mixed { empty }, text* , empty?, (text)+ }',
      `<element ${R} name="a"><group><list><oneOrMore><data type="int" ${XSD}/></oneOrMore></list><mixed><empty/></mixed><zeroOrMore><text/></zeroOrMore><optional><empty/></optional><oneOrMore><text/></oneOrMore></group></element>`],
    ['interleave', 'element a { b & c }', `<element ${R} name="a"><interleave><ref name="b"/><ref name="c"/></interleave></element>`],
    ['a grammar: start, define, parent, combine |= and &=', 'start = a\na = element a { parent x }\na |= empty\nb &= text',
      `<grammar ${R}><start><ref name="a"/></start><define name="a"><element name="a"><parentRef name="x"/></element></define><define name="a" combine="choice"><empty/></define><define name="b" combine="interleave"><text/></define></grammar>`],
    ['quoted identifiers (keywords as names)', '\\element = element element { \\text }\nstart = \\element',
      `<grammar ${R}><define name="element"><element name="element"><ref name="text"/></element></define><start><ref name="element"/></start></grammar>`],
    ['a nested grammar and external', 'grammar { start = external "e.rnc" }',
      `<grammar ${R}><start><externalRef href="e.rnc"/></start></grammar>`],
    ['div', 'div { start = element a { empty } }', `<grammar ${R}><div><start><element name="a"><empty/></element></start></div></grammar>`],
    ['include with overrides and inherit', 'namespace x = "urn:x"\ninclude "i.rnc" inherit = x { start = element a { empty } div { b = text } }',
      `<grammar ${R} xmlns:x="urn:x"><include href="i.rnc" ns="urn:x"><start><element name="a"><empty/></element></start><div><define name="b"><text/></define></div></include></grammar>`],
    ['include with inherit: the overrides keep this file\'s default namespace',
      'default namespace = "urn:d"\nnamespace x = "urn:x"\ninclude "i.rnc" inherit = x { start = element a { empty } }',
      `<grammar ${R} xmlns:x="urn:x" ns="urn:d"><include href="i.rnc" ns="urn:x"><start ns="urn:d"><element name="a"><empty/></element></start></include></grammar>`],
    ['QName values resolve against the default namespace (the root\'s ns) and the declared prefixes',
      'default namespace = "urn:d"\nnamespace x = "urn:x"\nelement x:c { attribute x:d { xsd:QName "e" } }',
      `<element ${R} xmlns:x="urn:x" ns="urn:d" name="x:c"><attribute name="x:d"><value type="QName" ${XSD}>e</value></attribute></element>`],
    ['annotations on a value, a param and a name follow it (they hold text only)',
      'namespace a = "urn:a"\nelement [ a:n [ ] ] b { xsd:int { [ a:p [ ] ] pattern = "1" } | [ a:v [ ] ] "x" }',
      `<element ${R} xmlns:a="urn:a"><name>b</name><a:n/><choice><data type="int" ${XSD}><param name="pattern">1</param><a:p/></data><value type="token" datatypeLibrary="">x</value><a:v/></choice></element>`],
    ['include without inherit takes the default namespace', 'default namespace = "urn:d"\ninclude "i.rnc"',
      `<grammar ${R} ns="urn:d"><include href="i.rnc" ns="urn:d"/></grammar>`],
    ['literals: concatenation with ~, both quotes, triple quotes', 'element a { "x" ~ \'y\' ~ """multi\nline""" ~ \'\'\'q\'\'\'}',
      `<element ${R} name="a"><value type="token" datatypeLibrary="">xymulti\nlineq</value></element>`],
    ['\\x{...} escapes, astral included, before tokenising', 'element \\x{61}\\xx{62} { "\\x{10000}\\x{9}" }',
      `<element ${R} name="ab"><value type="token" datatypeLibrary="">\u{10000}\t</value></element>`],
    ['an escaped newline is text inside a literal, as trang writes it', 'element a { "a\\x{A}b" # c \\x{A} d\n}',
      `<element ${R} name="a"><value type="token" datatypeLibrary="">a\nb</value></element>`],
    ['annotations: ## documentation, attributes, elements, >> follow annotations',
      'namespace a = "http://relaxng.org/ns/compatibility/annotations/1.0"\n## doc 1\n###  doc 2\nstart = [ a:defaultValue = "d" ] element x { [ a:y = "1" a:z [ "t" a:w [ k = "v" ] ] ] empty >> a:f [ ] }',
      `<grammar ${R} xmlns:a="http://relaxng.org/ns/compatibility/annotations/1.0"><start><a:documentation>doc 1\n doc 2</a:documentation><element name="x" a:defaultValue="d"><empty a:y="1"><a:z>t<a:w k="v"/></a:z></empty><a:f/></element></start></grammar>`],
    ['## without a declared annotations prefix declares one', '## hello\nstart = empty',
      `<grammar ${R} xmlns:a="http://relaxng.org/ns/compatibility/annotations/1.0"><start><a:documentation>hello</a:documentation><empty/></start></grammar>`],
    ['embedded Schematron: annotation elements in grammar content',
      'namespace sch = "http://purl.oclc.org/dsdl/schematron"\nsch:ns [ prefix = "t" uri = "urn:t" ]\nstart = element a { empty }\nsch:pattern [ sch:rule [ context = "t:a" sch:assert [ test = "@x" "needs x" ] ] ]',
      `<grammar ${R} xmlns:sch="http://purl.oclc.org/dsdl/schematron"><sch:ns prefix="t" uri="urn:t"/><start><element name="a"><empty/></element></start><sch:pattern><sch:rule context="t:a"><sch:assert test="@x">needs x</sch:assert></sch:rule></sch:pattern></grammar>`],
    ['an unprefixed annotation element in grammar content', 'comment [ ]\nstart = empty',
      `<grammar ${R}><comment xmlns=""/><start><empty/></start></grammar>`],
    ['a follow annotation in a group; an unprefixed annotation element is in no namespace', 'element a { text >> foo [ "x" ] , empty }',
      `<element ${R} name="a"><group><text/><foo xmlns="">x</foo><empty/></group></element>`],
    ['comments are dropped', 'element a { empty } # the end\n# more\n', `<element ${R} name="a"><empty/></element>`],
    ['an empty schema is an empty grammar', '', `<grammar ${R}/>`],
    ['namespace x = inherit leaves ns out', 'namespace x = inherit\nelement x:a { empty }', `<element ${R} name="a"><empty/></element>`],
    ['CR LF and CR newlines', 'start =\r\n  element a {\r    empty }\r\n', `<grammar ${R}><start><element name="a"><empty/></element></start></grammar>`],
  ];
  for (const [name, rnc, expected] of cases) {
    it(name, () => {
      expect(xml(rnc)).toBe(expected);
    });
  }

  it('follow annotations after a top-level include are kept as siblings in the grammar', () => {
    expect(xml('include "i.rnc"\nstart = element a { empty >> x [ ] }')).toBe(
      `<grammar ${R}><include href="i.rnc"/><start><element name="a"><empty/><x xmlns=""/></element></start></grammar>`);
  });

  it('positions: each element at its construct in the .rnc (column in code points)', () => {
    const doc = parseCompactSchema('# 日本\nstart =\n  element 日本 { attribute b { xsd:int }* }\n', 'p.rnc');
    const seen: string[] = [];
    walk(doc, (n) => {
      if (n.type === 'element') seen.push(`${n.local}@${n.line}:${n.column}`);
    });
    expect(seen).toEqual(['grammar@2:1', 'start@2:1', 'element@3:3', 'zeroOrMore@3:16', 'attribute@3:16', 'data@3:30']);
    const data = doc.root.children[0] as XmlElement;
    expect(data.parent).toBe(doc.root);
  });

  it('positions after an escape point into the original text', () => {
    const doc = parseCompactSchema('element \\x{61} {\n  \\x{10000}x }', 'p.rnc');
    expect(() => parseCompactSchema('element a { "\\x{10000}" , , }', 'e.rnc')).toThrow(/^e\.rnc:1:27: error /);
    const inner = doc.root.children[0] as XmlElement;
    expect([inner.local, inner.line, inner.column]).toEqual(['ref', 2, 3]);
  });
});

describe('parseCompactSchema: syntax errors name the .rnc file, line and column', () => {
  const cases: Array<[string, string, number, number, string]> = [
    ['mixed operators', 'start = element p {\n  text | hi, empty\n}', 2, 12, '"|" and "," cannot be mixed without parentheses'],
    ['unclosed brace', 'element a {\n  empty\n', 3, 1, 'expected "}" to close the element, found the end of the schema'],
    ['undeclared namespace prefix', 'element x:a { empty }', 1, 9, 'the namespace prefix "x" is not declared'],
    ['undeclared datatypes prefix', 'element a { dt:int }', 1, 13, 'the datatypes prefix "dt" is not declared'],
    ['keyword as a definition name', 'start = a\nelement = empty', 2, 1, '"element" is a keyword: write \\element to define a pattern of that name'],
    ['unterminated literal', 'element a { "abc\n" }', 1, 13, 'unterminated string literal (a literal in " must end on its line; """ spans lines)'],
    ['unterminated triple-quoted literal', "element a { '''abc\n }", 1, 13, "unterminated string literal (no closing ''')"],
    ['bad escape', 'element a { "\\x{zz}" }', 1, 14, 'an escape must be \\x{HEX} with hexadecimal digits and a closing }'],
    ['escape of a non-XML character', 'element a {\n "\\x{0}" }', 2, 3, 'the escape \\x{0} does not name an XML character'],
    ['unexpected character', 'element a { empty ; }', 1, 19, 'unexpected character ";"'],
    ['a prefix declared twice', 'namespace x = "urn:a"\nnamespace x = "urn:b"\nelement a { empty }', 2, 11, 'the namespace prefix "x" is declared twice'],
    ['xml prefix rebound', 'namespace xml = "urn:x"\nelement a { empty }', 1, 11, 'the prefix "xml" is bound to http://www.w3.org/XML/1998/namespace and cannot be redeclared'],
    ['annotation attribute without prefix', 'element a { [ b = "1" ] empty }', 1, 15, 'an annotation attribute needs a namespace prefix ("b" has none)'],
    ['repeat of a repeat', 'element a { empty** }', 1, 19, 'a repeated pattern cannot be repeated again without parentheses'],
    ['text after the top-level pattern', 'element a { empty }\nelement b { empty }', 2, 1, 'expected the end of the schema after the top-level pattern, found "element"'],
    ['include inside include', 'include "a.rnc" { include "b.rnc" }', 1, 19, 'expected a definition, "start", "div" or "}", found "include"'],
  ];
  for (const [name, rnc, line, column, message] of cases) {
    it(name, () => {
      let error: unknown;
      try {
        parseCompactSchema(rnc, 'bad.rnc');
      } catch (e) {
        error = e;
      }
      expect(error).toBeInstanceOf(TeikitError);
      const e = error as TeikitError;
      expect(e.exitCode).toBe(2);
      expect(e.diagnostic).toEqual({ file: 'bad.rnc', line, column, severity: 'error', message: `incorrect RELAX NG compact schema: ${message}`, ruleId: 'relaxng/schema', source: 'schema', url: 'README.md#rule-relaxng-schema' });
    });
  }
});

describe('teikit validate --schema x.rnc (the CLI, as a user runs it)', () => {
  const dir = join(FIXTURES, 'compact');
  const env = { TEIKIT_CACHE_DIR: join(tmp, 'cli-cache') };
  const rel = (p: string): string => relative(process.cwd(), p);

  it('an .rnc that includes an .rnc and overrides a definition: valid and invalid files, as jing -c says', () => {
    const ok = runCli(['validate', '--schema', rel(join(dir, 'note.rnc')), rel(join(dir, 'note-valid.xml'))], { env });
    expect(ok.stdout.split('\n')[0]).toBe(`${rel(join(dir, 'note-valid.xml'))}: valid (schema: ${rel(join(dir, 'note.rnc'))})`);
    expect(ok.status).toBe(0);
    const bad = runCli(['validate', '--schema', rel(join(dir, 'note.rnc')), rel(join(dir, 'note-invalid.xml'))], { env });
    // jing -c note.rnc note-invalid.xml: note-invalid.xml:2:15: error: value of attribute "n" is invalid; must be an integer
    expect(bad.stdout.split('\n')[0]).toBe(`${rel(join(dir, 'note-invalid.xml'))}:2:15: error value of attribute "n" is invalid; must be an integer [relaxng/invalid]`);
    expect(bad.status).toBe(1);
  });

  const broken: Array<[string, string, string]> = [
    ['a syntax error', join(FIXTURES, 'broken', 'compact-syntax.rnc'),
      `${join(FIXTURES, 'broken', 'compact-syntax.rnc')}:2:12: error incorrect RELAX NG compact schema: "|" and "," cannot be mixed without parentheses [relaxng/schema]`],
    // jing -c: loop-a.rnc:2:1: error: recursive inclusion of URL ".../loop-b.rnc"
    ['an include loop', join(dir, 'loop-a.rnc'),
      // jing -c: the same line, and the same URL as Java spells it
      `${join(dir, 'loop-a.rnc')}:2:1: error incorrect RELAX NG schema: recursive inclusion of URL "file:${join(dir, 'loop-b.rnc')}" [relaxng/schema]`],
    ['a missing include', join(dir, 'missing-include.rnc'),
      `${join(dir, 'missing-include.rnc')}:3:1: error cannot read schema ${join(dir, 'nowhere.rnc')} (include href="nowhere.rnc"): no such file [relaxng/schema]`],
  ];
  for (const [name, schema, line] of broken) {
    it(`${name}: one line with the schema's file, line and column, exit 2`, () => {
      const r = runCli(['validate', '--schema', schema, join(dir, 'note-valid.xml')], { env });
      expect(r.stderr).toBe(`${line}\n`);
      expect(r.stdout).toBe('');
      expect(r.status).toBe(2);
    });
  }

  it('the compiled .rnc is cached like an .rng, keyed by every file it includes', async () => {
    const cacheDir = join(tmp, 'api-cache');
    const first = await loadSchema(join(dir, 'note.rnc'), { cacheDir });
    const second = await loadSchema(join(dir, 'note.rnc'), { cacheDir });
    expect([first.fromCache, second.fromCache]).toEqual([false, true]);
    const doc = parseXml(readFileSync(join(dir, 'note-invalid.xml')), { file: 'n.xml' });
    expect(validateWithSchema(second, doc).map((d) => `${d.line}:${d.column} ${d.message}`)).toEqual(['2:15 value of attribute "n" is invalid; must be an integer']);
  });
});

/** Run trang on many (input .rng, output .rnc) pairs in one JVM; returns the outputs trang converted. */
function trang(pairs: Array<[string, string]>): Set<string> {
  for (const [, out] of pairs) mkdirSync(dirname(out), { recursive: true }); // trang does not create folders
  // trang's argv is `java -cp TRANG:XERCES`; the batch driver is a Java source file run by java directly.
  const run = tools.runTool(tools.trang, [fileURLToPath(new URL('./TrangBatch.java', import.meta.url)), ...pairs.flat()]);
  return new Set(run.stdout.split('\n').filter((l) => l.startsWith('ok ')).map((l) => l.slice(3)));
}

describe.skipIf(!hasSuite || !hasTrang)('the spec suite in compact syntax (each correct schema converted by trang)', () => {
  const cases = hasSuite && hasTrang ? loadCases().filter((k) => k.correct !== undefined) : [];
  const base = join(tmp, 'suite');
  const pairs: Array<[string, string]> = [];
  for (const k of cases) {
    const dir = join(base, `case${k.n}`);
    const files = new Map([['schema.rng', k.correct!], ...k.resources]);
    for (const [name, text] of files) {
      mkdirSync(dirname(join(dir, name)), { recursive: true });
      writeFileSync(join(dir, name), text);
    }
    pairs.push([join(dir, 'schema.rng'), join(dir, 'rnc', 'schema.rnc')]);
  }
  const converted = pairs.length > 0 ? trang(pairs) : new Set<string>();
  const score = { passed: 0, total: 0 };
  afterAll(() => {
    console.log(`RELAX NG spec suite in compact syntax: ${score.passed}/${score.total} checks passed over ${converted.size} of ${cases.length} correct schemas trang converts`);
  });

  it('trang converts every correct schema of the suite', () => {
    expect(cases.length).toBe(172);
    expect(pairs.filter(([, out]) => !converted.has(out)).map(([inp]) => relative(base, inp))).toEqual([]);
  });

  for (const k of cases) {
    it(`case ${k.n} (section ${k.section}): ${k.valid.length} valid, ${k.invalid.length} invalid`, async () => {
      const rnc = join(base, `case${k.n}`, 'rnc', 'schema.rnc');
      if (!converted.has(rnc)) return; // counted by the test above
      const wrong: string[] = [];
      const compiled = await compileSchema(pathToFileURL(rnc)).catch((e: unknown) => {
        if (e instanceof TeikitError) return e;
        throw e;
      });
      score.total += 1 + k.valid.length + k.invalid.length;
      if (compiled instanceof TeikitError) {
        expect.fail(`correct schema rejected in compact syntax: ${compiled.message}\n${readFileSync(rnc, 'utf8')}`);
      }
      score.passed++;
      k.valid.forEach((x, i) => {
        const errors = validateTree(compiled.grammar, parseXml(x, { file: `valid${i + 1}.xml` }));
        if (errors.length === 0) score.passed++;
        else wrong.push(`valid instance ${i + 1} rejected: ${errors[0]!.message}`);
      });
      k.invalid.forEach((x, i) => {
        const errors = validateTree(compiled.grammar, parseXml(x, { file: `invalid${i + 1}.xml` }));
        if (errors.length > 0) score.passed++;
        else wrong.push(`invalid instance ${i + 1} accepted`);
      });
      expect(wrong).toEqual([]);
    });
  }
});

// ---- the corpus: trang's .rnc of tei_all, tei_lite and CMIF, and FRUS's own frus.rnc, against jing -c ----

interface Verdict {
  verdict: 'valid' | 'invalid';
  firstLine?: number;
}

function xmlFiles(dir: string): string[] {
  const out: string[] = [];
  const stack = [dir];
  while (stack.length > 0) {
    const d = stack.pop()!;
    for (const name of readdirSync(d)) {
      const p = join(d, name);
      if (statSync(p).isDirectory()) stack.push(p);
      else if (name.endsWith('.xml')) out.push(p);
    }
  }
  return out.sort();
}

/**
 * jing -c on many files in ONE call (one JVM per schema). jing stops at the first file that is not well-formed, so
 * only files our parser reads are given. Debian's `jing` wrapper turns on XInclude; the jar's driver does not, and
 * teikit's engine validates the tree as it is, so the driver is called directly. Verdicts are cached in the OS temp
 * dir, keyed by the SHA-256 of the schema files and of every instance.
 */
function jingCompact(schema: string, schemaFiles: string[], files: string[]): Map<string, Verdict> {
  const h = createHash('sha256');
  // Schema files by name and content (trang writes them to a new temporary folder each run), instances by path.
  for (const f of schemaFiles) h.update(basename(f)).update(readFileSync(f));
  for (const f of files) h.update(f).update(readFileSync(f));
  const cache = join(tmpdir(), 'teikit-jing-compact-verdicts', `${h.digest('hex')}.json`);
  if (existsSync(cache)) return new Map(Object.entries(JSON.parse(readFileSync(cache, 'utf8')) as Record<string, Verdict>));
  const run = tools.runTool(tools.jingDriver, ['-c', schema, ...files]);
  const verdicts = new Map<string, Verdict>(files.map((f) => [f, { verdict: 'valid' }]));
  for (const line of run.stdout.split('\n')) {
    const m = /^(.*):(\d+):\d+: (?:error|fatal): /.exec(line);
    if (m === null) continue;
    const v = verdicts.get(m[1]!);
    if (v !== undefined && v.verdict === 'valid') verdicts.set(m[1]!, { verdict: 'invalid', firstLine: Number(m[2]) });
  }
  mkdirSync(dirname(cache), { recursive: true });
  writeFileSync(cache, JSON.stringify(Object.fromEntries(verdicts)));
  return verdicts;
}

const CORPUS_CACHE = join(tmp, 'corpus-cache');
const corpusFiles = hasCorpus ? xmlFiles(corpusDir).filter((f) => tryParseXml(readFileSync(f), { file: f }).ok) : [];

function agree(label: string, schema: () => string, schemaFiles: () => string[], files: string[]): void {
  describe(label, () => {
    let theirs: Map<string, Verdict> | undefined;
    let ours: Promise<RelaxngSchema> | undefined;
    for (const file of files) {
      it(relative(corpusDir, file), async () => {
        theirs ??= jingCompact(schema(), schemaFiles(), files);
        ours ??= loadSchema(schema(), { cacheDir: CORPUS_CACHE });
        const errors = validateWithSchema(await ours, parseXml(readFileSync(file), { file }), { maxErrors: 1 });
        const mine: Verdict = errors.length === 0 ? { verdict: 'valid' } : { verdict: 'invalid', firstLine: errors[0]!.line };
        expect(mine, errors[0]?.message).toEqual(theirs.get(file));
      });
    }
  });
}

describe.skipIf(!hasCorpus || !hasTrang || !hasJing)('agreement with jing -c on the corpus', () => {
  const converted = join(tmp, 'converted');
  const schemas = {
    tei_all: [join(corpusDir, 'schemas/tei_all.rng'), join(converted, 'tei_all/tei_all.rnc')],
    tei_lite: [join(corpusDir, 'schemas/tei_lite.rng'), join(converted, 'tei_lite/tei_lite.rnc')],
    cmif: [join(corpusDir, 'cmif/schema/cmi-customization.rng'), join(converted, 'cmif/cmi-customization.rnc')],
  } as const;
  let done: Set<string> | undefined;
  const rnc = (name: keyof typeof schemas): string => {
    done ??= trang(Object.values(schemas).map(([a, b]) => [a, b]));
    const out = schemas[name][1];
    if (!done.has(out)) throw new Error(`trang could not convert ${schemas[name][0]}`);
    return out;
  };
  const outputs = (name: keyof typeof schemas) => (): string[] => {
    rnc(name);
    return readdirSync(dirname(schemas[name][1])).sort().map((f) => join(dirname(schemas[name][1]), f));
  };
  agree('tei_all.rnc (trang)', () => rnc('tei_all'), outputs('tei_all'), corpusFiles);
  agree('tei_lite.rnc (trang)', () => rnc('tei_lite'), outputs('tei_lite'), corpusFiles.filter((f) => /lassberg-letter-1235|meros|test\.xml$|frus1894/.test(f)));
  agree('CMIF (trang)', () => rnc('cmif'), outputs('cmif'), corpusFiles.filter((f) => f.includes('/cmif/')));
  const frus = join(corpusDir, 'frus/schema/frus.rnc');
  agree('frus.rnc (as FRUS ships it)', () => frus, () => [frus], corpusFiles.filter((f) => /\/frus\//.test(f)));

  it('frus.rnc carries its Schematron as sch:* annotation elements, every one of them', () => {
    const doc = parseCompactSchema(readFileSync(frus, 'utf8'), frus);
    const sch: Record<string, number> = {};
    walk(doc, (n) => {
      if (n.type === 'element' && n.uri === 'http://purl.oclc.org/dsdl/schematron') sch[n.local] = (sch[n.local] ?? 0) + 1;
    });
    // grep -o 'sch:[a-z-]*' frus.rnc | sort | uniq -c
    expect(sch).toEqual({ assert: 11, let: 1, name: 6, ns: 6, pattern: 22, report: 12, rule: 22, 'value-of': 3 });
  });
});

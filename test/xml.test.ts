import { describe, expect, it } from 'vitest';
import { attr, descendants, parseXml, serializeXml, textContent, tryParseXml, xpathOf } from '../src/xml/index.js';

const bytes = (s: string): Uint8Array => new TextEncoder().encode(s);

function failure(input: string | Uint8Array): { line: number; column: number; message: string } {
  const result = tryParseXml(input, { file: 'f.xml' });
  if (result.ok) throw new Error('expected a well-formedness error');
  expect(result.diagnostic.file).toBe('f.xml');
  expect(result.diagnostic.source).toBe('xml');
  const { line, column, message } = result.diagnostic;
  return { line, column, message };
}

describe('parseXml: positions', () => {
  it('reports the < of a start tag and its > in code points', () => {
    const doc = parseXml('<r>\n  日本<x a="1"\n     b="2">t</x></r>');
    const [x] = descendants(doc, 'x');
    expect([x!.line, x!.column]).toEqual([2, 5]);
    expect(x!.tagEnd).toEqual({ line: 3, column: 11 });
    expect(xpathOf(x!)).toBe('/r[1]/x[1]');
  });

  it('gives text nodes the position where they start', () => {
    const doc = parseXml('<r><a/>hello\nworld</r>');
    const text = doc.root.children[1]!;
    expect(text).toMatchObject({ type: 'text', value: 'hello\nworld', line: 1, column: 8 });
  });

  it('resolves namespaces, keeps the xml namespace and prefixes as written', () => {
    const doc = parseXml('<TEI xmlns="http://www.tei-c.org/ns/1.0" xmlns:f="urn:f"><p xml:id="p1" f:x="1"/></TEI>');
    const [p] = descendants(doc, 'p');
    expect(p!.uri).toBe('http://www.tei-c.org/ns/1.0');
    expect(attr(p!, 'id', 'http://www.w3.org/XML/1998/namespace')).toBe('p1');
    expect(attr(p!, 'x', 'urn:f')).toBe('1');
    expect(p!.ns).toMatchObject({ '': 'http://www.tei-c.org/ns/1.0', f: 'urn:f' });
  });
});

describe('parseXml: well-formedness errors with line and column', () => {
  it.each([
    ['an unbound prefix', '<r>\n<x:y/></r>', 2, 6, 'unbound namespace prefix: "x"'],
    ['two roots', '<r/><s/>', 1, 7, 'documents may contain only one root'],
    ['an undefined entity', '<r>&nope;</r>', 1, 9, 'undefined entity "nope"'],
    ['a control character', '<r>\u0001</r>', 1, 4, 'disallowed character'],
    ['a truncated file', '<r><p>abc', 1, 9, 'unclosed tag: p'],
    ['an empty file', '  \n', 1, 1, 'the file is empty: an XML document needs a root element'],
  ])('%s', (_, xml, line, column, message) => {
    expect(failure(xml)).toEqual({ line, column, message });
  });

  it('reports invalid UTF-8 at its position', () => {
    const input = new Uint8Array([...bytes('<r>\nab'), 0xff, ...bytes('</r>')]);
    const f = failure(input);
    expect([f.line, f.column]).toEqual([2, 3]);
    expect(f.message).toMatch(/^invalid UTF-8 byte sequence/);
  });
});

describe('parseXml: encodings', () => {
  it('reads UTF-8 with a BOM and UTF-16 with either BOM', () => {
    expect(textContent(parseXml(new Uint8Array([0xef, 0xbb, 0xbf, ...bytes('<r>é</r>')])))).toBe('é');
    expect(textContent(parseXml(Buffer.from('\ufeff<r>伊犁</r>', 'utf16le')))).toBe('伊犁');
    const be = Buffer.from('\ufeff<r>塔城</r>', 'utf16le').swap16();
    expect(textContent(parseXml(be))).toBe('塔城');
  });

  it('honours an ISO-8859-1 declaration', () => {
    const latin1 = Buffer.from('<?xml version="1.0" encoding="ISO-8859-1"?><r>caf\u00e9</r>', 'latin1');
    expect(textContent(parseXml(latin1))).toBe('café');
  });
});

describe('parseXml: hostile input', () => {
  it('expands internal entities and keeps character references', () => {
    const doc = parseXml('<!DOCTYPE r [<!ENTITY mdash "&#8212;">]><r a="&#225;">x&mdash;y</r>');
    expect(textContent(doc)).toBe('x\u2014y');
    expect(attr(doc.root, 'a')).toBe('á');
  });

  it('never reads an external entity', () => {
    const f = failure('<!DOCTYPE r [<!ENTITY x SYSTEM "file:///etc/passwd">]><r>&x;</r>');
    expect(f.message).toBe('external entity "x" is not loaded: teikit never reads external entities');
  });

  it('stops a billion-laughs bomb with a clear error', () => {
    let dtd = '<!ENTITY l0 "lol">';
    for (let i = 1; i <= 9; i++) dtd += `<!ENTITY l${i} "${`&l${i - 1};`.repeat(10)}">`;
    const f = failure(`<!DOCTYPE r [${dtd}]>\n<r>&l9;</r>`);
    expect(f.message).toMatch(/^entity expansion limit exceeded/);
    expect(f.line).toBe(2);
  });

  it('stops many references to a large entity (quadratic blow-up)', () => {
    const big = 'x'.repeat(100_000);
    const f = failure(`<!DOCTYPE r [<!ENTITY b "${big}">]><r>${'&b;'.repeat(200)}</r>`);
    expect(f.message).toMatch(/^entity expansion limit exceeded \(more than 10000000 characters/);
  });

  it('reports a recursive entity', () => {
    expect(failure('<!DOCTYPE r [<!ENTITY a "&b;"><!ENTITY b "&a;">]><r>&a;</r>').message).toBe(
      'recursive entity reference: a -> b -> a',
    );
  });

  it('parses and serialises 200,000 nested elements', () => {
    const depth = 200_000;
    const doc = parseXml('<a>'.repeat(depth) + 'x' + '</a>'.repeat(depth));
    const out = serializeXml(doc, { declaration: false });
    expect(out.length).toBe(depth * 7 + 2);
    expect(textContent(doc)).toBe('x');
  });
});

describe('serializeXml', () => {
  it('escapes text and attributes and keeps top-level PIs', () => {
    const doc = parseXml('<?xml-model href="s.rng"?><r a="&quot;&lt;&#10;">a &amp; &lt;b&gt;</r>');
    expect(serializeXml(doc)).toBe(
      '<?xml version="1.0" encoding="UTF-8"?>\n<?xml-model href="s.rng"?>\n<r a="&quot;&lt;&#10;">a &amp; &lt;b&gt;</r>\n',
    );
  });
});

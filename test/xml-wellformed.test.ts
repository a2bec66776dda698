/**
 * Well-formedness (XML 1.0 Fifth Edition) and namespace constraints (Namespaces in XML 1.0) of teikit's tokenizer,
 * table-driven: each case is a document and the first error as `[line, column, message]`, or `ok`.
 */
import { describe, expect, it } from 'vitest';
import { attr, parseXml, streamXml, tryParseXml } from '../src/xml/index.js';

function verdict(xml: string): 'ok' | [number, number, string] {
  const result = tryParseXml(xml, { file: 'f.xml' });
  return result.ok ? 'ok' : [result.diagnostic.line, result.diagnostic.column, result.diagnostic.message];
}

describe('names (section 2.3) and characters (section 2.2)', () => {
  it.each([
    ['a name may hold astral characters', '<r\u{10000}/>', 'ok'],
    ['... and start with one', '<\u{10000}/>', 'ok'],
    ['... but not U+F0000 (outside NameChar)', '<r\u{F0000}a/>', [1, 3, 'disallowed character in tag name']],
    ['a name may not start with a digit', '<1r/>', [1, 2, 'disallowed character in tag name']],
    ['an attribute name may not start with a digit', '<r 1a="x"/>', [1, 4, 'disallowed character in attribute name']],
    ['a lone surrogate is not a character', '<r>\uD800</r>', [1, 4, 'disallowed character']],
    ['U+FFFE is not a character', '<r>\uFFFE</r>', [1, 4, 'disallowed character']],
    ['a control character in an attribute value', '<r a="\u0001"/>', [1, 7, 'disallowed character']],
    ['a character reference to U+0000', '<r>&#0;</r>', [1, 7, 'malformed character entity']],
    ['a character reference beyond U+10FFFF', '<r>&#x110000;</r>', [1, 13, 'malformed character entity']],
    ['a character reference to a surrogate', '<r>&#xD800;</r>', [1, 11, 'malformed character entity']],
  ] as const)('%s', (_, xml, expected) => {
    expect(verdict(xml)).toEqual(expected);
  });
});

describe('markup (sections 2.4-2.8, 3.1)', () => {
  it.each([
    ['"]]>" in character data', '<r>a]]>b</r>', [1, 7, 'the string "]]>" is disallowed in char data']],
    ['"--" inside a comment', '<r><!-- a -- b --></r>', [1, 13, 'malformed comment']],
    ['a comment ending in "--->"', '<r><!-- a ---></r>', [1, 13, 'malformed comment']],
    ['a duplicate attribute', '<r a="1" a="2"/>', [1, 16, 'duplicate attribute: a']],
    ['two attributes without whitespace between them', '<r a="1"b="2"/>', [1, 9, 'no whitespace between attributes']],
    ['an unquoted attribute value', '<r a=1/>', [1, 6, 'unquoted attribute value']],
    ['"<" in an attribute value', '<r a="<"/>', [1, 7, 'disallowed character in attribute value']],
    ['two root elements', '<r/><s/>', [1, 7, 'documents may contain only one root']],
    ['text after the root element', '<r>text</r>text', [1, 15, 'text data outside of root node']],
    ['a mismatched end tag', '<r><a></b></r>', [1, 10, 'unexpected close tag']],
    ['an end tag after the root', '<r></r></r>', [1, 11, 'unmatched closing tag: r']],
    ['a CDATA section outside the root', '<![CDATA[x]]><r/>', [1, 9, 'text data outside of root node']],
    ['a PI named xml after the start', '<r><?xml foo?></r>', [1, 9, 'an XML declaration must be at the start of the document']],
    ['a PI named XML in another case', '<r><?XML foo?></r>', [1, 9, 'the processing instruction target "XML" is reserved']],
    ['a PI target with a colon', '<r><?a:b foo?></r>', [1, 8, 'disallowed character in processing instruction name']],
    ['a DOCTYPE after the root', '<r/><!DOCTYPE r>', [1, 13, 'inappropriately located doctype declaration']],
    ['an XML declaration not at the start', ' <?xml version="1.0"?><r/>', [1, 7, 'an XML declaration must be at the start of the document']],
    ['an XML declaration without version', '<?xml encoding="utf-8"?><r/>', [1, 24, 'XML declaration must contain a version']],
    ['an XML declaration of version 2.0', '<?xml version="2.0"?><r/>', [1, 21, 'version number must match /^1\\.[0-9]+$/']],
    ['standalone before encoding', '<?xml version="1.0" standalone="yes" encoding="utf-8"?><r/>', [1, 55, 'malformed XML declaration']],
    ['standalone="maybe"', '<?xml version="1.0" standalone="maybe"?><r/>', [1, 40, 'standalone must be "yes" or "no"']],
    ['all three declaration parts in order', '<?xml version="1.1" encoding=\'UTF-8\' standalone="no" ?><r/>', 'ok'],
    ['a file cut inside a comment', '<r><!-- x </r>', [1, 14, 'unclosed tag: r']],
    ['a file cut inside a start tag', '<r><p a="1"', [1, 11, 'unclosed tag: r']],
  ] as const)('%s', (_, xml, expected) => {
    expect(verdict(xml)).toEqual(expected);
  });
});

describe('namespaces (Namespaces in XML 1.0)', () => {
  it.each([
    ['the same attribute through two prefixes', '<r xmlns:p="u" xmlns:q="u" p:a="1" q:a="2"/>', [1, 44, 'duplicate attribute: {u}a']],
    ['an unbound attribute prefix', '<r b:c="1"/>', [1, 12, 'unbound namespace prefix: "b"']],
    ['xml bound to another URI', '<r xmlns:xml="urn:x"/>', [1, 20, 'xml prefix must be bound to http://www.w3.org/XML/1998/namespace']],
    ['xml bound to its own URI', '<r xmlns:xml="http://www.w3.org/XML/1998/namespace"/>', 'ok'],
    ['xmlns declared', '<r xmlns:xmlns="urn:x"/>', [1, 22, 'xmlns prefix must be bound to http://www.w3.org/2000/xmlns/']],
    ['a prefix undeclared (XML 1.0 forbids it)', '<r xmlns:p=""/>', [1, 13, 'invalid attempt to undefine prefix in XML 1.0']],
    ['the default namespace set to the XML namespace', '<r xmlns="http://www.w3.org/XML/1998/namespace"/>', [1, 47, 'the default namespace may not be set to http://www.w3.org/XML/1998/namespace']],
    ['an element prefixed xmlns', '<xmlns:a/>', [1, 10, 'tags may not have "xmlns" as prefix']],
    ['a name with two colons', '<r xmlns:a="u" a:b:c="1"/>', [1, 24, 'malformed name: a:b:c']],
    ['a prefix named like an Object method', '<constructor:x/>', [1, 16, 'unbound namespace prefix: "constructor"']],
  ] as const)('%s', (_, xml, expected) => {
    expect(verdict(xml)).toEqual(expected);
  });
});

describe('the DTD (sections 2.8, 3.3, 4)', () => {
  it('applies ATTLIST defaults after the attributes given, and normalises tokenized types', () => {
    const doc = parseXml(
      '<!DOCTYPE r [<!ATTLIST r xmlns CDATA #FIXED "urn:r" type (a|b) "a" n NMTOKENS #IMPLIED ids IDREFS #IMPLIED>]>' +
        '<r ids="  x   y " n="1"/>',
    );
    expect(doc.root.uri).toBe('urn:r');
    expect(doc.root.attributes.map((a) => [a.name, a.value])).toEqual([
      ['ids', 'x y'],
      ['n', '1'],
      ['xmlns', 'urn:r'],
      ['type', 'a'],
    ]);
  });

  it('normalises whitespace in attribute values, but not where a character reference put it', () => {
    const doc = parseXml('<!DOCTYPE r [<!ENTITY t "a\tb">]><r a="x\ny\tz" b="x&#10;y" c="&t;"/>');
    expect([attr(doc.root, 'a'), attr(doc.root, 'b'), attr(doc.root, 'c')]).toEqual(['x y z', 'x\ny', 'a b']);
  });

  it('reads parameter entities and expands nested general entities', () => {
    const doc = parseXml('<!DOCTYPE r [<!ENTITY % decl "<!ENTITY e \'&f; &#38;amp; end\'>"><!ENTITY f "F"> %decl; ]><r>&e;</r>');
    expect(doc.root.children.map((c) => (c.type === 'text' ? c.value : c.type))).toEqual(['F & end']);
  });

  it('refuses what it does not expand: external entities, markup in entities, "<" through an entity in a value', () => {
    expect(verdict('<!DOCTYPE r [<!ENTITY x SYSTEM "file:///etc/passwd">]><r a="&x;"/>')).toEqual([
      1, 63, 'external entity "x" is not loaded: teikit never reads external entities',
    ]);
    expect(verdict('<!DOCTYPE r [<!ENTITY m "<b/>">]><r>&m;</r>')).toEqual([1, 39, 'entity "m" contains markup, which teikit does not expand']);
    expect(verdict('<!DOCTYPE r [<!ENTITY a "&#60;">]><r a="&a;"/>')).toEqual([1, 43, 'entity "a" referenced in an attribute value contains "<"']);
    expect(verdict('<!DOCTYPE r [<!ENTITY % p "x"> %p; ]><r/>')).toEqual([1, 34, 'in parameter entity "%p;": unexpected character in the DTD']);
    expect(verdict('<!DOCTYPE r [<![INCLUDE[<!ENTITY a "x">]]>]><r/>')).toEqual([1, 16, 'conditional sections are allowed only in the external DTD subset']);
  });

  it('reads an external DTD only through externalDtd, with conditional sections and parameter entities', () => {
    const asked: string[] = [];
    const externalDtd = (systemId: string, publicId: string | undefined): string | undefined => {
      asked.push(`${publicId ?? '-'} ${systemId}`);
      if (systemId === 'doc.dtd') {
        return (
          '<!ENTITY % draft "IGNORE"><!ENTITY % final "INCLUDE">\n' +
          '<![%draft;[ <!ENTITY status "draft"> ]]>\n<![ %final; [ <!ENTITY status "final"> <![IGNORE[ <![INCLUDE[ ]]> ]]> ]]>\n' +
          '<!ENTITY % att "lang CDATA \'en\'"><!ATTLIST r %att;>'
        );
      }
      return undefined;
    };
    const xml = '<!DOCTYPE r PUBLIC "-//teikit//test" "doc.dtd"><r>&status;</r>';
    const doc = parseXml(xml, { externalDtd });
    expect(asked).toEqual(['-//teikit//test doc.dtd']);
    expect(doc.root.children).toMatchObject([{ type: 'text', value: 'final' }]);
    expect(attr(doc.root, 'lang')).toBe('en');
    // Without the option the DTD is never read, and its entity is undefined.
    expect(verdict(xml)).toEqual([1, 58, 'undefined entity "status"']);
  });

  it('streams without building anything and gives the same error as the tree', () => {
    const xml = '<r><a/><b>&nope;</b></r>';
    let elements = 0;
    const result = streamXml(xml, { startElement: () => elements++, endElement: () => {}, text: () => {} }, { file: 'f.xml' });
    expect(elements).toBe(3);
    const tree = tryParseXml(xml, { file: 'f.xml' });
    expect(tree.ok).toBe(false);
    expect(result).toEqual({ ok: false, diagnostic: tree.ok ? undefined : tree.diagnostic });
    expect(result.ok ? undefined : result.diagnostic.message).toBe('undefined entity "nope"');
  });
});

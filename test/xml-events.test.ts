import { describe, expect, it } from 'vitest';
import { streamXml, type XmlEventHandler } from '../src/xml/index.js';

/** Every event as a compact tuple, so a test states the whole stream. */
function events(xml: string): unknown[] {
  const out: unknown[] = [];
  const handler: XmlEventHandler = {
    startElement: (t) => out.push(['start', t.name, t.uri, t.attributes.map((a) => `${a.name}=${a.value}`), [t.line, t.column], [t.tagEnd.line, t.tagEnd.column], t.selfClosing]),
    endElement: (t, end) => out.push(['end', t.name, [end.line, end.column]]),
    text: (v, p, cdata) => out.push([cdata ? 'cdata' : 'text', v, [p.line, p.column]]),
    comment: (v, p) => out.push(['comment', v, [p.line, p.column]]),
    processingInstruction: (target, body, p) => out.push(['pi', target, body, [p.line, p.column]]),
    doctype: (v) => out.push(['doctype', v]),
  };
  const result = streamXml(xml, handler, { file: 'f.xml' });
  if (!result.ok) out.push(['error', result.diagnostic.line, result.diagnostic.column, result.diagnostic.message]);
  return out;
}

describe('streamXml', () => {
  it('reports elements, text, comments and PIs with positions, and no whitespace outside the root', () => {
    expect(events('<?pi a?>\n<r xmlns="urn:r" a="1">x&amp;y<!--c--><e/><![CDATA[<z>]]></r>\n')).toEqual([
      ['pi', 'pi', 'a', [1, 1]],
      ['start', 'r', 'urn:r', ['xmlns=urn:r', 'a=1'], [2, 1], [2, 23], false],
      ['text', 'x&y', [2, 24]],
      ['comment', 'c', [2, 31]],
      ['start', 'e', 'urn:r', [], [2, 39], [2, 42], true],
      ['end', 'e', [2, 42]],
      ['cdata', '<z>', [2, 43]],
      ['end', 'r', [2, 61]],
    ]);
  });

  it('passes the DOCTYPE and stops at the first well-formedness error', () => {
    const stream = events('<!DOCTYPE r [<!ENTITY e "v">]><r>&e;<a></r>');
    expect(stream.slice(0, 4)).toEqual([
      ['doctype', ' r [<!ENTITY e "v">]'],
      ['start', 'r', '', [], [1, 31], [1, 33], false],
      ['text', 'v', [1, 34]],
      ['start', 'a', '', [], [1, 37], [1, 39], false],
    ]);
    expect(stream[stream.length - 1]).toEqual(['error', 1, 43, 'unexpected close tag']);
  });
});

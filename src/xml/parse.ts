/**
 * The tree of record for every stage that needs one: `parseXml` builds an `XmlDocument` with positions from the
 * events of `streamXml`. The tree is built without recursion, so 200,000 nested elements parse like any other file.
 */
import { TeikitError, type Diagnostic } from '../diagnostics.js';
import type { Position, XmlDocument, XmlElement, XmlNode } from './dom.js';
import { streamXml, type StreamOptions, type XmlStartTag } from './events.js';

export type ParseOptions = StreamOptions;

export type ParseResult = { ok: true; document: XmlDocument } | { ok: false; diagnostic: Diagnostic };

/** Parse bytes or text into an `XmlDocument`; throws `TeikitError` (source `xml`) on the first well-formedness error. */
export function parseXml(input: string | Uint8Array, options: ParseOptions = {}): XmlDocument {
  const result = tryParseXml(input, options);
  if (!result.ok) throw new TeikitError(result.diagnostic);
  return result.document;
}

/** As `parseXml`, but returns the well-formedness error as data. */
export function tryParseXml(input: string | Uint8Array, options: ParseOptions = {}): ParseResult {
  const file = options.file ?? '<input>';
  const doc: XmlDocument = { type: 'document', file, children: [], root: undefined as unknown as XmlElement, encoding: 'utf-8' };
  let parent: XmlElement | XmlDocument = doc;
  const result = streamXml(
    input,
    {
      startElement(tag: XmlStartTag): void {
        const el: XmlElement = {
          type: 'element',
          name: tag.name,
          prefix: tag.prefix,
          local: tag.local,
          uri: tag.uri,
          attributes: tag.attributes,
          children: [],
          parent,
          line: tag.line,
          column: tag.column,
          tagEnd: tag.tagEnd,
          end: tag.tagEnd,
          ns: tag.ns,
        };
        parent.children.push(el);
        if (parent === doc) doc.root = el;
        parent = el;
      },
      endElement(_tag: XmlStartTag, end: Position): void {
        const el = parent as XmlElement;
        el.end = end;
        parent = el.parent;
      },
      text(value: string, position: Position, cdata: boolean): void {
        const children = parent.children;
        const last = children[children.length - 1];
        if (!cdata && last?.type === 'text' && !last.cdata) last.value += value;
        else children.push({ type: 'text', value, cdata, line: position.line, column: position.column });
      },
      comment(value: string, position: Position): void {
        parent.children.push({ type: 'comment', value, line: position.line, column: position.column });
      },
      processingInstruction(target: string, body: string, position: Position): void {
        parent.children.push({ type: 'pi', target, body, line: position.line, column: position.column });
      },
      doctype(text: string): void {
        doc.doctype = text;
      },
    },
    options,
  );
  if (!result.ok) return result;
  doc.encoding = result.encoding;
  return { ok: true, document: doc };
}

export type { XmlNode };

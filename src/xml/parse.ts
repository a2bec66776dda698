/**
 * The tree of record for every stage that needs one: `parseXml` builds an `XmlDocument` with positions from the
 * events of `streamXml`. The tree is built without recursion, so 200,000 nested elements parse like any other file.
 */
import { TeikitError, type Diagnostic } from '../diagnostics.js';
import type { Position, XmlDocument, XmlElement, XmlNode } from './dom.js';
import type { StreamOptions, XmlStartTag } from './events.js';
import { NO_CHILDREN, streamTree } from './tokenizer.js';

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
  const result = streamTree(
    input,
    {
      startElement(tag: XmlStartTag): void {
        // streamTree makes each tag with the element's fields in place: the tag is the element.
        const el = tag as XmlStartTag & XmlElement;
        el.parent = parent;
        add(parent, el);
        if (parent === doc) doc.root = el;
        parent = el;
      },
      endElement(_tag: XmlStartTag, end: Position): void {
        const el = parent as XmlElement;
        el.end = end;
        if (el.children === NO_CHILDREN) el.children = [];
        parent = el.parent;
      },
      text(value: string, position: Position, cdata: boolean): void {
        appendText(parent, value, position, cdata);
      },
      comment(value: string, position: Position): void {
        add(parent, { type: 'comment', value, line: position.line, column: position.column });
      },
      processingInstruction(target: string, body: string, position: Position): void {
        add(parent, { type: 'pi', target, body, line: position.line, column: position.column });
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

/**
 * Append a child. The first child gets an array of its own size: `push` onto an empty array reserves 17 slots, and
 * most elements of a TEI text (`w`, `hi`, `persName`) have one child. Exported for the trees other stages build from
 * the same events (src/query/stream.ts keeps some subtrees).
 */
export function add(parent: XmlElement | XmlDocument, node: XmlNode): void {
  if (parent.children.length === 0) parent.children = [node];
  else parent.children.push(node);
}

/** Append character data: a run that follows text (not CDATA) joins it, as the tree has one text node per run. */
export function appendText(parent: XmlElement | XmlDocument, value: string, position: Position, cdata: boolean): void {
  const children = parent.children;
  const last = children[children.length - 1];
  if (!cdata && last?.type === 'text' && !last.cdata) last.value += value;
  else add(parent, { type: 'text', value, cdata, line: position.line, column: position.column });
}

export type { XmlNode };

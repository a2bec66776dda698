/**
 * The document handed to saxon-js as a tree, without a second parse: saxon-js's own parser would read the
 * serialised text again (a quarter of the time on a large teiCorpus), and it is quadratic in the attributes of one
 * element (each new attribute is looked up among the ones before it: 40,000 attributes took 43 s here). The tree
 * is built with the DOM methods of saxon-js's platform (createDocument, createElementNS, createAttributeNS,
 * setAttributeNode, createTextNode, ...), the document saxon-js itself would have built: from the events of our
 * parser when the input is text or bytes (`streamToSaxonDocument`: our own tree is never built, which saves its
 * memory, about five times the file, and the time to build and collect it), or from a document already parsed
 * (`toSaxonDocument`).
 */
import { createRequire } from 'node:module';
import { TeikitError } from '../diagnostics.js';
import { streamXml, type Position, type XmlAttribute, type XmlDocument, type XmlNode } from '../xml/index.js';

/* The few DOM methods used, as saxon-js's platform implements them. */
interface SaxonDomNode {
  appendChild(child: SaxonDomNode): unknown;
}
interface SaxonDomElement extends SaxonDomNode {
  attributes: { getNamedItem(name: string): unknown };
  setAttributeNode(attribute: SaxonDomNode): unknown;
}
interface SaxonDomDocument extends SaxonDomNode {
  createElementNS(uri: string | null, qname: string): SaxonDomElement;
  createAttributeNS(uri: string | null, qname: string): SaxonDomNode & { value: string; nodeValue: string };
  createTextNode(text: string): SaxonDomNode;
  createComment(text: string): SaxonDomNode;
  createProcessingInstruction(target: string, data: string): SaxonDomNode;
}
interface SaxonPlatform {
  createDocument(): SaxonDomDocument;
}

const XMLNS = 'http://www.w3.org/2000/xmlns/';
const ASTRAL = /[\u{10000}-\u{10FFFF}]/u;
const ASTRAL_ALL = /[\u{10000}-\u{10FFFF}]/gu;

/**
 * A name for saxon-js: each character outside the Basic Multilingual Plane written `_uHEX_`. XML 1.0 (5th edition)
 * allows U+10000-U+EFFFF in names, but saxon-js 2.7 rejects them (FODC0002 from its parser), so such a document
 * would not transform at all; the stylesheets only show element names as class names and labels, where the escape
 * is harmless, and the text itself is untouched.
 */
export function saxonName(name: string): string {
  return name.replace(ASTRAL_ALL, (c) => `_u${c.codePointAt(0)!.toString(16).toUpperCase()}_`);
}

/** saxon-js's tree of a document, and the first element nested deeper than the limit asked for, if any. */
export interface SaxonTree {
  tree: unknown;
  /** Where that element starts (only its position is kept: an element would keep the whole parse alive). */
  tooDeep?: Position;
}

/**
 * Build saxon-js's tree of a parsed document. Iterative: any depth the parser accepted. The depth of each element is
 * known here anyway, so the first element nested deeper than `depthLimit` levels is noted on the way (./deep.ts
 * refuses such a document), and the parsed document need not be kept for a second walk.
 */
export function toSaxonDocument(document: XmlDocument, depthLimit = Infinity): SaxonTree {
  const doc = newDocument();
  let tooDeep: Position | undefined;
  const stack: Array<{ node: XmlNode; parent: SaxonDomNode; depth: number }> = [];
  for (let i = document.children.length - 1; i >= 0; i--) stack.push({ node: document.children[i]!, parent: doc, depth: 1 });
  while (stack.length > 0) {
    const { node, parent, depth } = stack.pop()!;
    switch (node.type) {
      case 'element': {
        if (depth > depthLimit && tooDeep === undefined) tooDeep = { line: node.line, column: node.column };
        const el = doc.createElementNS(node.uri === '' ? null : node.uri, name(node.name));
        addAttributes(doc, el, node.attributes);
        parent.appendChild(el);
        for (let i = node.children.length - 1; i >= 0; i--) stack.push({ node: node.children[i]!, parent: el, depth: depth + 1 });
        break;
      }
      case 'text':
        parent.appendChild(doc.createTextNode(node.value));
        break;
      case 'comment':
        parent.appendChild(doc.createComment(node.value));
        break;
      case 'pi':
        parent.appendChild(doc.createProcessingInstruction(node.target, node.body));
        break;
    }
  }
  return tooDeep === undefined ? { tree: doc } : { tree: doc, tooDeep };
}

/**
 * Parse text or bytes with our parser (the same checks and diagnostics as `parseXml`: a malformed document throws
 * `TeikitError` with its line and column) and build saxon-js's tree from its events, as `toSaxonDocument` builds
 * it from a parsed document: the same nodes, adjacent character data joined as `parseXml` joins it.
 */
export function streamToSaxonDocument(input: string | Uint8Array, file: string, depthLimit = Infinity): SaxonTree {
  const doc = newDocument();
  const open: SaxonDomNode[] = [doc];
  let parent: SaxonDomNode = doc;
  let tooDeep: Position | undefined;
  // Character data waiting for the next markup: runs that parseXml joins into one text node are joined here too.
  let text = '';
  let textIsCdata = false;
  let pending = false;
  const flush = () => {
    if (pending) parent.appendChild(doc.createTextNode(text));
    pending = false;
  };
  const result = streamXml(
    input,
    {
      startElement(tag) {
        flush();
        if (open.length > depthLimit && tooDeep === undefined) tooDeep = { line: tag.line, column: tag.column };
        const el = doc.createElementNS(tag.uri === '' ? null : tag.uri, name(tag.name));
        addAttributes(doc, el, tag.attributes);
        parent.appendChild(el);
        open.push(el);
        parent = el;
      },
      endElement() {
        flush();
        open.pop();
        parent = open[open.length - 1]!;
      },
      text(value, _position, cdata) {
        if (pending && !cdata && !textIsCdata) text += value;
        else {
          flush();
          text = value;
          textIsCdata = cdata;
          pending = true;
        }
      },
      comment(value) {
        flush();
        parent.appendChild(doc.createComment(value));
      },
      processingInstruction(target, body) {
        flush();
        parent.appendChild(doc.createProcessingInstruction(target, body));
      },
    },
    { file },
  );
  if (!result.ok) throw new TeikitError(result.diagnostic);
  return tooDeep === undefined ? { tree: doc } : { tree: doc, tooDeep };
}

function newDocument(): SaxonDomDocument {
  return (createRequire(import.meta.url)('saxon-js') as { getPlatform(): SaxonPlatform }).getPlatform().createDocument();
}

/** Names outside the Basic Multilingual Plane renamed (see saxonName). */
function name(qname: string): string {
  return ASTRAL.test(qname) ? saxonName(qname) : qname;
}

function addAttributes(doc: SaxonDomDocument, el: SaxonDomElement, list: readonly XmlAttribute[]): void {
  // setAttributeNode first looks the name up among the element's attributes (linear, so quadratic in their
  // number). Our parser has already refused duplicate attributes, so for this element the lookup is answered
  // "none" directly; the DOM's own bookkeeping (namespace declarations included) is otherwise unchanged.
  const attributes = el.attributes;
  if (list.length > 8) attributes.getNamedItem = () => null;
  for (const a of list) {
    const attribute = doc.createAttributeNS(a.uri === '' ? null : a.uri === XMLNS ? XMLNS : a.uri, name(a.name));
    attribute.value = attribute.nodeValue = a.value;
    el.setAttributeNode(attribute);
  }
  if (list.length > 8) delete (attributes as { getNamedItem?: unknown }).getNamedItem;
}

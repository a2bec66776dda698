/**
 * A small, read-mostly XML tree with source positions, built by `parseXml`. It keeps what TEI tools need and
 * generic DOMs lose: the line and column of every start tag (where it opens and where its `>` is), of every
 * text node and attribute, and the namespace declarations as written.
 *
 * Deeply nested documents (200,000 levels) are legal XML: every walk over this tree is iterative, never recursive.
 */

export const TEI_NS = 'http://www.tei-c.org/ns/1.0';
export const XML_NS = 'http://www.w3.org/XML/1998/namespace';
export const XMLNS_NS = 'http://www.w3.org/2000/xmlns/';
export const XI_NS = 'http://www.w3.org/2001/XInclude';
/** The schema languages' namespaces: RELAX NG, ISO Schematron, and Schematron 1.5, which older schemas (and some ODD
 *  outputs) still use and which is read the same way. */
export const RNG_NS = 'http://relaxng.org/ns/structure/1.0';
export const SCH_NS = 'http://purl.oclc.org/dsdl/schematron';
export const SCH15_NS = 'http://www.ascc.net/xml/schematron';

export interface Position {
  /** 1-based line. */
  line: number;
  /** 1-based column in Unicode code points. */
  column: number;
}

export interface XmlAttribute {
  /** The qualified name as written, e.g. `xml:id`. */
  name: string;
  prefix: string;
  local: string;
  /** Namespace URI; `''` for unprefixed attributes. xmlns declarations have `XMLNS_NS`. */
  uri: string;
  value: string;
}

export interface XmlElement extends Position {
  type: 'element';
  name: string;
  prefix: string;
  local: string;
  uri: string;
  attributes: XmlAttribute[];
  children: XmlNode[];
  parent: XmlElement | XmlDocument;
  /** Position of the `>` that ends the start tag (jing's SAX locator reports element errors one column after it). */
  tagEnd: Position;
  /** Position of the last character of the end tag (or of `/>`). */
  end: Position;
  /** Namespace bindings in scope on this element (prefix -> URI, `''` for the default namespace). */
  ns: Record<string, string>;
}

export interface XmlText extends Position {
  type: 'text';
  value: string;
  cdata: boolean;
}

export interface XmlComment extends Position {
  type: 'comment';
  value: string;
}

export interface XmlProcessingInstruction extends Position {
  type: 'pi';
  target: string;
  body: string;
}

export type XmlNode = XmlElement | XmlText | XmlComment | XmlProcessingInstruction;

export interface XmlDocument {
  type: 'document';
  file: string;
  children: XmlNode[];
  root: XmlElement;
  /** The DOCTYPE declaration's text (between `<!DOCTYPE` and `>`), if any. */
  doctype?: string;
  /** Encoding the bytes were decoded with. */
  encoding: string;
}

export function isElement(node: XmlNode | XmlDocument | undefined): node is XmlElement {
  return node !== undefined && node.type === 'element';
}

/** Attribute value by qualified name (`xml:id`, `ref`), or by namespace URI and local name. */
export function attr(el: XmlElement, name: string, uri?: string): string | undefined {
  for (const a of el.attributes) {
    if (uri === undefined ? a.name === name : a.uri === uri && a.local === name) return a.value;
  }
  return undefined;
}

/** `xml:id` of an element, whatever prefix the file bound the XML namespace to (it can only be `xml`). */
export function xmlId(el: XmlElement): string | undefined {
  return attr(el, 'id', XML_NS);
}

export function childElements(el: XmlElement | XmlDocument, local?: string, uri?: string): XmlElement[] {
  const out: XmlElement[] = [];
  for (const c of el.children) {
    if (c.type === 'element' && (local === undefined || c.local === local) && (uri === undefined || c.uri === uri)) out.push(c);
  }
  return out;
}

/** Depth-first, document order, iterative. `enter` returning `false` skips that element's subtree. */
export function walk(
  start: XmlElement | XmlDocument,
  enter: (node: XmlNode) => boolean | void,
  leave?: (el: XmlElement) => void,
): void {
  const stack: Array<{ node: XmlElement | XmlDocument; index: number }> = [{ node: start, index: 0 }];
  while (stack.length > 0) {
    const top = stack[stack.length - 1]!;
    if (top.index >= top.node.children.length) {
      stack.pop();
      if (leave !== undefined && top.node.type === 'element') leave(top.node);
      continue;
    }
    const child = top.node.children[top.index++]!;
    const descend = enter(child);
    if (child.type === 'element') {
      if (descend === false) continue;
      stack.push({ node: child, index: 0 });
    }
  }
}

/** All descendant elements in document order, optionally filtered by local name and namespace. */
export function descendants(start: XmlElement | XmlDocument, local?: string, uri?: string): XmlElement[] {
  const out: XmlElement[] = [];
  walk(start, (n) => {
    if (n.type === 'element' && (local === undefined || n.local === local) && (uri === undefined || n.uri === uri)) out.push(n);
  });
  return out;
}

/** Concatenated text of all descendant text nodes (comments and PIs excluded), as `string()` in XPath. */
export function textContent(el: XmlElement | XmlDocument): string {
  const parts: string[] = [];
  walk(el, (n) => {
    if (n.type === 'text') parts.push(n.value);
  });
  return parts.join('');
}

/** An XPath that finds the element again: `/TEI[1]/text[1]/body[1]/div[1]/p[2]` (local names, positions among same-named siblings). */
export function xpathOf(el: XmlElement): string {
  const steps: string[] = [];
  let cur: XmlElement | XmlDocument = el;
  while (cur.type === 'element') {
    steps.push(`${cur.prefix ? cur.prefix + ':' : ''}${cur.local}[${positionAmongSiblings(cur)}]`);
    cur = cur.parent;
  }
  return '/' + steps.reverse().join('/');
}

/**
 * Positions of a parent's element children among their same-named siblings, computed in one pass per parent and
 * kept until its number of children changes: with one scan per call, the xpaths of 10^5 sibling errors took
 * quadratic time.
 */
const positions = new WeakMap<XmlElement | XmlDocument, { count: number; of: WeakMap<XmlElement, number> }>();

function positionAmongSiblings(el: XmlElement): number {
  const parent = el.parent;
  let known = positions.get(parent);
  if (known === undefined || known.count !== parent.children.length || !known.of.has(el)) {
    const of = new WeakMap<XmlElement, number>();
    const seen = new Map<string, number>();
    for (const sib of parent.children) {
      if (sib.type !== 'element') continue;
      const key = `${sib.uri}\u0000${sib.local}`;
      const n = (seen.get(key) ?? 0) + 1;
      seen.set(key, n);
      of.set(sib, n);
    }
    known = { count: parent.children.length, of };
    positions.set(parent, known);
  }
  return known.of.get(el) ?? 1;
}

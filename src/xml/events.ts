/**
 * The streaming interface of the parser of record: events with positions, no tree. A stage that only needs to look
 * at each element once (validation) streams, so its memory follows the document's depth, not its size; `parseXml`
 * builds the tree from these same events.
 */
import type { Diagnostic } from '../diagnostics.js';
import type { Position, XmlAttribute } from './dom.js';

/** A start tag: the fields of `XmlElement` that are known when its `>` has been read. */
export interface XmlStartTag extends Position {
  /** The qualified name as written, e.g. `tei:p`. */
  name: string;
  prefix: string;
  local: string;
  /** Namespace URI; `''` for no namespace. */
  uri: string;
  /** In document order; attribute defaults declared in the DTD follow the specified ones. */
  attributes: XmlAttribute[];
  /** Namespace bindings in scope (prefix -> URI, `''` for the default namespace); shared with the parent when the tag declares none. */
  ns: Record<string, string>;
  /** Position of the `>` that ends the start tag. */
  tagEnd: Position;
  /** `<x/>`: `endElement` follows at once, with `end` at the `>`. */
  selfClosing: boolean;
}

export interface XmlEventHandler {
  startElement(tag: XmlStartTag): void;
  /** `end` is the position of the last character of the end tag (or of `/>`). */
  endElement(tag: XmlStartTag, end: Position): void;
  /**
   * Character data inside the root element, entity and character references expanded, line ends normalised
   * (XML 1.0 section 2.11). `position` is where it starts. A run of character data between two pieces of markup
   * comes as one event; a CDATA section comes as its own event with `cdata` set. Whitespace outside the root
   * element is not reported (it is not part of the infoset's element content).
   */
  text(value: string, position: Position, cdata: boolean): void;
  processingInstruction?(target: string, body: string, position: Position): void;
  comment?(value: string, position: Position): void;
  /** The DOCTYPE declaration's text between `<!DOCTYPE` and `>`. */
  doctype?(text: string, position: Position): void;
}

export interface StreamOptions {
  /** File name used in diagnostics. Default `'<input>'`. */
  file?: string;
  /** Most characters one entity may expand to. Default 1,000,000. */
  maxEntityLength?: number;
  /** Most characters all entity references of a document may insert together. Default 10,000,000. */
  maxEntityExpansion?: number;
  /**
   * The text of the external DTD subset named by the DOCTYPE (`SYSTEM` literal, optional `PUBLIC` id), or
   * `undefined` to leave it unread. Its ENTITY and ATTLIST declarations apply as those of the internal subset do.
   * Default: never read (XML from outside is untrusted; the caller decides which local files may be read).
   */
  externalDtd?: (systemId: string, publicId: string | undefined) => string | undefined;
}

export type StreamResult = { ok: true; encoding: string } | { ok: false; diagnostic: Diagnostic };

export { streamXml } from './tokenizer.js';

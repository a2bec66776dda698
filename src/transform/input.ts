/**
 * What the transforms accept: an `XmlDocument` already parsed by `src/xml`, or XML text or bytes, which are parsed
 * (and so checked for well-formedness, with line and column) before saxon-js sees them.
 */
import { parseXml, serializeXml, type XmlDocument } from '../xml/index.js';

export type TransformInput = XmlDocument | string | Uint8Array;

export interface TransformOptions {
  /** File name used in diagnostics. Default `'<input>'`. */
  file?: string;
}

/** The input as a document parsed by our parser (so saxon-js gets clean XML: entities expanded, no DTD, one root). */
export function parsedInput(input: TransformInput, file: string): XmlDocument {
  return typeof input === 'string' || input instanceof Uint8Array ? parseXml(input, { file }) : input;
}

const ASTRAL = /[\u{10000}-\u{10FFFF}]/u;
const ASTRAL_ALL = /[\u{10000}-\u{10FFFF}]/gu;

/**
 * A name for saxon-js: each character outside the Basic Multilingual Plane written `_uHEX_`. XML 1.0 (5th edition)
 * allows U+10000-U+EFFFF in names, but saxon-js 2.7's parser rejects them (FODC0002), so such a document would not
 * transform at all; the stylesheets only show element names as class names and labels, where the escape is
 * harmless, and the text itself is untouched.
 */
export function saxonName(name: string): string {
  return name.replace(ASTRAL_ALL, (c) => `_u${c.codePointAt(0)!.toString(16).toUpperCase()}_`);
}

/** Clean XML text for saxon-js: entities expanded, no DTD, one root, attributes unique (parsed by our parser). */
export function cleanXml(input: TransformInput, file: string): string {
  const document = parsedInput(input, file);
  const xml = serializeXml(document);
  // Almost no document has a supplementary-plane character at all: only then are names rewritten.
  return ASTRAL.test(xml) ? serializeXml(document, { rename: saxonName }) : xml;
}

/**
 * What the transforms accept: an `XmlDocument` already parsed by `src/xml`, or XML text or bytes, which are parsed
 * (and so checked for well-formedness, with line and column) before saxon-js sees them.
 */
import { parseXml, serializeXml, type XmlDocument } from '../xml/index.js';
import { saxonName, toSaxonDocument } from './dom.js';
import type { SaxonSource } from './saxon.js';

export type TransformInput = XmlDocument | string | Uint8Array;

export interface TransformOptions {
  /** File name used in diagnostics. Default `'<input>'`. */
  file?: string;
}

const ASTRAL = /[\u{10000}-\u{10FFFF}]/u;

/** Clean XML text for saxon-js: entities expanded, no DTD, one root, attributes unique (parsed by our parser). */
export function cleanXml(input: TransformInput, file: string): string {
  const document = typeof input === 'string' || input instanceof Uint8Array ? parseXml(input, { file }) : input;
  const xml = serializeXml(document);
  // Almost no document has a supplementary-plane character at all: only then are names rewritten.
  return ASTRAL.test(xml) ? serializeXml(document, { rename: saxonName }) : xml;
}

/** The document for saxon-js as a tree built from our parse (no second parse; see ./dom.ts). */
export function saxonSource(input: TransformInput, file: string): SaxonSource {
  const document = typeof input === 'string' || input instanceof Uint8Array ? parseXml(input, { file }) : input;
  return { tree: toSaxonDocument(document) };
}

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

/** Clean XML text for saxon-js: entities expanded, no DTD, one root, attributes unique (parsed by our parser). */
export function cleanXml(input: TransformInput, file: string): string {
  const document = typeof input === 'string' || input instanceof Uint8Array ? parseXml(input, { file }) : input;
  return serializeXml(document);
}

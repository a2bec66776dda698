/**
 * What the transforms accept: an `XmlDocument` already parsed by `src/xml`, or XML text or bytes, which are parsed
 * (and so checked for well-formedness, with line and column) before saxon-js sees them.
 */
import { parseXml, type XmlDocument } from '../xml/index.js';
import { toSaxonDocument, type SaxonTree } from './dom.js';

export type TransformInput = XmlDocument | string | Uint8Array;

export interface TransformOptions {
  /** File name used in diagnostics. Default `'<input>'`. */
  file?: string;
}

/** The input as a document parsed by our parser (so saxon-js gets clean XML: entities expanded, no DTD, one root). */
export function parsedInput(input: TransformInput, file: string): XmlDocument {
  return typeof input === 'string' || input instanceof Uint8Array ? parseXml(input, { file }) : input;
}

/**
 * The document for saxon-js as a tree built from our parse (no second parse; see ./dom.ts), noting the first element
 * nested deeper than `depthLimit`. Text or bytes are parsed here and the parse is not kept: only saxon-js's tree
 * stays alive while the stylesheet runs (our tree of a 4 MB FRUS volume is 30 MB of heap, measured).
 */
export function saxonSource(input: TransformInput, file: string, depthLimit = Infinity): SaxonTree {
  return toSaxonDocument(parsedInput(input, file), depthLimit);
}

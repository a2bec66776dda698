/**
 * What the transforms accept: an `XmlDocument` already parsed by `src/xml`, or XML text or bytes, which are parsed
 * (and so checked for well-formedness, with line and column) before saxon-js sees them.
 */
import type { XmlDocument } from '../xml/index.js';
import { streamToSaxonDocument, toSaxonDocument, type SaxonTree } from './dom.js';

export type TransformInput = XmlDocument | string | Uint8Array;

export interface TransformOptions {
  /** File name used in diagnostics. Default `'<input>'`. */
  file?: string;
}

/**
 * The document for saxon-js as a tree built from our parse (no second parse; see ./dom.ts), noting the first element
 * nested deeper than `depthLimit`. Text or bytes are parsed here straight into saxon-js's tree: our own tree of the
 * document is not built (for a 4 MB FRUS volume it is 24 MB of heap, for a 25 MB teiCorpus 131 MB, measured).
 */
export function saxonSource(input: TransformInput, file: string, depthLimit = Infinity): SaxonTree {
  return typeof input === 'string' || input instanceof Uint8Array
    ? streamToSaxonDocument(input, file, depthLimit)
    : toSaxonDocument(input, depthLimit);
}

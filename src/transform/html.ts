/**
 * TEI -> HTML5 reading edition (`transforms/tei-html.xsl`): one self-contained page (inline CSS, no script, no
 * request to any network) with the title block, the text, notes, apparatus and registers.
 */
import { transformDocument } from './deep.js';
import type { TransformInput, TransformOptions } from './input.js';

export interface HtmlOptions extends TransformOptions {
  /** Open the page on the reading text instead of the text as published (both are in the page). Default false. */
  reading?: boolean;
}

/** Transform TEI (a parsed document, or XML text or bytes) to an HTML5 document (a string starting `<!DOCTYPE`). */
export function transformToHtml(input: TransformInput, options: HtmlOptions = {}): string {
  const file = options.file ?? '<input>';
  return transformDocument('tei-html', input, { reading: options.reading ?? false }, file);
}

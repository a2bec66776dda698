/**
 * TEI -> plain text (`transforms/tei-text.xsl`): the words of the text in reading order, a blank line between
 * blocks, notes and apparatus after the text. By default the text as published (supplied words in brackets, gaps as
 * `[...]`); `reading: true` gives the clean reading text.
 */
import { transformDocument } from './deep.js';
import type { TransformInput, TransformOptions } from './input.js';

export interface TextOptions extends TransformOptions {
  /** The clean reading text: supplied words without brackets, gaps and deletions left out, corrections applied.
   *  Default false (the text as published). */
  reading?: boolean;
}

/** Transform TEI (a parsed document, or XML text or bytes) to plain text, ending with a newline. */
export function transformToText(input: TransformInput, options: TextOptions = {}): string {
  const file = options.file ?? '<input>';
  return transformDocument('tei-text', input, { reading: options.reading ?? false }, file);
}

/** Bytes or text to the string the tokenizer reads, and the one shape of a well-formedness diagnostic. */
import { diagnostic, TeikitError, type Diagnostic } from '../diagnostics.js';
import { decodeXml } from './decode.js';

/** Decode bytes (BOM, declaration) or take text as it is; the empty file is refused here. */
export function inputText(input: string | Uint8Array, file: string): { text: string; encoding: string } | Diagnostic {
  let text: string;
  let encoding = 'utf-8';
  if (typeof input === 'string') {
    text = input.charCodeAt(0) === 0xfeff ? input.slice(1) : input;
  } else {
    try {
      const decoded = decodeXml(input, file);
      text = decoded.text;
      encoding = decoded.encoding;
    } catch (error) {
      if (error instanceof TeikitError) return error.diagnostic;
      throw error;
    }
  }
  if (text.trim() === '') return wf(file, 1, 1, 'the file is empty: an XML document needs a root element');
  return { text, encoding };
}

export function wf(file: string, line: number, column: number, message: string): Diagnostic {
  return diagnostic({ file, line, column, message, ruleId: 'xml/wellformed', source: 'xml' });
}

/**
 * The first well-formedness error, thrown inside the tokenizer and caught once at its top. `at` is an offset in the
 * document: the error is reported at the character before it (where the parser was when it saw the problem), which
 * is how saxes, the parser teikit used before, placed its errors, and what users' scripts have seen since.
 */
export class XmlFail extends Error {
  constructor(message: string, readonly at: number) {
    super(message);
  }
}

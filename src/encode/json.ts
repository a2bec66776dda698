/**
 * JSON with positions, on top of jsonc-parser (the parser of VS Code), run in strict JSON mode (no comments, no
 * trailing commas): a problem found later by ajv at a JSON Pointer such as `/places/0/geo/lat` is reported at its
 * line and column, and a syntax error at the exact character. `JSON.parse` gives neither reliably. Duplicate keys,
 * which RFC 8259 leaves to the reader and `JSON.parse` silently resolves to the last, are errors here: in an
 * authority file they are always a mistake.
 */
import { parseTree, ParseErrorCode, type Node, type ParseError } from 'jsonc-parser';

export type JsonValue = null | boolean | number | string | JsonValue[] | { [key: string]: JsonValue };

export interface JsonParsed {
  value: JsonValue;
  /** JSON Pointer (RFC 6901) -> UTF-16 offset of the value (for members: of the value, not the key). */
  offsets: Map<string, number>;
}

export class JsonSyntaxError extends Error {
  readonly offset: number;
  constructor(message: string, offset: number) {
    super(message);
    this.name = 'JsonSyntaxError';
    this.offset = offset;
  }
}

/** What the reader expected, per jsonc-parser error code. */
const EXPECTED: Partial<Record<ParseErrorCode, string>> = {
  [ParseErrorCode.ValueExpected]: 'a value was expected',
  [ParseErrorCode.PropertyNameExpected]: 'a property name in double quotes was expected',
  [ParseErrorCode.ColonExpected]: '":" was expected',
  [ParseErrorCode.CommaExpected]: '"," was expected',
  [ParseErrorCode.CloseBraceExpected]: '"," or "}" was expected',
  [ParseErrorCode.CloseBracketExpected]: '"," or "]" was expected',
  [ParseErrorCode.EndOfFileExpected]: 'nothing may follow the JSON value',
  [ParseErrorCode.InvalidSymbol]: 'a value was expected',
  [ParseErrorCode.InvalidNumberFormat]: 'not a valid number',
  [ParseErrorCode.InvalidCommentToken]: 'comments are not allowed in JSON',
  [ParseErrorCode.UnexpectedEndOfComment]: 'comments are not allowed in JSON',
  [ParseErrorCode.UnexpectedEndOfString]: 'the string is not closed on its line (a raw line break cannot be in a string)',
  [ParseErrorCode.UnexpectedEndOfNumber]: 'not a valid number',
  [ParseErrorCode.InvalidUnicode]: 'not a valid \\u escape',
  [ParseErrorCode.InvalidEscapeCharacter]: 'not a valid escape',
  [ParseErrorCode.InvalidCharacter]: 'control character in string (escape it, e.g. \\n)',
};

function syntaxError(text: string, error: ParseError): JsonSyntaxError {
  const expected = EXPECTED[error.error] ?? 'not valid JSON';
  if (error.error === ParseErrorCode.InvalidCharacter || error.error === ParseErrorCode.UnexpectedEndOfString) {
    return new JsonSyntaxError(expected, error.offset);
  }
  const token = text.slice(error.offset, error.offset + Math.max(1, Math.min(error.length, 20)));
  const found = error.offset >= text.length ? 'end of file' : JSON.stringify(token);
  return new JsonSyntaxError(`${expected}, found ${found}`, error.offset);
}

function escapePointer(token: string): string {
  return token.replace(/~/g, '~0').replace(/\//g, '~1');
}

export function parseJson(text: string): JsonParsed {
  const errors: ParseError[] = [];
  let root: Node | undefined;
  try {
    root = parseTree(text, errors, { disallowComments: true, allowTrailingComma: false, allowEmptyContent: false });
  } catch (error) {
    // jsonc-parser recurses per level of nesting: a hostile file of brackets ends here, not in a crash.
    if (error instanceof RangeError) throw new JsonSyntaxError('nested too deeply', 0);
    throw error;
  }
  const first = errors[0];
  if (first !== undefined) throw syntaxError(text, first);
  if (root === undefined) throw new JsonSyntaxError('a value was expected, found end of file', text.length);

  // Build the value and the pointer -> offset map in one walk (duplicate keys are refused on the way).
  const offsets = new Map<string, number>();
  const build = (node: Node, pointer: string): JsonValue => {
    offsets.set(pointer, node.offset);
    switch (node.type) {
      case 'object': {
        const out: { [key: string]: JsonValue } = {};
        for (const property of node.children ?? []) {
          const [keyNode, valueNode] = property.children ?? [];
          const key = String(keyNode?.value);
          if (Object.prototype.hasOwnProperty.call(out, key)) {
            throw new JsonSyntaxError(`duplicate key ${JSON.stringify(key)}`, keyNode!.offset);
          }
          out[key] = valueNode === undefined ? null : build(valueNode, `${pointer}/${escapePointer(key)}`);
        }
        return out;
      }
      case 'array':
        return (node.children ?? []).map((child, index) => build(child, `${pointer}/${index}`));
      default:
        return node.value as JsonValue;
    }
  };
  try {
    return { value: build(root, ''), offsets };
  } catch (error) {
    if (error instanceof RangeError) throw new JsonSyntaxError('nested too deeply', 0);
    throw error;
  }
}

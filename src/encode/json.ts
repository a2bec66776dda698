/**
 * A small JSON reader (RFC 8259) that remembers where each value starts, so that a problem found later (by ajv,
 * at a JSON Pointer such as `/places/0/geo/lat`) can be reported at its line and column, and a syntax error at
 * the exact character. `JSON.parse` gives neither reliably (its messages only sometimes carry a position).
 * Iteration depth is bounded, so a hostile file of nested brackets fails cleanly instead of overflowing the stack.
 */

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

const MAX_DEPTH = 512;

function escapePointer(token: string): string {
  return token.replace(/~/g, '~0').replace(/\//g, '~1');
}

export function parseJson(text: string): JsonParsed {
  const offsets = new Map<string, number>();
  let i = 0;

  const fail = (message: string, at = i): never => {
    throw new JsonSyntaxError(message, at);
  };
  const ws = () => {
    while (i < text.length && (text[i] === ' ' || text[i] === '\t' || text[i] === '\n' || text[i] === '\r')) i++;
  };
  const describe = (at: number) => (at >= text.length ? 'end of file' : `"${text[at]}"`);

  const string = (): string => {
    const start = i;
    i++; // opening quote
    let out = '';
    for (;;) {
      if (i >= text.length) fail('unterminated string', start);
      const ch = text[i]!;
      if (ch === '"') {
        i++;
        return out;
      }
      if (ch === '\\') {
        const esc = text[i + 1];
        const simple: Record<string, string> = { '"': '"', '\\': '\\', '/': '/', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t' };
        if (esc !== undefined && esc in simple) {
          out += simple[esc];
          i += 2;
        } else if (esc === 'u' && /^[0-9a-fA-F]{4}$/.test(text.slice(i + 2, i + 6))) {
          out += String.fromCharCode(parseInt(text.slice(i + 2, i + 6), 16));
          i += 6;
        } else fail('invalid escape in string');
        continue;
      }
      if (ch.charCodeAt(0) < 0x20) fail('control character in string (escape it, e.g. \\n)');
      out += ch;
      i++;
    }
  };

  const number = (): number => {
    const m = /^-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/.exec(text.slice(i, i + 400));
    if (!m) fail(`unexpected ${describe(i)}`);
    i += m![0].length;
    return Number(m![0]);
  };

  // Iterative descent: containers on an explicit stack.
  type Frame = { kind: 'array'; value: JsonValue[]; pointer: string } | { kind: 'object'; value: { [key: string]: JsonValue }; pointer: string; key?: string };
  const stack: Frame[] = [];
  let root: JsonValue = null;

  const place = (value: JsonValue, pointer: string, at: number) => {
    offsets.set(pointer, at);
    const top = stack[stack.length - 1];
    if (top === undefined) root = value;
    else if (top.kind === 'array') top.value.push(value);
    else top.value[top.key!] = value;
  };

  const childPointer = (): string => {
    const top = stack[stack.length - 1];
    if (top === undefined) return '';
    if (top.kind === 'array') return `${top.pointer}/${top.value.length}`;
    return `${top.pointer}/${escapePointer(top.key!)}`;
  };

  // Parse one value at i; containers push a frame and return.
  const value = () => {
    ws();
    const at = i;
    const pointer = childPointer();
    const ch = text[i];
    if (ch === '{' || ch === '[') {
      if (stack.length >= MAX_DEPTH) fail(`nested more than ${MAX_DEPTH} levels deep`);
      const container: JsonValue = ch === '{' ? {} : [];
      place(container, pointer, at);
      i++;
      stack.push(ch === '{' ? { kind: 'object', value: container as { [key: string]: JsonValue }, pointer } : { kind: 'array', value: container as JsonValue[], pointer });
      return;
    }
    if (ch === '"') return place(string(), pointer, at);
    if (ch === '-' || (ch !== undefined && ch >= '0' && ch <= '9')) return place(number(), pointer, at);
    for (const [word, v] of [['true', true], ['false', false], ['null', null]] as const) {
      if (text.startsWith(word, i)) {
        i += word.length;
        return place(v, pointer, at);
      }
    }
    fail(ch === undefined ? 'unexpected end of file, a value was expected' : `unexpected ${describe(i)}, a value was expected`);
  };

  // Inside an object: read `"key":` (or the closing brace).
  const key = (frame: Extract<Frame, { kind: 'object' }>, first: boolean): boolean => {
    ws();
    if (text[i] === '}' && first) {
      i++;
      return false;
    }
    if (text[i] !== '"') fail(`expected a property name in double quotes, found ${describe(i)}`);
    const at = i;
    const k = string();
    if (Object.prototype.hasOwnProperty.call(frame.value, k)) fail(`duplicate key "${k}"`, at);
    ws();
    if (text[i] !== ':') fail(`expected ":" after property name, found ${describe(i)}`);
    i++;
    frame.key = k;
    return true;
  };

  if (text.charCodeAt(0) === 0xfeff) i = 1;
  value();
  // After each value: close containers or move to the next member.
  let justOpened = stack.length > 0;
  while (stack.length > 0) {
    const top = stack[stack.length - 1]!;
    ws();
    if (justOpened) {
      justOpened = false;
      if (top.kind === 'array') {
        if (text[i] === ']') {
          i++;
          stack.pop();
          continue;
        }
      } else if (!key(top, true)) {
        stack.pop();
        continue;
      }
    } else {
      const close = top.kind === 'array' ? ']' : '}';
      if (text[i] === close) {
        i++;
        stack.pop();
        continue;
      }
      if (text[i] !== ',') fail(`expected "," or "${close}", found ${describe(i)}`);
      i++;
      if (top.kind === 'object') key(top, false);
    }
    const depth = stack.length;
    value();
    justOpened = stack.length > depth;
  }
  ws();
  if (i < text.length) fail(`unexpected ${describe(i)} after the end of the JSON value`);
  return { value: root, offsets };
}

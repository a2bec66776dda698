/**
 * From the parsed tree back to the bytes it came from. `annotate` edits an edition in place: it inserts tags into
 * the file's own text and leaves every other character as the editor wrote it, so it must know, for each character
 * of a text node's value, where that character stands in the source. The value and the source differ where XML
 * decodes: entity and character references (XML 1.0, 4.4) and line ends (2.11: CR LF and a lone CR read as LF).
 * CDATA sections (2.7) are not mapped: nothing can be tagged inside them.
 */
import { charRef, PREDEFINED } from '../xml/dtd.js';
import type { Position, XmlText } from '../xml/index.js';

/** Offsets (UTF-16) of line starts in a text; line ends as XML 1.0 section 2.11 counts them. */
export class LineIndex {
  private readonly starts: number[] = [0];

  constructor(private readonly text: string) {
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c === 0x0a) this.starts.push(i + 1);
      else if (c === 0x0d) {
        if (text.charCodeAt(i + 1) === 0x0a) i++;
        this.starts.push(i + 1);
      }
    }
  }

  /** UTF-16 offset of a 1-based line and a 1-based column counted in code points. */
  offset(position: Position): number {
    let at = this.starts[position.line - 1] ?? this.text.length;
    for (let column = 1; column < position.column && at < this.text.length; column++) {
      const c = this.text.charCodeAt(at);
      at += c >= 0xd800 && c <= 0xdbff ? 2 : 1;
    }
    return at;
  }
}

/**
 * Where each character of a text node's value starts in the source: `map[i]` for `value[i]`, `map[value.length]`
 * where the node's source ends. A character that came from a reference to a general entity of several characters
 * maps every one of them to the reference, so a name that begins or ends inside such an expansion can be told apart
 * (see `atBoundary`). Returns undefined when the source at `start` does not spell the value (then the node is left
 * alone: annotate never edits what it cannot place exactly).
 */
export function sourceMap(source: string, start: number, node: XmlText, entities: Readonly<Record<string, string>>): Int32Array | undefined {
  const value = node.value;
  const map = new Int32Array(value.length + 1);
  let v = 0;
  let s = start;
  if (node.cdata) return undefined;
  while (v < value.length) {
    if (s >= source.length) return undefined;
    const c = source.charCodeAt(s);
    if (c === 0x26 /* & */) {
      const semi = source.indexOf(';', s);
      if (semi < 0) return undefined;
      const ref = source.slice(s + 1, semi);
      let expansion: string | undefined;
      if (ref.startsWith('#')) {
        const cp = charRef(ref.slice(1));
        expansion = cp === undefined ? undefined : String.fromCodePoint(cp);
      } else expansion = PREDEFINED[ref] ?? entities[ref];
      if (expansion === undefined || value.slice(v, v + expansion.length) !== expansion) return undefined;
      for (let k = 0; k < expansion.length; k++) map[v + k] = s;
      v += expansion.length;
      s = semi + 1;
      continue;
    }
    if (c === 0x0d) {
      if (value.charCodeAt(v) !== 0x0a) return undefined;
      map[v++] = s;
      s += source.charCodeAt(s + 1) === 0x0a ? 2 : 1;
      continue;
    }
    if (value.charCodeAt(v) !== c) return undefined;
    map[v++] = s++;
  }
  map[value.length] = s;
  return map;
}

/** Whether a value offset is a place where a tag can go in the source: not inside the expansion of a reference. */
export function atBoundary(map: Int32Array, index: number): boolean {
  return index === 0 || index === map.length - 1 || map[index] !== map[index - 1];
}

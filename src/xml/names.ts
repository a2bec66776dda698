/**
 * XML 1.0 (Fifth Edition) names and characters, section 2.2 `Char` and 2.3 `NameStartChar` / `NameChar`, on UTF-16
 * text: a character above U+FFFF is a surrogate pair, so a name may take two code units per character.
 */

/** ASCII fast path: bit 1 NameStartChar, bit 2 NameChar. */
export const ASCII = new Uint8Array(128);
for (let c = 0; c < 128; c++) {
  const start = c === 0x3a || c === 0x5f || (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a);
  const name = start || c === 0x2d || c === 0x2e || (c >= 0x30 && c <= 0x39);
  ASCII[c] = (start ? 1 : 0) | (name ? 2 : 0);
}

/** NameStartChar for a code unit of the BMP (surrogates handled by the caller). */
function bmpNameStart(c: number): boolean {
  if (c < 0x80) return (ASCII[c]! & 1) !== 0;
  return (
    (c >= 0xc0 && c <= 0xd6) ||
    (c >= 0xd8 && c <= 0xf6) ||
    (c >= 0xf8 && c <= 0x2ff) ||
    (c >= 0x370 && c <= 0x37d) ||
    (c >= 0x37f && c <= 0x1fff) ||
    c === 0x200c ||
    c === 0x200d ||
    (c >= 0x2070 && c <= 0x218f) ||
    (c >= 0x2c00 && c <= 0x2fef) ||
    (c >= 0x3001 && c <= 0xd7ff) ||
    (c >= 0xf900 && c <= 0xfdcf) ||
    (c >= 0xfdf0 && c <= 0xfffd)
  );
}

function bmpNameChar(c: number): boolean {
  if (c < 0x80) return (ASCII[c]! & 2) !== 0;
  return bmpNameStart(c) || c === 0xb7 || (c >= 0x300 && c <= 0x36f) || c === 0x203f || c === 0x2040;
}

/**
 * Where the Name starting at `i` ends (`i` itself when none starts there). [#x10000-#xEFFFF] are name characters:
 * high surrogates U+D800..U+DB7F followed by a low surrogate.
 */
export function scanName(s: string, i: number, end: number): number {
  if (i >= end) return i;
  const c = s.charCodeAt(i);
  if (c < 0x80) {
    if ((ASCII[c]! & 1) === 0) return i;
    i++;
  } else if (c >= 0xd800 && c <= 0xdb7f) {
    const d = s.charCodeAt(i + 1);
    if (i + 1 >= end || d < 0xdc00 || d > 0xdfff) return i;
    i += 2;
  } else if (bmpNameStart(c)) i++;
  else return i;
  return scanNmtoken(s, i, end);
}

/** Where the Nmtoken (NameChar+) starting at `i` ends. */
export function scanNmtoken(s: string, i: number, end: number): number {
  while (i < end) {
    const c = s.charCodeAt(i);
    if (c < 0x80) {
      if ((ASCII[c]! & 2) === 0) return i;
      i++;
    } else if (c >= 0xd800 && c <= 0xdb7f) {
      const d = s.charCodeAt(i + 1);
      if (i + 1 >= end || d < 0xdc00 || d > 0xdfff) return i;
      i += 2;
    } else if (bmpNameChar(c)) i++;
    else return i;
  }
  return i;
}

export function isName(name: string): boolean {
  return name.length > 0 && scanName(name, 0, name.length) === name.length;
}

/** S ::= (#x20 | #x9 | #xD | #xA)+ (section 2.3); CR never reaches the tokenizer (line ends are normalised first). */
export function isSpace(c: number): boolean {
  return c === 0x20 || c === 0x0a || c === 0x09 || c === 0x0d;
}

/**
 * The first character that is not a `Char` (section 2.2: #x9 | #xA | #xD | [#x20-#xD7FF] | [#xE000-#xFFFD] |
 * [#x10000-#x10FFFF]), as an offset, or -1; `astral`: whether a surrogate comes before it. Native regular-expression
 * searches without the `u` flag (which V8 runs about ten times faster): the common case, text with neither a
 * disallowed character nor a surrogate, is one search over the whole text.
 */
const CONTROL = /[\x00-\x08\x0B\x0C\x0E-\x1F\uFFFE\uFFFF]/;
const CONTROL_OR_SURROGATE = /[\x00-\x08\x0B\x0C\x0E-\x1F\uFFFE\uFFFF\uD800-\uDFFF]/;
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
export function firstDisallowed(s: string): { offset: number; astral: boolean } {
  const first = s.search(CONTROL_OR_SURROGATE);
  if (first < 0) return { offset: -1, astral: false };
  const c = s.charCodeAt(first);
  if (c < 0xd800 || c > 0xdfff) return { offset: first, astral: false };
  const rest = s.slice(first);
  const control = rest.search(CONTROL);
  const lone = rest.search(LONE_SURROGATE);
  const offset = control < 0 ? lone : lone < 0 ? control : Math.min(control, lone);
  return { offset: offset < 0 ? -1 : first + offset, astral: true };
}

/** A code point allowed as a character reference (WFC: Legal Character). */
export function isChar(cp: number): boolean {
  return (
    cp === 0x9 || cp === 0xa || cp === 0xd || (cp >= 0x20 && cp <= 0xd7ff) || (cp >= 0xe000 && cp <= 0xfffd) || (cp >= 0x10000 && cp <= 0x10ffff)
  );
}

/**
 * Code points in `s[from, to)`: a surrogate pair counts once. Columns count code points (src/diagnostics.ts), and
 * every module that turns an offset into a column counts with this.
 */
export function codePoints(s: string, from: number, to: number): number {
  let n = to - from;
  for (let i = from; i < to; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0xdc00 && c <= 0xdfff) n--;
  }
  return n;
}

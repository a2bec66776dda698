/**
 * Bytes to text, the way XML 1.0 appendix F says a processor detects the encoding: a byte order mark first, then
 * the encoding declaration, else UTF-8. Invalid byte sequences are errors with a position, never U+FFFD silently.
 * A byte order mark that contradicts the declaration (a UTF-16 BOM with `encoding="UTF-8"`, a UTF-8 BOM with
 * `encoding="ISO-8859-1"`) is a fatal error, as section 4.3.3 says: "It is a fatal error for an entity including an
 * encoding declaration to present characters to the XML processor in an encoding other than that named in the
 * declaration".
 */
import { diagnostic, TeikitError } from '../diagnostics.js';
import { table } from '../tables.js';

export interface Decoded {
  text: string;
  /** The encoding actually used: `utf-8`, `utf-16le`, `utf-16be`, or a single-byte encoding named in the declaration. */
  encoding: string;
  bom: boolean;
}

const SINGLE_BYTE: Readonly<Record<string, string>> = table({
  'iso-8859-1': 'latin1',
  'latin1': 'latin1',
  'latin-1': 'latin1',
  'us-ascii': 'latin1',
  'ascii': 'latin1',
  'windows-1252': 'windows-1252',
  'cp1252': 'windows-1252',
  'iso-8859-15': 'iso-8859-15',
  'iso-8859-2': 'iso-8859-2',
});

/** Declared encodings a byte order mark agrees with (names as in the IANA registry, lower case). */
const BOM_AGREES: Record<'utf-8' | 'utf-16le' | 'utf-16be', readonly string[]> = {
  'utf-8': ['utf-8', 'utf8'],
  'utf-16le': ['utf-16', 'utf-16le', 'utf16', 'ucs-2', 'iso-10646-ucs-2'],
  'utf-16be': ['utf-16', 'utf-16be', 'utf16', 'ucs-2', 'iso-10646-ucs-2'],
};

/** The encoding declaration of already decoded text, lower case, if there is one. */
function declaredIn(text: string): string | undefined {
  return /^<\?xml[^?]*?encoding\s*=\s*["']([A-Za-z0-9._-]+)["']/.exec(text.slice(0, 200))?.[1]?.toLowerCase();
}

function withBom(text: string, encoding: 'utf-8' | 'utf-16le' | 'utf-16be', file: string): Decoded {
  const declared = declaredIn(text);
  if (declared !== undefined && !BOM_AGREES[encoding].includes(declared)) {
    throw new TeikitError(
      diagnostic({
        file,
        line: 1,
        column: 1,
        message: `the byte order mark says ${encoding === 'utf-8' ? 'UTF-8' : 'UTF-16'} but the XML declaration says encoding="${declared}"`,
        ruleId: 'xml/encoding',
        source: 'xml',
      }),
    );
  }
  return { text, encoding, bom: true };
}

export function decodeXml(bytes: Uint8Array, file: string): Decoded {
  if (bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) {
    return withBom(utf8(bytes.subarray(3), file, 3), 'utf-8', file);
  }
  if (bytes.length >= 2 && bytes[0] === 0xff && bytes[1] === 0xfe) {
    return withBom(utf16(bytes.subarray(2), 'utf-16le', file), 'utf-16le', file);
  }
  if (bytes.length >= 2 && bytes[0] === 0xfe && bytes[1] === 0xff) {
    return withBom(utf16(bytes.subarray(2), 'utf-16be', file), 'utf-16be', file);
  }
  // UTF-16 without a BOM still starts with "<?" as 3C 00 3F 00 or 00 3C 00 3F (XML 1.0 F.1).
  if (bytes.length >= 4 && bytes[0] === 0x3c && bytes[1] === 0 && bytes[2] === 0x3f && bytes[3] === 0) {
    return { text: utf16(bytes, 'utf-16le', file), encoding: 'utf-16le', bom: false };
  }
  if (bytes.length >= 4 && bytes[0] === 0 && bytes[1] === 0x3c && bytes[2] === 0 && bytes[3] === 0x3f) {
    return { text: utf16(bytes, 'utf-16be', file), encoding: 'utf-16be', bom: false };
  }
  const declared = declaredEncoding(bytes);
  if (declared !== undefined) {
    const label = SINGLE_BYTE[declared];
    if (label !== undefined) {
      return { text: new TextDecoder(label).decode(bytes), encoding: declared, bom: false };
    }
    if (declared !== 'utf-8' && declared !== 'utf8') {
      throw new TeikitError(
        diagnostic({
          file,
          line: 1,
          column: 1,
          message: `unsupported encoding "${declared}" in the XML declaration (supported: UTF-8, UTF-16, ISO-8859-1, windows-1252)`,
          ruleId: 'xml/encoding',
          source: 'xml',
        }),
      );
    }
  }
  return { text: utf8(bytes, file, 0), encoding: 'utf-8', bom: false };
}

function declaredEncoding(bytes: Uint8Array): string | undefined {
  const head = new TextDecoder('latin1').decode(bytes.subarray(0, 200));
  const match = /^<\?xml[^?]*?encoding\s*=\s*["']([A-Za-z0-9._-]+)["']/.exec(head);
  return match?.[1]?.toLowerCase();
}

function utf8(bytes: Uint8Array, file: string, skipped: number): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    const bad = firstInvalidUtf8(bytes);
    const { line, column } = positionOfByte(bytes, bad);
    const hex = Array.from(bytes.subarray(bad, bad + 4), (b) => b.toString(16).padStart(2, '0')).join(' ');
    throw new TeikitError(
      diagnostic({
        file,
        line,
        column,
        message: `invalid UTF-8 byte sequence (bytes ${hex} at offset ${bad + skipped}); is the file in another encoding?`,
        ruleId: 'xml/encoding',
        source: 'xml',
      }),
    );
  }
}

function utf16(bytes: Uint8Array, label: 'utf-16le' | 'utf-16be', file: string): string {
  try {
    return new TextDecoder(label, { fatal: true }).decode(bytes);
  } catch {
    throw new TeikitError(
      diagnostic({ file, line: 1, column: 1, message: `invalid ${label.toUpperCase()} data`, ruleId: 'xml/encoding', source: 'xml' }),
    );
  }
}

/** Offset of the first byte that does not start or continue a well-formed UTF-8 sequence (RFC 3629). */
function firstInvalidUtf8(b: Uint8Array): number {
  let i = 0;
  while (i < b.length) {
    const c = b[i]!;
    let n = 0;
    let min = 0;
    if (c < 0x80) { i++; continue; }
    else if (c >= 0xc2 && c <= 0xdf) { n = 1; min = 0x80; }
    else if (c >= 0xe0 && c <= 0xef) { n = 2; min = 0x800; }
    else if (c >= 0xf0 && c <= 0xf4) { n = 3; min = 0x10000; }
    else return i;
    if (i + n >= b.length) return i; // truncated sequence at the end of the file
    let cp = c & (0x3f >> n);
    for (let k = 1; k <= n; k++) {
      const cc = b[i + k];
      if (cc === undefined || (cc & 0xc0) !== 0x80) return i;
      cp = (cp << 6) | (cc & 0x3f);
    }
    if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) return i;
    i += n + 1;
  }
  return b.length;
}

/** Line and code-point column of a byte offset in (valid up to that offset) UTF-8. */
function positionOfByte(b: Uint8Array, offset: number): { line: number; column: number } {
  let line = 1;
  let column = 1;
  for (let i = 0; i < offset; i++) {
    const c = b[i]!;
    if (c === 0x0a) { line++; column = 1; }
    else if ((c & 0xc0) !== 0x80) column++;
  }
  return { line, column };
}

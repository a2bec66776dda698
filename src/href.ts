/**
 * References to other files, read one way: the href of an `xml-model` PI, of an `xi:include` or a Schematron
 * `include`, a DOCTYPE's system id, a TEI pointer. Each is a URI reference (RFC 3986). teikit reads local files
 * only, so a reference is a local path (a `file:` URL, or a relative or absolute path), or remote (never fetched).
 */
import { dirname, isAbsolute, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The reference's scheme (RFC 3986, 3.1: ALPHA *( ALPHA / DIGIT / "+" / "-" / "." ) before ":"), lower-cased;
 * undefined for a relative reference. On Windows a one-letter "scheme" is a drive letter (`C:\x`), a path.
 */
export function uriScheme(ref: string): string | undefined {
  const scheme = /^([A-Za-z][A-Za-z0-9+.-]*):/.exec(ref)?.[1]?.toLowerCase();
  if (scheme !== undefined && scheme.length === 1 && process.platform === 'win32') return undefined;
  return scheme;
}

/** Percent-decoding (RFC 3986, 2.1) where the text is valid percent-encoding; the text as written otherwise. */
export function percentDecode(text: string): string {
  if (!text.includes('%')) return text;
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

/** What a reference names: a local path, a remote resource (its scheme), or a `file:` URL that is no usable path. */
export type LocalFile = { path: string } | { remote: string } | { badFileUrl: true };

/**
 * The local file a reference names, relative to the file it was written in (`base`); a relative or absolute path is
 * percent-decoded. A fragment (`#...`) is not split off here: callers that allow one split it first.
 */
export function localFile(ref: string, base: string): LocalFile {
  const scheme = uriScheme(ref);
  if (scheme === 'file') {
    try {
      return { path: fileURLToPath(ref) };
    } catch {
      return { badFileUrl: true };
    }
  }
  if (scheme !== undefined) return { remote: scheme };
  const decoded = percentDecode(ref);
  return { path: isAbsolute(decoded) ? decoded : resolve(dirname(resolve(base)), decoded) };
}

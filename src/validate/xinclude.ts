/**
 * XInclude 1.0 (W3C Recommendation, second edition) for `teikit validate --xinclude`: every `xi:include` whose
 * `href` names a local file is replaced, before validation, by that file's document content (`parse="xml"`, the
 * default) or by its text (`parse="text"`, decoded with `@encoding`, default UTF-8). Otherwise `xi:fallback`'s
 * children are used (section 3.2); without one, the resource error is reported as a diagnostic.
 *
 * - Remote hrefs (http, https, any scheme but `file:`) are never fetched; that is a resource error.
 * - `xpointer`: the shorthand form (`xpointer="id"`) and `element(id)` are supported; other schemes are reported.
 * - Included documents may include others; a cycle (section 4.1.1: "inclusion loop") is an error, depth is bounded.
 * - The whole expansion is bounded too. Without a cycle, a file that includes another twice, which includes a third
 *   twice, and so on, doubles at each level (2^30 inclusions from 30 small files). The inclusions of one document
 *   may read no more bytes in total than one document may have (`--max-size document=MB`, src/io.ts), each
 *   counting at least INCLUSION_MIN_BYTES, so that many tiny files are bounded too (16,000 by default). Past the
 *   budget each further include is an error and is left out: the verdict is "invalid" and the run ends, as an
 *   entity expansion past its budget does.
 * - Base URI and language fixup (section 4.5.5, 4.5.6) are not performed (as `xmllint --nofixup-base-uris`):
 *   an added `xml:base` would make documents invalid against schemas that do not allow it.
 *
 * Positions: the nodes of an included tree keep their own line and column. To keep the file they came from without
 * changing the tree types (the RELAX NG engine only sees lines and columns), each included file gets its own line
 * space: its lines are shifted by `k * LINE_SPACE`, and `mapPosition` turns such a line back into (file, line).
 *
 * Security: XInclude reads the local files a document names. Use `--xinclude` only on documents you trust as much
 * as the files they may name.
 */
import { isAbsolute, relative, resolve } from 'node:path';
import { diagnostic, type Diagnostic } from '../diagnostics.js';
import { localFile } from '../href.js';
import { megabytes, readRegularFile, sizeLimit } from '../io.js';
import { TeikitError } from '../diagnostics.js';
import {
  attr,
  walk,
  XI_NS,
  xmlId,
  tryParseXml,
  type XmlDocument,
  type XmlElement,
  type XmlNode,
} from '../xml/index.js';

/** Lines of the k-th included file are shifted by k * LINE_SPACE (no real file has 10^8 lines). */
export const LINE_SPACE = 100_000_000;
const MAX_DEPTH = 50;
/** What one inclusion costs of the document's budget at least (EpiDoc editions make a handful of inclusions, a TEI
 *  corpus of chapters a few hundred). */
export const INCLUSION_MIN_BYTES = 16_000;

export interface XIncludeResult {
  /** Files whose content was included, in the order of their line spaces (index 0 is line space 1). */
  included: string[];
  /** Resource errors, unsupported xpointers, loops: source `xml`, rule `xml/xinclude`. */
  diagnostics: Diagnostic[];
}

/** Turn a (possibly shifted) line back into the file it belongs to. */
export function mapPosition(file: string, line: number, included: readonly string[]): { file: string; line: number } {
  if (line < LINE_SPACE) return { file, line };
  const k = Math.floor(line / LINE_SPACE);
  return { file: included[k - 1] ?? file, line: line - k * LINE_SPACE };
}

/** Map every diagnostic of an XInclude-expanded document back to the file and line of its piece. */
export function mapDiagnostics(list: Diagnostic[], file: string, included: readonly string[]): Diagnostic[] {
  if (included.length === 0) return list;
  return list.map((d) => {
    if (d.line < LINE_SPACE) return d;
    const where = mapPosition(file, d.line, included);
    return { ...d, file: where.file, line: where.line };
  });
}

function shiftLines(nodes: XmlNode[], by: number): void {
  const shift = (n: XmlNode): void => {
    n.line += by;
    if (n.type === 'element') {
      n.tagEnd = { line: n.tagEnd.line + by, column: n.tagEnd.column };
      n.end = { line: n.end.line + by, column: n.end.column };
    }
  };
  for (const n of nodes) {
    shift(n);
    if (n.type === 'element') walk(n, shift);
  }
}

function textDecode(bytes: Uint8Array, encoding: string): string {
  const text = new TextDecoder(encoding, { fatal: true }).decode(bytes);
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

/**
 * Resolve every `xi:include` of `doc` in place. `file` is the path of `doc` (hrefs resolve against its folder).
 * Returns the included files (for `mapDiagnostics`) and the diagnostics of includes that failed.
 */
export function resolveXIncludes(doc: XmlDocument, file: string): XIncludeResult {
  const result: Expansion = { included: [], diagnostics: [], bytes: 0 };
  processIncludes(findIncludes(doc.root), file, [resolve(file)], result, 0);
  return { included: result.included, diagnostics: result.diagnostics };
}

/** The result being built, with what the expansion has used of its budget so far. */
interface Expansion extends XIncludeResult {
  /** Bytes charged to the budget so far (each inclusion at least INCLUSION_MIN_BYTES). */
  bytes: number;
}

function findIncludes(root: XmlElement): XmlElement[] {
  const out: XmlElement[] = [];
  const visit = (n: XmlNode): boolean => {
    if (n.type === 'element' && n.uri === XI_NS && n.local === 'include') {
      out.push(n);
      return false; // its children (fallback) are handled when the include is
    }
    return true;
  };
  if (visit(root)) walk(root, visit);
  return out;
}

function processIncludes(includes: XmlElement[], file: string, chain: string[], result: Expansion, depth: number): void {
  for (const inc of includes) replaceInclude(inc, file, chain, result, depth);
}

/**
 * A problem at the include element. `file` is the file the element was written in; its line is still in that file's
 * line space, and `mapDiagnostics` maps it back with the others.
 */
function problem(inc: XmlElement, file: string, message: string): Diagnostic {
  return diagnostic({ file, line: inc.line, column: inc.column, message, ruleId: 'xml/xinclude', source: 'xml' });
}

function replaceWith(inc: XmlElement, nodes: XmlNode[]): void {
  const parent = inc.parent;
  const at = parent.children.indexOf(inc);
  for (const n of nodes) if (n.type === 'element') n.parent = parent;
  // No spread into splice: an included document may have more top-level nodes than a call has room for arguments.
  const after = parent.children.slice(at + 1);
  parent.children.length = at;
  for (const n of nodes) parent.children.push(n);
  for (const n of after) parent.children.push(n);
  // Text next to text is one text node in the infoset (a data pattern sees "Quoted: " + the included text as one
  // value); the merged node keeps the position of its first part.
  const merged: XmlNode[] = [];
  for (const n of parent.children) {
    const last = merged[merged.length - 1];
    if (n.type === 'text' && last?.type === 'text' && !n.cdata && !last.cdata) merged[merged.length - 1] = { ...last, value: last.value + n.value };
    else merged.push(n);
  }
  if (merged.length !== parent.children.length) {
    parent.children.length = 0;
    for (const n of merged) parent.children.push(n);
  }
}

/** What one include element asks for (XInclude 1.0 section 3.1). */
interface Include {
  element: XmlElement;
  href: string;
  parse: string;
  xpointer: string | undefined;
  /** The file the element was written in, and the chain of files being included above it (for loops). */
  file: string;
  chain: string[];
  depth: number;
}

/** Replace one include element by what it names, by its fallback, or by nothing (with a diagnostic). */
function replaceInclude(inc: XmlElement, file: string, chain: string[], result: Expansion, depth: number): void {
  const include: Include = { element: inc, href: attr(inc, 'href') ?? '', parse: attr(inc, 'parse') ?? 'xml', xpointer: attr(inc, 'xpointer'), file, chain, depth };
  const { href, parse, xpointer } = include;
  const fail = (message: string): void => failInclude(include, message, result);

  if (parse !== 'xml' && parse !== 'text') {
    // A fatal error in XInclude 1.0 (section 3.1), not a resource error: no fallback.
    result.diagnostics.push(problem(inc, file, `xi:include has parse="${parse}": it must be "xml" or "text"`));
    replaceWith(inc, []);
    return;
  }
  if (href === '' && xpointer === undefined) {
    result.diagnostics.push(problem(inc, file, 'xi:include has neither @href nor @xpointer'));
    replaceWith(inc, []);
    return;
  }
  if (href === '') return fail('xi:include without @href (a pointer into the same document) is not supported by teikit');
  if (depth >= MAX_DEPTH) return fail(`xi:include nested more than ${MAX_DEPTH} levels deep`);
  const target = includeTarget(include);
  if ('failure' in target) return fail(target.failure);
  if (parse === 'xml' && chain.includes(target.path) && xpointer === undefined) return fail(`xi:include href="${href}" is already being included (an inclusion loop)`);
  const budget = sizeLimit('document');
  if (result.bytes >= budget) {
    // Past the budget: an error, not a resource error, so no fallback (a fallback may include again).
    const most = `${megabytes(budget)}, at most ${Math.floor(budget / INCLUSION_MIN_BYTES)} inclusions`;
    result.diagnostics.push(problem(inc, file, `xi:include href="${href}" is not included: the document's inclusions used up their budget (${most}; each counts at least ${INCLUSION_MIN_BYTES / 1000} KB; --max-size document=MB raises it)`));
    replaceWith(inc, []);
    return;
  }

  let bytes: Uint8Array;
  try {
    bytes = readRegularFile(target.path, 'document');
  } catch (error) {
    const why = error instanceof TeikitError ? error.diagnostic.message : String(error);
    return fail(`xi:include href="${href}": ${why}`);
  }
  result.bytes += Math.max(bytes.length, INCLUSION_MIN_BYTES);
  if (parse === 'text') includeText(include, bytes, result);
  else includeXml(include, target.path, bytes, result);
}

/** A resource error: the fallback's children replace the include (section 3.2), else it is reported. */
function failInclude(include: Include, message: string, result: Expansion): void {
  const { element: inc, file, chain, depth } = include;
  const fallback = inc.children.find((c): c is XmlElement => c.type === 'element' && c.uri === XI_NS && c.local === 'fallback');
  if (fallback !== undefined) {
    // Section 3.2: a resource error with a fallback is not reported.
    const children = fallback.children;
    replaceWith(inc, children);
    const nested = children.flatMap((c) => (c.type === 'element' ? findIncludes(c) : []));
    processIncludes(nested, file, chain, result, depth);
    return;
  }
  result.diagnostics.push(problem(inc, file, message));
  replaceWith(inc, []);
}

/** The local path an href names (relative to the including file, or a `file:` URL), or why there is none. */
function includeTarget({ href, chain }: Include): { path: string } | { failure: string } {
  const target = localFile(href, chain[chain.length - 1]!);
  if ('badFileUrl' in target) return { failure: `xi:include href="${href}" is not a usable file URL` };
  if ('remote' in target) return { failure: `xi:include href="${href}" is remote: teikit never fetches remote resources` };
  return target;
}

/** parse="text": the file's text, decoded with @encoding (default UTF-8), as one text node. */
function includeText(include: Include, bytes: Uint8Array, result: Expansion): void {
  const { element: inc, href } = include;
  const encoding = attr(inc, 'encoding') ?? 'utf-8';
  let value: string;
  try {
    value = textDecode(bytes, encoding);
  } catch {
    return failInclude(include, `xi:include href="${href}" parse="text": the file is not valid ${encoding}`, result);
  }
  replaceWith(inc, value === '' ? [] : [{ type: 'text', value, cdata: false, line: inc.line, column: inc.column }]);
}

/** parse="xml": a fresh tree in its own line space (or the element an xpointer selects), its includes resolved. */
function includeXml(include: Include, target: string, bytes: Uint8Array, result: Expansion): void {
  const { element: inc, file, href, xpointer, chain, depth } = include;
  // Name included files the way the user named the including one: relative paths stay relative.
  const displayName = isAbsolute(file) ? target : relative(process.cwd(), target) || target;
  const space = result.included.length + 1;
  const parsed = tryParseXml(bytes, { file: displayName });
  if (!parsed.ok) {
    // Not well-formed: a fatal error (section 4.1.1 does not allow a fallback for it), reported where it is.
    result.diagnostics.push(parsed.diagnostic);
    replaceWith(inc, []);
    return;
  }
  let nodes: XmlNode[];
  if (xpointer !== undefined) {
    const id = /^element\(([^/()]+)\)$/.exec(xpointer)?.[1] ?? (/^[^\s()/:]+$/.test(xpointer) ? xpointer : undefined);
    if (id === undefined) return failInclude(include, `xi:include xpointer="${xpointer}": only shorthand pointers ("id") and element(id) are supported`, result);
    const found = elementWithId(parsed.document, id);
    if (found === undefined) return failInclude(include, `xi:include xpointer="${xpointer}" selects nothing in ${href}`, result);
    nodes = [found];
  } else {
    // The document's children (section 4.5.1), minus whitespace outside the root, which our tree does not keep.
    nodes = parsed.document.children.filter((n) => n.type === 'element' || n.type === 'comment' || n.type === 'pi');
  }
  result.included.push(displayName);
  shiftLines(nodes, space * LINE_SPACE);
  replaceWith(inc, nodes);
  const nested = nodes.flatMap((n) => (n.type === 'element' ? findIncludes(n) : []));
  processIncludes(nested, displayName, [...chain, target], result, depth + 1);
}

function elementWithId(doc: XmlDocument, id: string): XmlElement | undefined {
  let found: XmlElement | undefined;
  walk(doc, (n) => {
    if (found !== undefined) return false;
    if (n.type === 'element' && xmlId(n) === id) found = n;
    return true;
  });
  return found;
}

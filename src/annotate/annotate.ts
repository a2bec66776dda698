/**
 * `annotateTei`: tag the names and dates of an existing TEI edition from its authority file, touching nothing else.
 *
 * An editor imports a record once (`encodeRecord`) and then works on the TEI by hand: commentary in `note`s,
 * corrections, comments, a layout of their own. When the authority file grows, re-encoding from the record would lose
 * that work, so annotate edits the file's own text instead of re-serialising a tree: it inserts start and end tags
 * around new names and dates, adds a missing `@ref` to a name already tagged, and adds to the registers in
 * `standOff` what the authority file knows and the edition lacks. Every other character stays as it was, and
 * annotating twice changes nothing (the second run finds every name tagged and every register complete).
 *
 * Where names are looked for: text nodes inside `text` (TEI P5 4, the body, front and back), outside the header
 * and `standOff`, outside elements that are already names or dates (13.2, 13.4), and outside `note` (3.9: an
 * editor's commentary is their own prose, kept byte for byte). A name is tagged only when it lies within one text
 * node; a name that would cross an existing element is reported and left alone.
 */
import { diagnostic, TeikitError, type Diagnostic } from '../diagnostics.js';
import type { Authority, AuthorityEntity } from '../encode/authority.js';
import { findDates, yearOf, parseDatePhrase } from '../encode/dates.js';
import { dateAttributes, nameElement } from '../encode/inline.js';
import { NameMatcher, selectNames, type NameMatch } from '../encode/names.js';
import { attr, descendants, escapeAttribute, isElement, parseXml, TEI_NS, textContent, xmlId, type XmlElement, type XmlNode } from '../xml/index.js';
import { ASIDE_ELEMENTS, DATE_ELEMENTS, isNameElement, KINDS, nameKind } from '../tei/index.js';
import { insertRegisters } from './registers.js';
import { atBoundary, LineIndex, sourceMap } from './source-map.js';
import { applyEdits, type Edit } from './edits.js';
import { dict } from '../tables.js';

export interface AnnotateOptions {
  /** Name of the edition in diagnostics (default "edition.xml"). */
  file?: string;
  authority: Authority;
}

export interface AnnotateResult {
  /** The edition with the new tags (identical to the input when nothing was added). */
  xml: string;
  /** Whether anything changed. */
  changed: boolean;
  /** What was added: names and dates tagged, `@ref`s added to names already tagged, register entries and the
   * names, coordinates and identifiers added to existing entries. */
  counts: { names: number; dates: number; refs: number; entries: number; details: number };
  /** Warnings: names crossing existing tags, `@ref`s that point nowhere or to another entity. */
  diagnostics: Diagnostic[];
}

/** Elements whose content is not searched for new names, besides names and dates (see the module comment). */
const NO_SEARCH = new Set([...ASIDE_ELEMENTS, 'teiHeader', 'note', 'idno', 'gap', 'fw', 'ref', 'ptr']);

const noSearch = (local: string) => NO_SEARCH.has(local) || isNameElement(local) || DATE_ELEMENTS.includes(local);

/** The register kinds a name element may point to: the one it states, or any (a generic `rs`/`name`). */
function kindsOf(el: XmlElement): readonly AuthorityEntity['kind'][] | undefined {
  const kind = nameKind(el.local, attr(el, 'type'));
  return kind === undefined ? undefined : kind === null ? KINDS : [kind];
}

const normalise = (s: string) => s.replace(/\s+/g, ' ').trim();

/** Annotate a TEI edition (bytes or text, UTF-8). Throws `TeikitError` (exit 1) when it is not well-formed XML. */
export function annotateTei(input: string | Uint8Array, options: AnnotateOptions): AnnotateResult {
  const file = options.file ?? 'edition.xml';
  const doc = parseXml(input, { file });
  if (doc.encoding.toLowerCase().replace(/[^a-z0-9]/g, '') !== 'utf8') {
    throw new TeikitError(diagnostic({ file, line: 1, column: 1, message: `annotate edits UTF-8 files only; this one is ${doc.encoding}`, ruleId: 'annotate/encoding', source: 'annotate' }));
  }
  // ignoreBOM: keep a byte order mark in the text, so that the output keeps it too.
  const text = typeof input === 'string' ? input : new TextDecoder('utf-8', { ignoreBOM: true }).decode(input);
  // The tree's positions count from after a BOM.
  const bom = text.charCodeAt(0) === 0xfeff ? '\ufeff' : '';
  const source = bom === '' ? text : text.slice(1);
  const lines = new LineIndex(source);
  const tei = doc.root;
  const diagnostics: Diagnostic[] = [];
  const edits: Edit[] = [];
  const counts = { names: 0, dates: 0, refs: 0, entries: 0, details: 0 };
  const warn = (node: { line: number; column: number }, message: string, ruleId: string) =>
    diagnostics.push(diagnostic({ file, line: node.line, column: node.column, message, ruleId, source: 'annotate' }));

  const byId = new Map<string, AuthorityEntity>(options.authority.entities.map((e) => [e.id, e]));
  const ids = new Set<string>();
  for (const el of descendants(tei)) {
    const id = xmlId(el);
    if (id !== undefined) ids.add(id);
  }
  const entities = internalEntities(doc.doctype);
  const matcher = new NameMatcher(options.authority);
  const documentYear = yearOfDocument(tei);
  const body = descendants(tei, 'text', TEI_NS)[0];

  // 1. Names already tagged: check their @ref, add a missing one where the name is one entity's.
  if (body !== undefined) {
    for (const el of descendants(body)) {
      const kinds = el.uri === TEI_NS ? kindsOf(el) : undefined;
      if (kinds === undefined || insideNote(el)) continue;
      checkTaggedName(el, kinds);
    }
  }

  // 2. New names and dates in the searchable text nodes.
  if (body !== undefined) searchable(body, (parent) => tagChildren(parent));

  // 3. Registers.
  const registers = insertRegisters(doc, source, lines, options.authority);
  edits.push(...registers.edits);
  counts.entries = registers.entries;
  counts.details = registers.details;
  diagnostics.push(...registers.diagnostics.map((d) => ({ ...d, file })));

  const out = applyEdits(source, edits);
  diagnostics.sort((a, b) => a.line - b.line || a.column - b.column);
  return { xml: bom + out, changed: edits.length > 0, counts, diagnostics };

  function checkTaggedName(el: XmlElement, kinds: readonly AuthorityEntity['kind'][]): void {
    const written = normalise(textContent(el));
    const ref = attr(el, 'ref');
    if (ref === undefined) {
      if (attr(el, 'key') !== undefined) return; // pointed elsewhere by the project's own convention (TEI P5 13.1.1)
      const owners = options.authority.entities.filter((e) => kinds.includes(e.kind) && e.names.some((n) => normalise(n.name) === written));
      if (owners.length !== 1) return;
      // `tagEnd` is the ">" that ends the start tag (or the one of "/>"): the attribute goes before it.
      const close = lines.offset(el.tagEnd);
      const at = source[close - 1] === '/' ? close - 1 : close;
      edits.push({ at, order: 0, text: ` ref="#${escapeAttribute(owners[0]!.id)}"` });
      counts.refs++;
      return;
    }
    for (const token of ref.trim().split(/\s+/)) {
      if (!token.startsWith('#')) continue; // an external authority URI: not ours to judge
      const id = token.slice(1);
      const entity = byId.get(id);
      if (entity === undefined) {
        if (!ids.has(id)) warn(el, `${el.name} "${written}" points to #${id}, which neither the edition nor the authority file defines`, 'annotate/ref-unresolved');
      } else if (!entity.names.some((n) => normalise(n.name) === written) && el.children.every((c) => c.type === 'text')) {
        warn(el, `${el.name} "${written}" points to #${id}, whose names in the authority file do not include "${written}"`, 'annotate/ref-name');
      }
    }
  }

  /** Tag the names and dates inside the direct text children of `parent`. */
  function tagChildren(parent: XmlElement): void {
    const prefix = teiPrefix(parent);
    const flat = flatten(parent);
    for (const candidate of matcher.candidates(flat.text)) {
      // A name that crosses a child element cannot be tagged without moving that element: say so.
      const a = flat.segmentAt(candidate.start);
      const b = flat.segmentAt(candidate.end - 1);
      if (a !== b && (flat.segments[a]!.kind === 'text' || flat.segments[b]!.kind === 'text')) {
        const where = flat.segments[a]!.node;
        warn(where, `"${flat.text.slice(candidate.start, candidate.end)}" (a name of #${candidate.entity.id}) crosses existing markup; left untagged`, 'annotate/overlap');
      }
    }
    for (const segment of flat.segments) {
      const node = segment.node;
      // Markup inside a CDATA section is text (XML 1.0, 2.7): nothing can be tagged there.
      if (node.type !== 'text' || node.cdata) continue;
      const start = lines.offset(node);
      const map = sourceMap(source, start, node, entities);
      if (map === undefined) continue;
      const value = node.value;
      const names = selectNames(matcher.candidates(value), (s, e) => (atBoundary(map, s) && atBoundary(map, e) ? { start: s, end: e } : undefined));
      const open = (m: NameMatch, depth: number): void => {
        const element = nameElement(m, []);
        const attrs = element.attrs.map(([k, v]) => ` ${k}="${escapeAttribute(v)}"`).join('');
        edits.push({ at: map[m.start]!, order: 1 + depth, text: `<${prefix}${element.name}${attrs}>` });
        edits.push({ at: map[m.end]!, order: -1 - depth, text: `</${prefix}${element.name}>` });
        counts.names++;
        for (const inner of m.inner) open(inner, depth + 1);
      };
      for (const m of names) open(m, 0);
      const found = findDates(value, documentYear);
      for (const d of found.dates) {
        if (!atBoundary(map, d.start) || !atBoundary(map, d.end)) continue;
        if (names.some((n) => d.start < n.end && n.start < d.end)) continue;
        const attrs = dateAttributes(d.value).map(([k, v]) => ` ${k}="${escapeAttribute(v)}"`).join('');
        edits.push({ at: map[d.start]!, order: 1, text: `<${prefix}date${attrs}>` });
        edits.push({ at: map[d.end]!, order: -1, text: `</${prefix}date>` });
        counts.dates++;
      }
    }
  }
}

/** Call `visit` for every element under `root` whose text children may hold new names (iteratively). */
function searchable(root: XmlElement, visit: (el: XmlElement) => void): void {
  const stack: XmlElement[] = [root];
  while (stack.length > 0) {
    const el = stack.pop()!;
    if (el.uri === TEI_NS && noSearch(el.local)) continue;
    if (el.children.some((c) => c.type === 'text' && c.value.trim() !== '')) visit(el);
    for (let i = el.children.length - 1; i >= 0; i--) {
      const c = el.children[i]!;
      if (isElement(c)) stack.push(c);
    }
  }
}

function insideNote(el: XmlElement): boolean {
  for (let p: XmlElement['parent'] = el.parent; isElement(p); p = p.parent) if (p.uri === TEI_NS && p.local === 'note') return true;
  return false;
}

/** The prefix the TEI namespace has where new elements go (`''` when it is the default namespace). */
function teiPrefix(el: XmlElement): string {
  if (el.ns[''] === TEI_NS) return '';
  for (const [prefix, uri] of Object.entries(el.ns)) if (uri === TEI_NS && prefix !== '') return `${prefix}:`;
  return '';
}

interface Flat {
  text: string;
  segments: { kind: 'text' | 'element'; node: XmlNode; start: number }[];
  segmentAt(offset: number): number;
}

/** The string value of an element's children, one segment per child, to see which names cross child elements. */
function flatten(el: XmlElement): Flat {
  const segments: Flat['segments'] = [];
  let text = '';
  for (const child of el.children) {
    if (child.type === 'text') {
      segments.push({ kind: 'text', node: child, start: text.length });
      text += child.value;
    } else if (child.type === 'element') {
      segments.push({ kind: 'element', node: child, start: text.length });
      text += textContent(child);
    }
  }
  return {
    text,
    segments,
    segmentAt(offset) {
      let lo = 0;
      let hi = segments.length - 1;
      while (lo < hi) {
        const mid = (lo + hi + 1) >> 1;
        if (segments[mid]!.start <= offset) lo = mid;
        else hi = mid - 1;
      }
      return lo;
    },
  };
}

/** General entities declared in the internal subset, for mapping references in text back to the source. */
function internalEntities(doctype: string | undefined): Record<string, string> {
  const out = dict<string>();
  if (doctype === undefined) return out;
  for (const m of doctype.matchAll(/<!ENTITY\s+([^\s%]+)\s+(?:"([^"]*)"|'([^']*)')\s*>/g)) out[m[1]!] = m[2] ?? m[3] ?? '';
  return out;
}

/** The year that dates written without one take: the date the document was sent, else the source's date. */
function yearOfDocument(tei: XmlElement): number | undefined {
  for (const path of [['correspDesc', 'correspAction', 'date'], ['sourceDesc', 'bibl', 'date']]) {
    for (const date of descendants(tei, path[path.length - 1]!, TEI_NS)) {
      const parent = date.parent;
      if (!isElement(parent) || parent.local !== path[path.length - 2]) continue;
      const when = attr(date, 'when');
      const year = when !== undefined ? /^(\d{4})/.exec(when)?.[1] : undefined;
      if (year !== undefined) return +year;
      const value = yearOf(parseDatePhrase(textContent(date)));
      if (value !== undefined) return value;
    }
  }
  return undefined;
}

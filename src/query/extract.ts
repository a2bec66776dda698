/**
 * One pass over a parsed document: every candidate mention with its position, surface form and context, the
 * registers of the file, and the document's title and date. Pointers are resolved after the pass, because
 * registers usually follow the text (`standOff`, `back`).
 */
import type { Diagnostic } from '../diagnostics.js';
import { attr, TEI_NS, type XmlDocument, type XmlElement } from '../xml/index.js';
import { documentDate, documentTitle } from '../tei/header.js';
import type { Dating } from './dates.js';
import { ASIDE_ELEMENTS, DATE_ATTRIBUTES, DATE_ELEMENT_SET, ENTRY_QUERY_KIND, nameQueryKind, REFERENCE_ATTRIBUTES, REGISTER_ELEMENTS } from './kinds.js';
import { addEntry, emptyRegister, entryKindOf, RegisterCache, resolvePointer, unresolvedDiagnostic, type Register } from './registers.js';
import { leftContext, mark, plainText, rightContext, separatesWords, TextStream, unread } from './text.js';
import type { QueryKind, RegisterEntry } from './types.js';

/** A mention as extracted, before paths are made relative for display (the index stores this). */
export interface ExtractedMention {
  line: number;
  column: number;
  kind: QueryKind;
  element: string;
  type: string | null;
  surface: string;
  pointer: string | null;
  pointerAttribute: 'ref' | 'key' | 'corresp' | null;
  entry: RegisterEntry | null;
  left: string;
  right: string;
  inHeader: boolean;
  dating: Dating | null;
}

export interface Warning {
  kind: QueryKind;
  /** Absolute target (`/path/places.xml#id`): warnings are reported once per target. */
  target: string;
  inHeader: boolean;
  diagnostic: Diagnostic;
}

export interface FileExtract {
  file: string;
  title: string | null;
  date: string | null;
  mentions: ExtractedMention[];
  warnings: Warning[];
  /** Register files (absolute paths) the pointers of this file named. */
  dependencies: string[];
}

interface Candidate {
  el: XmlElement;
  /** Null: an `rs`/`name` whose kind is that of the entry it points to. */
  kind: QueryKind | null;
  inHeader: boolean;
  /** In running text (not header, register or stand-off): has context. */
  inText: boolean;
  start: number;
  end: number;
  surface: string;
}

function isTei(el: XmlElement): boolean {
  return el.uri === TEI_NS || el.uri === '';
}

function classify(el: XmlElement): QueryKind | null | undefined {
  const named = nameQueryKind(el.local, attr(el, 'type'));
  if (named !== undefined) return named;
  if (DATE_ELEMENT_SET.has(el.local) && DATE_ATTRIBUTES.some((a) => attr(el, a) !== undefined || attr(el, `${a}-iso`) !== undefined)) return 'dates';
  return undefined;
}

export interface ExtractOptions {
  /** Register files or folders every pointer may also resolve against (`--register`). Default none. */
  registers?: readonly string[];
  /** Register files already read, shared by the files of one run (used instead of `registers`). */
  cache?: RegisterCache;
}

/**
 * Extract every mention of every kind from `doc` (whose absolute path is `file`). Mentions inside registers are
 * names of entries, not mentions; mentions in the teiHeader are kept with `inHeader` and no context. Register files
 * a pointer names (`places.xml#p1`) are read as needed.
 */
export function extractMentions(doc: XmlDocument, file: string, options: ExtractOptions = {}): FileExtract {
  const cache = options.cache ?? new RegisterCache(options.registers ?? []);
  const { candidates, text, header, register } = collectCandidates(doc, file);
  const dependencies = new Set<string>();
  const mentions: ExtractedMention[] = [];
  const warnings: Warning[] = [];
  for (const c of candidates) {
    const mention = toExtracted(c, text, file, { register, cache, dependencies, warnings });
    if (mention !== null) mentions.push(mention);
  }
  return { file, title: documentTitle(header), date: documentDate(header, teiOf(header)), mentions, warnings, dependencies: [...dependencies].sort() };
}

/**
 * One walk through the document: the elements that may be mentions (with their place in the reading text), the
 * reading text itself, the teiHeader, and the register entries of the file.
 */
function collectCandidates(doc: XmlDocument, file: string): { candidates: Candidate[]; text: string; header: XmlElement | undefined; register: Register } {
  const register: Register = emptyRegister();
  const stream = new TextStream();
  const candidates: Candidate[] = [];
  let header: XmlElement | undefined;
  let headerDepth = 0;
  let registerDepth = 0;
  let asideDepth = 0;

  interface Frame { el: XmlElement; i: number; separates: boolean; candidate: Candidate | undefined; header: boolean; register: boolean; aside: boolean }
  const enter = (el: XmlElement): Frame => {
    const tei = isTei(el);
    const isHeader = tei && el.local === 'teiHeader';
    if (isHeader) {
      headerDepth++;
      header ??= el;
    }
    const found = tei ? entryKindOf(el) : undefined;
    // A name that is an entry itself (FRUS's persons list) is a register, not a mention.
    const isRegister = tei && (REGISTER_ELEMENTS.has(el.local) || found?.self === true);
    if (isRegister) {
      registerDepth++;
      if (found !== undefined) addEntry(register, el, file);
    }
    // Stand-off, ruby glosses, and the alternatives and deletions a reader does not read (see `unread`).
    const isAside = tei && (ASIDE_ELEMENTS.has(el.local) || unread(el));
    if (isAside) asideDepth++;
    const inText = headerDepth === 0 && registerDepth === 0 && asideDepth === 0;
    const separates = separatesWords(el);
    if (inText && separates) stream.boundary();
    let candidate: Candidate | undefined;
    if (registerDepth === 0 && tei) {
      const kind = classify(el);
      if (kind !== undefined) {
        if (inText) stream.flush();
        candidate = { el, kind, inHeader: headerDepth > 0, inText, start: stream.length, end: stream.length, surface: '' };
        candidates.push(candidate);
      }
    }
    if (inText) {
      const open = mark(el, 0);
      if (open !== undefined) stream.text(open);
    }
    return { el, i: 0, separates, candidate, header: isHeader, register: isRegister, aside: isAside };
  };
  const leave = (frame: Frame): void => {
    const inText = headerDepth === 0 && registerDepth === 0 && asideDepth === 0;
    if (inText) {
      const close = mark(frame.el, 1);
      if (close !== undefined) stream.text(close);
    }
    if (frame.candidate !== undefined) {
      if (inText) frame.candidate.end = stream.length;
      else frame.candidate.surface = plainText(frame.el);
    }
    if (inText && frame.separates) stream.boundary();
    if (frame.header) headerDepth--;
    if (frame.register) registerDepth--;
    if (frame.aside) asideDepth--;
  };

  const stack: Frame[] = [enter(doc.root)];
  while (stack.length > 0) {
    const top = stack[stack.length - 1]!;
    if (top.i >= top.el.children.length) {
      stack.pop();
      leave(top);
      continue;
    }
    const node = top.el.children[top.i++]!;
    if (node.type === 'text') {
      if (headerDepth === 0 && registerDepth === 0 && asideDepth === 0) stream.text(node.value);
    } else if (node.type === 'element') {
      stack.push(enter(node));
    }
  }

  return { candidates, text: stream.toString(), header, register };
}

interface Resolving {
  register: Register;
  cache: RegisterCache;
  /** Register files the pointers named (filled in). */
  dependencies: Set<string>;
  /** Pointers that resolve to nothing (filled in). */
  warnings: Warning[];
}

/** A candidate as a mention: its pointer resolved to a register entry, its kind, surface, context and dating. */
function toExtracted(c: Candidate, text: string, file: string, { register, cache, dependencies, warnings }: Resolving): ExtractedMention | null {
  const inText = c.inText;
  const surface = inText ? text.slice(c.start, c.end).trim() : c.surface;
  let pointer: string | null = null;
  let pointerAttribute: ExtractedMention['pointerAttribute'] = null;
  let entry: RegisterEntry | null = null;
  const unresolved: Array<{ target: string; reason: string; value: string }> = [];
  for (const name of REFERENCE_ATTRIBUTES) {
    const value = attr(c.el, name)?.trim();
    if (value === undefined || value === '') continue;
    if (pointer === null) {
      pointer = value;
      pointerAttribute = name;
    }
    if (c.kind === 'dates' || entry !== null) continue;
    for (const token of value.split(/[ \t\r\n]+/)) {
      const r = resolvePointer(token, file, register, cache, dependencies);
      if (r.status === 'entry') {
        entry = r.entry;
        pointer = value;
        pointerAttribute = name;
        break;
      }
      if (r.status === 'unresolved') unresolved.push({ target: r.target, reason: r.reason, value: token });
    }
  }
  const kind = c.kind ?? (entry !== null ? ENTRY_QUERY_KIND[entry.kind] : null);
  if (kind === null) return null;
  if (entry === null) {
    for (const u of unresolved) warnings.push({ kind, target: u.target, inHeader: c.inHeader, diagnostic: unresolvedDiagnostic(file, c.el, u.value, u.reason) });
  }
  let dating: Dating | null = null;
  if (kind === 'dates') {
    const get = (a: string): string | null => attr(c.el, a) ?? attr(c.el, `${a}-iso`) ?? null;
    dating = { when: get('when'), from: get('from'), to: get('to'), notBefore: get('notBefore'), notAfter: get('notAfter') };
  }
  return {
    line: c.el.line,
    column: c.el.column,
    kind,
    element: c.el.local,
    type: attr(c.el, 'type') ?? null,
    surface,
    pointer,
    pointerAttribute,
    entry,
    left: inText ? leftContext(text, c.start) : '',
    right: inText ? rightContext(text, c.end) : '',
    inHeader: c.inHeader,
    dating,
  };
}

/** The `TEI` element a teiHeader belongs to (its `standOff` dates plays). */
function teiOf(header: XmlElement | undefined): XmlElement | undefined {
  const parent = header?.parent;
  return parent !== undefined && parent.type === 'element' ? parent : undefined;
}

export { documentDate, documentTitle };

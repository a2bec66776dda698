/**
 * A file's mentions: the walk over a parsed tree that feeds the `MentionCollector` (collect.ts; stream.ts feeds it
 * from the event stream instead), then every candidate's pointer resolved, and the document's title and date.
 * Pointers are resolved after the pass, because registers usually follow the text (`standOff`, `back`).
 */
import type { Diagnostic } from '../diagnostics.js';
import { attr, type XmlDocument, type XmlElement } from '../xml/index.js';
import { documentDate, documentTitle } from '../tei/header.js';
import { MentionCollector, type Candidate } from './collect.js';
import type { Dating } from './dates.js';
import { ENTRY_QUERY_KIND, REFERENCE_ATTRIBUTES } from './kinds.js';
import { addEntry, emptyRegister, RegisterCache, resolvePointer, unresolvedDiagnostic, type Register } from './registers.js';
import { unread } from './text.js';
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

export interface ExtractOptions {
  /** Register files or folders every pointer may also resolve against (`--register`). Default none. */
  registers?: readonly string[];
  /** Register files already read, shared by the files of one run (used instead of `registers`). */
  cache?: RegisterCache;
}

/**
 * Extract every mention of every kind from `doc` (whose absolute path is `file`). Mentions inside registers are
 * names of entries, not mentions; mentions in the teiHeader are kept with `inHeader` and no context. Register files
 * a pointer names (`places.xml#p1`) are read as needed. (`teikit query` and `teikit index` read files with
 * `extractStream`, which gives the same rows without building the tree.)
 */
export function extractMentions(doc: XmlDocument, file: string, options: ExtractOptions = {}): FileExtract {
  const register = emptyRegister();
  const collector = new MentionCollector((el) => addEntry(register, el, file));
  walkTree(doc.root, collector);
  collector.finish();
  return resolveMentions(collector, register, file, options.cache ?? new RegisterCache(options.registers ?? []));
}

/** The collector's calls for a complete subtree, in document order; `rootUnread` is whether `root` is read. */
export function walkTree(root: XmlElement, collector: MentionCollector, rootUnread = unread(root)): void {
  interface Step { el: XmlElement; i: number }
  collector.enter(root, rootUnread);
  const stack: Step[] = [{ el: root, i: 0 }];
  while (stack.length > 0) {
    const top = stack[stack.length - 1]!;
    const children = top.el.children;
    if (top.i >= children.length) {
      stack.pop();
      collector.leave();
      continue;
    }
    const node = children[top.i++]!;
    if (node.type === 'text') collector.characters(node.value);
    else if (node.type === 'element') {
      collector.enter(node, unread(node));
      stack.push({ el: node, i: 0 });
    }
  }
}

/** After the pass: every candidate's pointer resolved against the registers, the title and date of the document. */
export function resolveMentions(collector: MentionCollector, register: Register, file: string, cache: RegisterCache): FileExtract {
  const dependencies = new Set<string>();
  const mentions: ExtractedMention[] = [];
  const warnings: Warning[] = [];
  for (const c of collector.candidates) {
    const mention = toExtracted(c, file, { register, cache, dependencies, warnings });
    if (mention !== null) mentions.push(mention);
  }
  const header = collector.header;
  return { file, title: documentTitle(header), date: documentDate(header, teiOf(header)), mentions, warnings, dependencies: [...dependencies].sort() };
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
function toExtracted(c: Candidate, file: string, { register, cache, dependencies, warnings }: Resolving): ExtractedMention | null {
  const surface = c.surface;
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
    left: c.left,
    right: c.right,
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

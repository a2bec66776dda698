/**
 * Inline content of one block of the record's text (a head, a paragraph, a line of the closer): the translator's
 * brackets, the names of the authority file and the dates, nested into a small tree that the TEI builder writes
 * as mixed content. Offsets are UTF-16 offsets into the block's text; `base` maps them to the record.
 *
 * Every character of the source ends up in the output except the markup the tree stands for: the square brackets
 * of supplied words (printed back by renderers), "[...]" (a gap), "[sic]" (the sic element), markdown's hard line
 * break (two spaces or a backslash before a newline, an lb element), markdown emphasis markers (`*`, `_`: hi) and
 * markdown backslash escapes.
 */
import type { Diagnostic } from '../diagnostics.js';
import { KIND_ELEMENTS } from '../tei/index.js';
import type { EntityKind } from './authority.js';
import { scanBrackets, type Bracket } from './brackets.js';
import { findDates, type DateValue } from './dates.js';
import { findEmphasis, inMarkers, type EmphasisFound } from './emphasis.js';
import { selectNames, type NameMatch, type NameMatcher } from './names.js';
import { signMarkers, type NoteTable } from './notes.js';
import type { SourceText } from './positions.js';

export interface InlineElement {
  name: string;
  /** Attributes in output order. */
  attrs: [string, string][];
  children: Inline[];
}

export type Inline = string | InlineElement;

export function el(name: string, attrs: [string, string][] = [], children: Inline[] = []): InlineElement {
  return { name, attrs, children };
}

/** Entity kind -> TEI element (and `@type`) of its names in running text (src/tei/registers.ts). */
export const NAME_ELEMENT: Readonly<Record<EntityKind, { name: string; type?: string }>> = {
  place: mentionElement('place'),
  org: mentionElement('org'),
  person: mentionElement('person'),
  group: mentionElement('group'),
};
function mentionElement(kind: EntityKind): { name: string; type?: string } {
  const { element, type } = KIND_ELEMENTS[kind].mention;
  return type === undefined ? { name: element } : { name: element, type };
}

/** Supplied-reason values (declared in the header's editorialDecl). */
export const SUPPLIED_REASON = { clarification: 'clarification', alternativeName: 'alternative-name' } as const;

export interface InlineContext {
  source: SourceText;
  matcher: NameMatcher;
  /** Year given to dates written without one. */
  documentYear?: number;
  diagnostics: Diagnostic[];
  /** Unknown capitalised names already reported (one warning per distinct name, at its first mention). */
  unknown: Set<string>;
  /** The record's notes, put where their markers stand (notes.ts). */
  notes?: NoteTable;
}

export interface InlineResult {
  nodes: Inline[];
  /** Top-level names found, in order. */
  names: NameMatch[];
  dates: { start: number; end: number; value: DateValue }[];
}

interface Span {
  start: number;
  end: number;
  /** Among spans of equal extent, the lower rank is the outer element. */
  rank: number;
  /** The part of [start, end) that becomes the element's content (default all of it); the rest is markup that the
   * element stands for (the square brackets of supplied words, "[...]", "[sic]"). */
  inner?: [number, number];
  make(children: Inline[]): Inline;
}

/** Dates attributes: @when or @from/@to, and @cert="medium" when the year was inferred (stated in editorialDecl). */
export function dateAttributes(value: DateValue): [string, string][] {
  const attrs: [string, string][] = [];
  if (value.when !== undefined) attrs.push(['when', value.when]);
  if (value.from !== undefined) attrs.push(['from', value.from]);
  if (value.to !== undefined) attrs.push(['to', value.to]);
  if (value.yearInferred || value.approximate) attrs.push(['cert', 'medium']);
  return attrs;
}

export function nameElement(m: NameMatch, children: Inline[]): InlineElement {
  const spec = m.name.form === 'adjective' ? { name: 'rs', type: m.entity.kind } : NAME_ELEMENT[m.entity.kind];
  const attrs: [string, string][] = [];
  if (spec.type !== undefined) attrs.push(['type', spec.type]);
  attrs.push(['ref', `#${m.entity.id}`]);
  return el(spec.name, attrs, children);
}

const WORD = /[\p{Lu}][\p{L}\p{M}'’-]*/gu;
/** Words that often start a sentence before a name. */
const FUNCTION_WORDS = new Set(['The', 'A', 'An', 'This', 'That', 'These', 'Those', 'Our', 'Their', 'His', 'Her', 'Its', 'My', 'Your', 'We', 'They', 'He', 'She', 'It', 'In', 'On', 'At', 'To', 'For', 'From', 'By', 'With', 'And', 'But', 'If', 'As', 'Since', 'After', 'Before', 'When', 'While', 'Both', 'All', 'Some', 'Many', 'Most']);
/** Capitalised words that are not names of places, organisations, persons or groups. */
const NOT_NAMES = new Set([
  'I', 'Mr', 'Mrs', 'Ms', 'Dr', 'Comrade', 'Comrades', 'Dear', 'Sir', 'Sirs', 'Madam', 'OK', 'PS', 'II', 'III', 'IV', 'V', 'VI', 'VII', 'VIII', 'IX', 'X',
  // Titles: the name that follows them is checked on its own.
  'Ambassador', 'Chairman', 'Premier', 'Minister', 'President', 'General', 'Marshal', 'Secretary', 'Vice', 'Deputy', 'Comrade', 'Consul', 'Counsellor', 'Counselor', 'Director', 'Head', 'Chief',
  'January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December',
  'Jan', 'Feb', 'Mar', 'Apr', 'Jun', 'Jul', 'Aug', 'Sep', 'Sept', 'Oct', 'Nov', 'Dec',
  'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday',
]);

/** Build the inline tree of `text`, which starts at offset `base` of the record; `checkNames`: report capitalised
 * words that are not in the authority file. */
export function buildInline(text: string, base: number, ctx: InlineContext, checkNames = true): InlineResult {
  const { brackets, problems } = scanBrackets(text);
  for (const p of problems) ctx.diagnostics.push(ctx.source.report(base + p.offset, p.message, 'encode/bracket'));
  // Note markers that are not brackets ("crossing.¹"), outside emphasis markers ("*word*" is no note marker).
  const emphasised = findEmphasis(text);
  const signs = ctx.notes === undefined ? [] : signMarkers(text, ctx.notes.signs).filter((m) => !inMarkers(emphasised, m.start, m.end));
  const logical = searchText(text, brackets, signs);
  const supplied = brackets.filter((b) => b.kind === 'supplied');
  const fit = fitToSupplied(supplied);
  const names = selectNames(ctx.matcher.candidates(logical), fit);
  const block: BlockScan = { text, base, ctx, logical, names, spans: [], covered: [] };
  for (const m of names) addName(block.spans, m, 10);
  const dates = dateSpans(block, fit);
  for (const m of signs) noteSpan(block, m.start, m.end, m.n);
  for (const b of brackets) bracketSpan(block, b);
  for (const span of emphasisSpans(emphasised)) block.spans.push(span);
  if (checkNames) reportUnknownNames(logical, base, names, block.covered, supplied, ctx);
  return { nodes: nest(text, block.spans), names, dates };
}

/** What the spans of one block are found in and collected into. */
interface BlockScan {
  text: string;
  base: number;
  ctx: InlineContext;
  /** The text names and dates are looked for in (`searchText`). */
  logical: string;
  /** The names chosen, sorted by start. */
  names: NameMatch[];
  spans: Span[];
  /** Stretches tagged as names that the authority file does not know (unknown alternative names). */
  covered: [number, number][];
}

/**
 * The text names and dates are looked for in, offset for offset `text`: brackets of supplied words become spaces
 * (so "Ministry [of Foreign Affairs]" reads as the name), gaps, [sic] and note markers become NULs (nothing matches
 * across them), and escaped brackets are text, not markup (the backslash must not break a name).
 */
function searchText(text: string, brackets: readonly Bracket[], signs: ReadonlyArray<{ start: number; end: number }>): string {
  const chars = text.split(''); // UTF-16 units, so offsets stay those of `text`
  for (const b of brackets) {
    if (b.kind === 'supplied') {
      chars[b.start] = ' ';
      chars[b.end - 1] = ' ';
    } else for (let i = b.start; i < b.end; i++) chars[i] = '\u0000';
  }
  for (const m of signs) for (let i = m.start; i < m.end; i++) chars[i] = '\u0000';
  return chars.join('').replace(/\\([[\]])/g, ' $1');
}

/**
 * A span widened to take in the supplied brackets it holds whole, or undefined when it crosses one. Brackets do not
 * nest, so `supplied` is sorted by start and by end: only those from the first one ending after `start` can meet
 * the span (a binary search, not a pass over every bracket of the paragraph for every name).
 */
function fitToSupplied(supplied: readonly Bracket[]): (start: number, end: number) => { start: number; end: number } | undefined {
  return (start, end) => {
    let s = start;
    let e = end;
    for (let k = firstEndingAfter(supplied, start); k < supplied.length; k++) {
      const b = supplied[k]!;
      if (e <= b.start) break;
      if (s >= b.end) continue;
      if (s >= b.contentStart && e <= b.contentEnd) continue;
      if (s <= b.contentStart && e >= b.contentEnd) {
        s = Math.min(s, b.start);
        e = Math.max(e, b.end);
        continue;
      }
      return undefined;
    }
    return { start: s, end: e };
  };
}

function addName(spans: Span[], m: NameMatch, rank: number): void {
  spans.push({ start: m.start, end: m.end, rank, make: (children) => nameElement(m, children) });
  for (const inner of m.inner) addName(spans, inner, rank + 1);
}

/** Dates outside names or wholly inside them, as spans; a date that is not in the calendar is warned about. */
function dateSpans(block: BlockScan, fit: ReturnType<typeof fitToSupplied>): InlineResult['dates'] {
  const { ctx, base } = block;
  const found = findDates(block.logical, ctx.documentYear);
  const dates: InlineResult['dates'] = [];
  for (const d of found.dates) {
    const span = fit(d.start, d.end);
    if (span === undefined || crossesAName(block.names, span)) continue;
    dates.push({ ...span, value: d.value });
    block.spans.push({ start: span.start, end: span.end, rank: 5, make: (children) => el('date', dateAttributes(d.value), children) });
  }
  for (const bad of found.bad) {
    ctx.diagnostics.push(ctx.source.report(base + bad.start, `"${bad.text}" is not a calendar date; left untagged`, 'encode/date-invalid'));
  }
  return dates;
}

/** The note of marker `n` at [start, end), put in its place; a marker without a note, or inside a name, is warned about. */
function noteSpan(block: BlockScan, start: number, end: number, n: string): void {
  const { ctx, base, text, logical } = block;
  const made = ctx.notes?.place(n);
  if (made === undefined) {
    ctx.diagnostics.push(ctx.source.report(base + start, `note marker "${text.slice(start, end)}" has no note after the text; kept as written`, 'encode/note-missing'));
    return;
  }
  block.spans.push({ start, end, rank: 0, inner: [start, start], make: () => made });
  // A marker inside a name ("Soviet[1] Union") keeps the name from being found: say which name.
  const from = Math.max(0, start - 60);
  const around = logical.slice(from, start) + logical.slice(end, end + 60);
  const crossing = ctx.matcher.candidates(around).find((c) => c.start < start - from && c.end > start - from);
  if (crossing !== undefined) {
    ctx.diagnostics.push(ctx.source.report(base + start, `note marker "${text.slice(start, end)}" stands inside the name "${around.slice(crossing.start, crossing.end)}", which is left untagged; put the marker after the name`, 'encode/note-in-name'));
  }
}

/** The span (or spans) of one bracket: a note, a gap, a sic and its word, or supplied words. */
function bracketSpan(block: BlockScan, b: Bracket): void {
  const { spans, text } = block;
  if (b.kind === 'note') noteSpan(block, b.start, b.end, b.content);
  else if (b.kind === 'gap') {
    spans.push({ start: b.start, end: b.end, rank: 0, inner: [b.start, b.start], make: () => el('gap', [['reason', 'omitted']]) });
  } else if (b.kind === 'sic') {
    // The word before "[sic]" (only whitespace between) is the sic; the marker is then the element itself.
    const before = wordBefore(text, b.start);
    if (before) {
      spans.push({ start: before.start, end: before.end, rank: 30, make: (children) => el('sic', [], children) });
      // The marker and the space before it are the sic element: "late [sic]." -> <sic>late</sic>.
      spans.push({ start: before.end, end: b.end, rank: 0, inner: [before.end, before.end], make: () => '' });
    } else {
      spans.push({ start: b.start, end: b.end, rank: 0, inner: [b.contentStart, b.contentEnd], make: (children) => el('supplied', [['reason', SUPPLIED_REASON.clarification]], children) });
    }
  } else suppliedSpan(block, b);
}

/**
 * Supplied words: a clarification, or a second name of the name before them ("Yili [Ili]", reason
 * alternative-name), warned about when it points to another entry; two names neither of which the authority file
 * knows are both tagged, without @ref.
 */
function suppliedSpan(block: BlockScan, b: Bracket): void {
  const { ctx, base, text, names, spans } = block;
  // Names are sorted by start: look at those from the bracket on, and at the one just before it.
  const at = firstAtOrAfter(names, b.start);
  const inside: NameMatch[] = [];
  for (let k = at; k < names.length && names[k]!.start < b.contentEnd; k++) if (names[k]!.end <= b.contentEnd) inside.push(names[k]!);
  const content = b.content;
  const lead = content.length - content.trimStart().length;
  const trail = content.trimEnd().length;
  const only = inside.length === 1 && inside[0]!.start === b.contentStart + lead && inside[0]!.end === b.contentStart + trail ? inside[0] : undefined;
  const previous = only && at > 0 ? names[at - 1] : undefined;
  let reason: string = SUPPLIED_REASON.clarification;
  if (only && previous && /^\s*$/.test(text.slice(previous.end, b.start))) {
    reason = SUPPLIED_REASON.alternativeName;
    if (previous.entity !== only.entity) {
      ctx.diagnostics.push(ctx.source.report(base + b.start, `bracketed name "${content.trim()}" follows "${text.slice(previous.start, previous.end)}" but points to another register entry (#${only.entity.id}, not #${previous.entity.id})`, 'encode/alternative-name'));
    }
  }
  const unknown = inside.length === 0 && reason === SUPPLIED_REASON.clarification ? unknownAlternative(text, b, names) : undefined;
  if (unknown !== undefined) {
    // "Alma-Ata [Almaty]" with neither name in the authority file: still a name and its second name, so that no
    // reading prints the two run together; tagged without @ref until the authority file has them.
    reason = SUPPLIED_REASON.alternativeName;
    const second: [number, number] = [b.contentStart + lead, b.contentStart + trail];
    for (const [start, end] of [unknown, second]) {
      spans.push({ start, end, rank: 10, make: (children) => el('placeName', [], children) });
      block.covered.push([start, end]);
      // Reported here, once: not again as an unknown name where it stands alone later.
      ctx.unknown.add(text.slice(start, end).replace(/\s+/g, ' '));
    }
    ctx.diagnostics.push(ctx.source.report(base + unknown[0], `"${text.slice(unknown[0], unknown[1])} [${content.trim()}]": a name and its second name in brackets, neither in the authority file; both tagged placeName without @ref (add an entry with both names)`, 'encode/alternative-name-unknown'));
  }
  spans.push({ start: b.start, end: b.end, rank: 1, inner: [b.contentStart, b.contentEnd], make: (children) => el('supplied', [['reason', reason]], children) });
}

/** One to three capitalised words ("Alma-Ata", "Ust Kamenogorsk"): the shape of a name. */
const NAME_PHRASE = "\\p{Lu}[\\p{L}\\p{M}'’-]*(?:\\s\\p{Lu}[\\p{L}\\p{M}'’-]*){0,2}";
const NAME_ALONE = new RegExp(`^\\s*${NAME_PHRASE}\\s*$`, 'u');
const NAME_BEFORE = new RegExp(`(${NAME_PHRASE})\\s+$`, 'u');

/**
 * The name before a bracket that holds a second name ("near Alma-Ata [Almaty]"), when neither is a known name:
 * the bracket's content and the words before it are both shaped like names, those words are not a function word or
 * a title ("The [Ministry]"), and no capitalised word follows the bracket (which would make it part of a longer name).
 */
function unknownAlternative(text: string, b: Bracket, names: readonly NameMatch[]): [number, number] | undefined {
  // "Xinjiang [Uyghur] Autonomous Region": a word supplied inside a longer name, not a second name.
  if (!NAME_ALONE.test(b.content) || /^\s+\p{Lu}/u.test(text.slice(b.end, b.end + 2))) return undefined;
  const m = NAME_BEFORE.exec(text.slice(Math.max(0, b.start - 80), b.start));
  if (m === null) return undefined;
  const start = b.start - m[0].length;
  const end = start + m[1]!.length;
  const first = m[1]!.split(/\s/)[0]!;
  if (FUNCTION_WORDS.has(first) || NOT_NAMES.has(first) || names.some((n) => n.start < end && start < n.end)) return undefined;
  return [start, end];
}

/** Index of the first bracket ending after `offset` (brackets sorted, none inside another). */
function firstEndingAfter(brackets: readonly Bracket[], offset: number): number {
  let lo = 0;
  let hi = brackets.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (brackets[mid]!.end <= offset) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * Whether a date span overlaps a name without lying wholly inside it. Chosen names do not overlap one another, so
 * sorted by start they are sorted by end too: only the names around the span are looked at.
 */
function crossesAName(names: readonly NameMatch[], span: { start: number; end: number }): boolean {
  for (let k = Math.max(0, firstAtOrAfter(names, span.start) - 1); k < names.length; k++) {
    const n = names[k]!;
    if (n.start >= span.end) break;
    if (span.start < n.end && !(n.start <= span.start && span.end <= n.end)) return true;
  }
  return false;
}

const WORD_CHAR = /[\p{L}\p{N}'’-]/u;
const WORD_START = /[\p{L}\p{N}]/u;

/**
 * The word just before `offset`, only whitespace between: what `/([\p{L}\p{N}][\p{L}\p{N}'’-]*)(\s*)$/u` finds in
 * `text.slice(0, offset)`, read backwards from `offset` so that its cost is the word's length, not the paragraph's.
 */
function wordBefore(text: string, offset: number): { start: number; end: number } | undefined {
  let end = offset;
  while (end > 0 && /\s/.test(text[end - 1]!)) end--;
  // Back over word characters, a code point at a time (letters beyond the BMP are surrogate pairs).
  let start = end;
  while (start > 0) {
    const low = text.charCodeAt(start - 1);
    const width = low >= 0xdc00 && low <= 0xdfff && start >= 2 ? 2 : 1;
    if (!WORD_CHAR.test(text.slice(start - width, start))) break;
    start -= width;
  }
  // The word starts at its first letter or digit (leading apostrophes and hyphens are not part of it).
  while (start < end) {
    const cp = text.codePointAt(start)!;
    const ch = String.fromCodePoint(cp);
    if (WORD_START.test(ch)) return { start, end: end };
    start += ch.length;
  }
  return undefined;
}

/** Index of the first name starting at or after `offset` (names sorted by start). */
function firstAtOrAfter(names: readonly NameMatch[], offset: number): number {
  let lo = 0;
  let hi = names.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (names[mid]!.start < offset) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Emphasis spans (./emphasis.ts) as spans of the tree: hi with @rend (TEI P5 3.3.2.2). */
function emphasisSpans(found: EmphasisFound): Span[] {
  return found.flat().map(({ start, end, mark, rend }) => ({
    start,
    end,
    rank: 2,
    inner: [start + mark, end - mark],
    make: (children: Inline[]) => el('hi', [['rend', rend]], children),
  }));
}

/**
 * Arrange the spans as a tree (dropping any that cross another, so that their text stays as it is) and cut the text
 * between them.
 */
function nest(text: string, spans: Span[]): Inline[] {
  spans.sort((a, b) => a.start - b.start || b.end - a.end || a.rank - b.rank);
  const kept: Span[] = [];
  const open: Span[] = [];
  for (const s of spans) {
    while (open.length > 0 && open[open.length - 1]!.end <= s.start) open.pop();
    const top = open[open.length - 1];
    if (top !== undefined && s.end > top.end) continue; // crosses its enclosing span
    kept.push(s);
    open.push(s);
  }
  const piece = (from: number, to: number): Inline[] => textNodes(text.slice(from, to));
  const emit = (from: number, to: number, list: Span[]): Inline[] => {
    const out: Inline[] = [];
    let pos = from;
    let i = 0;
    while (i < list.length) {
      const s = list[i]!;
      let j = i + 1;
      while (j < list.length && list[j]!.start < s.end) j++;
      out.push(...piece(pos, s.start));
      const [from2, to2] = s.inner ?? [s.start, s.end];
      const made = s.make(emit(from2, to2, list.slice(i + 1, j).filter((c) => c.start >= from2 && c.end <= to2)));
      if (made !== '') out.push(made);
      pos = s.end;
      i = j;
    }
    out.push(...piece(pos, to));
    return out;
  };
  return merge(emit(0, text.length, kept));
}

/** Text with markdown hard breaks turned into lb elements and backslash escapes removed. */
function textNodes(t: string): Inline[] {
  if (t === '') return [];
  const out: Inline[] = [];
  const parts = t.split(/(?: {2,}|\\)\n/);
  parts.forEach((part, i) => {
    if (i > 0) out.push(el('lb'), '\n');
    const unescaped = part.replace(/\\([\\`*_{}[\]()#+\-.!<>])/g, '$1');
    if (unescaped !== '') out.push(unescaped);
  });
  return out;
}

function merge(nodes: Inline[]): Inline[] {
  const out: Inline[] = [];
  for (const n of nodes) {
    const last = out[out.length - 1];
    if (typeof n === 'string' && typeof last === 'string') out[out.length - 1] = last + n;
    else out.push(n);
  }
  return out;
}

/**
 * Capitalised words outside every tagged name that do not start a sentence are probably names the authority file
 * lacks: report each distinct one once (with its first position), never pass over them silently.
 */
function reportUnknownNames(logical: string, base: number, names: NameMatch[], covered: readonly [number, number][], supplied: Bracket[], ctx: InlineContext): void {
  const inName = new Uint8Array(logical.length + 1);
  for (const n of names) inName.fill(1, n.start, n.end);
  for (const [start, end] of covered) inName.fill(1, start, end);
  const isCovered = (i: number) => inName[i] === 1;
  const words = [...logical.matchAll(WORD)].filter((m) => !isCovered(m.index));
  let i = 0;
  while (i < words.length) {
    const first = words[i]!;
    const joins = (k: number) => {
      const next = words[k + 1];
      return next !== undefined && /^ +(?:(?:of|the|for|de|du|von|van|al|el) +){0,2}$/.test(logical.slice(words[k]!.index + words[k]![0].length, next.index)) && !NOT_NAMES.has(next[0]);
    };
    // A capital at the start of a sentence says nothing, unless more capitalised words follow ("Ministry of
    // Foreign Affairs" on a signature line) and the first is not a function word ("The Soviet Union").
    const initial = sentenceInitial(logical, first.index) && (FUNCTION_WORDS.has(first[0]) || !joins(i));
    if (NOT_NAMES.has(first[0].replace(/['’]s$/, '')) || initial || first[0].length < 2) {
      i++;
      continue;
    }
    // Extend over following capitalised words, joined by spaces and at most two connectors ("Office of the Xinjiang").
    let end = first.index + first[0].length;
    let j = i + 1;
    while (j < words.length && joins(j - 1)) {
      end = words[j]!.index + words[j]![0].length;
      j++;
    }
    // "Yili [Ili]": a bracket that opens inside the group and holds its end is a name of its own.
    let split: Bracket | undefined;
    for (let k = firstEndingAfter(supplied, first.index); k < supplied.length && supplied[k]!.contentStart < end; k++) {
      const b = supplied[k]!;
      if (b.start > first.index && end <= b.contentEnd && /^\s*\p{Lu}/u.test(b.content)) {
        split = b;
        break;
      }
    }
    if (split) {
      end = logical.slice(0, split.start).trimEnd().length;
      // The first word inside the bracket: a later word than `first`, so the search goes on from it.
      while (j > i + 1 && words[j - 1]!.index >= split.contentStart) j--;
      while (j < words.length && words[j]!.index < split.contentStart) j++;
    }
    const phrase = logical.slice(first.index, end).replace(/['’]s$/, '').replace(/\s+/g, ' ');
    if (!ctx.unknown.has(phrase)) {
      ctx.unknown.add(phrase);
      ctx.diagnostics.push(ctx.source.report(base + first.index, `capitalised name "${phrase}" is not in the authority file; left untagged`, 'encode/unknown-name'));
    }
    i = j;
  }
}

function sentenceInitial(text: string, index: number): boolean {
  let i = index - 1;
  while (i >= 0 && /[\s"“‘'(\u0000*_]/u.test(text[i]!)) {
    if (text[i] === '\u0000') return true;
    if (text[i] === '\n' && /(?: {2}|\\)$/.test(text.slice(Math.max(0, i - 2), i))) return true;
    i--;
  }
  return i < 0 || /[.!?:;]/.test(text[i]!);
}

/**
 * Markdown emphasis in one block of the record's text: `**bold**` / `__bold__` and `*italic*` / `_italic_`, which
 * the TEI builder writes as `hi` with `@rend` (TEI P5 3.3.2.2). Offsets are UTF-16 offsets into the block.
 *
 * The rules are those of four regular expressions, kept here as the definition (they are what the tests compare
 * with):
 *
 *     **  (?<![\\*\p{L}\p{N}])\*\*(?=[^\s*])([^\n]*?[^\s*\\])\*\*(?!\*)
 *     __  (?<![\\_\p{L}\p{N}])__(?=[^\s_])([^\n]*?[^\s_\\])__(?![_\p{L}\p{N}])
 *     *   (?<![\\*\p{L}\p{N}])\*(?=[^\s*])([^\n*]*?[^\s*\\])\*(?![*\p{L}\p{N}])
 *     _   (?<![\\_\p{L}\p{N}])_(?=[^\s_])([^\n_]*?[^\s_\\])_(?![_\p{L}\p{N}])
 *
 * applied in that order, each left to right without overlaps, a span being dropped when its markers fall inside the
 * markers of one found before ("***" and the like stay text). Run as regular expressions, an opening `**` or `__`
 * without a closing one scanned to the end of the paragraph (quadratic in the markers of one long paragraph), and
 * each span was compared with every earlier one. Here each opener finds its closer through a precomputed list, and a
 * span is compared only with the earlier spans it overlaps: linear in the paragraph.
 */

export type Rend = 'bold' | 'italic';

export interface Emphasis {
  /** The span, markers included. */
  start: number;
  end: number;
  /** Length of each marker (2 for `**`, 1 for `*`): the content is [start + mark, end - mark). */
  mark: number;
  rend: Rend;
}

interface Marker {
  char: '*' | '_';
  mark: 1 | 2;
  rend: Rend;
  /** Whether a letter or digit may follow the closing marker (only after `**`). */
  letterAfter: boolean;
}

/** In the order they are applied. */
const MARKERS: readonly Marker[] = [
  { char: '*', mark: 2, rend: 'bold', letterAfter: true },
  { char: '_', mark: 2, rend: 'bold', letterAfter: false },
  { char: '*', mark: 1, rend: 'italic', letterAfter: false },
  { char: '_', mark: 1, rend: 'italic', letterAfter: false },
];

const LETTER_OR_DIGIT = /^[\p{L}\p{N}]$/u;
const SPACE = /^\s$/u;

/** The code point that ends at `offset` ('' at the start). */
function before(text: string, offset: number): string {
  if (offset <= 0) return '';
  const low = text.charCodeAt(offset - 1);
  if (low >= 0xdc00 && low <= 0xdfff && offset >= 2) {
    const high = text.charCodeAt(offset - 2);
    if (high >= 0xd800 && high <= 0xdbff) return text.slice(offset - 2, offset);
  }
  return text[offset - 1]!;
}

/** The code point that starts at `offset` ('' at the end). */
function at(text: string, offset: number): string {
  const cp = text.codePointAt(offset);
  return cp === undefined ? '' : String.fromCodePoint(cp);
}

function isRun(text: string, offset: number, m: Marker): boolean {
  return text[offset] === m.char && (m.mark === 1 || text[offset + 1] === m.char);
}

/** `(?<![\\C\p{L}\p{N}])CC(?=[^\s C])` at `p`: an opening marker. */
function opens(text: string, p: number, m: Marker): boolean {
  const prev = before(text, p);
  if (prev === '\\' || prev === m.char || LETTER_OR_DIGIT.test(prev) || !isRun(text, p, m)) return false;
  const first = text[p + m.mark];
  return first !== undefined && first !== m.char && !SPACE.test(first);
}

/** `[^\s C\\]CC(?!C)` (or `(?![C\p{L}\p{N}])`) with the markers at `c`: a closing marker. */
function closes(text: string, c: number, m: Marker): boolean {
  const last = text[c - 1];
  if (last === undefined || last === '\\' || last === m.char || SPACE.test(last) || !isRun(text, c, m)) return false;
  const next = at(text, c + m.mark);
  return next !== m.char && (m.letterAfter || !LETTER_OR_DIGIT.test(next));
}

/** The spans of one marker, left to right, as the regular expression above finds them (without overlaps). */
function matches(text: string, m: Marker): Emphasis[] {
  const found: Emphasis[] = [];
  // Double markers: content may hold the marker character, so the closer is the first closing marker far enough
  // on, found in the sorted list of them with a pointer that only moves forward.
  const closers: number[] = [];
  if (m.mark === 2) {
    for (let c = text.indexOf(m.char); c >= 0; c = text.indexOf(m.char, c + 1)) if (closes(text, c, m)) closers.push(c);
  }
  let k = 0;
  let newline = -1; // the first '\n' at or after the content's start, found again only once passed
  for (let p = text.indexOf(m.char); p >= 0; ) {
    if (!opens(text, p, m)) {
      p = text.indexOf(m.char, p + 1);
      continue;
    }
    const from = p + m.mark; // the content's first character
    let c: number;
    if (m.mark === 2) {
      while (k < closers.length && closers[k]! < from + 1) k++;
      c = k < closers.length ? closers[k]! : -1;
    } else {
      // Content holds no marker character: the next one closes the span, or nothing does.
      c = text.indexOf(m.char, from + 1);
      if (c >= 0 && !closes(text, c, m)) c = -1;
    }
    if (newline >= 0 && newline < from) newline = -1;
    if (newline < 0) {
      newline = text.indexOf('\n', from);
      if (newline < 0) newline = text.length;
    }
    if (c < 0 || newline < c) {
      p = text.indexOf(m.char, p + 1);
      continue;
    }
    found.push({ start: p, end: c + m.mark, mark: m.mark, rend: m.rend });
    p = text.indexOf(m.char, c + m.mark);
  }
  return found;
}

/**
 * Spans of `list` (sorted, disjoint) that overlap [start, end): found by binary search, so that a short range costs
 * the logarithm of the list and the spans it meets.
 */
function* overlapping(list: readonly Emphasis[], start: number, end: number): Generator<Emphasis> {
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (list[mid]!.end <= start) lo = mid + 1;
    else hi = mid;
  }
  for (let i = lo; i < list.length && list[i]!.start < end; i++) yield list[i]!;
}

function inContent(e: Emphasis, start: number, end: number): boolean {
  return e.start + e.mark <= start && end <= e.end - e.mark;
}

/** The emphasis of each marker kind, each list sorted and disjoint (pass them to `inMarkers`). */
export type EmphasisFound = readonly (readonly Emphasis[])[];

/** Every emphasis span of `text`, grouped by marker kind. */
export function findEmphasis(text: string): EmphasisFound {
  if (!/[*_]/.test(text)) return [];
  const kept: Emphasis[][] = [];
  for (const m of MARKERS) {
    const mine: Emphasis[] = [];
    for (const e of matches(text, m)) {
      // Dropped when it overlaps an earlier span other than by lying in its content or holding it in its own.
      const crosses = kept.some((list) => {
        for (const o of overlapping(list, e.start, e.end)) if (!inContent(o, e.start, e.end) && !inContent(e, o.start, o.end)) return true;
        return false;
      });
      if (!crosses) mine.push(e);
    }
    kept.push(mine);
  }
  return kept;
}

/** Whether [start, end) overlaps an emphasis marker (it overlaps a span without lying in its content). */
export function inMarkers(found: EmphasisFound, start: number, end: number): boolean {
  return found.some((list) => {
    for (const e of overlapping(list, start, end)) if (!inContent(e, start, end)) return true;
    return false;
  });
}

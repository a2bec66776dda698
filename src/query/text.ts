/**
 * Running text as the reader sees it: XML whitespace collapsed, words separated at block boundaries and line
 * breaks, and never glued across element boundaries that separate words. `ReadingText` keeps it in pieces, only as
 * much as a mention still waiting for its context needs, and fills in each mention's surface form and context.
 */
import { attr, childElements, type XmlElement } from '../xml/index.js';
import { isSpace } from '../xml/names.js';
import { APP_READING, CHOICE_READING, DELETION, DELETION_PARTNERS, WORD_BOUNDARY_ELEMENTS } from '../tei/index.js';
import { BREAKS, INLINE_ELEMENTS, NAME_PARTS, PRINTED_MARKS } from './kinds.js';

const WORD_BOUNDARIES: ReadonlySet<string> = new Set(WORD_BOUNDARY_ELEMENTS);

/** The child of a `choice` or `app` that is read (see `CHOICE_READING`, `APP_READING`), or undefined. */
function readingOf(parent: XmlElement): XmlElement | undefined {
  const kids = childElements(parent);
  if (parent.local === 'choice') {
    for (const forms of CHOICE_READING) {
      const hit = kids.find((k) => forms.includes(k.local));
      if (hit !== undefined) return hit;
    }
    return kids.find((k) => k.local === 'seg') ?? kids[0];
  }
  for (const name of APP_READING) {
    const hit = kids.find((k) => k.local === name);
    if (hit !== undefined) return hit;
  }
  return kids[0];
}

function adjacentElement(el: XmlElement, step: -1 | 1): XmlElement | undefined {
  const siblings = el.parent.children;
  for (let i = siblings.indexOf(el) + step; i >= 0 && i < siblings.length; i += step) {
    const s = siblings[i]!;
    if (s.type === 'element') return s;
    if (s.type === 'text' && s.value.trim() !== '') return undefined;
  }
  return undefined;
}

/** Whether which child of `local` is read depends on all its children (`choice`, `app`: see `readingOf`). */
export function choosesReading(local: string): boolean {
  return local === 'choice' || local === 'app';
}

/** Whether an element named `local` is a deletion, whose being read depends on its neighbours (`unreadDeletion`). */
export function isDeletion(local: string): boolean {
  return local === DELETION;
}

/**
 * Whether a deletion is not read, from its parent's name and the names of the elements next to it (`undefined`
 * where text that is not whitespace, or the parent's edge, comes first): a reader skips it inside `subst` or
 * beside its replacement (`add`).
 */
export function unreadDeletion(parent: string, previous: string | undefined, next: string | undefined): boolean {
  if (parent === 'subst') return true;
  return [previous, next].some((s) => s !== undefined && DELETION_PARTNERS.includes(s));
}

/**
 * Not read: the other alternatives of a `choice` or `app`, and a deletion whose replacement is there (inside
 * `subst`, or next to an `add`). A reader reads each passage once. The stream extraction (stream.ts) decides the
 * same with `choosesReading` and `unreadDeletion`, holding back those elements until their siblings are known.
 */
export function unread(el: XmlElement): boolean {
  const parent = el.parent;
  if (parent.type !== 'element') return false;
  if (choosesReading(parent.local)) return readingOf(parent) !== el;
  if (!isDeletion(el.local)) return false;
  if (parent.local === 'subst') return true;
  return unreadDeletion(parent.local, adjacentElement(el, -1)?.local, adjacentElement(el, 1)?.local);
}

/**
 * The runs of XML whitespace that collapsing changes: every run but a single space (replacing each single space
 * between words by itself made the replacement the most costly step of reading the running text).
 */
const COLLAPSIBLE = / [ \t\r\n]+|[\t\r\n][ \t\r\n]*/g;

/**
 * The end of `piece` with its whitespace collapsed, at least `chars` characters of it (all of it when shorter).
 * Collapsing is local (each run becomes one space), so the collapsed end of a piece is the end of the collapsed piece.
 */
function collapsedEnd(piece: string, chars: number): string {
  for (let from = piece.length - 4 * chars; ; from -= 4 * chars) {
    if (from <= 0) return piece.replace(COLLAPSIBLE, ' ');
    const end = piece.slice(from).replace(COLLAPSIBLE, ' ');
    if (end.length >= chars) return end;
  }
}

/** How an element's tags affect word separation, from its name: `'break'` for a milestone, which asks its `@break`. */
export function separationOf(local: string): boolean | 'break' {
  if (BREAKS.has(local)) return 'break';
  if (WORD_BOUNDARIES.has(local)) return true;
  if (NAME_PARTS.has(local)) return true;
  // Of alternatives (choice, app, subst) only one reading is read (`unread`), so their edges join words as the file does.
  return !INLINE_ELEMENTS.has(local);
}

/** How an element's tags affect word separation. */
function separatesWords(el: XmlElement): boolean {
  const separation = separationOf(el.local);
  return separation === 'break' ? attr(el, 'break') !== 'no' : separation;
}

/** `mark` from the element's name. */
export function markOf(local: string, side: 0 | 1): string | undefined {
  const marks = PRINTED_MARKS[local];
  const text = marks?.[side];
  return text === undefined || text === '' ? undefined : text;
}

/** The text of a subtree, whitespace normalised, with the same word separation as running text. */
export function plainText(root: XmlElement): string {
  const stream = new ReadingText(true);
  const stack: Array<{ el: XmlElement; i: number }> = [{ el: root, i: 0 }];
  while (stack.length > 0) {
    const top = stack[stack.length - 1]!;
    if (top.i >= top.el.children.length) {
      stack.pop();
      const close = stack.length > 0 ? markOf(top.el.local, 1) : undefined;
      if (close !== undefined) stream.text(close);
      if (stack.length > 0 && separatesWords(top.el)) stream.boundary();
      continue;
    }
    const node = top.el.children[top.i++]!;
    if (node.type === 'text') stream.text(node.value);
    else if (node.type === 'element') {
      if (unread(node)) continue;
      if (separatesWords(node)) stream.boundary();
      const open = markOf(node.local, 0);
      if (open !== undefined) stream.text(open);
      stack.push({ el: node, i: 0 });
    }
  }
  return stream.toString().trim();
}

const CONTEXT = 60;

/** About 60 code points before `start`, cut at a word boundary when that keeps at least 40. */
const SURROGATE = /[\uD800-\uDFFF]/;

/** The characters of a context window: code points, or the string itself when it has no surrogate (the same then). */
function codePointsOf(window: string): string | string[] {
  return SURROGATE.test(window) ? Array.from(window) : window;
}

function joined(chars: string | string[]): string {
  return typeof chars === 'string' ? chars : chars.join('');
}

export function leftContext(text: string, start: number): string {
  const window = codePointsOf(text.slice(Math.max(0, start - CONTEXT * 2 - 2), start));
  let chars = window.slice(-CONTEXT);
  const cutMidWord = window.length > CONTEXT && window[window.length - CONTEXT - 1] !== ' ' && chars[0] !== ' ';
  if (cutMidWord) {
    const space = chars.indexOf(' ');
    if (space >= 0 && chars.length - space > 40) chars = chars.slice(space + 1);
  }
  return joined(chars).trim();
}

export function rightContext(text: string, end: number): string {
  const window = codePointsOf(text.slice(end, end + CONTEXT * 2 + 2));
  let chars = window.slice(0, CONTEXT);
  const cutMidWord = window.length > CONTEXT && window[CONTEXT] !== ' ' && chars[chars.length - 1] !== ' ';
  if (cutMidWord) {
    const space = chars.lastIndexOf(' ');
    if (space > 40) chars = chars.slice(0, space);
  }
  return joined(chars).trim();
}

/** A place in the running text that a mention covers, filled in by `ReadingText`. */
export interface TextSpan {
  end: number;
  surface: string;
  left: string;
  right: string;
}

/** What a context needs of the text on each side (`leftContext`, `rightContext`). */
const KEEP = CONTEXT * 2 + 2;

/**
 * The running text of a whole document as mentions need it, keeping only the part still needed: the characters a
 * left context reads, those of mentions still open, and those after a mention until its right context is known.
 * So the memory of an extraction follows the longest mention, not the document (a 100 MB novel is about 60 MB of
 * text). The text stays in the pieces `text` writes (a mention starts and ends between two of them), joined
 * only where a mention reads them; surface and contexts are those `leftContext` and `rightContext` give on the
 * whole text.
 */
export class ReadingText {
  // One class for the running text and for `plainText`: code optimised for one kind of object is not thrown away
  // when the other kind comes.
  private readonly parts: string[] = [];
  /** Characters written, dropped pieces included. */
  length = 0;
  private pending = false;
  private endsWithSpace = true;
  /** Pieces dropped from the front of `parts`: piece `k` of the whole text is `parts[k - dropped]`. */
  private dropped = 0;
  /** Pieces where the mentions still open start (they nest, so the first is the lowest). */
  private readonly open: number[] = [];
  /** Closed mentions waiting for their right context, in the order of their ends, with the piece they end at. */
  private readonly waiting: Array<{ span: TextSpan; piece: number }> = [];
  private next = 0;
  /** The last piece stored as it came, its whitespace not collapsed yet (-1: none). */
  private lastRaw = -1;

  /** `whole`: keep all the text, for `toString` (no mention reads it). */
  constructor(private readonly whole = false) {}

  text(value: string): void {
    let from = 0;
    let to = value.length;
    while (from < to && isSpace(value.charCodeAt(from))) from++;
    // Indentation between elements is most text nodes of a pretty-printed file: one test, no new string.
    if (from === to) {
      if (to > 0) this.pending = true;
      return;
    }
    while (isSpace(value.charCodeAt(to - 1))) to--;
    if (from > 0) this.pending = true;
    let s = from > 0 || to < value.length ? value.slice(from, to) : value;
    // Text that no mention reads yet is stored as it is: most of a document is never part of a context, and the
    // text before a mention is collapsed when the mention starts (`settle`).
    const raw = !this.whole && this.open.length === 0 && this.next >= this.waiting.length;
    if (!raw) s = s.replace(COLLAPSIBLE, ' ');
    this.flush();
    if (raw) this.lastRaw = this.parts.length + this.dropped;
    this.length += s.length;
    this.append(s);
    this.endsWithSpace = false;
    this.pending = to < value.length;
  }

  /** Words on either side of this point are separate. */
  boundary(): void {
    this.pending = true;
  }

  /** Write a pending word separator now (before a mention starts, so that it belongs to the left context). */
  flush(): void {
    if (this.pending && !this.endsWithSpace && this.length > 0) {
      this.length += 1;
      this.append(' ');
      this.endsWithSpace = true;
    }
    this.pending = false;
  }

  toString(): string {
    return this.parts.join('');
  }

  /** Store `s` (already counted in `length`), and resolve the right contexts that now have their text. */
  private append(s: string): void {
    this.parts.push(s);
    if (this.whole) return;
    while (this.next < this.waiting.length && this.waiting[this.next]!.span.end + KEEP <= this.length) this.resolve(this.waiting[this.next++]!);
    // A long text without mentions is cut too.
    if (this.open.length === 0 && this.parts.length >= 65_536) this.cut();
  }

  /** A mention starts here (a pending word separator is written first, so it belongs to the left context). */
  startSpan(span: TextSpan): void {
    this.flush();
    const before = this.parts.slice(this.settle()).join('');
    span.left = leftContext(before, before.length);
    this.open.push(this.parts.length + this.dropped);
    if (this.open.length === 1) this.cut();
  }

  /** The mention started last ends here: its surface now, its right context when enough text follows. */
  endSpan(span: TextSpan): void {
    const from = this.open.pop()! - this.dropped;
    span.end = this.length;
    span.surface = this.parts.slice(from).join('').trim();
    this.waiting.push({ span, piece: this.parts.length + this.dropped });
  }

  /** The text has ended: the right contexts still waiting get what there is. */
  finish(): void {
    while (this.next < this.waiting.length) this.resolve(this.waiting[this.next++]!);
    this.waiting.length = 0;
    this.next = 0;
  }

  private resolve({ span, piece }: { span: TextSpan; piece: number }): void {
    let after = '';
    for (let k = piece - this.dropped; k < this.parts.length && after.length < KEEP; k++) after += this.parts[k]!;
    span.right = rightContext(after, 0);
  }

  /**
   * Collapse the whitespace of the last pieces, as many as hold the `KEEP` characters a left context reads; returns
   * the first of them. Of a long piece only its end is kept, collapsed: nothing reads the text before a left
   * context. (`length` keeps counting what was stored: positions are only compared across text written while a
   * mention waits for its context, which is collapsed as it comes.)
   */
  private settle(): number {
    let k = this.parts.length;
    for (let chars = 0; k > 0 && chars < KEEP; ) {
      const piece = this.parts[--k]!;
      if (k + this.dropped <= this.lastRaw) this.parts[k] = collapsedEnd(piece, KEEP - chars);
      chars += this.parts[k]!.length;
    }
    this.lastRaw = Math.min(this.lastRaw, k - 1 + this.dropped);
    return k;
  }

  /** Drop the pieces no mention will read again (before a new outermost mention, so once per mention at most). */
  private cut(): void {
    let keep = this.settle();
    if (this.next < this.waiting.length) keep = Math.min(keep, this.waiting[this.next]!.piece - this.dropped);
    if (keep < 4096) return;
    this.parts.splice(0, keep);
    this.dropped += keep;
    if (this.next > 0) {
      this.waiting.splice(0, this.next);
      this.next = 0;
    }
  }
}

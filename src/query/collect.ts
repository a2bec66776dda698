/**
 * What a mention row needs from a document, met element by element in document order: the elements that may be
 * mentions (with their surface form and context in the running text), the register entries, and the teiHeader.
 * Two drivers feed it the same calls: a walk over a parsed tree (`extractMentions`, extract.ts) and the event
 * stream of the tokenizer (`extractStream`, stream.ts), which keeps no tree of the document.
 */
import { attr, TEI_NS, type XmlElement } from '../xml/index.js';
import { ASIDE_ELEMENTS, DATE_ATTRIBUTES, DATE_ELEMENT_SET, ENTRY_ELEMENTS, NAME_ENTRIES, nameQueryKind, REGISTER_ELEMENTS } from './kinds.js';
import { entryKindOf } from './registers.js';
import { choosesReading, isDeletion, markOf, plainText, ReadingText, separationOf, type TextSpan } from './text.js';
import type { QueryKind } from './types.js';

/** An element that may be a mention, with its place in the reading text. */
export interface Candidate extends TextSpan {
  el: XmlElement;
  /** Null: an `rs`/`name` whose kind is that of the entry it points to. */
  kind: QueryKind | null;
  inHeader: boolean;
}

/**
 * What the collector (and the stream, stream.ts) asks of an element by its local name, worked out once per name
 * from the TEI facts of kinds.ts and text.ts: a file uses a few hundred names, and one lookup per element replaces
 * a dozen set lookups and string comparisons.
 */
export interface NameFacts {
  header: boolean;
  standOff: boolean;
  /** Whether it may be a register entry (`entryKindOf` decides, from its attributes and ancestors). */
  entry: boolean;
  register: boolean;
  aside: boolean;
  separation: boolean | 'break';
  open: string | undefined;
  close: string | undefined;
  /** The query kind its name states (`nameQueryKind` without a `@type`): null for `rs`/`name`, which ask their `@type`. */
  named: QueryKind | null | undefined;
  date: boolean;
  /** A `choice` or `app`, whose reading depends on all its children. */
  choice: boolean;
  deletion: boolean;
}

const facts = new Map<string, NameFacts>();

export function factsOf(local: string): NameFacts {
  let f = facts.get(local);
  if (f !== undefined) return f;
  // A hostile file may use millions of names: the table is a cache, not a record.
  if (facts.size >= 4096) facts.clear();
  f = {
    header: local === 'teiHeader',
    standOff: local === 'standOff',
    entry: ENTRY_ELEMENTS[local] !== undefined || NAME_ENTRIES[local] !== undefined,
    register: REGISTER_ELEMENTS.has(local),
    aside: ASIDE_ELEMENTS.has(local),
    separation: separationOf(local),
    open: markOf(local, 0),
    close: markOf(local, 1),
    named: nameQueryKind(local, undefined),
    date: DATE_ELEMENT_SET.has(local),
    choice: choosesReading(local),
    deletion: isDeletion(local),
  };
  facts.set(local, f);
  return f;
}

/** The query kind of a mention element (a name, or a date or time carrying a date attribute), else undefined. */
function classify(el: XmlElement, f: NameFacts): QueryKind | null | undefined {
  const named = f.named === null ? nameQueryKind(el.local, attr(el, 'type')) : f.named;
  if (named !== undefined) return named;
  if (f.date && DATE_ATTRIBUTES.some((a) => attr(el, a) !== undefined || attr(el, `${a}-iso`) !== undefined)) return 'dates';
  return undefined;
}

/** What the end of an element must undo, as bits. */
const SEPARATES = 1;
const HEADER = 2;
const REGISTER = 4;
const ASIDE = 8;

export class MentionCollector {
  readonly candidates: Candidate[] = [];
  /** The first teiHeader (its subtree is complete once the collector has left it). */
  header: XmlElement | undefined;
  private readonly text = new ReadingText();
  private headerDepth = 0;
  private registerDepth = 0;
  private asideDepth = 0;
  /** Per element entered and not yet left: its bits, its facts, and its candidate (or undefined). */
  private readonly bits: number[] = [];
  private readonly names: NameFacts[] = [];
  private readonly spans: Array<Candidate | undefined> = [];

  /** `entry` is called for every register entry, in document order, when its start tag is met. */
  constructor(private readonly entry: (el: XmlElement) => void) {}

  private get inText(): boolean {
    return this.headerDepth === 0 && this.registerDepth === 0 && this.asideDepth === 0;
  }

  /**
   * An element starts; `unread` says whether a reader skips it (see `unread` in text.ts). Returns whether the
   * collector reads the element's subtree when it ends (`plainText` of a mention outside the running text, a
   * register entry, the teiHeader, a `standOff`): a driver that keeps no tree keeps this one.
   */
  enter(el: XmlElement, unread: boolean, f: NameFacts = factsOf(el.local)): boolean {
    const tei = el.uri === TEI_NS || el.uri === '';
    let bits = 0;
    const isHeader = tei && f.header;
    if (isHeader) {
      this.headerDepth++;
      this.header ??= el;
      bits |= HEADER;
    }
    const found = tei && f.entry ? entryKindOf(el) : undefined;
    // A name that is an entry itself (FRUS's persons list) is a register, not a mention.
    const isRegister = tei && (f.register || found?.self === true);
    if (isRegister) {
      this.registerDepth++;
      bits |= REGISTER;
      if (found !== undefined) this.entry(el);
    }
    // Stand-off, ruby glosses, and the alternatives and deletions a reader does not read.
    if (tei && (f.aside || unread)) {
      this.asideDepth++;
      bits |= ASIDE;
    }
    const inText = this.inText;
    const separates = f.separation === 'break' ? attr(el, 'break') !== 'no' : f.separation;
    if (separates) {
      bits |= SEPARATES;
      if (inText) this.text.boundary();
    }
    let candidate: Candidate | undefined;
    if (this.registerDepth === 0 && tei) {
      const kind = classify(el, f);
      if (kind !== undefined) {
        candidate = { el, kind, inHeader: this.headerDepth > 0, end: 0, surface: '', left: '', right: '' };
        if (inText) this.text.startSpan(candidate);
        this.candidates.push(candidate);
      }
    }
    if (inText && f.open !== undefined) this.text.text(f.open);
    this.bits.push(bits);
    this.names.push(f);
    this.spans.push(candidate);
    return (candidate !== undefined && !inText) || isHeader || (isRegister && found !== undefined) || (tei && f.standOff);
  }

  /** Character data (of any element, whitespace included). */
  characters(value: string): void {
    if (this.inText) this.text.text(value);
  }

  /** The element entered last ends (its subtree is complete when `enter` asked for it). */
  leave(): void {
    const bits = this.bits.pop()!;
    const f = this.names.pop()!;
    const candidate = this.spans.pop();
    const inText = this.inText;
    if (inText && f.close !== undefined) this.text.text(f.close);
    if (candidate !== undefined) {
      if (inText) this.text.endSpan(candidate);
      else candidate.surface = plainText(candidate.el);
    }
    if (inText && (bits & SEPARATES) !== 0) this.text.boundary();
    if ((bits & HEADER) !== 0) this.headerDepth--;
    if ((bits & REGISTER) !== 0) this.registerDepth--;
    if ((bits & ASIDE) !== 0) this.asideDepth--;
  }

  /** The document has ended: right contexts still waiting take the text there is. */
  finish(): void {
    this.text.finish();
  }
}

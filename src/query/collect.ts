/**
 * What a mention row needs from a document, met element by element in document order: the elements that may be
 * mentions (with their surface form and context in the running text), the register entries, and the teiHeader.
 * Two drivers feed it the same calls: a walk over a parsed tree (`extractMentions`, extract.ts) and the event
 * stream of the tokenizer (`extractStream`, stream.ts), which keeps no tree of the document.
 */
import { attr, TEI_NS, type XmlElement } from '../xml/index.js';
import { ASIDE_ELEMENTS, DATE_ATTRIBUTES, DATE_ELEMENT_SET, nameQueryKind, REGISTER_ELEMENTS } from './kinds.js';
import { entryKindOf } from './registers.js';
import { mark, plainText, ReadingText, separatesWords, type TextSpan } from './text.js';
import type { QueryKind } from './types.js';

/** An element that may be a mention, with its place in the reading text. */
export interface Candidate extends TextSpan {
  el: XmlElement;
  /** Null: an `rs`/`name` whose kind is that of the entry it points to. */
  kind: QueryKind | null;
  inHeader: boolean;
  /** In running text (not header, register or stand-off): has context. */
  inText: boolean;
}

/** An element being read: what its end must undo. */
export interface Frame {
  el: XmlElement;
  separates: boolean;
  candidate: Candidate | undefined;
  header: boolean;
  register: boolean;
  aside: boolean;
  /**
   * Whether the collector reads the element's subtree when it ends (`plainText` of a mention outside the running
   * text, a register entry, the teiHeader, a `standOff`): a driver that keeps no tree keeps this one.
   */
  needsSubtree: boolean;
}

function isTei(el: XmlElement): boolean {
  return el.uri === TEI_NS || el.uri === '';
}

/** The query kind of a mention element (a name, or a date or time carrying a date attribute), else undefined. */
function classify(el: XmlElement): QueryKind | null | undefined {
  const named = nameQueryKind(el.local, attr(el, 'type'));
  if (named !== undefined) return named;
  if (DATE_ELEMENT_SET.has(el.local) && DATE_ATTRIBUTES.some((a) => attr(el, a) !== undefined || attr(el, `${a}-iso`) !== undefined)) return 'dates';
  return undefined;
}

export class MentionCollector {
  readonly candidates: Candidate[] = [];
  /** The first teiHeader (its subtree is complete once the collector has left it). */
  header: XmlElement | undefined;
  private readonly text = new ReadingText();
  private headerDepth = 0;
  private registerDepth = 0;
  private asideDepth = 0;

  /** `entry` is called for every register entry, in document order, when its start tag is met. */
  constructor(private readonly entry: (el: XmlElement) => void) {}

  private get inText(): boolean {
    return this.headerDepth === 0 && this.registerDepth === 0 && this.asideDepth === 0;
  }

  /** An element starts; `unread` says whether a reader skips it (see `unread` in text.ts). */
  enter(el: XmlElement, unread: boolean): Frame {
    const tei = isTei(el);
    const isHeader = tei && el.local === 'teiHeader';
    if (isHeader) {
      this.headerDepth++;
      this.header ??= el;
    }
    const found = tei ? entryKindOf(el) : undefined;
    // A name that is an entry itself (FRUS's persons list) is a register, not a mention.
    const isRegister = tei && (REGISTER_ELEMENTS.has(el.local) || found?.self === true);
    if (isRegister) {
      this.registerDepth++;
      if (found !== undefined) this.entry(el);
    }
    // Stand-off, ruby glosses, and the alternatives and deletions a reader does not read.
    const isAside = tei && (ASIDE_ELEMENTS.has(el.local) || unread);
    if (isAside) this.asideDepth++;
    const inText = this.inText;
    const separates = separatesWords(el);
    if (inText && separates) this.text.boundary();
    let candidate: Candidate | undefined;
    if (this.registerDepth === 0 && tei) {
      const kind = classify(el);
      if (kind !== undefined) {
        candidate = { el, kind, inHeader: this.headerDepth > 0, inText, start: 0, end: 0, surface: '', left: '', right: '' };
        if (inText) this.text.startSpan(candidate);
        this.candidates.push(candidate);
      }
    }
    if (inText) {
      const open = mark(el, 0);
      if (open !== undefined) this.text.text(open);
    }
    const needsSubtree = (candidate !== undefined && !inText) || isHeader || (isRegister && found !== undefined) || (tei && el.local === 'standOff');
    return { el, separates, candidate, header: isHeader, register: isRegister, aside: isAside, needsSubtree };
  }

  /** Character data (of any element, whitespace included). */
  characters(value: string): void {
    if (this.inText) this.text.text(value);
  }

  /** The element of `frame` ends (its subtree is complete when `frame.needsSubtree`). */
  leave(frame: Frame): void {
    const inText = this.inText;
    if (inText) {
      const close = mark(frame.el, 1);
      if (close !== undefined) this.text.text(close);
    }
    if (frame.candidate !== undefined) {
      if (inText) this.text.endSpan(frame.candidate);
      else frame.candidate.surface = plainText(frame.el);
    }
    if (inText && frame.separates) this.text.boundary();
    if (frame.header) this.headerDepth--;
    if (frame.register) this.registerDepth--;
    if (frame.aside) this.asideDepth--;
  }

  /** The document has ended: right contexts still waiting take the text there is. */
  finish(): void {
    this.text.finish();
  }
}

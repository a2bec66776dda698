/**
 * Extraction from the tokenizer's event stream (`teikit query` and `teikit index` read every file this way): one
 * pass, no tree of the document. The events go to the same `MentionCollector` as a walk over a tree does
 * (extract.ts), so the rows are the same; only what a row needs is kept as a tree, and only until it has been read:
 * - a register entry's subtree (its `idno`s and names), a mention's outside the running text (its `plainText`),
 *   the teiHeader (title and date) and `standOff` (a play's dates);
 * - a `choice` or `app`, held back until it ends: which child is read depends on all of them (`readingOf`);
 * - a `del`, held back until the element after it is known: beside an `add` it is not read (`unreadDeletion`).
 * Everything else is seen once and dropped, so memory follows the depth of the document and the longest mention.
 */
import type { Diagnostic } from '../diagnostics.js';
import type { Position, XmlDocument, XmlElement } from '../xml/index.js';
import type { XmlEventHandler, XmlStartTag } from '../xml/events.js';
import { streamTree } from '../xml/tokenizer.js';
import { add, appendText } from '../xml/parse.js';
import { factsOf, MentionCollector } from './collect.js';
import { resolveMentions, walkTree, type FileExtract } from './extract.js';
import { addEntry, emptyRegister, entryKindOf, type Register, type RegisterCache } from './registers.js';
import { unreadDeletion } from './text.js';

/** Text that is not whitespace, as `unread` sees it (`trim()` removes what `\s` matches), tested without a copy. */
const VISIBLE = /\S/;

/** An element held back until it is known whether a reader reads it. */
interface Held {
  el: XmlElement;
  /** The element before it among its siblings (see `unreadDeletion`). */
  previous: string | undefined;
}

/**
 * The handler of both readings: a document's mentions, and (`registerOnly`) the entries of a register file named
 * by a pointer, which is read in the middle of a document's extraction. One class for both, so that the
 * tokenizer's calls to its handler see one kind of object and its optimised code is kept.
 *
 * It keeps the open elements, linked to their parents (the TEI facts that look at ancestors need them), and the
 * subtrees asked for, built as the tree builder (`tryParseXml`) builds them.
 */
class ExtractStream implements XmlEventHandler {
  readonly doc: XmlDocument;
  readonly collector: MentionCollector;
  readonly register: Register = emptyRegister();
  private readonly open: XmlElement[] = [];
  /** Index in `open` of the outermost element whose subtree is being kept, or -1. */
  private keptFrom = -1;
  /** Per open element: the name of its last child element, unless text that is not whitespace came after it. */
  private readonly previous: Array<string | undefined> = [];
  private held: Held | undefined;
  /** A `del` that has ended, waiting for the element after it; the whitespace after it waits too. */
  private deletion: (Held & { texts: string[] }) | undefined;
  /** Register entries met, read when no subtree is open any more (then theirs is complete), in document order. */
  private readonly entries: XmlElement[] = [];

  constructor(private readonly file: string, private readonly registerOnly: boolean) {
    this.doc = { type: 'document', file, children: [], root: undefined as unknown as XmlElement, encoding: 'utf-8' };
    this.collector = new MentionCollector((el) => this.entries.push(el));
  }

  startElement(tag: XmlStartTag): void {
    // From `streamTree`, the tag has an element's fields: it is linked to its parent as an element.
    const el = tag as XmlStartTag & XmlElement;
    const parent = this.open.length > 0 ? this.open[this.open.length - 1]! : this.doc;
    el.parent = parent;
    if (parent === this.doc) this.doc.root = el;
    if (this.keptFrom >= 0) add(parent, el);
    this.open.push(el);
    if (this.registerOnly) {
      if (entryKindOf(el) === undefined) return;
      this.entries.push(el);
      this.keep();
      return;
    }
    const depth = this.open.length - 1;
    this.previous.push(undefined);
    if (this.held !== undefined) return;
    if (this.deletion !== undefined) this.release(el.local);
    const previous = depth > 0 ? this.previous[depth - 1] : undefined;
    if (depth > 0) this.previous[depth - 1] = el.local;
    const f = factsOf(el.local);
    let unread = false;
    if (f.choice) {
      this.hold({ el, previous });
      return;
    }
    if (f.deletion && parent.type === 'element') {
      // Not read inside `subst` or after an `add`; else it depends on what follows it.
      unread = unreadDeletion(parent.local, previous, undefined);
      if (!unread) {
        this.hold({ el, previous });
        return;
      }
    }
    if (this.collector.enter(el, unread, f)) this.keep();
  }

  text(value: string, position: Position, cdata: boolean): void {
    if (this.keptFrom >= 0) appendText(this.open[this.open.length - 1]!, value, position, cdata);
    if (this.registerOnly || this.held !== undefined) return;
    if (this.deletion !== undefined) {
      if (!VISIBLE.test(value)) {
        this.deletion.texts.push(value);
        return;
      }
      this.release(undefined);
    }
    const top = this.open.length - 1;
    if (this.previous[top] !== undefined && VISIBLE.test(value)) this.previous[top] = undefined;
    this.collector.characters(value);
  }

  endElement(): void {
    const el = this.open.pop()!;
    const complete = this.keptFrom === this.open.length;
    if (complete) this.keptFrom = -1;
    if (this.registerOnly) {
      if (!complete) return;
      for (const entry of this.entries) addEntry(this.register, entry, this.file);
      this.entries.length = 0;
      return;
    }
    if (this.held !== undefined) {
      if (this.held.el === el) {
        const held = this.held;
        this.held = undefined;
        if (factsOf(el.local).deletion) this.deletion = { ...held, texts: [] };
        else walkTree(el, this.collector, false);
      }
    } else {
      if (this.deletion !== undefined) this.release(undefined);
      this.collector.leave();
    }
    this.previous.pop();
    // The teiHeader and standOff stay children of `TEI`: the document's date reads both.
    if (complete && (el.local === 'teiHeader' || el.local === 'standOff') && el.parent.type === 'element') add(el.parent, el);
    this.readEntries();
  }

  /** Keep the subtree of the element just pushed (and of everything inside it). */
  private keep(): void {
    if (this.keptFrom < 0) this.keptFrom = this.open.length - 1;
  }

  /** Hold `held.el` back: keep its subtree, and give it to the collector when it is known whether it is read. */
  private hold(held: Held): void {
    this.held = held;
    this.keep();
  }

  /** The deletion waiting is followed by `next` (undefined: text or the parent's end): it is read or not. */
  private release(next: string | undefined): void {
    const { el, previous, texts } = this.deletion!;
    this.deletion = undefined;
    const parent = el.parent;
    walkTree(el, this.collector, parent.type === 'element' && unreadDeletion(parent.local, previous, next));
    for (const text of texts) this.collector.characters(text);
  }

  private readEntries(): void {
    if (this.entries.length === 0 || this.keptFrom >= 0 || this.held !== undefined || this.deletion !== undefined) return;
    for (const el of this.entries) addEntry(this.register, el, this.file);
    this.entries.length = 0;
  }

  finish(): void {
    this.collector.finish();
    this.readEntries();
  }
}

/**
 * Extract every mention of every kind from the XML `input` of `file` (an absolute path), as `extractMentions` does
 * from its tree; a file that is not well-formed gives its diagnostic instead.
 */
export function extractStream(input: string | Uint8Array, file: string, cache: RegisterCache): FileExtract | Diagnostic {
  const stream = new ExtractStream(file, false);
  const result = streamTree(input, stream, { file });
  if (!result.ok) return result.diagnostic;
  stream.finish();
  return resolveMentions(stream.collector, stream.register, file, cache);
}

/** The register entries of a register file (as `collectRegister` reads them from its tree), and its root element. */
export function streamRegister(input: Uint8Array, file: string): { ok: true; register: Register; root: XmlElement } | { ok: false; diagnostic: Diagnostic } {
  const stream = new ExtractStream(file, true);
  const result = streamTree(input, stream, { file });
  if (!result.ok) return result;
  return { ok: true, register: stream.register, root: stream.doc.root };
}

/**
 * `streamXml`: teikit's own XML 1.0 (Fifth Edition) tokenizer with Namespaces in XML 1.0 (Third Edition), checking
 * well-formedness and namespace constraints as it goes and reporting the first violation.
 *
 * Why our own: it reads the decoded text with native searches (`indexOf`) and slices instead of feeding one
 * character at a time through a state machine, so it runs several times faster than saxes, and it reads the DTD
 * (entities, attribute defaults) as a non-validating processor must (XML 1.0 section 5.1).
 *
 * Positions: line and column (1-based, column in Unicode code points) are computed from offsets by one cursor that
 * only moves forward, so the cost is one extra pass over the text at most. Line ends are normalised first (2.11).
 *
 * XML from outside is untrusted: no external entity is ever read; an external DTD only through
 * `options.externalDtd`; entity expansion is bounded (see dtd.ts).
 */
import type { Diagnostic } from '../diagnostics.js';
import { XML_NS, XMLNS_NS, type Position, type XmlAttribute, type XmlElement, type XmlNode } from './dom.js';
import { charRef, Dtd, normaliseLineEnds, predefined } from './dtd.js';
import type { StreamOptions, StreamResult, XmlEventHandler, XmlStartTag } from './events.js';
import { inputText, wf, XmlFail } from './input.js';
import { ASCII, codePoints, firstDisallowed, isSpace, scanName } from './names.js';

const LT = 0x3c;
const GT = 0x3e;
const AMP = 0x26;
const SLASH = 0x2f;
const BANG = 0x21;
const QUESTION = 0x3f;
const SEMI = 0x3b;
const HASH = 0x23;
const EQ = 0x3d;
const QUOT = 0x22;
const APOS = 0x27;

/** Parse `input`, calling `handler` for each event; returns the first well-formedness error as data. */
export function streamXml(input: string | Uint8Array, handler: XmlEventHandler, options: StreamOptions = {}): StreamResult {
  const file = options.file ?? '<input>';
  const decoded = inputText(input, file);
  if ('ruleId' in decoded) return { ok: false, diagnostic: decoded };
  const tokenizer = new Tokenizer(normaliseLineEnds(decoded.text), handler, options, false);
  const failure = tokenizer.run(file);
  return failure === undefined ? { ok: true, encoding: decoded.encoding } : { ok: false, diagnostic: failure };
}

/**
 * As `streamXml`, for the tree builder: each start tag is made with the fields of an `XmlElement` already in place
 * (`type`, `children`, `parent`, `end`), so the tree keeps the tag's object instead of copying it; a large
 * document's tree is mostly these objects, and every one fewer is less work for the garbage collector.
 */
export function streamTree(input: string | Uint8Array, handler: XmlEventHandler, options: StreamOptions = {}): StreamResult {
  const file = options.file ?? '<input>';
  const decoded = inputText(input, file);
  if ('ruleId' in decoded) return { ok: false, diagnostic: decoded };
  const failure = new Tokenizer(normaliseLineEnds(decoded.text), handler, options, true).run(file);
  return failure === undefined ? { ok: true, encoding: decoded.encoding } : { ok: false, diagnostic: failure };
}

/** What a name is to namespace processing (Namespaces in XML 1.0, sections 3 and 6). */
const PLAIN = 0;
/** `xmlns` or `xmlns:p`: a namespace declaration. */
const DECLARATION = 1;
/** `p:x` with `p` neither `xmlns` nor empty. */
const PREFIXED = 2;

/** A qualified name, split and checked once per distinct name (names repeat: a TEI file has a few hundred). */
interface QName {
  name: string;
  prefix: string;
  local: string;
  /** Namespaces in XML section 3: at most one colon, neither first nor last. */
  wellFormed: boolean;
  kind: number;
  hash: number;
  /**
   * The bindings this name's prefix was last resolved in, and the URI it got: elements share their parent's
   * bindings unless they declare some, so a name met again in the same scope is resolved without a lookup.
   */
  scope: Record<string, string> | undefined;
  uri: string;
  /** As an element's name: the names of its attributes in the order of the last start tag. */
  attributeOrder: QName[];
}

function splitName(raw: string, hash: number): QName {
  const colon = raw.indexOf(':');
  const local = colon < 0 ? raw : raw.slice(colon + 1);
  const prefix = colon < 0 ? '' : raw.slice(0, colon);
  const wellFormed = colon < 0 || (colon > 0 && local !== '' && local.indexOf(':') < 0);
  const kind = raw === 'xmlns' || prefix === 'xmlns' ? DECLARATION : colon < 0 ? PLAIN : PREFIXED;
  return { name: raw, prefix, local, wellFormed, kind, hash, scope: undefined, uri: '', attributeOrder: objects() };
}

/** Line and column of offsets, by a cursor that moves forward (backward moves restart from the line's start). */
class Positions {
  private offset = 0;
  /** The line of the offset last moved to. */
  line = 1;
  private lineStart = 0;
  /** Code points from `lineStart` to `offset`: the 0-based column of the offset last moved to. */
  column = 0;

  private nextLineEnd = -1;

  constructor(private readonly s: string, private readonly astral: boolean) {}

  private lineEnd(from: number): number {
    const nl = this.s.indexOf('\n', from);
    return nl < 0 ? this.s.length + 1 : nl;
  }

  /** Move to offset `k`: `line` and `column` are then its line and 0-based column in code points. */
  move(k: number): void {
    const s = this.s;
    if (k < this.offset) {
      if (k < this.lineStart) {
        this.offset = 0;
        this.line = 1;
        this.lineStart = 0;
        this.column = 0;
        this.nextLineEnd = -1;
      } else {
        this.offset = this.lineStart;
        this.column = 0;
      }
    }
    let from = this.offset;
    // The next line end is cached: searching from every position of a long line would be quadratic.
    if (this.nextLineEnd < from) this.nextLineEnd = this.lineEnd(from);
    while (this.nextLineEnd < k) {
      this.line++;
      from = this.lineStart = this.nextLineEnd + 1;
      this.column = 0;
      this.nextLineEnd = this.lineEnd(from);
    }
    this.column += this.astral ? codePoints(s, from, k) : k - from;
    this.offset = k;
  }

  /** The position of the character at offset `k`. */
  at(k: number): Position {
    this.move(k);
    return { line: this.line, column: this.column + 1 };
  }

  /** Where an error is reported when the parser has read up to offset `k`: at the last character read. */
  error(k: number): Position {
    this.move(k);
    return { line: this.line, column: Math.max(1, this.column) };
  }
}

/** The name table twice as large. */
function grow(table: Array<QName | undefined>): Array<QName | undefined> {
  const bigger = new Array<QName | undefined>(table.length * 2).fill(undefined);
  const mask = bigger.length - 1;
  for (const old of table) {
    if (old === undefined) continue;
    let k = old.hash & mask;
    while (bigger[k] !== undefined) k = (k + 1) & mask;
    bigger[k] = old;
  }
  return bigger;
}

/** `table` twice as large, its strings placed again by the hash `shared` computes. */
function rehash(table: Array<string | undefined>): Array<string | undefined> {
  const bigger = new Array<string | undefined>(table.length * 2).fill(undefined);
  const mask = bigger.length - 1;
  for (const value of table) {
    if (value === undefined) continue;
    let h = 0;
    for (let k = 0; k < value.length; k++) h = (Math.imul(h, 31) + value.charCodeAt(k)) & 0x3fffffff;
    let slot = h & mask;
    while (bigger[slot] !== undefined) slot = (slot + 1) & mask;
    bigger[slot] = value;
  }
  return bigger;
}

/** Whether `name` is written at `at` in `s`: a loop, cheaper than `startsWith` for the short names of markup. */
function sameAt(s: string, at: number, name: string): boolean {
  for (let i = 0; i < name.length; i++) if (s.charCodeAt(at + i) !== name.charCodeAt(i)) return false;
  return true;
}


/**
 * The children of an element of the tree until its first child or its end tag comes (parse.ts): most elements
 * have children, and their first array is made with the first child. Frozen: parse.ts replaces it at the end tag;
 * the subtrees src/query/stream.ts keeps for reading (and drops) may still hold it on empty elements.
 */
export const NO_CHILDREN: XmlNode[] = Object.freeze([]) as unknown as XmlNode[];

/**
 * An empty array that holds objects from the start: a new `[]` is an array of small integers to V8 until the first
 * object goes in, and code optimised for one kind of array is deoptimised by the other (a new one per document).
 */
function objects<T>(): T[] {
  const a: T[] = [null as T];
  a.pop();
  return a;
}

/** Not frozen: a frozen object has a map of its own, and the code reading bindings would see two kinds of object. */
const NO_BINDINGS: Record<string, string> = Object.create(null) as Record<string, string>;

class Tokenizer {
  private readonly s: string;
  /** The text ends early at its first character that is not allowed in XML; reaching that end reports it. */
  private readonly truncated: boolean;
  private readonly pos: Positions;
  private readonly scratch: Position = { line: 1, column: 1 };
  private readonly dtd: Dtd;
  /**
   * Distinct names, in an open-addressing table keyed by a hash computed while the name is scanned, so that a name
   * seen before costs no string at all (a `Map` would need the name sliced out first).
   */
  private table: Array<QName | undefined> = new Array<QName | undefined>(1024).fill(undefined);
  private tableCount = 0;
  /** Hash of the name `scanName` last read. */
  private hash = 0;
  /** The current start tag's attributes, reused from tag to tag. */
  private readonly attrNames: QName[] = objects();
  private readonly attrValues: string[] = objects();
  /** Offset after each attribute's closing quote: namespace errors are reported there. */
  private readonly attrEnds: number[] = [];
  private attrCount = 0;
  /** Offset of the current start tag's `>`. */
  private attrGt = 0;
  /** The attribute names of the current start tag once it has more than 16 (`duplicate`). */
  private seen = new Set<QName>();
  private readonly stack: XmlStartTag[] = objects();
  private sawRoot = false;
  private sawDoctype = false;
  /** Cached offsets of the next `&` and `]]>` (searching again from every text node would be quadratic). */
  private nextAmp = -1;
  private nextCdataEnd = -1;
  /** Short attribute values and texts, shared: tokenised TEI repeats the same `pos`, lemmas and words. */
  private strings: Array<string | undefined> = new Array<string | undefined>(256).fill(undefined);
  private stringCount = 0;

  constructor(
    text: string,
    private readonly handler: XmlEventHandler,
    options: StreamOptions,
    private readonly tree: boolean,
  ) {
    const { offset: bad, astral } = firstDisallowed(text);
    this.truncated = bad >= 0;
    this.s = bad >= 0 ? text.slice(0, bad) : text;
    this.pos = new Positions(this.s, astral);
    this.dtd = new Dtd(options);
  }

  /**
   * The position of a text, comment or PI at `k`. The tree builder copies its fields into the node, so for the
   * tree one object serves every event; a handler of `streamXml` may keep what it is given, and gets its own.
   */
  private place(k: number): Position {
    if (!this.tree) return this.pos.at(k);
    const pos = this.pos;
    pos.move(k);
    const place = this.scratch;
    place.line = pos.line;
    place.column = pos.column + 1;
    return place;
  }

  run(file: string): Diagnostic | undefined {
    try {
      this.document();
      return undefined;
    } catch (error) {
      if (!(error instanceof XmlFail)) throw error;
      const { line, column } = this.pos.error(Math.min(error.at, this.s.length + 1));
      return wf(file, line, column, error.message);
    }
  }

  private fail(message: string, at: number): never {
    if (at > this.s.length) this.eof(message);
    throw new XmlFail(message, at);
  }

  /** The text ended inside a construct: either it really ended, or a disallowed character cut it. */
  private eof(message: string): never {
    if (this.truncated) throw new XmlFail('disallowed character', this.s.length + 1);
    const top = this.stack[this.stack.length - 1];
    // Inside an open element the truncation is named by the element it leaves open, as saxes did.
    if (message === 'unexpected end' && top !== undefined) message = `unclosed tag: ${top.name}`;
    throw new XmlFail(message, this.s.length);
  }

  private document(): void {
    const s = this.s;
    const n = s.length;
    let i = 0;
    if (s.startsWith('<?xml', 0) && (isSpace(s.charCodeAt(5)) || s.charCodeAt(5) === QUESTION)) i = this.xmlDeclaration();
    while (i < n) i = this.tokens(i);
    const top = this.stack[this.stack.length - 1];
    if (top !== undefined) this.eof(`unclosed tag: ${top.name}`);
    if (!this.sawRoot) this.eof('document must contain a root element');
  }

  /**
   * Tokens from `i` until about 64 KB further. The loop over a document runs once per document, so the JIT would
   * optimise it late (and the first files of a batch would run mostly in the interpreter); a call per chunk is
   * optimised early, like the methods it calls.
   */
  private tokens(i: number): number {
    const s = this.s;
    const stop = Math.min(s.length, i + 65_536);
    while (i < stop) i = s.charCodeAt(i) === LT ? this.markup(i) : this.stack.length > 0 ? this.text(i) : this.outside(i);
    return i;
  }

  /** The markup starting with the `<` at `i`. */
  private markup(i: number): number {
    const s = this.s;
    const c = s.charCodeAt(i + 1);
    if (c === SLASH) return this.endTag(i);
    if (c === BANG) {
      if (s.startsWith('<!--', i)) return this.comment(i);
      if (s.startsWith('<![CDATA[', i)) return this.cdata(i);
      if (s.startsWith('<!DOCTYPE', i)) return this.doctype(i);
      this.fail('incorrect syntax', i + 2);
    }
    if (c === QUESTION) return this.processingInstruction(i);
    return this.startTag(i);
  }

  /** Outside the root element only whitespace may appear between markup (section 2.8 `Misc`). */
  private outside(i: number): number {
    const s = this.s;
    const n = s.length;
    while (i < n && isSpace(s.charCodeAt(i))) i++;
    if (i < n && s.charCodeAt(i) !== LT) {
      // Reported where the text ends (the next `<` or the end of the file), as saxes did.
      const lt = s.indexOf('<', i);
      this.fail('text data outside of root node', lt < 0 ? n : lt + 1);
    }
    return i;
  }

  /** Character data up to the next `<` (section 2.4), references expanded (4.4.2, 4.6). */
  private text(i: number): number {
    const s = this.s;
    let lt = s.indexOf('<', i);
    if (lt < 0) lt = s.length;
    if (this.nextCdataEnd < i) {
      this.nextCdataEnd = s.indexOf(']]>', i);
      if (this.nextCdataEnd < 0) this.nextCdataEnd = s.length;
    }
    if (this.nextCdataEnd < lt) this.fail('the string "]]>" is disallowed in char data', this.nextCdataEnd + 3);
    if (this.nextAmp < i) {
      this.nextAmp = s.indexOf('&', i);
      if (this.nextAmp < 0) this.nextAmp = s.length;
    }
    const value = this.nextAmp < lt ? this.textWithReferences(i, lt) : this.shared(i, lt);
    this.handler.text(value, this.place(i), false);
    return lt;
  }

  private textWithReferences(i: number, lt: number): string {
    const s = this.s;
    // `+` joins strings without copying them (V8 makes a rope, flattened once when it is read).
    let value = '';
    let k = i;
    let amp = this.nextAmp;
    while (amp < lt) {
      if (amp > k) value += s.slice(k, amp);
      const semi = this.referenceEnd(amp);
      value += this.reference(amp, semi, false);
      k = semi + 1;
      amp = s.indexOf('&', k);
      if (amp < 0) amp = s.length;
    }
    this.nextAmp = amp;
    return k < lt ? value + s.slice(k, lt) : value;
  }

  /** The `;` ending the reference at `amp` (EntityRef or CharRef, section 4.1). */
  private referenceEnd(amp: number): number {
    const s = this.s;
    if (s.charCodeAt(amp + 1) === HASH) {
      let k = amp + 2;
      while (k < s.length && k < amp + 12 && s.charCodeAt(k) !== SEMI) k++;
      if (s.charCodeAt(k) !== SEMI) this.fail('malformed character entity', k + 1);
      return k;
    }
    const end = scanName(s, amp + 1, s.length);
    if (end === amp + 1) this.fail('disallowed character in entity name', amp + 2);
    if (end >= s.length) this.eof('unexpected end');
    if (s.charCodeAt(end) !== SEMI) this.fail('disallowed character in entity name', end + 1);
    return end;
  }

  private reference(amp: number, semi: number, inAttribute: boolean): string {
    const s = this.s;
    if (s.charCodeAt(amp + 1) === HASH) {
      const cp = charRef(s.slice(amp + 2, semi));
      if (cp === undefined) this.fail('malformed character entity', semi + 1);
      return String.fromCodePoint(cp);
    }
    const name = s.slice(amp + 1, semi);
    const value = predefined(name);
    if (value !== undefined) return value;
    const fail = (message: string): never => this.fail(message, semi + 1);
    return inAttribute ? this.dtd.attributeEntity(name, semi + 1, fail) : this.dtd.textEntity(name, semi + 1, fail);
  }

  /**
   * `s[start, end)`; in a tree, a short one is shared with the same text met before. The table is keyed by a hash
   * of the code units, so a text seen before is found without making a string first.
   */
  private shared(start: number, end: number): string {
    const s = this.s;
    if (!this.tree || end - start > 12) return s.slice(start, end);
    let h = 0;
    for (let k = start; k < end; k++) h = (Math.imul(h, 31) + s.charCodeAt(k)) & 0x3fffffff;
    const table = this.strings;
    const mask = table.length - 1;
    let slot = h & mask;
    for (let known = table[slot]; known !== undefined; known = table[slot]) {
      if (known.length === end - start && sameAt(s, start, known)) return known;
      slot = (slot + 1) & mask;
    }
    const value = s.slice(start, end);
    if (this.stringCount < 65_536) {
      table[slot] = value;
      if (++this.stringCount * 2 > table.length) this.strings = rehash(table);
    }
    return value;
  }

  /** `scanName`, leaving the name's hash in `this.hash`. */
  private name(i: number): number {
    const s = this.s;
    const n = s.length;
    let h = 0;
    let k = i;
    while (k < n) {
      const c = s.charCodeAt(k);
      if (c >= 0x80 || (ASCII[c]! & (k === i ? 1 : 2)) === 0) break;
      // 30 bits, so that the hash is always a small integer to V8 (a wider one would be boxed, and deoptimise).
      h = (Math.imul(h, 31) + c) & 0x3fffffff;
      k++;
    }
    if (k < n && s.charCodeAt(k) >= 0x80) {
      const end = scanName(s, i, n);
      for (; k < end; k++) h = (Math.imul(h, 31) + s.charCodeAt(k)) & 0x3fffffff;
    }
    this.hash = h;
    return k;
  }

  /** The name `s[start, end)` just read by `name()`. */
  private qname(start: number, end: number): QName {
    const s = this.s;
    const length = end - start;
    const table = this.table;
    const mask = table.length - 1;
    let slot = this.hash & mask;
    for (let q = table[slot]; q !== undefined; q = table[slot]) {
      if (q.name.length === length && sameAt(s, start, q.name)) return q;
      slot = (slot + 1) & mask;
    }
    const q = splitName(s.slice(start, end), this.hash);
    table[slot] = q;
    if (++this.tableCount * 2 > table.length) this.table = grow(table);
    return q;
  }

  /** STag or EmptyElemTag (section 3.1), then namespace processing (Namespaces in XML sections 3-6). */
  private startTag(lt: number): number {
    const s = this.s;
    const n = s.length;
    const nameEnd = this.name(lt + 1);
    if (nameEnd === lt + 1) {
      if (lt + 1 >= n) this.eof('unexpected end');
      this.fail('disallowed character in tag name', lt + 2);
    }
    if (this.stack.length === 0 && this.sawRoot) this.fail('documents may contain only one root', nameEnd + 1);
    const q = this.qname(lt + 1, nameEnd);
    const names = this.attrNames;
    const values = this.attrValues;
    const ends = this.attrEnds;
    let count = 0;
    let duplicate: string | undefined;
    let k = nameEnd;
    let selfClosing = false;
    for (;;) {
      const before = k;
      while (k < n && isSpace(s.charCodeAt(k))) k++;
      if (k >= n) this.eof('unexpected end');
      const c = s.charCodeAt(k);
      if (c === GT) break;
      if (c === SLASH) {
        if (k + 1 >= n) this.eof('unexpected end');
        if (s.charCodeAt(k + 1) !== GT) this.fail('forward-slash in opening tag not followed by >', k + 2);
        selfClosing = true;
        k++;
        break;
      }
      if (k === before) this.fail(before === nameEnd ? 'disallowed character in tag name' : 'no whitespace between attributes', k + 1);
      // An element's attributes mostly come in the order they came last time: the name expected here is compared
      // in place, and only another one is scanned, hashed and looked up.
      const order = q.attributeOrder;
      let aq = count < order.length ? order[count]! : undefined;
      let attrEnd = aq === undefined ? k : k + aq.name.length;
      const after = s.charCodeAt(attrEnd);
      if (aq === undefined || !(after < 0x80 && (ASCII[after]! & 2) === 0) || !sameAt(s, k, aq.name)) {
        attrEnd = this.name(k);
        if (attrEnd === k) this.fail('disallowed character in attribute name', k + 1);
        aq = this.qname(k, attrEnd);
        order[count] = aq;
      }
      k = attrEnd;
      while (k < n && isSpace(s.charCodeAt(k))) k++;
      if (s.charCodeAt(k) !== EQ) {
        if (k >= n) this.eof('unexpected end');
        this.fail('attribute without value', k + 1);
      }
      k++;
      while (k < n && isSpace(s.charCodeAt(k))) k++;
      const quote = s.charCodeAt(k);
      if (quote !== QUOT && quote !== APOS) {
        if (k >= n) this.eof('unexpected end');
        this.fail('unquoted attribute value', k + 1);
      }
      // The common value has no reference, no `<` and no whitespace to normalise: found in one pass, and sliced.
      let close = k + 1;
      for (; close < n; close++) {
        const c = s.charCodeAt(close);
        if (c === quote) break;
        if (c === AMP || c === LT || c === 0x09 || c === 0x0a) {
          close = n;
          break;
        }
      }
      let value: string;
      if (close < n) value = this.shared(k + 1, close);
      else {
        close = this.valueEnd(k, quote);
        value = this.attributeValue(k + 1, close);
      }
      // Recorded, and reported at the end of the tag: an error inside a later value is reported first.
      if (count > 0) duplicate ??= this.duplicate(aq, count);
      names[count] = aq;
      values[count] = value;
      ends[count] = close + 1;
      count++;
      k = close + 1;
    }
    const gt = k;
    if (duplicate !== undefined) this.fail(`duplicate attribute: ${duplicate}`, gt + 1);
    this.attrCount = count;
    this.attrGt = gt;
    if (this.dtd.hasAttlists) this.defaults(q.name);
    const tag = this.bind(q, gt, lt, selfClosing);
    this.sawRoot = true;
    this.handler.startElement(tag);
    if (selfClosing) this.handler.endElement(tag, tag.tagEnd);
    else this.stack.push(tag);
    return gt + 1;
  }

  /** The quote closing the attribute value opened at `k`. */
  private valueEnd(k: number, quote: number): number {
    const s = this.s;
    const close = s.indexOf(quote === QUOT ? '"' : "'", k + 1);
    if (close < 0) {
      const lt = s.indexOf('<', k + 1);
      if (lt >= 0) this.fail('disallowed character in attribute value', lt + 1);
      this.eof('unexpected end');
    }
    return close;
  }

  /**
   * `duplicate attribute: NAME` when `aq` is among the `count` attributes before it. Names are interned, so a name
   * seen before is the same object. A few attributes are compared directly; past that a set keeps the check linear
   * (an element may carry 10^6 attributes).
   */
  private duplicate(aq: QName, count: number): string | undefined {
    const names = this.attrNames;
    if (count < 16) {
      for (let a = 0; a < count; a++) if (names[a] === aq) return aq.name;
      return undefined;
    }
    if (count === 16) this.seen = new Set(names.slice(0, count));
    if (this.seen.has(aq)) return aq.name;
    this.seen.add(aq);
    return undefined;
  }

  /** AttValue (2.3) normalised as 3.3.3 says for CDATA: references expanded, whitespace characters become spaces. */
  private attributeValue(start: number, end: number): string {
    const s = this.s;
    let k = start;
    for (; k < end; k++) {
      const c = s.charCodeAt(k);
      if (c === AMP || c === LT || c === 0x09 || c === 0x0a) break;
    }
    if (k === end) return this.shared(start, end);
    let out = s.slice(start, k);
    let from = k;
    for (; k < end; k++) {
      const c = s.charCodeAt(k);
      if (c === LT) this.fail('disallowed character in attribute value', k + 1);
      if (c === 0x09 || c === 0x0a) {
        out += s.slice(from, k) + ' ';
        from = k + 1;
      } else if (c === AMP) {
        const semi = this.referenceEnd(k);
        if (semi >= end) this.fail('disallowed character in entity name', end + 1);
        out += s.slice(from, k) + this.reference(k, semi, true);
        k = semi;
        from = semi + 1;
      }
    }
    return out + s.slice(from, end);
  }

  /** Attribute defaults and tokenized-type normalisation from the DTD's ATTLIST declarations (3.3.2, 3.3.3). */
  private defaults(element: string): void {
    const declared = this.dtd.attlists.get(element);
    if (declared === undefined) return;
    const names = this.attrNames;
    const values = this.attrValues;
    const count = this.attrCount;
    for (let a = 0; a < count; a++) {
      const decl = declared.get(names[a]!.name);
      if (decl?.tokenized === true) values[a] = values[a]!.replace(/ {2,}/g, ' ').replace(/^ | $/g, '');
    }
    let added = count;
    for (const decl of declared.values()) {
      if (decl.value === undefined) continue;
      let present = false;
      for (let a = 0; a < count; a++) if (names[a]!.name === decl.name) present = true;
      if (present) continue;
      names[added] = splitName(decl.name, 0);
      values[added] = decl.value;
      this.attrEnds[added] = -1;
      added++;
    }
    this.attrCount = added;
  }

  /** Namespace declarations, then element and attribute names resolved (Namespaces in XML 1.0, sections 3-6). */
  private bind(q: QName, gt: number, lt: number, selfClosing: boolean): XmlStartTag {
    const names = this.attrNames;
    const values = this.attrValues;
    const ends = this.attrEnds;
    const count = this.attrCount;
    // The depth is tested first: reading past the end of an array deoptimises the code that does it.
    const depth = this.stack.length;
    const ns = this.declare(depth === 0 ? NO_BINDINGS : this.stack[depth - 1]!.ns);
    const at = gt + 1;
    if (!q.wellFormed) this.fail(`malformed name: ${q.name}`, at);
    if (q.kind === DECLARATION && q.prefix === 'xmlns') this.fail('tags may not have "xmlns" as prefix', at);
    const uri = q.scope === ns ? q.uri : this.resolveName(q, ns, at);
    const attributes: XmlAttribute[] = new Array<XmlAttribute>(count);
    let prefixed = 0;
    for (let a = 0; a < count; a++) {
      const aq = names[a]!;
      let attrUri = '';
      if (aq.kind === DECLARATION) attrUri = XMLNS_NS;
      else if (aq.kind === PREFIXED) {
        if (!aq.wellFormed) this.fail(`malformed name: ${aq.name}`, ends[a]! >= 0 ? ends[a]! : at);
        attrUri = aq.scope === ns ? aq.uri : this.resolveName(aq, ns, at);
        prefixed++;
      }
      attributes[a] = { name: aq.name, prefix: aq.prefix, local: aq.local, uri: attrUri, value: values[a]! };
    }
    // Two prefixed attributes may have the same expanded name (an unprefixed one has no namespace, and a prefix
    // cannot be bound to none).
    if (prefixed > 1) this.expandedDuplicates(attributes, at);
    const pos = this.pos;
    pos.move(lt);
    const line = pos.line;
    const column = pos.column + 1;
    const tagEnd = pos.at(gt);
    if (this.tree) {
      const element: XmlElement & XmlStartTag = {
        type: 'element',
        name: q.name,
        prefix: q.prefix,
        local: q.local,
        uri,
        attributes,
        children: NO_CHILDREN,
        parent: undefined as unknown as XmlElement,
        line,
        column,
        tagEnd,
        end: tagEnd,
        ns,
        selfClosing,
      };
      return element;
    }
    return { name: q.name, prefix: q.prefix, local: q.local, uri, attributes, ns, line, column, tagEnd, selfClosing };
  }

  /** Two attributes with the same expanded name through different prefixes (Namespaces in XML 1.0, 6.3). */
  private expandedDuplicates(attributes: XmlAttribute[], at: number): void {
    // Keyed by expanded name, so that the check stays linear in the number of attributes.
    const expanded = new Set<string>();
    for (const y of attributes) if (y.uri !== XMLNS_NS) expanded.add(`${y.uri}\u0000${y.local}`);
    if (expanded.size === attributes.filter((y) => y.uri !== XMLNS_NS).length) return;
    for (let a = 0; a < attributes.length; a++) {
      const x = attributes[a]!;
      if (x.prefix === '' || x.uri === XMLNS_NS) continue;
      if (attributes.some((y, b) => b !== a && y.uri === x.uri && y.local === x.local)) this.fail(`duplicate attribute: {${x.uri}}${x.local}`, at);
    }
  }

  /** The bindings in scope after the current tag's namespace declarations: `inherited` itself when it has none. */
  private declare(inherited: Record<string, string>): Record<string, string> {
    const names = this.attrNames;
    const count = this.attrCount;
    let a = 0;
    while (a < count && names[a]!.kind !== DECLARATION) a++;
    if (a === count) return inherited;
    const values = this.attrValues;
    const ends = this.attrEnds;
    const at = this.attrGt + 1;
    let ns = inherited;
    for (; a < count; a++) {
      const aq = names[a]!;
      if (aq.kind !== DECLARATION) continue;
      const prefix = aq.prefix === '' ? '' : aq.local;
      const declAt = ends[a]! >= 0 ? ends[a]! : at;
      if (!aq.wellFormed) this.fail(`malformed name: ${aq.name}`, declAt);
      const uri = values[a]!.trim();
      if (prefix !== '' && uri === '') this.fail('invalid attempt to undefine prefix in XML 1.0', declAt);
      this.checkBinding(prefix, uri, declAt);
      if (ns === inherited) ns = Object.assign(Object.create(null) as Record<string, string>, inherited);
      ns[prefix] = uri;
    }
    return ns;
  }

  /** The URI of `q`'s prefix in `ns`, remembered in `q` for the next element in the same scope. */
  private resolveName(q: QName, ns: Record<string, string>, at: number): string {
    const uri = this.resolve(q.prefix, ns, at);
    q.scope = ns;
    q.uri = uri;
    return uri;
  }

  private resolve(prefix: string, ns: Record<string, string>, at: number): string {
    if (prefix === '') return ns[''] ?? '';
    if (prefix === 'xml') return XML_NS;
    const uri = ns[prefix];
    if (uri === undefined) this.fail(`unbound namespace prefix: ${JSON.stringify(prefix)}`, at);
    return uri;
  }

  /** The reserved prefixes and names (Namespaces in XML 1.0, section 3, "Reserved Prefixes and Namespace Names"). */
  private checkBinding(prefix: string, uri: string, at: number): void {
    if (prefix === 'xml' && uri !== XML_NS) this.fail(`xml prefix must be bound to ${XML_NS}`, at);
    if (prefix === 'xmlns') this.fail(`xmlns prefix must be bound to ${XMLNS_NS}`, at);
    if (uri === XMLNS_NS) {
      this.fail(prefix === '' ? `the default namespace may not be set to ${uri}` : `may not assign a prefix (even "xmlns") to the URI ${XMLNS_NS}`, at);
    }
    if (uri === XML_NS && prefix !== 'xml') {
      this.fail(prefix === '' ? `the default namespace may not be set to ${uri}` : 'may not assign the xml namespace to another prefix', at);
    }
  }

  /** ETag (3.1): `</name S?>`, matching the innermost open element. */
  private endTag(lt: number): number {
    const s = this.s;
    const top = this.stack[this.stack.length - 1];
    // The common case, `</name>` closing the innermost element, compared in place; anything else goes the long way.
    if (top !== undefined) {
      const name = top.name;
      const gt = lt + 2 + name.length;
      if (s.charCodeAt(gt) === GT && sameAt(s, lt + 2, name)) {
        this.stack.pop();
        this.handler.endElement(top, this.pos.at(gt));
        return gt + 1;
      }
    }
    return this.endTagChecked(lt);
  }

  private endTagChecked(lt: number): number {
    const s = this.s;
    const n = s.length;
    const nameEnd = scanName(s, lt + 2, n);
    let k = nameEnd;
    while (k < n && isSpace(s.charCodeAt(k))) k++;
    if (k >= n) this.eof('unexpected end');
    if (s.charCodeAt(k) !== GT) this.fail('disallowed character in closing tag', k + 1);
    if (nameEnd === lt + 2) this.fail('weird empty close tag', k + 1);
    const top = this.stack[this.stack.length - 1];
    if (top === undefined) this.fail(`unmatched closing tag: ${s.slice(lt + 2, nameEnd)}`, k + 1);
    if (nameEnd - lt - 2 !== top.name.length || !sameAt(s, lt + 2, top.name)) this.fail('unexpected close tag', k + 1);
    this.stack.pop();
    this.handler.endElement(top, this.pos.at(k));
    return k + 1;
  }

  /** Comment (2.5): `--` may not occur inside, so `--->` is malformed. */
  private comment(lt: number): number {
    const s = this.s;
    const close = s.indexOf('--', lt + 4);
    if (close < 0) this.eof('unexpected end');
    if (close + 2 >= s.length) this.eof('unexpected end');
    if (s.charCodeAt(close + 2) !== GT) this.fail('malformed comment', close + 3);
    if (this.handler.comment !== undefined) this.handler.comment(s.slice(lt + 4, close), this.place(lt));
    return close + 3;
  }

  /** CDSect (2.7), allowed only in element content. */
  private cdata(lt: number): number {
    const s = this.s;
    if (this.stack.length === 0) this.fail('text data outside of root node', lt + 9);
    const close = s.indexOf(']]>', lt + 9);
    if (close < 0) this.eof('unexpected end');
    this.handler.text(s.slice(lt + 9, close), this.place(lt), true);
    return close + 3;
  }

  /** PI (2.6): a target that is a Name without a colon (Namespaces, section 7), never `xml` in any case. */
  private processingInstruction(lt: number): number {
    const s = this.s;
    const n = s.length;
    const nameEnd = scanName(s, lt + 2, n);
    if (nameEnd === lt + 2) {
      if (lt + 2 >= n) this.eof('unexpected end');
      this.fail('processing instruction without a target', lt + 3);
    }
    const target = s.slice(lt + 2, nameEnd);
    if (target === 'xml') this.fail('an XML declaration must be at the start of the document', nameEnd + 1);
    if (target.toLowerCase() === 'xml') this.fail(`the processing instruction target "${target}" is reserved`, nameEnd + 1);
    if (target.indexOf(':') >= 0) this.fail('disallowed character in processing instruction name', nameEnd);
    const close = s.indexOf('?>', nameEnd);
    if (close < 0) this.eof('unexpected end');
    let k = nameEnd;
    if (close > k && !isSpace(s.charCodeAt(k))) this.fail('disallowed character in processing instruction name', k + 1);
    while (k < close && isSpace(s.charCodeAt(k))) k++;
    this.handler.processingInstruction?.(target, s.slice(k, close), this.place(lt));
    return close + 2;
  }

  /** XMLDecl (2.8): version, then optional encoding and standalone, in that order. */
  private xmlDeclaration(): number {
    const s = this.s;
    const close = s.indexOf('?>', 5);
    if (close < 0) this.eof('XML declaration is incomplete');
    const body = s.slice(5, close);
    const m = /^\s+version\s*=\s*(?:"([^"]*)"|'([^']*)')(\s+encoding\s*=\s*(?:"([^"]*)"|'([^']*)'))?(\s+standalone\s*=\s*(?:"([^"]*)"|'([^']*)'))?\s*$/.exec(body);
    if (m === null) {
      if (!/^\s+version\s*=/.test(body)) this.fail('XML declaration must contain a version', close + 2);
      this.fail('malformed XML declaration', close + 2);
    }
    const version = m[1] ?? m[2]!;
    if (!/^1\.[0-9]+$/.test(version)) this.fail('version number must match /^1\\.[0-9]+$/', close + 2);
    const encoding = m[4] ?? m[5];
    if (m[3] !== undefined && !/^[A-Za-z][A-Za-z0-9._-]*$/.test(encoding!)) this.fail(`malformed encoding name "${encoding}"`, close + 2);
    const standalone = m[7] ?? m[8];
    if (m[6] !== undefined && standalone !== 'yes' && standalone !== 'no') this.fail('standalone must be "yes" or "no"', close + 2);
    return close + 2;
  }

  /** doctypedecl (2.8): `<!DOCTYPE name ExternalID? [internal subset]? >`; declarations read by the DTD. */
  private doctype(lt: number): number {
    const s = this.s;
    const n = s.length;
    if (this.sawRoot || this.sawDoctype) this.fail('inappropriately located doctype declaration', lt + 9);
    this.sawDoctype = true;
    let k = lt + 9;
    const space = (): void => {
      if (k >= n) this.eof('unexpected end');
      if (!isSpace(s.charCodeAt(k))) this.fail('whitespace required', k + 1);
      while (k < n && isSpace(s.charCodeAt(k))) k++;
    };
    const literal = (): string => {
      const q = s.charCodeAt(k);
      if (q !== QUOT && q !== APOS) this.fail('expected a quoted value', k + 1);
      const close = s.indexOf(q === QUOT ? '"' : "'", k + 1);
      if (close < 0) this.eof('unexpected end');
      const value = s.slice(k + 1, close);
      k = close + 1;
      return value;
    };
    space();
    const nameEnd = scanName(s, k, n);
    if (nameEnd === k) this.fail('disallowed character in the DOCTYPE name', k + 1);
    k = nameEnd;
    let systemId: string | undefined;
    let publicId: string | undefined;
    const afterName = k;
    while (k < n && isSpace(s.charCodeAt(k))) k++;
    if (s.startsWith('SYSTEM', k) || s.startsWith('PUBLIC', k)) {
      if (k === afterName) this.fail('whitespace required', k + 1);
      const isPublic = s.startsWith('PUBLIC', k);
      k += 6;
      space();
      if (isPublic) {
        publicId = literal();
        if (!/^[-\x20\x0d\x0a a-zA-Z0-9'()+,./:=?;!*#@$_%]*$/.test(publicId)) this.fail('disallowed character in the public identifier', k);
        space();
      }
      systemId = literal();
      while (k < n && isSpace(s.charCodeAt(k))) k++;
    }
    if (s.charCodeAt(k) === 0x5b /* [ */) {
      k = this.dtd.readInternal(s, k + 1) + 1;
      while (k < n && isSpace(s.charCodeAt(k))) k++;
    }
    if (k >= n) this.eof('unexpected end');
    if (s.charCodeAt(k) !== GT) this.fail('malformed DOCTYPE declaration', k + 1);
    this.handler.doctype?.(s.slice(lt + 9, k), this.pos.at(lt));
    // The internal subset is read first, so its declarations take precedence (2.8).
    if (systemId !== undefined) this.dtd.readExternal(systemId, publicId, k + 1);
    return k + 1;
  }
}

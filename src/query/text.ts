/**
 * Running text as the reader sees it: one string per document with XML whitespace collapsed, words separated at
 * block boundaries and line breaks, and never glued across element boundaries that separate words. Mentions
 * record their start and end offsets in it, which gives both their surface form and their context.
 */
import { attr, type XmlElement } from '../xml/index.js';
import { ALTERNATIVES, BREAKS, INLINE_ELEMENTS, NAME_PARTS, PRINTED_MARKS } from './kinds.js';

const WHITESPACE_ONLY = /^[ \t\r\n]*$/;

export class TextStream {
  private readonly parts: string[] = [];
  length = 0;
  private pending = false;
  private endsWithSpace = true;

  text(value: string): void {
    // Indentation between elements is most text nodes of a pretty-printed file: one test, no new string.
    if (WHITESPACE_ONLY.test(value)) {
      if (value !== '') this.pending = true;
      return;
    }
    let s = value.replace(/[ \t\r\n]+/g, ' ');
    if (s === '') return;
    if (s.charCodeAt(0) === 32) {
      this.pending = true;
      s = s.slice(1);
      if (s === '') return;
    }
    let trailing = false;
    if (s.charCodeAt(s.length - 1) === 32) {
      trailing = true;
      s = s.slice(0, -1);
    }
    this.flush();
    this.parts.push(s);
    this.length += s.length;
    this.endsWithSpace = false;
    this.pending = trailing;
  }

  /** Words on either side of this point are separate. */
  boundary(): void {
    this.pending = true;
  }

  /** Write a pending word separator now (before a mention starts, so that it belongs to the left context). */
  flush(): void {
    if (this.pending && !this.endsWithSpace && this.length > 0) {
      this.parts.push(' ');
      this.length += 1;
      this.endsWithSpace = true;
    }
    this.pending = false;
  }

  toString(): string {
    return this.parts.join('');
  }
}

/** How an element's tags affect word separation. */
export function separatesWords(el: XmlElement): boolean {
  if (BREAKS.has(el.local)) return attr(el, 'break') !== 'no';
  if (NAME_PARTS.has(el.local)) return true;
  const parent = el.parent;
  if (parent.type === 'element' && ALTERNATIVES.has(parent.local)) return true;
  return !INLINE_ELEMENTS.has(el.local);
}

/** Text printed before (`0`) or after (`1`) an element's content, e.g. the brackets of `supplied`. */
export function mark(el: XmlElement, side: 0 | 1): string | undefined {
  const marks = PRINTED_MARKS[el.local];
  const text = marks?.[side];
  return text === undefined || text === '' ? undefined : text;
}

/** The text of a subtree, whitespace normalised, with the same word separation as running text. */
export function plainText(root: XmlElement): string {
  const stream = new TextStream();
  const stack: Array<{ el: XmlElement; i: number }> = [{ el: root, i: 0 }];
  while (stack.length > 0) {
    const top = stack[stack.length - 1]!;
    if (top.i >= top.el.children.length) {
      stack.pop();
      const close = stack.length > 0 ? mark(top.el, 1) : undefined;
      if (close !== undefined) stream.text(close);
      if (stack.length > 0 && separatesWords(top.el)) stream.boundary();
      continue;
    }
    const node = top.el.children[top.i++]!;
    if (node.type === 'text') stream.text(node.value);
    else if (node.type === 'element') {
      if (separatesWords(node)) stream.boundary();
      const open = mark(node, 0);
      if (open !== undefined) stream.text(open);
      stack.push({ el: node, i: 0 });
    }
  }
  return stream.toString().trim();
}

const CONTEXT = 60;

/** About 60 code points before `start`, cut at a word boundary when that keeps at least 40. */
export function leftContext(text: string, start: number): string {
  const window = Array.from(text.slice(Math.max(0, start - CONTEXT * 2 - 2), start));
  let chars = window.slice(-CONTEXT);
  const cutMidWord = window.length > CONTEXT && window[window.length - CONTEXT - 1] !== ' ' && chars[0] !== ' ';
  if (cutMidWord) {
    const space = chars.indexOf(' ');
    if (space >= 0 && chars.length - space > 40) chars = chars.slice(space + 1);
  }
  return chars.join('').trim();
}

export function rightContext(text: string, end: number): string {
  const window = Array.from(text.slice(end, end + CONTEXT * 2 + 2));
  let chars = window.slice(0, CONTEXT);
  const cutMidWord = window.length > CONTEXT && window[CONTEXT] !== ' ' && chars[chars.length - 1] !== ' ';
  if (cutMidWord) {
    const space = chars.lastIndexOf(' ');
    if (space > 40) chars = chars.slice(0, space);
  }
  return chars.join('').trim();
}

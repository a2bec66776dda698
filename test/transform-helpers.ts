/**
 * Helpers of the transform tests: the words of a TEI text (what must never be lost), the visible text of an HTML
 * page without a browser, and multiset comparison of words.
 */
import { isElement, parseXml, TEI_NS, type XmlElement, type XmlNode } from '../src/xml/index.js';

/**
 * Tokens for comparison: runs of letters, digits and combining marks; Han, Hiragana and Katakana one character
 * each (Japanese and Chinese are not written with spaces, and ruby glosses sit between the characters).
 */
export function words(text: string): string[] {
  return text.match(/[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}]|[\p{L}\p{N}\p{M}]+/gu) ?? [];
}

/**
 * Tokens with the editorial sigla taken out first: a dot below (U+0323, Leiden for letters read with doubt) and
 * brackets or parentheses inside a word ("I(ovi)", "[Iun]oni", "⟨v⟩otum"), which mark the editor's part of a word
 * without adding or losing a letter of it. Note markers the text output puts right after a word ("crossing.[1]",
 * "border¹") are no part of it and go first.
 */
export function plainWords(text: string): string[] {
  const unmarked = text.replace(/\[[0-9*†‡]+\]|[⁰¹²³⁴⁵⁶⁷⁸⁹]+/g, ' ');
  return words(unmarked.normalize('NFD').replace(/\u0323/g, '').normalize('NFC').replace(/[()[\]⟨⟩⟦⟧]/g, ''));
}

/** Tokens of `expected` missing from `actual` (multiset difference), as "token xCOUNT". */
export function missingWords(expected: string[], actual: string[]): string[] {
  const have = new Map<string, number>();
  for (const w of actual) have.set(w, (have.get(w) ?? 0) + 1);
  const missing = new Map<string, number>();
  for (const w of expected) {
    const n = have.get(w) ?? 0;
    if (n > 0) have.set(w, n - 1);
    else missing.set(w, (missing.get(w) ?? 0) + 1);
  }
  return [...missing].map(([w, n]) => `${w} x${n}`);
}

export interface BodyTextOptions {
  /** Leave out the editor's side of choice (corr, expan, reg, second seg): the text as published. */
  published?: boolean;
  /** Notes do not split the word or sentence they sit in (the plain text puts them after the text). */
  notesApart?: boolean;
}

/**
 * The text of every `text` element of a TEI document (front, body, back; not the header, not standOff),
 * as a string in which element boundaries add nothing; whitespace around lb/pb/cb break="no" is dropped
 * (the word continues across the break).
 */
export function teiBodyText(xml: string | Uint8Array, options: BodyTextOptions = {}): string {
  const doc = parseXml(xml);
  const root = doc.children.find(isElement)!;
  const out: string[] = [];
  const texts: XmlElement[] = [];
  const stack: XmlNode[] = [root];
  while (stack.length > 0) {
    const n = stack.pop()!;
    if (!isElement(n)) continue;
    if (n.local === 'text' && n.uri === TEI_NS) {
      texts.push(n);
      continue;
    }
    if (n.local === 'teiHeader' || n.local === 'standOff' || n.local === 'facsimile') continue;
    for (let i = n.children.length - 1; i >= 0; i--) stack.push(n.children[i]!);
  }
  if (texts.length === 0) texts.push(root);
  for (const t of texts) collect(t, out, options);
  return out.join('');
}

function collect(el: XmlElement, out: string[], options: BodyTextOptions): void {
  const notes: string[] | undefined = options.notesApart ? [] : undefined;
  // Text nodes carry no parent link, so their neighbours are looked at when their parent's children are pushed.
  const stack: Array<XmlNode | string> = [el];
  while (stack.length > 0) {
    const n = stack.pop()!;
    if (typeof n === 'string') {
      out.push(n);
      continue;
    }
    if (!isElement(n)) continue;
    if (options.published && n.parent && isElement(n.parent) && n.parent.local === 'choice') {
      const alternatives = n.parent.children.filter(isElement);
      const editor = ['corr', 'expan', 'reg'].includes(n.local) || (n.local === 'seg' && alternatives.indexOf(n) > 0);
      if (editor && alternatives.some((a) => ['sic', 'abbr', 'orig', 'seg'].includes(a.local) && a !== n)) continue;
    }
    if (isNoBreak(n)) continue;
    // TEI examples (egXML) are shown as code, not as text: their words are markup, not the document's.
    if (n.local === 'egXML') continue;
    const boundary = ['lb', 'pb', 'cb', 'p', 'l', 'item', 'head', 'cell', 'div', 'note', 'lg', 'sp', 'speaker', 'stage', 'lem', 'rdg', 'del', 'add', 'figDesc', 'gap', 'salute', 'signed', 'dateline', 'castItem', 'label'].includes(n.local);
    if (n.local === 'note' && notes !== undefined) {
      // Notes are not inlined in the plain text: their words are compared with the text's end.
      const inner: string[] = [];
      collect(n, inner, { ...options, notesApart: false });
      notes.push(' ', ...inner, ' ');
      continue;
    }
    if (boundary) out.push(' ');
    if (boundary) stack.push(' ');
    for (let i = n.children.length - 1; i >= 0; i--) {
      const child = n.children[i]!;
      if (child.type !== 'text') {
        stack.push(child);
        continue;
      }
      let value = child.value;
      const prev = n.children[i - 1];
      const next = n.children[i + 1];
      if (prev && isNoBreak(prev)) value = value.replace(/^\s+/, '');
      if (next && isNoBreak(next)) value = value.replace(/\s+$/, '');
      stack.push(value);
    }
  }
  if (notes !== undefined) out.push(' ', ...notes, ' ');
}

function isNoBreak(node: XmlNode): boolean {
  return isElement(node) && ['lb', 'pb', 'cb'].includes(node.local) && node.attributes.some((a) => a.local === 'break' && a.value === 'no');
}

const BLOCK_TAGS = /^(p|div|section|article|header|footer|main|li|ol|ul|dl|dt|dd|h[1-6]|br|tr|td|th|table|caption|figure|figcaption|blockquote|aside|nav|title|rt|del|ins|sup)$/i;

/**
 * The text of an HTML page as a reader would copy it (without a browser): tags removed (block tags become a space),
 * style and script element content dropped, character references decoded. Both views of the page are included.
 * Tags that separate words on screen (blocks, line breaks, superscript note numbers, del/ins) count as a space.
 */
export function htmlText(html: string): string {
  const body = html.replace(/<(style|script)\b[^>]*>[\s\S]*?<\/\1>/gi, ' ');
  const tag = /<\/?([A-Za-z][A-Za-z0-9-]*)(?:[^>"']|"[^"]*"|'[^']*')*>|<!--[\s\S]*?-->|<!DOCTYPE[^>]*>/g;
  return decodeEntities(body.replace(tag, (_m, name: string | undefined) => (name && BLOCK_TAGS.test(name) ? ' ' : '')));
}

export function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#[0-9]+|amp|lt|gt|quot|apos|nbsp);/gi, (_m, e: string) => {
    const lower = e.toLowerCase();
    if (lower.startsWith('#x')) return String.fromCodePoint(parseInt(lower.slice(2), 16));
    if (lower.startsWith('#')) return String.fromCodePoint(parseInt(lower.slice(1), 10));
    return ({ amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00a0' } as Record<string, string>)[lower]!;
  });
}

/** Every attribute of every start tag of an HTML page: [tag, attribute name, decoded value]. */
export function htmlAttributes(html: string): Array<[string, string, string]> {
  const out: Array<[string, string, string]> = [];
  const body = html.replace(/<style\b[^>]*>[\s\S]*?<\/style>/gi, '');
  for (const m of body.matchAll(/<([A-Za-z][A-Za-z0-9-]*)((?:[^>"']|"[^"]*"|'[^']*')*)>/g)) {
    for (const a of m[2]!.matchAll(/([^\s=/>]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+)))?/g)) {
      out.push([m[1]!.toLowerCase(), a[1]!.toLowerCase(), decodeEntities(a[2] ?? a[3] ?? a[4] ?? '')]);
    }
  }
  return out;
}

/** HTML elements that have no end tag (HTML Living Standard, 13.1.2 Elements: void elements). */
const VOID = new Set(['area', 'base', 'br', 'col', 'embed', 'hr', 'img', 'input', 'link', 'meta', 'source', 'track', 'wbr']);

/** The outer HTML of the element whose start tag begins at `at` (end tags of its name balanced). */
function outerHtml(html: string, at: number): string {
  const name = /^<([a-zA-Z][a-zA-Z0-9]*)/.exec(html.slice(at))![1]!;
  const startEnd = html.indexOf('>', at) + 1;
  if (VOID.has(name.toLowerCase()) || html[startEnd - 2] === '/') return html.slice(at, startEnd);
  const tags = new RegExp(`<(/?)${name}(?=[\\s>/])`, 'g');
  tags.lastIndex = startEnd;
  let depth = 1;
  for (let m = tags.exec(html); m !== null; m = tags.exec(html)) {
    depth += m[1] === '/' ? -1 : 1;
    if (depth === 0) return html.slice(at, html.indexOf('>', m.index) + 1);
  }
  throw new Error(`no end tag for the <${name}> at offset ${at}`);
}

/**
 * The elements of an HTML page whose start tag begins with one of `starts` (`'<ul class="tk-list"'`), each whole,
 * in document order, one per paragraph, for a golden file of the parts a test is about. Inside each, a line break
 * is added before every start tag of a block (`<p`, `<li`, `<div` ...), so that the golden file reads and diffs
 * line by line; breaks are only added, so the bytes of the page are still all there, in order. An element inside
 * another one found is not repeated. `filter` keeps only the elements it accepts.
 */
export function htmlFragments(html: string, starts: readonly string[], filter: (fragment: string) => boolean = () => true): string {
  const found: Array<[number, string]> = [];
  for (const start of starts) {
    for (let at = html.indexOf(start); at >= 0; at = html.indexOf(start, at + 1)) found.push([at, outerHtml(html, at)]);
  }
  found.sort((a, b) => a[0] - b[0]);
  const kept: string[] = [];
  let end = -1;
  for (const [at, fragment] of found) {
    if (at < end || !filter(fragment)) continue;
    end = at + fragment.length;
    kept.push(fragment.replace(/(?<!^)<(?=(?:p|li|div|dt|dd|dl|ul|ol|h[1-6]|section|article|table|tr|figure|input|label)[\s>])/g, '\n<'));
  }
  if (kept.length === 0) throw new Error(`no element starts with ${starts.join(' or ')}`);
  return kept.join('\n\n') + '\n';
}

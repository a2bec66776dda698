/**
 * What kind of text a TEI document is, by rules tried in order: the first that holds gives the genre. The rules are
 * data, each with the same test as an XPath expression on the `TEI` element, so that stylesheets (transforms/) can
 * follow exactly these rules; `detectGenre` is the one function that applies them. The README lists them.
 */
import { attr, childElements, type XmlElement } from '../xml/index.js';
import { plainText as textOf } from '../query/text.js';

/** ELTeC's own namespace for its text descriptors (`textDesc/eltec:authorGender`, `eltec:size`, ...). */
export const ELTEC_NS = 'http://distantreading.net/eltec/ns';

export type GenreTest =
  /** The header names its genre: `textClass/keywords/term[@type = one of these]`; the genre is its text, lower case. */
  | { kind: 'term'; types: readonly string[] }
  /** At least `min` elements at this child path below `teiHeader`. */
  | { kind: 'header'; path: readonly string[]; min: number }
  /** A descendant of `text` with one of these local names (and this attribute value, if given). */
  | { kind: 'text'; elements: readonly string[]; attribute?: { name: string; value: string } }
  /** One of these lists in `text`, and no paragraph outside them: the file is a register. */
  | { kind: 'register'; lists: readonly string[] }
  /** A child of `profileDesc/textDesc` in this namespace. */
  | { kind: 'textDesc'; namespace: string }
  /** Lines of verse (`l`) in `text` and no paragraph (`p`). */
  | { kind: 'verse' };

export interface GenreRule {
  genre: string | null;
  test: GenreTest;
  /** The same test in XPath 2.0, evaluated with the `TEI` element as context item (default namespace TEI). */
  xpath: string;
}

/** `term/@type` values by which a header names its genre. */
export const GENRE_TERM_TYPES: readonly string[] = ['genre', 'document-type', 'form'];

export const GENRE_RULES: readonly GenreRule[] = [
  {
    genre: null,
    test: { kind: 'term', types: GENRE_TERM_TYPES },
    xpath: "teiHeader/profileDesc/textClass/keywords/term[@type = ('genre', 'document-type', 'form')][normalize-space()][1]/lower-case(normalize-space())",
  },
  { genre: 'correspondence list', test: { kind: 'header', path: ['profileDesc', 'correspDesc'], min: 2 }, xpath: 'count(teiHeader/profileDesc/correspDesc) ge 2' },
  { genre: 'letter', test: { kind: 'header', path: ['profileDesc', 'correspDesc'], min: 1 }, xpath: 'exists(teiHeader/profileDesc/correspDesc)' },
  { genre: 'drama', test: { kind: 'text', elements: ['sp', 'castList'] }, xpath: 'exists(text//(sp | castList))' },
  { genre: 'novel', test: { kind: 'textDesc', namespace: ELTEC_NS }, xpath: "exists(teiHeader/profileDesc/textDesc/*[namespace-uri() = 'http://distantreading.net/eltec/ns'])" },
  { genre: 'verse', test: { kind: 'verse' }, xpath: 'exists(text//l) and empty(text//p)' },
  { genre: 'dictionary', test: { kind: 'text', elements: ['entry', 'entryFree'] }, xpath: 'exists(text//(entry | entryFree))' },
  { genre: 'documents', test: { kind: 'text', elements: ['div'], attribute: { name: 'type', value: 'document' } }, xpath: "exists(text//div[@type = 'document'])" },
  { genre: 'register', test: { kind: 'register', lists: ['listPerson', 'listPlace', 'listOrg'] }, xpath: 'exists(text//(listPerson | listPlace | listOrg)) and empty(text//p[not(ancestor::listPerson | ancestor::listPlace | ancestor::listOrg)])' },
  { genre: 'prose', test: { kind: 'text', elements: ['p'] }, xpath: 'exists(text//p)' },
];

function children(from: XmlElement[], steps: readonly string[]): XmlElement[] {
  let current = from;
  for (const step of steps) current = current.flatMap((el) => childElements(el, step));
  return current;
}

/** Elements below `root` (inclusive) by local name; `p` inside registers only counts for the register rule. */
function descendants(root: XmlElement[]): XmlElement[] {
  const out: XmlElement[] = [];
  const stack = [...root];
  while (stack.length > 0) {
    const el = stack.pop()!;
    out.push(el);
    for (const c of el.children) if (c.type === 'element') stack.push(c);
  }
  return out;
}

/** The genre of the `TEI` element `tei` by `GENRE_RULES`, or null when none holds. */
export function detectGenre(tei: XmlElement): string | null {
  const header = childElements(tei, 'teiHeader');
  const text = childElements(tei, 'text');
  let inText: XmlElement[] | undefined;
  const textElements = (): XmlElement[] => (inText ??= descendants(text));
  for (const rule of GENRE_RULES) {
    const t = rule.test;
    switch (t.kind) {
      case 'term': {
        const term = children(header, ['profileDesc', 'textClass', 'keywords', 'term']).find((el) => t.types.includes(attr(el, 'type') ?? '') && textOf(el) !== '');
        if (term !== undefined) return textOf(term).toLowerCase();
        break;
      }
      case 'header':
        if (children(header, t.path).length >= t.min) return rule.genre;
        break;
      case 'textDesc':
        if (children(header, ['profileDesc', 'textDesc']).some((d) => childElements(d).some((c) => c.uri === t.namespace))) return rule.genre;
        break;
      case 'verse': {
        const all = textElements();
        if (all.some((el) => el.local === 'l') && !all.some((el) => el.local === 'p')) return rule.genre;
        break;
      }
      case 'text': {
        const all = textElements();
        const hit = all.some((el) => t.elements.includes(el.local) && (t.attribute === undefined || attr(el, t.attribute.name) === t.attribute.value));
        if (hit) return rule.genre;
        break;
      }
      case 'register': {
        const all = textElements();
        const inside = (el: XmlElement): boolean => {
          for (let p = el.parent; p.type === 'element'; p = p.parent) if (t.lists.includes(p.local)) return true;
          return false;
        };
        if (all.some((el) => t.lists.includes(el.local)) && !all.some((el) => el.local === 'p' && !inside(el))) return rule.genre;
        break;
      }
    }
  }
  return null;
}

/**
 * One catalogue record per `TEI` element: the header read into plain data (TEI Guidelines chapter 2, The TEI
 * Header), plus the words of the text and the genre. Pure: no I/O; pointers into registers are resolved by the
 * caller's `resolve`.
 */
import { attr, childElements, TEI_NS, xmlId, type XmlDocument, type XmlElement } from '../xml/index.js';
import { plainText } from '../query/text.js';
import { pseudoAttributes } from '../validate/association.js';
import { detectGenre, GENRE_TERM_TYPES } from '../tei/genre.js';
import { dateValue, descendantsNamed, documentDate, documentTitle, path } from '../tei/header.js';
import { countWords } from './words.js';
import type { Agent, CatalogRecord, CorrespAction, Correspondence, Identifier } from './types.js';

/** Finds the authority URI of a name element (its own `@ref`, else its register entry's); null if none. */
export type AuthorityLookup = (el: XmlElement, kind: 'person' | 'place' | 'org') => string | null;

/** A TEI document in a file: the `TEI` element, its place in a teiCorpus, and the corpus title. */
export interface Member {
  tei: XmlElement;
  member: number | null;
  corpus: string | null;
}

function isTei(el: XmlElement): boolean {
  return el.uri === TEI_NS || el.uri === '';
}

/**
 * The `TEI` elements of a document: the root, or every `TEI` of a `teiCorpus` (nested corpora flattened, TEI 15.1)
 * in document order. A root that is neither gives no member.
 */
export function membersOf(doc: XmlDocument): Member[] {
  const root = doc.root;
  if (!isTei(root)) return [];
  if (root.local === 'TEI') return [{ tei: root, member: null, corpus: null }];
  if (root.local !== 'teiCorpus') return [];
  const out: Member[] = [];
  walkInOrder(root, documentTitle(childElements(root, 'teiHeader')[0]), out);
  return out;
}

function walkInOrder(corpus: XmlElement, title: string | null, out: Member[]): void {
  const stack: Array<{ el: XmlElement; title: string | null; i: number }> = [{ el: corpus, title, i: 0 }];
  while (stack.length > 0) {
    const top = stack[stack.length - 1]!;
    const kids = top.el.children;
    if (top.i >= kids.length) {
      stack.pop();
      continue;
    }
    const child = kids[top.i++]!;
    if (child.type !== 'element' || !isTei(child)) continue;
    if (child.local === 'TEI') out.push({ tei: child, member: out.length + 1, corpus: top.title });
    else if (child.local === 'teiCorpus') stack.push({ el: child, title: documentTitle(childElements(child, 'teiHeader')[0]) ?? top.title, i: 0 });
  }
}

/** The schema a document names: the first `<?xml-model href?>`, else `<?oxygen RNGSchema?>`. */
export function namedSchema(doc: XmlDocument): string | null {
  for (const node of doc.children) {
    if (node.type !== 'pi') continue;
    if (node.target === 'xml-model') {
      const href = pseudoAttributes(node.body)['href'];
      if (href !== undefined && href !== '') return href;
    } else if (node.target === 'oxygen') {
      const href = pseudoAttributes(node.body)['RNGSchema'];
      if (href !== undefined && href !== '') return href;
    }
  }
  return null;
}

/** Elements whose text is not part of a person's name: contact details and identifiers beside the name. */
const NOT_NAME = new Set(['idno', 'email', 'affiliation', 'note', 'address', 'ptr', 'ref', 'date', 'roleName']);
const NAME_CHILDREN = ['persName', 'orgName', 'name'];
const POINTERS = ['ref', 'key', 'sameAs', 'corresp'];

function pointers(el: XmlElement): string[] {
  const out: string[] = [];
  for (const a of POINTERS) {
    const v = attr(el, a);
    if (v !== undefined) for (const t of v.split(/[ \t\r\n]+/)) if (t !== '' && !out.includes(t)) out.push(t);
  }
  return out;
}

function identifiersOf(el: XmlElement): Identifier[] {
  const out: Identifier[] = [];
  for (const idno of childElements(el, 'idno')) {
    const value = plainText(idno);
    if (value !== '') out.push({ type: attr(idno, 'type') ?? null, value });
  }
  return out;
}

/** `author`, `editor` or a `respStmt/name`: its name, pointers and identifiers. Null when it names no one. */
function agentOf(el: XmlElement): Agent | null {
  const named = childElements(el).find((c) => NAME_CHILDREN.includes(c.local));
  let name: string;
  const refs = pointers(el);
  if (named !== undefined) {
    name = plainText(named);
    for (const r of pointers(named)) if (!refs.includes(r)) refs.push(r);
  } else {
    name = textWithout(el, NOT_NAME);
  }
  const identifiers = identifiersOf(el);
  if (named !== undefined) identifiers.push(...identifiersOf(named));
  if (name === '' && refs.length === 0 && identifiers.length === 0) return null;
  return { name, refs, identifiers };
}

/** The text of `el` without the subtrees of the named children (one level), whitespace normalised. */
function textWithout(el: XmlElement, skip: ReadonlySet<string>): string {
  const parts: string[] = [];
  for (const c of el.children) {
    if (c.type === 'text') parts.push(c.value);
    else if (c.type === 'element' && !skip.has(c.local)) parts.push(' ', plainText(c), ' ');
  }
  return parts.join('').replace(/[ \t\r\n]+/g, ' ').trim().replace(/[,;:]$/, '').trim();
}

/** `resp` wording (any language of the Guidelines' examples) that makes a `respStmt` name a translator or an editor. */
const TRANSLATOR_RESP = /transl|übersetz|uebersetz|tradu|vertal|перев|翻訳|翻译/i;
const EDITOR_RESP = /^(editor|edited|edition|ed\.|herausgeb|hrsg|editado|édit|a cura)/i;

function people(titleStmt: XmlElement | undefined): { authors: Agent[]; editors: Agent[]; translators: Agent[] } {
  const authors: Agent[] = [];
  const editors: Agent[] = [];
  const translators: Agent[] = [];
  if (titleStmt === undefined) return { authors, editors, translators };
  for (const el of childElements(titleStmt)) {
    const role = (attr(el, 'role') ?? '').toLowerCase();
    if (el.local === 'author' || el.local === 'editor') {
      const a = agentOf(el);
      if (a === null) continue;
      if (role.startsWith('transl')) translators.push(a);
      else if (el.local === 'author') authors.push(a);
      else editors.push(a);
    } else if (el.local === 'respStmt') {
      const resp = childElements(el, 'resp').map((r) => plainText(r)).join(' ');
      const list = TRANSLATOR_RESP.test(resp) ? translators : EDITOR_RESP.test(resp) ? editors : null;
      if (list === null) continue;
      for (const n of childElements(el).filter((c) => c.local === 'name' || c.local === 'persName' || c.local === 'orgName')) {
        const name = plainText(n);
        if (name !== '') list.push({ name, refs: pointers(n), identifiers: identifiersOf(n) });
      }
    }
  }
  return { authors, editors, translators };
}

function firstText(els: XmlElement[]): string | null {
  for (const el of els) {
    const t = plainText(el);
    if (t !== '') return t;
  }
  return null;
}

function languagesOf(tei: XmlElement, header: XmlElement | undefined): string[] {
  const out: string[] = [];
  const add = (v: string | undefined): void => {
    const t = v?.trim();
    if (t !== undefined && t !== '' && !out.includes(t)) out.push(t);
  };
  for (const l of path(header, 'profileDesc', 'langUsage', 'language')) add(attr(l, 'ident'));
  for (const t of childElements(tei, 'text')) add(attr(t, 'xml:lang'));
  add(attr(tei, 'xml:lang'));
  return out;
}

function licenceOf(publicationStmt: XmlElement | undefined): CatalogRecord['licence'] {
  const availability = publicationStmt === undefined ? undefined : childElements(publicationStmt, 'availability')[0];
  if (availability === undefined) return null;
  const licence = childElements(availability, 'licence')[0];
  if (licence !== undefined) {
    const text = plainText(licence);
    // DraCor puts the URL in a ref inside the licence rather than in @target.
    const target = attr(licence, 'target')?.trim() || descendantsNamed(licence, 'ref').map((r) => attr(r, 'target')?.trim()).find((t) => t !== undefined && t !== '') || null;
    return { target, text: text === '' ? null : text };
  }
  const text = plainText(availability);
  const status = attr(availability, 'status');
  if (text === '' && status === undefined) return null;
  return { target: null, text: text === '' ? (status ?? null) : text };
}


function sourceOf(header: XmlElement | undefined): string | null {
  const sourceDesc = path(header, 'fileDesc', 'sourceDesc')[0];
  if (sourceDesc === undefined) return null;
  const kids = childElements(sourceDesc);
  for (const names of [['bibl', 'biblFull'], ['biblStruct'], ['msDesc'], ['p', 'ab']]) {
    const hits = kids.filter((k) => names.includes(k.local));
    const texts = hits
      .map((k) => (k.local === 'msDesc' ? childElements(k, 'msIdentifier').map((m) => parts(m, ', ')).join('; ') : oneLine(k)))
      .filter((t) => t !== '');
    if (texts.length > 0) return texts.join('; ');
  }
  const all = plainText(sourceDesc);
  return all === '' ? null : all;
}

const HTTP = /^https?:\/\/\S+$/;

function urlOf(header: XmlElement | undefined, publicationStmt: XmlElement | undefined): string | null {
  for (const idno of path(publicationStmt, 'idno')) {
    const v = plainText(idno);
    if (/^(url|uri)$/i.test(attr(idno, 'type') ?? '') && HTTP.test(v)) return v;
  }
  for (const root of [publicationStmt, path(header, 'fileDesc', 'sourceDesc')[0]]) {
    for (const ref of descendantsNamed(root, 'ref')) {
      const t = attr(ref, 'target')?.trim();
      if (t !== undefined && HTTP.test(t)) return t;
    }
  }
  return null;
}

/** The texts of the child elements, joined. */
function parts(el: XmlElement, separator: string): string {
  return childElements(el).map((c) => plainText(c)).filter((t) => t !== '').join(separator);
}

/**
 * A bibliographic description in one line: as written when it is running text (mixed content), else its parts
 * (title, author, publisher, date, idno, ...) joined with ". ", as a citation reads.
 */
function oneLine(bibl: XmlElement): string {
  const mixed = bibl.children.some((c) => c.type === 'text' && c.value.trim() !== '');
  if (mixed) return plainText(bibl);
  // Notes are commentary on the source, not part of its description.
  return childElements(bibl)
    .filter((c) => c.local !== 'note')
    .map((c) => plainText(c))
    .filter((t) => t !== '')
    .join('. ')
    .replace(/\.\. /g, '. ');
}

function correspondenceOf(header: XmlElement | undefined, lookup: AuthorityLookup): Correspondence[] {
  return path(header, 'profileDesc', 'correspDesc').map((cd) => {
    const actions: CorrespAction[] = childElements(cd, 'correspAction').map((ca) => {
      const agents: CorrespAction['agents'] = [];
      const places: CorrespAction['places'] = [];
      for (const el of childElements(ca)) {
        if (el.local === 'persName' || el.local === 'orgName' || (el.local === 'name' && attr(el, 'type') !== 'place')) {
          const element = el.local === 'orgName' || (el.local === 'name' && attr(el, 'type') === 'org') ? 'orgName' : 'persName';
          const name = plainText(el);
          if (name !== '') agents.push({ element, name, ref: lookup(el, element === 'orgName' ? 'org' : 'person') });
        } else if (el.local === 'placeName' || el.local === 'settlement' || (el.local === 'name' && attr(el, 'type') === 'place')) {
          const name = plainText(el);
          if (name !== '') places.push({ name, ref: lookup(el, 'place') });
        }
      }
      const dateEl = childElements(ca, 'date')[0];
      let date: CorrespAction['date'] = null;
      if (dateEl !== undefined) {
        const d: NonNullable<CorrespAction['date']> = {};
        for (const a of ['when', 'from', 'to', 'notBefore', 'notAfter'] as const) {
          const v = attr(dateEl, a)?.trim();
          if (v !== undefined && v !== '') d[a] = v;
        }
        if (Object.keys(d).length > 0) date = d;
      }
      return { type: attr(ca, 'type') ?? 'sent', agents, places, date };
    });
    return { ref: attr(cd, 'ref')?.trim() || xmlId(cd) || null, actions };
  });
}

/** The catalogue record of one TEI document (`file` is the display path). `verdict` is filled in by the caller. */
export function recordOf(m: Member, file: string, schema: string | null, lookup: AuthorityLookup): CatalogRecord {
  const header = childElements(m.tei, 'teiHeader')[0];
  const titleStmt = path(header, 'fileDesc', 'titleStmt')[0];
  const publicationStmt = path(header, 'fileDesc', 'publicationStmt')[0];
  const subs = path(titleStmt, 'title').filter((t) => attr(t, 'type') === 'sub').map((t) => plainText(t)).filter((t) => t !== '');
  const { authors, editors, translators } = people(titleStmt);
  const correspondence = correspondenceOf(header, lookup);
  // A letter's author is its sender (TEI 2.4.6) when the title statement names none.
  if (authors.length === 0 && correspondence.length === 1) {
    for (const a of correspondence[0]!.actions.filter((x) => x.type === 'sent').flatMap((x) => x.agents)) {
      authors.push({ name: a.name, refs: a.ref === null ? [] : [a.ref], identifiers: [] });
    }
  }
  const published = publicationStmt === undefined ? null : (descendantsNamed(publicationStmt, 'date').map((d) => dateValue(d)).find((v) => v !== null) ?? null);
  const text = childElements(m.tei, 'text');
  const languages = languagesOf(m.tei, header);
  return {
    file,
    member: m.member,
    corpus: m.corpus,
    id: xmlId(m.tei) ?? null,
    title: documentTitle(header),
    subtitle: subs.length === 0 ? null : subs.join('; '),
    authors,
    editors,
    translators,
    date: documentDate(header, m.tei),
    published,
    languages,
    licence: licenceOf(publicationStmt),
    publisher: firstText(path(publicationStmt, 'publisher')) ?? firstText(path(publicationStmt, 'distributor')) ?? firstText(path(publicationStmt, 'authority')),
    identifiers: publicationStmt === undefined ? [] : identifiersOf(publicationStmt),
    url: urlOf(header, publicationStmt),
    abstract: firstText(path(header, 'profileDesc', 'abstract')),
    keywords: path(header, 'profileDesc', 'textClass', 'keywords', 'term')
      .filter((t) => !GENRE_TERM_TYPES.includes(attr(t, 'type') ?? ''))
      .map((t) => plainText(t))
      .filter((t, i, all) => t !== '' && all.indexOf(t) === i),
    source: sourceOf(header),
    words: text.reduce((n, t) => n + countWords(t, languages[0]), 0),
    genre: detectGenre(m.tei),
    schema,
    verdict: null,
    correspondence,
  };
}

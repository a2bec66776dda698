/**
 * Facts read from a teiHeader (TEI Guidelines, chapter 2): the document's title and the date of the document
 * (not of its digital edition). `teikit query` (the title and date of each mention's document) and
 * `teikit catalog` (one record per TEI) both read them here, so that they always agree.
 */
import { attr, childElements, type XmlElement } from '../xml/index.js';
import { plainText } from '../query/text.js';

/** Children along a path of local names: `path(header, 'fileDesc', 'titleStmt', 'title')`. */
export function path(from: XmlElement | undefined, ...steps: string[]): XmlElement[] {
  let current = from === undefined ? [] : [from];
  for (const step of steps) current = current.flatMap((el) => childElements(el, step));
  return current;
}

/** Descendants (not `root` itself) with this local name, in document order; iterative. */
export function descendantsNamed(root: XmlElement | undefined, local: string): XmlElement[] {
  const out: XmlElement[] = [];
  if (root === undefined) return out;
  const stack: XmlElement[] = [root];
  while (stack.length > 0) {
    const el = stack.pop()!;
    if (el !== root && el.local === local) out.push(el);
    for (let i = el.children.length - 1; i >= 0; i--) {
      const c = el.children[i]!;
      if (c.type === 'element') stack.push(c);
    }
  }
  return out;
}

/** `titleStmt/title`: the one typed main (or complete, as FRUS does), else the first untyped, else the first. */
export function documentTitle(header: XmlElement | undefined): string | null {
  const titles = path(header, 'fileDesc', 'titleStmt', 'title')
    .map((el) => ({ type: attr(el, 'type'), text: plainText(el) }))
    .filter((t) => t.text !== '');
  const pick = titles.find((t) => t.type === 'main' || t.type === 'complete') ?? titles.find((t) => t.type === undefined) ?? titles[0];
  return pick?.text ?? null;
}

/**
 * `bibl/@type` values of a `sourceDesc` that describe the digital source a file was made from (ELTeC's
 * "digitalSource"), whose date is that of a digital edition, never of the text.
 */
export const DIGITAL_SOURCE_TYPES: ReadonlySet<string> = new Set(['digitalSource', 'digital', 'online', 'electronic']);
/** `bibl/@type` values for the first printing of the text (ELTeC "firstEdition"; DraCor "originalSource"). */
export const FIRST_EDITION_TYPES: ReadonlySet<string> = new Set(['firstEdition', 'originalSource', 'first-edition', 'editio-princeps']);
/**
 * DraCor dates a play by events in `standOff/listEvent` (or, in older files, by typed `date`s in its source):
 * when it was written, printed and first performed. Written wins; else the earlier of print and premiere.
 */
const DRAMA_EVENT_TYPES = ['written', 'print', 'premiere'] as const;

/**
 * The date of the document, not of its digital edition, in this order:
 * 1. the date it was sent (`correspDesc/correspAction[@type="sent"]/date`, TEI 2.4.6);
 * 2. its creation (`profileDesc/creation/date`, TEI 2.4.1);
 * 3. for plays, the date written, else the earlier of first print and premiere (`standOff/listEvent/event`, or
 *    `sourceDesc//date[@type]`, as DraCor encodes them);
 * 4. the date of the first edition (`sourceDesc//bibl[@type="firstEdition"]`, ELTeC);
 * 5. the first date of the source description outside a digital source (`bibl[@type="digitalSource"]`), e.g. a
 *    printed source's imprint;
 * 6. the publication date of the file (`publicationStmt/date`).
 * ISO attributes win over the text: `@when`, else `@from/@to` or `@notBefore/@notAfter` as `start/end`.
 * `tei` is the `TEI` element (for `standOff`); without it step 3 reads the source description only.
 */
export function documentDate(header: XmlElement | undefined, tei?: XmlElement): string | null {
  const sent = path(header, 'profileDesc', 'correspDesc', 'correspAction').filter((el) => attr(el, 'type') === 'sent');
  const sourceDesc = path(header, 'fileDesc', 'sourceDesc');
  const sourceDates = sourceDesc.flatMap((s) => descendantsNamed(s, 'date'));
  const inDigitalSource = (el: XmlElement): boolean => {
    for (let p = el.parent; p.type === 'element'; p = p.parent) {
      if ((p.local === 'bibl' || p.local === 'biblStruct' || p.local === 'biblFull') && DIGITAL_SOURCE_TYPES.has(attr(p, 'type') ?? '')) return true;
    }
    return false;
  };
  const inFirstEdition = (el: XmlElement): boolean => {
    for (let p = el.parent; p.type === 'element'; p = p.parent) {
      if ((p.local === 'bibl' || p.local === 'biblStruct' || p.local === 'biblFull') && FIRST_EDITION_TYPES.has(attr(p, 'type') ?? '')) return true;
    }
    return false;
  };
  const events = path(tei, 'standOff', 'listEvent', 'event');
  const drama = dramaDate([
    ...events.map((e) => ({ type: attr(e, 'type') ?? '', value: dateValue(e, false) })),
    ...sourceDates.map((d) => ({ type: attr(d, 'type') ?? '', value: dateValue(d) })),
  ]);
  const candidates: Array<Array<XmlElement | string>> = [
    path(sent[0], 'date'),
    path(header, 'profileDesc', 'creation', 'date'),
    drama === null ? [] : [drama],
    sourceDates.filter((d) => inFirstEdition(d) && !inDigitalSource(d)),
    sourceDates.filter((d) => !inDigitalSource(d)),
    path(header, 'fileDesc', 'publicationStmt', 'date'),
  ];
  for (const list of candidates) {
    for (const el of list) {
      const value = typeof el === 'string' ? el : dateValue(el);
      if (value !== null) return value;
    }
  }
  return null;
}

function dramaDate(dated: Array<{ type: string; value: string | null }>): string | null {
  const of = (type: (typeof DRAMA_EVENT_TYPES)[number]): string | null => dated.find((d) => d.type === type && d.value !== null)?.value ?? null;
  const written = of('written');
  if (written !== null) return written;
  const print = of('print');
  const premiere = of('premiere');
  if (print === null || premiere === null) return print ?? premiere;
  return print.localeCompare(premiere) <= 0 ? print : premiere;
}

/** The ISO value of a dated element (`@when`, `@from`/`@to`, `@notBefore`/`@notAfter`), else its text. */
export function dateValue(el: XmlElement, textToo = true): string | null {
  const when = attr(el, 'when') ?? attr(el, 'when-iso');
  if (when !== undefined && when.trim() !== '') return when.trim();
  const start = attr(el, 'from') ?? attr(el, 'notBefore');
  const end = attr(el, 'to') ?? attr(el, 'notAfter');
  if (start !== undefined || end !== undefined) return `${start ?? '..'}/${end ?? '..'}`;
  if (!textToo) return null;
  const text = plainText(el);
  return text === '' ? null : text;
}

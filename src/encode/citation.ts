/**
 * The archive's citation line, e.g.
 *   "Cable from ..., 'Handling ...'", April 21, 1962, Wilson Center Digital Archive, PRC FMA 118-01771-10, 4.
 *   Translated by 7Brands. <https://.../document/118181>
 * taken apart into title, date, publisher, archival call number, pages, translators and document URL/number,
 * and the Credits sentence ("made possible with support from X") into funders.
 */

export interface Citation {
  /** The citation as one line, URL included. */
  text: string;
  title?: string;
  dateText?: string;
  publisher?: string;
  /** Archival reference as cited ("PRC FMA 118-01771-10"), without the pages. */
  callNumber?: string;
  pages?: string;
  translators: string[];
  /** Other sentences ("Obtained by ...", "Contributed by ..."). */
  statements: string[];
  /** The document's URL (normalised by the WHATWG URL parser). */
  url?: string;
  /** A link that is not a valid URL, as written (then `url` is absent). */
  badUrl?: string;
  documentNumber?: string;
  /** False when the citation is not in the archive's usual form (only `text`, `url` are then reliable). */
  parsed: boolean;
}

const PUBLISHER = 'Wilson Center Digital Archive';

function splitSentences(text: string): string[] {
  // A full stop followed by a capitalised word ends a sentence, unless it ends an initial ("J. Smith", "F. 5").
  return text
    .split(/(?<!(?:^|[\s.(])[A-Z])\.\s+(?=[A-Z][a-z])/)
    .map((s) => s.trim().replace(/\.$/, ''))
    .filter((s) => s !== '');
}

function splitNames(list: string): string[] {
  // "A, B and C": split on commas and on "and" only between two names of at least two words each, so that
  // "Arnold and Mabel Beckman Foundation" stays one name.
  const parts = list.split(/\s*,\s*(?:and\s+)?/).filter((s) => s !== '');
  const out: string[] = [];
  for (const part of parts) {
    const halves = part.split(/\s+and\s+/);
    if (halves.length === 2 && halves.every((h) => h.trim().split(/\s+/).length >= 2)) out.push(...halves.map((h) => h.trim()));
    else out.push(part.trim());
  }
  return out.filter((s) => s !== '');
}

export function parseCitation(raw: string): Citation {
  let text = raw.replace(/\s+/g, ' ').trim();
  const citation: Citation = { text, translators: [], statements: [], parsed: false };
  const link = /<(https?:\/\/[^>\s]+)>|(https?:\/\/\S+)/.exec(text);
  if (link) {
    const written = (link[1] ?? link[2]!).replace(/[.,;]$/, '');
    let url: string | undefined;
    try {
      // The WHATWG parser percent-encodes most of what a URI may not hold and throws on a broken host; "[", "]",
      // "|", "\\" and "^" it leaves in the path, where RFC 3986 (and xsd:anyURI as jing checks it) forbids them.
      const parsed = new URL(written);
      const origin = parsed.origin === 'null' ? '' : parsed.origin;
      url = origin + parsed.href.slice(origin.length).replace(/[[\]|\\^]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
    } catch {
      citation.badUrl = written;
    }
    text = (text.slice(0, link.index) + text.slice(link.index + link[0].length)).trim();
    citation.text = text.replace(/\s+$/, '') + ' ' + written;
    if (url !== undefined) {
      citation.url = url;
      const number = /\/document\/(\d+)/.exec(url) ?? /(\d+)\/?$/.exec(url);
      if (number) citation.documentNumber = number[1]!;
    }
  }
  const anchor = text.indexOf(`, ${PUBLISHER}`);
  const open = text[0];
  if (anchor < 0 || (open !== '"' && open !== '“')) return citation;
  const head = text.slice(0, anchor);
  const close = Math.max(head.lastIndexOf('",'), head.lastIndexOf('”,'), head.lastIndexOf(',"'), head.lastIndexOf(',”'));
  if (close <= 0) return citation;
  citation.title = head.slice(1, close).trim();
  citation.dateText = head.slice(close + 2).trim();
  citation.publisher = PUBLISHER;
  const rest = text.slice(anchor + PUBLISHER.length + 2).replace(/^,\s*/, '');
  const [archival, ...sentences] = splitSentences(rest);
  if (archival !== undefined && !/^(?:Obtained|Translated|Contributed)\b/.test(archival)) {
    const parts = archival.split(/\s*,\s*/);
    const last = parts[parts.length - 1]!;
    if (parts.length > 1 && /^(?:pp?\.\s*)?\d+(?:\s*[-–]\s*\d+)?$/.test(last)) {
      citation.pages = last.replace(/^pp?\.\s*/, '');
      citation.callNumber = parts.slice(0, -1).join(', ');
    } else citation.callNumber = archival;
  } else if (archival !== undefined) sentences.unshift(archival);
  for (const s of sentences) {
    const translated = /\btranslated\b(?:\s+for\s+[^,]+?)?\s+by\s+(.+)$/i.exec(s);
    if (translated) citation.translators.push(...splitNames(translated[1]!));
    else citation.statements.push(s);
  }
  citation.parsed = true;
  return citation;
}

/** Funders named in the Credits section ("This document was made possible with support from X and Y"). */
export function parseFunders(credits: string): string[] {
  const m = /\bsupport (?:from|of) (?:the )?(.+?)\.?$/i.exec(credits.replace(/\s+/g, ' ').trim());
  return m ? splitNames(m[1]!) : [];
}

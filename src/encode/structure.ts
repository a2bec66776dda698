/**
 * The shape of a record's text: head, opener, paragraphs or speeches, closer, postscript, read from the layout of
 * its blocks (paragraphs separated by blank lines) the way the archive prints letters, cables, memoranda and
 * records of conversation. TEI P5 4.2 ("Elements Common to All Divisions": opening and closing elements of a
 * letter or a message: `opener`, `salute`, `address`, `closer`, `signed`, `dateline`, `postscript`) and 3.13.2 /
 * 7.2.2 (speeches: `sp` with `speaker`).
 */
import { parseDatePhrase } from './dates.js';

export interface Block {
  /** The block's lines as in the source (LF line ends). */
  text: string;
  /** UTF-16 offset of its first character in the normalised record. */
  offset: number;
}

export type BodyPart =
  | { kind: 'head' | 'p'; block: Block; n?: string }
  /** `address`: the block is an address line ("To the Ministry ..."), written as address/addrLine; `salute`: the
   * salutation that follows it ("Comrades,"). An opener of one line ending in ":" is written as it stands. */
  | { kind: 'opener'; block: Block; address?: boolean; salute?: Block }
  | { kind: 'gap'; block: Block }
  /** A speech of a conversation: "Zhang Wentian: ..." (the label with its colon is the speaker). */
  | { kind: 'sp'; speaker: Block; block: Block }
  | { kind: 'closer'; lines: { role: 'salute' | 'signed' | 'dateline'; block: Block }[] }
  | { kind: 'postscript'; blocks: Block[] };

export const MARKER = /^\s*\[(?:\.\s*){3}\]\s*$|^\s*\[…\]\s*$/;
const NUMBERED = /^\s*(?:\\?\(?(\d{1,3}|[ivxlc]{1,6}|[a-z])\\?[.)])\s+/i;
/** "To the ...", "[To the] ...": an address line. */
const ADDRESS = /^\s*\[?To\b/;
/** "Dear Comrade Ambassador,", "Comrades,", "Dear Sirs:", "Gentlemen," : a salutation. */
const SALUTATION = /^\s*(?:Dear\b.*|(?:My\s+)?(?:Comrades?|Sirs?|Madam|Gentlemen|Ladies and Gentlemen)\b[^.!?]{0,60})[,:!]\s*$/;
/** "P.S.", "PS:", "P.P.S.": a postscript (TEI P5 4.2.2). */
const POSTSCRIPT = /^\s*P\.?\s?(?:P\.?\s?)?S\b[.:]?/;
/** "Zhang Wentian: ...", "Chervonenko: ...": a speaker label of one to four capitalised words, then the speech. */
const SPEAKER = /^\s*((?:\p{Lu}[\p{L}\p{M}.'’-]*\s+){0,3}\p{Lu}[\p{L}\p{M}.'’-]*)\s*:\s+(?=\S)/u;

export const words = (s: string) => s.trim().split(/\s+/).filter((w) => w !== '').length;

/** Most words of four letters or more are capitalised ("Foreign Affairs Office of the ...", "Comrade Mao Zedong:"). */
export function titleCase(text: string): boolean {
  const long = text.split(/[\s[\]]+/).filter((w) => /^\p{L}{4,}/u.test(w));
  return long.length > 0 && long.filter((w) => /^\p{Lu}/u.test(w)).length * 2 > long.length;
}

/** A line that is only a date (optionally after a place: "Beijing, 21 April 1962"). */
function isDateLine(line: string): boolean {
  const t = line.trim().replace(/^[\p{L} .'-]{1,40},\s*/u, '');
  return parseDatePhrase(line.trim()) !== undefined || (parseDatePhrase(t) !== undefined && !/^\d{4}$/.test(t));
}

/** Sub-blocks of a block split at its lines (with their offsets), dropping markdown's hard-break spaces. */
function lines(block: Block): Block[] {
  const out: Block[] = [];
  let offset = block.offset;
  for (const line of block.text.split('\n')) {
    const trimmed = line.replace(/(?: +|\\)$/, '');
    if (trimmed.trim() !== '') out.push({ text: trimmed, offset });
    offset += line.length + 1;
  }
  return out;
}

const isText = (b: Block | undefined): b is Block => b !== undefined && !MARKER.test(b.text);
const oneLine = (b: Block) => !b.text.trim().includes('\n');
/** A line of a signature: short, no sentence in it ("Consul of the USSR in Urumqi", "A. Testov": the full stop of
 * an initial ends no sentence). */
const signatureLine = (l: Block) => words(l.text) <= 12 && !/[\p{Ll}\p{N}][.!?]\s+\S|[;!?]\s*$/u.test(l.text.trim()) && !SPEAKER.test(l.text);

/**
 * Head, opener, paragraphs (or speeches) and closer, then a postscript. The first block is the head when it is a
 * short single line without final punctuation that is not an address; the block after it (or the first) is the
 * opener when it is an address line ("To the ...", with or without a colon; a salutation may follow it in the next
 * block), a short title-case line ending with ":" ("Comrade Mao Zedong:"), or a salutation ("Dear ...,",
 * "Comrades,"). From the end: postscript blocks ("P.S. ..."), then the closer: a date line and the signature lines
 * before or after it, in one block or in up to three blocks, with a short complimentary close before them ("With
 * communist greetings,"). Numbered paragraphs written on consecutive lines are separate paragraphs. A "[...]" line
 * inside the text is a gap. When two or more paragraphs open with a speaker label ("Zhang: ..."), those paragraphs
 * are speeches.
 */
export function structureBody(blocks: Block[]): BodyPart[] {
  const parts: BodyPart[] = [];
  const content = blocks.flatMap((b) => {
    const ls = lines(b);
    return ls.length > 1 && ls.every((l) => NUMBERED.test(l.text)) ? ls : [b];
  });
  let i = 0;
  const first = content[0];
  if (isText(first) && content.length > 1 && oneLine(first) && words(first.text) <= 30 && !/[.:;,!?]\s*$/.test(first.text) && !NUMBERED.test(first.text) && !isDateLine(first.text) && !ADDRESS.test(first.text) && !SALUTATION.test(first.text)) {
    parts.push({ kind: 'head', block: first });
    i = 1;
  }

  const opener = content[i];
  if (isText(opener) && content.length > i + 1 && oneLine(opener) && words(opener.text) <= 25 && !/[.!?]\s/.test(opener.text.trim())) {
    const salute = content[i + 1];
    const followedBySalute = isText(salute) && content.length > i + 2 && oneLine(salute) && words(salute.text) <= 8 && SALUTATION.test(salute.text);
    if (ADDRESS.test(opener.text) && followedBySalute) {
      parts.push({ kind: 'opener', block: opener, address: true, salute });
      i += 2;
    } else if (ADDRESS.test(opener.text) && !/:\s*$/.test(opener.text) && !/[.;,]\s*$/.test(opener.text)) {
      parts.push({ kind: 'opener', block: opener, address: true });
      i++;
    } else if ((/:\s*$/.test(opener.text) && (ADDRESS.test(opener.text) || titleCase(opener.text))) || SALUTATION.test(opener.text)) {
      parts.push({ kind: 'opener', block: opener });
      i++;
    }
  }

  let last = content.length;
  // Postscripts: the last blocks from one starting "P.S." on.
  let postscript: BodyPart | undefined;
  for (let k = last - 1; k > i; k--) {
    if (!isText(content[k])) break;
    if (POSTSCRIPT.test(content[k]!.text)) {
      postscript = { kind: 'postscript', blocks: content.slice(k, last) };
      last = k;
      break;
    }
  }

  const closer = readCloser(content, i, last);
  if (closer !== undefined) last = closer.start;

  const labelled = content.slice(i, last).filter((b) => isText(b) && SPEAKER.test(b.text)).length;
  for (; i < last; i++) {
    const b = content[i]!;
    if (MARKER.test(b.text)) {
      parts.push({ kind: 'gap', block: b });
      continue;
    }
    const speaker = labelled >= 2 ? SPEAKER.exec(b.text) : null;
    if (speaker !== null) {
      const at = speaker[0].length;
      parts.push({ kind: 'sp', speaker: { text: b.text.slice(0, at).trimEnd(), offset: b.offset }, block: { text: b.text.slice(at), offset: b.offset + at } });
      continue;
    }
    const n = NUMBERED.exec(b.text);
    parts.push(n ? { kind: 'p', block: b, n: n[1]! } : { kind: 'p', block: b });
  }
  if (closer !== undefined) parts.push(closer.part);
  if (postscript !== undefined) parts.push(postscript);
  return parts;
}

/**
 * The closer among content[from, to): the signature lines and a date line at the end of the text, in one block
 * ("Zhou Enlai / Beijing, June 1, 1962") or in several ("Consul ... / A. Testov", then "June 2, 1962"), and a short
 * complimentary close before them. TEI: a div's closing elements need a paragraph (or the like) before them.
 */
function readCloser(content: Block[], from: number, to: number): { start: number; part: BodyPart } | undefined {
  type Line = { role: 'salute' | 'signed' | 'dateline'; block: Block };
  const end = content[to - 1];
  if (!isText(end) || to - 1 <= from) return undefined;
  let start = to - 1;
  let out: Line[];
  const ls = lines(end);
  const dateFirst = isDateLine(ls[0]!.text);
  const dateLast = isDateLine(ls[ls.length - 1]!.text);
  if (ls.length > 1 && ls.length <= 5 && ls.every((l) => words(l.text) <= 12) && (dateFirst || dateLast)) {
    // One block: the date line first or last, the others are the signature.
    out = ls.map((l, k) => ({ role: (dateLast ? k === ls.length - 1 : k === 0) ? 'dateline' : 'signed', block: l }));
  } else if (ls.length === 1 && dateLast) {
    // A date line alone: the signature is in the one or two blocks before it.
    out = [{ role: 'dateline', block: ls[0]! }];
    for (let k = 0; k < 2 && start - 1 > from; k++) {
      const before = content[start - 1];
      if (!isText(before)) break;
      const sig = lines(before);
      if (sig.length > 5 || !sig.every(signatureLine) || /,\s*$/.test(before.text) || SALUTATION.test(before.text)) break;
      out.unshift(...sig.map((l): Line => ({ role: 'signed', block: l })));
      start--;
    }
  } else if (ls.length <= 5 && ls.every(signatureLine) && isDateLine(content[start - 1]?.text ?? '') && start - 1 > from && oneLine(content[start - 1]!)) {
    // The date line, then the signature block ("Beijing, June 1, 1962" / "Zhou Enlai").
    out = [{ role: 'dateline', block: lines(content[start - 1]!)[0]! }, ...ls.map((l): Line => ({ role: 'signed', block: l }))];
    start--;
  } else return undefined;
  // A short complimentary close before the signature ("With communist greetings,") belongs to the closer.
  const before = content[start - 1];
  if (start - 1 > from && isText(before) && oneLine(before) && words(before.text) <= 8 && /,\s*$/.test(before.text)) {
    out.unshift({ role: 'salute', block: before });
    start--;
  }
  if (!content.slice(from, start).some(isText)) return undefined;
  return { start, part: { kind: 'closer', lines: out } };
}

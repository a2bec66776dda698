/**
 * Notes of an archive record: numbered markers in the text ("crossing.[1] The county", "crossing.¹", "crossing.*")
 * and the numbered notes after the text (after its closing "[...]" line, or as its last paragraphs). The encoder puts
 * each note where its marker stands, as TEI P5 3.9.1 ("Notes and Simple Annotation") describes: `note
 * place="foot"` with `@n` (the marker as printed) and an `xml:id`, so that the marker itself is never text. A note
 * without a marker is kept at the end of the text (`place="end"`); a marker without a note stays as it was written.
 * Both are reported.
 */
import type { Inline, InlineElement } from './inline.js';
import type { Block } from './record.js';
import { table } from '../tables.js';

export interface RecordNote {
  /** The marker as printed ("1", "*", "†"). */
  n: string;
  /** The note's paragraphs, without the marker. */
  blocks: Block[];
  /** Offset of the marker that starts the note. */
  offset: number;
}

const SUPERSCRIPT: Readonly<Record<string, string>> = table({ '⁰': '0', '¹': '1', '²': '2', '³': '3', '⁴': '4', '⁵': '5', '⁶': '6', '⁷': '7', '⁸': '8', '⁹': '9' });

/** Superscript digits ("¹²") as the number they write ("12"). */
export function superscriptNumber(marker: string): string {
  return [...marker].map((c) => SUPERSCRIPT[c] ?? c).join('');
}

/**
 * The marker that starts a note paragraph: "[1] ", "¹ ", "* " / "† ", and after the text also "1. " and "1) "
 * (the archive's numbered endnotes); inside the text those are numbered paragraphs.
 */
function noteStart(text: string, afterText: boolean): { n: string; length: number } | undefined {
  const m = /^\s*(?:\[(\d{1,3})\]|([⁰¹²³⁴⁵⁶⁷⁸⁹]+)|(\*{1,3}|†|‡)|(\d{1,3})[.)])[ \t]+(?=\S)/u.exec(text);
  if (m === null) return undefined;
  if (m[4] !== undefined && !afterText) return undefined;
  const n = m[1] ?? (m[2] !== undefined ? superscriptNumber(m[2]) : undefined) ?? m[3] ?? m[4]!;
  return { n, length: m[0].length };
}

/** Notes among the blocks after the text: each starts with its marker, and paragraphs that follow without one belong
 * to it. Blocks before the first note are returned as `rest`. */
export function notesAfterText(blocks: readonly Block[]): { notes: RecordNote[]; rest: Block[] } {
  const notes: RecordNote[] = [];
  const rest: Block[] = [];
  for (const block of blocks) {
    const start = noteStart(block.text, true);
    if (start !== undefined) {
      notes.push({ n: start.n, offset: block.offset, blocks: [{ text: block.text.slice(start.length), offset: block.offset + start.length }] });
    } else if (notes.length > 0) notes[notes.length - 1]!.blocks.push(block);
    else rest.push(block);
  }
  return { notes, rest };
}

/** The note paragraphs that end the text itself (before its closing "[...]" line): the text's own blocks before them. */
export function notesEndingText(blocks: readonly Block[]): { notes: RecordNote[]; text: Block[] } {
  let first = blocks.length;
  while (first > 0 && noteStart(blocks[first - 1]!.text, false) !== undefined) first--;
  const notes = blocks.slice(first).map((block) => {
    const start = noteStart(block.text, false)!;
    return { n: start.n, offset: block.offset, blocks: [{ text: block.text.slice(start.length), offset: block.offset + start.length }] };
  });
  return { notes, text: blocks.slice(0, first) };
}

/** Markers in running text that are not brackets: superscript digits, and `*`, `†`, `‡` when a note of that sign
 * exists; each right after a word or a punctuation mark (so "2 * 3" is no marker). */
export function signMarkers(text: string, signs: ReadonlySet<string>): { start: number; end: number; n: string }[] {
  const out: { start: number; end: number; n: string }[] = [];
  for (const m of text.matchAll(/(?<=[\p{L}\p{N}\p{P}])(?:([⁰¹²³⁴⁵⁶⁷⁸⁹]+)|(\*{1,3}|†|‡))(?![*\p{L}\p{N}])/gu)) {
    const n = m[1] !== undefined ? superscriptNumber(m[1]) : m[2]!;
    if (m[2] !== undefined && !signs.has(n)) continue;
    out.push({ start: m.index, end: m.index + m[0].length, n });
  }
  return out;
}

/**
 * The notes of one record while its text is built: `place(n)` gives the element that stands at a marker (the note
 * itself the first time, a `ptr` to it after that, TEI P5 3.9.1 and 16.1), or undefined when no note has that marker.
 */
export class NoteTable {
  readonly signs: ReadonlySet<string>;
  private readonly entries: { note: RecordNote; id: string; content: Inline[]; used: boolean; first: boolean }[] = [];

  /** `content` builds a note's inline content (names and dates tagged as in the text). */
  constructor(notes: readonly RecordNote[], content: (note: RecordNote) => Inline[]) {
    const seen = new Set<string>();
    notes.forEach((note, i) => {
      this.entries.push({ note, id: `note-${i + 1}`, content: content(note), used: false, first: !seen.has(note.n) });
      seen.add(note.n);
    });
    this.signs = new Set(notes.map((n) => n.n).filter((n) => !/^\d+$/.test(n)));
  }

  place(n: string): InlineElement | undefined {
    const entry = this.entries.find((e) => e.first && e.note.n === n);
    if (entry === undefined) return undefined;
    if (entry.used) return { name: 'ptr', attrs: [['target', `#${entry.id}`], ['n', n]], children: [] };
    entry.used = true;
    return { name: 'note', attrs: [['place', 'foot'], ['n', n], ['xml:id', entry.id]], children: entry.content };
  }

  /** Notes no marker placed (no marker, or a second note with the same marker), kept at the end of the text. */
  unplaced(): { note: RecordNote; element: InlineElement; duplicate: boolean }[] {
    return this.entries
      .filter((e) => !e.used)
      .map((e) => ({ note: e.note, duplicate: !e.first, element: { name: 'note', attrs: [['place', 'end'], ['n', e.note.n], ['xml:id', e.id]], children: e.content } }));
  }
}

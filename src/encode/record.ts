/**
 * The layout of a Wilson Center Digital Archive record (README, teikit encode):
 *
 *   **April 21, 1962**                       date line (bold)
 *   **Cable from ..., 'Handling  ...**       title (bold; may wrap over lines ending in two spaces)
 *   **Citation:** / **Summary:** / **Credits:** / **Original Language:** / **Contents:**
 *                                            labelled sections, each followed by its blocks; any may be missing
 *                                            or come in another order
 *   [...]                                    start of the text
 *   head, opener, paragraphs, closer         the translated document
 *   [...]                                    end of the text
 *
 * Blocks are runs of non-blank lines. Unusable records (empty, binary, no title, no body, an unreadable date
 * line) throw a `TeikitError` (exit code 1) at the line concerned; everything else that looks wrong is a warning.
 */
import { diagnostic, TeikitError, type Diagnostic } from '../diagnostics.js';
import { parseCitation, parseFunders, type Citation } from './citation.js';
import { parseDatePhrase, type DateValue } from './dates.js';
import { language, languages, type Language } from './languages.js';
import { notesAfterText, notesEndingText, type RecordNote } from './notes.js';
import { SourceText } from './positions.js';
import { MARKER, structureBody, type Block, type BodyPart } from './structure.js';

export type { Block, BodyPart } from './structure.js';
export { titleCase } from './structure.js';


export interface Section {
  label: string;
  known: boolean;
  offset: number;
  blocks: Block[];
}


export interface ArchiveRecord {
  file: string;
  source: SourceText;
  title: string;
  titleOffset: number;
  date?: { text: string; value: DateValue; offset: number };
  citation?: Citation;
  summary: string[];
  credits?: string;
  funders: string[];
  originalLanguages: Language[];
  /** Language of the text (Contents: "Translation - English"); English when not stated. */
  textLanguage: Language;
  /** Lines of the Contents section as written. */
  contents: string[];
  /** Sections with labels the encoder does not know, kept as notes. */
  otherSections: { label: string; text: string[] }[];
  /** "cable", "letter", "memorandum", "record-of-conversation"...: from the title; "document" when unknown. */
  documentType: string;
  body: BodyPart[];
  /** Numbered notes after the text (or ending it), to be placed at their markers (notes.ts). */
  notes: RecordNote[];
  diagnostics: Diagnostic[];
}

export interface ParseRecordOptions {
  /** Name used in diagnostics (default "record.txt"). */
  file?: string;
}

/** Section labels of the archive's layout; others are kept (as notes) with a warning. */
export const KNOWN_SECTIONS = ['Citation', 'Summary', 'Credits', 'Original Language', 'Contents'] as const;

/** Document types recognised at the start of a title, longest first. */
const DOCUMENT_TYPES = [
  'Memorandum of Conversation', 'Record of Conversation', 'Minutes of Conversation', 'Transcript of Conversation',
  'Cable', 'Telegram', 'Letter', 'Memorandum', 'Record', 'Minutes', 'Report', 'Notes', 'Note', 'Speech', 'Diary',
  'Directive', 'Instruction', 'Instructions', 'Resolution', 'Transcript', 'Conversation', 'Statement', 'Decree',
  'Information', 'Protocol', 'Summary', 'Draft', 'Excerpt', 'Telegraph', 'Message', 'Communique', 'Order',
];

const LABEL = /^\s*\*\*\s*([^*\n]{1,60}?)\s*:\s*\*\*\s*$|^\s*\*\*\s*([^*\n]{1,60}?)\s*\*\*\s*:\s*$/;
const PLAIN_LABEL = new RegExp(`^\\s*(${KNOWN_SECTIONS.join('|')})\\s*:\\s*$`, 'i');

function fail(source: SourceText, offset: number, message: string, ruleId: string): never {
  const { line, column } = source.position(offset);
  throw new TeikitError(diagnostic({ file: source.file, line, column, message, ruleId, source: 'encode' }));
}

/** Decode bytes as UTF-8 text (Windows-1252 when they are not UTF-8), refusing binary data (control characters). */
function decode(input: string | Uint8Array, file: string): { text: string; notUtf8?: number } {
  let text: string;
  let notUtf8: number | undefined;
  if (typeof input === 'string') text = input;
  else {
    try {
      text = new TextDecoder('utf-8', { fatal: true }).decode(input);
    } catch {
      // Not UTF-8: an older export in Windows-1252 reads as text (control characters still mark binary data below).
      text = new TextDecoder('windows-1252').decode(input);
      const bad = new TextDecoder('utf-8').decode(input).indexOf('\uFFFD');
      notUtf8 = Math.max(bad, 0);
    }
  }
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  text = text.replace(/\r\n?/g, '\n');
  const control = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F\uFFFE\uFFFF]/.exec(text);
  if (control) {
    fail(new SourceText(text, file), control.index, `not a text record: control character U+${control[0].charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')} (binary data?)`, 'encode/binary');
  }
  return notUtf8 === undefined ? { text } : { text, notUtf8 };
}

function blocksOf(text: string): Block[] {
  const blocks: Block[] = [];
  let start = -1;
  let end = -1;
  let offset = 0;
  for (const line of text.split('\n')) {
    if (line.trim() === '') {
      if (start >= 0) blocks.push({ text: text.slice(start, end), offset: start });
      start = -1;
    } else {
      if (start < 0) start = offset;
      end = offset + line.length;
    }
    offset += line.length + 1;
  }
  if (start >= 0) blocks.push({ text: text.slice(start, end), offset: start });
  return blocks;
}

/** A block without its markdown bold markers, as one line (lines joined by single spaces). */
function plain(block: Block): string {
  return block.text
    .split('\n')
    .map((l) => l.trim())
    .join(' ')
    .replace(/^\*\*\s*/, '')
    .replace(/\s*\*\*$/, '')
    .replace(/\\([\\`*_{}[\]()#+\-.!<>])/g, '$1')
    .replace(/\s+/g, ' ')
    .trim();
}

function label(block: Block): string | undefined {
  if (block.text.includes('\n')) return undefined;
  const m = LABEL.exec(block.text) ?? PLAIN_LABEL.exec(block.text);
  if (!m) return undefined;
  const l = (m[1] ?? m[2])!.trim();
  return l.split(/\s+/).length <= 4 ? l : undefined;
}

export function parseRecord(input: string | Uint8Array, options: ParseRecordOptions = {}): ArchiveRecord {
  const file = options.file ?? 'record.txt';
  const { text, notUtf8 } = decode(input, file);
  const source = new SourceText(text, file);
  if (text.trim() === '') fail(source, 0, 'empty record: no date line, title or text', 'encode/empty');
  const diagnostics: Diagnostic[] = [];
  const warn = (offset: number, message: string, ruleId: string) => diagnostics.push(source.report(offset, message, ruleId));
  if (notUtf8 !== undefined) warn(notUtf8, 'the record is not UTF-8; it was read as Windows-1252', 'encode/encoding');

  // 1. Split into header blocks, sections and the body between the first and the last "[...]" line.
  const { blocks, firstMarker, headerBlocks, bodyBlocks, afterText, lead, sections } = layout(text, warn);

  // 2. Date line and title.
  let date: ArchiveRecord['date'];
  let titleBlock: Block | undefined;
  if (lead.length >= 2) {
    const dateText = plain(lead[0]!);
    const value = parseDatePhrase(dateText);
    if (value === undefined) fail(source, lead[0]!.offset, `cannot read the date line "${dateText}" (expected e.g. "April 21, 1962", "21 April 1962", "July 1962" or "1962")`, 'encode/date-line');
    date = { text: dateText, value, offset: lead[0]!.offset };
    titleBlock = lead[1];
    for (const extra of lead.slice(2)) warn(extra.offset, 'unexpected text between the title and the first section; kept as a note', 'encode/unexpected-text');
  } else if (lead.length === 1) {
    const only = plain(lead[0]!);
    const value = parseDatePhrase(only);
    if (value !== undefined) date = { text: only, value, offset: lead[0]!.offset };
    else titleBlock = lead[0];
  }

  const section = (name: string) => sections.find((s) => s.label === name);
  for (const s of sections) {
    if (!s.known) warn(s.offset, `unknown section "${s.label}:" (known: ${KNOWN_SECTIONS.join(', ')}); its text is kept as a note`, 'encode/unknown-section');
    if (sections.filter((o) => o.label === s.label).length > 1 && sections.find((o) => o.label === s.label) !== s) {
      warn(s.offset, `section "${s.label}:" appears twice; the first one is used and this one is kept as a note`, 'encode/duplicate-section');
    }
  }

  const citationSection = section('Citation');
  const citation = citationSection && citationSection.blocks.length > 0 ? parseCitation(citationSection.blocks.map(plain).join(' ')) : undefined;
  if (citation && !citation.parsed) {
    warn(citationSection!.blocks[0]!.offset, 'the citation is not in the form "TITLE", DATE, Wilson Center Digital Archive, CALL NUMBER. ...; kept as written', 'encode/citation');
  }

  if (citation?.badUrl !== undefined) {
    warn(citationSection!.blocks[0]!.offset, `the citation's link "${citation.badUrl}" is not a valid URL; kept as text only`, 'encode/citation');
  }

  let title = titleBlock ? plain(titleBlock) : '';
  let titleOffset = titleBlock?.offset ?? 0;
  if (title === '' && citation?.title) {
    title = citation.title;
    titleOffset = citationSection!.blocks[0]!.offset;
    warn(titleOffset, 'no title line; the title is taken from the citation', 'encode/title-from-citation');
  }
  if (title === '') fail(source, lead[0]?.offset ?? headerBlocks[0]?.offset ?? 0, 'the record has no title (expected a bold title line after the date line)', 'encode/no-title');
  if (date === undefined && citation?.dateText) {
    const value = parseDatePhrase(citation.dateText);
    if (value) {
      date = { text: citation.dateText, value, offset: citationSection!.blocks[0]!.offset };
      warn(titleOffset, 'no date line; the date is taken from the citation', 'encode/date-from-citation');
    }
  }
  if (date === undefined) warn(titleOffset, 'the record has no date line; the edition carries no date', 'encode/no-date');

  const summary = section('Summary')?.blocks.map(plain) ?? [];
  const creditsSection = section('Credits');
  const credits = creditsSection && creditsSection.blocks.length > 0 ? creditsSection.blocks.map(plain).join(' ') : undefined;
  const funders = credits === undefined ? [] : parseFunders(credits);

  const { originalLanguages, contents, textLanguage } = readLanguages(section('Original Language'), section('Contents'), warn);

  const otherSections = sections
    .filter((s) => !s.known || section(s.label) !== s)
    .map((s) => ({ label: s.label, text: s.blocks.map(plain) }));
  for (const extra of lead.slice(2)) otherSections.push({ label: 'header', text: [plain(extra)] });
  if (afterText.rest.length > 0) otherSections.push({ label: 'after-text', text: afterText.rest.map(plain) });

  // 3. The body.
  if (bodyBlocks.filter((b) => !MARKER.test(b.text)).length === 0) {
    const at = firstMarker === undefined ? (headerBlocks[headerBlocks.length - 1]?.offset ?? 0) : blocks[firstMarker]!.offset;
    fail(source, at, firstMarker === undefined ? 'the record has no text: no "[...]" line starts the document' : 'the record has no text between its "[...]" lines', 'encode/no-body');
  }
  const ending = notesEndingText(bodyBlocks);
  const notes = [...ending.notes, ...afterText.notes];
  const body = structureBody(ending.text);

  const type = DOCUMENT_TYPES.find((t) => title.toLowerCase().startsWith(t.toLowerCase() + ' ') || title.toLowerCase() === t.toLowerCase());
  const documentType = type ? type.toLowerCase().replace(/\s+/g, '-') : 'document';

  return {
    file, source, title, titleOffset,
    ...(date ? { date } : {}),
    ...(citation ? { citation } : {}),
    summary,
    ...(credits !== undefined ? { credits } : {}),
    funders, originalLanguages, textLanguage, contents, otherSections, documentType, body, notes, diagnostics,
  };
}

type Warn = (offset: number, message: string, ruleId: string) => void;

/**
 * The record's layout: its blocks, the header (a lead of date and title lines, then labelled sections) before the
 * first "[...]" line, the body up to the last one, and what follows it (the text's notes, and anything else).
 */
function layout(text: string, warn: Warn) {
  const blocks = blocksOf(text);
  const markers = blocks.map((b, i) => (MARKER.test(b.text) ? i : -1)).filter((i) => i >= 0);
  const firstMarker = markers[0];
  const lastMarker = markers.length > 1 ? markers[markers.length - 1]! : undefined;
  const headerBlocks = firstMarker === undefined ? blocks : blocks.slice(0, firstMarker);
  const bodyBlocks = firstMarker === undefined ? [] : blocks.slice(firstMarker + 1, lastMarker ?? blocks.length);
  if (firstMarker !== undefined && lastMarker === undefined) {
    warn(blocks[firstMarker]!.offset, 'the text has no closing "[...]" line; it is taken to run to the end of the record', 'encode/no-end-marker');
  }
  // After the closing "[...]" line: the text's notes, and anything else (kept in the header, with a warning).
  const afterText = notesAfterText(lastMarker === undefined ? [] : blocks.slice(lastMarker + 1).filter((b) => !MARKER.test(b.text)));
  if (afterText.rest.length > 0) {
    const after = afterText.rest;
    warn(after[0]!.offset, `text after the closing "[...]" line (${after.length} block${after.length > 1 ? 's' : ''}) is not part of the document; kept as a note`, 'encode/after-end-marker');
  }

  const lead: Block[] = [];
  const sections: Section[] = [];
  for (const block of headerBlocks) {
    const l = label(block);
    if (l !== undefined) {
      const known = KNOWN_SECTIONS.find((k) => k.toLowerCase() === l.toLowerCase());
      sections.push({ label: known ?? l, known: known !== undefined, offset: block.offset, blocks: [] });
    } else if (sections.length > 0) sections[sections.length - 1]!.blocks.push(block);
    else lead.push(block);
  }

  return { blocks, firstMarker, headerBlocks, bodyBlocks, afterText, lead, sections };
}

/** The languages of the original ("Original Language:") and of the text ("Contents:", "Translation - English"). */
function readLanguages(originalSection: Section | undefined, contentsSection: Section | undefined, warn: Warn) {
  const originalLanguages = originalSection ? languages(originalSection.blocks.map(plain).join(', ')) : [];
  for (const l of originalLanguages) if (!l.known) warn(originalSection!.offset, `unknown language "${l.name}"; written as "und" (undetermined)`, 'encode/language');

  const contents = contentsSection?.blocks.flatMap((b) => b.text.split('\n').map((l) => l.trim().replace(/\s+$/, ''))).filter((l) => l !== '') ?? [];
  let textLanguage = language('English');
  // "Translation - English" names the text's language; a record with only a transcript: "Transcript - Chinese".
  const translation =
    contents.map((l) => /^Translation\s*[-–—:]\s*(.+)$/i.exec(l)).find((m) => m !== null) ??
    contents.map((l) => /^(?:Transcript|Transcription)\s*[-–—:]\s*(.+)$/i.exec(l)).find((m) => m !== null);
  if (translation) {
    textLanguage = language(translation[1]!);
    if (!textLanguage.known) warn(contentsSection!.offset, `unknown language "${textLanguage.name}"; written as "und" (undetermined)`, 'encode/language');
  }

  return { originalLanguages, contents, textLanguage };
}

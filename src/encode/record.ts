/**
 * What an archive record says (README, teikit encode): its date line and title, its sections (citation, summary,
 * credits, languages, contents), its body and notes, read from the blocks that ./layout.ts finds. Unusable records
 * (empty, binary, no title, no body, an unreadable date line) throw a `TeikitError` (exit code 1) at the line
 * concerned; everything else that looks wrong is a warning.
 */
import type { Diagnostic } from '../diagnostics.js';
import { parseCitation, parseFunders, type Citation } from './citation.js';
import { parseDatePhrase, type DateValue } from './dates.js';
import { language, languages, type Language } from './languages.js';
import { decodeRecord, fail, KNOWN_SECTIONS, layout, plain, type Section, type Warn } from './layout.js';
import { notesEndingText, type RecordNote } from './notes.js';
import { SourceText } from './positions.js';
import { MARKER, structureBody, type Block, type BodyPart } from './structure.js';

export type { Block, BodyPart } from './structure.js';
export { titleCase } from './structure.js';
export { KNOWN_SECTIONS } from './layout.js';

export interface ArchiveRecord {
  file: string;
  source: SourceText;
  title: string;
  titleOffset: number;
  date?: RecordDate;
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

interface RecordDate {
  text: string;
  value: DateValue;
  offset: number;
}

export interface ParseRecordOptions {
  /** Name used in diagnostics (default "record.txt"). */
  file?: string;
}

/** Document types recognised at the start of a title, longest first. */
const DOCUMENT_TYPES = [
  'Memorandum of Conversation', 'Record of Conversation', 'Minutes of Conversation', 'Transcript of Conversation',
  'Cable', 'Telegram', 'Letter', 'Memorandum', 'Record', 'Minutes', 'Report', 'Notes', 'Note', 'Speech', 'Diary',
  'Directive', 'Instruction', 'Instructions', 'Resolution', 'Transcript', 'Conversation', 'Statement', 'Decree',
  'Information', 'Protocol', 'Summary', 'Draft', 'Excerpt', 'Telegraph', 'Message', 'Communique', 'Order',
];

export function parseRecord(input: string | Uint8Array, options: ParseRecordOptions = {}): ArchiveRecord {
  const file = options.file ?? 'record.txt';
  const { text, notUtf8 } = decodeRecord(input, file);
  const source = new SourceText(text, file);
  if (text.trim() === '') fail(source, 0, 'empty record: no date line, title or text', 'encode/empty');
  const diagnostics: Diagnostic[] = [];
  const warn: Warn = (offset, message, ruleId) => diagnostics.push(source.report(offset, message, ruleId));
  if (notUtf8 !== undefined) warn(notUtf8, 'the record is not UTF-8; it was read as Windows-1252', 'encode/encoding');

  // 1. Split into header blocks, sections and the body between the first and the last "[...]" line.
  const parts = layout(text, warn);
  const { lead, sections, afterText } = parts;
  // 2. The header: date line, title and sections, the citation standing in for a missing title or date.
  const header = readLead(lead, source, warn);
  const section = firstSections(sections, warn);
  const citationSection = section('Citation');
  const citation = readCitation(citationSection, warn);
  const { title, titleOffset } = titleOf(header.titleBlock, citation, citationSection, warn);
  if (title === '') fail(source, lead[0]?.offset ?? parts.headerBlocks[0]?.offset ?? 0, 'the record has no title (expected a bold title line after the date line)', 'encode/no-title');
  const date = header.date ?? dateFromCitation(citation, citationSection, titleOffset, warn);
  if (date === undefined) warn(titleOffset, 'the record has no date line; the edition carries no date', 'encode/no-date');

  const summary = section('Summary')?.blocks.map(plain) ?? [];
  const creditsSection = section('Credits');
  const credits = creditsSection && creditsSection.blocks.length > 0 ? creditsSection.blocks.map(plain).join(' ') : undefined;
  const funders = credits === undefined ? [] : parseFunders(credits);
  const { originalLanguages, contents, textLanguage } = readLanguages(section('Original Language'), section('Contents'), warn);

  // Whatever the encoder does not read is kept, as notes of the header.
  const otherSections = sections.filter((s) => !s.known || section(s.label) !== s).map((s) => ({ label: s.label, text: s.blocks.map(plain) }));
  for (const extra of lead.slice(2)) otherSections.push({ label: 'header', text: [plain(extra)] });
  if (afterText.rest.length > 0) otherSections.push({ label: 'after-text', text: afterText.rest.map(plain) });

  // 3. The body and its notes.
  const { body, notes } = readBody(parts, source);

  return {
    file, source, title, titleOffset,
    ...(date ? { date } : {}),
    ...(citation ? { citation } : {}),
    summary,
    ...(credits !== undefined ? { credits } : {}),
    funders, originalLanguages, textLanguage, contents, otherSections, documentType: documentTypeOf(title), body, notes, diagnostics,
  };
}

/**
 * The lead before the first section: a date line and a title (more blocks are warned about and kept as notes), or
 * one block that is the date line if it reads as a date, else the title.
 */
function readLead(lead: readonly Block[], source: SourceText, warn: Warn): { date?: RecordDate; titleBlock?: Block } {
  if (lead.length >= 2) {
    const text = plain(lead[0]!);
    const value = parseDatePhrase(text);
    if (value === undefined) fail(source, lead[0]!.offset, `cannot read the date line "${text}" (expected e.g. "April 21, 1962", "21 April 1962", "July 1962" or "1962")`, 'encode/date-line');
    for (const extra of lead.slice(2)) warn(extra.offset, 'unexpected text between the title and the first section; kept as a note', 'encode/unexpected-text');
    return { date: { text, value, offset: lead[0]!.offset }, titleBlock: lead[1]! };
  }
  if (lead.length === 1) {
    const text = plain(lead[0]!);
    const value = parseDatePhrase(text);
    return value !== undefined ? { date: { text, value, offset: lead[0]!.offset } } : { titleBlock: lead[0]! };
  }
  return {};
}

/** Warns about unknown and repeated sections; returns the lookup of the first section of each label. */
function firstSections(sections: readonly Section[], warn: Warn): (label: string) => Section | undefined {
  const first = new Map<string, Section>();
  for (const s of sections) {
    if (!s.known) warn(s.offset, `unknown section "${s.label}:" (known: ${KNOWN_SECTIONS.join(', ')}); its text is kept as a note`, 'encode/unknown-section');
    if (first.has(s.label)) warn(s.offset, `section "${s.label}:" appears twice; the first one is used and this one is kept as a note`, 'encode/duplicate-section');
    else first.set(s.label, s);
  }
  return (label) => first.get(label);
}

/** The Citation section, read (warned about when it is not in the archive's form or its link is not a URL). */
function readCitation(citationSection: Section | undefined, warn: Warn): Citation | undefined {
  if (citationSection === undefined || citationSection.blocks.length === 0) return undefined;
  const citation = parseCitation(citationSection.blocks.map(plain).join(' '));
  const at = citationSection.blocks[0]!.offset;
  if (!citation.parsed) warn(at, 'the citation is not in the form "TITLE", DATE, Wilson Center Digital Archive, CALL NUMBER. ...; kept as written', 'encode/citation');
  if (citation.badUrl !== undefined) warn(at, `the citation's link "${citation.badUrl}" is not a valid URL; kept as text only`, 'encode/citation');
  return citation;
}

/** The title: the title line, else the citation's title (with a warning); '' when there is neither. */
function titleOf(titleBlock: Block | undefined, citation: Citation | undefined, citationSection: Section | undefined, warn: Warn): { title: string; titleOffset: number } {
  const title = titleBlock ? plain(titleBlock) : '';
  if (title !== '' || !citation?.title) return { title, titleOffset: titleBlock?.offset ?? 0 };
  const titleOffset = citationSection!.blocks[0]!.offset;
  warn(titleOffset, 'no title line; the title is taken from the citation', 'encode/title-from-citation');
  return { title: citation.title, titleOffset };
}

/** Without a date line: the citation's date, if it reads as one (with a warning). */
function dateFromCitation(citation: Citation | undefined, citationSection: Section | undefined, titleOffset: number, warn: Warn): RecordDate | undefined {
  if (!citation?.dateText) return undefined;
  const value = parseDatePhrase(citation.dateText);
  if (!value) return undefined;
  warn(titleOffset, 'no date line; the date is taken from the citation', 'encode/date-from-citation');
  return { text: citation.dateText, value, offset: citationSection!.blocks[0]!.offset };
}

/** The body between the "[...]" lines, as head, opener, paragraphs and closer, and the notes ending or after it. */
function readBody(parts: ReturnType<typeof layout>, source: SourceText): { body: BodyPart[]; notes: RecordNote[] } {
  const { blocks, firstMarker, headerBlocks, bodyBlocks, afterText } = parts;
  if (bodyBlocks.filter((b) => !MARKER.test(b.text)).length === 0) {
    const at = firstMarker === undefined ? (headerBlocks[headerBlocks.length - 1]?.offset ?? 0) : blocks[firstMarker]!.offset;
    fail(source, at, firstMarker === undefined ? 'the record has no text: no "[...]" line starts the document' : 'the record has no text between its "[...]" lines', 'encode/no-body');
  }
  const ending = notesEndingText(bodyBlocks);
  return { body: structureBody(ending.text), notes: [...ending.notes, ...afterText.notes] };
}

/** "cable", "memorandum-of-conversation", ...: the document type the title starts with, else "document". */
function documentTypeOf(title: string): string {
  const lower = title.toLowerCase();
  const type = DOCUMENT_TYPES.find((t) => lower.startsWith(t.toLowerCase() + ' ') || lower === t.toLowerCase());
  return type ? type.toLowerCase().replace(/\s+/g, '-') : 'document';
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

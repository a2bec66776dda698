/**
 * The layout of a Wilson Center Digital Archive record (README, teikit encode), before anything in it is read:
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
 * Blocks are runs of non-blank lines. This module turns the record's bytes into text and the text into blocks:
 * the lead (date and title lines), the sections, the body and what follows it. What the blocks say is read by
 * ./record.ts.
 */
import { diagnostic, TeikitError } from '../diagnostics.js';
import { notesAfterText } from './notes.js';
import { SourceText } from './positions.js';
import { MARKER, type Block } from './structure.js';

export interface Section {
  label: string;
  known: boolean;
  offset: number;
  blocks: Block[];
}

/** Section labels of the archive's layout; others are kept (as notes) with a warning. */
export const KNOWN_SECTIONS = ['Citation', 'Summary', 'Credits', 'Original Language', 'Contents'] as const;

const LABEL = /^\s*\*\*\s*([^*\n]{1,60}?)\s*:\s*\*\*\s*$|^\s*\*\*\s*([^*\n]{1,60}?)\s*\*\*\s*:\s*$/;
const PLAIN_LABEL = new RegExp(`^\\s*(${KNOWN_SECTIONS.join('|')})\\s*:\\s*$`, 'i');

/** A warning of the encoder at an offset of the record. */
export type Warn = (offset: number, message: string, ruleId: string) => void;

/** An unusable record: a `TeikitError` (exit code 1) at `offset`. */
export function fail(source: SourceText, offset: number, message: string, ruleId: string): never {
  const { line, column } = source.position(offset);
  throw new TeikitError(diagnostic({ file: source.file, line, column, message, ruleId, source: 'encode' }));
}

/**
 * The record's text: UTF-8 (Windows-1252 when the bytes are not UTF-8, with the offset of the first byte that is
 * not), without a byte order mark, with `\n` line ends. Binary data (control characters) is refused.
 */
export function decodeRecord(input: string | Uint8Array, file: string): { text: string; notUtf8?: number } {
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
export function plain(block: Block): string {
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

/**
 * The record's layout: its blocks, the header (a lead of date and title lines, then labelled sections) before the
 * first "[...]" line, the body up to the last one, and what follows it (the text's notes, and anything else).
 */
export function layout(text: string, warn: Warn) {
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

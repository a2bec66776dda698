/**
 * Output formats: `table` (aligned for a terminal, long cells truncated), `csv` (RFC 4180: header row, CRLF line
 * ends, fields with comma, quote, CR or LF quoted and quotes doubled), `json` (an array of `Mention` objects,
 * schemas/query-result.schema.json) and `kwic` (keyword in context, aligned on the keyword).
 * Widths count East Asian wide and fullwidth characters as two columns (UAX #11), so CJK rows stay aligned.
 */
import { MENTION_FIELD_NAMES } from './mention-row.js';
import { printable } from '../diagnostics.js';
import type { Mention } from './types.js';

export type OutputFormat = 'table' | 'csv' | 'json' | 'kwic';

/** Columns of CSV output, in order. `names` is joined with " | ". */
export const CSV_COLUMNS: ReadonlyArray<keyof Mention> = MENTION_FIELD_NAMES;

export function formatMentions(mentions: readonly Mention[], format: OutputFormat): string {
  switch (format) {
    case 'json':
      return JSON.stringify(mentions, null, 2) + '\n';
    case 'csv':
      return formatCsv(mentions);
    case 'kwic':
      return formatKwic(mentions);
    case 'table':
      return formatTable(mentions);
  }
}

function csvField(value: unknown): string {
  const s = value === null || value === undefined ? '' : Array.isArray(value) ? value.join(' | ') : String(value);
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export function formatCsv(mentions: readonly Mention[]): string {
  const lines = [CSV_COLUMNS.join(',')];
  for (const m of mentions) lines.push(CSV_COLUMNS.map((c) => csvField(m[c])).join(','));
  return lines.join('\r\n') + '\r\n';
}

/** Display width of one code point: 2 for East Asian Wide/Fullwidth ranges, 0 for combining marks. */
function charWidth(cp: number): number {
  if (cp < 0x300) return 1;
  if ((cp >= 0x300 && cp <= 0x36f) || (cp >= 0x200b && cp <= 0x200f) || cp === 0x3099 || cp === 0x309a) return 0;
  if (
    (cp >= 0x1100 && cp <= 0x115f) || (cp >= 0x2e80 && cp <= 0x303e) || (cp >= 0x3041 && cp <= 0x33ff) ||
    (cp >= 0x3400 && cp <= 0x4dbf) || (cp >= 0x4e00 && cp <= 0x9fff) || (cp >= 0xa000 && cp <= 0xa4cf) ||
    (cp >= 0xac00 && cp <= 0xd7a3) || (cp >= 0xf900 && cp <= 0xfaff) || (cp >= 0xfe30 && cp <= 0xfe4f) ||
    (cp >= 0xff00 && cp <= 0xff60) || (cp >= 0xffe0 && cp <= 0xffe6) || (cp >= 0x1f300 && cp <= 0x1faff) ||
    (cp >= 0x20000 && cp <= 0x3fffd)
  ) return 2;
  return 1;
}

export function displayWidth(s: string): number {
  let w = 0;
  for (const ch of s) w += charWidth(ch.codePointAt(0)!);
  return w;
}

/** Cut to `max` columns, marking the cut with "…" at the end (or at the start when `fromStart`). */
export function truncate(s: string, max: number, fromStart = false): string {
  if (displayWidth(s) <= max) return s;
  const chars = Array.from(s);
  if (fromStart) chars.reverse();
  const out: string[] = [];
  let w = 1;
  for (const ch of chars) {
    const cw = charWidth(ch.codePointAt(0)!);
    if (w + cw > max) break;
    out.push(ch);
    w += cw;
  }
  if (fromStart) return '…' + out.reverse().join('');
  return out.join('') + '…';
}

/** The widest of `cells` (a loop: `Math.max(...cells)` overflows the stack for 10^5 rows). */
function widest(cells: readonly string[], least = 0): number {
  let w = least;
  for (const cell of cells) w = Math.max(w, displayWidth(cell));
  return w;
}

function pad(s: string, width: number, right = false): string {
  const fill = ' '.repeat(Math.max(0, width - displayWidth(s)));
  return right ? fill + s : s + fill;
}

const TABLE_COLUMNS: Array<{ head: string; max: number; cell: (m: Mention) => string; fromStart?: boolean }> = [
  { head: 'FILE:LINE:COL', max: 48, cell: (m) => `${m.file}:${m.line}:${m.column}`, fromStart: true },
  { head: 'ELEMENT', max: 12, cell: (m) => m.element },
  { head: 'SURFACE', max: 30, cell: (m) => m.surface },
  { head: 'ENTRY', max: 28, cell: (m) => m.entry ?? (m.pointer === null ? '' : `(${m.pointer})`) },
  // The words around the mention, which a reader of the table needs most; the surface form between « ».
  { head: 'CONTEXT', max: 72, cell: (m) => inContext(truncate(m.left, 30, true), m.surface, truncate(m.right, 30)) },
  { head: 'NAMES', max: 40, cell: (m) => (m.kind === 'dates' ? [m.when ?? `${m.from ?? m.notBefore ?? '..'}/${m.to ?? m.notAfter ?? '..'}`] : m.names).join(', ') },
  { head: 'DATE', max: 12, cell: (m) => m.date ?? '' },
  { head: 'TITLE', max: 30, cell: (m) => m.title ?? '' },
];

/** `left «surface» right`, with no space inside brackets or before punctuation ("[«Ili»]", "«Union»,"). */
function inContext(left: string, surface: string, right: string): string {
  const before = left === '' || /[[(]$/.test(left) ? left : `${left} `;
  const after = right === '' || /^[\]),.;:!?]/.test(right) ? right : ` ${right}`;
  return `${before}«${surface}»${after}`;
}

export function formatTable(mentions: readonly Mention[]): string {
  const rows = mentions.map((m) => TABLE_COLUMNS.map((c) => truncate(printable(c.cell(m).replace(/[\r\n\t]+/g, ' ')), c.max, c.fromStart ?? false)));
  const widths = TABLE_COLUMNS.map((c, i) => widest(rows.map((r) => r[i]!), displayWidth(c.head)));
  const line = (cells: string[]): string => cells.map((cell, i) => (i === cells.length - 1 ? cell : pad(cell, widths[i]!))).join('  ').trimEnd();
  const out = [line(TABLE_COLUMNS.map((c) => c.head)), ...rows.map(line)];
  const files = new Set(mentions.map((m) => m.file)).size;
  out.push(`${mentions.length} mention${mentions.length === 1 ? '' : 's'} in ${files} file${files === 1 ? '' : 's'}`);
  return out.join('\n') + '\n';
}

/** `FILE:LINE:COL  ...left context  [surface]  right context...`, the keyword column aligned. */
export function formatKwic(mentions: readonly Mention[]): string {
  const locations = mentions.map((m) => truncate(printable(`${m.file}:${m.line}:${m.column}`), 48, true));
  const lefts = mentions.map((m) => truncate(printable(m.left), 50, true));
  const keys = mentions.map((m) => truncate(printable(m.surface), 30));
  const lw = widest(locations);
  const leftW = widest(lefts);
  const kw = widest(keys);
  const out = mentions.map((m, i) => `${pad(locations[i]!, lw)}  ${pad(lefts[i]!, leftW, true)}  ${pad(keys[i]!, kw)}  ${truncate(printable(m.right), 50)}`.trimEnd());
  return out.join('\n') + (out.length > 0 ? '\n' : '');
}

/**
 * `--format json` (an array of `CatalogRecord`, schemas/catalog.schema.json) and `--format csv` (RFC 4180: a header
 * row, CRLF line ends, fields with a comma, quote, CR or LF quoted and quotes doubled; lists joined with " | ").
 */
import type { Agent, CatalogRecord, Identifier } from './types.js';

const agents = (list: Agent[]): string => list.map((a) => a.name).join(' | ');
const agentIds = (list: Agent[]): string => list.map((a) => [...a.refs, ...a.identifiers.map(identifier)].join(' ')).join(' | ');
const identifier = (i: Identifier): string => (i.type === null ? i.value : `${i.type}:${i.value}`);

/** CSV columns, in order, with how each cell is made from a record. */
export const CATALOG_CSV_COLUMNS: ReadonlyArray<readonly [string, (r: CatalogRecord) => string | number | null]> = [
  ['file', (r) => r.file],
  ['member', (r) => r.member],
  ['corpus', (r) => r.corpus],
  ['id', (r) => r.id],
  ['title', (r) => r.title],
  ['subtitle', (r) => r.subtitle],
  ['authors', (r) => agents(r.authors)],
  ['author_ids', (r) => agentIds(r.authors)],
  ['editors', (r) => agents(r.editors)],
  ['editor_ids', (r) => agentIds(r.editors)],
  ['translators', (r) => agents(r.translators)],
  ['translator_ids', (r) => agentIds(r.translators)],
  ['date', (r) => r.date],
  ['published', (r) => r.published],
  ['languages', (r) => r.languages.join(' | ')],
  ['licence', (r) => r.licence?.text ?? null],
  ['licence_url', (r) => r.licence?.target ?? null],
  ['publisher', (r) => r.publisher],
  ['identifiers', (r) => r.identifiers.map(identifier).join(' | ')],
  ['url', (r) => r.url],
  ['source', (r) => r.source],
  ['words', (r) => r.words],
  ['genre', (r) => r.genre],
  ['schema', (r) => r.schema],
  ['verdict', (r) => r.verdict],
  ['letters', (r) => r.correspondence.length],
];

function field(value: string | number | null): string {
  const s = value === null ? '' : String(value);
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export function catalogCsv(records: readonly CatalogRecord[]): string {
  const lines = [CATALOG_CSV_COLUMNS.map(([name]) => name).join(',')];
  for (const r of records) lines.push(CATALOG_CSV_COLUMNS.map(([, get]) => field(get(r))).join(','));
  return lines.join('\r\n') + '\r\n';
}

export function catalogJson(records: readonly CatalogRecord[]): string {
  return JSON.stringify(records, null, 2) + '\n';
}

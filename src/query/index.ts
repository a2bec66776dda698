export { buildIndex, type IndexReport, type IndexOptions } from './build.js';
export { queryIndex, INDEX_SCHEMA, INDEX_VERSION, type IndexQueryOptions } from './db.js';
export { extractMentions, documentDate, documentTitle, type ExtractedMention, type ExtractOptions, type FileExtract } from './extract.js';
export { nameKeys, refKeys } from './keys.js';
export { formatMentions, formatCsv, formatKwic, formatTable, displayWidth, CSV_COLUMNS, type OutputFormat } from './format.js';
export { normalizeName } from './normalize.js';
export { RegisterCache, collectRegister, resolvePointer, type Register, type Resolution } from './registers.js';
export { queryFiles, type ScanOptions } from './scan.js';
export { QUERY_KINDS, type EntryKind, type Mention, type Query, type QueryKind, type QueryResult, type RegisterEntry } from './types.js';

// teikit's public API: named exports only. test/api.test.ts pins this list.
export { diagnostic, formatDiagnostic, hasErrors, TeikitError } from './diagnostics.js';
export type { Diagnostic, DiagnosticSource, Severity } from './diagnostics.js';
export { parseXml, serializeXml, tryParseXml } from './xml/index.js';
export type { XmlAttribute, XmlDocument, XmlElement, XmlNode, ParseOptions, ParseResult } from './xml/index.js';
export { checkAuthority, editionSchemaHref, encodeRecord, findDates, loadAuthority, parseCitation, parseDatePhrase, parseFunders, parseRecord } from './encode/index.js';
export type { ArchiveRecord, Authority, AuthorityCheck, AuthorityEntity, AuthorityName, Citation, DateMatch, DateValue, EncodeOptions, EncodeResult, EntityKind, ParseRecordOptions } from './encode/index.js';
export { annotateTei } from './annotate/index.js';
export type { AnnotateOptions, AnnotateResult } from './annotate/index.js';
export { validateFile, validateFiles, validateSource, checkRules, resolveSchema } from './validate/index.js';
export type { FileReport, ValidateFilesOptions, ValidateOptions, ValidationReport, ValidationSummary, Verdict } from './validate/index.js';
export { transformToHtml, transformToText } from './transform/index.js';
export type { HtmlOptions, TextOptions, TransformInput, TransformOptions } from './transform/index.js';
export { buildIndex, extractMentions, formatMentions, normalizeName, queryFiles, queryIndex } from './query/index.js';
export type { IndexReport, Mention, OutputFormat, Query, QueryKind, QueryResult, RegisterEntry } from './query/index.js';
export { catalogCmif, catalogCsv, catalogDc, catalogDcFiles, catalogFiles, catalogJson } from './catalog/index.js';
export type { CatalogOptions, CatalogRecord, CatalogResult, CmifOptions, DcOptions } from './catalog/index.js';
export { detectGenre, GENRE_RULES } from './tei/genre.js';

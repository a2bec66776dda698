// The encode stage: archive records (Wilson Center Digital Archive layout) to TEI P5.
export { encodeRecord, type EncodeOptions, type EncodeResult } from './encode.js';
export { parseRecord, KNOWN_SECTIONS, type ArchiveRecord, type BodyPart, type Block, type ParseRecordOptions } from './record.js';
export { checkAuthority, loadAuthority, readAuthorityText, type Authority, type AuthorityCheck, type AuthorityEntity, type AuthorityName, type EntityKind } from './authority.js';
export { findDates, parseDatePhrase, type DateMatch, type DateValue } from './dates.js';
export { parseCitation, parseFunders, type Citation } from './citation.js';
export { editionSchemaHref } from './schema-href.js';

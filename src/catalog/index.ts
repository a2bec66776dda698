export { catalogDocument, catalogFiles, collectionNames } from './catalog.js';
export { catalogCsv, catalogJson, CATALOG_CSV_COLUMNS } from './format.js';
export { catalogDc, catalogDcFiles, DC_ELEMENTS, type DcOptions } from './dc.js';
export { catalogCmif, type CmifOptions } from './cmif.js';
export { bestUri, canonicalUri } from './authority.js';
export { countWordsIn } from './words.js';
export type { Agent, CatalogOptions, CatalogRecord, CatalogResult, Correspondence, CorrespAction, Identifier } from './types.js';

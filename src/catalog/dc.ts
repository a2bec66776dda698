/**
 * `--format dc`: Dublin Core as OAI-PMH carries it (`oai_dc:dc`, http://www.openarchives.org/OAI/2.0/oai_dc.xsd):
 * the fifteen elements of the DCMI Element Set 1.1, each repeated as often as the record has values, in the
 * schema's order. One record is written as one `oai_dc:dc` document; several as an OAI-PMH `ListRecords` response
 * (http://www.openarchives.org/OAI/openarchivesprotocol.html section 4.5) with one `record` each.
 */
import type { CatalogRecord } from './types.js';
import { el, write, type Node } from './xml-writer.js';

export const OAI_DC_NS = 'http://www.openarchives.org/OAI/2.0/oai_dc/';
export const DC_NS = 'http://purl.org/dc/elements/1.1/';
export const OAI_NS = 'http://www.openarchives.org/OAI/2.0/';
const XSI_NS = 'http://www.w3.org/2001/XMLSchema-instance';

/** How each DCMI element is filled from a record, in the order of oai_dc.xsd. */
export const DC_ELEMENTS: ReadonlyArray<readonly [string, (r: CatalogRecord) => Array<string | null>]> = [
  ['title', (r) => [r.title === null ? null : r.subtitle === null ? r.title : `${r.title}: ${r.subtitle}`]],
  ['creator', (r) => r.authors.map((a) => a.name)],
  ['subject', (r) => r.keywords],
  ['description', (r) => [r.abstract, r.words > 0 ? `${r.words} words` : null]],
  ['publisher', (r) => [r.publisher]],
  ['contributor', (r) => [...r.editors, ...r.translators].map((a) => a.name)],
  ['date', (r) => [r.date, r.published !== r.date ? r.published : null]],
  // DCMI Type Vocabulary first, then the genre.
  ['type', (r) => ['Text', r.genre]],
  ['format', () => ['application/tei+xml']],
  ['identifier', (r) => [r.url, ...r.identifiers.map((i) => i.value).filter((v) => v !== r.url)]],
  ['source', (r) => [r.source]],
  ['language', (r) => r.languages],
  ['relation', (r) => [r.corpus]],
  ['coverage', (r) => [...new Set(r.correspondence.flatMap((c) => c.actions.flatMap((a) => a.places.map((p) => p.name))))]],
  ['rights', (r) => [r.licence?.text ?? null, r.licence?.target ?? null]],
];

function dcOf(r: CatalogRecord, root: boolean): Node {
  const children: Node[] = [];
  for (const [name, get] of DC_ELEMENTS) {
    for (const v of new Set(get(r))) if (v !== null && v !== '') children.push(el(`dc:${name}`, {}, v));
  }
  const ns = { 'xmlns:oai_dc': OAI_DC_NS, 'xmlns:dc': DC_NS, 'xmlns:xsi': XSI_NS, 'xsi:schemaLocation': `${OAI_DC_NS} http://www.openarchives.org/OAI/2.0/oai_dc.xsd` };
  return el('oai_dc:dc', root ? ns : ns, children);
}

export interface DcOptions {
  /** `responseDate` and `datestamp` of a ListRecords response. Default: now, or `SOURCE_DATE_EPOCH` when set. */
  date?: Date;
  /**
   * The local part of a record's OAI identifier, and (`catalogDcFiles`) the path of its file below the folder.
   * Default: the record's `file`. The CLI gives the file's path inside the PATH argument it was found under
   * (`collectionNames`), so that identifiers do not change with the directory the command runs in.
   */
  localName?: (record: CatalogRecord) => string;
}

export function reproducibleNow(): Date {
  const epoch = process.env['SOURCE_DATE_EPOCH'];
  return epoch !== undefined && /^\d+$/.test(epoch) ? new Date(Number(epoch) * 1000) : new Date();
}

/**
 * An OAI identifier for a record: `oai:teikit:` and its local name (and `#member` for a TEI of a teiCorpus),
 * percent-encoded. OAI-PMH 2.0 section 2.4 asks only for a URI unique in the repository; `oai:` is the scheme of
 * its oai-identifier guidelines.
 */
export function oaiIdentifier(r: CatalogRecord, localName: string = r.file): string {
  return `oai:teikit:${encodeURI(localName.replace(/\\/g, '/'))}${r.member === null ? '' : `#${r.member}`}`;
}

export function catalogDc(records: readonly CatalogRecord[], options: DcOptions = {}): string {
  if (records.length === 1) return write(dcOf(records[0]!, true));
  const now = options.date ?? reproducibleNow();
  const stamp = now.toISOString().replace(/\.\d{3}Z$/, 'Z');
  const localName = options.localName ?? ((r: CatalogRecord) => r.file);
  return write(
    el('OAI-PMH', { xmlns: OAI_NS, 'xmlns:xsi': XSI_NS, 'xsi:schemaLocation': `${OAI_NS} http://www.openarchives.org/OAI/2.0/OAI-PMH.xsd` }, [
      el('responseDate', {}, stamp),
      el('request', { verb: 'ListRecords', metadataPrefix: 'oai_dc' }),
      el(
        'ListRecords',
        {},
        records.map((r) =>
          el('record', {}, [el('header', {}, [el('identifier', {}, oaiIdentifier(r, localName(r))), el('datestamp', {}, stamp.slice(0, 10))]), el('metadata', {}, [dcOf(r, true)])]),
        ),
      ),
    ]),
  );
}

/**
 * One `oai_dc:dc` document per record, each with the relative path it is written to below a folder: the local name
 * with `.xml` replaced by `.dc.xml`, and the member's position before it for a TEI of a teiCorpus
 * (`corpus.2.dc.xml`).
 */
export function catalogDcFiles(records: readonly CatalogRecord[], options: DcOptions = {}): Array<{ path: string; xml: string }> {
  const localName = options.localName ?? ((r: CatalogRecord) => r.file);
  return records.map((r) => ({
    path: `${localName(r).replace(/\.xml$/i, '')}${r.member === null ? '' : `.${r.member}`}.dc.xml`,
    xml: write(dcOf(r, true)),
  }));
}

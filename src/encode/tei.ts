/**
 * Writing the TEI P5 document with xmlbuilder2. The structure is pretty-printed (two spaces), but mixed content
 * (head, opener, p, signed, dateline, title, abstract paragraphs...) is written inline, on one line, so that no
 * whitespace is added inside the text: xmlbuilder2's pretty printer would indent an element's children whenever
 * it has element children, so each mixed-content element gets a placeholder character during pretty printing,
 * replaced afterwards by its content serialised by xmlbuilder2 without indentation.
 *
 * Output is deterministic: no timestamps or random ids; every value comes from the record and the authority file.
 */
import { create, fragment } from 'xmlbuilder2';
import type { XMLBuilder } from 'xmlbuilder2/lib/interfaces.js';
import { TEI_NS } from '../xml/index.js';
import type { Authority, EntityKind } from './authority.js';
import { dateAttributes, el, type Inline, type InlineElement } from './inline.js';
import type { ArchiveRecord } from './record.js';
import { entryAttributes, entryParts, REGISTER, REGISTER_ORDER, type EntryPart } from './register-entry.js';

export interface BodyOut {
  kind: 'head' | 'opener' | 'p';
  n?: string;
  nodes: Inline[];
}

/** A speech (TEI P5 3.13.2): the speaker label and what was said, `@who` pointing to the person register. */
export interface SpeechOut {
  kind: 'sp';
  who?: string;
  speaker: Inline[];
  nodes: Inline[];
}

export type BodyItem =
  | BodyOut
  | SpeechOut
  | { kind: 'postscript'; paragraphs: Inline[][] }
  | { kind: 'gap' }
  | { kind: 'closer'; children: { role: 'salute' | 'signed' | 'dateline'; nodes: Inline[] }[] }
  /** A note kept at the end of the text (no marker placed it, TEI P5 3.9.1). */
  | { kind: 'note'; element: InlineElement };

export interface Correspondent {
  kind?: EntityKind;
  id?: string;
  name: string;
}

export interface TeiInput {
  record: ArchiveRecord;
  authority?: Authority;
  body: BodyItem[];
  sender?: Correspondent;
  addressee?: Correspondent;
  /** Relative URL of a RelaxNG schema for an `<?xml-model?>` processing instruction. */
  schemaHref?: string;
}

/** A private-use character that occurs in no text of the output (record and registers) delimits the placeholders. */
function placeholderChar(text: string): string {
  for (let c = 0xe000; c <= 0xf8ff; c++) {
    const ch = String.fromCharCode(c);
    if (!text.includes(ch)) return ch;
  }
  throw new Error('no free private-use character for placeholders');
}

class Writer {
  private readonly inline: string[] = [];
  constructor(private readonly mark: string) {}

  /** An element whose children are written inline (mixed content). */
  mixed(parent: XMLBuilder, name: string, attrs: [string, string][], nodes: Inline[]): XMLBuilder {
    const element = parent.ele(name, Object.fromEntries(attrs));
    if (nodes.length === 0) return element;
    const frag = fragment();
    build(frag, nodes);
    this.inline.push(frag.end({ prettyPrint: false }));
    element.txt(`${this.mark}${this.inline.length - 1}${this.mark}`);
    return element;
  }

  text(parent: XMLBuilder, name: string, attrs: [string, string][], text: string): XMLBuilder {
    return this.mixed(parent, name, attrs, [text]);
  }

  finish(xml: string): string {
    const re = new RegExp(`${this.mark}(\\d+)${this.mark}`, 'g');
    return xml.replace(re, (_, i: string) => this.inline[Number(i)]!);
  }
}

function build(parent: XMLBuilder, nodes: Inline[]): void {
  for (const node of nodes) {
    if (typeof node === 'string') parent.txt(node);
    else build(parent.ele(node.name, Object.fromEntries(node.attrs)), node.children);
  }
}

/** The TEI document of an archive record: the header from the record, the text, the registers in standOff. */
export function writeTei(input: TeiInput): string {
  const { record, authority } = input;
  const w = new Writer(placeholderChar(record.source.text + JSON.stringify(authority?.entities ?? [])));
  const doc = create({ version: '1.0', encoding: 'UTF-8' });
  if (input.schemaHref !== undefined) {
    doc.ins('xml-model', `href="${input.schemaHref.replace(/&/g, '&amp;').replace(/"/g, '&quot;')}" type="application/xml" schematypens="http://relaxng.org/ns/structure/1.0"`);
  }
  const lang = record.textLanguage.tag;
  const tei = doc.ele(TEI_NS, 'TEI', { 'xml:lang': lang });
  const header = tei.ele('teiHeader');
  writeFileDesc(w, header, record);
  writeEncodingDesc(w, header);
  writeProfileDesc(w, header, input);
  writeText(w, tei, record, input.body);
  writeStandOff(w, tei, authority?.entities ?? []);
  return w.finish(doc.end({ prettyPrint: true, indent: '  ', newline: '\n' })) + '\n';
}

/** fileDesc (TEI P5 2.2): title, funders and translators, publication and availability, notes, the source. */
function writeFileDesc(w: Writer, header: XMLBuilder, record: ArchiveRecord): void {
  const citation = record.citation;
  const fileDesc = header.ele('fileDesc');
  const titleStmt = fileDesc.ele('titleStmt');
  w.text(titleStmt, 'title', [['type', 'main']], record.title);
  for (const funder of record.funders) w.text(titleStmt, 'funder', [], funder);
  const original = record.originalLanguages.map((l) => l.name).join(' and ');
  for (const translator of citation?.translators ?? []) {
    const resp = titleStmt.ele('respStmt');
    w.text(resp, 'resp', [], original === '' ? 'translation' : `translation from ${original}`);
    w.text(resp, 'name', [], translator);
  }
  const encoder = titleStmt.ele('respStmt');
  w.text(encoder, 'resp', [], 'TEI encoding, generated from the archive record');
  w.text(encoder, 'name', [], 'teikit encode');

  const publicationStmt = fileDesc.ele('publicationStmt');
  w.text(publicationStmt, 'authority', [], 'teikit');
  if (citation?.documentNumber) w.text(publicationStmt, 'idno', [['type', 'wilson-center']], citation.documentNumber);
  const availability = publicationStmt.ele('availability');
  const where = citation?.url ? [el('ref', [['target', citation.url]], [citation.url])] : [];
  w.mixed(availability, 'p', [], [
    `The ${record.textLanguage.name} ${record.originalLanguages.some((l) => l.tag !== record.textLanguage.tag) ? 'translation' : 'text'} was published by ${citation?.publisher ? `the ${citation.publisher}` : 'its archive'}${where.length > 0 ? ' (' : ''}`,
    ...where,
    `${where.length > 0 ? ')' : ''}, whose terms of use apply to it. This TEI file adds markup only: every word is the translation's.`,
  ]);

  const notes = [
    ...record.otherSections.map((s) => ({ type: s.label === 'header' || s.label === 'after-text' ? s.label : 'section', n: s.label, text: s.text.join(' ') })),
    ...(record.credits !== undefined && record.funders.length === 0 ? [{ type: 'credits', n: 'Credits', text: record.credits }] : []),
    ...(citation?.statements ?? []).map((s) => ({ type: 'citation-statement', n: 'Citation', text: s })),
  ];
  if (notes.length > 0) {
    const notesStmt = fileDesc.ele('notesStmt');
    for (const note of notes) w.text(notesStmt, 'note', [['type', note.type], ['n', note.n]], note.text);
  }

  const sourceDesc = fileDesc.ele('sourceDesc');
  const bibl = sourceDesc.ele('bibl', { type: 'archive-record' });
  w.text(bibl, 'title', [], citation?.title ?? record.title);
  if (record.date) w.mixed(bibl, 'date', dateAttributes(record.date.value), [record.date.text]);
  for (const translator of citation?.translators ?? []) {
    const resp = bibl.ele('respStmt');
    w.text(resp, 'resp', [], 'translated by');
    w.text(resp, 'name', [], translator);
  }
  if (citation?.publisher) w.text(bibl, 'publisher', [], citation.publisher);
  if (citation?.documentNumber) w.text(bibl, 'idno', [['type', 'document']], citation.documentNumber);
  if (citation?.callNumber) w.text(bibl, 'idno', [['type', 'callNumber']], citation.callNumber);
  if (citation?.pages) w.text(bibl, 'biblScope', [['unit', 'page']], citation.pages);
  if (citation?.url) w.text(bibl, 'ref', [['target', citation.url]], citation.url);
  if (citation) w.text(bibl, 'note', [['type', 'citation']], citation.text);
  for (const l of record.originalLanguages) w.text(bibl, 'textLang', [['mainLang', l.tag]], l.name);

}

/** encodingDesc (TEI P5 2.3): the edition's conventions (README, teikit encode), stated for readers of the file. */
function writeEncodingDesc(w: Writer, header: XMLBuilder): void {
  const encodingDesc = header.ele('encodingDesc');
  const editorialDecl = encodingDesc.ele('editorialDecl');
  const para = (parent: XMLBuilder, name: string, text: string) => w.text(parent.ele(name), 'p', [], text);
  para(editorialDecl, 'correction', 'Nothing is corrected, reworded or left out: the text is the translation as published. Errors of the source are kept; a word the translator marked "[sic]" is encoded as sic (printed "word [sic]").');
  para(editorialDecl, 'normalization', 'No normalisation. Markdown line breaks of the record are lb; paragraph numbers stay in the text and are repeated in p/@n.');
  para(editorialDecl, 'interpretation', 'The translator\'s square brackets are editorial and encoded as such: words the translator added are supplied with reason="clarification"; a bracketed second name of the place, organisation or group named just before ("Yili [Ili]") is supplied with reason="alternative-name" around a name element with the same @ref; "[...]" is gap with reason="omitted". Renderers print supplied text in square brackets and gap as "[...]".');
  para(editorialDecl, 'interpretation', 'Names are tagged from the edition\'s authority file (exact match on word boundaries, longest match first): placeName, orgName, persName, and rs type="group" for groups of people (rs with the register\'s kind as @type for adjectives such as "Chinese"); each has @ref pointing to its entry in standOff (listPlace, listOrg, listPerson with personGrp), which holds every attested name with its xml:lang and authority identifiers only where a real one is known.');
  para(editorialDecl, 'interpretation', 'Dates carry ISO 8601 values in @when, or @from and @to for ranges. A date written without a year takes the year of the document\'s date; such dates (and approximate dates) carry cert="medium".');
  encodingDesc.ele('geoDecl', { 'xml:id': 'wgs84', datum: 'WGS84' }).txt('Coordinates in location/geo are "latitude longitude" (in this order), in decimal degrees, WGS 84; north and east are positive.');

}

/** profileDesc (TEI P5 2.4): abstract, correspondence, languages, document type. */
function writeProfileDesc(w: Writer, header: XMLBuilder, input: TeiInput): void {
  const { record } = input;
  const profileDesc = header.ele('profileDesc');
  if (record.summary.length > 0) {
    const abstract = profileDesc.ele('abstract');
    for (const p of record.summary) w.text(abstract, 'p', [], p);
  }
  if (input.sender || input.addressee) {
    const corresp = profileDesc.ele('correspDesc');
    const action = (type: string, who: Correspondent | undefined, date: boolean) => {
      if (!who && !(date && record.date)) return;
      const a = corresp.ele('correspAction', { type });
      if (who) {
        // The register's name element (a group's is name); an unknown correspondent is a plain name.
        w.text(a, who.kind ? REGISTER[who.kind].name : 'name', who.id ? [['ref', `#${who.id}`]] : [], who.name);
      }
      if (date && record.date) a.ele('date', Object.fromEntries(dateAttributes(record.date.value)));
    };
    action('sent', input.sender, true);
    action('received', input.addressee, false);
  }
  const langUsage = profileDesc.ele('langUsage');
  w.text(langUsage, 'language', [['ident', record.textLanguage.tag]], `${record.textLanguage.name} (language of this text)`);
  for (const l of record.originalLanguages) {
    if (l.tag !== record.textLanguage.tag) w.text(langUsage, 'language', [['ident', l.tag]], `${l.name} (language of the original)`);
  }
  const textClass = profileDesc.ele('textClass');
  w.text(textClass.ele('keywords'), 'term', [['type', 'document-type']], record.documentType.replace(/-/g, ' '));

}

/** text: one div of the document type holding the body items in order. */
function writeText(w: Writer, tei: XMLBuilder, record: ArchiveRecord, body: readonly BodyItem[]): void {
  const text = tei.ele('text');
  const div = text.ele('body').ele('div', { type: record.documentType });
  for (const item of body) {
    if (item.kind === 'gap') div.ele('gap', { reason: 'omitted' });
    else if (item.kind === 'note') w.mixed(div, item.element.name, item.element.attrs, item.element.children);
    else if (item.kind === 'sp') {
      const sp = div.ele('sp', item.who !== undefined ? { who: `#${item.who}` } : {});
      w.mixed(sp, 'speaker', [], item.speaker);
      w.mixed(sp, 'p', [], item.nodes);
    } else if (item.kind === 'postscript') {
      const ps = div.ele('postscript');
      for (const nodes of item.paragraphs) w.mixed(ps, 'p', [], nodes);
    }
    else if (item.kind === 'closer') {
      const closer = div.ele('closer');
      for (const child of item.children) w.mixed(closer, child.role, [], child.nodes);
    } else w.mixed(div, item.kind, item.n !== undefined ? [['n', item.n]] : [], item.nodes);
  }

}

/** standOff (TEI P5 16.10): the registers of the authority file, one list per kind, in register order. */
function writeStandOff(w: Writer, tei: XMLBuilder, entities: NonNullable<Authority['entities']>): void {
  if (entities.length > 0) {
    const standOff = tei.ele('standOff');
    const lists = new Map<string, XMLBuilder>();
    for (const kind of REGISTER_ORDER) {
      for (const entity of entities.filter((e) => e.kind === kind)) {
        const spec = REGISTER[kind];
        let list = lists.get(spec.list);
        if (!list) {
          list = standOff.ele(spec.list);
          lists.set(spec.list, list);
        }
        const entry = list.ele(spec.entry, Object.fromEntries(entryAttributes(entity)));
        const write = (parent: XMLBuilder, part: EntryPart): void => {
          if (part.children !== undefined) {
            const element = parent.ele(part.name, Object.fromEntries(part.attrs));
            for (const child of part.children) write(element, child);
          } else w.text(parent, part.name, part.attrs, part.text ?? '');
        };
        for (const part of entryParts(entity)) write(entry, part);
      }
    }
  }

}

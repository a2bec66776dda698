/**
 * `--format cmif`: one file in the Correspondence Metadata Interchange Format (TEI Correspondence SIG; what
 * correspSearch harvests), from every `correspDesc` of the records: senders and addressees with their authority
 * URIs (GND, VIAF, Wikidata), places with theirs (GeoNames, Wikidata), dates as ISO attributes. The file's own
 * header (title, editor, publisher, URL, date, licence) comes from `CmifOptions`. Valid against the CMIF schema
 * (cmi-customization.rng), which allows only `sent` and `received` actions: others are left out.
 */
import { sha256 } from '../io.js';
import { reproducibleNow } from './dc.js';
import type { CatalogRecord, CorrespAction } from './types.js';
import { el, write, type Node } from './xml-writer.js';
import { TEI_NS } from '../xml/index.js';

export const CMIF_SCHEMA = 'https://raw.githubusercontent.com/TEI-Correspondence-SIG/CMIF/master/schema/cmi-customization.rng';
const CC_BY = 'https://creativecommons.org/licenses/by/4.0/';

export interface CmifOptions {
  /** Default: "Correspondence metadata of" and the title of the edition (or the number of letters). */
  title?: string;
  /** Default: the editors of the records, else their publishers, else "teikit". */
  editor?: string;
  /** Default: the records' publishers, else "teikit". */
  publisher?: string;
  /** URL of the CMIF file itself. Default: a `urn:sha256:` name of its sources (CMIF needs some URI). */
  url?: string;
  /** Licence URL of the CMIF file. Default: the records' licence when they all share one, else CC BY 4.0. */
  licence?: string;
  /** Publication date. Default: today, or `SOURCE_DATE_EPOCH` when set. */
  date?: Date;
}

const ACTIONS = new Set(['sent', 'received']);

function actionOf(a: CorrespAction): Node | null {
  if (!ACTIONS.has(a.type)) return null;
  const children: Node[] = [];
  for (const agent of a.agents) children.push(el(agent.element, { ref: agent.ref }, agent.name));
  for (const place of a.places) children.push(el('placeName', { ref: place.ref }, place.name));
  if (a.date !== null) children.push(el('date', { ...a.date }));
  return children.length === 0 ? null : el('correspAction', { type: a.type }, children);
}

function unique(values: Array<string | null>): string[] {
  return [...new Set(values.filter((v): v is string => v !== null && v !== ''))];
}

export function catalogCmif(records: readonly CatalogRecord[], options: CmifOptions = {}): string {
  const letters = records.filter((r) => r.correspondence.length > 0);
  const bibls: Node[] = [];
  const descs: Node[] = [];
  letters.forEach((r, i) => {
    const id = `source-${i + 1}`;
    const label = [r.title, r.publisher, r.url].filter((x) => x !== null).join('. ');
    bibls.push(el('bibl', { type: r.url === null ? 'print' : 'online', 'xml:id': id }, label === '' ? r.file : label));
    for (const c of r.correspondence) {
      const actions = c.actions.map(actionOf).filter((n): n is Node => n !== null);
      if (actions.length === 0) continue;
      const ref = c.ref !== null && /^https?:\/\/\S+$/.test(c.ref) ? c.ref : r.url;
      descs.push(el('correspDesc', { ref, source: `#${id}` }, actions));
    }
  });
  const date = (options.date ?? reproducibleNow()).toISOString().slice(0, 10);
  const editors = options.editor !== undefined ? [options.editor] : unique(letters.flatMap((r) => r.editors.map((e) => e.name)));
  const publishers = options.publisher !== undefined ? [options.publisher] : unique(letters.map((r) => r.publisher));
  const licences = unique(letters.map((r) => r.licence?.target ?? null));
  const licence = options.licence ?? (licences.length === 1 && letters.every((r) => r.licence?.target === licences[0]) ? licences[0]! : CC_BY);
  const editions = unique(letters.map((r) => r.corpus ?? r.title));
  const title = options.title ?? `Correspondence metadata of ${editions.length === 1 ? editions[0] : `${descs.length} letters`}`;
  const url = options.url ?? `urn:sha256:${sha256(letters.map((r) => `${r.file}#${r.member ?? ''}`).join('\n'))}`;
  const tei = el('TEI', { xmlns: TEI_NS }, [
    el('teiHeader', {}, [
      el('fileDesc', {}, [
        el('titleStmt', {}, [el('title', {}, title), ...(editors.length > 0 ? editors : publishers.length > 0 ? publishers : ['teikit']).map((e) => el('editor', {}, e))]),
        el('publicationStmt', {}, [
          ...(publishers.length > 0 ? publishers : ['teikit']).map((p) => el('publisher', {}, p)),
          el('idno', { type: 'url' }, url),
          el('date', { when: date }),
          el('availability', {}, [el('licence', { target: licence }, licence === CC_BY ? 'This file is licensed under the terms of the Creative Commons Licence CC BY 4.0' : undefined)]),
        ]),
        el('sourceDesc', {}, bibls.length > 0 ? bibls : [el('bibl', { type: 'print', 'xml:id': 'source-0' }, 'no letters')]),
      ]),
      el('profileDesc', {}, descs),
    ]),
    el('text', {}, [el('body', {}, [el('p')])]),
  ]);
  const xml = write(tei);
  return xml.replace('?>\n', `?>\n<?xml-model href="${CMIF_SCHEMA}" type="application/xml" schematypens="http://relaxng.org/ns/structure/1.0"?>\n`);
}

/**
 * What a register entry in `standOff` holds for an authority-file entity, written once for the two writers: the
 * encoder (a new edition, through xmlbuilder2) and annotate (entries and names added to an existing edition, as text
 * inserted into the editor's file). TEI P5 13.3: `place` (13.3.4) with `placeName`s, `location/geo` and `idno`;
 * `org` (13.3.3) with `orgName`s; `person` and `personGrp` (13.3.2) with `persName`s / `name`s.
 */
import { KIND_ELEMENTS, KINDS } from '../tei/index.js';
import type { AuthorityEntity, EntityKind } from './authority.js';

/** Kind -> the list it lives in, its entry element and the element of each of its names (src/tei/registers.ts). */
export const REGISTER: Readonly<Record<EntityKind, { list: string; entry: string; name: string }>> = Object.fromEntries(
  KINDS.map((k) => [k, { list: KIND_ELEMENTS[k].list, entry: KIND_ELEMENTS[k].entry, name: KIND_ELEMENTS[k].entryName }]),
) as Record<EntityKind, { list: string; entry: string; name: string }>;

/** The kinds in the order their lists appear in `standOff`. */
export const REGISTER_ORDER: readonly EntityKind[] = KINDS;

/** One child of an entry: an element with attributes and either text or element children. */
export interface EntryPart {
  name: string;
  attrs: [string, string][];
  text?: string;
  children?: EntryPart[];
  /** Which of the entity's facts it states (annotate adds the parts an existing entry lacks). */
  role: 'name' | 'geo' | 'idno' | 'note';
}

/** The entry element's attributes: `xml:id`, and the entity's type (`@role` on a personGrp, TEI P5 13.3.2). */
export function entryAttributes(entity: AuthorityEntity): [string, string][] {
  const attrs: [string, string][] = [['xml:id', entity.id]];
  if (entity.type !== undefined) attrs.push([entity.kind === 'group' ? 'role' : 'type', entity.type]);
  return attrs;
}

/** The entry's children in order: every name, the coordinates ("lat long", as the header's geoDecl states), the
 * identifiers, the note. */
export function entryParts(entity: AuthorityEntity): EntryPart[] {
  const spec = REGISTER[entity.kind];
  const parts: EntryPart[] = [];
  for (const n of entity.names) {
    const attrs: [string, string][] = [['xml:lang', n.lang]];
    if (n.form === 'adjective') attrs.push(['type', 'adjective']);
    else if (n.type !== undefined) attrs.push(['type', n.type]);
    parts.push({ name: spec.name, attrs, text: n.name, role: 'name' });
  }
  if (entity.geo) {
    parts.push({ name: 'location', attrs: [], role: 'geo', children: [{ name: 'geo', attrs: [], text: `${entity.geo.lat} ${entity.geo.long}`, role: 'geo' }] });
  }
  for (const idno of entity.idnos ?? []) parts.push({ name: 'idno', attrs: [['type', idno.type]], text: idno.value, role: 'idno' });
  if (entity.note !== undefined) parts.push({ name: 'note', attrs: [], text: entity.note, role: 'note' });
  return parts;
}

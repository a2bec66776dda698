/**
 * Names and what they denote (TEI Guidelines 13.2, "Names and Referring Strings"; 13.3, "Biographical and
 * Prosopographical Data"; 13.3.4, "Places"). Every stage asks here whether an element is a name, of what kind, and
 * which register entry elements hold its entity: the encoder when it writes names and registers, the validator when
 * it asks for `@ref`, the query when it counts mentions, the stylesheets (through the generated XSLT module) when they
 * highlight and link names.
 */
import { table } from '../tables.js';

/** What a name or a register entry denotes. `group`: a group of people (`personGrp`, TEI 13.3.2.2). */
export type Kind = 'place' | 'person' | 'group' | 'org';
export const KINDS: readonly Kind[] = ['place', 'org', 'person', 'group'];

/**
 * Name elements that always name one kind of thing. Places: `placeName` and the geopolitical names of TEI 13.2.3
 * (`settlement`, `region`, `country`, `bloc`, `district`) and `geogName` (a geographical feature, TEI 13.2.3);
 * persons: `persName` (13.2.1); organisations: `orgName` (13.2.1).
 */
export const NAME_ELEMENTS: Readonly<Record<string, Kind>> = table({
  placeName: 'place',
  settlement: 'place',
  region: 'place',
  country: 'place',
  bloc: 'place',
  district: 'place',
  geogName: 'place',
  persName: 'person',
  orgName: 'org',
});

/**
 * `rs` (a referring string) and `name` are generic (TEI 13.2.1): their `@type` says what they name, compared in lower
 * case. An `rs`/`name` without one of these types has the kind of the register entry its reference resolves to
 * (`<rs corresp="#メロス">彼</rs>` pointing to a `person`).
 */
export const GENERIC_NAME_ELEMENTS: readonly string[] = ['rs', 'name'];
export const GENERIC_NAME_TYPES: Readonly<Record<string, Kind>> = table({
  place: 'place',
  placename: 'place',
  settlement: 'place',
  country: 'place',
  region: 'place',
  person: 'person',
  persname: 'person',
  persons: 'group',
  persongrp: 'group',
  group: 'group',
  people: 'group',
  org: 'org',
  orgname: 'org',
  organisation: 'org',
  organization: 'org',
});

/** Parts of a personal name (TEI 13.2.2): separate words even when the file puts no space between them. */
export const NAME_PARTS: readonly string[] = ['forename', 'surname', 'addName', 'roleName', 'genName', 'nameLink'];

/** Every element that is a name (specific or generic). */
export function isNameElement(local: string): boolean {
  return NAME_ELEMENTS[local] !== undefined || GENERIC_NAME_ELEMENTS.includes(local);
}

/**
 * The kind a name element states by itself: from its element name, else (for `rs`/`name`) from its `@type`; `null`
 * for a generic name whose type says nothing (its kind is that of the entry it points to); `undefined` for an element
 * that is not a name.
 */
export function nameKind(local: string, type: string | undefined): Kind | null | undefined {
  const named = NAME_ELEMENTS[local];
  if (named !== undefined) return named;
  if (!GENERIC_NAME_ELEMENTS.includes(local)) return undefined;
  return (type === undefined ? undefined : GENERIC_NAME_TYPES[type.toLowerCase()]) ?? null;
}

/**
 * Registers: lists of places, persons, groups and organisations that names point to (TEI Guidelines 13.3,
 * "Biographical and Prosopographical Data": 13.3.2 persons and `personGrp`, 13.3.3 organisations, 13.3.4 places;
 * 16.10 `standOff`).
 */
import type { Kind } from './names.js';
import { table } from '../tables.js';

export interface KindElements {
  /** The register entry element (`place`, `person`, `personGrp`, `org`). */
  entry: string;
  /** The list that holds such entries (`listPlace`, `listPerson`, `listOrg`). */
  list: string;
  /** The name element a register entry of this kind uses for its names. */
  entryName: string;
  /** The element (and `@type`) a mention of this kind is written with in running text. */
  mention: { element: string; type?: string };
  /** Children of an entry that are names of it (in every language). */
  entryNames: readonly string[];
}

const PLACE_NAMES = ['placeName', 'settlement', 'region', 'country', 'bloc', 'district', 'geogName', 'name'];

export const KIND_ELEMENTS: Readonly<Record<Kind, KindElements>> = {
  place: { entry: 'place', list: 'listPlace', entryName: 'placeName', mention: { element: 'placeName' }, entryNames: PLACE_NAMES },
  org: { entry: 'org', list: 'listOrg', entryName: 'orgName', mention: { element: 'orgName' }, entryNames: ['orgName', 'name'] },
  person: { entry: 'person', list: 'listPerson', entryName: 'persName', mention: { element: 'persName' }, entryNames: ['persName', 'name'] },
  // A group has no name element of its own: `name` in the register, `rs type="group"` in the text (TEI 13.2.1).
  group: {
    entry: 'personGrp',
    list: 'listPerson',
    entryName: 'name',
    mention: { element: 'rs', type: 'group' },
    entryNames: ['persName', 'orgName', 'name'],
  },
};

/** Register entry element -> the kind of thing it describes. */
export const ENTRY_ELEMENTS: Readonly<Record<string, Kind>> = table({
  place: 'place',
  person: 'person',
  personGrp: 'group',
  org: 'org',
});

/** `@type` values of an entry's name that mark its preferred name. */
export const PREFERRED_NAME_TYPES: readonly string[] = ['main', 'preferred', 'reg', 'standard', 'full'];

/**
 * Lists and entries: not running text, so the names in them are names of entries, not mentions. Entries may sit in
 * lists (`standOff`, `back`, the header's `particDesc`/`settingDesc`) or alone. Also the other lists of TEI 13.3
 * (`listNym`, `listEvent`, `listRelation`).
 */
export const REGISTER_ELEMENTS: readonly string[] = [
  'listPlace', 'listPerson', 'listOrg', 'listNym', 'listEvent', 'listRelation', 'place', 'person', 'personGrp', 'org',
];

/** Where register lists of a document live (TEI 16.10 `standOff`; 4.7 `back`). */
export const REGISTER_SECTIONS: readonly string[] = ['standOff', 'back'];

/**
 * Names that are register entries themselves, when they carry an `xml:id` inside a list `item`: FRUS's persons
 * list (`<item><hi><persName xml:id="p_AJ1">Adams, John</persName></hi>, Secretary of State</item>`) and its
 * glossary (`<list type="terms"><item><term xml:id="t_ARA1">ARA</term>, ...`, only in a list of that `@type`).
 * The entry's name is the element's text; `term` entries are of no name kind.
 */
export const NAME_ENTRIES: Readonly<Record<string, { kind: Kind | 'term'; list?: string }>> = table({
  persName: { kind: 'person' },
  orgName: { kind: 'org' },
  placeName: { kind: 'place' },
  term: { kind: 'term', list: 'terms' },
});
/** How many ancestors up from such a name its list `item` may be (FRUS wraps the name in `hi`). */
export const NAME_ENTRY_DEPTH = 3;

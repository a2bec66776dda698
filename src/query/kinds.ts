/**
 * Declarative tables: which TEI elements are mentions of which kind, which are register entries, and how elements
 * behave in running text (for context and surface forms). TEI Guidelines, chapter 13 (Names, Dates, People, and
 * Places) and chapter 3 (phrase-level elements).
 */
import type { EntryKind, QueryKind } from './types.js';

/** Name elements that are always a mention of one kind (TEI 13.2.1, 13.2.3). */
export const NAME_ELEMENTS: Readonly<Record<string, QueryKind>> = {
  placeName: 'places',
  persName: 'persons',
  orgName: 'orgs',
};

/**
 * `rs` and `name` are generic (TEI 13.2.1): their `@type` says what they name. Types are compared in lower case.
 * Groups of people (`personGrp`) count as persons. An `rs`/`name` without one of these types is a mention of the
 * kind of the register entry its pointer resolves to (`<rs corresp="#メロス">彼</rs>` pointing to a `person`).
 */
export const GENERIC_ELEMENTS: ReadonlySet<string> = new Set(['rs', 'name']);
export const GENERIC_TYPES: Readonly<Record<string, QueryKind>> = {
  place: 'places',
  placename: 'places',
  settlement: 'places',
  country: 'places',
  region: 'places',
  person: 'persons',
  persons: 'persons',
  persname: 'persons',
  persongrp: 'persons',
  group: 'persons',
  people: 'persons',
  org: 'orgs',
  orgname: 'orgs',
  organisation: 'orgs',
  organization: 'orgs',
};

/** Dates (TEI 3.6.4, att.datable.w3c): `date` and `time` carrying at least one of these attributes. */
export const DATE_ELEMENTS: ReadonlySet<string> = new Set(['date', 'time']);
export const DATE_ATTRIBUTES = ['when', 'from', 'to', 'notBefore', 'notAfter'] as const;

/** Register entries (TEI 13.3) and the kind of mention that points to them. */
export const ENTRY_ELEMENTS: Readonly<Record<string, EntryKind>> = {
  place: 'place',
  person: 'person',
  personGrp: 'personGrp',
  org: 'org',
};
export const ENTRY_QUERY_KIND: Readonly<Record<EntryKind, QueryKind | null>> = {
  place: 'places',
  person: 'persons',
  personGrp: 'persons',
  org: 'orgs',
  // A glossary term is neither: a mention's own element says what it is.
  term: null,
};
/** Children of an entry that are names of it (every language). */
export const ENTRY_NAME_CHILDREN: Readonly<Record<EntryKind, ReadonlySet<string>>> = {
  place: new Set(['placeName', 'geogName', 'name']),
  person: new Set(['persName', 'name']),
  personGrp: new Set(['persName', 'name', 'orgName']),
  org: new Set(['orgName', 'name']),
  term: new Set(),
};

/**
 * Names that are register entries themselves, when they carry an `xml:id` where a list describes them: FRUS's
 * persons list (`<item><hi><persName xml:id="p_AJ1">Adams, John</persName></hi>, Secretary</item>`) and its
 * glossary (`<list type="terms"><item><term xml:id="t_ARA1">ARA</term>, ...`). The entry's name is the element's
 * text. `within` is how many ancestors up the `item` may be.
 */
export const NAME_ENTRIES: Readonly<Record<string, { kind: EntryKind; list?: string }>> = {
  persName: { kind: 'person' },
  orgName: { kind: 'org' },
  placeName: { kind: 'place' },
  term: { kind: 'term', list: 'terms' },
};
export const NAME_ENTRY_DEPTH = 3;
/** `@type` values that mark the preferred name of an entry. */
export const PREFERRED_TYPES: ReadonlySet<string> = new Set(['main', 'preferred', 'reg', 'standard', 'full']);

/**
 * Registers are not running text: their names are not mentions and their text is not context. Entries may sit in
 * lists (`standOff`, `back`, the header's `particDesc`/`settingDesc`) or alone.
 */
export const REGISTER_ELEMENTS: ReadonlySet<string> = new Set([
  'listPlace', 'listPerson', 'listOrg', 'listNym', 'listEvent', 'listRelation', 'place', 'person', 'personGrp', 'org',
]);

/**
 * Phrase-level elements: they sit inside a word or sentence, so their start and end tags do not separate words.
 * Every other element (p, div, head, item, l, note, cell, ...) is a block: text on either side is never glued.
 * `lb`, `pb` and `cb` separate words unless `break="no"` (TEI 3.11.3).
 */
export const INLINE_ELEMENTS: ReadonlySet<string> = new Set([
  'hi', 'emph', 'foreign', 'term', 'gloss', 'mentioned', 'soCalled', 'title', 'q', 'quote', 'said', 'distinct',
  'rs', 'name', 'persName', 'placeName', 'orgName', 'geogName', 'settlement', 'country', 'region', 'bloc',
  'district', 'date', 'time', 'num', 'measure', 'measureGrp', 'unit', 'ref', 'ptr', 'abbr', 'expan', 'ex', 'am',
  'sic', 'corr', 'orig', 'reg', 'choice', 'add', 'del', 'subst', 'unclear', 'supplied', 'damage', 'surplus',
  'secl', 'gap', 'seg', 'w', 'c', 'pc', 'g', 'space', 'handShift', 'ident', 'code', 'val', 'att', 'gi', 'tag',
  'email', 'idno', 'objectName', 'lang', 'ruby', 'rb', 'rt', 'restore', 'mod', 'redo', 'undo', 'retrace',
  'metamark', 'anchor', 'index', 'fw', 'certainty', 'respons', 'precision', 'oRef', 'pRef', 'orth', 'pron',
]);
/** Children of these are alternatives (TEI 3.5, 11.3.1.5, 12.1): `<choice><abbr>Dr</abbr><expan>Doctor</expan></choice>` reads "Dr Doctor". */
export const ALTERNATIVES: ReadonlySet<string> = new Set(['choice', 'app', 'subst']);
/** Parts of a personal name (TEI 13.2.2) are separate words even when the file puts no space between them. */
export const NAME_PARTS: ReadonlySet<string> = new Set(['forename', 'surname', 'addName', 'roleName', 'genName', 'nameLink']);
export const BREAKS: ReadonlySet<string> = new Set(['lb', 'pb', 'cb']);

/**
 * Editorial marks printed the way editions print them (DESIGN.md: the translator's brackets stay visible), so
 * that context and surface forms read like the published text: `supplied` in square brackets, `gap` as "[...]".
 */
export const PRINTED_MARKS: Readonly<Record<string, readonly [string, string]>> = {
  supplied: ['[', ']'],
  gap: ['[...]', ''],
};

/**
 * Not running text although outside the header: stand-off annotation (TEI 16.10), and ruby glosses (`rt`, the
 * reading printed above the base text, TEI 3.4.2), which a reader does not read as part of the sentence.
 */
export const ASIDE_ELEMENTS: ReadonlySet<string> = new Set(['standOff', 'rt']);

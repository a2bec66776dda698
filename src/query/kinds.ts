/**
 * The query's view of the TEI vocabulary (src/tei/): which elements are mentions of which query kind, and how
 * elements behave in running text (for context and surface forms).
 */
import {
  ALTERNATIVE_ELEMENTS, ASIDE_ELEMENTS as TEI_ASIDE_ELEMENTS, BREAK_ELEMENTS, DATE_ELEMENTS, ENTRY_ELEMENTS as TEI_ENTRY_ELEMENTS, KIND_ELEMENTS,
  NAME_PARTS as TEI_NAME_PARTS, PHRASE_ELEMENTS, PREFERRED_NAME_TYPES, REGISTER_ELEMENTS as TEI_REGISTER_ELEMENTS,
  nameKind, NAME_ENTRIES as TEI_NAME_ENTRIES, type Kind,
} from '../tei/index.js';
import type { EntryKind, QueryKind } from './types.js';
import { table } from '../tables.js';

export { DATE_ATTRIBUTES, PRINTED_MARKS, REFERENCE_ATTRIBUTES } from '../tei/index.js';

/** What `query places|persons|orgs` finds for each kind of name: groups of people count as persons. */
export const QUERY_KIND_OF: Readonly<Record<Kind, QueryKind>> = { place: 'places', person: 'persons', group: 'persons', org: 'orgs' };

/** The query kind a name states by itself (see `nameKind`): null for a generic name, undefined for a non-name. */
export function nameQueryKind(local: string, type: string | undefined): QueryKind | null | undefined {
  const kind = nameKind(local, type);
  return kind === null || kind === undefined ? kind : QUERY_KIND_OF[kind];
}

export const DATE_ELEMENT_SET: ReadonlySet<string> = new Set(DATE_ELEMENTS);

/** Register entries and the kind of mention that points to them. */
export const ENTRY_ELEMENTS: Readonly<Record<string, EntryKind>> = table({ place: 'place', person: 'person', personGrp: 'personGrp', org: 'org' });
export const ENTRY_QUERY_KIND: Readonly<Record<EntryKind, QueryKind | null>> = {
  place: QUERY_KIND_OF[TEI_ENTRY_ELEMENTS.place!],
  person: QUERY_KIND_OF[TEI_ENTRY_ELEMENTS.person!],
  personGrp: QUERY_KIND_OF[TEI_ENTRY_ELEMENTS.personGrp!],
  org: QUERY_KIND_OF[TEI_ENTRY_ELEMENTS.org!],
  // A glossary term is neither: a mention's own element says what it is.
  term: null,
};
/** Children of an entry that are names of it (every language). */
export const ENTRY_NAME_CHILDREN: Readonly<Record<EntryKind, ReadonlySet<string>>> = {
  place: new Set(KIND_ELEMENTS.place.entryNames),
  person: new Set(KIND_ELEMENTS.person.entryNames),
  personGrp: new Set(KIND_ELEMENTS.group.entryNames),
  org: new Set(KIND_ELEMENTS.org.entryNames),
  term: new Set(),
};
/** Names that are register entries themselves (FRUS's persons list and glossary), by element: see src/tei/registers.ts. */
export const NAME_ENTRIES: Readonly<Record<string, { kind: EntryKind; list?: string }>> = table(
  Object.fromEntries(
    Object.entries(TEI_NAME_ENTRIES).map(([element, e]) => [element, { kind: e.kind === 'group' ? 'personGrp' : e.kind, ...(e.list === undefined ? {} : { list: e.list }) }]),
  ),
);
export { NAME_ENTRY_DEPTH } from '../tei/index.js';
export const PREFERRED_TYPES: ReadonlySet<string> = new Set(PREFERRED_NAME_TYPES);
export const REGISTER_ELEMENTS: ReadonlySet<string> = new Set(TEI_REGISTER_ELEMENTS);
export const INLINE_ELEMENTS: ReadonlySet<string> = new Set(PHRASE_ELEMENTS);
export const ALTERNATIVES: ReadonlySet<string> = new Set(ALTERNATIVE_ELEMENTS);
export const NAME_PARTS: ReadonlySet<string> = new Set(TEI_NAME_PARTS);
export const BREAKS: ReadonlySet<string> = new Set(BREAK_ELEMENTS);
export const ASIDE_ELEMENTS: ReadonlySet<string> = new Set(TEI_ASIDE_ELEMENTS);

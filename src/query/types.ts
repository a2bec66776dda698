/**
 * Data types of the query stage. A `Mention`, one row of `teikit query` output, is defined in mention-row.ts.
 */
import type { Diagnostic } from '../diagnostics.js';
import type { MatchMode } from './match.js';

/** What `teikit query` looks for: `places`, `persons`, `orgs` or `dates`. */
export type QueryKind = 'places' | 'persons' | 'orgs' | 'dates';
export const QUERY_KINDS: readonly QueryKind[] = ['places', 'persons', 'orgs', 'dates'];

/**
 * Register entry elements (TEI namesdates module), and the names that are entries themselves: FRUS's persons list
 * (`item/persName[@xml:id]`) and its glossary (`list[@type="terms"]/item/term[@xml:id]`).
 */
export type EntryKind = 'place' | 'person' | 'personGrp' | 'org' | 'term';

export interface RegisterEntry {
  /** `xml:id` of the entry, else its first `idno` (registers such as Recogito exports carry no ids). */
  id: string;
  kind: EntryKind;
  /** Absolute path of the file that holds the entry. */
  file: string;
  /** The name marked `type="main|preferred|reg"`, else the first name. */
  preferred: string | null;
  /** Every name of the entry (`placeName`, `persName`, `orgName`, `geogName`, `name` children), in document order. */
  names: string[];
  /** Authority URIs and identifiers of the entry (`idno`, `@ref`/`@sameAs`/`@corresp` of the entry and its names). */
  uris?: string[];
}

export type { Mention } from './mention-row.js';
import type { Mention } from './mention-row.js';

export interface Query {
  kind: QueryKind;
  /** Any name of the register entry, or the surface form, ignoring case and diacritics. */
  name?: string;
  /** How `name` compares: `exact` (default; a trailing `*` means prefix), `prefix`, `substring`, `regex`, `fuzzy`. */
  match?: MatchMode;
  /** The pointer as given, the register entry id (with or without `#`), or the pointer's fragment. */
  ref?: string;
  /** ISO 8601 bounds (inclusive, overlap semantics) for `dates`. */
  from?: string;
  to?: string;
  /** Also list mentions inside the teiHeader (e.g. `correspAction` places). Default false. */
  header?: boolean;
}

export interface QueryResult {
  mentions: Mention[];
  /** Malformed files (errors) and unresolved pointers (warnings, once per target). */
  diagnostics: Diagnostic[];
  files: number;
}

/**
 * Data types of the query stage. A `Mention` is one row of `teikit query` output: the same object in the library,
 * in `--format json` (schemas/query-result.schema.json), in the SQLite index and in the tests.
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

export interface Mention {
  /** The file, as a path relative to the working directory (absolute when that is shorter). */
  file: string;
  line: number;
  /** Column of the element's `<`, in Unicode code points (1-based). */
  column: number;
  kind: QueryKind;
  /** Local name of the element: `placeName`, `rs`, `date`, ... */
  element: string;
  /** `@type` of the element, if any. */
  type: string | null;
  /** The text of the element, whitespace normalised. */
  surface: string;
  /** The pointer as the file gives it: the `@ref`, `@key` or `@corresp` value that resolved (else the first present). */
  pointer: string | null;
  /** Which attribute `pointer` came from. */
  pointerAttribute: 'ref' | 'key' | 'corresp' | null;
  /** Register entry id the pointer resolves to. */
  entry: string | null;
  /** The file holding that register entry (same path convention as `file`). */
  register: string | null;
  preferred: string | null;
  names: string[];
  /** Document title (teiHeader titleStmt) and date (see README: which date). */
  title: string | null;
  date: string | null;
  /** About 60 characters of text on each side, whitespace normalised, never from the teiHeader. */
  left: string;
  right: string;
  /** True for mentions inside the teiHeader (only listed with `--header`; they carry no context). */
  inHeader: boolean;
  /** ISO 8601 attributes of `date`/`time` (null for other kinds). */
  when: string | null;
  from: string | null;
  to: string | null;
  notBefore: string | null;
  notAfter: string | null;
}

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

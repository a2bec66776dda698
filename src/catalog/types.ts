/**
 * A catalogue record: what a library ingests for one TEI document (one file, or one `TEI` of a `teiCorpus`). The same
 * object in the library, in `--format json` (schemas/catalog.schema.json) and in the CSV, Dublin Core and CMIF
 * exports.
 */
import type { Diagnostic } from '../diagnostics.js';
import type { Verdict } from '../validate/types.js';

export interface Identifier {
  /** `@type` of the `idno` (`wikidata`, `gnd`, `URI`, ...), or `null`. */
  type: string | null;
  value: string;
}

export interface Agent {
  /** The name as written (of the `persName`/`orgName`/`name` inside, else of the element itself). */
  name: string;
  /** Pointers and authority URIs of the element and its name child (`@ref`, `@key`, `@sameAs`), as given. */
  refs: string[];
  /** `idno` children, with their types. */
  identifiers: Identifier[];
}

export interface CorrespPlace {
  name: string;
  /** The authority URI (GeoNames, Wikidata, ...): the name's own `@ref`, else the register entry's. */
  ref: string | null;
}

export interface CorrespAgent {
  /** `persName` or `orgName`. */
  element: 'persName' | 'orgName';
  name: string;
  /** Authority URI (GND, VIAF, Wikidata): the name's own `@ref`, else its register entry's. */
  ref: string | null;
}

export interface CorrespAction {
  /** `sent`, `received`, `transmitted`, `redirected`, `forwarded`. */
  type: string;
  agents: CorrespAgent[];
  places: CorrespPlace[];
  /** ISO attributes of the action's `date`, as given. */
  date: { when?: string; from?: string; to?: string; notBefore?: string; notAfter?: string } | null;
}

export interface Correspondence {
  /** `correspDesc/@ref` (the letter's URL in its edition), else `@xml:id`, else null. */
  ref: string | null;
  actions: CorrespAction[];
}

export interface CatalogRecord {
  /** The file, relative to the working directory (absolute when that is shorter). */
  file: string;
  /** Position of this TEI in its teiCorpus (1-based, in document order, nested corpora flattened); null for a TEI root. */
  member: number | null;
  /** Title of the enclosing teiCorpus, if any. */
  corpus: string | null;
  /** `xml:id` of the TEI element. */
  id: string | null;
  title: string | null;
  /** `title[@type="sub"]`, joined with "; " when there are several. */
  subtitle: string | null;
  authors: Agent[];
  editors: Agent[];
  translators: Agent[];
  /** The date of the document (as `teikit query` gives it: see the README), not of its digital edition. */
  date: string | null;
  /** `publicationStmt/date`: when this file (the edition) was published. */
  published: string | null;
  /** Language codes: `langUsage/language/@ident`, then `text/@xml:lang` and `TEI/@xml:lang`, each once. */
  languages: string[];
  licence: { target: string | null; text: string | null } | null;
  publisher: string | null;
  /** `publicationStmt/idno`. */
  identifiers: Identifier[];
  /** Where the document is online: `publicationStmt/idno[@type="url"|"URI"]`, else the first http(s) `ref/@target` of the publication statement or source description. */
  url: string | null;
  /** `profileDesc/abstract`, one line. */
  abstract: string | null;
  /** `textClass/keywords/term` (those that do not name the genre). */
  keywords: string[];
  /** The source description (`sourceDesc/bibl`, else `biblStruct`, `msDesc/msIdentifier`, `p`) as one line. */
  source: string | null;
  /** Words of the text (`text`, the header left out), counted as the README says. */
  words: number;
  /** By the rules of src/tei/genre.ts (README: Genres). */
  genre: string | null;
  /** The schema the file names (`<?xml-model href?>`, else `<?oxygen RNGSchema?>`), as written. */
  schema: string | null;
  /** With `validate`: the file's verdict (`valid`, `invalid`, `malformed`, `error`); else null. */
  verdict: Verdict | null;
  correspondence: Correspondence[];
}

export interface CatalogResult {
  records: CatalogRecord[];
  /** Malformed files, files without a teiHeader, unresolved register pointers of correspondence (once each). */
  diagnostics: Diagnostic[];
  files: number;
}

export interface CatalogOptions {
  /** Paths in records and diagnostics are relative to this directory. Default `process.cwd()`. */
  cwd?: string;
  /** Register files (or directories of them) that pointers may also resolve against. Default none. */
  registers?: readonly string[];
  /** Validate every file (as `teikit validate` would) and give its verdict. Default false. */
  validate?: boolean;
  /** Threads for `validate`. Default: one per core. */
  jobs?: number;
}

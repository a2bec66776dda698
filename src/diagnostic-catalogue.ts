/**
 * The catalogue of diagnostics: every rule id teikit reports, one line each, with the layer that reports it, its
 * usual severity and one line saying what it means. `diagnostic()` (./diagnostics.ts) sets each diagnostic's `url`
 * from here: the row of the README's Diagnostics table, whose rows are generated from this list
 * (`test/diagnostics.test.ts` checks that every id used in src/ is here and that the README table matches).
 *
 * Ids are `stage/name` (lower case, words joined by `-`). An id ending in `/*` is a family whose name part is data,
 * such as the XSLT error code in `transform/XTMM9000` or a Schematron schema's own id in `schematron/no-ref`. To add
 * a diagnostic, add one line in its stage's group.
 *
 * The severity of a line is the diagnostic's default: `diagnostic()` uses it when the caller gives none. A fifth
 * element lists the other severities a caller may give (a Schematron check's by its @role);
 * `test/diagnostics.test.ts` fails on any other severity written beside a rule id in src/.
 */
import type { DiagnosticSource, Severity } from './diagnostics.js';

export interface CatalogueEntry {
  id: string;
  source: DiagnosticSource;
  /** The default severity (`diagnostic()` sets it when the caller gives none). */
  severity: Severity;
  /** Every severity a diagnostic of this id may have: the default first. */
  severities: readonly Severity[];
  description: string;
}

type Line = readonly [id: string, source: DiagnosticSource, severity: Severity, description: string, also?: readonly Severity[]];

const LINES: readonly Line[] = [
  // The XML layer (src/xml/, XInclude in src/validate/xinclude.ts).
  ['xml/wellformed', 'xml', 'error', 'not well-formed XML, or a namespace error (XML 1.0 Fifth Edition, Namespaces in XML 1.0), at the character where the parser stopped'],
  ['xml/encoding', 'xml', 'error', 'bytes not valid in the document\'s encoding, an unsupported encoding, or a byte order mark that contradicts the XML declaration'],
  ['xml/xinclude', 'xml', 'error', 'an XInclude that cannot be resolved: missing or unreadable file, inclusion loop, unsupported parse or fragment'],
  ['xml/external-dtd', 'xml', 'info', 'the document names an external DTD, which teikit does not read (its defaults and entities are not applied)'],
  // Reading and writing files (src/io.ts).
  ['io/file', 'io', 'error', 'a file or directory cannot be read or written: missing, not a regular file, too large, no permission, disk full (exit 2)'],
  // RELAX NG (src/validate/relaxng/) and choosing the schema (src/validate/association.ts).
  ['relaxng/invalid', 'relaxng', 'error', 'the document does not match the RELAX NG schema (jing\'s wording and position)'],
  ['relaxng/id', 'relaxng', 'error', 'an ID/IDREF problem under RELAX NG DTD Compatibility: duplicate ID, IDREF without its ID, not one token'],
  ['relaxng/schema', 'schema', 'error', 'the schema cannot be read or is not correct RELAX NG, XML or compact syntax (exit 2)'],
  ['validate/schema-fallback', 'schema', 'info', 'the schema an `<?xml-model?>` names is remote or missing; another schema was used, named in the message'],
  ['validate/no-schema', 'schema', 'info', 'no schema applies to this file: it is checked for well-formedness only'],
  ['validate/catalog', 'schema', 'error', 'a --catalog file is not a usable OASIS XML catalog (exit 2)'],
  ['validate/catalog-loop', 'schema', 'warning', 'a `nextCatalog` or delegate of the --catalog leads back to a catalog already being read; lookups skip it'],
  ['validate/config', 'schema', 'error', 'teikit.config.json cannot be read or is not valid (exit 2)'],
  // Schematron (src/validate/schematron/): the schema's problems, then what its checks find.
  ['schematron/schema', 'schema', 'error', 'the Schematron schema cannot be read or is not correct ISO Schematron (exit 2)'],
  ['schematron/include-loop', 'schema', 'error', 'a Schematron include or abstract rule that includes or extends itself (exit 2)'],
  ['schematron/extends-missing', 'schema', 'warning', 'an extends target that is not found; the rules it holds are not checked'],
  ['schematron/phase', 'schema', 'error', 'the --phase named is not defined in the Schematron schema (exit 2)'],
  ['schematron/compile', 'schema', 'error', 'the Schematron schema does not compile to XSLT (an XPath error in it; exit 2)'],
  ['schematron/runtime', 'schematron', 'error', 'a Schematron rule failed while it ran on this document (a dynamic XPath error)'],
  ['schematron/*', 'schematron', 'error', 'a failed assert or successful report of a Schematron schema, named by the schema: its rule\'s @id, else its pattern\'s, else its own, else `assert` or `report`; a warning by @role (see teikit validate)', ['warning']],
  // Internal errors: a bug or a crash, never the input's fault.
  ['internal/error', 'internal', 'error', 'a bug or a runaway, not a finding about the file: a worker that stopped, an unexpected exception; the other files go on'],
  ['validate/time-limit', 'internal', 'error', 'validating this file took longer than --time-limit SECONDS; it was stopped and the other files go on'],
  // Edition rules (src/validate/rules/, one file each).
  ['rules/id-unique', 'rules', 'error', 'every xml:id is unique in the document'],
  ['rules/pointer-resolves', 'rules', 'error', 'local pointers (#id) in @ref, @corresp, @target and @who name an xml:id of the document'],
  ['rules/date-valid', 'rules', 'error', '@when, @from, @to, @notBefore and @notAfter are real calendar dates in ISO 8601 (XML Schema) form'],
  ['rules/name-has-ref', 'rules', 'error', 'every name (placeName, settlement, persName, orgName, rs, name, ...) in the text body carries @ref (or @key, @corresp)'],
  ['rules/register-unused', 'rules', 'warning', 'warns about register entries (place, org, person, personGrp in standOff or back) that nothing points to'],
  ['rules/geo-range', 'rules', 'error', 'geo holds "lat long" in decimal degrees, latitude within -90..90 and longitude within -180..180'],
  // Encoding a record (src/encode/).
  ['encode/empty', 'encode', 'error', 'the record is empty: no date line, title or text'],
  ['encode/binary', 'encode', 'error', 'the record holds control characters: binary data, not a text record'],
  ['encode/encoding', 'encode', 'warning', 'the record is not UTF-8; it was read as Windows-1252'],
  ['encode/no-title', 'encode', 'error', 'the record has no title (a bold title line after the date line)'],
  ['encode/no-body', 'encode', 'error', 'the record has no text between its "[...]" lines'],
  ['encode/date-line', 'encode', 'error', 'the date line is not a date ("April 21, 1962", "21 April 1962", "July 1962", "1962")'],
  ['encode/no-date', 'encode', 'warning', 'the record has no date line and its citation no date; the edition carries no date'],
  ['encode/date-from-citation', 'encode', 'warning', 'no date line; the date is taken from the citation'],
  ['encode/title-from-citation', 'encode', 'warning', 'no title line; the title is taken from the citation'],
  ['encode/no-end-marker', 'encode', 'warning', 'the text has no closing "[...]" line; it runs to the end of the record'],
  ['encode/after-end-marker', 'encode', 'warning', 'text after the closing "[...]" line; kept as a note'],
  ['encode/unexpected-text', 'encode', 'warning', 'text between the title and the first section; kept as a note'],
  ['encode/unknown-section', 'encode', 'warning', 'a section label the encoder does not know; its text is kept as a note'],
  ['encode/duplicate-section', 'encode', 'warning', 'a section appears twice; the first is used, the second kept as a note'],
  ['encode/citation', 'encode', 'warning', 'the citation is not in the archive\'s form, or its link is not a valid URL; kept as written'],
  ['encode/language', 'encode', 'warning', 'a language name the encoder does not know; written as "und" (undetermined)'],
  ['encode/unknown-name', 'encode', 'warning', 'a capitalised name that is not in the authority file; left untagged'],
  ['encode/date-invalid', 'encode', 'warning', 'a date in the text that is not a calendar date; left untagged'],
  ['encode/bracket', 'encode', 'warning', 'square brackets the encoder cannot read as an editorial mark; kept as written'],
  ['encode/alternative-name', 'encode', 'warning', 'a bracketed second name that points to another register entry than the name before it'],
  ['encode/alternative-name-unknown', 'encode', 'warning', 'a name and its bracketed second name, neither in the authority file; both tagged without @ref'],
  ['encode/note-missing', 'encode', 'warning', 'a note marker without a note after the text; kept as written'],
  ['encode/note-unreferenced', 'encode', 'warning', 'a note without a marker in the text; kept at the end as an end note'],
  ['encode/note-duplicate', 'encode', 'warning', 'two notes for one marker'],
  ['encode/note-in-name', 'encode', 'warning', 'a note marker inside a name; the name is left untagged'],
  // Authority files (src/encode/authority.ts), read by encode and annotate.
  ['authority/json-syntax', 'encode', 'error', 'the authority file is not UTF-8 JSON (line and column of the syntax error)'],
  ['authority/schema', 'encode', 'error', 'the authority file breaks schemas/authority.schema.json (each problem with its JSON Pointer)'],
  ['authority/duplicate-id', 'encode', 'error', 'two entries of the authority file have the same id'],
  ['authority/ambiguous-name', 'encode', 'error', 'one name belongs to two entries, so a mention could not be linked to one (set "match": false on one)'],
  // Annotating an edition (src/annotate/).
  ['annotate/encoding', 'annotate', 'error', 'annotate edits UTF-8 files only'],
  ['annotate/ref-unresolved', 'annotate', 'warning', 'a name\'s @ref points to an id neither the edition nor the authority file defines'],
  ['annotate/ref-name', 'annotate', 'warning', 'a name\'s @ref points to an entry whose names do not include the name\'s text'],
  ['annotate/overlap', 'annotate', 'warning', 'a name of the authority file crosses existing markup; left untagged'],
  ['annotate/geo-differs', 'annotate', 'warning', 'the edition\'s coordinates for an entry differ from the authority file\'s; the edition\'s are kept'],
  ['annotate/id-clash', 'annotate', 'warning', 'an xml:id of the authority file is already used by another element of the edition'],
  // Transforming (src/transform/).
  ['transform/stylesheet-missing', 'transform', 'error', 'a compiled stylesheet (SEF) is missing: run "npm run build" (exit 2)'],
  ['transform/too-deep', 'transform', 'error', 'the document is nested too deeply to transform (more than 10,000 levels, or the stack of the thread)'],
  ['transform/error', 'transform', 'error', 'the transform failed without an error code (the worker thread stopped)'],
  ['transform/*', 'transform', 'error', 'an error raised by a stylesheet or by saxon-js, by its XSLT/XPath error code (transform/XTMM9000)'],
  // Querying and the index (src/query/).
  ['query/input', 'query', 'error', 'a file to query cannot be read or is not a regular file; skipped, the others are answered'],
  ['query/register', 'query', 'error', 'a --register file is missing, not well-formed or not TEI; a warning when it holds no register entries', ['warning']],
  ['query/unresolved-pointer', 'query', 'warning', 'a pointer names nothing: no such id, no such register file (once per target)'],
  ['query/index', 'query', 'error', 'the index is missing, not SQLite, not teikit\'s, of another version, or damaged (exit 2)'],
  // Cataloguing (src/catalog/).
  ['catalog/input', 'catalog', 'error', 'a file to catalogue is not well-formed, not TEI, or lacks a teiHeader; a warning for a pointer into a missing register', ['warning']],
];

/** Every entry, in the catalogue's order (the README table's order). */
export const CATALOGUE: readonly CatalogueEntry[] = LINES.map(([id, source, severity, description, also = []]) => ({
  id,
  source,
  severity,
  severities: [severity, ...also],
  description,
}));

const BY_ID = new Map(CATALOGUE.map((e) => [e.id, e]));

/** The entry of `ruleId`: its own line, else its family's (`transform/XTMM9000` -> `transform/*`). */
export function catalogueEntry(ruleId: string): CatalogueEntry | undefined {
  const entry = BY_ID.get(ruleId);
  if (entry !== undefined) return entry;
  const slash = ruleId.indexOf('/');
  return slash > 0 ? BY_ID.get(`${ruleId.slice(0, slash)}/*`) : undefined;
}

/** The severity a diagnostic of `ruleId` has when its caller gives none: its entry's, else `error`. */
export function defaultSeverity(ruleId: string): Severity {
  return catalogueEntry(ruleId)?.severity ?? 'error';
}

/** What the name part of a family stands for, in the README table (`transform/CODE`, `schematron/ID`). */
const FAMILY_NAMES: Readonly<Record<string, string>> = { 'schematron/*': 'ID' };

/**
 * The README anchor of an entry's row: `encode/no-title` -> `rule-encode-no-title`, `transform/*` ->
 * `rule-transform-code`, `schematron/*` -> `rule-schematron-id`.
 */
export function catalogueAnchor(id: string): string {
  return `rule-${id.replace(/\/\*$/, `/${FAMILY_NAMES[id] ?? 'code'}`).replace(/[^a-z0-9]+/gi, '-').toLowerCase()}`;
}

/** The `url` of a diagnostic: its row in the README shipped with the package, or undefined for an id not catalogued. */
export function catalogueUrl(ruleId: string): string | undefined {
  const entry = catalogueEntry(ruleId);
  return entry === undefined ? undefined : `README.md#${catalogueAnchor(entry.id)}`;
}

/** The README's Diagnostics table, one row per entry. */
export function catalogueMarkdown(): string {
  const rows = CATALOGUE.map((e) => {
    const id = e.id.endsWith('/*') ? `${e.id.slice(0, -1)}${FAMILY_NAMES[e.id] ?? 'CODE'}` : e.id;
    return `| <a id="${catalogueAnchor(e.id)}"></a>\`${id}\` | ${e.source} | ${e.severities.join(' or ')} | ${e.description.replace(/\|/g, '\\|')} |`;
  });
  return ['| rule id | source | severity | meaning |', '|---|---|---|---|', ...rows].join('\n');
}

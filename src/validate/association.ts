/**
 * Which schemas apply to a file (README, teikit validate, "Which schema"), in this order:
 * 1. `--schema` (repeatable): any number of RELAX NG schemas (`.rng`, `.rnc`) and of Schematron schemas (`.sch`);
 * 2. else every `<?xml-model?>` PI of the prolog (W3C "Associating Schemas with XML documents 1.0") whose href is a
 *    local file, relative to the file or a `file:` URL: RELAX NG by `schematypens` (or, without one, an `.rng`/`.rnc`
 *    href), ISO Schematron by `schematypens` (or an `.sch` href); oXygen's `<?oxygen RNGSchema=?>` as RELAX NG. A
 *    remote href (http, https, any other scheme) is never fetched: it is mapped to a local file through an OASIS XML
 *    catalog (`--catalog FILE`, ./catalog.ts) or the `schemas` map of the nearest `teikit.config.json` (the file's
 *    folder or a parent); unmapped, it is skipped with an `info` line. Each schema named applies (the W3C note
 *    lets a document name several, and says all of them are to be used): every RELAX NG one, every Schematron one;
 * 3. else, for a teikit edition only, teikit's edition schema: a file made by `teikit encode` (its header says
 *    `<authority>teikit</authority>`, a publisher `teikit`, or a responsibility of `teikit encode`);
 * 4. else no schema: well-formedness alone, with one `info` line saying so and how to name one. A file that is not
 *    a teikit edition is never judged against the edition schema unasked.
 */
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { diagnostic, TeikitError, type Diagnostic } from '../diagnostics.js';
import { localFile } from '../href.js';
import { tryReadRegularFile, unreadableReason } from '../io.js';
import { editionSchemaPath } from '../package-files.js';
import { decodeXml, RNG_NS, SCH_NS, TEI_NS, type XmlDocument, type XmlElement, type XmlNode, type XmlProcessingInstruction } from '../xml/index.js';
import { catalogLoops, loadCatalog, resolveInCatalog } from './catalog.js';

export type SchemaOrigin = 'option' | 'xml-model' | 'edition';

/** One RELAX NG schema that applies to a file, and how it was chosen. */
export interface NamedSchema {
  /** Path of the schema (XML or compact syntax). */
  path: string;
  origin: SchemaOrigin;
  /** How a remote href was mapped to `path`: the catalog file or the `teikit.config.json` that did it. */
  via?: string;
  /** For origin `xml-model`: the processing instruction that named the schema, and its href as written. */
  namedBy?: { target: string; href: string; line: number; column: number };
}

export interface SchemaChoice {
  /** The RELAX NG schemas that apply, in order, each once; empty when none does (well-formedness only). */
  relaxng: NamedSchema[];
  /** `info` diagnostics: remote or missing schemas skipped, or no schema at all. */
  notes: Diagnostic[];
  /** Local Schematron schemas the PIs name, in document order (a RELAX NG schema stands for its embedded rules). */
  schematron: NamedSchema[];
}

export interface AssociationOptions {
  /** `--schema` RELAX NG schemas: the PIs are then not read. */
  schema?: readonly string[];
  /** `--catalog FILE`: an OASIS XML catalog for remote hrefs. */
  catalog?: string;
  /** `--schema FILE.sch` given (and Schematron not turned off): the file is checked against it, so a missing
   *  RELAX NG schema gets no "no schema applies" line. */
  schematronGiven?: boolean;
}


/** The name of the per-project configuration file looked for beside the files and in their parent folders. */
export const CONFIG_FILE = 'teikit.config.json';

export { editionSchemaPath };

/** Pseudo-attributes of a processing instruction body (`href="a.rng" type='…'`), entity references decoded. */
export function pseudoAttributes(body: string): Record<string, string> {
  const out: Record<string, string> = {};
  const re = /([A-Za-z_][\w.:-]*)\s*=\s*(?:"([^"]*)"|'([^']*)')/g;
  for (let m = re.exec(body); m !== null; m = re.exec(body)) {
    const raw = m[2] ?? m[3] ?? '';
    out[m[1]!] = raw.replace(/&(lt|gt|amp|quot|apos|#x[0-9a-fA-F]+|#\d+);/g, (_, e: string) => {
      if (e.startsWith('#x')) return String.fromCodePoint(parseInt(e.slice(2), 16));
      if (e.startsWith('#')) return String.fromCodePoint(parseInt(e.slice(1), 10));
      return ({ lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" } as Record<string, string>)[e]!;
    });
  }
  return out;
}

interface Candidate {
  href: string;
  pi: Pick<XmlProcessingInstruction, 'target' | 'line' | 'column'>;
  schematron: boolean;
}

/** Schemas named by prolog PIs (`xml-model`, oXygen's `oxygen RNGSchema=`), in document order. */
function candidates(pis: Iterable<Pick<XmlProcessingInstruction, 'target' | 'body' | 'line' | 'column'>>): Candidate[] {
  const out: Candidate[] = [];
  for (const node of pis) {
    if (node.target === 'xml-model') {
      const a = pseudoAttributes(node.body);
      const href = a['href'];
      if (href === undefined) continue;
      const ns = a['schematypens'];
      const compact = /\.rnc$/i.test(href) || a['type'] === 'application/relax-ng-compact-syntax';
      // Without schematypens, only the extension says what the schema is.
      if (ns === RNG_NS || (ns === undefined && (/\.rng$/i.test(href) || compact))) out.push({ href, pi: node, schematron: false });
      else if (ns === SCH_NS || (ns === undefined && /\.sch$/i.test(href))) out.push({ href, pi: node, schematron: true });
    } else if (node.target === 'oxygen') {
      const href = pseudoAttributes(node.body)['RNGSchema'];
      if (href !== undefined) out.push({ href, pi: node, schematron: false });
    }
  }
  return out;
}

function prologPis(doc: XmlDocument): XmlProcessingInstruction[] {
  return doc.children.filter((n): n is XmlProcessingInstruction => n.type === 'pi');
}

function note(file: string, at: { line: number; column: number }, message: string, ruleId = 'validate/schema-fallback'): Diagnostic {
  return diagnostic({ file, line: at.line, column: at.column, severity: 'info', message, ruleId, source: 'schema' });
}

// ---------------------------------------------------------------------------------------------------------------
// Remote hrefs: a catalog, or teikit.config.json

/**
 * Check `--catalog FILE` before any file is read: a broken catalog is one error line and exit code 2 (thrown); a
 * loop through `nextCatalog` or a delegate is returned as warnings.
 */
export function checkCatalog(path: string): Diagnostic[] {
  return catalogLoops(loadCatalog(path));
}

interface Config {
  file: string;
  schemas: Map<string, string>;
}

/** The nearest `teikit.config.json` of each folder (`null`: none up to the root). */
const configs = new Map<string, Config | null>();

function readConfig(path: string): Config {
  const read = tryReadRegularFile(path, 'schema');
  const fail = (message: string): TeikitError => new TeikitError(diagnostic({ file: path, line: 1, column: 1, message, ruleId: 'validate/config', source: 'schema' }), 2);
  if (!read.ok) throw fail(`cannot read ${CONFIG_FILE}: ${read.reason}`);
  let data: unknown;
  try {
    data = JSON.parse(new TextDecoder().decode(read.bytes));
  } catch (error) {
    throw fail(`${CONFIG_FILE} is not JSON: ${error instanceof Error ? error.message : String(error)}`);
  }
  const schemas = new Map<string, string>();
  const map = (data as { schemas?: unknown } | null)?.schemas;
  if (map !== undefined) {
    if (map === null || typeof map !== 'object' || Array.isArray(map)) throw fail('"schemas" must be an object mapping schema URLs to local paths');
    for (const [url, local] of Object.entries(map as Record<string, unknown>)) {
      if (typeof local !== 'string') throw fail(`"schemas": the value for "${url}" must be a path`);
      schemas.set(url, resolve(dirname(path), local));
    }
  }
  return { file: path, schemas };
}

function configFor(dir: string): Config | null {
  const known = configs.get(dir);
  if (known !== undefined) return known;
  const candidate = join(dir, CONFIG_FILE);
  const parent = dirname(dir);
  const found = existsSync(candidate) ? readConfig(candidate) : parent === dir ? null : configFor(parent);
  configs.set(dir, found);
  return found;
}

/** A remote `href` mapped to a local file by the catalog, else by the nearest config; undefined when neither maps it. */
function mapRemote(href: string, file: string, options: AssociationOptions): { path: string; via: string } | undefined {
  if (options.catalog !== undefined) {
    const path = resolveInCatalog(loadCatalog(options.catalog), href);
    if (path !== undefined) return { path, via: resolve(options.catalog) };
  }
  const config = configFor(dirname(resolve(file)));
  if (config !== null) {
    const exact = config.schemas.get(href);
    if (exact !== undefined) return { path: exact, via: config.file };
    // A key ending in "/" maps every URL below it, as a catalog's rewriteURI does.
    let best: [string, string] | undefined;
    for (const [url, local] of config.schemas) {
      if (url.endsWith('/') && href.startsWith(url) && (best === undefined || url.length > best[0].length)) best = [url, local];
    }
    if (best !== undefined) return { path: join(best[1], href.slice(best[0].length)), via: config.file };
  }
  return undefined;
}

// ---------------------------------------------------------------------------------------------------------------
// teikit editions

function childElements(el: XmlElement, local: string): XmlElement[] {
  return el.children.filter((c): c is XmlElement => c.type === 'element' && c.uri === TEI_NS && c.local === local);
}

function textOf(node: XmlNode): string {
  if (node.type === 'text') return node.value;
  if (node.type !== 'element') return '';
  return node.children.map(textOf).join('');
}

/**
 * Whether `doc` is a teikit edition: a TEI document whose header names teikit as its publisher or authority, or
 * `teikit encode` (or `teikit`) as a responsibility, as `teikit encode` writes it (src/encode/tei.ts).
 */
export function isTeikitEdition(doc: XmlDocument): boolean {
  const root = doc.root;
  if (root.uri !== TEI_NS || root.local !== 'TEI') return false;
  const norm = (s: string): string => s.replace(/\s+/g, ' ').trim();
  for (const header of childElements(root, 'teiHeader')) {
    for (const fileDesc of childElements(header, 'fileDesc')) {
      for (const pub of childElements(fileDesc, 'publicationStmt')) {
        for (const el of [...childElements(pub, 'authority'), ...childElements(pub, 'publisher')]) if (norm(textOf(el)) === 'teikit') return true;
      }
      for (const stmt of [...childElements(fileDesc, 'titleStmt'), ...childElements(fileDesc, 'editionStmt')]) {
        for (const resp of childElements(stmt, 'respStmt')) {
          for (const name of childElements(resp, 'name')) if (/^teikit( encode)?$/.test(norm(textOf(name)))) return true;
        }
      }
    }
  }
  return false;
}

// ---------------------------------------------------------------------------------------------------------------

/** Where a candidate's href leads: a local path (and what mapped it), or why it is skipped. */
function locate(c: Candidate, file: string, options: AssociationOptions): { path: string; via?: string } | { skipped: string } {
  const label = `<?${c.pi.target}?> schema "${c.href}"`;
  const skipped = c.schematron ? 'its Schematron rules are not checked' : 'it is not used';
  let path: string;
  let via: string | undefined;
  // A schema is a whole file: a fragment in the href names no part of it.
  const target = localFile(c.href.split('#')[0]!, file);
  if ('badFileUrl' in target) return { skipped: `${label} is not a usable file URL; ${skipped}` };
  if ('remote' in target) {
    const mapped = mapRemote(c.href, file, options);
    if (mapped === undefined) return { skipped: `${label} is remote and is never fetched; ${skipped} (map it to a local file with --catalog FILE or "schemas" in ${CONFIG_FILE})` };
    path = mapped.path;
    via = mapped.via;
  } else {
    path = target.path;
  }
  // Say what the path is: a FIFO or /dev/zero named here is refused as such, never read (it would not end).
  const unreadable = unreadableReason(path);
  if (unreadable !== undefined) return { skipped: `${label} ${unreadable} (${path}); ${skipped}` };
  return via === undefined ? { path } : { path, via };
}

/** The schemas `doc`'s prolog PIs name that lead to local files: RELAX NG ones, then Schematron ones, notes for the rest. */
function namedByPis(pis: Iterable<Pick<XmlProcessingInstruction, 'target' | 'body' | 'line' | 'column'>>, file: string, options: AssociationOptions): SchemaChoice {
  const choice: SchemaChoice = { relaxng: [], notes: [], schematron: [] };
  for (const c of candidates(pis)) {
    const where = locate(c, file, options);
    if ('skipped' in where) {
      choice.notes.push(note(file, c.pi, where.skipped));
      continue;
    }
    const list = c.schematron ? choice.schematron : choice.relaxng;
    if (list.some((r) => resolve(r.path) === resolve(where.path))) continue;
    const named: NamedSchema = { path: where.path, origin: 'xml-model', namedBy: { target: c.pi.target, href: c.href, line: c.pi.line, column: c.pi.column } };
    if (where.via !== undefined) named.via = where.via;
    list.push(named);
  }
  return choice;
}

/** Choose the schemas for `doc` (read from `file`); see the module comment for the order. */
export function resolveSchema(doc: XmlDocument, file: string, options: AssociationOptions = {}): SchemaChoice {
  if (options.schema !== undefined && options.schema.length > 0) {
    return { relaxng: options.schema.map((path) => ({ path, origin: 'option' })), notes: [], schematron: [] };
  }
  const choice = namedByPis(prologPis(doc), file, options);
  if (choice.relaxng.length > 0) return choice;
  if (isTeikitEdition(doc)) return { ...choice, relaxng: [{ path: editionSchemaPath(), origin: 'edition' }] };
  if (choice.schematron.length === 0 && options.schematronGiven !== true) {
    choice.notes.push(note(file, { line: doc.root.line, column: doc.root.column }, `no schema applies to this file: checked for well-formedness only (name one with --schema FILE, an <?xml-model?> processing instruction, or --catalog FILE for a remote one)`, 'validate/no-schema'));
  }
  return choice;
}

/**
 * The local schemas the prolog of a file names, from its first bytes alone (no tree): what a batch compiles once
 * before its workers start, so that each worker finds them in the disk cache. RELAX NG paths, then Schematron paths;
 * PIs inside an internal DTD subset are counted too (harmless: at worst a schema is compiled that is not used).
 */
export function schemasNamedInProlog(head: Uint8Array, file: string, options: AssociationOptions = {}): { relaxng: string[]; schematron: string[] } {
  const text = prologText(head, file);
  const root = text.search(/<[A-Za-z_:\u00C0-\uFFFF]/);
  const prolog = root < 0 ? text : text.slice(0, root);
  const pis = [...prolog.matchAll(/<\?(xml-model|oxygen)\s+([\s\S]*?)\?>/g)].map((m) => ({ target: m[1]!, body: m[2]!, line: 1, column: 1 }));
  try {
    const choice = namedByPis(pis, file, options);
    return { relaxng: choice.relaxng.map((r) => r.path), schematron: choice.schematron.map((r) => r.path) };
  } catch {
    return { relaxng: [], schematron: [] }; // a broken catalog or config: each file reports it
  }
}

/** How many bytes of a file `schemasNamedInProlog` is given: the prolog of any real file is whole in them. */
export const PROLOG_HEAD_BYTES = 16_384;

/**
 * The first bytes of a file as text, in its own encoding (XML 1.0 appendix F: a UTF-16 file's PIs are found too).
 * The cut may split a character (at most 3 bytes of UTF-8, 2 of a UTF-16 surrogate pair): those bytes are left off.
 * Anything else that does not decode is the file's to report; then it names nothing here.
 */
function prologText(head: Uint8Array, file: string): string {
  for (let cut = 0; cut <= 3; cut++) {
    try {
      return decodeXml(head.subarray(0, head.length - cut), file).text;
    } catch {
      if (head.length < PROLOG_HEAD_BYTES) break; // the whole file: the error is real
    }
  }
  return '';
}

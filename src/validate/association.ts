/**
 * Which schemas apply to a file (README, teikit validate, "Which schema"), in this order:
 * 1. `--schema` (repeatable): one RELAX NG schema (`.rng`, `.rnc`) and any number of Schematron schemas (`.sch`);
 * 2. else every `<?xml-model?>` PI of the prolog (W3C "Associating Schemas with XML documents 1.0") whose href is a
 *    local file, relative to the file or a `file:` URL: RELAX NG by `schematypens` (or, without one, an `.rng`/`.rnc`
 *    href), ISO Schematron by `schematypens` (or an `.sch` href); oXygen's `<?oxygen RNGSchema=?>` as RELAX NG. A
 *    remote href (http, https, any other scheme) is never fetched: it is mapped to a local file through an OASIS XML
 *    catalog (`--catalog FILE`, ./catalog.ts) or the `schemas` map of the nearest `teikit.config.json` (the file's
 *    folder or a parent); unmapped, it is skipped with an `info` line;
 * 3. else, for a teikit edition only, teikit's edition schema: a file made by `teikit encode` (its header says
 *    `<authority>teikit</authority>`, a publisher `teikit`, or a responsibility of `teikit encode`);
 * 4. else no schema: well-formedness alone, with one `info` line saying so and how to name one. A file that is not
 *    a teikit edition is never judged against the edition schema unasked.
 */
import { existsSync } from 'node:fs';
import { dirname, isAbsolute, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { diagnostic, TeikitError, type Diagnostic } from '../diagnostics.js';
import { tryReadRegularFile, unreadableReason } from '../io.js';
import type { XmlDocument, XmlElement, XmlNode, XmlProcessingInstruction } from '../xml/index.js';
import { catalogLoops, loadCatalog, resolveInCatalog } from './catalog.js';

export type SchemaOrigin = 'option' | 'xml-model' | 'edition';

export interface SchemaChoice {
  /** Path of the RELAX NG schema (XML or compact syntax); undefined when none applies (well-formedness only). */
  path: string | undefined;
  origin: SchemaOrigin;
  /** How a remote href was mapped to `path`: the catalog file or the `teikit.config.json` that did it. */
  via?: string;
  /** `info` diagnostics: remote or missing schemas skipped, or no schema at all. */
  notes: Diagnostic[];
  /** For origin `xml-model`: the processing instruction that named the schema, and its href as written. */
  namedBy?: { target: string; href: string; line: number; column: number };
  /** Local Schematron schemas the PIs name, in document order (`.rng`/`.rnc` ones stand for their embedded rules). */
  schematron: string[];
}

export interface AssociationOptions {
  /** `--schema` RELAX NG schema: the PIs are then not read. */
  schema?: string;
  /** `--catalog FILE`: an OASIS XML catalog for remote hrefs. */
  catalog?: string;
  /** `--schema FILE.sch` given (and Schematron not turned off): the file is checked against it, so a missing
   *  RELAX NG schema gets no "no schema applies" line. */
  schematronGiven?: boolean;
}

export const SCHEMATRON_NS = 'http://purl.oclc.org/dsdl/schematron';
const RELAXNG_NS = 'http://relaxng.org/ns/structure/1.0';
const TEI_NS = 'http://www.tei-c.org/ns/1.0';

/** The name of the per-project configuration file looked for beside the files and in their parent folders. */
export const CONFIG_FILE = 'teikit.config.json';

/** The edition schema shipped with teikit (found from `src/validate/` and from `dist/src/validate/`). */
export function editionSchemaPath(): string {
  for (const up of ['../../schemas/teikit-edition.rng', '../../../schemas/teikit-edition.rng']) {
    const path = fileURLToPath(new URL(up, import.meta.url));
    if (existsSync(path)) return path;
  }
  return fileURLToPath(new URL('../../../schemas/teikit-edition.rng', import.meta.url));
}

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
  pi: XmlProcessingInstruction;
  schematron: boolean;
}

/** Schemas named by the document's prolog PIs, in document order. */
function candidates(doc: XmlDocument): Candidate[] {
  const out: Candidate[] = [];
  for (const node of doc.children) {
    if (node.type !== 'pi') continue;
    if (node.target === 'xml-model') {
      const a = pseudoAttributes(node.body);
      const href = a['href'];
      if (href === undefined) continue;
      const ns = a['schematypens'];
      const compact = /\.rnc$/i.test(href) || a['type'] === 'application/relax-ng-compact-syntax';
      // Without schematypens, only the extension says what the schema is.
      if (ns === RELAXNG_NS || (ns === undefined && (/\.rng$/i.test(href) || compact))) out.push({ href, pi: node, schematron: false });
      else if (ns === SCHEMATRON_NS || (ns === undefined && /\.sch$/i.test(href))) out.push({ href, pi: node, schematron: true });
    } else if (node.target === 'oxygen') {
      const href = pseudoAttributes(node.body)['RNGSchema'];
      if (href !== undefined) out.push({ href, pi: node, schematron: false });
    }
  }
  return out;
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

/** Choose the schemas for `doc` (read from `file`); see the module comment for the order. */
export function resolveSchema(doc: XmlDocument, file: string, options: AssociationOptions = {}): SchemaChoice {
  if (options.schema !== undefined) return { path: options.schema, origin: 'option', notes: [], schematron: [] };
  const notes: Diagnostic[] = [];
  const schematron: string[] = [];
  let chosen: { path: string; via?: string; namedBy: NonNullable<SchemaChoice['namedBy']> } | undefined;
  for (const c of candidates(doc)) {
    const label = `<?${c.pi.target}?> schema "${c.href}"`;
    const skipped = c.schematron ? 'its Schematron rules are not checked' : 'it is not used';
    if (chosen !== undefined && !c.schematron) {
      notes.push(note(file, c.pi, `${label} is a second RELAX NG schema; only the first one named is used`));
      continue;
    }
    let path: string;
    let via: string | undefined;
    const scheme = /^([A-Za-z][A-Za-z0-9+.-]*):/.exec(c.href)?.[1]?.toLowerCase();
    if (scheme === 'file') {
      try {
        path = fileURLToPath(c.href);
      } catch {
        notes.push(note(file, c.pi, `${label} is not a usable file URL; ${skipped}`));
        continue;
      }
    } else if (scheme !== undefined && !(scheme.length === 1 && process.platform === 'win32')) {
      const mapped = mapRemote(c.href, file, options);
      if (mapped === undefined) {
        notes.push(note(file, c.pi, `${label} is remote and is never fetched; ${skipped} (map it to a local file with --catalog FILE or "schemas" in ${CONFIG_FILE})`));
        continue;
      }
      path = mapped.path;
      via = mapped.via;
    } else {
      let href = c.href;
      try {
        href = decodeURI(href);
      } catch {
        // keep it as written
      }
      path = isAbsolute(href) ? href : resolve(dirname(file), href.split('#')[0]!);
    }
    // Say what the path is: a FIFO or /dev/zero named here is refused as such, never read (it would not end).
    const unreadable = unreadableReason(path);
    if (unreadable !== undefined) {
      notes.push(note(file, c.pi, `${label} ${unreadable} (${path}); ${skipped}`));
      continue;
    }
    if (c.schematron) {
      if (!schematron.includes(path)) schematron.push(path);
    } else {
      const namedBy = { target: c.pi.target, href: c.href, line: c.pi.line, column: c.pi.column };
      chosen = via === undefined ? { path, namedBy } : { path, via, namedBy };
    }
  }
  if (chosen !== undefined) return { ...chosen, origin: 'xml-model', notes, schematron };
  if (isTeikitEdition(doc)) return { path: editionSchemaPath(), origin: 'edition', notes, schematron };
  if (schematron.length === 0 && options.schematronGiven !== true) {
    notes.push(note(file, { line: doc.root.line, column: doc.root.column }, `no schema applies to this file: checked for well-formedness only (name one with --schema FILE, an <?xml-model?> processing instruction, or --catalog FILE for a remote one)`, 'validate/no-schema'));
  }
  return { path: undefined, origin: 'xml-model', notes, schematron };
}

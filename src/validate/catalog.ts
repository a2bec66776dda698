/**
 * OASIS XML Catalogs 1.1 (OASIS Standard, 7 October 2005), the form jing's `-C` and oXygen read: every entry of the
 * standard's catalog namespace, `public`, `system`, `rewriteSystem`, `systemSuffix`, `delegatePublic`,
 * `delegateSystem`, `uri`, `rewriteURI`, `uriSuffix`, `delegateURI`, `nextCatalog`, inside `group`s or not, with
 * `xml:base` and `prefer` on any of them (section 6.5). A remote schema or DTD a file names is never fetched: a
 * catalog maps it to a local file. A catalog never reaches the network either: a `nextCatalog` or delegate that is
 * not a `file:` URL is skipped, as section 8 says of a catalog entry file that cannot be loaded.
 *
 * Resolution follows section 7: external identifiers (a DOCTYPE's public and system id) by 7.1.2, URIs (a schema's
 * href) by 7.2.2; teikit asks for a schema href as a URI and, failing that, as a system identifier (as jing's
 * resolver does). Each catalog entry file is consulted once per lookup, so a `nextCatalog` or delegate that leads
 * back to a catalog already read ends there; `catalogLoops` lists such loops for the CLI to report.
 * Catalog files are read through io.ts; one that cannot be read or parsed is an error of the run (exit 2), except a
 * missing `nextCatalog` or delegate, which is skipped (section 8).
 */
import { resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { diagnostic, TeikitError, type Diagnostic } from '../diagnostics.js';
import { tryReadRegularFile } from '../io.js';
import { tryParseXml, type XmlElement } from '../xml/index.js';

export const CATALOG_NS = 'urn:oasis:names:tc:entity:xmlns:xml:catalog';

type Kind =
  | 'public' | 'system' | 'rewriteSystem' | 'systemSuffix' | 'delegatePublic' | 'delegateSystem'
  | 'uri' | 'rewriteURI' | 'uriSuffix' | 'delegateURI';

interface Entry {
  kind: Kind;
  /** The public id, system id, URI name, start string or suffix, normalised (section 6.2, 6.3). */
  key: string;
  /** Absolute URL of the target, the rewrite prefix, or the delegated catalog. */
  target: string;
  /** The `prefer` in force where the entry stands (section 4.1.1): whether a `public` entry applies when a system id is given too. */
  preferPublic: boolean;
  line: number;
  column: number;
}

/** A catalog entry file that another one names (`nextCatalog`, a delegate), with where it is named. */
interface CatalogRef {
  url: string;
  line: number;
  column: number;
}

export interface Catalog {
  file: string;
  entries: Entry[];
  next: CatalogRef[];
}

const XML_NS = 'http://www.w3.org/XML/1998/namespace';

/** Which attribute holds an entry's key and which its target (section 6.5). */
const ENTRY_ATTRIBUTES: Record<Kind, [key: string, target: string, normalise: (v: string) => string]> = {
  public: ['publicId', 'uri', normalisePublicId],
  system: ['systemId', 'uri', normaliseUri],
  rewriteSystem: ['systemIdStartString', 'rewritePrefix', normaliseUri],
  systemSuffix: ['systemIdSuffix', 'uri', normaliseUri],
  delegatePublic: ['publicIdStartString', 'catalog', normalisePublicId],
  delegateSystem: ['systemIdStartString', 'catalog', normaliseUri],
  uri: ['name', 'uri', normaliseUri],
  rewriteURI: ['uriStartString', 'rewritePrefix', normaliseUri],
  uriSuffix: ['uriSuffix', 'uri', normaliseUri],
  delegateURI: ['uriStartString', 'catalog', normaliseUri],
};

/** Section 6.2: a public identifier with its whitespace normalised (XML 1.0, 4.2.2). */
function normalisePublicId(id: string): string {
  return id.replace(/[\t\n\r ]+/g, ' ').trim();
}

/**
 * Section 6.3: a system identifier or URI with every character that a URI may not hold (controls, space, non-ASCII,
 * `"<>\^`{|}`) %-escaped as the hexadecimal bytes of its UTF-8 form, so that both sides of a comparison agree.
 */
function normaliseUri(uri: string): string {
  return uri.replace(/[\u0000-\u0020"<>\\^`{|}\u007f-\u{10ffff}]/gu, (c) => Array.from(Buffer.from(c, 'utf8'), (b) => `%${b.toString(16).toUpperCase().padStart(2, '0')}`).join(''));
}

/** Section 6.4: the public identifier a `urn:publicid:` URN stands for (RFC 3151), or undefined for any other string. */
export function unwrapUrn(id: string): string | undefined {
  if (!/^urn:publicid:/i.test(id)) return undefined;
  const codes: Record<string, string> = { '%2B': '+', '%3A': ':', '%2F': '/', '%3B': ';', '%27': "'", '%3F': '?', '%23': '#', '%25': '%' };
  return id
    .slice('urn:publicid:'.length)
    .replace(/\+|:|;|%(?:2B|3A|2F|3B|27|3F|23|25)/gi, (m) => (m === '+' ? ' ' : m === ':' ? '//' : m === ';' ? '::' : codes[m.toUpperCase()]!));
}

function attr(el: XmlElement, local: string, uri = ''): string | undefined {
  return el.attributes.find((a) => a.local === local && a.uri === uri)?.value;
}

function catalogError(file: string, line: number, column: number, message: string): TeikitError {
  return new TeikitError(diagnostic({ file, line, column, message, ruleId: 'validate/catalog', source: 'schema' }), 2);
}

/** Read the catalog at `file` (not its `nextCatalog`s or delegates, which are read when a lookup reaches them). */
export function readCatalog(file: string): Catalog {
  const path = resolve(file);
  const read = tryReadRegularFile(path, 'schema');
  if (!read.ok) throw catalogError(path, 1, 1, `cannot read catalog: ${read.reason}`);
  const parsed = tryParseXml(read.bytes, { file: path });
  if (!parsed.ok) throw new TeikitError({ ...parsed.diagnostic, source: 'schema' }, 2);
  const root = parsed.document.root;
  if (root.uri !== CATALOG_NS || root.local !== 'catalog') {
    throw catalogError(path, root.line, root.column, `not an OASIS XML catalog: the root element is not {${CATALOG_NS}}catalog`);
  }
  const catalog: Catalog = { file: path, entries: [], next: [] };
  const url = (el: XmlElement, value: string, base: string): string => {
    try {
      return new URL(value, base).href;
    } catch {
      throw catalogError(path, el.line, el.column, `<${el.local}>: "${value}" is not a URI reference`);
    }
  };
  // Section 6.5.1: `xml:base` and `prefer` hold for the element they stand on and everything inside it.
  const walk = (el: XmlElement, outerBase: string, outerPrefer: boolean): void => {
    const own = attr(el, 'base', XML_NS);
    const base = own === undefined ? outerBase : url(el, own, outerBase);
    const prefer = attr(el, 'prefer');
    const preferPublic = prefer === undefined ? outerPrefer : prefer === 'public';
    if (el !== root && el.local !== 'group') {
      const need = (name: string): string => {
        const v = attr(el, name);
        if (v === undefined) throw catalogError(path, el.line, el.column, `<${el.local}> without @${name}`);
        return v;
      };
      if (el.local === 'nextCatalog') {
        catalog.next.push({ url: url(el, need('catalog'), base), line: el.line, column: el.column });
        return;
      }
      const kind = el.local as Kind;
      const [key, target, normalise] = ENTRY_ATTRIBUTES[kind];
      catalog.entries.push({ kind, key: normalise(need(key)), target: url(el, need(target), base), preferPublic, line: el.line, column: el.column });
      return;
    }
    for (const c of el.children) {
      // Section 6.1: elements of other namespaces, and unknown ones of this namespace, are ignored.
      if (c.type !== 'element' || c.uri !== CATALOG_NS) continue;
      if (c.local === 'group' || c.local === 'nextCatalog' || Object.hasOwn(ENTRY_ATTRIBUTES, c.local)) walk(c, base, preferPublic);
    }
  };
  // The standard leaves the initial `prefer` to the application; "public" is what jing's and libxml2's resolvers use.
  walk(root, pathToFileURL(path).href, true);
  return catalog;
}

/** Catalogs read in this thread, by absolute path (a batch reads each once). */
const loaded = new Map<string, Catalog>();

/** `readCatalog`, once per path. */
export function loadCatalog(file: string): Catalog {
  const path = resolve(file);
  let catalog = loaded.get(path);
  if (catalog === undefined) {
    catalog = readCatalog(path);
    loaded.set(path, catalog);
  }
  return catalog;
}

/** The catalog a `nextCatalog` or delegate names, or undefined when it is not a local file that exists (section 8: skipped). */
function follow(ref: string): Catalog | undefined {
  if (!ref.startsWith('file:')) return undefined; // never the network
  const path = fileURLToPath(ref);
  if (!loaded.has(path) && !tryReadRegularFile(path, 'schema').ok) return undefined;
  return loadCatalog(path);
}

/**
 * What one catalog entry file says about a lookup: a target; or catalogs to delegate to, with the lookup they run
 * (a delegated system id is looked up without the public id, and the other way round, as libxml2 and the Apache
 * resolver do); or nothing.
 */
type Step = { found: string } | { delegate: string[]; then: (c: Catalog) => Step } | undefined;

function longest(entries: readonly Entry[], kind: Kind, matches: (key: string) => boolean): Entry | undefined {
  let best: Entry | undefined;
  for (const e of entries) if (e.kind === kind && matches(e.key) && (best === undefined || e.key.length > best.key.length)) best = e;
  return best;
}

/** The delegated catalogs, the longest matching start string first (7.1.2 steps 5 and 7, 7.2.2 step 5). */
function delegates(entries: readonly Entry[], kind: Kind, id: string, usable: (e: Entry) => boolean = () => true): string[] | undefined {
  const matching = entries.filter((e) => e.kind === kind && id.startsWith(e.key) && usable(e)).sort((a, b) => b.key.length - a.key.length);
  return matching.length === 0 ? undefined : [...new Set(matching.map((e) => e.target))];
}

/** The entry kinds of one identifier space: system ids (section 7.1.2) and URIs (section 7.2.2) are looked up alike. */
interface IdentifierKinds {
  exact: Kind;
  rewrite: Kind;
  suffix: Kind;
  delegate: Kind;
}
const SYSTEM_KINDS: IdentifierKinds = { exact: 'system', rewrite: 'rewriteSystem', suffix: 'systemSuffix', delegate: 'delegateSystem' };
const URI_KINDS: IdentifierKinds = { exact: 'uri', rewrite: 'rewriteURI', suffix: 'uriSuffix', delegate: 'delegateURI' };

/** An exact entry, else the longest rewrite start string, else the longest suffix, else the delegates (`again` in each). */
function identifierStep(catalog: Catalog, id: string, kinds: IdentifierKinds, again: (c: Catalog) => Step): Step {
  const { entries } = catalog;
  const exact = entries.find((e) => e.kind === kinds.exact && e.key === id);
  if (exact !== undefined) return { found: exact.target };
  const rewrite = longest(entries, kinds.rewrite, (k) => id.startsWith(k));
  if (rewrite !== undefined) return { found: rewrite.target + id.slice(rewrite.key.length) };
  const suffix = longest(entries, kinds.suffix, (k) => id.endsWith(k));
  if (suffix !== undefined) return { found: suffix.target };
  const delegated = delegates(entries, kinds.delegate, id);
  return delegated === undefined ? undefined : { delegate: delegated, then: again };
}

/** Section 7.1.2, steps 2 to 7, in one catalog entry file. */
function externalIdStep(catalog: Catalog, systemId: string | undefined, publicId: string | undefined): Step {
  const { entries } = catalog;
  if (systemId !== undefined) {
    const step = identifierStep(catalog, systemId, SYSTEM_KINDS, (c) => externalIdStep(c, systemId, undefined));
    if (step !== undefined) return step;
  }
  if (publicId !== undefined) {
    // With a system id given as well, only entries where `prefer` is "public" apply (section 4.1.1).
    const usable = (e: Entry): boolean => systemId === undefined || e.preferPublic;
    const exact = entries.find((e) => e.kind === 'public' && e.key === publicId && usable(e));
    if (exact !== undefined) return { found: exact.target };
    const delegated = delegates(entries, 'delegatePublic', publicId, usable);
    if (delegated !== undefined) return { delegate: delegated, then: (c) => externalIdStep(c, undefined, publicId) };
  }
  return undefined;
}

/** Section 7.2.2, steps 2 to 5, in one catalog entry file. */
function uriStep(catalog: Catalog, uri: string): Step {
  return identifierStep(catalog, uri, URI_KINDS, (c) => uriStep(c, uri));
}

/**
 * Run `step` over a catalog entry file list (7.1.2 steps 1, 8, 9; 7.2.2 steps 1, 6, 7): each file's `nextCatalog`s go
 * right after it, in document order. A delegation replaces the list; what it does not resolve is not resolved
 * (the files of the old list are not consulted again). `seen` keeps each file to one visit per kind of lookup.
 */
function walkList(list: Catalog[], step: (c: Catalog) => Step, mode: string, seen: Set<string>): string | undefined {
  const queue = [...list];
  while (queue.length > 0) {
    const catalog = queue.shift()!;
    const key = `${mode}\u0000${catalog.file}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const result = step(catalog);
    if (result !== undefined && 'found' in result) return result.found;
    if (result !== undefined) return walkList(result.delegate.flatMap((u) => follow(u) ?? []), result.then, mode.endsWith('+delegated') ? mode : `${mode}+delegated`, seen);
    queue.unshift(...catalog.next.flatMap((n) => follow(n.url) ?? []));
  }
  return undefined;
}

/** A target URL as a local path; undefined when it is not a `file:` URL (a catalog may map to the network: not followed). */
function localPath(url: string | undefined): string | undefined {
  return url !== undefined && url.startsWith('file:') ? fileURLToPath(url) : undefined;
}

/**
 * Section 7.1: the local file a catalog maps an external identifier (a DOCTYPE's public and system id) to, or
 * undefined. `urn:publicid:` URNs are unwrapped first (7.1.1).
 */
export function resolveExternalId(catalog: Catalog, systemId: string | undefined, publicId: string | undefined): string | undefined {
  let pub = publicId === undefined ? undefined : unwrapUrn(publicId) ?? normalisePublicId(publicId);
  let sys = systemId === undefined ? undefined : normaliseUri(systemId);
  const fromSystem = systemId === undefined ? undefined : unwrapUrn(systemId);
  if (fromSystem !== undefined) {
    // A system id that is a publicid URN stands for that public id (7.1.1); a different public id given beside it wins.
    if (pub === undefined) pub = fromSystem;
    sys = undefined;
  }
  const seen = new Set<string>();
  const found = walkList([catalog], (c) => externalIdStep(c, sys, pub), 'external', seen);
  return localPath(found);
}

/**
 * The local file a catalog maps a URI to (7.2; a `urn:publicid:` URN as that public id, 7.2.1), else the same
 * string as a system identifier (7.1), or undefined.
 */
export function resolveInCatalog(catalog: Catalog, id: string): string | undefined {
  const pub = unwrapUrn(id);
  if (pub !== undefined) return resolveExternalId(catalog, undefined, pub);
  const uri = normaliseUri(id);
  const found = walkList([catalog], (c) => uriStep(c, uri), 'uri', new Set()) ?? walkList([catalog], (c) => externalIdStep(c, uri, undefined), 'system', new Set());
  return localPath(found);
}

/**
 * Every `nextCatalog` or delegate reachable from `catalog` that leads back to a catalog on its own path (a loop):
 * one `warning` each, at the element that closes the loop. Lookups end at such an element anyway (each file is read
 * once per lookup); these lines tell the catalog's author.
 */
export function catalogLoops(catalog: Catalog): Diagnostic[] {
  const out: Diagnostic[] = [];
  const done = new Set<string>();
  const visit = (c: Catalog, path: string[]): void => {
    if (done.has(c.file)) return;
    const refs = [...c.next, ...c.entries.filter((e) => e.kind.startsWith('delegate')).map((e) => ({ url: e.target, line: e.line, column: e.column }))];
    for (const ref of refs) {
      const target = follow(ref.url);
      if (target === undefined) continue;
      const at = path.indexOf(target.file);
      if (at >= 0) {
        const cycle = [...path.slice(at), target.file].join(' -> ');
        out.push(diagnostic({ file: c.file, line: ref.line, column: ref.column, severity: 'warning', message: `this catalog leads back to one already being read (${cycle}); lookups skip it the second time`, ruleId: 'validate/catalog-loop', source: 'schema' }));
        continue;
      }
      visit(target, [...path, target.file]);
    }
    done.add(c.file);
  };
  visit(catalog, [catalog.file]);
  return out;
}

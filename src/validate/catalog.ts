/**
 * OASIS XML Catalogs 1.1 (https://www.oasis-open.org/committees/download.php/14809/xml-catalogs.html), the subset
 * jing's `-C` and oXygen read for schemas and DTDs: `uri`, `system`, `rewriteURI`, `rewriteSystem`, `nextCatalog`,
 * `group`, `xml:base`. A remote schema a file names is never fetched; a catalog maps it to a local file.
 *
 * Resolution (section 7.2.2 for system identifiers, 7.2.3 for URIs): an exact `system`/`uri` entry wins; else the
 * `rewrite*` entry with the longest matching start string; else each `nextCatalog` in document order. teikit asks
 * for a schema href as a URI and, failing that, as a system identifier (jing's resolver does the same).
 * Catalog files are read through io.ts; a catalog that cannot be read or parsed is an error of the run (exit 2).
 */
import { resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { diagnostic, TeikitError } from '../diagnostics.js';
import { tryReadRegularFile } from '../io.js';
import { tryParseXml, type XmlElement } from '../xml/index.js';

export const CATALOG_NS = 'urn:oasis:names:tc:entity:xmlns:xml:catalog';

interface Entry {
  kind: 'uri' | 'system' | 'rewriteURI' | 'rewriteSystem';
  /** The name, system id, or start string. */
  key: string;
  /** Absolute URL of the target, or of the rewrite prefix. */
  target: string;
}

export interface Catalog {
  file: string;
  entries: Entry[];
  next: string[];
}

const XML_NS = 'http://www.w3.org/XML/1998/namespace';

function attr(el: XmlElement, local: string, uri = ''): string | undefined {
  return el.attributes.find((a) => a.local === local && a.uri === uri)?.value;
}

function catalogError(file: string, line: number, column: number, message: string): TeikitError {
  return new TeikitError(diagnostic({ file, line, column, message, ruleId: 'catalog', source: 'schema' }), 2);
}

/** Read the catalog at `file` (not its `nextCatalog`s, which are read when a lookup reaches them). */
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
  const walk = (el: XmlElement, base: string): void => {
    const own = attr(el, 'base', XML_NS);
    const here = own === undefined ? base : new URL(own, base).href;
    for (const c of el.children) {
      if (c.type !== 'element' || c.uri !== CATALOG_NS) continue;
      const childBase = attr(c, 'base', XML_NS) === undefined ? here : new URL(attr(c, 'base', XML_NS)!, here).href;
      const need = (name: string): string => {
        const v = attr(c, name);
        if (v === undefined) throw catalogError(path, c.line, c.column, `<${c.local}> without @${name}`);
        return v;
      };
      switch (c.local) {
        case 'group': walk(c, here); break;
        case 'uri': catalog.entries.push({ kind: 'uri', key: need('name'), target: new URL(need('uri'), childBase).href }); break;
        case 'system': catalog.entries.push({ kind: 'system', key: need('systemId'), target: new URL(need('uri'), childBase).href }); break;
        case 'rewriteURI': catalog.entries.push({ kind: 'rewriteURI', key: need('uriStartString'), target: new URL(need('rewritePrefix'), childBase).href }); break;
        case 'rewriteSystem': catalog.entries.push({ kind: 'rewriteSystem', key: need('systemIdStartString'), target: new URL(need('rewritePrefix'), childBase).href }); break;
        case 'nextCatalog': catalog.next.push(fileURLToPath(new URL(need('catalog'), childBase))); break;
        default: break; // public, delegate*, uriSuffix...: not used for schemas here
      }
    }
  };
  walk(root, pathToFileURL(path).href);
  return catalog;
}

function lookupOne(catalog: Catalog, id: string, exact: Entry['kind'], rewrite: Entry['kind']): string | undefined {
  const hit = catalog.entries.find((e) => e.kind === exact && e.key === id);
  if (hit !== undefined) return hit.target;
  let best: Entry | undefined;
  for (const e of catalog.entries) {
    if (e.kind === rewrite && id.startsWith(e.key) && (best === undefined || e.key.length > best.key.length)) best = e;
  }
  if (best !== undefined) return best.target + id.slice(best.key.length);
  return undefined;
}

/**
 * The local file a catalog maps `id` to (as a URI, then as a system identifier), or undefined. `nextCatalog`s are
 * followed in order, each file once (a loop ends).
 */
export function resolveInCatalog(catalog: Catalog, id: string, seen = new Set<string>()): string | undefined {
  seen.add(catalog.file);
  for (const [exact, rewrite] of [['uri', 'rewriteURI'], ['system', 'rewriteSystem']] as const) {
    const target = lookupOne(catalog, id, exact, rewrite);
    if (target !== undefined) return target.startsWith('file:') ? fileURLToPath(target) : undefined;
  }
  for (const next of catalog.next) {
    if (seen.has(next)) continue;
    const read = tryReadRegularFile(next, 'schema');
    // A nextCatalog that is missing is skipped, as the specification says (section 8).
    if (!read.ok) continue;
    const found = resolveInCatalog(readCatalog(next), id, seen);
    if (found !== undefined) return found;
  }
  return undefined;
}


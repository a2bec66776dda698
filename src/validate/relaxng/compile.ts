/**
 * Compile a RELAX NG schema (XML syntax) into salve's grammar, with the checks salve 1.2.4 lacks so that the
 * schemas jing rejects are rejected here too, each with a position in the schema file:
 *
 * 1. every file (the schema and each `include`/`externalRef` target) is parsed with teikit's own XML parser
 *    (well-formedness errors with line:column), then checked against the grammar of RELAX NG's XML syntax
 *    (spec section 3) with positions;
 * 2. datatypes are checked on every `data`/`value` as written (spec sections 4.3, 4.4 and 4.16: a bad
 *    `datatypeLibrary` URI, an unknown library or type, bad parameters and values are errors even where
 *    simplification later removes the pattern; salve only checks what survives simplification);
 * 3. salve's simplifier (spec section 4) and its section 7 restrictions run on the same texts. salve 1.2.4 loads
 *    `include`/`externalRef` targets with `parse(url)` although `InternalSimplifier.parse(url, resource, text)`
 *    needs the text, failing every modular schema: our subclass loads the text first (node_modules stays untouched).
 *
 * Resources come from a loader, so that the test suite can compile schemas held in memory; only `file:` URLs are
 * read from disk, never the network.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { diagnostic, TeikitError } from '../../diagnostics.js';
import { parseXml, serializeXml, walk, type XmlDocument, type XmlElement } from '../../xml/index.js';
import { conversionModules, datatypeRegistry, newNameResolver, readGrammar, relaxngGrammar, type SalveGrammar } from './salve.js';
import { validateTree } from './validate.js';
import { decodeCompact, parseCompactSchema } from './syntax/compact.js';

export const RNG_NS = 'http://relaxng.org/ns/structure/1.0';

/** A loaded schema file: its URL, its text, and how to name it in diagnostics. */
export interface SchemaResource {
  url: URL;
  /** The file's bytes (or text) as read: what the cache hashes; teikit's parser decodes it (BOM, encoding). */
  data: string | Uint8Array;
  /**
   * What salve parses: the tree our parser built, written back out. salve's own parser sees no BOM, no declared
   * encoding and no DTD (entities of an internal subset are already expanded), so it reads the same schema we checked.
   */
  clean: string;
  display: string;
}

export type ResourceReader = (url: URL) => string | Uint8Array;

export interface CompileResult {
  grammar: SalveGrammar;
  /** salve's JSON form of the simplified grammar (what the cache stores). */
  json: string;
  /** Every file read, the schema first. */
  resources: SchemaResource[];
  warnings: string[];
}

/** Read `file:` URLs from disk; anything else (http, ftp, ...) is refused: a schema must not reach the network. */
export function readFromDisk(url: URL): Uint8Array {
  if (url.protocol !== 'file:') throw new Error(`only local files can be loaded, not ${url.href}`);
  return readFileSync(fileURLToPath(url));
}

function displayName(url: URL): string {
  return url.protocol === 'file:' ? fileURLToPath(url) : url.href;
}

function schemaError(file: string, line: number, column: number, message: string): TeikitError {
  return new TeikitError(diagnostic({ file, line, column, message, ruleId: 'relaxng-schema', source: 'schema' }), 2);
}

/** An error about a schema element, placed as jing places it: just after the `>` of its start tag. */
function errorAt(file: string, el: XmlElement, message: string): TeikitError {
  // In compact syntax there is no start tag: the element's own position is where its construct begins.
  if (isCompact(file)) return schemaError(file, el.line, el.column, message);
  return schemaError(file, el.tagEnd.line, el.tagEnd.column + 1, message);
}

/** Compile the schema at `url`. Throws TeikitError (exit code 2, source 'schema') naming file:line:column. */
export async function compileSchema(url: URL, read: ResourceReader = readFromDisk): Promise<CompileResult> {
  const conv = conversionModules();
  const resources: SchemaResource[] = [];
  const parsed = new Map<string, XmlDocument>();
  let rngGrammar: SalveGrammar | undefined;

  /** Load one schema file, check it is XML and RELAX NG syntax; errors carry its name and the position. */
  const load = (u: URL): SchemaResource => {
    const key = u.href;
    const known = resources.find((r) => r.url.href === key);
    if (known !== undefined) return known;
    const display = displayName(u);
    let data: string | Uint8Array;
    try {
      data = read(u);
    } catch (e) {
      const reason = e instanceof Error ? e.message.replace(/^ENOENT: no such file or directory, open .*$/, 'no such file') : String(e);
      // Name the include/externalRef that asked for the file, where there is one.
      const referrer = findReferrer(u, resources, parsed);
      if (referrer !== undefined) throw errorAt(referrer.file, referrer.el, `cannot read schema ${display} (${referrer.el.local} href="${referrer.href}"): ${reason}`);
      throw schemaError(display, 1, 1, `cannot read schema ${display}: ${reason}`);
    }
    let doc: XmlDocument;
    try {
      // A .rnc file (RELAX NG compact syntax) is read into the tree its XML form would give; the rest is shared.
      doc = isCompact(u.pathname) ? parseCompactSchema(decodeCompact(data), display) : parseXml(data, { file: display });
    } catch (e) {
      if (e instanceof TeikitError && e.diagnostic.source === 'schema') throw e;
      if (!(e instanceof TeikitError)) throw e;
      const d = e.diagnostic;
      throw schemaError(d.file, d.line, d.column, `schema is not well-formed XML: ${d.message}`);
    }
    if (doc.root.uri !== RNG_NS) {
      throw errorAt(display, doc.root,
        `not a RELAX NG schema: the root element must be in the namespace ${RNG_NS} (found "${doc.root.name}")`);
    }
    rngGrammar ??= relaxngGrammar();
    const errors = validateTree(rngGrammar, doc, { maxErrors: 1, ruleId: 'relaxng-schema', source: 'schema', idCheck: false, tails: false });
    const first = errors[0];
    if (first !== undefined) {
      throw schemaError(display, first.line, first.column, `incorrect RELAX NG schema: ${first.message}`);
    }
    checkDatatypes(doc, display);
    const res: SchemaResource = { url: u, data, clean: serializeXml(doc, { declaration: false }), display };
    resources.push(res);
    parsed.set(key, doc);
    return res;
  };

  const main = load(url);

  // salve's simplifier, fed with texts we have already checked. `parse(url)` without text is the 1.2.4 bug.
  const Base = conv.simplifierModule.InternalSimplifier as new (options: object) => {
    parse(u: URL, resource?: unknown, text?: string): Promise<unknown>;
    simplify(u: URL): Promise<{ simplified: unknown; warnings: string[] }>;
  };
  const loader = {
    load: async (u: URL) => {
      const r = load(u);
      return { url: r.url, getText: async () => r.clean };
    },
  };
  class Simplifier extends Base {
    override async parse(u: URL, resource?: unknown, text?: string): Promise<unknown> {
      if (text === undefined) {
        const r = load(u);
        return super.parse(u, { url: r.url, getText: async () => r.clean }, r.clean);
      }
      return super.parse(u, resource, text);
    }
  }
  const simplifier = new Simplifier({
    verbose: false,
    timing: false,
    keepTemp: false,
    simplifyTo: Infinity,
    resourceLoader: loader,
    validate: true,
    createManifest: false,
    manifestHashAlgorithm: 'SHA-1',
  });
  let simplified: unknown;
  let warnings: string[] = [];
  try {
    const result = await simplifier.simplify(url);
    simplified = result.simplified;
    warnings = result.warnings as string[];
  } catch (e) {
    if (e instanceof TeikitError) throw e;
    const message = e instanceof Error ? e.message : String(e);
    const where = locate(message, resources, parsed) ?? { file: main.display, el: parsed.get(main.url.href)!.root };
    throw errorAt(where.file, where.el, `incorrect RELAX NG schema: ${explain(firstLine(message))}`);
  }
  let grammar: SalveGrammar;
  let json: string;
  try {
    // Always through the JSON form, so that a freshly compiled schema behaves exactly like a cached one.
    // salve's writer escapes only `"` and `\\` in strings; its output has no whitespace between tokens, so every
    // control character left is inside a string (a `value` holding a tab or newline) and must be escaped.
    json = (conv.jsonWrite.writeTreeToJSON(simplified, 3) as string).replace(
      /[\u0000-\u001f]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
    grammar = readGrammar(JSON.parse(json));
  } catch (e) {
    const message = e instanceof Error ? e.message : String(e);
    const root = parsed.get(main.url.href)!.root;
    throw errorAt(main.display, root, `incorrect RELAX NG schema: ${firstLine(message)}`);
  }
  return { grammar, json, resources, warnings };
}

function isCompact(path: string): boolean {
  return /\.rnc$/i.test(path);
}

function firstLine(s: string): string {
  const i = s.indexOf('\n');
  return (i < 0 ? s : s.slice(0, i)).trim();
}

/** The include or externalRef whose href resolves to `u`, in the files loaded so far. */
function findReferrer(u: URL, resources: SchemaResource[], parsed: Map<string, XmlDocument>): { file: string; el: XmlElement; href: string } | undefined {
  for (const r of resources) {
    const doc = parsed.get(r.url.href);
    if (doc === undefined) continue;
    let found: { file: string; el: XmlElement; href: string } | undefined;
    walk(doc, (n) => {
      if (found !== undefined) return false;
      if (n.type === 'element' && n.uri === RNG_NS && (n.local === 'include' || n.local === 'externalRef')) {
        const href = n.attributes.find((a) => a.local === 'href' && a.uri === '')?.value.trim();
        if (href !== undefined) {
          try {
            if (new URL(href, r.url).href === u.href) found = { file: r.display, el: n, href };
          } catch {
            // not a URL: step 1 of salve will say so
          }
        }
      }
      return undefined;
    });
    if (found !== undefined) return found;
  }
  return undefined;
}

/** salve's terse wording of the section 7 restrictions, spelled out as jing does. */
function explain(message: string): string {
  const path = /^(\w+)(\/\/?)(\w+)$/.exec(message);
  if (path !== null) {
    const [, outer, sep, inner] = path;
    if (outer === 'attribute' && inner === 'ref') return 'an attribute pattern must not contain an element pattern (RELAX NG section 7.1.1)';
    return `the simplified schema must not contain ${outer}${sep}${inner === 'ref' ? 'element' : inner} (RELAX NG section 7.1)`;
  }
  const dangling = /^dangling (ref|parentRef): (\S+)$/.exec(message);
  if (dangling !== null) return `reference to undefined pattern "${dangling[2]}"`;
  return message;
}

/**
 * salve's simplifier reports problems without positions. Point at the schema element the message is about: the
 * `ref` or `define` it names, or for a section 7 path `a//b` the first `a` holding a `b` (a `ref` of the simplified
 * form may be an `element` as written); else nowhere.
 */
function locate(message: string, resources: SchemaResource[], parsed: Map<string, XmlDocument>): { file: string; el: XmlElement } | undefined {
  const named = /(?:dangling (?:ref|parentRef): |definition named |circularity on the definition named )"?([^\s"]+)"?/.exec(message);
  const path = /^(\w+)(\/\/?)(\w+)$/.exec(firstLine(message));
  const isMatch = (n: XmlElement): boolean => {
    if (n.uri !== RNG_NS) return false;
    if (named !== null) {
      return (n.local === 'ref' || n.local === 'parentRef' || n.local === 'define') &&
        n.attributes.some((a) => a.local === 'name' && a.uri === '' && a.value.trim() === named[1]);
    }
    if (path !== null && n.local === path[1]) {
      const want = path[3]!;
      const ok = (c: XmlElement): boolean => c.uri === RNG_NS && (c.local === want || (want === 'ref' && c.local === 'element'));
      if (path[2] === '/') return n.children.some((c) => c.type === 'element' && ok(c));
      let hit = false;
      walk(n, (c) => {
        if (hit) return false;
        if (c.type === 'element' && ok(c)) hit = true;
        return undefined;
      });
      return hit;
    }
    return false;
  };
  if (named === null && path === null) return undefined;
  for (const r of resources) {
    const doc = parsed.get(r.url.href);
    if (doc === undefined) continue;
    let found: XmlElement | undefined;
    walk(doc, (n) => {
      if (found !== undefined) return false;
      if (n.type === 'element' && isMatch(n)) found = n;
      return undefined;
    });
    if (found !== undefined) return { file: r.display, el: found };
  }
  return undefined;
}

const XSD = 'http://www.w3.org/2001/XMLSchema-datatypes';

/**
 * Spec sections 4.3, 4.4 and 4.16 on the schema as written: `datatypeLibrary` is inherited within a file (not
 * across `include`/`externalRef`, which start with the empty library), must be empty or an absolute URI without
 * fragment, must name a library we know, and every `data`/`value` must name a type of it with valid parameters
 * and, for `value`, a valid value (QName values resolve against the namespace bindings of the `value` element).
 */
function checkDatatypes(doc: XmlDocument, file: string): void {
  const registry = datatypeRegistry();
  const libraryOf = new Map<XmlElement, string>();
  walk(doc, (n) => {
    if (n.type !== 'element') return false;
    if (n.uri !== RNG_NS) return false; // foreign elements (annotations) are ignored by RELAX NG (section 4.1)
    const parent = n.parent.type === 'element' ? libraryOf.get(n.parent) ?? '' : '';
    const own = n.attributes.find((a) => a.local === 'datatypeLibrary' && a.uri === '');
    const lib = own === undefined ? parent : own.value;
    if (own !== undefined && lib !== '') {
      let u: URL | undefined;
      try {
        u = new URL(lib);
      } catch {
        u = undefined;
      }
      // RFC 2396 absolute URI: a scheme, then a non-empty hierarchical or opaque part ("foo:" is not one).
      if (u === undefined || lib.includes('#') || !/^[A-Za-z][A-Za-z0-9+.-]*:[^\s]/.test(lib) || /[\s<>"{}|\\^`]/.test(lib)) {
        throw errorAt(file, n, `incorrect RELAX NG schema: datatypeLibrary "${lib}" is not an absolute URI without fragment identifier`);
      }
    }
    libraryOf.set(n, lib);
    if (n.local !== 'data' && n.local !== 'value') return undefined;
    const typeAttr = n.attributes.find((a) => a.local === 'type' && a.uri === '');
    const typeName = typeAttr === undefined ? 'token' : typeAttr.value.trim();
    const libUri = typeAttr === undefined && n.local === 'value' ? '' : lib;
    const library = registry.find(libUri);
    const where = (msg: string): TeikitError => errorAt(file, n, `incorrect RELAX NG schema: ${msg}`);
    if (library === undefined) throw where(`datatype library "${libUri}" is not supported (known: "" and "${XSD}")`);
    const type = library.types[typeName];
    if (type === undefined) throw where(`datatype "${typeName}" is not defined in library "${libUri}"`);
    if (n.local === 'data') {
      const params: Array<{ name: string; value: string }> = [];
      for (const c of n.children) {
        if (c.type === 'element' && c.uri === RNG_NS && c.local === 'param') {
          const name = c.attributes.find((a) => a.local === 'name' && a.uri === '')?.value.trim() ?? '';
          params.push({ name, value: c.children.map((t) => (t.type === 'text' ? t.value : '')).join('') });
        }
      }
      try {
        type.parseParams(file, params.length === 0 ? undefined : params);
      } catch (e) {
        throw where(`bad parameters for datatype "${typeName}": ${errorText(e)}`);
      }
    } else {
      const value = n.children.map((t) => (t.type === 'text' ? t.value : '')).join('');
      try {
        const resolver = type.needsContext ? resolverFor(n) : undefined;
        type.parseValue(file, value, resolver === undefined ? undefined : { resolver });
      } catch (e) {
        throw where(`bad value "${value}" for datatype "${typeName}": ${errorText(e)}`);
      }
    }
    return undefined;
  });
}

function errorText(e: unknown): string {
  if (e instanceof Error) return firstLine(e.message);
  return String(e);
}

/** A salve name resolver holding the namespace bindings in scope on `el` (for QName values). */
function resolverFor(el: XmlElement): unknown {
  const r = newNameResolver();
  r.enterContext();
  for (const [prefix, uri] of Object.entries(el.ns)) {
    if (prefix === 'xml' || prefix === 'xmlns') continue;
    r.definePrefix(prefix, uri);
  }
  return r;
}

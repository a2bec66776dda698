/**
 * The reader of RELAX NG's XML syntax (RELAX NG specification, OASIS 2001, section 3) into `SchemaNode`s, the one
 * tree both syntaxes reach (a compact-syntax file is first turned into the same XML elements). Each schema file is
 * parsed by teikit's own XML parser (every element has a line and column), checked against the grammar of section 3
 * as it is read, and brought into the form that sections 4.1 to 4.16 of the specification describe:
 *
 * 4.1 annotations (foreign elements and attributes) dropped; 4.2 whitespace trimmed; 4.3 and 4.4 `datatypeLibrary`
 * and `type` resolved onto every `data` and `value`, whose datatypes and values are checked here, where they are
 * written, even if simplification later removes them (as jing does); 4.5 `href` resolved (a fragment is an error);
 * 4.6 `externalRef` and 4.7 `include` replaced by what they load (loops and missing files are errors); 4.8 to 4.10
 * names turned into `name` elements with a namespace; 4.11 `div` flattened; 4.12 to 4.15 (child counts, `mixed`,
 * `optional`, `zeroOrMore`) are left to the pattern builder (simplify/build.ts), which applies them as it builds;
 * 4.16 the name-class constraints.
 */
import { fileURLToPath } from 'node:url';
import { TeikitError } from '../../../diagnostics.js';
import { parseXml, RNG_NS, type XmlDocument, type XmlElement } from '../../../xml/index.js';
import { DatatypeError, findLibrary, type Datatype, type DatatypeValue, type ValueContext } from '../datatypes/index.js';
import type { NameClass } from '../patterns/names.js';
import { errorAt, schemaError, type Place } from './schema-error.js';
import { table } from '../../../tables.js';

export { RNG_NS };
const XML_NS = 'http://www.w3.org/XML/1998/namespace';
const XMLNS_URI = 'http://www.w3.org/2000/xmlns';

export interface SchemaNode extends Place {
  /** The local name of the RELAX NG element (`element`, `choice`, `define`, ...). */
  kind: string;
  /** Unqualified attributes, trimmed where section 4.2 says so. */
  attrs: Record<string, string>;
  children: SchemaNode[];
  /** Text content of `value`, `param`, `name`. */
  text: string;
  /** `data` and `value`: the datatype, created (and so checked) when read. */
  datatype?: Datatype;
  value?: DatatypeValue;
  /** `element` and `attribute`: the name class (section 4.8 to 4.10 applied). */
  nameClass?: NameClass;
}

export type ResourceReader = (url: URL) => string | Uint8Array;

/** A schema file read: its URL, its bytes (what the cache hashes) and how it is named in diagnostics. */
export interface SchemaResource {
  url: URL;
  data: string | Uint8Array;
  display: string;
}

/** Turns a compact-syntax file into the XML tree of the equivalent `.rng` (positions in the `.rnc`). */
export type CompactParser = (data: string | Uint8Array, file: string) => XmlDocument;

export interface ReadResult {
  root: SchemaNode;
  resources: SchemaResource[];
}

export function displayName(url: URL): string {
  return url.protocol === 'file:' ? fileURLToPath(url) : url.href;
}

interface Ctx {
  file: string;
  base: URL;
  /** Inherited `ns` attribute (section 4.9). */
  ns: string;
  /** Inherited `datatypeLibrary` (section 4.3); files loaded by include/externalRef start with "". */
  dtl: string;
}

const PATTERNS = new Set(['element', 'attribute', 'group', 'interleave', 'choice', 'optional', 'zeroOrMore', 'oneOrMore',
  'list', 'mixed', 'ref', 'parentRef', 'empty', 'text', 'value', 'data', 'notAllowed', 'externalRef', 'grammar']);
const NAME_CLASSES = new Set(['name', 'anyName', 'nsName', 'choice']);
const ATTRIBUTES: Readonly<Record<string, readonly string[]>> = table({
  element: ['name'], attribute: ['name'], ref: ['name'], parentRef: ['name'], value: ['type'], data: ['type'],
  externalRef: ['href'], include: ['href'], define: ['name', 'combine'], start: ['combine'], param: ['name'],
});
const TEXT_HOLDERS = new Set(['value', 'param', 'name']);

export class SchemaReader {
  readonly resources: SchemaResource[] = [];
  /** URLs being loaded (include/externalRef), to find loops. */
  private readonly loading: string[] = [];

  constructor(private readonly read: ResourceReader, private readonly compact: CompactParser) {}

  /** Read the schema at `url` (a pattern, or a grammar). */
  readMain(url: URL): ReadResult {
    const root = this.loadPattern(url, undefined, '');
    return { root, resources: this.resources };
  }

  private loadDocument(url: URL, referrer: { place: Place; what: string; href: string } | undefined): XmlDocument {
    const display = displayName(url);
    let data: string | Uint8Array;
    try {
      data = this.read(url);
    } catch (e) {
      const reason = e instanceof Error ? e.message.replace(/^ENOENT: no such file or directory.*$/, 'no such file') : String(e);
      if (referrer !== undefined) {
        throw schemaError(referrer.place.file, referrer.place.line, referrer.place.column, `cannot read schema ${display} (${referrer.what} href="${referrer.href}"): ${reason}`);
      }
      throw schemaError(display, 1, 1, `cannot read schema ${display}: ${reason}`);
    }
    if (!this.resources.some((r) => r.url.href === url.href)) this.resources.push({ url, data, display });
    // A .rnc file (RELAX NG compact syntax) is read into the tree its XML form would give; the rest is shared.
    if (isCompact(display)) return this.compact(data, display);
    try {
      return parseXml(data, { file: display });
    } catch (e) {
      if (!(e instanceof TeikitError)) throw e;
      const d = e.diagnostic;
      throw schemaError(d.file, d.line, d.column, `schema is not well-formed XML: ${d.message}`);
    }
  }

  /**
   * As jing does, the main schema is not on the stack of files being loaded: a loop through it is found one step
   * later, at the include that re-enters the first file it included.
   */
  private enter(url: URL, place: Place | undefined): void {
    if (this.loading.includes(url.href)) {
      const p = place ?? { file: displayName(url), line: 1, column: 1 };
      throw errorAt(p, `recursive inclusion of URL "${url.protocol === 'file:' ? `file:${url.pathname}` : url.href}"`);
    }
    this.loading.push(url.href);
  }

  private loadPattern(url: URL, referrer: { place: Place; href: string } | undefined, ns: string): SchemaNode {
    if (referrer !== undefined) this.enter(url, referrer.place);
    const doc = this.loadDocument(url, referrer === undefined ? undefined : { ...referrer, what: 'externalRef' });
    const file = displayName(url);
    const root = doc.root;
    checkRoot(root, file);
    if (!PATTERNS.has(root.local)) throw errorAt(placeOf(root, file), `the root element "${root.local}" is not a pattern`);
    const node = this.pattern(root, { file, base: baseOf(root, url), ns, dtl: '' });
    if (referrer !== undefined) this.loading.pop();
    return node;
  }

  // -- patterns ---------------------------------------------------------------------------------------------------

  private pattern(el: XmlElement, parent: Ctx): SchemaNode {
    const { node, ctx, elements } = this.open(el, parent);
    const kind = node.kind;
    if (!PATTERNS.has(kind)) throw errorAt(node, `element "${kind}" not allowed here: a pattern was expected`);
    const patterns = (list: XmlElement[], min: number): SchemaNode[] => {
      if (list.length < min) throw errorAt(node, `element "${kind}" must have at least ${min === 1 ? 'one pattern' : `${min} patterns`}`);
      return list.map((c) => this.pattern(c, ctx));
    };
    switch (kind) {
      case 'element':
      case 'attribute': {
        let rest = elements;
        const nameAttr = node.attrs['name'];
        if (nameAttr !== undefined) {
          // 4.8: the name attribute; an attribute's unprefixed name is in no namespace unless it has its own ns
          const own = el.attributes.find((a) => a.uri === '' && a.local === 'ns');
          const defaultNs = kind === 'attribute' ? (own === undefined ? '' : own.value) : ctx.ns;
          node.nameClass = qname(nameAttr, el, defaultNs, node);
        } else {
          const first = rest[0];
          if (first === undefined) throw errorAt(node, `element "${kind}" needs a "name" attribute or a name class`);
          node.nameClass = this.nameClass(first, ctx, undefined);
          rest = rest.slice(1);
        }
        if (kind === 'element') node.children = patterns(rest, 1);
        else {
          if (rest.length > 1) throw errorAt(node, 'element "attribute" must have at most one pattern');
          node.children = rest.map((c) => this.pattern(c, ctx));
          checkAttributeName(node.nameClass, node);
        }
        return node;
      }
      case 'group':
      case 'interleave':
      case 'choice':
      case 'optional':
      case 'zeroOrMore':
      case 'oneOrMore':
      case 'list':
      case 'mixed':
        node.children = patterns(elements, 1);
        return node;
      case 'ref':
      case 'parentRef':
        requireAttr(node, 'name');
        checkNCName(node, node.attrs['name']!);
        noChildren(node, elements);
        return node;
      case 'empty':
      case 'text':
      case 'notAllowed':
        noChildren(node, elements);
        return node;
      case 'value': {
        noChildren(node, elements);
        const typed = node.attrs['type'] !== undefined;
        const library = typed ? ctx.dtl : ''; // 4.4: no type means token of the built-in library
        const type = typed ? node.attrs['type']! : 'token';
        const vctx = valueContext(el, ctx.ns);
        node.datatype = makeDatatype(library, type, [], vctx, node);
        const value = node.datatype.parse(node.text, vctx);
        if (value === undefined) throw errorAt(node, `"${node.text}" is not a valid value of the datatype`);
        node.value = value;
        return node;
      }
      case 'data': {
        requireAttr(node, 'type');
        const params: Array<{ name: string; value: string }> = [];
        const paramPlaces: Place[] = [];
        let except: SchemaNode | undefined;
        elements.forEach((c, i) => {
          if (c.local === 'param') {
            if (except !== undefined) throw errorAt(placeOf(c, ctx.file), 'element "param" not allowed after "except"');
            const { node: p, elements: inner } = this.open(c, ctx);
            requireAttr(p, 'name');
            checkNCName(p, p.attrs['name']!);
            noChildren(p, inner);
            params.push({ name: p.attrs['name']!, value: p.text });
            paramPlaces.push(p);
          } else if (c.local === 'except') {
            if (i !== elements.length - 1) throw errorAt(placeOf(c, ctx.file), 'element "except" must be the last child of "data"');
            const { node: e, ctx: ectx, elements: inner } = this.open(c, ctx);
            if (inner.length === 0) throw errorAt(e, 'element "except" must have at least one pattern');
            e.children = inner.map((x) => this.pattern(x, ectx));
            except = e;
          } else throw errorAt(placeOf(c, ctx.file), `element "${c.local}" not allowed in "data"`);
        });
        node.datatype = makeDatatype(ctx.dtl, node.attrs['type']!, params, valueContext(el, ctx.ns), node, paramPlaces);
        node.children = except === undefined ? [] : [except];
        return node;
      }
      case 'externalRef': {
        requireAttr(node, 'href');
        noChildren(node, elements);
        const url = resolveHref(node.attrs['href']!, ctx.base, node);
        // 4.6: the referenced pattern inherits the ns attribute in scope at the externalRef
        return this.loadPattern(url, { place: node, href: node.attrs['href']! }, ctx.ns);
      }
      case 'grammar':
        node.children = this.grammarContent(elements, ctx);
        return node;
      default:
        throw errorAt(node, `element "${kind}" not allowed here`);
    }
  }

  /** The components of a grammar (start, define), with div flattened (4.11) and include replaced (4.7). */
  private grammarContent(elements: XmlElement[], ctx: Ctx, inInclude = false): SchemaNode[] {
    const out: SchemaNode[] = [];
    for (const c of elements) {
      const { node, ctx: cctx, elements: inner } = this.open(c, ctx);
      switch (node.kind) {
        case 'start':
        case 'define': {
          if (node.kind === 'define') {
            requireAttr(node, 'name');
            checkNCName(node, node.attrs['name']!);
          }
          const combine = node.attrs['combine'];
          if (combine !== undefined && combine !== 'choice' && combine !== 'interleave') {
            throw errorAt(node, `bad value "${combine}" for the "combine" attribute: must be "choice" or "interleave"`);
          }
          if (node.kind === 'start' && inner.length !== 1) throw errorAt(node, 'element "start" must have exactly one pattern');
          if (inner.length === 0) throw errorAt(node, 'element "define" must have at least one pattern');
          node.children = inner.map((x) => this.pattern(x, cctx));
          out.push(node);
          break;
        }
        case 'div':
          out.push(...this.grammarContent(inner, cctx, inInclude));
          break;
        case 'include':
          if (inInclude) throw errorAt(node, 'element "include" not allowed inside "include"');
          out.push(...this.include(node, inner, cctx));
          break;
        default:
          throw errorAt(node, `element "${node.kind}" not allowed in a grammar`);
      }
    }
    return out;
  }

  /** Section 4.7: the included grammar's components, less those the include overrides, then the include's own. */
  private include(node: SchemaNode, inner: XmlElement[], ctx: Ctx): SchemaNode[] {
    requireAttr(node, 'href');
    const own = this.grammarContent(inner, ctx, true);
    const url = resolveHref(node.attrs['href']!, ctx.base, node);
    this.enter(url, node);
    const doc = this.loadDocument(url, { place: node, what: 'include', href: node.attrs['href']! });
    const file = displayName(url);
    checkRoot(doc.root, file);
    if (doc.root.local !== 'grammar') throw errorAt(placeOf(doc.root, file), 'the root element of an included schema must be "grammar"');
    const g = this.pattern(doc.root, { file, base: baseOf(doc.root, url), ns: ctx.ns, dtl: '' });
    this.loading.pop();
    let components = g.children;
    if (own.some((c) => c.kind === 'start')) {
      if (!components.some((c) => c.kind === 'start')) throw errorAt(node, '"start" in "include" does not override anything');
      components = components.filter((c) => c.kind !== 'start');
    }
    for (const d of own) {
      if (d.kind !== 'define') continue;
      const name = d.attrs['name'];
      if (!components.some((c) => c.kind === 'define' && c.attrs['name'] === name)) {
        throw errorAt(d, `definition of "${name}" in "include" does not override anything`);
      }
      components = components.filter((c) => !(c.kind === 'define' && c.attrs['name'] === name));
    }
    return [...components, ...own];
  }

  // -- name classes ----------------------------------------------------------------------------------------------

  private nameClass(el: XmlElement, parent: Ctx, inExcept: 'anyName' | 'nsName' | undefined): NameClass {
    const { node, ctx, elements } = this.open(el, parent);
    if (!NAME_CLASSES.has(node.kind)) throw errorAt(node, `found "${node.kind}" element but expected a name-class`);
    switch (node.kind) {
      case 'name':
        noChildren(node, elements);
        return qname(node.text, el, ctx.ns, node);
      case 'choice': {
        if (elements.length === 0) throw errorAt(node, 'element "choice" must have at least one name class');
        const list = elements.map((c) => this.nameClass(c, ctx, inExcept));
        return list.reduce((a, b) => ({ kind: 'choice', a, b }));
      }
      case 'anyName':
      case 'nsName': {
        // 4.16: anyName may not occur in an except of anyName or nsName, nsName not in an except of nsName
        if (inExcept === 'anyName' && node.kind === 'anyName') throw errorAt(node, '"anyName" not allowed inside the "except" of "anyName"');
        if (inExcept === 'nsName') throw errorAt(node, `"${node.kind}" not allowed inside the "except" of "nsName"`);
        let except: NameClass | undefined;
        if (elements.length > 1) throw errorAt(node, `element "${node.kind}" may only have an "except"`);
        const e = elements[0];
        if (e !== undefined) {
          const { node: x, ctx: xctx, elements: inner } = this.open(e, ctx);
          if (x.kind !== 'except') throw errorAt(x, `element "${x.kind}" not allowed in "${node.kind}"`);
          if (inner.length === 0) throw errorAt(x, 'element "except" must have at least one name class');
          const list = inner.map((c) => this.nameClass(c, xctx, node.kind as 'anyName' | 'nsName'));
          except = list.reduce((a, b) => ({ kind: 'choice', a, b }));
        }
        return node.kind === 'anyName' ? { kind: 'anyName', except } : { kind: 'nsName', ns: ctx.ns, except };
      }
      default:
        throw errorAt(node, `element "${node.kind}" not allowed here`);
    }
  }

  // -- one element -----------------------------------------------------------------------------------------------

  /**
   * Check one RELAX NG element's attributes and text (sections 3, 4.1 and 4.2) and return it as a node with its
   * context and its RELAX NG child elements (foreign ones dropped).
   */
  private open(el: XmlElement, parent: Ctx): { node: SchemaNode; ctx: Ctx; elements: XmlElement[] } {
    const place = placeOf(el, parent.file);
    if (el.uri !== RNG_NS) throw errorAt(place, `element "${el.name}" not allowed here`);
    const kind = el.local;
    const allowed = ATTRIBUTES[kind] ?? [];
    const attrs: Record<string, string> = {};
    let ns = parent.ns;
    let dtl = parent.dtl;
    let base = parent.base;
    for (const a of el.attributes) {
      if (a.uri === 'http://www.w3.org/2000/xmlns/') continue;
      if (a.uri === XML_NS && a.local === 'base') {
        try {
          base = new URL(a.value, parent.base);
        } catch {
          throw errorAt(place, `bad xml:base "${a.value}"`);
        }
        continue;
      }
      if (a.uri === RNG_NS) throw errorAt(place, `attribute "${a.name}" not allowed: attributes in the RELAX NG namespace are not`);
      if (a.uri !== '') continue; // 4.1: foreign attributes are annotations
      if (a.local === 'ns') ns = a.value; // 4.2: ns is not trimmed
      else if (a.local === 'datatypeLibrary') {
        dtl = a.value.trim();
        checkLibraryUri(dtl, place);
      } else if (allowed.includes(a.local)) attrs[a.local] = a.local === 'href' ? a.value.trim() : a.value.trim();
      else throw errorAt(place, `attribute "${a.local}" not allowed on element "${kind}"`);
    }
    const elements: XmlElement[] = [];
    let text = '';
    for (const c of el.children) {
      if (c.type === 'element') {
        if (TEXT_HOLDERS.has(kind)) throw errorAt(placeOf(c, parent.file), `element "${c.name}" not allowed in "${kind}"`);
        if (c.uri === RNG_NS) elements.push(c);
      } else if (c.type === 'text') {
        if (TEXT_HOLDERS.has(kind)) text += c.value;
        else if (!/^[ \t\n\r]*$/.test(c.value)) throw errorAt(place, `text not allowed in element "${kind}"`);
      }
    }
    if (kind === 'name') text = text.trim();
    const node: SchemaNode = { kind, attrs, children: [], text, ...place };
    return { node, ctx: { file: parent.file, base, ns, dtl }, elements };
  }
}

function placeOf(el: XmlElement, file: string): Place {
  // In compact syntax there is no start tag: the element's own position is where its construct begins.
  if (isCompact(file)) return { file, line: el.line, column: el.column };
  return { file, line: el.tagEnd.line, column: el.tagEnd.column + 1 };
}

function isCompact(path: string): boolean {
  return /\.rnc$/i.test(path);
}

function baseOf(_root: XmlElement, url: URL): URL {
  return url;
}

function checkRoot(root: XmlElement, file: string): void {
  if (root.uri !== RNG_NS) {
    const place = placeOf(root, file);
    throw schemaError(file, place.line, place.column,
      `not a RELAX NG schema: the root element must be in the namespace ${RNG_NS} (found "${root.name}")`);
  }
}

function requireAttr(node: SchemaNode, name: string): void {
  if (node.attrs[name] === undefined) throw errorAt(node, `element "${node.kind}" missing required attribute "${name}"`);
}

function noChildren(node: SchemaNode, elements: XmlElement[]): void {
  if (elements.length > 0) throw errorAt(node, `element "${elements[0]!.local}" not allowed in "${node.kind}"`);
}

const NCNAME = /^[\p{L}_][\p{L}\p{N}\p{M}_.\-\u00B7]*$/u;

function checkNCName(node: SchemaNode, value: string): void {
  if (!NCNAME.test(value)) throw errorAt(node, `"${value}" is not a valid name (an NCName)`);
}

/** Sections 4.8 to 4.10: a QName as a name class, its prefix bound where it is written, else the default given. */
function qname(raw: string, el: XmlElement, defaultNs: string, place: Place): NameClass {
  const value = raw.trim();
  const colon = value.indexOf(':');
  if (colon < 0) {
    if (!NCNAME.test(value)) throw errorAt(place, `"${value}" is not a valid name`);
    return { kind: 'name', ns: defaultNs, local: value };
  }
  const prefix = value.slice(0, colon);
  const local = value.slice(colon + 1);
  if (!NCNAME.test(prefix) || !NCNAME.test(local)) throw errorAt(place, `"${value}" is not a valid QName`);
  const ns = prefix === 'xml' ? XML_NS : el.ns[prefix];
  if (ns === undefined) throw errorAt(place, `undeclared prefix "${prefix}"`);
  return { kind: 'name', ns, local };
}

/** Section 4.16: an attribute may not be named xmlns, nor be in the namespace http://www.w3.org/2000/xmlns. */
function checkAttributeName(nc: NameClass, place: Place): void {
  const walk = (n: NameClass): void => {
    if (n.kind === 'name') {
      if (n.ns === '' && n.local === 'xmlns') throw errorAt(place, 'attribute must not be named "xmlns"');
      if (n.ns === XMLNS_URI) throw errorAt(place, `attribute must not have namespace URI "${XMLNS_URI}"`);
    } else if (n.kind === 'nsName' || n.kind === 'anyName') {
      if (n.kind === 'nsName' && n.ns === XMLNS_URI) throw errorAt(place, `attribute must not have namespace URI "${XMLNS_URI}"`);
      if (n.except !== undefined) walk(n.except);
    } else if (n.kind === 'choice') {
      walk(n.a);
      walk(n.b);
    }
  };
  walk(nc);
}

/** 4.3: a datatypeLibrary is empty or an absolute URI (RFC 2396) without a fragment identifier. */
function checkLibraryUri(lib: string, place: Place): void {
  if (lib === '') return;
  let ok = true;
  try {
    new URL(lib);
  } catch {
    ok = false;
  }
  if (!ok || lib.includes('#') || /%(?![0-9A-Fa-f]{2})/.test(lib) || !/^[A-Za-z][A-Za-z0-9+.-]*:[^\s]/.test(lib) || /[\s<>"{}|\\^`]/.test(lib)) {
    throw errorAt(place, `datatypeLibrary "${lib}" is not an absolute URI without fragment identifier`);
  }
}

/** 4.5: an href is resolved against the base URI; a fragment identifier is an error. */
function resolveHref(href: string, base: URL, place: Place): URL {
  if (href.includes('#')) throw errorAt(place, `the href "${href}" must not have a fragment identifier (RELAX NG section 4.5)`);
  try {
    return new URL(href, base);
  } catch {
    throw errorAt(place, `bad href "${href}"`);
  }
}

/** The context of a value: the element's namespace bindings, with the default namespace from `ns` (section 6.2.7 of the spec). */
function valueContext(el: XmlElement, ns: string): ValueContext {
  const bindings = el.ns;
  return {
    resolve: (prefix) => {
      if (prefix === '') return ns;
      if (prefix === 'xml') return XML_NS;
      return bindings[prefix];
    },
  };
}

function makeDatatype(library: string, type: string, params: Array<{ name: string; value: string }>, ctx: ValueContext, place: Place, paramPlaces: Place[] = []): Datatype {
  const lib = findLibrary(library);
  if (lib === undefined) throw errorAt(place, `datatype library "${library}" not recognized`);
  try {
    return lib.create(type, params, ctx);
  } catch (e) {
    if (e instanceof DatatypeError) throw errorAt((e.param === undefined ? undefined : paramPlaces[e.param]) ?? place, e.message);
    throw e;
  }
}

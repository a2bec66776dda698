/**
 * The parser of record for every stage: saxes (a conformant, streaming, namespace-aware XML 1.0 parser) builds an
 * `XmlDocument` with positions. DESIGN.md ("Pitfalls") records why not fast-xml-parser: it accepted malformed files.
 *
 * XML from outside is untrusted:
 * - no external entity or DTD is ever read (saxes has no resolver; we never define SYSTEM/PUBLIC entities);
 * - general entities of the internal DTD subset are expanded by us, with a bounded budget, so that a
 *   "billion laughs" file fails within milliseconds instead of exhausting memory;
 * - the tree is built without recursion, so 200,000 nested elements parse like any other file.
 */
import { SaxesParser, type SaxesAttributeNS, type SaxesTagNS } from 'saxes';
import { diagnostic, TeikitError, type Diagnostic } from '../diagnostics.js';
import { decodeXml } from './decode.js';
import type { XmlAttribute, XmlDocument, XmlElement, XmlNode } from './dom.js';

export interface ParseOptions {
  /** File name used in diagnostics. Default `'<input>'`. */
  file?: string;
  /** Most characters one entity may expand to. Default 1,000,000. */
  maxEntityLength?: number;
  /** Most characters all entity references of a document may insert together. Default 10,000,000. */
  maxEntityExpansion?: number;
}

export type ParseResult = { ok: true; document: XmlDocument } | { ok: false; diagnostic: Diagnostic };

/** Parse bytes or text into an `XmlDocument`; throws `TeikitError` (source `xml`) on the first well-formedness error. */
export function parseXml(input: string | Uint8Array, options: ParseOptions = {}): XmlDocument {
  const result = tryParseXml(input, options);
  if (!result.ok) throw new TeikitError(result.diagnostic);
  return result.document;
}

/** As `parseXml`, but returns the well-formedness error as data. */
export function tryParseXml(input: string | Uint8Array, options: ParseOptions = {}): ParseResult {
  const file = options.file ?? '<input>';
  let text: string;
  let encoding = 'utf-8';
  if (typeof input === 'string') {
    text = input.charCodeAt(0) === 0xfeff ? input.slice(1) : input;
  } else {
    try {
      const decoded = decodeXml(input, file);
      text = decoded.text;
      encoding = decoded.encoding;
    } catch (error) {
      if (error instanceof TeikitError) return { ok: false, diagnostic: error.diagnostic };
      throw error;
    }
  }
  if (text.trim() === '') {
    return { ok: false, diagnostic: wf(file, 1, 1, 'the file is empty: an XML document needs a root element') };
  }
  return build(text, file, encoding, options);
}

function wf(file: string, line: number, column: number, message: string): Diagnostic {
  return diagnostic({ file, line, column, message, ruleId: 'xml-wellformed', source: 'xml' });
}

function build(text: string, file: string, encoding: string, options: ParseOptions): ParseResult {
  const parser = new SaxesParser({ xmlns: true, position: true });
  const doc: XmlDocument = { type: 'document', file, children: [], root: undefined as unknown as XmlElement, encoding };
  const stack: Array<XmlElement | XmlDocument> = [doc];
  let failure: Diagnostic | undefined;
  // Where the previous event ended: text, comments and PIs start there.
  let lastLine = 1;
  let lastColumn = 1;

  const entities = new EntityTable(file, options);
  parser.ENTITIES = entities.proxy(parser.ENTITIES, () => ({ line: parser.line, column: parser.column }));

  const fail = (message: string, line = parser.line, column = Math.max(parser.column, 1)): void => {
    if (failure === undefined) failure = wf(file, line, column, message);
  };
  const top = (): XmlElement | XmlDocument => stack[stack.length - 1]!;
  const mark = (): void => {
    lastLine = parser.line;
    lastColumn = parser.column + 1;
  };

  parser.on('error', (err) => {
    // saxes prefixes messages with "line:column: "; we carry the position as data instead.
    const message = err.message.replace(/^[^:]*:?\d+:\d+: /, '').replace(/\.$/, '');
    const undefinedEntity = /^undefined entity/.test(message) ? entities.lastUndefined : undefined;
    fail(undefinedEntity ?? message);
  });
  parser.on('doctype', (dt) => {
    doc.doctype = dt;
    const problem = entities.declare(dt);
    if (problem !== undefined) fail(problem);
    mark();
  });
  parser.on('xmldecl', () => mark());
  const internals = parser as unknown as SaxesInternals;
  parser.on('opentagstart', (tag) => {
    chainNamespaces(internals, tag as unknown as { ns: Record<string, string> });
    // The name has just been read (and one character after it): the `<` is name.length + 1 code points back.
    const nameLength = [...tag.name].length;
    const el: XmlElement = {
      type: 'element',
      name: tag.name,
      prefix: '',
      local: tag.name,
      uri: '',
      attributes: [],
      children: [],
      parent: top(),
      line: parser.line,
      column: Math.max(1, parser.column - nameLength - 1),
      tagEnd: { line: parser.line, column: parser.column },
      end: { line: parser.line, column: parser.column },
      ns: {},
    };
    pending = el;
  });
  let pending: XmlElement | undefined;
  parser.on('opentag', (tag: SaxesTagNS) => {
    const el = pending!;
    pending = undefined;
    el.prefix = tag.prefix;
    el.local = tag.local;
    el.uri = tag.uri;
    el.tagEnd = { line: parser.line, column: parser.column };
    el.end = el.tagEnd;
    el.ns = inScope(tag, top());
    for (const a of Object.values(tag.attributes) as SaxesAttributeNS[]) {
      const attribute: XmlAttribute = { name: a.name, prefix: a.prefix, local: a.local, uri: a.uri, value: a.value };
      el.attributes.push(attribute);
    }
    const parent = top();
    parent.children.push(el);
    if (parent === doc) doc.root = el;
    stack.push(el);
    mark();
  });
  parser.on('closetag', () => {
    const el = stack.pop() as XmlElement;
    el.end = { line: parser.line, column: parser.column };
    mark();
  });
  const addText = (value: string, cdata: boolean): void => {
    const parent = top();
    if (parent === doc) {
      mark();
      return; // whitespace outside the root element is not part of the infoset
    }
    const last = parent.children[parent.children.length - 1];
    if (!cdata && last?.type === 'text' && !last.cdata) last.value += value;
    else parent.children.push({ type: 'text', value, cdata, line: lastLine, column: lastColumn });
    mark();
  };
  parser.on('text', (t) => addText(t, false));
  parser.on('cdata', (t) => addText(t, true));
  parser.on('comment', (c) => {
    top().children.push({ type: 'comment', value: c, line: lastLine, column: lastColumn });
    mark();
  });
  parser.on('processinginstruction', (pi) => {
    top().children.push({ type: 'pi', target: pi.target, body: pi.body, line: lastLine, column: lastColumn });
    mark();
  });

  try {
    // Feed in chunks so that a failure stops the work early on huge or hostile input.
    const CHUNK = 1 << 20;
    for (let i = 0; i < text.length && failure === undefined; i += CHUNK) parser.write(text.slice(i, i + CHUNK));
    if (failure === undefined) parser.close();
  } catch (error) {
    if (error instanceof EntityLimitError) fail(error.message, error.line, error.column);
    else fail(error instanceof Error ? error.message : String(error));
  }
  if (failure === undefined && doc.root === undefined) fail('no root element');
  if (failure !== undefined) return { ok: false, diagnostic: failure };
  return { ok: true, document: doc };
}

/**
 * saxes resolves a prefix by walking its whole tag stack, which makes 200,000 nested elements quadratic. We give
 * each tag's binding map the nearest declaring ancestor's map as prototype, so a lookup ends at once; the root of
 * the chain binds `''` to no namespace and `xml` to its fixed URI (Namespaces in XML 1.0, section 3).
 */
interface SaxesInternals {
  tags: Array<{ ns: Record<string, string> }>;
  topNS: Record<string, string>;
}

// Not frozen: a frozen prototype would forbid `xmlns=".."` on a tag from shadowing `''` (the "override mistake").
const ROOT_BINDINGS: Record<string, string> = Object.assign(Object.create(null) as Record<string, string>, {
  '': '',
  xml: 'http://www.w3.org/XML/1998/namespace',
});

function chainNamespaces(parser: SaxesInternals, tag: { ns: Record<string, string> }): void {
  const parent = parser.tags[parser.tags.length - 1];
  let base = ROOT_BINDINGS;
  if (parent !== undefined) {
    base = Object.keys(parent.ns).length > 0 ? parent.ns : (Object.getPrototypeOf(parent.ns) as Record<string, string>);
  }
  tag.ns = Object.create(base) as Record<string, string>;
  parser.topNS = tag.ns;
}

const NO_BINDINGS: Record<string, string> = Object.freeze({}) as Record<string, string>;

/** Bindings in scope: the parent's, plus this tag's declarations. Shared with the parent when the tag declares none. */
function inScope(tag: SaxesTagNS, parent: XmlElement | XmlDocument): Record<string, string> {
  const inherited = parent.type === 'element' ? parent.ns : NO_BINDINGS;
  const declared = tag.ns ?? {};
  return Object.keys(declared).length === 0 ? inherited : { ...inherited, ...declared };
}

class EntityLimitError extends Error {
  constructor(message: string, readonly line: number, readonly column: number) {
    super(message);
  }
}

/**
 * General entities of the internal DTD subset (XML 1.0 section 4.2). Values are expanded once, recursively, with
 * a length budget; external entities (SYSTEM/PUBLIC) are recorded but never read.
 */
class EntityTable {
  private readonly raw = new Map<string, string>();
  private readonly external = new Set<string>();
  private readonly expanded = new Map<string, string>();
  private readonly maxLength: number;
  private readonly maxTotal: number;
  private total = 0;
  lastUndefined: string | undefined;

  constructor(readonly file: string, options: ParseOptions) {
    this.maxLength = options.maxEntityLength ?? 1_000_000;
    this.maxTotal = options.maxEntityExpansion ?? 10_000_000;
  }

  /** Read `<!ENTITY>` declarations; returns a message when the subset is unusable. */
  declare(doctype: string): string | undefined {
    const subset = /\[([\s\S]*)\]/.exec(doctype)?.[1];
    if (subset === undefined) return undefined;
    const decl = /<!ENTITY\s+(%\s+)?([^\s%;"'<>]+)\s+(?:"([^"]*)"|'([^']*)'|(SYSTEM|PUBLIC)\b[^>]*)\s*>/g;
    for (let m = decl.exec(subset); m !== null; m = decl.exec(subset)) {
      const [, parameter, name, dq, sq, external] = m;
      if (parameter !== undefined || name === undefined) continue; // parameter entities only matter inside the DTD
      // The first declaration binds (XML 1.0 section 4.2).
      if (this.raw.has(name) || this.external.has(name)) continue;
      if (external !== undefined) this.external.add(name);
      else this.raw.set(name, dq ?? sq ?? '');
    }
    return undefined;
  }

  proxy(base: Record<string, string>, where: () => { line: number; column: number }): Record<string, string> {
    return new Proxy(base, {
      get: (target, key) => {
        if (typeof key !== 'string') return undefined;
        const predefined = target[key];
        if (predefined !== undefined) return predefined;
        if (this.external.has(key)) {
          this.lastUndefined = `external entity "${key}" is not loaded: teikit never reads external entities`;
          return undefined;
        }
        if (!this.raw.has(key)) {
          this.lastUndefined = `undefined entity "${key}"`;
          return undefined;
        }
        const { line, column } = where();
        const value = this.expand(key, [], line, column);
        this.total += value.length;
        if (this.total > this.maxTotal) {
          throw new EntityLimitError(
            `entity expansion limit exceeded (more than ${this.maxTotal} characters inserted by entity references)`,
            line,
            column,
          );
        }
        return value;
      },
    });
  }

  private expand(name: string, open: string[], line: number, column: number): string {
    const done = this.expanded.get(name);
    if (done !== undefined) return done;
    if (open.includes(name)) {
      throw new EntityLimitError(`recursive entity reference: ${[...open, name].join(' -> ')}`, line, column);
    }
    if (this.external.has(name)) {
      throw new EntityLimitError(`external entity "${name}" is not loaded: teikit never reads external entities`, line, column);
    }
    const raw = this.raw.get(name);
    if (raw === undefined) throw new EntityLimitError(`undefined entity "${name}"`, line, column);
    let length = 0;
    const value = raw.replace(/&(#x[0-9a-fA-F]+|#[0-9]+|[^\s&;]+);/g, (_, ref: string) => {
      let out: string;
      if (ref.startsWith('#x')) out = String.fromCodePoint(parseInt(ref.slice(2), 16));
      else if (ref.startsWith('#')) out = String.fromCodePoint(parseInt(ref.slice(1), 10));
      else out = PREDEFINED[ref] ?? this.expand(ref, [...open, name], line, column);
      length += out.length;
      if (length > this.maxLength) {
        throw new EntityLimitError(
          `entity expansion limit exceeded: entity "${name}" expands to more than ${this.maxLength} characters`,
          line,
          column,
        );
      }
      return out;
    });
    this.expanded.set(name, value);
    return value;
  }
}

const PREDEFINED: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

export type { XmlNode };

/**
 * `streamXml` on saxes (a conformant, streaming, namespace-aware XML 1.0 parser).
 *
 * XML from outside is untrusted:
 * - no external entity or DTD is ever read (saxes has no resolver; we never define SYSTEM/PUBLIC entities);
 * - general entities of the internal DTD subset are expanded by us, with a bounded budget, so that a
 *   "billion laughs" file fails within milliseconds instead of exhausting memory.
 */
import { SaxesParser, type SaxesAttributeNS, type SaxesTagNS } from 'saxes';
import { diagnostic, TeikitError, type Diagnostic } from '../diagnostics.js';
import { decodeXml } from './decode.js';
import type { XmlAttribute } from './dom.js';
import type { StreamOptions, StreamResult, XmlEventHandler, XmlStartTag } from './events.js';

/** Decode bytes (BOM, declaration) or take text as it is; the empty file is refused here. */
export function inputText(input: string | Uint8Array, file: string): { text: string; encoding: string } | Diagnostic {
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
      if (error instanceof TeikitError) return error.diagnostic;
      throw error;
    }
  }
  if (text.trim() === '') return wf(file, 1, 1, 'the file is empty: an XML document needs a root element');
  return { text, encoding };
}

export function wf(file: string, line: number, column: number, message: string): Diagnostic {
  return diagnostic({ file, line, column, message, ruleId: 'xml-wellformed', source: 'xml' });
}

/** Parse `input`, calling `handler` for each event; returns the first well-formedness error as data. */
export function streamXml(input: string | Uint8Array, handler: XmlEventHandler, options: StreamOptions = {}): StreamResult {
  const file = options.file ?? '<input>';
  const decoded = inputText(input, file);
  if ('ruleId' in decoded) return { ok: false, diagnostic: decoded };
  const failure = run(decoded.text, file, handler, options);
  return failure === undefined ? { ok: true, encoding: decoded.encoding } : { ok: false, diagnostic: failure };
}

function run(text: string, file: string, handler: XmlEventHandler, options: StreamOptions): Diagnostic | undefined {
  const parser = new SaxesParser({ xmlns: true, position: true });
  const stack: XmlStartTag[] = [];
  let failure: Diagnostic | undefined;
  let sawRoot = false;
  // Where the previous event ended: text, comments and PIs start there.
  let lastLine = 1;
  let lastColumn = 1;

  const entities = new EntityTable(file, options);
  parser.ENTITIES = entities.proxy(parser.ENTITIES, () => ({ line: parser.line, column: parser.column }));

  const fail = (message: string, line = parser.line, column = Math.max(parser.column, 1)): void => {
    if (failure === undefined) failure = wf(file, line, column, message);
  };
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
    if (failure === undefined) handler.doctype?.(dt, { line: lastLine, column: lastColumn });
    const problem = entities.declare(dt);
    if (problem !== undefined) fail(problem);
    mark();
  });
  parser.on('xmldecl', () => mark());
  const internals = parser as unknown as SaxesInternals;
  let pending: XmlStartTag | undefined;
  parser.on('opentagstart', (tag) => {
    chainNamespaces(internals, tag as unknown as { ns: Record<string, string> });
    // The name has just been read (and one character after it): the `<` is name.length + 1 code points back.
    const nameLength = [...tag.name].length;
    pending = {
      name: tag.name,
      prefix: '',
      local: tag.name,
      uri: '',
      attributes: [],
      ns: {},
      line: parser.line,
      column: Math.max(1, parser.column - nameLength - 1),
      tagEnd: { line: parser.line, column: parser.column },
      selfClosing: false,
    };
  });
  parser.on('opentag', (tag: SaxesTagNS) => {
    const el = pending!;
    pending = undefined;
    el.prefix = tag.prefix;
    el.local = tag.local;
    el.uri = tag.uri;
    el.tagEnd = { line: parser.line, column: parser.column };
    el.selfClosing = tag.isSelfClosing;
    el.ns = inScope(tag, stack[stack.length - 1]);
    for (const a of Object.values(tag.attributes) as SaxesAttributeNS[]) {
      const attribute: XmlAttribute = { name: a.name, prefix: a.prefix, local: a.local, uri: a.uri, value: a.value };
      el.attributes.push(attribute);
    }
    stack.push(el);
    sawRoot = true;
    if (failure === undefined) handler.startElement(el);
    mark();
  });
  parser.on('closetag', () => {
    const el = stack.pop()!;
    if (failure === undefined) handler.endElement(el, { line: parser.line, column: parser.column });
    mark();
  });
  const addText = (value: string, cdata: boolean): void => {
    // Whitespace outside the root element is not part of the infoset.
    if (stack.length > 0 && failure === undefined) handler.text(value, { line: lastLine, column: lastColumn }, cdata);
    mark();
  };
  parser.on('text', (t) => addText(t, false));
  parser.on('cdata', (t) => addText(t, true));
  parser.on('comment', (c) => {
    if (failure === undefined) handler.comment?.(c, { line: lastLine, column: lastColumn });
    mark();
  });
  parser.on('processinginstruction', (pi) => {
    if (failure === undefined) handler.processingInstruction?.(pi.target, pi.body, { line: lastLine, column: lastColumn });
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
  if (failure === undefined && !sawRoot) fail('no root element');
  return failure;
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
function inScope(tag: SaxesTagNS, parent: XmlStartTag | undefined): Record<string, string> {
  const inherited = parent !== undefined ? parent.ns : NO_BINDINGS;
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

  constructor(readonly file: string, options: StreamOptions) {
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


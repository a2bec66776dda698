/**
 * A reader of the RELAX NG compact syntax (OASIS Committee Specification, 21 November 2002). It gives back the tree
 * that the equivalent schema in XML syntax parses to (RELAX NG namespace, annotations as foreign elements and
 * attributes, `##` documentation as `a:documentation`, as trang writes them), so that everything downstream reads
 * one form. Every element carries the line and column of its construct in the .rnc (column in code points).
 *
 * The translation follows the spec's section 5 (semantics) rule by rule:
 * - names: an unprefixed element name takes the default namespace, an unprefixed attribute name none; a namespace
 *   that is `inherit` (no `default namespace` declaration, or `inherit` written) leaves the `ns` attribute out, so
 *   that it is inherited from the `include`/`externalRef` that reads the file (RELAX NG section 4.8);
 * - datatypes: `string` and `token` are the built-in library, `prefix:name` the library the `datatypes` declaration
 *   binds (`xsd` predeclared); a bare literal is a `value` of type token; every `data`/`value` gets its library;
 * - annotations before a construct become its attributes and first child elements; `>>` follow annotations
 *   become siblings after it.
 *
 * Escapes `\x{...}` are replaced before tokenising (spec section 3), so an escaped quote ends a literal; positions
 * still point into the original text.
 */
import { diagnostic, TeikitError } from '../../../diagnostics.js';
import { RNG_NS, XML_NS, XMLNS_NS, type Position, type XmlAttribute, type XmlDocument, type XmlElement, type XmlNode } from '../../../xml/index.js';

const ANNOTATIONS_NS = 'http://relaxng.org/ns/compatibility/annotations/1.0';
const XSD_DATATYPES = 'http://www.w3.org/2001/XMLSchema-datatypes';

/** The spec's keywords (section 3): as names they need a backslash (`\element`) except where any name is allowed. */
const KEYWORDS = new Set([
  'attribute', 'default', 'datatypes', 'div', 'element', 'empty', 'external', 'grammar', 'include', 'inherit', 'list',
  'mixed', 'namespace', 'notAllowed', 'parent', 'start', 'string', 'text', 'token',
]);

// XML 1.0 (fifth edition) NameStartChar and NameChar without ':' (Namespaces in XML, NCName).
const NAME_START = /[A-Z_a-z\u00C0-\u00D6\u00D8-\u00F6\u00F8-\u02FF\u0370-\u037D\u037F-\u1FFF\u200C\u200D\u2070-\u218F\u2C00-\u2FEF\u3001-\uD7FF\uF900-\uFDCF\uFDF0-\uFFFD\u{10000}-\u{EFFFF}]/u;
const NAME_CHAR = /[-.0-9\u00B7\u0300-\u036F\u203F\u2040A-Z_a-z\u00C0-\u00D6\u00D8-\u00F6\u00F8-\u02FF\u0370-\u037D\u037F-\u1FFF\u200C\u200D\u2070-\u218F\u2C00-\u2FEF\u3001-\uD7FF\uF900-\uFDCF\uFDF0-\uFFFD\u{10000}-\u{EFFFF}]/u;

type TokenKind = 'name' | 'keyword' | 'cname' | 'nsname' | 'literal' | 'doc' | 'op' | 'eof';

interface Token {
  kind: TokenKind;
  /** name: the NCName (a quoted `\name` too); cname: `prefix:local`; nsname: the prefix; literal: its content. */
  value: string;
  /** Offsets into the escape-processed text. */
  start: number;
  end: number;
}

/** `inherit` as a namespace value: leave the `ns` attribute out. */
const INHERIT = Symbol('inherit');
type Ns = string | typeof INHERIT;

/** The source after escape processing, with a map back to original offsets for positions. */
class Source {
  readonly text: string;
  /** Offsets (in `text`) of characters written as escapes: an escaped newline ends no comment and no literal. */
  readonly escaped = new Set<number>();
  private readonly origin: number[];
  private readonly lineStarts: number[] = [0];

  constructor(readonly original: string, readonly file: string) {
    for (let i = 0; i < original.length; i++) {
      const c = original.charCodeAt(i);
      if (c === 10) this.lineStarts.push(i + 1);
      else if (c === 13 && original.charCodeAt(i + 1) !== 10) this.lineStarts.push(i + 1);
    }
    // Spec section 3: newlines normalised (CR LF, CR -> LF), then every `\x{hex}` (one or more x) replaced by the
    // character it names; a backslash not followed by x...{ stays (it quotes an identifier).
    const out: string[] = [];
    const origin: number[] = [];
    const escape = /\\x+\{([0-9A-Fa-f]+)\}/y;
    for (let i = 0; i < original.length;) {
      const c = original[i]!;
      if (c === '\r') {
        out.push('\n');
        origin.push(i);
        i += original[i + 1] === '\n' ? 2 : 1;
        continue;
      }
      if (c === '\\' && original[i + 1] === 'x') {
        escape.lastIndex = i;
        const m = escape.exec(original);
        if (m !== null) {
          const cp = Number.parseInt(m[1]!, 16);
          if (m[1]!.length > 8 || !isXmlChar(cp)) this.fail(i, `the escape ${m[0]} does not name an XML character`);
          const ch = String.fromCodePoint(cp);
          for (let k = 0; k < ch.length; k++) {
            this.escaped.add(out.length);
            out.push(ch[k]!);
            origin.push(i);
          }
          i += m[0].length;
          continue;
        }
        if (/^\\x+\{/.test(original.slice(i, i + 64))) this.fail(i, 'an escape must be \\x{HEX} with hexadecimal digits and a closing }');
      }
      out.push(c);
      origin.push(i);
      i++;
    }
    origin.push(original.length);
    this.text = out.join('');
    this.origin = origin;
  }

  /** Line and column (code points) in the original text of an offset in the processed text. */
  position(offset: number): Position {
    const o = this.origin[Math.min(offset, this.origin.length - 1)]!;
    let lo = 0;
    let hi = this.lineStarts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.lineStarts[mid]! <= o) lo = mid;
      else hi = mid - 1;
    }
    let column = 1;
    for (let i = this.lineStarts[lo]!; i < o; i++) {
      const c = this.original.charCodeAt(i);
      if (c < 0xdc00 || c > 0xdfff) column++;
    }
    return { line: lo + 1, column };
  }

  /** Offsets here are into `original` only while escapes are being read; afterwards use `failAt`. */
  private fail(originalOffset: number, message: string): never {
    let line = 1;
    let start = 0;
    for (let i = 0; i < originalOffset; i++) {
      const c = this.original.charCodeAt(i);
      if (c === 10 || (c === 13 && this.original.charCodeAt(i + 1) !== 10)) {
        line++;
        start = i + 1;
      }
    }
    let column = 1;
    for (let i = start; i < originalOffset; i++) {
      const c = this.original.charCodeAt(i);
      if (c < 0xdc00 || c > 0xdfff) column++;
    }
    throw syntaxError(this.file, { line, column }, message);
  }
}

function isXmlChar(cp: number): boolean {
  return cp === 0x9 || cp === 0xa || cp === 0xd || (cp >= 0x20 && cp <= 0xd7ff) || (cp >= 0xe000 && cp <= 0xfffd) || (cp >= 0x10000 && cp <= 0x10ffff);
}

function syntaxError(file: string, at: Position, message: string): TeikitError {
  return new TeikitError(diagnostic({ file, line: at.line, column: at.column, message: `incorrect RELAX NG compact schema: ${message}`, ruleId: 'relaxng/schema', source: 'schema' }), 2);
}

function charAt(s: string, i: number): string {
  const cp = s.codePointAt(i);
  return cp === undefined ? '' : String.fromCodePoint(cp);
}

/** Spec section 3 (lexical structure). Comments are dropped; `##` documentation lines are kept as tokens. */
function tokenize(src: Source): Token[] {
  const s = src.text;
  const tokens: Token[] = [];
  const fail = (at: number, message: string): never => {
    throw syntaxError(src.file, src.position(at), message);
  };
  const readName = (at: number): number => {
    let j = at;
    while (j < s.length) {
      const ch = charAt(s, j);
      if (!NAME_CHAR.test(ch)) break;
      j += ch.length;
    }
    return j;
  };
  let i = 0;
  while (i < s.length) {
    const c = s[i]!;
    if (c === ' ' || c === '\t' || c === '\n') {
      i++;
      continue;
    }
    if (c === '#') {
      let j = s.indexOf('\n', i);
      while (j >= 0 && src.escaped.has(j)) j = s.indexOf('\n', j + 1);
      if (j < 0) j = s.length;
      if (s[i + 1] === '#') {
        // Documentation line: the `#`s and one space after them are not part of the text (as trang reads it).
        let k = i;
        while (s[k] === '#') k++;
        if (s[k] === ' ') k++;
        tokens.push({ kind: 'doc', value: s.slice(Math.min(k, j), j), start: i, end: j });
      }
      i = j;
      continue;
    }
    if (c === '"' || c === "'") {
      const triple = s.startsWith(c.repeat(3), i);
      const close = triple ? c.repeat(3) : c;
      const from = i + close.length;
      const j = s.indexOf(close, from);
      if (triple) {
        if (j < 0) fail(i, `unterminated string literal (no closing ${close})`);
      } else {
        // A literal in single quotes ends on its line; a newline written as \x{A} is part of it.
        let nl = s.indexOf('\n', from);
        while (nl >= 0 && src.escaped.has(nl)) nl = s.indexOf('\n', nl + 1);
        if (j < 0 || (nl >= 0 && nl < j)) fail(i, `unterminated string literal (a literal in ${c} must end on its line; ${c.repeat(3)} spans lines)`);
      }
      tokens.push({ kind: 'literal', value: s.slice(from, j), start: i, end: j + close.length });
      i = j + close.length;
      continue;
    }
    if (c === '\\') {
      const ch = charAt(s, i + 1);
      if (!NAME_START.test(ch)) fail(i, 'a backslash must start an escape \\x{HEX} or quote an identifier (\\name)');
      const j = readName(i + 1);
      tokens.push({ kind: 'name', value: s.slice(i + 1, j), start: i, end: j });
      i = j;
      continue;
    }
    const ch = charAt(s, i);
    if (NAME_START.test(ch)) {
      const j = readName(i);
      const name = s.slice(i, j);
      if (s[j] === ':' && s[j + 1] === '*') {
        tokens.push({ kind: 'nsname', value: name, start: i, end: j + 2 });
        i = j + 2;
        continue;
      }
      if (s[j] === ':' && NAME_START.test(charAt(s, j + 1))) {
        const k = readName(j + 1);
        tokens.push({ kind: 'cname', value: s.slice(i, k), start: i, end: k });
        i = k;
        continue;
      }
      tokens.push({ kind: KEYWORDS.has(name) ? 'keyword' : 'name', value: name, start: i, end: j });
      i = j;
      continue;
    }
    const two = s.slice(i, i + 2);
    if (two === '|=' || two === '&=' || two === '>>') {
      tokens.push({ kind: 'op', value: two, start: i, end: i + 2 });
      i += 2;
      continue;
    }
    if ('={}()[],|&?*+-~'.includes(c)) {
      tokens.push({ kind: 'op', value: c, start: i, end: i + 1 });
      i++;
      continue;
    }
    fail(i, `unexpected character "${ch}"`);
  }
  tokens.push({ kind: 'eof', value: '', start: s.length, end: s.length });
  return tokens;
}

interface Annotations {
  attributes: XmlAttribute[];
  elements: XmlElement[];
}

/** A pattern or name class with the follow annotations (`>>`) that go after it as siblings. */
interface Item {
  el: XmlElement;
  follow: XmlElement[];
}

class Parser {
  private p = 0;
  private readonly prefixes = new Map<string, Ns>([['xml', XML_NS]]);
  private defaultNs: Ns = INHERIT;
  private readonly datatypes = new Map<string, string>([['xsd', XSD_DATATYPES]]);
  /** Namespace bindings of every element (all prefixes are declared on the root, as trang does). */
  private readonly scope: Record<string, string> = { '': RNG_NS, xml: XML_NS };
  private annotationsPrefix: string | undefined;
  /** The `name` elements read from a name token: what it said, for writing a `name` attribute instead. */
  private readonly names = new WeakMap<XmlElement, { prefix: string; local: string; ns: Ns }>();
  private lastEnd = 0;

  constructor(private readonly src: Source, private readonly tokens: Token[]) {}

  // ---- tokens ----

  /** The k-th token from here that is not documentation (documentation is read only where annotations may be). */
  private peek(k = 0): Token {
    let i = this.p;
    for (;;) {
      const t = this.tokens[i]!;
      if (t.kind !== 'doc') {
        if (k === 0) return t;
        k--;
      }
      if (t.kind === 'eof') return t;
      i++;
    }
  }

  private next(): Token {
    while (this.tokens[this.p]!.kind === 'doc') this.p++;
    const t = this.tokens[this.p]!;
    if (t.kind !== 'eof') this.p++;
    this.lastEnd = t.end;
    return t;
  }

  private isOp(t: Token, ...ops: string[]): boolean {
    return t.kind === 'op' && ops.includes(t.value);
  }

  private isKeyword(t: Token, word: string): boolean {
    return t.kind === 'keyword' && t.value === word;
  }

  private describe(t: Token): string {
    switch (t.kind) {
      case 'eof': return 'the end of the schema';
      case 'literal': return 'a string literal';
      case 'nsname': return `"${t.value}:*"`;
      default: return `"${t.value}"`;
    }
  }

  private fail(t: Token, message: string): never {
    throw syntaxError(this.src.file, this.src.position(t.start), message);
  }

  private expectOp(op: string, what = `"${op}"`): Token {
    const t = this.peek();
    if (!this.isOp(t, op)) this.fail(t, `expected ${what}, found ${this.describe(t)}`);
    return this.next();
  }

  private expectLiteral(what: string): string {
    const t = this.peek();
    if (t.kind !== 'literal') this.fail(t, `expected ${what} (a string literal), found ${this.describe(t)}`);
    this.next();
    let value = t.value;
    // literal ::= literalSegment ("~" literalSegment)*
    while (this.isOp(this.peek(), '~')) {
      this.next();
      const seg = this.peek();
      if (seg.kind !== 'literal') this.fail(seg, `expected a string literal after "~", found ${this.describe(seg)}`);
      this.next();
      value += seg.value;
    }
    return value;
  }

  /** identifierOrKeyword */
  private expectName(what: string): Token {
    const t = this.peek();
    if (t.kind !== 'name' && t.kind !== 'keyword') this.fail(t, `expected ${what}, found ${this.describe(t)}`);
    return this.next();
  }

  /** identifier: a keyword must be quoted with a backslash. */
  private expectIdentifier(what: string): Token {
    const t = this.peek();
    if (t.kind === 'keyword') this.fail(t, `expected ${what}, found the keyword "${t.value}" (write \\${t.value} to use it as a name)`);
    if (t.kind !== 'name') this.fail(t, `expected ${what}, found ${this.describe(t)}`);
    return this.next();
  }

  // ---- tree ----

  private pos(t: Token): Position {
    return this.src.position(t.start);
  }

  private element(local: string, at: Position, uri = RNG_NS, prefix = ''): XmlElement {
    return {
      type: 'element', name: prefix === '' ? local : `${prefix}:${local}`, prefix, local, uri, attributes: [], children: [],
      parent: undefined as unknown as XmlElement, line: at.line, column: at.column, tagEnd: at, end: at, ns: this.scope,
    };
  }

  private finish(el: XmlElement): XmlElement {
    el.end = this.src.position(Math.max(this.lastEnd - 1, 0));
    return el;
  }

  private setAttr(el: XmlElement, name: string, value: string): void {
    el.attributes.push({ name, prefix: '', local: name, uri: '', value });
  }

  private text(value: string, at: Position): XmlNode {
    return { type: 'text', value, cdata: false, line: at.line, column: at.column };
  }

  private add(parent: XmlElement, item: Item): void {
    parent.children.push(item.el, ...item.follow);
  }

  /**
   * Annotation attributes go on the annotated element, annotation elements become its first children; but `value`,
   * `param` and `name` hold text only, so there they become following siblings (returned; spec section 5.1).
   */
  private annotate(el: XmlElement, a: Annotations): XmlElement[] {
    for (const attr of a.attributes) {
      if (el.attributes.some((x) => x.uri === attr.uri && x.local === attr.local)) continue;
      el.attributes.push(attr);
    }
    if (a.elements.length === 0) return [];
    if (el.uri === RNG_NS && (el.local === 'value' || el.local === 'param' || el.local === 'name')) return a.elements;
    el.children.unshift(...a.elements);
    return [];
  }

  private lookupPrefix(t: Token, prefix: string): Ns {
    const uri = this.prefixes.get(prefix);
    if (uri === undefined) this.fail(t, `the namespace prefix "${prefix}" is not declared`);
    return uri;
  }

  // ---- declarations (spec: topLevel ::= decl* (pattern | grammarContent*)) ----

  parseTopLevel(): XmlDocument {
    for (;;) {
      const t = this.peek();
      if (this.isKeyword(t, 'namespace')) {
        this.next();
        const prefix = this.expectName('a namespace prefix');
        this.expectOp('=');
        this.declarePrefix(prefix, this.namespaceValue());
      } else if (this.isKeyword(t, 'default') ) {
        this.next();
        const kw = this.peek();
        if (!this.isKeyword(kw, 'namespace')) this.fail(kw, `expected "namespace" after "default", found ${this.describe(kw)}`);
        this.next();
        let prefix: Token | undefined;
        if (!this.isOp(this.peek(), '=')) prefix = this.expectName('a namespace prefix or "="');
        this.expectOp('=');
        const uri = this.namespaceValue();
        if (prefix !== undefined) this.declarePrefix(prefix, uri);
        this.defaultNs = uri;
      } else if (this.isKeyword(t, 'datatypes')) {
        this.next();
        const prefix = this.expectName('a datatypes prefix');
        this.expectOp('=');
        const uri = this.expectLiteral('the datatype library URI');
        if (prefix.value === 'xsd' && uri !== XSD_DATATYPES) this.fail(prefix, `the prefix "xsd" is bound to ${XSD_DATATYPES} and cannot be redeclared`);
        this.datatypes.set(prefix.value, uri);
      } else break;
    }
    const at = this.pos(this.peek());
    let root: XmlElement;
    if (this.startsGrammar()) {
      root = this.element('grammar', at);
      this.grammarContent(root, false);
      const t = this.peek();
      if (t.kind !== 'eof') this.fail(t, `expected a definition, "start", "div", "include" or an annotation, found ${this.describe(t)}`);
    } else {
      const item = this.pattern();
      if (item.follow.length > 0) this.fail(this.peek(), 'a follow annotation (>>) cannot follow the top-level pattern');
      root = item.el;
      const t = this.peek();
      if (t.kind !== 'eof') this.fail(t, `expected the end of the schema after the top-level pattern, found ${this.describe(t)}`);
    }
    // Every prefix bound in the schema is declared on the root, so the tree written out as XML is namespace-well-formed.
    const decls: XmlAttribute[] = [{ name: 'xmlns', prefix: '', local: 'xmlns', uri: XMLNS_NS, value: RNG_NS }];
    for (const [prefix, uri] of Object.entries(this.scope)) {
      if (prefix === '' || prefix === 'xml') continue;
      decls.push({ name: `xmlns:${prefix}`, prefix: 'xmlns', local: prefix, uri: XMLNS_NS, value: uri });
    }
    // The default namespace as the root's `ns`, inherited by every unprefixed element name and QName value.
    if (typeof this.defaultNs === 'string') decls.push({ name: 'ns', prefix: '', local: 'ns', uri: '', value: this.defaultNs });
    root.attributes.unshift(...decls);
    const doc: XmlDocument = { type: 'document', file: this.src.file, children: [root], root, encoding: 'utf-8' };
    setParents(doc);
    return doc;
  }

  private namespaceValue(): Ns {
    const t = this.peek();
    if (this.isKeyword(t, 'inherit')) {
      this.next();
      return INHERIT;
    }
    return this.expectLiteral('a namespace URI or "inherit"');
  }

  private declarePrefix(t: Token, uri: Ns): void {
    const prefix = t.value;
    if (prefix === 'xmlns') this.fail(t, 'the prefix "xmlns" cannot be declared');
    if (prefix === 'xml') {
      if (uri !== XML_NS) this.fail(t, `the prefix "xml" is bound to ${XML_NS} and cannot be redeclared`);
      return;
    }
    if (uri === XML_NS) this.fail(t, `only the prefix "xml" can be bound to ${XML_NS}`);
    if (this.prefixes.has(prefix)) this.fail(t, `the namespace prefix "${prefix}" is declared twice`);
    this.prefixes.set(prefix, uri);
    if (typeof uri === 'string' && uri !== '') this.scope[prefix] = uri;
  }

  /** After the declarations: is the rest grammar content (definitions) or one pattern? */
  private startsGrammar(): boolean {
    const ahead: Token[] = [];
    for (let i = this.p; ; i++) {
      const t = this.tokens[i]!;
      if (t.kind !== 'doc') ahead.push(t);
      if (t.kind === 'eof') break;
    }
    let k = 0;
    // Skip leading annotations `[ ... ]` (balanced).
    if (this.isOp(ahead[0]!, '[')) {
      let depth = 0;
      for (; k < ahead.length; k++) {
        const t = ahead[k]!;
        if (t.kind === 'eof') return false;
        if (this.isOp(t, '[')) depth++;
        else if (this.isOp(t, ']') && --depth === 0) break;
      }
      k++;
    }
    const t = ahead[k];
    const u = ahead[k + 1];
    if (t === undefined || t.kind === 'eof') return true;
    if (this.isKeyword(t, 'start') || this.isKeyword(t, 'div') || this.isKeyword(t, 'include')) return true;
    if (u === undefined) return false;
    if (t.kind === 'name' && this.isOp(u, '=', '|=', '&=')) return true;
    // annotationElementNotKeyword: a prefixed name, or an identifier that is not a keyword, then `[`.
    return (t.kind === 'cname' || t.kind === 'name') && this.isOp(u, '[');
  }

  // ---- annotations ----

  /** annotations ::= documentations? ("[" annotationAttributes annotationElement* "]")? */
  private annotations(): Annotations {
    const result: Annotations = { attributes: [], elements: [] };
    const lines: string[] = [];
    let docStart: Token | undefined;
    while (this.tokens[this.p]!.kind === 'doc') {
      const t = this.tokens[this.p++]!;
      docStart ??= t;
      lines.push(t.value);
    }
    if (docStart !== undefined) {
      const prefix = this.documentationPrefix();
      const doc = this.element('documentation', this.pos(docStart), ANNOTATIONS_NS, prefix);
      doc.children.push(this.text(lines.join('\n'), this.pos(docStart)));
      result.elements.push(doc);
    }
    if (!this.isOp(this.peek(), '[')) return result;
    this.next();
    for (;;) {
      const t = this.peek();
      if ((t.kind === 'cname' || t.kind === 'name' || t.kind === 'keyword') && this.isOp(this.peek(1), '=')) {
        this.next();
        if (t.kind !== 'cname') this.fail(t, `an annotation attribute needs a namespace prefix ("${t.value}" has none)`);
        const { prefix, local, uri } = this.qname(t, false);
        if (uri === RNG_NS || uri === '') this.fail(t, `an annotation attribute cannot be in ${uri === '' ? 'no namespace' : 'the RELAX NG namespace'}`);
        this.next();
        result.attributes.push({ name: `${prefix}:${local}`, prefix, local, uri, value: this.expectLiteral('the attribute value') });
        continue;
      }
      break;
    }
    while (!this.isOp(this.peek(), ']')) result.elements.push(this.annotationElement(false));
    this.next();
    return result;
  }

  /** A prefix bound to the annotations namespace for `##`, declared on the root when the schema binds none. */
  private documentationPrefix(): string {
    if (this.annotationsPrefix !== undefined) return this.annotationsPrefix;
    for (const [prefix, uri] of Object.entries(this.scope)) {
      if (uri === ANNOTATIONS_NS) return (this.annotationsPrefix = prefix);
    }
    let prefix = 'a';
    for (let n = 1; this.prefixes.has(prefix) || prefix in this.scope; n++) prefix = `a${n}`;
    this.scope[prefix] = ANNOTATIONS_NS;
    return (this.annotationsPrefix = prefix);
  }

  private qname(t: Token, element: boolean): { prefix: string; local: string; uri: string } {
    if (t.kind !== 'cname') return { prefix: '', local: t.value, uri: '' };
    const i = t.value.indexOf(':');
    const prefix = t.value.slice(0, i);
    const uri = this.lookupPrefix(t, prefix);
    if (uri === INHERIT) this.fail(t, `the prefix "${prefix}" is bound to "inherit" and cannot name an annotation ${element ? 'element' : 'attribute'}`);
    if (uri === '' && prefix !== '') this.fail(t, `the prefix "${prefix}" is bound to no namespace and cannot name an annotation ${element ? 'element' : 'attribute'}`);
    return { prefix, local: t.value.slice(i + 1), uri };
  }

  /** annotationElement ::= name "[" attribute* (annotationElement | literal)* "]" */
  private annotationElement(nested: boolean): XmlElement {
    const t = this.peek();
    if (t.kind !== 'cname' && t.kind !== 'name' && t.kind !== 'keyword') this.fail(t, `expected an annotation element or "]", found ${this.describe(t)}`);
    this.next();
    const { prefix, local, uri } = this.qname(t, true);
    // Only the outermost annotation element must be foreign; inside it anything goes (spec section 5.1).
    if (uri === RNG_NS && !nested) this.fail(t, 'an annotation element cannot be in the RELAX NG namespace');
    const el = this.element(local, this.pos(t), uri, prefix);
    if (uri === '') {
      // The root binds the default namespace to RELAX NG: a no-namespace element must undeclare it.
      el.attributes.push({ name: 'xmlns', prefix: '', local: 'xmlns', uri: XMLNS_NS, value: '' });
      el.ns = { ...this.scope, '': '' };
    }
    this.expectOp('[', `"[" after the annotation element name ${t.value}`);
    while (true) {
      const a = this.peek();
      if ((a.kind === 'cname' || a.kind === 'name' || a.kind === 'keyword') && this.isOp(this.peek(1), '=')) {
        this.next();
        const q = this.qname(a, false);
        this.next();
        const value = this.expectLiteral('the attribute value');
        if (el.attributes.some((x) => x.local === q.local && x.uri === q.uri)) this.fail(a, `duplicate attribute ${a.value}`);
        el.attributes.push({ name: q.prefix === '' ? q.local : `${q.prefix}:${q.local}`, prefix: q.prefix, local: q.local, uri: q.uri, value });
        continue;
      }
      break;
    }
    for (;;) {
      const c = this.peek();
      if (this.isOp(c, ']')) break;
      if (c.kind === 'literal') {
        el.children.push(this.text(this.expectLiteral('text'), this.pos(c)));
        continue;
      }
      el.children.push(this.annotationElement(true));
    }
    this.next();
    return this.finish(el);
  }

  /** followAnnotations ::= (">>" annotationElement)* */
  private follow(): XmlElement[] {
    const out: XmlElement[] = [];
    while (this.isOp(this.peek(), '>>')) {
      this.next();
      out.push(this.annotationElement(false));
    }
    return out;
  }

  // ---- grammar content ----

  /** grammarContent* (or includeContent* inside `include { }`), up to `}` or the end. */
  private grammarContent(container: XmlElement, inInclude: boolean): void {
    for (;;) {
      const a = this.annotations();
      const t = this.peek();
      if (this.isOp(t, '}') || t.kind === 'eof') {
        // Documentation or annotations with nothing after them belong to the container.
        this.annotate(container, a);
        return;
      }
      if (this.isKeyword(t, 'start')) {
        this.next();
        const el = this.element('start', this.pos(t));
        this.assign(el);
        this.annotate(el, a);
        this.add(el, this.pattern());
        container.children.push(this.finish(el));
      } else if (t.kind === 'name' && this.isOp(this.peek(1), '=', '|=', '&=')) {
        this.next();
        const el = this.element('define', this.pos(t));
        this.setAttr(el, 'name', t.value);
        this.assign(el);
        this.annotate(el, a);
        this.add(el, this.pattern());
        container.children.push(this.finish(el));
      } else if (this.isKeyword(t, 'div')) {
        this.next();
        const el = this.element('div', this.pos(t));
        this.annotate(el, a);
        this.expectOp('{', '"{" after div');
        this.grammarContent(el, inInclude);
        this.expectOp('}', '"}" to close div');
        container.children.push(this.finish(el));
      } else if (this.isKeyword(t, 'include') && !inInclude) {
        this.next();
        const el = this.element('include', this.pos(t));
        this.setAttr(el, 'href', this.expectLiteral('the URI of the included schema'));
        this.inherit(el);
        this.annotate(el, a);
        if (this.isOp(this.peek(), '{')) {
          this.next();
          this.grammarContent(el, true);
          this.expectOp('}', '"}" to close include');
          // Overrides inherit the include's `ns`; when `inherit =` made it differ, restore this file's default.
          const own = el.attributes.find((x) => x.name === 'ns')?.value;
          if (typeof this.defaultNs === 'string' && own !== this.defaultNs) {
            for (const c of el.children) if (c.type === 'element' && c.uri === RNG_NS) this.setAttr(c, 'ns', this.defaultNs);
          }
        }
        container.children.push(this.finish(el));
      } else if ((t.kind === 'cname' || t.kind === 'name') && this.isOp(this.peek(1), '[')) {
        container.children.push(...a.elements, this.annotationElement(false));
      } else if (t.kind === 'keyword' && this.isOp(this.peek(1), '=', '|=', '&=')) {
        this.fail(t, `"${t.value}" is a keyword: write \\${t.value} to define a pattern of that name`);
      } else {
        this.fail(t, `expected a definition, "start", "div"${inInclude ? '' : ', "include"'} or "}", found ${this.describe(t)}`);
      }
    }
  }

  /** assignMethod ::= "=" | "|=" | "&=" */
  private assign(el: XmlElement): void {
    const t = this.next();
    if (t.value === '|=') this.setAttr(el, 'combine', 'choice');
    else if (t.value === '&=') this.setAttr(el, 'combine', 'interleave');
    else if (t.value !== '=') this.fail(t, `expected "=", "|=" or "&=", found ${this.describe(t)}`);
  }

  /** [inherit = prefix]: the `ns` an included or external schema inherits (spec: default, the default namespace). */
  private inherit(el: XmlElement): void {
    let ns: Ns = this.defaultNs;
    if (this.isKeyword(this.peek(), 'inherit')) {
      this.next();
      this.expectOp('=', '"=" after inherit');
      const prefix = this.expectName('a namespace prefix');
      ns = this.lookupPrefix(prefix, prefix.value);
    }
    if (ns !== INHERIT) this.setAttr(el, 'ns', ns);
  }

  // ---- patterns ----

  /** innerPattern: particles joined by one of `,` `|` `&` (mixing them needs parentheses). */
  private pattern(): Item {
    const first = this.particle();
    const op = this.peek();
    if (!this.isOp(op, ',', '|', '&')) return first;
    const kind = op.value === ',' ? 'group' : op.value === '|' ? 'choice' : 'interleave';
    const el = this.element(kind, { line: first.el.line, column: first.el.column });
    this.add(el, first);
    while (this.isOp(this.peek(), ',', '|', '&')) {
      const t = this.next();
      if (t.value !== op.value) this.fail(t, `"${op.value}" and "${t.value}" cannot be mixed without parentheses`);
      this.add(el, this.particle());
    }
    return { el: this.finish(el), follow: [] };
  }

  /** annotatedPrimary, optionally repeated with `*`, `+` or `?`. */
  private particle(): Item {
    const prim = this.annotatedPrimary();
    const t = this.peek();
    if (!this.isOp(t, '*', '+', '?')) return prim;
    this.next();
    const el = this.element(t.value === '*' ? 'zeroOrMore' : t.value === '+' ? 'oneOrMore' : 'optional', { line: prim.el.line, column: prim.el.column });
    this.add(el, prim);
    this.finish(el);
    if (this.isOp(this.peek(), '*', '+', '?')) this.fail(this.peek(), `a repeated pattern cannot be repeated again without parentheses`);
    return { el, follow: this.follow() };
  }

  /** annotations primary followAnnotations, or annotations "(" innerPattern ")" followAnnotations. */
  private annotatedPrimary(): Item {
    const a = this.annotations();
    const item = this.primary();
    const after = this.annotate(item.el, a);
    return { el: item.el, follow: [...after, ...item.follow, ...this.follow()] };
  }

  private primary(): Item {
    const t = this.peek();
    const at = this.pos(t);
    const simple = (local: string): Item => {
      this.next();
      return { el: this.finish(this.element(local, at)), follow: [] };
    };
    if (this.isOp(t, '(')) {
      this.next();
      const inner = this.pattern();
      this.expectOp(')', '")" to close the group');
      return inner;
    }
    if (t.kind === 'keyword') {
      switch (t.value) {
        case 'element':
        case 'attribute': {
          this.next();
          const el = this.element(t.value, at);
          this.nameClassInto(el, t.value === 'attribute');
          this.expectOp('{', `"{" after the ${t.value}'s name`);
          this.add(el, this.pattern());
          this.expectOp('}', `"}" to close the ${t.value}`);
          return { el: this.finish(el), follow: [] };
        }
        case 'list':
        case 'mixed': {
          this.next();
          const el = this.element(t.value, at);
          this.expectOp('{', `"{" after ${t.value}`);
          this.add(el, this.pattern());
          this.expectOp('}', `"}" to close ${t.value}`);
          return { el: this.finish(el), follow: [] };
        }
        case 'empty':
        case 'text':
        case 'notAllowed':
          return simple(t.value);
        case 'parent': {
          this.next();
          const el = this.element('parentRef', at);
          this.setAttr(el, 'name', this.expectIdentifier('the name of a definition of the parent grammar').value);
          return { el: this.finish(el), follow: [] };
        }
        case 'external': {
          this.next();
          const el = this.element('externalRef', at);
          this.setAttr(el, 'href', this.expectLiteral('the URI of the external schema'));
          this.inherit(el);
          return { el: this.finish(el), follow: [] };
        }
        case 'grammar': {
          this.next();
          const el = this.element('grammar', at);
          this.expectOp('{', '"{" after grammar');
          this.grammarContent(el, false);
          this.expectOp('}', '"}" to close the grammar');
          return { el: this.finish(el), follow: [] };
        }
        case 'string':
        case 'token':
          return this.datatype(t, '', t.value);
        default:
          this.fail(t, `expected a pattern, found the keyword "${t.value}"${t.value === 'start' || t.value === 'div' || t.value === 'include' ? ' (a definition cannot appear inside a pattern)' : ''}`);
      }
    }
    if (t.kind === 'name') {
      this.next();
      const el = this.element('ref', at);
      this.setAttr(el, 'name', t.value);
      return { el: this.finish(el), follow: [] };
    }
    if (t.kind === 'cname') {
      const i = t.value.indexOf(':');
      const prefix = t.value.slice(0, i);
      const library = this.datatypes.get(prefix);
      if (library === undefined) this.fail(t, `the datatypes prefix "${prefix}" is not declared`);
      return this.datatype(t, library, t.value.slice(i + 1));
    }
    if (t.kind === 'literal') {
      const el = this.element('value', at);
      this.setAttr(el, 'type', 'token');
      this.setAttr(el, 'datatypeLibrary', '');
      el.children.push(this.text(this.expectLiteral('a value'), at));
      return { el: this.finish(el), follow: [] };
    }
    this.fail(t, `expected a pattern, found ${this.describe(t)}`);
  }

  /** datatypeName datatypeValue | datatypeName ["{" param* "}"] ["-" leadAnnotatedPrimary] */
  private datatype(t: Token, library: string, type: string): Item {
    this.next();
    const at = this.pos(t);
    if (this.peek().kind === 'literal') {
      const el = this.element('value', at);
      this.setAttr(el, 'type', type);
      this.setAttr(el, 'datatypeLibrary', library);
      el.children.push(this.text(this.expectLiteral('a value'), this.pos(this.peek())));
      return { el: this.finish(el), follow: [] };
    }
    const el = this.element('data', at);
    this.setAttr(el, 'type', type);
    this.setAttr(el, 'datatypeLibrary', library);
    if (this.isOp(this.peek(), '{')) {
      this.next();
      while (!this.isOp(this.peek(), '}')) {
        const a = this.annotations();
        const name = this.expectName('a parameter name or "}"');
        const param = this.element('param', this.pos(name));
        this.setAttr(param, 'name', name.value);
        this.expectOp('=', `"=" after the parameter name ${name.value}`);
        const vt = this.peek();
        param.children.push(this.text(this.expectLiteral('the parameter value'), this.pos(vt)));
        const after = this.annotate(param, a);
        el.children.push(this.finish(param), ...after);
      }
      this.next();
    }
    if (this.isOp(this.peek(), '-')) {
      const minus = this.next();
      const except = this.element('except', this.pos(minus));
      this.add(except, this.annotatedPrimary());
      el.children.push(this.finish(except));
    }
    return { el: this.finish(el), follow: [] };
  }

  // ---- name classes ----

  /**
   * The element's or attribute's name. A plain name becomes the `name` attribute as trang writes it: unprefixed for
   * the default namespace (the root's `ns`, inherited) or no namespace (attributes), else a QName whose prefix the
   * root declares. An `ns` attribute here would be inherited by every name and value inside (RELAX NG section 4.8),
   * so anything else stays a `name` child with its own `ns`.
   */
  private nameClassInto(el: XmlElement, attribute: boolean): void {
    const nc = this.nameClass(attribute);
    const name = this.names.get(nc.el);
    if (name !== undefined && nc.follow.length === 0 && nc.el.attributes.every((a) => a.name === 'ns')) {
      const { prefix, local, ns } = name;
      const inherited = attribute ? '' : this.defaultNs;
      if (ns === inherited || (ns === INHERIT && !attribute)) {
        this.setAttr(el, 'name', local);
        return;
      }
      if (typeof ns === 'string' && ns !== '' && prefix !== '' && this.scope[prefix] === ns) {
        this.setAttr(el, 'name', `${prefix}:${local}`);
        return;
      }
    }
    this.add(el, nc);
  }

  /** innerNameClass: simple name classes joined by `|`. */
  private nameClass(attribute: boolean): Item {
    const first = this.annotatedNameClass(attribute);
    if (!this.isOp(this.peek(), '|')) return first;
    const el = this.element('choice', { line: first.el.line, column: first.el.column });
    this.add(el, first);
    while (this.isOp(this.peek(), '|')) {
      this.next();
      this.add(el, this.annotatedNameClass(attribute));
    }
    return { el: this.finish(el), follow: [] };
  }

  private annotatedNameClass(attribute: boolean): Item {
    const a = this.annotations();
    const t = this.peek();
    const at = this.pos(t);
    let el: XmlElement;
    let follow: XmlElement[] = [];
    if (this.isOp(t, '(')) {
      this.next();
      const inner = this.nameClass(attribute);
      this.expectOp(')', '")" to close the name class');
      el = inner.el;
      follow = inner.follow;
    } else if (t.kind === 'name' || t.kind === 'keyword' || t.kind === 'cname') {
      this.next();
      el = this.element('name', at);
      let ns: Ns;
      let local = t.value;
      if (t.kind === 'cname') {
        const i = t.value.indexOf(':');
        ns = this.lookupPrefix(t, t.value.slice(0, i));
        local = t.value.slice(i + 1);
      } else {
        ns = attribute ? '' : this.defaultNs;
      }
      if (ns !== INHERIT) this.setAttr(el, 'ns', ns);
      el.children.push(this.text(local, at));
      this.names.set(el, { prefix: t.kind === 'cname' ? t.value.slice(0, t.value.indexOf(':')) : '', local, ns });
      this.finish(el);
    } else if (t.kind === 'nsname' || this.isOp(t, '*')) {
      this.next();
      if (t.kind === 'nsname') {
        el = this.element('nsName', at);
        const ns = this.lookupPrefix(t, t.value);
        if (ns !== INHERIT) this.setAttr(el, 'ns', ns);
      } else {
        el = this.element('anyName', at);
      }
      if (this.isOp(this.peek(), '-')) {
        const minus = this.next();
        const except = this.element('except', this.pos(minus));
        this.add(except, this.annotatedNameClass(attribute));
        el.children.push(this.finish(except));
      }
      this.finish(el);
    } else {
      this.fail(t, `expected a name, "*", "prefix:*" or "(", found ${this.describe(t)}`);
    }
    const after = this.annotate(el, a);
    return { el, follow: [...after, ...follow, ...this.follow()] };
  }
}

function setParents(doc: XmlDocument): void {
  const stack: Array<XmlElement | XmlDocument> = [doc];
  while (stack.length > 0) {
    const node = stack.pop()!;
    for (const c of node.children) {
      if (c.type !== 'element') continue;
      c.parent = node;
      stack.push(c);
    }
  }
}

/**
 * Read a RELAX NG schema in compact syntax. `file` names it in diagnostics. Returns the XML-syntax tree the same
 * schema written as .rng would parse to, with positions into the .rnc. A syntax error throws `TeikitError` (exit
 * code 2, source 'schema', rule `relaxng/schema`) at the offending token.
 */
export function parseCompactSchema(text: string, file: string): XmlDocument {
  const source = new Source(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text, file);
  return new Parser(source, tokenize(source)).parseTopLevel();
}

/** Decode an .rnc file's bytes: UTF-8 unless a byte order mark says UTF-16 (spec section 3, as Java readers do). */
export function decodeCompact(data: string | Uint8Array): string {
  if (typeof data === 'string') return data;
  if (data[0] === 0xff && data[1] === 0xfe) return new TextDecoder('utf-16le').decode(data.subarray(2));
  if (data[0] === 0xfe && data[1] === 0xff) return new TextDecoder('utf-16be').decode(data.subarray(2));
  return new TextDecoder('utf-8', { fatal: false, ignoreBOM: false }).decode(data);
}

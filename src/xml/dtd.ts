/**
 * The DTD as a non-validating processor must read it (XML 1.0 section 5.1): general entities (section 4.2), their
 * replacement text (4.5), attribute-list declarations with defaults (3.3.2), parameter entities (4.4.8) and, in the
 * external subset, conditional sections (3.4). Element and notation declarations are read past, not used.
 *
 * XML from outside is untrusted: an external entity or DTD is read only through the caller's `externalDtd`
 * function (teikit's own policy: local regular files only, never the network); entity expansion has a budget, so a
 * "billion laughs" file fails within milliseconds instead of exhausting memory.
 */
import { XmlFail } from './input.js';
import { isChar, isSpace, scanName, scanNmtoken } from './names.js';
import { table } from '../tables.js';

export interface Entity {
  name: string;
  /** Replacement text (section 4.5): character references and parameter-entity references already expanded. */
  value: string | undefined;
  systemId: string | undefined;
  publicId: string | undefined;
}

/** One attribute of an ATTLIST: its type decides normalisation (3.3.3), its default applies when it is absent. */
export interface AttributeDecl {
  name: string;
  /** Not CDATA: the value is trimmed and its runs of spaces collapsed. */
  tokenized: boolean;
  /** The normalised default value (`#FIXED` or plain); undefined for `#REQUIRED` and `#IMPLIED`. */
  value: string | undefined;
}

export interface DtdOptions {
  maxEntityLength?: number;
  maxEntityExpansion?: number;
  externalDtd?: (systemId: string, publicId: string | undefined) => string | undefined;
}

/** The five entities every XML processor knows (XML 1.0, 4.6). */
export const PREDEFINED: Readonly<Record<string, string>> = table({ amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" });

export function predefined(name: string): string | undefined {
  switch (name) {
    case 'amp':
    case 'lt':
    case 'gt':
    case 'quot':
    case 'apos':
      return PREDEFINED[name];
    default:
      return undefined;
  }
}

/** Where an error in text that is not the document (an external DTD) is reported: the DOCTYPE. */
interface Source {
  text: string;
  external: boolean;
  /** Offset in the document for errors of an external text, and the name to quote in them. */
  anchor: number;
  name: string;
}

export class Dtd {
  readonly general = new Map<string, Entity>();
  private readonly parameter = new Map<string, Entity>();
  /** Element name -> attribute name -> declaration (the first declaration of an attribute binds). */
  readonly attlists = new Map<string, Map<string, AttributeDecl>>();
  /** Set after a reference to a parameter entity that was not read: later ENTITY and ATTLIST are skipped (5.1). */
  private skipping = false;
  /** Whether a declaration could have been missed (unread external subset or PE): undeclared entities stay errors. */
  private readonly maxLength: number;
  private readonly maxTotal: number;
  private total = 0;
  private readonly expandedText = new Map<string, string>();
  private readonly expandedAttr = new Map<string, string>();
  private depth = 0;

  constructor(private readonly options: DtdOptions) {
    this.maxLength = options.maxEntityLength ?? 1_000_000;
    this.maxTotal = options.maxEntityExpansion ?? 10_000_000;
  }

  get hasAttlists(): boolean {
    return this.attlists.size > 0;
  }

  /** The internal subset, from `start` in the document; returns the offset of the `]` that closes it. */
  readInternal(text: string, start: number): number {
    return this.subset({ text, external: false, anchor: start, name: '' }, start, text.length, false, true);
  }

  /** The external subset named by the DOCTYPE, when the caller's policy gives its text. */
  readExternal(systemId: string, publicId: string | undefined, anchor: number): void {
    const text = this.fetch(systemId, publicId);
    if (text === undefined) {
      this.skipping = true;
      return;
    }
    this.subset({ text: normaliseLineEnds(text), external: true, anchor, name: systemId }, 0, text.length, false);
  }

  private fetch(systemId: string, publicId: string | undefined): string | undefined {
    return this.options.externalDtd?.(systemId, publicId);
  }

  private fail(src: Source, message: string, at: number): never {
    if (src.external) throw new XmlFail(`in ${src.name.startsWith('%') ? 'parameter entity' : 'the external DTD'} "${src.name}": ${message}`, src.anchor);
    throw new XmlFail(message, at);
  }

  /**
   * markupdecl | DeclSep, repeated (section 2.8 `intSubset`, `extSubsetDecl`). Inside an INCLUDE section it stops
   * at the `]]>` that closes it and returns the offset after it.
   */
  private subset(src: Source, i: number, end: number, inSection: boolean, toBracket = false): number {
    const t = src.text;
    while (i < end) {
      const c = t.charCodeAt(i);
      if (toBracket && c === 0x5d /* ] */) return i;
      if (isSpace(c)) {
        i++;
        continue;
      }
      if (c === 0x25 /* % */) {
        i = this.parameterReference(src, i, end);
        continue;
      }
      if (inSection && t.startsWith(']]>', i)) return i + 3;
      if (t.startsWith('<!--', i)) {
        const close = t.indexOf('--', i + 4);
        if (close < 0 || close + 3 > end) this.fail(src, 'unterminated comment in the DTD', end);
        if (t.charCodeAt(close + 2) !== 0x3e) this.fail(src, 'malformed comment', close + 3);
        i = close + 3;
        continue;
      }
      if (t.startsWith('<?', i)) {
        const close = t.indexOf('?>', i + 2);
        if (close < 0 || close + 2 > end) this.fail(src, 'unterminated processing instruction in the DTD', end);
        i = close + 2;
        continue;
      }
      if (t.startsWith('<![', i)) {
        if (!src.external) this.fail(src, 'conditional sections are allowed only in the external DTD subset', i + 3);
        i = this.conditional(src, i + 3, end);
        continue;
      }
      if (t.startsWith('<!', i)) {
        const close = declarationEnd(t, i + 2, end);
        if (close < 0) this.fail(src, 'unterminated markup declaration in the DTD', end);
        this.declaration(src, t.slice(i + 2, close), i + 2);
        i = close + 1;
        continue;
      }
      this.fail(src, 'unexpected character in the DTD', i + 1);
    }
    if (inSection) this.fail(src, 'unterminated conditional section', end);
    if (toBracket) this.fail(src, 'unterminated DOCTYPE declaration', end);
    return i;
  }

  /** `%name;` between declarations: its replacement text is read as declarations (4.4.8, included as PE). */
  private parameterReference(src: Source, i: number, end: number): number {
    const t = src.text;
    const nameEnd = scanName(t, i + 1, end);
    if (nameEnd === i + 1 || t.charCodeAt(nameEnd) !== 0x3b) this.fail(src, 'malformed parameter-entity reference', nameEnd + 1);
    const name = t.slice(i + 1, nameEnd);
    const text = this.parameterText(src, name, nameEnd + 1);
    if (text !== undefined) {
      this.enter(src, name, nameEnd + 1);
      // Errors in the replacement text are reported at the reference (or at the DOCTYPE for an external text).
      const anchor = src.external ? src.anchor : nameEnd + 1;
      this.subset({ text, external: true, anchor, name: src.external ? src.name : `%${name};` }, 0, text.length, false);
      this.depth--;
    }
    return nameEnd + 1;
  }

  private enter(src: Source, name: string, at: number): void {
    if (++this.depth > 64) this.fail(src, `recursive parameter entity reference: %${name};`, at);
  }

  /** The replacement text of a parameter entity, or undefined (and later declarations skipped) when unread. */
  private parameterText(src: Source, name: string, at: number): string | undefined {
    const entity = this.parameter.get(name);
    if (entity === undefined) {
      // Undeclared PE: a validity error only where declarations could be missing (4.1 WFC: Entity Declared).
      if (!src.external && !this.skipping) this.fail(src, `undefined parameter entity "%${name};"`, at);
      this.skipping = true;
      return undefined;
    }
    if (entity.value !== undefined) {
      this.charge(src, entity.value.length, at);
      return entity.value;
    }
    const text = entity.systemId === undefined ? undefined : this.fetch(entity.systemId, entity.publicId);
    if (text === undefined) {
      this.skipping = true;
      return undefined;
    }
    this.charge(src, text.length, at);
    return normaliseLineEnds(text);
  }

  private charge(src: Source, length: number, at: number): void {
    this.total += length;
    if (this.total > this.maxTotal) {
      this.fail(src, `entity expansion limit exceeded (more than ${this.maxTotal} characters inserted by entity references)`, at);
    }
  }

  /** `<![` seen: INCLUDE reads the section as declarations, IGNORE skips it with its nested sections (3.4). */
  private conditional(src: Source, i: number, end: number): number {
    const t = src.text;
    const open = t.indexOf('[', i);
    if (open < 0 || open >= end) this.fail(src, 'malformed conditional section', end);
    const keyword = this.expandParameters(src, t.slice(i, open), i).trim();
    if (keyword === 'INCLUDE') return this.subset(src, open + 1, end, true);
    if (keyword !== 'IGNORE') this.fail(src, `a conditional section must start with INCLUDE or IGNORE, not "${keyword}"`, open + 1);
    let depth = 1;
    let k = open + 1;
    while (depth > 0) {
      const nextOpen = t.indexOf('<![', k);
      const nextClose = t.indexOf(']]>', k);
      if (nextClose < 0 || nextClose >= end) this.fail(src, 'unterminated conditional section', end);
      if (nextOpen >= 0 && nextOpen < nextClose) {
        depth++;
        k = nextOpen + 3;
      } else {
        depth--;
        k = nextClose + 3;
      }
    }
    return k;
  }

  /**
   * Parameter-entity references inside a declaration of the external subset, outside literals, replaced by their
   * text with a space on each side (4.4.8); in the internal subset they are not allowed there (WFC: PEs in Internal
   * Subset).
   */
  private expandParameters(src: Source, decl: string, at: number): string {
    for (let round = 0; decl.includes('%'); round++) {
      if (round > 64) this.fail(src, 'parameter entities nested too deeply', at);
      let out = '';
      let k = 0;
      let changed = false;
      while (k < decl.length) {
        const c = decl.charCodeAt(k);
        if (c === 0x22 || c === 0x27) {
          const close = decl.indexOf(decl[k]!, k + 1);
          const stop = close < 0 ? decl.length : close + 1;
          out += decl.slice(k, stop);
          k = stop;
          continue;
        }
        if (c === 0x25) {
          const nameEnd = scanName(decl, k + 1, decl.length);
          if (nameEnd > k + 1 && decl.charCodeAt(nameEnd) === 0x3b) {
            if (!src.external) this.fail(src, 'a parameter-entity reference may not occur within a markup declaration in the internal subset', at);
            const text = this.parameterText(src, decl.slice(k + 1, nameEnd), at);
            if (text === undefined) throw new Unread();
            out += ` ${text} `;
            k = nameEnd + 1;
            changed = true;
            continue;
          }
        }
        out += decl[k];
        k++;
      }
      decl = out;
      if (!changed) break;
    }
    return decl;
  }

  /** One markup declaration, `decl` being its text between `<!` and `>`; `at` its offset (for errors). */
  private declaration(src: Source, decl: string, at: number): void {
    let expanded: string;
    try {
      expanded = this.expandParameters(src, decl, at);
    } catch (error) {
      if (error instanceof Unread) return; // a parameter entity it needs was not read: skipped as 5.1 says
      throw error;
    }
    const keyword = /^[A-Z]+/.exec(expanded)?.[0] ?? '';
    const rest = expanded.slice(keyword.length);
    if (keyword === 'ENTITY') this.entityDecl(src, rest, at);
    else if (keyword === 'ATTLIST') this.attlistDecl(src, rest, at);
    else if (keyword !== 'ELEMENT' && keyword !== 'NOTATION') this.fail(src, `unknown markup declaration "<!${keyword}"`, at + keyword.length);
  }

  /** EntityDecl (4.2): `<!ENTITY name "value">`, `<!ENTITY % name "value">`, `SYSTEM`/`PUBLIC` forms. */
  private entityDecl(src: Source, d: string, at: number): void {
    const r = new Reader(d, (m) => this.fail(src, m, at));
    r.space();
    let isParameter = false;
    if (r.peek() === '%') {
      r.k++;
      r.space();
      isParameter = true;
    }
    const name = r.name('an entity name');
    r.space();
    const entity: Entity = { name, value: undefined, systemId: undefined, publicId: undefined };
    const q = r.peek();
    if (q === '"' || q === "'") {
      entity.value = this.entityValue(src, r.literal(), at);
    } else {
      this.externalId(r, entity);
      if (!isParameter) {
        r.skipSpace();
        if (r.rest().startsWith('NDATA')) {
          r.k += 5;
          r.space();
          r.name('a notation name');
        }
      }
    }
    r.skipSpace();
    if (!r.done()) this.fail(src, `unexpected text in the declaration of entity "${name}"`, at);
    if (this.skipping) return;
    const table = isParameter ? this.parameter : this.general;
    // The first declaration binds (4.2); the predefined entities may be redeclared and keep their meaning.
    if (!table.has(name)) table.set(name, entity);
  }

  private externalId(r: Reader, entity: { systemId: string | undefined; publicId: string | undefined }): void {
    const rest = r.rest();
    if (rest.startsWith('SYSTEM')) {
      r.k += 6;
      r.space();
      entity.systemId = r.literal();
    } else if (rest.startsWith('PUBLIC')) {
      r.k += 6;
      r.space();
      entity.publicId = r.literal();
      r.space();
      entity.systemId = r.literal();
    } else r.fail('expected a quoted value, SYSTEM or PUBLIC');
  }

  /** The replacement text of an entity value literal: character references expanded, `&name;` kept (4.5). */
  private entityValue(src: Source, literal: string, at: number): string {
    let out = '';
    let k = 0;
    while (k < literal.length) {
      const amp = literal.indexOf('&', k);
      const pct = src.external ? literal.indexOf('%', k) : -1;
      const next = amp < 0 ? pct : pct < 0 ? amp : Math.min(amp, pct);
      if (next < 0) {
        out += literal.slice(k);
        break;
      }
      out += literal.slice(k, next);
      if (next === pct) {
        const nameEnd = scanName(literal, next + 1, literal.length);
        if (nameEnd === next + 1 || literal.charCodeAt(nameEnd) !== 0x3b) this.fail(src, 'malformed parameter-entity reference', at);
        const text = this.parameterText(src, literal.slice(next + 1, nameEnd), at);
        if (text !== undefined) out += this.entityValue(src, text, at);
        k = nameEnd + 1;
        continue;
      }
      if (literal.charCodeAt(next + 1) === 0x23) {
        const semi = literal.indexOf(';', next);
        if (semi < 0) this.fail(src, 'malformed character reference in an entity value', at);
        const cp = charRef(literal.slice(next + 2, semi));
        if (cp === undefined) this.fail(src, `malformed character reference "${literal.slice(next, semi + 1)}"`, at);
        out += String.fromCodePoint(cp);
        k = semi + 1;
        continue;
      }
      const nameEnd = scanName(literal, next + 1, literal.length);
      if (nameEnd === next + 1 || literal.charCodeAt(nameEnd) !== 0x3b) this.fail(src, 'a "&" in an entity value must start a reference', at);
      out += literal.slice(next, nameEnd + 1);
      k = nameEnd + 1;
    }
    return out;
  }

  /** AttlistDecl (3.3): each attribute's type and default. */
  private attlistDecl(src: Source, d: string, at: number): void {
    const r = new Reader(d, (m) => this.fail(src, m, at));
    r.space();
    const element = r.name('an element name');
    let table = this.attlists.get(element);
    for (;;) {
      const hadSpace = r.skipSpace();
      if (r.done()) break;
      if (!hadSpace) r.fail('whitespace required');
      const name = r.name('an attribute name');
      r.space();
      let tokenized = true;
      if (r.peek() === '(') {
        r.enumeration();
      } else {
        const type = r.word();
        if (type === 'NOTATION') {
          r.space();
          r.enumeration();
        } else if (type === 'CDATA') tokenized = false;
        else if (!ATT_TYPES.has(type)) r.fail(`unknown attribute type "${type}"`);
      }
      r.space();
      let value: string | undefined;
      if (r.peek() === '#') {
        r.k++;
        const word = r.word();
        if (word === 'FIXED') {
          r.space();
          value = r.literal();
        } else if (word !== 'REQUIRED' && word !== 'IMPLIED') r.fail(`unknown attribute default "#${word}"`);
      } else value = r.literal();
      if (value !== undefined) {
        if (value.includes('<')) r.fail('"<" is not allowed in an attribute value');
        value = this.attributeValue(value, tokenized, 0, (m) => this.fail(src, m, at));
      }
      if (this.skipping) continue;
      if (table === undefined) {
        table = new Map();
        this.attlists.set(element, table);
      }
      if (!table.has(name)) table.set(name, { name, tokenized, value });
    }
  }

  /**
   * Attribute-value normalisation (3.3.3) of a literal: references expanded, each whitespace character becomes a
   * space; tokenized types are then trimmed and their runs of spaces collapsed.
   */
  attributeValue(raw: string, tokenized: boolean, at: number, fail: (message: string, at: number) => never = (m, k) => {
    throw new XmlFail(m, k);
  }): string {
    let out = this.normaliseAttribute(raw, at, fail, []);
    if (tokenized) out = out.replace(/ {2,}/g, ' ').replace(/^ | $/g, '');
    return out;
  }

  private normaliseAttribute(raw: string, at: number, fail: (message: string, at: number) => never, open: string[]): string {
    if (raw.indexOf('&') < 0 && !/[\t\n\r]/.test(raw)) return raw;
    let out = '';
    let k = 0;
    while (k < raw.length) {
      const c = raw.charCodeAt(k);
      if (c === 0x26) {
        const semi = raw.indexOf(';', k);
        const ref = semi < 0 ? '' : raw.slice(k + 1, semi);
        if (ref === '' || (ref.charCodeAt(0) !== 0x23 && scanName(ref, 0, ref.length) !== ref.length)) fail('a "&" must start a reference', at);
        if (ref.charCodeAt(0) === 0x23) {
          const cp = charRef(ref.slice(1));
          if (cp === undefined) fail(`malformed character reference "&${ref};"`, at);
          out += String.fromCodePoint(cp);
        } else {
          out += this.attributeEntity(ref, at, fail, open);
        }
        k = semi + 1;
        continue;
      }
      out += c === 0x09 || c === 0x0a || c === 0x0d ? ' ' : raw[k];
      k++;
    }
    return out;
  }

  /** A general entity referenced in an attribute value: no external entity, no `<` (WFCs of 3.1 and 4.1). */
  attributeEntity(name: string, at: number, fail: (message: string, at: number) => never, open: string[] = []): string {
    const pre = predefined(name);
    if (pre !== undefined) return pre;
    const cached = this.expandedAttr.get(name);
    let value = cached;
    if (value === undefined) {
      const entity = this.entity(name, at, fail, open);
      if (entity.value!.includes('<')) fail(`entity "${name}" referenced in an attribute value contains "<"`, at);
      value = this.normaliseAttribute(entity.value!, at, fail, [...open, name]);
      this.checkLength(name, value, at, fail);
      this.expandedAttr.set(name, value);
    }
    this.count(value.length, at, fail);
    return value;
  }

  /**
   * A general entity referenced in content, expanded to text. Replacement text with markup (`<`) is refused: teikit
   * keeps entities to character data, which is what TEI files use them for.
   */
  textEntity(name: string, at: number, fail: (message: string, at: number) => never, open: string[] = []): string {
    const cached = this.expandedText.get(name);
    let value = cached;
    if (value === undefined) {
      const entity = this.entity(name, at, fail, open);
      const raw = entity.value!;
      if (raw.includes('<')) fail(`entity "${name}" contains markup, which teikit does not expand`, at);
      if (raw.includes(']]>')) fail(`entity "${name}" contains "]]>", which is not allowed in character data`, at);
      value = raw;
      if (raw.includes('&')) {
        value = '';
        let k = 0;
        for (let amp = raw.indexOf('&'); amp >= 0; amp = raw.indexOf('&', k)) {
          value += raw.slice(k, amp);
          const semi = raw.indexOf(';', amp);
          const ref = semi < 0 ? '' : raw.slice(amp + 1, semi);
          if (ref.charCodeAt(0) === 0x23) {
            const cp = charRef(ref.slice(1));
            if (cp === undefined) fail(`malformed character reference in entity "${name}"`, at);
            value += String.fromCodePoint(cp);
          } else {
            if (ref === '' || scanName(ref, 0, ref.length) !== ref.length) fail(`a "&" in entity "${name}" must start a reference`, at);
            value += predefined(ref) ?? this.textEntity(ref, at, fail, [...open, name]);
          }
          k = semi + 1;
          if (value.length > this.maxLength) break;
        }
        value += raw.slice(k);
      }
      this.checkLength(name, value, at, fail);
      this.expandedText.set(name, value);
    }
    this.count(value.length, at, fail);
    return value;
  }

  private entity(name: string, at: number, fail: (message: string, at: number) => never, open: string[]): Entity {
    if (open.includes(name)) fail(`recursive entity reference: ${[...open, name].join(' -> ')}`, at);
    const entity = this.general.get(name);
    if (entity === undefined) fail(`undefined entity "${name}"`, at);
    if (entity.value === undefined) fail(`external entity "${name}" is not loaded: teikit never reads external entities`, at);
    return entity;
  }

  private checkLength(name: string, value: string, at: number, fail: (message: string, at: number) => never): void {
    if (value.length > this.maxLength) {
      fail(`entity expansion limit exceeded: entity "${name}" expands to more than ${this.maxLength} characters`, at);
    }
  }

  private count(length: number, at: number, fail: (message: string, at: number) => never): void {
    this.total += length;
    if (this.total > this.maxTotal) {
      fail(`entity expansion limit exceeded (more than ${this.maxTotal} characters inserted by entity references)`, at);
    }
  }
}

class Unread extends Error {}

const ATT_TYPES = new Set(['ID', 'IDREF', 'IDREFS', 'ENTITY', 'ENTITIES', 'NMTOKEN', 'NMTOKENS']);

/** `&#...;` / `&#x...;` body (after `#`) to a code point allowed in XML, or undefined. */
export function charRef(body: string): number | undefined {
  let cp: number;
  if (body.charCodeAt(0) === 0x78 /* x */) {
    if (!/^x[0-9a-fA-F]{1,8}$/.test(body)) return undefined;
    cp = parseInt(body.slice(1), 16);
  } else {
    if (!/^[0-9]{1,10}$/.test(body)) return undefined;
    cp = parseInt(body, 10);
  }
  return isChar(cp) ? cp : undefined;
}

export function normaliseLineEnds(text: string): string {
  return text.indexOf('\r') < 0 ? text : text.replace(/\r\n?/g, '\n');
}

/** The `>` that ends a markup declaration starting at `i` (after `<!`), skipping quoted literals; -1 if none. */
function declarationEnd(t: string, i: number, end: number): number {
  while (i < end) {
    const c = t.charCodeAt(i);
    if (c === 0x3e) return i;
    if (c === 0x22 || c === 0x27) {
      const close = t.indexOf(c === 0x22 ? '"' : "'", i + 1);
      if (close < 0 || close >= end) return -1;
      i = close + 1;
    } else i++;
  }
  return -1;
}

/** A cursor over one declaration's text. */
class Reader {
  k = 0;
  constructor(private readonly d: string, readonly fail: (message: string) => never) {}
  peek(): string | undefined {
    return this.d[this.k];
  }
  done(): boolean {
    return this.k >= this.d.length;
  }
  rest(): string {
    return this.d.slice(this.k);
  }
  skipSpace(): boolean {
    const start = this.k;
    while (this.k < this.d.length && isSpace(this.d.charCodeAt(this.k))) this.k++;
    return this.k > start;
  }
  space(): void {
    if (!this.skipSpace()) this.fail('whitespace required');
  }
  name(what: string): string {
    const end = scanName(this.d, this.k, this.d.length);
    if (end === this.k) this.fail(`expected ${what}`);
    const name = this.d.slice(this.k, end);
    this.k = end;
    return name;
  }
  word(): string {
    const m = /^[A-Za-z]+/.exec(this.d.slice(this.k, this.k + 16));
    if (m === null) this.fail('expected a keyword');
    this.k += m[0].length;
    return m[0];
  }
  literal(): string {
    const q = this.d[this.k];
    if (q !== '"' && q !== "'") this.fail('expected a quoted value');
    const close = this.d.indexOf(q, this.k + 1);
    if (close < 0) this.fail('unterminated quoted value');
    const value = this.d.slice(this.k + 1, close);
    this.k = close + 1;
    return value;
  }
  /** `( a | b | c )` of name tokens. */
  enumeration(): void {
    if (this.d[this.k] !== '(') this.fail('expected "("');
    this.k++;
    for (;;) {
      this.skipSpace();
      const end = scanNmtoken(this.d, this.k, this.d.length);
      if (end === this.k) this.fail('expected a name token');
      this.k = end;
      this.skipSpace();
      const c = this.d[this.k++];
      if (c === ')') return;
      if (c !== '|') this.fail('expected "|" or ")"');
    }
  }
}

/**
 * The one place that loads salve-annos 1.2.4 (the RELAX NG validator we build on), with the few types we rely on,
 * so that replacing the engine means replacing this folder only.
 *
 * salve-annos is CommonJS; `createRequire` loads only the modules validation needs (the conversion code is loaded
 * when a schema is compiled), which keeps `teikit validate` quick to start. node_modules is never edited; what we
 * change in salve's behaviour is done here, at load time, each with its reason below:
 * - `lazyXRegExp`: XRegExp's Unicode tables (100-180 ms) are loaded only for regular expressions that need them;
 * - `patchAttributeWalker`: go on after a bad attribute value, as jing does;
 * - `patchChoice`: a fast walker for large choices of elements (TEI's mixed content);
 * - `patchGroup`: build the walker of a group's second half when it is reached (memory in deep documents);
 * - `fixElementDefinitions`: go on checking the content of a misplaced element, as jing does;
 * - `patchXsdLibrary` (datatypes.ts): XML Schema lexical checks that accept what jing accepts (gMonth, gDay, ...);
 * - `patchPatternFacet` (datatypes.ts): `pattern` facets matched by our linear-time engine (datatypes/regex.ts).
 */
import { createRequire, Module } from 'node:module';
import { mustBe, patchPatternFacet, patchXsdLibrary } from './datatypes.js';

const require = createRequire(import.meta.url);

/* eslint-disable @typescript-eslint/no-explicit-any */

/** A salve name pattern (`Name`, `NameChoice`, `NsName`, `AnyName`); we only read it. */
export interface SalveNamePattern {
  readonly kind: 'Name' | 'NameChoice' | 'NsName' | 'AnyName';
  readonly ns?: string;
  readonly name?: string;
  readonly a?: SalveNamePattern;
  readonly b?: SalveNamePattern;
  readonly except?: SalveNamePattern;
  toString(): string;
}

export interface SalveError {
  readonly msg: string;
  readonly name?: SalveNamePattern;
  readonly namesA?: SalveNamePattern[];
  readonly namesB?: SalveNamePattern[];
  toString(): string;
}

export interface SalveEvent {
  readonly name: string;
  readonly param: string | SalveNamePattern | RegExp | null;
}

export interface SalveNameResolver {
  enterContext(): void;
  leaveContext(): void;
  definePrefix(prefix: string, uri: string): void;
}

export interface SalveWalker {
  fireEvent(name: string, params: string[]): false | SalveError[];
  possible(): Set<SalveEvent>;
  end(): false | SalveError[];
}

export interface SalveGrammar {
  newWalker(resolver: SalveNameResolver, idCheck?: boolean): SalveWalker;
  readonly elementDefinitions: Record<string, unknown[]>;
}

let patterns: any;
let jsonRead: any;
let resolverModule: any;

/**
 * Attribute values that do not match (counted while one attribute value is checked). salve's attribute walker
 * fails the whole event on a bad value, and the walkers above it (choice, optional) then lose track: every later
 * sibling was "not allowed here". jing reports the bad value and goes on as if it were good; so do we: the walker
 * accepts, and `validate.ts` reports the value as invalid when no alternative accepted it genuinely.
 */
export const attributeValues: { bad: number; good: number; patterns: unknown[] } = { bad: 0, good: 0, patterns: [] };

/** What a value pattern accepts, for `expected`: `a date`, `"2"`, `a token matching "\S+"`, joined with "or". */
export function describeValuePattern(pattern: unknown): string[] {
  const out: string[] = [];
  const stack: any[] = [pattern];
  while (stack.length > 0 && out.length < 20) {
    const p = stack.pop();
    if (p === undefined || p === null) continue;
    const kind = p.constructor?.name;
    if (kind === 'Choice') stack.push(p.patB, p.patA);
    else if (kind === 'Value') out.push(`"${String(p.rawValue)}"`);
    else if (kind === 'Data') {
      const pattern = (p.rngParams as Array<{ name: string; value: string }> | undefined)?.find((x) => x.name === 'pattern');
      out.push(`a ${p.type}${pattern === undefined ? '' : ` matching "${pattern.value}"`}`);
    } else if (kind === 'List') out.push('a list of values');
    else if (kind === 'Text') out.push('any text');
  }
  return [...new Set(out)];
}

/**
 * jing's tail of "value of attribute X is invalid": `must be an ISO date`, or for a choice `must be an ISO date,
 * must be a year or must be equal to "x" or "y"` (data first in schema order, where jing's order follows its own
 * hash tables; then the values, sorted). A list says which token failed: `token "%" invalid; must be a URI`, or
 * `missing token; ...` when empty. Undefined where we do not know jing's wording (facet violations of a
 * lexically good value, lists of several items), and the message then ends at "is invalid".
 */
export function valueRequirement(patterns: readonly unknown[], value: string): string | undefined {
  const out: string[] = [];
  const values: string[] = [];
  const stack: any[] = [...patterns].reverse();
  while (stack.length > 0) {
    const p = stack.pop();
    const kind = p?.constructor?.name;
    if (kind === 'Choice') stack.push(p.patB, p.patA);
    else if (kind === 'Data' && p.except === undefined) {
      const must = dataRequirement(p, value);
      if (must === undefined) return undefined;
      if (!out.includes(must)) out.push(must);
    } else if (kind === 'Value') {
      const v = `"${String(p.rawValue)}"`;
      if (!values.includes(v)) values.push(v);
    } else if (kind === 'List' && patterns.length === 1 && out.length === 0 && stack.length === 0) {
      return listRequirement(p.pat, value);
    } else return undefined;
  }
  if (values.length > 0) out.push(`must be equal to ${orList(values.sort())}`);
  return out.length === 0 ? undefined : orList(out);
}

function orList(items: readonly string[]): string {
  return items.length === 1 ? items[0]! : `${items.slice(0, -1).join(', ')} or ${items[items.length - 1]}`;
}

function dataRequirement(p: any, value: string): string | undefined {
  const type = typeof p.type === 'string' ? p.type : undefined;
  if (type === undefined) return undefined;
  const params = (p.rngParams ?? []) as Array<{ name: string; value: string }>;
  if (params.some((x) => x.name !== 'pattern')) {
    // a facet (minInclusive ...) broken by a lexically good value: jing names the facet, we do not imitate it
    const lexicallyBad = p.datatype?.disallows?.(value, {}, undefined);
    return lexicallyBad === false || lexicallyBad === undefined ? undefined : mustBe(type, [], value);
  }
  return mustBe(type, params, value);
}

/** `<list><oneOrMore><data/></oneOrMore></list>` (and a list of one data): what jing says about the bad token. */
function listRequirement(inner: any, value: string): string | undefined {
  const item = inner?.constructor?.name === 'OneOrMore' ? inner.pat : inner;
  if (item?.constructor?.name !== 'Data' || item.except !== undefined) return undefined;
  const tokens = value.split(/[ \t\n\r]+/).filter((t) => t !== '');
  if (tokens.length === 0) {
    const must = dataRequirement(item, '');
    return must === undefined ? undefined : `missing token; ${must}`;
  }
  if (inner !== item && tokens.length >= 1) {
    for (const t of tokens) {
      if (item.datatype?.disallows?.(t, item._params ?? item.params ?? {}, undefined) !== false) {
        const must = dataRequirement(item, t);
        return must === undefined ? undefined : `token "${t}" invalid; ${must}`;
      }
    }
  }
  return undefined;
}

function patchAttributeWalker(): void {
  const { Attribute } = require('salve-annos/lib/salve/patterns/attribute.js');
  const originalNewWalker = Attribute.prototype.newWalker;
  // salve has three attribute walkers (text, data, general); each prototype is patched when first met.
  const patched = new WeakSet<object>();
  Attribute.prototype.newWalker = function (this: unknown, ...args: unknown[]) {
    const walker = originalNewWalker.apply(this, args);
    const proto = Object.getPrototypeOf(walker) as { fireEvent: any };
    if (!patched.has(proto)) {
      patched.add(proto);
      const fire = proto.fireEvent;
      proto.fireEvent = function (this: { seenName: boolean; canEnd: boolean }, name: string, params: string[], resolver: unknown) {
        // The walker of the attribute whose value this is: it has seen the name and not yet the value.
        const target = name === 'attributeValue' && this.seenName === true && this.canEnd === false;
        const r = fire.call(this, name, params, resolver);
        if (target) {
          if (r.matched) attributeValues.good++;
          else {
            attributeValues.bad++;
            attributeValues.patterns.push((this as unknown as { el: { pat: unknown } }).el.pat);
            return new r.constructor(true, undefined, undefined, r.datatype);
          }
        }
        return r;
      };
    }
    return walker;
  };
}

/**
 * Speed: in TEI, mixed content is `(text | a | b | ... 150 elements)*`, and salve builds a walker for every branch
 * of that choice at every child (each `oneOrMore` iteration), which dominated validation time. A choice whose
 * branches are all element references, `text`, `empty` or `notAllowed` (no attributes) needs no sub-walkers: this
 * walker does what salve's nested ChoiceWalkers do on it (same events, same results, same `possible()` and errors)
 * with a table from element name to references, built once per choice pattern.
 */
interface FlatChoice {
  hasText: boolean;
  hasEmpty: boolean;
  byName: Map<string, Array<{ element: any }>>;
  wildcards: Array<{ element: any }>;
  all: Array<{ element: any }>;
  events: any[];
}

function patchChoice(): void {
  const { Choice } = require('salve-annos/lib/salve/patterns/choice.js');
  const { Ref } = require('salve-annos/lib/salve/patterns/ref.js');
  const { Text } = require('salve-annos/lib/salve/patterns/text.js');
  const { Empty } = require('salve-annos/lib/salve/patterns/empty.js');
  const { NotAllowed } = require('salve-annos/lib/salve/patterns/not_allowed.js');
  const { InternalFireEventResult } = require('salve-annos/lib/salve/patterns/base.js');
  const events = require('salve-annos/lib/salve/events.js');
  const { ChoiceError } = require('salve-annos/lib/salve/errors.js');
  const FLAT = Symbol('teikit flat choice');
  const NO = new InternalFireEventResult(false);
  const YES = new InternalFireEventResult(true);
  let textEvent: unknown;

  const flatten = (choice: any): FlatChoice | null => {
    const known = choice[FLAT] as FlatChoice | null | undefined;
    if (known !== undefined) return known;
    let result: FlatChoice | null = { hasText: false, hasEmpty: false, byName: new Map(), wildcards: [], all: [], events: [] };
    if (choice.hasAttrs()) result = null;
    const stack = [choice];
    while (result !== null && stack.length > 0) {
      const p = stack.pop();
      if (p instanceof Choice) stack.push((p as any).patB, (p as any).patA);
      else if (p instanceof Text) result.hasText = true;
      else if (p instanceof Empty) result.hasEmpty = true;
      else if (p instanceof NotAllowed) continue;
      else if (p instanceof Ref) {
        const element = (p as any).element;
        if (element.notAllowed) continue;
        const ref = { element };
        result.all.push(ref);
        result.events.push(new events.EnterStartTagEvent(element.name));
        const n = element.name;
        if (n.kind === 'Name') {
          const key = `${n.ns}\u0000${n.name}`;
          const list = result.byName.get(key);
          if (list === undefined) result.byName.set(key, [ref]);
          else list.push(ref);
        } else result.wildcards.push(ref);
      } else result = null;
    }
    Object.defineProperty(choice, FLAT, { value: result });
    return result;
  };

  // state: 0 nothing seen yet, 1 text seen (only the text branch is left), 2 an element matched (done).
  class FlatChoiceWalker {
    canEndAttribute = true;
    constructor(readonly f: FlatChoice, public state: number) {}
    get canEnd(): boolean {
      return this.state !== 0 || this.f.hasText || this.f.hasEmpty;
    }
    clone(): FlatChoiceWalker {
      return new FlatChoiceWalker(this.f, this.state);
    }
    possible(): Set<unknown> {
      if (this.state === 2) return new Set();
      textEvent ??= require('salve-annos/lib/salve/patterns/text.js').TextWalker?._textEvent ?? new events.TextEvent(/^[^]*$/);
      if (this.state === 1) return new Set([textEvent]);
      const out = new Set<unknown>(this.f.events);
      if (this.f.hasText) out.add(textEvent);
      return out;
    }
    possibleAttributes(): Set<unknown> {
      return new Set();
    }
    fireEvent(name: string, params: string[]): unknown {
      if (name === 'text') {
        if (this.state !== 2 && this.f.hasText) {
          this.state = 1;
          return YES;
        }
        return NO;
      }
      if ((name === 'enterStartTag' || name === 'startTagAndAttributes') && this.state === 0) {
        const exact = this.f.byName.get(`${params[0]}\u0000${params[1]}`);
        let refs: Array<{ element: any }> | undefined = exact;
        if (this.f.wildcards.length > 0) {
          const wild = this.f.wildcards.filter((r) => r.element.name.match(params[0], params[1]));
          if (wild.length > 0) refs = exact === undefined ? wild : [...exact, ...wild];
        }
        if (refs === undefined || refs.length === 0) return NO;
        this.state = 2;
        return new InternalFireEventResult(true, undefined, refs);
      }
      return NO;
    }
    end(): false | unknown[] {
      if (this.canEnd) return false;
      return [new ChoiceError(this.f.all.map((r) => r.element.name), [])];
    }
    endAttributes(): false {
      return false;
    }
  }

  const original = Choice.prototype.newWalker;
  Choice.prototype.newWalker = function (this: unknown) {
    const f = flatten(this);
    return f === null ? original.call(this) : new FlatChoiceWalker(f, 0);
  };
}

/**
 * Memory with deep documents: salve's group walker builds the walker of its second half at once, so every open
 * element carries walkers for all of its content model that is still to come (TEI's `div`: the rest of
 * `(divTop*, (divLike+ | common+), divBottom*)`, about 3 KB per open `div`). For a second half without attributes
 * we create that walker only when an event reaches it; until then a stand-in answers `canEnd` from the pattern.
 */
function patchGroup(): void {
  const { Group } = require('salve-annos/lib/salve/patterns/group.js');
  const { InternalFireEventResult, isAttributeEvent } = require('salve-annos/lib/salve/patterns/base.js');
  const NO = new InternalFireEventResult(false);
  const original = Group.prototype.newWalker;
  let GroupWalker: any;
  const initialCanEnd = new WeakMap<object, boolean>();

  class LazyWalker {
    canEndAttribute = true;
    constructor(readonly pat: any, public canEnd: boolean, public real: any) {}
    private get walker(): any {
      return (this.real ??= this.pat.newWalker());
    }
    clone(): LazyWalker {
      return new LazyWalker(this.pat, this.canEnd, this.real === undefined ? undefined : this.real.clone());
    }
    possible(): Set<unknown> {
      return this.walker.possible();
    }
    possibleAttributes(): Set<unknown> {
      return new Set();
    }
    fireEvent(name: string, params: string[], resolver: unknown): unknown {
      if (isAttributeEvent(name)) return NO;
      const w = this.walker;
      const r = w.fireEvent(name, params, resolver);
      this.canEnd = w.canEnd;
      this.canEndAttribute = w.canEndAttribute;
      return r;
    }
    end(): unknown {
      if (this.real === undefined && this.canEnd) return false;
      return this.walker.end();
    }
    endAttributes(): false {
      return false;
    }
  }

  Group.prototype.newWalker = function (this: any) {
    if (GroupWalker === undefined) GroupWalker = original.call(this).constructor;
    const patB = this.patB;
    if (patB.hasAttrs()) return original.call(this);
    let canEndB = initialCanEnd.get(patB);
    if (canEndB === undefined) initialCanEnd.set(patB, (canEndB = patB.newWalker().canEnd as boolean));
    const hasAttrs = this.hasAttrs();
    const walkerA = this.patA.newWalker();
    const walkerB = new LazyWalker(patB, canEndB, undefined);
    return new GroupWalker(this, walkerA, walkerB, hasAttrs, false, false, !hasAttrs || walkerA.canEndAttribute, walkerA.canEnd && canEndB);
  };
}

/**
 * Start-up: salve converts XML Schema regular expressions to JavaScript and hands those with `\p{..}` to XRegExp,
 * whose Unicode tables take 100-180 ms to load, in every process. JavaScript's own RegExp knows Unicode general
 * categories (`\p{Nd}`, `\P{L}`) with the `u` flag, which is all tei_all uses; only what it rejects (XSD's block
 * names, `\p{IsBasicLatin}`) needs XRegExp, loaded then. We put a stand-in for the XRegExp modules salve
 * requires in Node's module cache before salve loads them.
 */
/**
 * With the `u` flag an escaped character that needs no escape (`\-` outside a class, `\:`) is a syntax error; it
 * means the character itself, so we write it plain. Everything else is left as salve wrote it.
 */
function unicodeSafe(pattern: string): string {
  let out = '';
  let inClass = false;
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i]!;
    if (c === '\\' && i + 1 < pattern.length) {
      const n = pattern[i + 1]!;
      i++;
      if (/[A-Za-z0-9^$\\.*+?()[\]{}|\/]/.test(n) || (n === '-' && inClass)) out += c + n;
      else out += n;
      continue;
    }
    if (c === '[') inClass = true;
    else if (c === ']') inClass = false;
    out += c;
  }
  return out;
}

function lazyXRegExp(): void {
  const salveRequire = createRequire(require.resolve('salve-annos/lib/salve/datatypes/regexp.js'));
  const paths = {
    main: salveRequire.resolve('xregexp/lib/xregexp'),
    addons: ['unicode-base', 'unicode-blocks', 'unicode-categories'].map((a) => salveRequire.resolve(`xregexp/lib/addons/${a}`)),
  };
  const cache = require.cache;
  if (cache[paths.main] !== undefined) return;
  let real: any;
  const loadReal = (): any => {
    if (real !== undefined) return real;
    for (const p of [paths.main, ...paths.addons]) delete cache[p];
    const main = salveRequire('xregexp/lib/xregexp');
    const X = main.default ?? main;
    for (const a of paths.addons) {
      const addon = salveRequire(a);
      (addon.default ?? addon)(X);
    }
    real = X;
    return real;
  };
  function StandIn(pattern: string, flags?: string): RegExp {
    if (flags === undefined || flags === '') {
      try {
        return new RegExp(unicodeSafe(pattern), 'u');
      } catch {
        // a construct only XRegExp knows: load it
      }
    }
    const X = loadReal();
    // XSD names Unicode blocks `\p{IsBasicLatin}`; XRegExp calls them `\p{InBasicLatin}` (salve passes them as is).
    return new X(pattern.replace(/\\([pP])\{Is([^}]*)\}/g, '\\$1{In$2}'), flags);
  }
  const fake = (path: string, exports: unknown): void => {
    const m = new Module(path);
    m.filename = path;
    m.loaded = true;
    m.exports = exports;
    cache[path] = m;
  };
  fake(paths.main, { __esModule: true, default: StandIn });
  for (const a of paths.addons) fake(a, { __esModule: true, default: () => undefined });
}

function loadCore(): void {
  if (patterns !== undefined) return;
  lazyXRegExp();
  patterns = require('salve-annos/lib/salve/patterns.js');
  patchAttributeWalker();
  patchChoice();
  patchGroup();
  patchXsdLibrary(require('salve-annos/lib/salve/datatypes/xmlschema.js').xmlschema);
  patchPatternFacet(require('salve-annos/lib/salve/datatypes/regexp.js'));
  jsonRead = require('salve-annos/lib/salve/json-format/read.js');
  resolverModule = require('salve-annos/lib/salve/default_name_resolver.js');
}

/** Rebuild a grammar from salve's JSON form (what the cache stores). */
export function readGrammar(json: unknown): SalveGrammar {
  loadCore();
  const grammar = jsonRead.readTreeFromJSON(json);
  fixElementDefinitions(grammar);
  return grammar as SalveGrammar;
}

/**
 * After an element that is not allowed where it stands, salve keeps validating its content if exactly one
 * definition of that element exists, looked up by `new Name(ns, local).toString()`. salve-annos keys its table with
 * names that carry their documentation (`{"ns":..,"name":..,"documentation":..}`), so with TEI's documented
 * schemas the lookup always failed and the content of a misplaced element went unchecked. Rebuild the table with
 * plain names, as jing goes on checking the content of a misplaced element.
 */
function fixElementDefinitions(grammar: any): void {
  const names = require('salve-annos/lib/salve/name_patterns.js');
  const table: Record<string, unknown[]> = Object.create(null);
  for (const def of grammar.definitions.values()) {
    const el = def.pat;
    const n = el.name;
    const key = n.kind === 'Name' ? new names.Name(n.ns, n.name).toString() : n.toString();
    (table[key] ??= []).push(el);
  }
  Object.defineProperty(grammar, '_elementDefinitions', { value: table, writable: true, configurable: true });
}

/**
 * Memory: once a start tag is closed, the walkers of its attribute patterns have nothing left to do, yet salve
 * keeps them (a TEI element carries some 40 optional attributes: about 200 walker objects, 8-10 KB per open
 * element, 2.5 GB for 200,000 nested `<hi>`). After `leaveStartTag` we replace every walker whose pattern holds
 * only attributes by one shared finished walker, so memory per open element is what its content needs.
 *
 * It is also jing's recovery: a required attribute that is missing was reported at the start tag, and jing then
 * checks the content as if the attribute had been there; salve's group walker instead kept the unfinished
 * attribute walker, refused all content, and reported "text not allowed here" on the element's text.
 */
let notMatched: unknown;
const DONE_WALKER = {
  canEnd: true,
  canEndAttribute: true,
  clone(): unknown {
    return this;
  },
  possible: (): Set<unknown> => new Set(),
  possibleAttributes: (): Set<unknown> => new Set(),
  fireEvent: (): unknown =>
    (notMatched ??= new (require('salve-annos/lib/salve/patterns/base.js').InternalFireEventResult)(false)),
  end: (): false => false,
  endAttributes: (): false => false,
};

const attributeOnly = new WeakMap<object, boolean>();

/** Whether a pattern matches attributes only (attributes combined by group, choice, interleave, oneOrMore, empty). */
function onlyAttributes(pattern: any): boolean {
  const known = attributeOnly.get(pattern);
  if (known !== undefined) return known;
  let result: boolean;
  switch (pattern?.constructor?.name) {
    case 'Attribute':
      result = true;
      break;
    case 'Empty':
      result = true;
      break;
    case 'Group':
    case 'Choice':
    case 'Interleave':
      result = onlyAttributes(pattern.patA) && onlyAttributes(pattern.patB);
      break;
    case 'OneOrMore':
      result = onlyAttributes(pattern.pat);
      break;
    default:
      result = false;
  }
  attributeOnly.set(pattern, result);
  return result;
}

function prune(walker: any): any {
  const pattern = walker.el;
  if (pattern === undefined || walker === DONE_WALKER) return walker;
  if (typeof pattern.hasAttrs === 'function' && !pattern.hasAttrs()) return walker;
  if (onlyAttributes(pattern)) return DONE_WALKER;
  const kind = walker.constructor.name;
  if (kind === 'GroupWalker' || kind === 'InterleaveWalker') {
    // recursion depth: the nesting of groups in one element pattern (tens), not the document
    walker.walkerA = prune(walker.walkerA);
    walker.walkerB = prune(walker.walkerB);
    walker.canEnd = walker.walkerA.canEnd && walker.walkerB.canEnd;
    walker.canEndAttribute = true;
  }
  return walker;
}

/** Drop the attribute walkers of the elements whose start tag was just closed (the top of salve's stack). */
export function pruneAttributeWalkers(grammarWalker: SalveWalker): void {
  const stack = (grammarWalker as any).elementWalkerStack as any[][] | undefined;
  const top = stack?.[stack.length - 1];
  if (top === undefined) return;
  for (const ew of top) {
    if (ew.constructor.name === 'ElementWalker' && ew.endedStartTag === true && ew.walker !== undefined) {
      ew.walker = prune(ew.walker);
    }
  }
}

export function makeName(ns: string, local: string): unknown {
  return new (require('salve-annos/lib/salve/name_patterns.js').Name)(ns, local);
}

export function makeElementNameError(message: string, name: unknown): SalveError {
  return new (require('salve-annos/lib/salve/errors.js').ElementNameError)(message, name) as SalveError;
}

export function newNameResolver(): SalveNameResolver {
  loadCore();
  return new resolverModule.DefaultNameResolver() as SalveNameResolver;
}

/**
 * A name resolver that reads the namespace bindings our parser already keeps on each element (`XmlElement.ns`), set
 * by the caller as it walks. salve's DefaultNameResolver pushes two Maps per element, which with 200,000 nested
 * elements was memory for nothing; salve only asks it to resolve QName values (datatypes QName, NOTATION).
 */
export interface ScopedResolver extends SalveNameResolver {
  scope: Readonly<Record<string, string>> | undefined;
}

export function newScopedResolver(): ScopedResolver {
  loadCore();
  const { EName } = require('salve-annos/lib/salve/ename.js');
  const XML = 'http://www.w3.org/XML/1998/namespace';
  const make = (scope: ScopedResolver['scope']): ScopedResolver & { resolveName(n: string, a?: boolean): unknown; clone(): unknown } => ({
    scope,
    enterContext(): void {},
    leaveContext(): void {},
    definePrefix(): void {},
    clone() {
      return make(this.scope);
    },
    resolveName(name: string, attribute = false): unknown {
      const colon = name.indexOf(':');
      if (colon === -1 && attribute) return new EName('', name);
      const prefix = colon === -1 ? '' : name.slice(0, colon);
      const local = colon === -1 ? name : name.slice(colon + 1);
      if (local.includes(':')) throw new Error('invalid name passed to resolveName');
      if (prefix === 'xml') return new EName(XML, local);
      const uri = this.scope?.[prefix];
      if (uri !== undefined) return new EName(uri, local);
      return prefix === '' ? new EName('', local) : undefined;
    },
  });
  return make(undefined);
}

/** salve's own grammar of RELAX NG's XML syntax (spec section 3), used to check schema files with positions. */
export function relaxngGrammar(): SalveGrammar {
  loadCore();
  const json = require('salve-annos/lib/salve/schemas/relaxng.json');
  return readGrammar(json);
}

/** The conversion (simplification) half of salve, loaded only when a schema is compiled. */
export function conversionModules(): {
  simplifierModule: any;
  convertSimplified: any;
  jsonWrite: any;
  datatypes: any;
  schemaValidation: any;
  parser: any;
} {
  loadCore();
  return {
    simplifierModule: require('salve-annos/lib/salve/conversion/schema-simplifiers/internal.js'),
    convertSimplified: require('salve-annos/lib/salve/conversion/convert-simplified.js'),
    jsonWrite: require('salve-annos/lib/salve/json-format/write.js'),
    datatypes: require('salve-annos/lib/salve/datatypes.js'),
    schemaValidation: require('salve-annos/lib/salve/conversion/schema-validation.js'),
    parser: require('salve-annos/lib/salve/conversion/parser.js'),
  };
}

export function datatypeRegistry(): any {
  loadCore();
  return require('salve-annos/lib/salve/datatypes.js').registry;
}

export const SALVE_VERSION: string = (require('salve-annos/package.json') as { version: string }).version;

/**
 * Feed a parsed document to a salve grammar walker and turn salve's errors into diagnostics worded and placed the
 * way jing reports them, since jing is the reference our verdicts are compared with:
 *
 * - start-tag problems (element not allowed, attribute not allowed or invalid, required attribute missing) are
 *   reported where the SAX locator stands after the start tag: its `>` (`el.tagEnd`);
 * - problems found at the end of an element (content incomplete, character content invalid) at the end tag's `>`;
 * - "text not allowed here" at the end of the chunk of text a SAX parser (Xerces) delivers first: it stops a chunk at
 *   a line end, so jing names the last character before the first line end that follows non-space text;
 * - IDs (RELAX NG DTD Compatibility, section 4, "ID-type attributes"): a duplicate ID is reported at the second
 *   element, then "first occurrence" at the first; IDREFs without a matching ID after the whole document.
 *
 * The walk is iterative (`walk` from src/xml), so 200,000 nested elements are no problem for the JS stack.
 */
import { diagnostic, type Diagnostic } from '../../diagnostics.js';
import { walk, xpathOf, type XmlDocument, type XmlElement, type XmlNode, type XmlText, XMLNS_NS } from '../../xml/index.js';
import type { SalveError, SalveEvent, SalveGrammar, SalveNamePattern, SalveWalker } from './salve.js';
import { attributeValues, describeValuePattern, makeElementNameError, makeName, newScopedResolver, pruneAttributeWalkers, valueRequirement } from './salve.js';

export interface WalkOptions {
  maxErrors?: number;
  /** ruleId for grammar errors. Default 'relaxng'. */
  ruleId?: string;
  source?: Diagnostic['source'];
  /** Check ID/IDREF uniqueness per RELAX NG DTD Compatibility. Default true. */
  idCheck?: boolean;
  /** End messages with jing's tail (`; expected ...`, `; must be ...`). Default true; `expected` is set either way. */
  tails?: boolean;
}

interface Position {
  line: number;
  column: number;
}

class Stop extends Error {}

/**
 * `expected` (and jing's "; expected ..." tail of the message) is computed for this many diagnostics of a
 * document, then left out: about 0.07 ms each with tei_all, but a hostile file can have millions of errors.
 */
const EXPECTED_LIMIT = 10_000;

/** Validate `doc` against `grammar`; diagnostics in document order, at most `maxErrors`. */
export function validateTree(grammar: SalveGrammar, doc: XmlDocument, options: WalkOptions = {}): Diagnostic[] {
  const file = doc.file;
  const ruleId = options.ruleId ?? 'relaxng';
  const source = options.source ?? 'relaxng';
  const maxErrors = options.maxErrors ?? Infinity;
  const idCheck = options.idCheck ?? true;
  const tails = options.tails ?? true;
  const resolver = newScopedResolver();
  const walker = grammar.newWalker(resolver, false);
  const out: Diagnostic[] = [];

  // Which datatype the last attribute value matched (ID, IDREF, IDREFS): salve computes it, GrammarWalker drops it.
  let lastDatatype: string | undefined;
  if (idCheck) {
    const w = walker as unknown as { _fireOnCurrentWalkers(n: string, p: string[]): { datatype?: { name: string } } };
    const original = w._fireOnCurrentWalkers;
    w._fireOnCurrentWalkers = function (this: unknown, n: string, p: string[]) {
      const r = original.call(this, n, p);
      lastDatatype = r.datatype?.name;
      return r;
    };
  }
  const notes: { before?: Set<SalveEvent> } = {};
  recoverLikeJing(walker, grammar, notes);
  const ids = new Map<string, { el: XmlElement }>();
  const idrefs: Array<{ value: string; el: XmlElement }> = [];

  const report = (pos: Position, el: XmlElement | undefined, message: string, extra: Partial<Diagnostic> = {}, rule = ruleId): void => {
    // SAX locators (Xerces, hence jing) stand just after the last character read: one column past the `>`.
    const d = diagnostic({ file, line: pos.line, column: pos.column + 1, message, ruleId: rule, source, ...extra });
    if (el !== undefined) d.xpath = xpathOf(el);
    out.push(d);
    if (out.length >= maxErrors) throw new Stop();
  };

  const fire = (name: string, params: string[], pos: Position, el: XmlElement | undefined, context: EventContext): void => {
    // The attributes still possible, read before leaveStartTag ends them (only when some are missing: reading them
    // walks the whole attribute model, which for every start tag doubled the time of validation).
    let before = '';
    if (name === 'leaveStartTag' && out.length < EXPECTED_LIMIT && attributesIncomplete(walker)) {
      before = describePossible(walker.possible(), el, true);
    }
    const result = walker.fireEvent(name, params);
    if (result === false) return;
    if (name === 'leaveStartTag') {
      // jing names all the missing attributes of a start tag in one message: `attributes "type" and "xml:id"`.
      const missing = result.filter((e) => e.msg === 'attribute missing');
      if (missing.length > 1) {
        const names = missing.map((e) => `"${nameOfAttribute(e.name, el)}"`);
        report(pos, el, `element "${qname(el)}" missing required attributes ${joinAnd(names)}`);
        for (const err of result) {
          if (err.msg !== 'attribute missing') report(pos, el, describe(err, name, context, grammar) ?? err.toString());
        }
        return;
      }
    }
    for (const err of result) {
      const message = describe(err, name, context, grammar);
      if (message === undefined) continue;
      // Asking salve what was possible walks the whole content model: worth it for the errors a reader looks at, not
      // for the 1,600th error of a file written for another schema.
      let expected = '';
      let text = message;
      if (notes.before !== undefined) {
        expected = describePossible(notes.before, el?.parent.type === 'element' ? el.parent : el, false);
        delete notes.before;
        // jing: `element "body" not allowed yet; missing required element "from"` when one element is required
        const one = /^element ("[^"]+")$/.exec(expected);
        if (one !== null) text = `${message}; missing required element ${one[1]}`;
        else if (expected !== '' && tails) text = `${message}; expected ${expected}`;
      } else if (out.length < EXPECTED_LIMIT) {
        // a failed text event leaves salve's walkers as they were
        if (name === 'text') expected = describePossible(walker.possible(), el, false);
        // a named missing attribute is its own answer (jing adds no list); "one or more" lists what was possible
        else if (name === 'leaveStartTag') expected = message.endsWith('one or more required attributes') ? before : '';
        else expected = expectedAfterError(walker, name, el);
        // jing's messages end with what was expected there: `element "x" not allowed here; expected the element
        // end-tag or element "a" or "b"`, `text not allowed here; expected element "body"`, `attribute "type" not
        // allowed here; expected attribute "source"`, `missing one or more required attributes; expected attribute ..`
        if (tails && expected !== '' && /(not allowed (here|anywhere)|one or more required attributes)$/.test(message)) {
          text = `${message}; expected ${expected}`;
        }
      }
      report(pos, el, text, expected === '' ? {} : { expected });
    }
  };

  let pending: XmlText[] = [];
  const flushText = (owner: XmlElement | undefined): void => {
    if (pending.length === 0) return;
    const nodes = pending;
    pending = [];
    const value = nodes.length === 1 ? nodes[0]!.value : nodes.map((t) => t.value).join('');
    if (value === '') return;
    // Text-only content that the schema types (data, value, list) is checked by jing at the end tag: "character
    // content of element X invalid" there. Text where no text may stand at all is "text not allowed here" at once.
    if (owner !== undefined && !owner.children.some((c) => c.type === 'element')) {
      const result = walker.fireEvent('text', [value]);
      if (result === false) return;
      const typed = [...walker.possible()].some((e) => e.name === 'text');
      if (typed) {
        badContent.add(owner);
        return;
      }
      for (const err of result) {
        const message = describe(err, 'text', { kind: 'text', el: owner }, grammar);
        if (message === undefined) continue;
        const expected = out.length < EXPECTED_LIMIT ? describePossible(walker.possible(), owner, false) : '';
        report(textErrorPosition(nodes), owner, expected === '' || !tails ? message : `${message}; expected ${expected}`, expected === '' ? {} : { expected });
      }
      return;
    }
    fire('text', [value], textErrorPosition(nodes), owner, { kind: 'text', el: owner });
  };
  const badContent = new Set<XmlElement>();

  const stack: XmlElement[] = [];
  try {
    walk(doc, (node: XmlNode) => {
      if (node.type === 'text') {
        if (stack.length > 0) pending.push(node);
        return;
      }
      if (node.type !== 'element') return;
      const parent = stack[stack.length - 1];
      flushText(parent);
      const el = node;
      stack.push(el);
      resolver.scope = el.ns;
      const ctx: EventContext = { kind: 'start', el };
      fire('enterStartTag', [el.uri, el.local], el.tagEnd, el, ctx);
      for (const a of el.attributes) {
        if (a.uri === XMLNS_NS) continue;
        lastDatatype = undefined;
        const actx: EventContext = { kind: 'attribute', el, attribute: a.name };
        fire('attributeName', [a.uri, a.local], el.tagEnd, el, actx);
        attributeValues.bad = 0;
        attributeValues.good = 0;
        attributeValues.patterns = [];
        fire('attributeValue', [a.value], el.tagEnd, el, actx);
        if (attributeValues.bad > 0 && attributeValues.good === 0) {
          const allowed = joinOr(attributeValues.patterns.flatMap(describeValuePattern));
          const must = tails ? valueRequirement(attributeValues.patterns, a.value) : undefined;
          const message = `value of attribute "${a.name}" is invalid${must === undefined ? '' : `; ${must}`}`;
          report(el.tagEnd, el, message, allowed === '' ? {} : { expected: allowed, actual: a.value });
        }
        if (idCheck && lastDatatype !== undefined) checkId(lastDatatype, a.value, el);
      }
      fire('leaveStartTag', [], el.tagEnd, el, ctx);
      pruneAttributeWalkers(walker);
    }, (el: XmlElement) => {
      flushText(el);
      if (badContent.has(el)) {
        badContent.delete(el);
        report(el.end, el, `character content of element "${el.name}" invalid`);
        walker.fireEvent('endTag', [el.uri, el.local]); // what salve adds about the same content is not news
      } else fire('endTag', [el.uri, el.local], el.end, el, { kind: 'end', el });
      resolver.scope = el.parent.type === 'element' ? el.parent.ns : undefined;
      stack.pop();
    });
    // A wrong root element was already reported; jing says nothing more about the document as a whole.
    const end = out.length === 0 ? walker.end() : false;
    if (end !== false) {
      for (const err of end) report(doc.root.end, doc.root, err.toString());
    }
    for (const ref of idrefs) {
      if (!ids.has(ref.value)) report(ref.el.tagEnd, ref.el, `IDREF "${ref.value}" without matching ID`, {}, `${ruleId}-id`);
    }
  } catch (e) {
    if (!(e instanceof Stop)) throw e;
  }
  return out;

  function checkId(type: string, value: string, el: XmlElement): void {
    if (type === 'ID') {
      const id = value.trim();
      const first = ids.get(id);
      if (first === undefined) {
        ids.set(id, { el });
        return;
      }
      report(el.tagEnd, el, `ID "${id}" has already been defined`, {}, `${ruleId}-id`);
      report(first.el.tagEnd, first.el, `first occurrence of ID "${id}"`, {}, `${ruleId}-id`);
    } else if (type === 'IDREF') {
      idrefs.push({ value: value.trim(), el });
    } else if (type === 'IDREFS') {
      // RELAX NG DTD Compatibility: jing reports an empty IDREFS twice, as a bad value and as an empty list
      if (value.trim() === '') report(el.tagEnd, el, 'value of attribute of type IDREFS contained no tokens', {}, `${ruleId}-id`);
      for (const v of value.split(/[ \t\n\r]+/)) if (v !== '') idrefs.push({ value: v, el });
    }
  }
}

/** Whether the start tag just read lacks a required attribute (salve's element walkers cannot end their attributes). */
function attributesIncomplete(walker: SalveWalker): boolean {
  const stack = (walker as unknown as { elementWalkerStack?: Array<Array<{ walker?: { canEndAttribute?: boolean } }>> }).elementWalkerStack;
  const top = stack?.[stack.length - 1] ?? [];
  return top.some((w) => w.walker !== undefined && w.walker.canEndAttribute === false);
}

/**
 * After an element that is not allowed where it stands, jing goes on checking its content against the union of the
 * contents of every element pattern whose name class matches it (so the children of an unknown `frus:attachment`,
 * matched only by a wildcard whose content is text, are each "not allowed here"). salve does so only when exactly
 * one definition has that exact name and otherwise stops checking the whole subtree; we give it jing's candidates.
 */
function recoverLikeJing(walker: SalveWalker, grammar: SalveGrammar, notes: { before?: Set<SalveEvent> }): void {
  type Diagnose = (name: string, params: string[], wsMatch: boolean) => unknown;
  const w = walker as unknown as {
    diagnose: Diagnose; misplacedDepth: number; elementWalkerStack: InnerWalker[][]; nameResolver: unknown;
  };
  const original = w.diagnose;
  w.diagnose = function (this: typeof w, name: string, params: string[], wsMatch: boolean) {
    if (name === 'enterStartTag' && this.misplacedDepth === 0 && wsMatch) {
      const candidates = candidatesFor(grammar, params[0]!, params[1]!);
      if (candidates.length > 0) {
        const elName = makeName(params[0]!, params[1]!);
        const parent = this.elementWalkerStack[this.elementWalkerStack.length - 1];
        const later = allowedLater(parent, params, this.nameResolver);
        if (later !== undefined) {
          // what was allowed before we moved on, for `expected`
          notes.before = union(parent ?? []);
          this.elementWalkerStack[this.elementWalkerStack.length - 1] = later;
        }
        this.elementWalkerStack.push(candidates.map((c) => c.newWalker(elName) as InnerWalker));
        return [makeElementNameError(later === undefined ? 'tag not allowed here' : 'tag not allowed yet', elName)];
      }
    }
    return original.call(this, name, params, wsMatch);
  };
}

interface InnerWalker {
  clone(): InnerWalker;
  possible(): Set<SalveEvent>;
  fireEvent(name: string, params: string[], resolver: unknown): { matched: boolean };
}

/**
 * jing says "not allowed yet" when the element would be allowed after something the content still requires
 * (`<publicationStmt><date/>` before its `publisher`), and goes on as if that had been there, so that the parent is
 * not also reported incomplete. We look one element ahead: if after one of the elements allowed now the element
 * is allowed, return the parent's walkers in that state (salve's failed event left them unchanged).
 */
function allowedLater(level: InnerWalker[] | undefined, params: string[], resolver: unknown): InnerWalker[] | undefined {
  if (level === undefined) return undefined;
  let tries = 0;
  for (const walker of level) {
    // Only worth a look if the parent's content mentions the element at all (cheap, and most errors fail here).
    const parent = (walker as unknown as { el?: { pat?: unknown } }).el;
    if (parent?.pat !== undefined && !contentMentions(parent, params[0]!, params[1]!)) continue;
    for (const ev of walker.possible()) {
      if (ev.name !== 'enterStartTag' || typeof ev.param !== 'object' || ev.param === null || ev.param instanceof RegExp) continue;
      for (const n of simpleNames(ev.param)) {
        if (++tries > 200) return undefined;
        const clone = walker.clone();
        if (!clone.fireEvent('enterStartTag', [n.ns, n.name], resolver).matched) continue;
        if (clone.fireEvent('enterStartTag', params, resolver).matched) return [clone];
      }
    }
  }
  return undefined;
}

const contentNameSets = new WeakMap<object, { names: Set<string>; wildcard: boolean }>();

/** Whether an element pattern's content (not its descendants' content) has an element of that name. */
function contentMentions(element: { pat?: unknown }, ns: string, local: string): boolean {
  let set = contentNameSets.get(element);
  if (set === undefined) {
    set = { names: new Set(), wildcard: false };
    const stack: any[] = [element.pat]; // eslint-disable-line @typescript-eslint/no-explicit-any
    const seen = new Set<unknown>();
    while (stack.length > 0) {
      const p = stack.pop();
      if (p === undefined || p === null || seen.has(p)) continue;
      seen.add(p);
      const kind = p.constructor?.name as string;
      if (kind === 'Ref') {
        for (const n of simpleNames(p.element.name)) set.names.add(`${n.ns}\u0000${n.name}`);
        if (p.element.name.kind !== 'Name' && p.element.name.kind !== 'NameChoice') set.wildcard = true;
      } else if (kind === 'Attribute') continue;
      else {
        if (p.patA !== undefined) stack.push(p.patA, p.patB);
        if (p.pat !== undefined) stack.push(p.pat);
      }
    }
    contentNameSets.set(element, set);
  }
  return set.wildcard || set.names.has(`${ns}\u0000${local}`);
}

function simpleNames(n: SalveNamePattern): Array<{ ns: string; name: string }> {
  if (n.kind === 'Name') return [{ ns: n.ns ?? '', name: n.name ?? '' }];
  if (n.kind === 'NameChoice') return [...simpleNames(n.a!), ...simpleNames(n.b!)];
  return [];
}

interface ElementPattern {
  name: { match(ns: string, local: string): boolean };
  newWalker(name: unknown): unknown;
}

const candidateTables = new WeakMap<SalveGrammar, Map<string, ElementPattern[]>>();

function candidatesFor(grammar: SalveGrammar, ns: string, local: string): ElementPattern[] {
  let table = candidateTables.get(grammar);
  if (table === undefined) {
    table = new Map();
    candidateTables.set(grammar, table);
  }
  const key = `${ns}\u0000${local}`;
  let found = table.get(key);
  if (found === undefined) {
    found = [];
    const defs = (grammar as unknown as { definitions: Map<string, { pat: ElementPattern }> }).definitions;
    const seen = new Set<string>();
    for (const d of defs.values()) {
      if (!d.pat.name.match(ns, local)) continue;
      // tei_all defines the same "any element" pattern six times (anyElement_xenoData_1, anyElement_egXML_2, ...):
      // one walker per copy per level cost 3 KB per open element under a misplaced element; equal copies accept
      // the same documents, so one will do.
      const sig = signature(d.pat);
      if (sig !== undefined && seen.has(sig)) continue;
      if (sig !== undefined) seen.add(sig);
      found.push(d.pat);
    }
    table.set(key, found);
  }
  return found;
}

/**
 * A structural key of an element pattern (its name class and content, a reference to itself written as such), or
 * undefined when the content is too large to be worth comparing.
 */
const patternIds = new WeakMap<object, number>();
let nextPatternId = 0;

function signature(element: ElementPattern): string | undefined {
  const parts: string[] = [];
  const stack: unknown[] = [(element as unknown as { pat: unknown }).pat];
  while (stack.length > 0) {
    if (parts.length > 400) return undefined;
    const p = stack.pop() as Record<string, any> | string | undefined; // eslint-disable-line @typescript-eslint/no-explicit-any
    if (typeof p === 'string') {
      parts.push(p);
      continue;
    }
    if (p === undefined || p === null) {
      parts.push('-');
      continue;
    }
    const kind = (p.constructor as { name: string }).name;
    if (kind === 'Ref') {
      const target = p.element;
      if (target === element) parts.push('self');
      else {
        let id = patternIds.get(target);
        if (id === undefined) patternIds.set(target, (id = nextPatternId++));
        parts.push(`ref:${id}`);
      }
      continue;
    }
    parts.push(kind);
    if (kind === 'Attribute') parts.push(String(p.name));
    else if (kind === 'Data') parts.push(`${String(p.datatypeLibrary)} ${String(p.type)} ${JSON.stringify(p.rngParams ?? [])}`);
    else if (kind === 'Value') parts.push(`${String(p.datatypeLibrary)} ${String(p.type)} ${JSON.stringify(p.rawValue)} ${String(p.ns)}`);
    else if (!['Empty', 'Text', 'NotAllowed', 'Choice', 'Group', 'Interleave', 'OneOrMore', 'List'].includes(kind)) return undefined;
    if (p.patA !== undefined) stack.push(')', p.patB, ',', p.patA, '(');
    else if (p.pat !== undefined) stack.push(')', p.pat, '(');
    if (p.except !== undefined) stack.push('except', p.except);
  }
  return `${String((element as unknown as { name: unknown }).name)} ${parts.join(' ')}`;
}

interface NameIndex {
  allows(ns: string, local: string): boolean;
}

const nameIndexes = new WeakMap<SalveGrammar, NameIndex>();

/** Every element name the grammar mentions, to tell "not allowed here" from jing's "not allowed anywhere". */
function elementNames(grammar: SalveGrammar): NameIndex {
  let index = nameIndexes.get(grammar);
  if (index !== undefined) return index;
  const names = new Set<string>();
  const wildcards: SalveNamePattern[] = [];
  const add = (n: SalveNamePattern): void => {
    if (n.kind === 'Name') names.add(`${n.ns ?? ''}\u0000${n.name ?? ''}`);
    else if (n.kind === 'NameChoice') {
      add(n.a!);
      add(n.b!);
    } else wildcards.push(n);
  };
  const defs = (grammar as unknown as { definitions: Map<string, { pat: { name: SalveNamePattern } }> }).definitions;
  for (const d of defs.values()) add(d.pat.name);
  index = {
    allows: (ns, local) =>
      names.has(`${ns}\u0000${local}`) ||
      wildcards.some((w) => (w as unknown as { match(ns: string, l: string): boolean }).match(ns, local)),
  };
  nameIndexes.set(grammar, index);
  return index;
}

interface EventContext {
  kind: 'start' | 'attribute' | 'text' | 'end';
  el: XmlElement | undefined;
  attribute?: string;
}

/**
 * Where jing reports "text not allowed here": Xerces hands text to SAX in chunks that end before a line end, and
 * jing checks each chunk as it arrives, so the locator stands on the last character of the first chunk holding
 * non-whitespace (positions are 1-based, columns in code points, as everywhere in teikit).
 */
export function textErrorPosition(nodes: readonly XmlText[]): Position {
  for (const t of nodes) {
    let line = t.line;
    let column = t.column;
    let seen = false;
    let last: Position = { line, column };
    for (const ch of t.value) {
      if (ch === '\n') {
        if (seen) return last;
        line++;
        column = 1;
        continue;
      }
      if (ch !== ' ' && ch !== '\t' && ch !== '\r') seen = true;
      last = { line, column };
      column++;
    }
    if (seen) return last;
  }
  const t = nodes[0]!;
  return { line: t.line, column: t.column };
}

function qname(el: XmlElement | undefined): string {
  return el === undefined ? '' : el.name;
}

function nameOf(n: SalveNamePattern | undefined, el: XmlElement | undefined): string {
  if (n === undefined) return '';
  if (n.kind === 'Name') return formatName(n.ns ?? '', n.name ?? '', el, false);
  return n.toString();
}

/**
 * `prefix:local` using the document's bindings in scope, as jing prints names; `{uri}local` when the namespace is
 * not bound there (lists of names invent bindings instead: `spellNames`).
 */
export function formatName(ns: string, local: string, el: XmlElement | undefined, attribute: boolean): string {
  if (ns === '') return local;
  if (ns === 'http://www.w3.org/XML/1998/namespace') return `xml:${local}`;
  if (el !== undefined) {
    if (!attribute && el.ns[''] === ns) return local;
    for (const [prefix, uri] of Object.entries(el.ns)) {
      if (uri === ns && prefix !== '') return `${prefix}:${local}`;
    }
  }
  return `{${ns}}${local}`;
}

/**
 * jing's wording for salve's errors (the messages of jing's com.thaiopensource.relaxng.pattern resources), chosen
 * by the event that failed, since that is what jing's message depends on; `undefined` drops an error jing would not
 * report (salve asks for an attribute value after an attribute it already rejected).
 */
function describe(err: SalveError, event: string, ctx: EventContext, grammar: SalveGrammar): string | undefined {
  const el = ctx.el;
  switch (event) {
    case 'enterStartTag': {
      if (err.msg === 'tag not allowed yet') return `element "${qname(el)}" not allowed yet`;
      const anywhere = el !== undefined && !elementNames(grammar).allows(el.uri, el.local);
      return `element "${qname(el)}" not allowed ${anywhere ? 'anywhere' : 'here'}`;
    }
    case 'attributeName':
      return `attribute "${ctx.attribute ?? nameOf(err.name, el)}" not allowed here`;
    case 'attributeValue':
      if (err.msg === 'attribute value required') return undefined;
      return `value of attribute "${ctx.attribute ?? nameOf(err.name, el)}" is invalid`;
    case 'leaveStartTag':
      if (err.msg === 'attribute missing') return `element "${qname(el)}" missing required attribute "${nameOfAttribute(err.name, el)}"`;
      if (err.namesA !== undefined) {
        const attrs = [...(err.namesA ?? []), ...(err.namesB ?? [])].map((n) => `"${nameOfAttribute(n, el)}"`);
        // salve names no attribute when a choice of attribute groups is unsatisfied; jing says this (and then what
        // the element could have had)
        if (attrs.length === 0) return `element "${qname(el)}" missing one or more required attributes`;
        return `element "${qname(el)}" missing required attribute ${joinOr(attrs)}`;
      }
      return `element "${qname(el)}" missing one or more required attributes`;
    case 'text':
      return 'text not allowed here';
    case 'endTag':
      if (err.msg === 'tag required') return `element "${qname(el)}" incomplete; missing required element "${nameOf(err.name, el)}"`;
      if (err.namesA !== undefined) {
        const spelled = spellNames([...(err.namesA ?? []), ...(err.namesB ?? [])].flatMap(rawNames), el, false);
        return `element "${qname(el)}" incomplete; expected element ${joinOr(spelled.names)}${spelled.suffix}`;
      }
      if (err.msg === 'unexpected end tag' || err.msg === 'tag not allowed here') return `element "${qname(el)}" incomplete`;
      return `character content of element "${qname(el)}" invalid`;
    default:
      return err.toString();
  }
}

function nameOfAttribute(n: SalveNamePattern | undefined, el: XmlElement | undefined): string {
  if (n === undefined) return '';
  if (n.kind === 'Name') return formatName(n.ns ?? '', n.name ?? '', el, true);
  return n.toString();
}

export function joinAnd(items: readonly string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}

export function joinOr(items: readonly string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} or ${items[items.length - 1]}`;
}

/**
 * What was allowed where an error occurred, read from salve's walker after the failed event: a failed event leaves
 * the walkers it was fired on unchanged, and a misplaced element only pushes a new level on salve's stack, so the
 * level below the top still describes the parent's content.
 */
function expectedAfterError(walker: SalveWalker, event: string, el: XmlElement | undefined): string {
  const stack = (walker as unknown as { elementWalkerStack?: Array<Array<{ possible(): Set<SalveEvent> }>> }).elementWalkerStack;
  if (stack === undefined) return '';
  try {
    if (event === 'enterStartTag') {
      const level = stack[stack.length - 2];
      if (level === undefined) return '';
      return describePossible(union(level), el?.parent.type === 'element' ? el.parent : el, false);
    }
    if (event === 'attributeName') {
      const level = stack[stack.length - 1];
      if (level === undefined) return '';
      return describePossible(union(level), el, true);
    }
  } catch {
    return '';
  }
  return '';
}

function union(walkers: ReadonlyArray<{ possible(): Set<SalveEvent> }>): Set<SalveEvent> {
  const out = new Set<SalveEvent>();
  for (const w of walkers) for (const e of w.possible()) out.add(e);
  return out;
}

/** What the walker would accept now, worded like jing's "expected ..." (used for the `expected` field). */
export function describePossible(events: Set<SalveEvent>, el: XmlElement | undefined, attributes: boolean): string {
  const elements: RawName[] = [];
  const attrs: RawName[] = [];
  let endTag = false;
  let text = false;
  for (const ev of events) {
    if (ev.name === 'endTag') endTag = true;
    else if (ev.name === 'text') text = true;
    else if (ev.name === 'enterStartTag' && typeof ev.param === 'object' && ev.param !== null && !(ev.param instanceof RegExp)) {
      elements.push(...rawNames(ev.param));
    } else if (ev.name === 'attributeName' && typeof ev.param === 'object' && ev.param !== null && !(ev.param instanceof RegExp)) {
      attrs.push(...rawNames(ev.param));
    }
  }
  if (attributes) {
    const { names, suffix } = spellNames(attrs, el, true);
    return names.length === 0 ? '' : `attribute ${joinOr(names)}${suffix}`;
  }
  const { names, suffix } = spellNames(elements, el, false);
  const parts: string[] = [];
  if (endTag) parts.push('the element end-tag');
  if (text) parts.push('text');
  if (names.length > 0) parts.push(`element ${joinOr(names)}`);
  return (parts.length <= 1 ? parts.join('') : `${parts.slice(0, -1).join(', ')} or ${parts[parts.length - 1]}`) + suffix;
}

interface RawName {
  ns: string;
  local: string;
}

/** The simple names of a name class; jing lists only names it can spell, so wildcards (anyName, nsName) are left out. */
function rawNames(n: SalveNamePattern): RawName[] {
  if (n.kind === 'Name') return [{ ns: n.ns ?? '', local: n.name ?? '' }];
  if (n.kind === 'NameChoice') return [...rawNames(n.a!), ...rawNames(n.b!)];
  return [];
}

/**
 * Names as jing spells them in "expected" lists: quoted, prefixed as bound where the error occurred, sorted. For
 * namespaces not bound there jing invents bindings, measured: one such namespace becomes the default namespace
 * when no default is in scope and no listed name is in no namespace (`element "TEI" or "teiCorpus" (with
 * xmlns="http://www.tei-c.org/ns/1.0")`), else prefix `ns`; several get `ns1`, `ns2`, ... (`(with xmlns:ns1="urn:x"
 * xmlns:ns2="urn:y")`).
 */
function spellNames(raw: readonly RawName[], el: XmlElement | undefined, attribute: boolean): { names: string[]; suffix: string } {
  const bound = (ns: string): boolean => formatName(ns, 'x', el, attribute).charAt(0) !== '{';
  const unboundUris = [...new Set(raw.map((n) => n.ns).filter((ns) => ns !== '' && !bound(ns)))].sort();
  const prefixes = new Map<string, string>();
  const defaultFree = el === undefined || el.ns[''] === undefined || el.ns[''] === '';
  if (unboundUris.length === 1 && !attribute && defaultFree && !raw.some((n) => n.ns === '')) prefixes.set(unboundUris[0]!, '');
  else if (unboundUris.length === 1) prefixes.set(unboundUris[0]!, 'ns');
  else unboundUris.forEach((uri, i) => prefixes.set(uri, `ns${i + 1}`));
  const names = [...new Set(raw.map((n) => {
    const prefix = prefixes.get(n.ns);
    const spelled = prefix === undefined ? formatName(n.ns, n.local, el, attribute) : prefix === '' ? n.local : `${prefix}:${n.local}`;
    return `"${spelled}"`;
  }))].sort();
  const bindings = [...prefixes].map(([uri, prefix]) => (prefix === '' ? `xmlns="${uri}"` : `xmlns:${prefix}="${uri}"`));
  return { names, suffix: bindings.length === 0 ? '' : ` (with ${bindings.join(' ')})` };
}

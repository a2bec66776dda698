/**
 * Reading an ISO Schematron schema (ISO/IEC 19757-3:2016; `extends href` and element-content `let` from the 2020
 * edition) into a `SchematronModel`:
 * 1. `include` (5.4.4) is replaced by the element it points to (the root, or the element whose id is the fragment);
 *    a loop through includes is an error at the `include` that closes it;
 * 2. `extends href` (2020, 5.4.4) brings in the children of the schema or rule it points to; a target that does not
 *    exist is a warning and the rest of the schema still runs (the way the reference results treat FRUS's four
 *    missing sibling files);
 * 3. abstract patterns (5.4.9, `is-a` with `param`) are instantiated by replacing each `$name` with its value in
 *    every expression of the abstract pattern;
 * 4. abstract rules (5.4.12, `abstract="true"`) are inlined where `extends rule="id"` names them.
 * Problems that leave nothing to compile throw a `TeikitError` (exit code 2) at the schema's file:line:column.
 */
import { resolve } from 'node:path';
import { diagnostic, TeikitError, type Diagnostic } from '../../diagnostics.js';
import { localFile } from '../../href.js';
import { tryReadRegularFile, unreadableReason } from '../../io.js';
import { SCH15_NS, SCH_NS, tryParseXml, type XmlDocument, type XmlElement } from '../../xml/index.js';
import type { Check, Let, MessagePart, Note, Pattern, Phase, Rule, SchematronModel, Where } from './model.js';

export const XSL_NS = 'http://www.w3.org/1999/XSL/Transform';

/** The query bindings teikit runs: all on XPath 3.1 in saxon-js (ISO 2016 annex, and the 2020 xslt3/xpath31). */
export const QUERY_BINDINGS = ['xslt2', 'xslt3', 'xpath2', 'xpath3', 'xpath31'] as const;

export function where(file: string, el: { line: number; column: number }): Where {
  return { file, line: el.line, column: el.column };
}

export function schemaError(at: Where, message: string, ruleId = 'schematron/schema'): TeikitError {
  return new TeikitError(diagnostic({ ...at, message, ruleId, source: 'schema' }), 2);
}

function isSch(el: XmlElement, local?: string): boolean {
  return (el.uri === SCH_NS || el.uri === SCH15_NS) && (local === undefined || el.local === local);
}

function get(el: XmlElement, name: string): string | undefined {
  for (const a of el.attributes) if (a.uri === '' && a.local === name) return a.value;
  return undefined;
}

/** An element with the file it came from and its children after includes (step 1 and 2 of the module comment). */
export interface Node {
  el: XmlElement;
  file: string;
  kids: Node[];
}

/** Reads documents once, expands include/extends, and collects warnings. */
export class SchemaFiles {
  readonly files: string[] = [];
  readonly notes: Diagnostic[] = [];
  private readonly docs = new Map<string, XmlDocument>();

  load(path: string, from: Where | undefined): XmlDocument {
    const known = this.docs.get(path);
    if (known !== undefined) return known;
    const read = tryReadRegularFile(path, 'schema');
    if (!read.ok) throw schemaError(from ?? { file: path, line: 1, column: 1 }, `cannot read schema ${from === undefined ? '' : `"${path}" `}: ${read.reason}`.replace(' :', ':'));
    const bytes = read.bytes;
    const parsed = tryParseXml(bytes, { file: path });
    if (!parsed.ok) throw new TeikitError({ ...parsed.diagnostic, source: 'schema' }, 2);
    this.docs.set(path, parsed.document);
    this.files.push(path);
    return parsed.document;
  }

  /** Resolve a local href against the file it was written in; remote hrefs are refused (never fetched). */
  private target(href: string, file: string, at: Where): { path: string; fragment: string | undefined } {
    const hash = href.indexOf('#');
    const base = hash < 0 ? href : href.slice(0, hash);
    const fragment = hash < 0 ? undefined : href.slice(hash + 1);
    if (base === '') return { path: file, fragment };
    const target = localFile(base, file);
    if ('badFileUrl' in target) throw schemaError(at, `"${href}" is not a usable file URL`);
    if ('remote' in target) throw schemaError(at, `"${href}" is not a local file: teikit never fetches schemas from the network`);
    return { path: target.path, fragment };
  }

  private pointed(doc: XmlDocument, fragment: string | undefined, href: string, at: Where): XmlElement {
    if (fragment === undefined || fragment === '') return doc.root;
    let found: XmlElement | undefined;
    const stack: XmlElement[] = [doc.root];
    while (stack.length > 0 && found === undefined) {
      const el = stack.pop()!;
      if (get(el, 'id') === fragment || el.attributes.some((a) => a.local === 'id' && a.uri === 'http://www.w3.org/XML/1998/namespace' && a.value === fragment)) found = el;
      for (const c of el.children) if (c.type === 'element') stack.push(c);
    }
    if (found === undefined) throw schemaError(at, `"${href}": no element with id "${fragment}" in ${doc.file}`);
    return found;
  }

  /** The element with includes and `extends href` expanded below it; `stack` holds the includes being expanded. */
  expand(el: XmlElement, file: string, stack: string[] = []): Node {
    const kids: Node[] = [];
    for (const c of el.children) {
      if (c.type !== 'element') continue;
      const at = where(file, c);
      const href = get(c, 'href');
      if (isSch(c, 'include') || (isSch(c, 'extends') && href !== undefined)) {
        if (href === undefined) throw schemaError(at, '<include> without @href');
        const t = this.target(href, file, at);
        const key = `${t.path}#${t.fragment ?? ''}`;
        if (stack.includes(key)) throw schemaError(at, `include loop: "${href}" includes itself (${[...stack, key].map((k) => k.replace(/#$/, '')).join(' -> ')})`, 'schematron/include-loop');
        if (isSch(c, 'extends')) {
          if (unreadableReason(t.path) === 'does not exist') {
            this.notes.push(diagnostic({ ...at, severity: 'warning', message: `extends target "${href}" not found (${t.path}): the rules it holds are not checked`, ruleId: 'schematron/extends-missing', source: 'schema' }));
            continue;
          }
          const doc = this.load(t.path, at);
          const target = this.pointed(doc, t.fragment, href, at);
          // The children of the schema or rule extended take the place of the `extends` element.
          kids.push(...this.expand(target, t.path, [...stack, key]).kids);
          continue;
        }
        const doc = this.load(t.path, at);
        const target = this.pointed(doc, t.fragment, href, at);
        kids.push(this.expand(target, t.path, [...stack, key]));
        continue;
      }
      kids.push(this.expand(c, file, stack));
    }
    return { el, file, kids };
  }
}

/** Text of a message: text nodes, `value-of`, `name`; `emph`, `dir`, `span` and foreign markup give their text. */
export function messageParts(el: XmlElement, file: string): MessagePart[] {
  const parts: MessagePart[] = [];
  const visit = (e: XmlElement): void => {
    for (const c of e.children) {
      if (c.type === 'text') parts.push({ kind: 'text', text: c.value });
      else if (c.type === 'element') {
        if (isSch(c, 'value-of')) {
          const select = get(c, 'select');
          if (select === undefined) throw schemaError(where(file, c), '<value-of> without @select');
          parts.push({ kind: 'value-of', select, at: where(file, c) });
        } else if (isSch(c, 'name')) {
          parts.push({ kind: 'name', path: get(c, 'path') ?? '.', at: where(file, c) });
        } else visit(c);
      }
    }
  };
  visit(el);
  return parts;
}

function nodeXml(n: Node): string {
  // Element content of a `let` (2020): its children, written back as XML with the namespaces in scope.
  const out: string[] = [];
  const write = (x: XmlElement): void => {
    for (const c of x.children) {
      if (c.type === 'text') out.push(c.value.replace(/[&<>]/g, (ch) => (ch === '&' ? '&amp;' : ch === '<' ? '&lt;' : '&gt;')));
      else if (c.type === 'element') out.push(elementXml(c));
    }
  };
  write(n.el);
  return out.join('');
}

/** An element as XML text, declaring every namespace in scope on it so that it stands alone. */
export function elementXml(el: XmlElement): string {
  const esc = (v: string): string => v.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]!);
  const out: string[] = [];
  const rec = (e: XmlElement, top: boolean): void => {
    out.push(`<${e.name}`);
    if (top) for (const [p, u] of Object.entries(e.ns)) if (p !== 'xml') out.push(` ${p === '' ? 'xmlns' : `xmlns:${p}`}="${esc(u)}"`);
    for (const a of e.attributes) if (!(top && (a.name === 'xmlns' || a.prefix === 'xmlns'))) out.push(` ${a.name}="${esc(a.value)}"`);
    out.push('>');
    for (const c of e.children) {
      if (c.type === 'text') out.push(c.value.replace(/[&<>]/g, (ch) => (ch === '&' ? '&amp;' : ch === '<' ? '&lt;' : '&gt;')));
      else if (c.type === 'element') rec(c, false);
      else if (c.type === 'comment') out.push(`<!--${c.value}-->`);
    }
    out.push(`</${e.name}>`);
  };
  rec(el, true);
  return out.join('');
}

function readLet(n: Node): Let {
  const at = where(n.file, n.el);
  const name = get(n.el, 'name');
  if (name === undefined) throw schemaError(at, '<let> without @name');
  const value = get(n.el, 'value');
  if (value !== undefined) return { name, value, at };
  return { name, content: nodeXml(n), at };
}

function readNote(n: Node): Note {
  const at = where(n.file, n.el);
  const id = get(n.el, 'id');
  if (id === undefined) throw schemaError(at, `<${n.el.local}> without @id`);
  const note: Note = { id, message: messageParts(n.el, n.file), at };
  const role = get(n.el, 'role');
  if (role !== undefined) note.role = role;
  const scheme = get(n.el, 'scheme');
  if (scheme !== undefined) note.scheme = scheme;
  return note;
}

function tokens(v: string | undefined): string[] {
  return v === undefined ? [] : v.split(/\s+/).filter((t) => t !== '');
}

/** Replace `$name` by the parameter's value (ISO 5.4.9), longest names first so that `$ab` is not taken for `$a`. */
function substituter(params: Map<string, string>): (s: string) => string {
  if (params.size === 0) return (s) => s;
  const names = [...params.keys()].sort((a, b) => b.length - a.length);
  const re = new RegExp(`\\$(${names.map((n) => n.replace(/[.*+?^${}()|[\]\\-]/g, '\\$&')).join('|')})(?![\\w.\\-\\u00B7\\u0300-\\u036F\\u203F-\\u2040])`, 'g');
  return (s) => s.replace(re, (_, name: string) => params.get(name)!);
}

function mapMessage(parts: MessagePart[], f: (s: string) => string): MessagePart[] {
  return parts.map((p) => (p.kind === 'value-of' ? { ...p, select: f(p.select) } : p.kind === 'name' ? { ...p, path: f(p.path) } : p));
}

function mapRule(rule: Rule, f: (s: string) => string): Rule {
  return {
    ...rule,
    context: f(rule.context),
    lets: rule.lets.map((l) => (l.value === undefined ? l : { ...l, value: f(l.value) })),
    checks: rule.checks.map((c) => ({ ...c, test: f(c.test), message: mapMessage(c.message, f) })),
  };
}

/** Read the schema in `file` (a `.sch` file). */
export function readSchematron(file: string): SchematronModel {
  const files = new SchemaFiles();
  const path = resolve(file);
  const doc = files.load(path, undefined);
  if (!isSch(doc.root, 'schema')) {
    throw schemaError(where(path, doc.root), `not a Schematron schema: the root element is <${doc.root.name}>, not <schema> in ${SCH_NS}`);
  }
  return buildModel(files.expand(doc.root, path, [`${path}#`]), files);
}

/**
 * Build the model from an expanded `<schema>` (or from the parts of one that `embedded.ts` gathers out of a RELAX NG
 * schema). `binding` overrides a missing `@queryBinding`.
 */
export function buildModel(schema: Node, files: SchemaFiles, binding?: string): SchematronModel {
  const root = schema.el;
  const at = where(schema.file, root);
  const queryBinding = (get(root, 'queryBinding') ?? binding ?? 'xslt').toLowerCase();
  if (!(QUERY_BINDINGS as readonly string[]).includes(queryBinding) && queryBinding !== 'xslt') {
    throw schemaError(at, `query binding "${queryBinding}" is not supported (teikit runs ${QUERY_BINDINGS.join(', ')}, on XPath 3.1)`);
  }
  const model: SchematronModel = {
    file: schema.file,
    at,
    queryBinding,
    ns: [],
    lets: [],
    patterns: [],
    phases: [],
    diagnostics: new Map(),
    properties: new Map(),
    foreign: [],
    files: files.files,
    notes: files.notes,
  };
  const defaultPhase = get(root, 'defaultPhase');
  if (defaultPhase !== undefined) model.defaultPhase = defaultPhase;
  const schemaVersion = get(root, 'schemaVersion');
  if (schemaVersion !== undefined) model.schemaVersion = schemaVersion;

  const build: Build = { model, abstractPatterns: new Map(), abstractRules: new Map(), patternNodes: [] };
  for (const k of schema.kids) readTopLevel(build, k);
  for (const n of build.patternNodes) model.patterns.push(patternOf(build, n));
  checkPhases(model);
  return model;
}

/** The model being built, and what its patterns and rules refer to by id. */
interface Build {
  model: SchematronModel;
  abstractPatterns: Map<string, Node>;
  abstractRules: Map<string, Node>;
  /** The patterns that are not abstract, in schema order. */
  patternNodes: Node[];
}

/** One child of `<schema>`: a title, namespace, let, pattern, rules, phase, diagnostics, properties, or XSLT. */
function readTopLevel(build: Build, k: Node): void {
  const { model } = build;
  const el = k.el;
  if (el.uri === XSL_NS) {
    model.foreign.push({ xml: elementXml(el), at: where(k.file, el) });
    return;
  }
  if (!isSch(el)) return;
  switch (el.local) {
    case 'title':
      model.title = textOf(el);
      break;
    case 'ns': {
      const prefix = get(el, 'prefix');
      const uri = get(el, 'uri');
      if (prefix === undefined || uri === undefined) throw schemaError(where(k.file, el), '<ns> needs @prefix and @uri');
      if (!model.ns.some((n) => n.prefix === prefix)) model.ns.push({ prefix, uri });
      break;
    }
    case 'let':
      model.lets.push(readLet(k));
      break;
    case 'pattern':
      if (get(el, 'abstract') === 'true') build.abstractPatterns.set(requiredId(k, 'abstract <pattern> without @id'), k);
      else build.patternNodes.push(k);
      collectAbstractRules(build, k);
      break;
    case 'rules':
      collectAbstractRules(build, k);
      break;
    case 'phase':
      model.phases.push(readPhase(k));
      break;
    case 'diagnostics':
      for (const d of k.kids) if (isSch(d.el, 'diagnostic')) { const n = readNote(d); model.diagnostics.set(n.id, n); }
      break;
    case 'properties':
      for (const d of k.kids) if (isSch(d.el, 'property')) { const n = readNote(d); model.properties.set(n.id, n); }
      break;
    default:
      break;
  }
}

function textOf(el: XmlElement): string {
  return el.children.map((c) => (c.type === 'text' ? c.value : '')).join('').replace(/\s+/g, ' ').trim();
}

function requiredId(n: Node, message: string): string {
  const id = get(n.el, 'id');
  if (id === undefined) throw schemaError(where(n.file, n.el), message);
  return id;
}

function collectAbstractRules(build: Build, n: Node): void {
  for (const k of n.kids) {
    if (isSch(k.el, 'rule') && get(k.el, 'abstract') === 'true') build.abstractRules.set(requiredId(k, 'abstract <rule> without @id'), k);
  }
}

function readPhase(k: Node): Phase {
  const phase: Phase = { id: requiredId(k, '<phase> without @id'), active: [], lets: [], at: where(k.file, k.el) };
  for (const p of k.kids) {
    if (isSch(p.el, 'active')) {
      const pattern = get(p.el, 'pattern');
      if (pattern === undefined) throw schemaError(where(p.file, p.el), '<active> without @pattern');
      phase.active.push({ pattern, at: where(p.file, p.el) });
    } else if (isSch(p.el, 'let')) phase.lets.push(readLet(p));
  }
  return phase;
}

function readRule(build: Build, n: Node): Rule {
  const el = n.el;
  const rat = where(n.file, el);
  const context = get(el, 'context');
  if (context === undefined) throw schemaError(rat, '<rule> without @context');
  const rule: Rule = { context, lets: [], checks: [], at: rat };
  for (const a of ['id', 'role', 'flag'] as const) {
    const v = get(el, a);
    if (v !== undefined) rule[a] = v;
  }
  addRuleBody(build, rule, n, []);
  return rule;
}

/** The lets and checks of a rule, with those of the abstract rules it extends (`inlining`: the chain so far). */
function addRuleBody(build: Build, rule: Rule, n: Node, inlining: string[]): void {
  for (const k of n.kids) {
    const el = k.el;
    const kat = where(k.file, el);
    if (!isSch(el)) continue;
    if (el.local === 'let') rule.lets.push(readLet(k));
    else if (el.local === 'assert' || el.local === 'report') rule.checks.push(readCheck(build.model, k, el.local));
    else if (el.local === 'extends') {
      const ref = get(el, 'rule');
      if (ref === undefined) throw schemaError(kat, '<extends> needs @rule or @href');
      const abstract = build.abstractRules.get(ref);
      if (abstract === undefined) throw schemaError(kat, `extends rule "${ref}": no abstract rule with that id`);
      if (inlining.includes(ref)) throw schemaError(kat, `abstract rule "${ref}" extends itself (${[...inlining, ref].join(' -> ')})`, 'schematron/include-loop');
      addRuleBody(build, rule, abstract, [...inlining, ref]);
    }
  }
}

/** An assert or report, its diagnostics and properties defined in the schema. */
function readCheck(model: SchematronModel, k: Node, kind: 'assert' | 'report'): Check {
  const el = k.el;
  const kat = where(k.file, el);
  const test = get(el, 'test');
  if (test === undefined) throw schemaError(kat, `<${kind}> without @test`);
  const check: Check = {
    kind,
    test,
    diagnostics: tokens(get(el, 'diagnostics')),
    properties: tokens(get(el, 'properties')),
    message: messageParts(el, k.file),
    at: kat,
  };
  for (const a of ['id', 'role', 'flag'] as const) {
    const v = get(el, a);
    if (v !== undefined) check[a] = v;
  }
  for (const d of check.diagnostics) {
    if (!model.diagnostics.has(d)) throw schemaError(kat, `diagnostic "${d}" is not defined (no <diagnostic id="${d}">)`);
  }
  for (const p of check.properties) {
    if (!model.properties.has(p)) throw schemaError(kat, `property "${p}" is not defined (no <property id="${p}">)`);
  }
  return check;
}

/** A pattern's lets and rules, with `params` (of an abstract pattern's instance) substituted. */
function readPattern(build: Build, n: Node, params: Map<string, string>): Pattern {
  const f = substituter(params);
  const pattern: Pattern = { lets: [], rules: [], at: where(n.file, n.el) };
  const id = get(n.el, 'id');
  if (id !== undefined) pattern.id = id;
  const name = get(n.el, 'name');
  if (name !== undefined) pattern.name = name;
  for (const k of n.kids) {
    if (!isSch(k.el)) continue;
    if (k.el.local === 'title' && pattern.name === undefined) pattern.name = textOf(k.el);
    else if (k.el.local === 'let') {
      const l = readLet(k);
      pattern.lets.push(l.value === undefined ? l : { ...l, value: f(l.value) });
    } else if (k.el.local === 'rule' && get(k.el, 'abstract') !== 'true') pattern.rules.push(mapRule(readRule(build, k), f));
  }
  return pattern;
}

/** A pattern of the schema: as written, or an instance of the abstract pattern its @is-a names. */
function patternOf(build: Build, n: Node): Pattern {
  const isA = get(n.el, 'is-a');
  if (isA === undefined) return readPattern(build, n, new Map());
  const abstract = build.abstractPatterns.get(isA);
  const pat = where(n.file, n.el);
  if (abstract === undefined) throw schemaError(pat, `pattern is-a "${isA}": no abstract pattern with that id`);
  const params = new Map<string, string>();
  for (const p of n.kids) {
    if (!isSch(p.el, 'param')) continue;
    const name = get(p.el, 'name');
    const value = get(p.el, 'value');
    if (name === undefined || value === undefined) throw schemaError(where(p.file, p.el), '<param> needs @name and @value');
    params.set(name, value);
  }
  const instance = readPattern(build, abstract, params);
  const id = get(n.el, 'id');
  if (id !== undefined) instance.id = id;
  else delete instance.id;
  instance.at = pat;
  return instance;
}

/** Phases may only name patterns that exist (ISO 5.4.1); the default phase must be a phase or #ALL. */
function checkPhases(model: SchematronModel): void {
  const patternIds = new Set(model.patterns.map((p) => p.id).filter((id): id is string => id !== undefined));
  for (const phase of model.phases) {
    for (const a of phase.active) {
      if (!patternIds.has(a.pattern)) throw schemaError(a.at, `phase "${phase.id}" activates pattern "${a.pattern}", which is not defined`);
    }
  }
  if (model.defaultPhase !== undefined && model.defaultPhase !== '#ALL' && !model.phases.some((p) => p.id === model.defaultPhase)) {
    throw schemaError(model.at, `defaultPhase "${model.defaultPhase}" is not defined (phases: ${model.phases.map((p) => p.id).join(', ') || 'none'})`);
  }
}

/**
 * A `SchematronModel` and a phase, compiled to one XSLT 3.0 stylesheet that writes SVRL (ISO/IEC 19757-3 annex D).
 *
 * Each pattern is a mode of its own, walked over the whole document (ISO 6.4: every node is visited, attributes
 * included); its rules are templates of that mode with priorities in schema order, so that the first rule of a
 * pattern to match a node is the one that fires (ISO 5.4.12: a node is the context of at most one rule per pattern).
 * (A single walk with `xsl:next-match` from pattern to pattern was no faster in saxon-js on tei_all's 93 patterns.)
 *
 * Each instruction that holds an XPath from the schema is written on a line of its own, and `lines` maps each line
 * of the stylesheet back to where the schema wrote it, so that an XPath syntax error found by the XSLT compiler is
 * reported at the schema's file:line:column.
 */
import type { Check, Let, MessagePart, Note, SchematronModel, Where } from './model.js';
import { schemaError } from './read.js';

export const SVRL_NS = 'http://purl.oclc.org/dsdl/svrl';
/** teikit's own names in the stylesheet (the mode, the parameters), out of the way of the schema's. */
export const TK_NS = 'urn:x-teikit:schematron';
const XS_NS = 'http://www.w3.org/2001/XMLSchema';

export interface CompiledXslt {
  xslt: string;
  /** `lines[n - 1]`: where the schema wrote what line n of the stylesheet holds. */
  lines: Where[];
  /** The phase compiled (`#ALL` when none). */
  phase: string;
}

function attrEscape(v: string): string {
  return v.replace(/[&<>"\n\r\t]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', '\n': '&#10;', '\r': '&#13;', '\t': '&#9;' })[c]!);
}

/** A literal attribute of a result element is an attribute value template: braces are doubled. */
function avtEscape(v: string): string {
  return attrEscape(v).replace(/[{}]/g, (c) => c + c);
}

function textEscape(v: string): string {
  return v.replace(/[&<>\n\r]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '\n': '&#10;', '\r': '&#13;' })[c]!);
}

class Writer {
  readonly out: string[] = [];
  readonly lines: Where[] = [];
  constructor(private readonly fallback: Where) {}
  line(text: string, at?: Where): void {
    this.out.push(text);
    this.lines.push(at ?? this.fallback);
  }
}

/** The patterns and variables of `phase` (`#ALL`, `#DEFAULT`, a phase id; default: the schema's default phase). */
export function selectPhase(model: SchematronModel, phase?: string): { id: string; patterns: SchematronModel['patterns']; lets: Let[] } {
  let id = phase === undefined || phase === '#DEFAULT' ? (model.defaultPhase ?? '#ALL') : phase;
  if (id === '#ALL') return { id, patterns: model.patterns, lets: [] };
  const found = model.phases.find((p) => p.id === id);
  if (found === undefined) {
    const known = model.phases.map((p) => p.id);
    throw schemaError(model.at, `phase "${id}" is not defined in this schema (phases: ${known.length > 0 ? [...known, '#ALL'].join(', ') : 'none; only #ALL'})`, 'schematron-phase');
  }
  id = found.id;
  const active = new Set(found.active.map((a) => a.pattern));
  return { id, patterns: model.patterns.filter((p) => p.id !== undefined && active.has(p.id)), lets: found.lets };
}

function writeLet(w: Writer, l: Let, indent: string): void {
  if (l.value !== undefined) w.line(`${indent}<xsl:variable name="${attrEscape(l.name)}" select="${attrEscape(l.value)}"/>`, l.at);
  else w.line(`${indent}<xsl:variable name="${attrEscape(l.name)}">${(l.content ?? '').replace(/\r?\n/g, '&#10;')}</xsl:variable>`, l.at);
}

function writeMessage(w: Writer, parts: MessagePart[], indent: string, at: Where): void {
  w.line(`${indent}<svrl:text>`, at);
  for (const p of parts) {
    if (p.kind === 'text') w.line(`${indent}  <xsl:text>${textEscape(p.text)}</xsl:text>`, at);
    else if (p.kind === 'value-of') w.line(`${indent}  <xsl:value-of select="${attrEscape(p.select)}"/>`, p.at);
    else w.line(`${indent}  <xsl:value-of select="name(${attrEscape(p.path)})"/>`, p.at);
  }
  w.line(`${indent}</svrl:text>`, at);
}

function writeNote(w: Writer, element: 'diagnostic-reference' | 'property-reference', note: Note, indent: string): void {
  const key = element === 'diagnostic-reference' ? 'diagnostic' : 'property';
  const extra = `${note.role !== undefined ? ` role="${avtEscape(note.role)}"` : ''}${note.scheme !== undefined ? ` scheme="${avtEscape(note.scheme)}"` : ''}`;
  w.line(`${indent}<svrl:${element} ${key}="${avtEscape(note.id)}"${extra}>`, note.at);
  writeMessage(w, note.message, indent + '  ', note.at);
  w.line(`${indent}</svrl:${element}>`, note.at);
}

function writeCheck(w: Writer, model: SchematronModel, c: Check, rule: { role?: string; flag?: string }, indent: string, ruleId: string | undefined): void {
  // An assert as `xsl:choose` rather than `not(...)`, so that a syntax error quotes the schema's expression as written.
  if (c.kind === 'assert') {
    w.line(`${indent}<xsl:choose>`, c.at);
    w.line(`${indent}<xsl:when test="${attrEscape(c.test)}"/>`, c.at);
    w.line(`${indent}<xsl:otherwise>`, c.at);
  }
  else w.line(`${indent}<xsl:if test="${attrEscape(c.test)}">`, c.at);
  const element = c.kind === 'assert' ? 'failed-assert' : 'successful-report';
  // SVRL gives the check's own role and flag, as SchXslt does; the rule's role decides the severity when the
  // check has none (run.ts), so it travels in a teikit attribute.
  const attrs = [`test="${avtEscape(c.test)}"`, 'location="{path()}"'];
  if (c.id !== undefined) attrs.push(`id="${avtEscape(c.id)}"`);
  if (c.role !== undefined) attrs.push(`role="${avtEscape(c.role)}"`);
  else if (rule.role !== undefined) attrs.push(`tk:role="${avtEscape(rule.role)}"`);
  if (c.flag !== undefined) attrs.push(`flag="${avtEscape(c.flag)}"`);
  // Which rule (else pattern) fired, for the diagnostic's rule id; removed from the SVRL teikit writes.
  if (ruleId !== undefined) attrs.push(`tk:rule="${avtEscape(ruleId)}"`);
  w.line(`${indent}  <svrl:${element} ${attrs.join(' ')}>`, c.at);
  for (const d of c.diagnostics) writeNote(w, 'diagnostic-reference', model.diagnostics.get(d)!, indent + '    ');
  for (const p of c.properties) writeNote(w, 'property-reference', model.properties.get(p)!, indent + '    ');
  writeMessage(w, c.message, indent + '    ', c.at);
  w.line(`${indent}  </svrl:${element}>`, c.at);
  w.line(`${indent}${c.kind === 'assert' ? '</xsl:otherwise></xsl:choose>' : '</xsl:if>'}`, c.at);
}

/**
 * Split `text` at its top-level occurrences of `sep` (outside brackets, parentheses and string literals). XPath
 * comments `(: :)` count as parentheses, which keeps them whole.
 */
function splitTopLevel(text: string, sep: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let quote = '';
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quote !== '') {
      if (c === quote) quote = '';
    } else if (c === '"' || c === "'") quote = c;
    else if (c === '(' || c === '[' || c === '{') depth++;
    else if (c === ')' || c === ']' || c === '}') depth--;
    else if (depth === 0 && c === sep) {
      parts.push(text.slice(start, i));
      start = i + 1;
    }
  }
  parts.push(text.slice(start));
  return parts;
}

/** A node test of one step: a name test (`*`, `p:*`, `*:n`, `p:n`, `n`, with an axis) or a kind test. */
const NODE_TEST = /^\s*((?:(?:child|attribute)::|@)?(?:\*:[\p{L}_][\p{L}\p{N}._-]*|[\p{L}_][\p{L}\p{N}._-]*:\*|(?:[\p{L}_][\p{L}\p{N}._-]*:)?[\p{L}_][\p{L}\p{N}._-]*(?:\s*\([^()]*\))?|\*))\s*/u;

/**
 * The match pattern of a rule context. One rewrite, for speed, with the same meaning: a branch `/STEP[P]...` (the
 * document element or a top-level node, with predicates) becomes `STEP[parent::document-node()][P]...`. saxon-js
 * tests a step's predicates before its parent, so `/*[count(//x) gt 1]` (tei_all's constraintDecl rule) evaluated
 * `count(//x)` at every element of every document: quadratic, 111 s on a 1 MB FRUS volume. The added predicate is
 * true of every sibling alike, so positional predicates after it count the same nodes (XSLT 3.0 5.5.3: a pattern
 * step's predicates filter the child axis of the node's parent).
 */
export function matchPattern(context: string): string {
  const branches = splitTopLevel(context, '|');
  return branches
    .map((branch) => {
      const m = /^(\s*)\/(?!\/)/.exec(branch);
      if (m === null) return branch;
      const rest = branch.slice(m[0].length);
      const test = NODE_TEST.exec(rest);
      if (test === null || test[1]!.startsWith('@') || test[1]!.startsWith('attribute::')) return branch;
      const preds = rest.slice(test[0].length);
      // Only predicates may follow: `[...]` groups to the end.
      if (!isBracketRun(preds)) return branch;
      return `${m[1]}${test[1]}[parent::document-node()]${preds}`;
    })
    .join('|');
}

/** Whether `text` is nothing but whitespace and balanced `[...]` groups at the top level. */
function isBracketRun(text: string): boolean {
  let depth = 0;
  let quote = '';
  for (const c of text) {
    if (quote !== '') {
      if (c === quote) quote = '';
      continue;
    }
    if (depth > 0 && (c === '"' || c === "'")) quote = c;
    else if (c === '[' || (depth > 0 && (c === '(' || c === '{'))) depth++;
    else if (c === ']' || c === ')' || c === '}') {
      depth--;
      if (depth < 0) return false;
    } else if (depth === 0 && !/\s/.test(c)) return false;
  }
  return depth === 0 && quote === '';
}

/** Compile `model` for `phase` (see `selectPhase`). */
export function compileSchematron(model: SchematronModel, phase?: string): CompiledXslt {
  const selected = selectPhase(model, phase);
  const w = new Writer({ file: model.file, line: 1, column: 1 });
  const declared = new Map<string, string>([['xsl', 'http://www.w3.org/1999/XSL/Transform'], ['svrl', SVRL_NS], ['tk', TK_NS]]);
  for (const n of model.ns) if (!declared.has(n.prefix)) declared.set(n.prefix, n.uri);
  if (!declared.has('xs')) declared.set('xs', XS_NS);
  const nsDecls = [...declared].map(([p, u]) => `xmlns:${p}="${attrEscape(u)}"`).join(' ');
  w.line('<?xml version="1.0" encoding="UTF-8"?>');
  w.line(`<xsl:stylesheet version="3.0" ${nsDecls} exclude-result-prefixes="#all">`);
  w.line('  <xsl:param name="tk:fired" as="xs:boolean" select="false()"/>');
  for (const f of model.foreign) w.line(`  ${f.xml.replace(/\r?\n/g, ' ')}`, f.at);
  for (const l of [...model.lets, ...selected.lets, ...selected.patterns.flatMap((p) => p.lets)]) writeLet(w, l, '  ');

  const title = model.title !== undefined ? ` title="${avtEscape(model.title)}"` : '';
  const version = model.schemaVersion !== undefined ? ` schemaVersion="${avtEscape(model.schemaVersion)}"` : '';
  w.line('  <xsl:template match="/">');
  w.line(`    <svrl:schematron-output${title}${version} phase="${avtEscape(selected.id)}">`);
  for (const n of model.ns) w.line(`      <svrl:ns-prefix-in-attribute-values uri="${avtEscape(n.uri)}" prefix="${avtEscape(n.prefix)}"/>`);
  for (const p of selected.patterns) {
    const id = p.id !== undefined ? ` id="${avtEscape(p.id)}"` : '';
    const name = p.name !== undefined ? ` name="${avtEscape(p.name)}"` : '';
    w.line(`      <svrl:active-pattern${id}${name}/>`, p.at);
  }
  selected.patterns.forEach((_, pi) => w.line(`      <xsl:apply-templates select="." mode="tk:p${pi}"/>`));
  w.line('    </svrl:schematron-output>');
  w.line('  </xsl:template>');

  selected.patterns.forEach((p, pi) => {
    const mode = `tk:p${pi}`;
    w.line(`  <xsl:mode name="${mode}" on-no-match="shallow-skip"/>`, p.at);
    p.rules.forEach((r, k) => {
      w.line(`  <xsl:template match="${attrEscape(matchPattern(r.context))}" mode="${mode}" priority="${p.rules.length - k}">`, r.at);
      for (const l of r.lets) writeLet(w, l, '    ');
      const fired = [`context="${avtEscape(r.context)}"`];
      if (r.id !== undefined) fired.push(`id="${avtEscape(r.id)}"`);
      if (r.role !== undefined) fired.push(`role="${avtEscape(r.role)}"`);
      if (r.flag !== undefined) fired.push(`flag="${avtEscape(r.flag)}"`);
      w.line(`    <xsl:if test="$tk:fired"><svrl:fired-rule ${fired.join(' ')}/></xsl:if>`, r.at);
      for (const c of r.checks) writeCheck(w, model, c, r, '    ', r.id ?? p.id);
      w.line(`    <xsl:apply-templates select="@* | node()" mode="${mode}"/>`, r.at);
      w.line('  </xsl:template>', r.at);
    });
  });
  w.line('</xsl:stylesheet>');
  return { xslt: w.out.join('\n') + '\n', lines: w.lines, phase: selected.id };
}

/**
 * Validation as a stream of events (start tag, text, end tag), so that a file that is only being validated needs
 * no tree: memory follows the document's depth. The matching follows jing's PatternMatcher (the reference our
 * verdicts are compared with): the same derivatives, the same recovery after an error (so that error counts come
 * close to jing's), the same messages, at the positions jing's SAX locator gives:
 *
 * - start-tag problems (element not allowed, attribute not allowed or invalid, required attribute missing): one
 *   column after the `>` of the start tag;
 * - problems found at the end of an element (content incomplete, character content invalid): after the end tag;
 * - "text not allowed here": Xerces hands text to SAX in chunks that end at a line end, and jing checks each chunk
 *   as it arrives, so the locator stands after the last character of each such chunk holding non-whitespace;
 * - IDs (RELAX NG DTD Compatibility, section 4): a duplicate ID is reported at the second element, then "first
 *   occurrence" at the first (once); IDREFs without a matching ID after the whole document.
 */
import { diagnostic, type Diagnostic } from '../../diagnostics.js';
import type { Position, XmlAttribute, XmlStartTag } from '../../xml/index.js';
import { codePoints } from '../../xml/names.js';
import type { ValueContext } from './datatypes/index.js';
import type { IdType } from './datatypes/types.js';
import type { CompiledGrammar } from './grammar.js';
import { contextOf, formatDataFailures, formatList, formatNames, message, quote, type MessageKey, type NameContext } from './messages.js';
import { DATA_CT, isNotAllowed, MIXED_CT, type Pattern } from './patterns/index.js';
import { normalizeNames } from './patterns/names.js';
import { possibleAttributes, possibleStartTags, requiredAttributes, requiredElements } from './patterns/possible.js';

/** A start tag: what the validator reads of `XmlStartTag` (src/xml/events.ts); an `XmlElement` has it too. */
export type StartTag = Pick<XmlStartTag, 'name' | 'prefix' | 'local' | 'uri' | 'attributes' | 'ns' | 'tagEnd' | 'line' | 'column'>;

export interface ValidatorOptions {
  /** File name for diagnostics. */
  file: string;
  /** Stop after this many diagnostics. Default: unlimited. */
  maxErrors?: number;
  /** Check ID/IDREF as RELAX NG DTD Compatibility says. Default true. */
  idCheck?: boolean;
}

export interface Validator {
  startElement(tag: StartTag): void;
  /** Character data inside the root element; `position` is where it starts. */
  text(value: string, position: Position): void;
  /** `end` is the position of the last character of the end tag (or of `/>`). */
  endElement(tag: StartTag, end: Position): void;
  /** The diagnostics, in the order jing reports them; IDREF errors are found here. */
  finish(): Diagnostic[];
}

const XMLNS = 'http://www.w3.org/2000/xmlns/';

/**
 * `expected` is computed for this many diagnostics of a document, then left out: a hostile file can have millions
 * of errors, and describing what was possible walks the content model.
 */
const EXPECTED_LIMIT = 10_000;

interface Open {
  tag: StartTag;
  /** Position among same-named siblings (for `xpath`). */
  index: number;
  parent: Open | undefined;
  depth: number;
  /** This element's `xpath`, made on the first diagnostic that needs it (see `pathOf`). */
  path: string | undefined;
}

/**
 * Paths are kept on open elements down to this depth, so that a diagnostic's `xpath` is its parent's path and one
 * step; deeper ones are built from the nearest kept ancestor (a document of 200,000 nested elements must not keep
 * a path per level: that would be quadratic in memory).
 */
const PATH_KEPT_DEPTH = 256;

function step(o: Open): string {
  return `/${o.tag.prefix ? `${o.tag.prefix}:` : ''}${o.tag.local}[${o.index}]`;
}

function pathOf(o: Open): string {
  if (o.path !== undefined) return o.path;
  const steps: Open[] = [];
  let top: Open | undefined = o;
  while (top !== undefined && top.path === undefined && top.depth >= PATH_KEPT_DEPTH) {
    steps.push(top);
    top = top.parent;
  }
  let path = top === undefined ? '' : keptPath(top);
  for (let i = steps.length - 1; i >= 0; i--) path += step(steps[i]!);
  return path;
}

/** The path of an open element above PATH_KEPT_DEPTH, kept on it and its ancestors. */
function keptPath(o: Open): string {
  const chain: Open[] = [];
  for (let q: Open | undefined = o; q !== undefined && q.path === undefined; q = q.parent) chain.push(q);
  for (let i = chain.length - 1; i >= 0; i--) {
    const q = chain[i]!;
    q.path = (q.parent === undefined ? '' : q.parent.path!) + step(q);
  }
  return o.path!;
}

/** XML whitespace only (S, XML 1.0 section 2.3), without a regular expression: this runs on every text. */
function blank(value: string): boolean {
  for (let i = 0; i < value.length; i++) {
    const c = value.charCodeAt(i);
    if (c !== 0x20 && c !== 0x0a && c !== 0x09 && c !== 0x0d) return false;
  }
  return true;
}

/** Whether `s[from, to)` holds a character other than XML whitespace. */
function hasNonBlank(s: string, from: number, to: number): boolean {
  for (let i = from; i < to; i++) {
    const c = s.charCodeAt(i);
    if (c !== 0x20 && c !== 0x09 && c !== 0x0d) return true;
  }
  return false;
}


/** What an attribute's value may be, for `expected`: `a date`, `"2"`, `a token matching "\S+"`, joined with "or". */
function describeValues(p: Pattern): string {
  const out: string[] = [];
  const stack: Pattern[] = [p];
  const seen = new Set<number>();
  while (stack.length > 0 && out.length < 20) {
    const q = stack.pop()!;
    if (seen.has(q.id)) continue;
    seen.add(q.id);
    if (q.kind === 'choice') stack.push(...[...q.alts!].reverse());
    else if (q.kind === 'after') stack.push(q.a!);
    else if (q.kind === 'value') out.push(quote(q.value!.raw));
    else if (q.kind === 'data' || q.kind === 'dataExcept') {
      const pattern = q.datatype!.params.find((x) => x.name === 'pattern');
      out.push(`a ${q.datatype!.name}${pattern === undefined ? '' : ` matching ${quote(pattern.value)}`}`);
    } else if (q.kind === 'list') out.push('a list of values');
    else if (q.kind === 'text') out.push('any text');
  }
  return formatList([...new Set(out)], 'or');
}

function attributesPossible(p: Pattern): boolean {
  const memo = (p.memo ??= {});
  return (memo.attributesPossible ??= possibleAttributes(p).length > 0);
}

/** A string per set of namespace bindings, for keys of `described` (bindings objects are shared, so few are made). */
const bindingKeys = new WeakMap<object, string>();
const NO_BINDINGS = {};

function bindingsKey(ns: Readonly<Record<string, string>>): string {
  let key = bindingKeys.get(ns);
  if (key === undefined) {
    key = Object.entries(ns).map(([p, uri]) => `${p}=${uri}`).sort().join(' ');
    bindingKeys.set(ns, key);
  }
  return key;
}

/**
 * The "; expected ..." tail of a message, computed once per pattern and namespace bindings for the grammar (in this
 * thread): an invalid corpus repeats the same few mistakes thousands of times, and describing what was possible
 * walks the content model (tei_all's lists name hundreds of elements). Kept up to a budget of characters.
 */
function described(grammar: CompiledGrammar, kind: string, p: Pattern, ns: Readonly<Record<string, string>> | undefined, compute: () => string): string {
  const key = `${kind}${p.id} ${bindingsKey(ns ?? NO_BINDINGS)}`;
  const tails = grammar.messageTails;
  const known = tails.get(key);
  if (known !== undefined) return known;
  const tail = compute();
  if (grammar.messageTailChars < MESSAGE_TAIL_BUDGET) {
    tails.set(key, tail);
    grammar.messageTailChars += tail.length + key.length;
  }
  return tail;
}

/** Characters of message tails kept per grammar (about 16 MB at most). */
const MESSAGE_TAIL_BUDGET = 8_000_000;

export function createValidator(grammar: CompiledGrammar, options: ValidatorOptions): Validator {
  const { file } = options;
  const maxErrors = options.maxErrors ?? Infinity;
  const idCheck = options.idCheck ?? true;
  const d = grammar.derivs;
  const out: Diagnostic[] = [];
  let stopped = false;

  let memo: Pattern = grammar.start;
  let hadError = false;
  let ignoreNext = false;
  let textTyped = false;
  let buffering = false;
  let buffer = '';
  const stack: Open[] = [];
  /**
   * `counts[k]`: how many elements of each name (by id) the open element at depth k - 1 has had as children so far
   * (`counts[0]`: the root). One map per depth, cleared when a new element opens there, not one per element.
   */
  const counts: Array<Map<number, number>> = [];

  const ids = new Map<string, { line: number; column: number; xpath: string } | null>();
  const idrefs: Array<{ value: string; line: number; column: number; xpath: string }> = [];

  const xpath = (): string => pathOf(stack[stack.length - 1]!);

  const push = (pos: Position, text: string, ruleId: string, extra: Partial<Diagnostic> = {}): void => {
    if (stopped) return;
    // SAX locators (Xerces, hence jing) stand just after the last character read: one column past it.
    const diag = diagnostic({ file, line: pos.line, column: pos.column + 1, message: text, ruleId, source: 'relaxng', ...extra });
    if (stack.length > 0) diag.xpath = xpath();
    out.push(diag);
    if (out.length >= maxErrors) stopped = true;
  };

  const ignoreError = (): boolean => hadError && isNotAllowed(memo);
  /** The message of the last error reported (jing's matcher keeps it: see `repeatLast`). */
  let lastMessage: string | undefined;
  /**
   * jing's PatternMatcher returns "no match" from matchEndTag and from typed text without describing a new error
   * when the content was fine but what follows the element is not allowed (inside an element that was itself
   * reported, such as a child of an unknown element), and its SAX layer then reports the matcher's last message
   * again, at this position. So that error lines and counts are jing's, the same happens here.
   */
  const repeatLast = (pos: Position): void => {
    if (lastMessage !== undefined) push(pos, lastMessage, 'relaxng');
  };

  /** jing's error(): reported unless the error is a consequence of an earlier one. */
  const error = (pos: Position, key: MessageKey, args: () => string[], expected?: () => string, actual?: string): void => {
    if (ignoreError()) return;
    hadError = true;
    const describe = out.length < EXPECTED_LIMIT;
    const a = args();
    if (!describe && a.length > 1) a[a.length - 1] = '';
    const extra: Partial<Diagnostic> = {};
    if (describe && expected !== undefined) {
      const e = expected();
      if (e !== '') extra.expected = e;
      if (actual !== undefined && e !== '') extra.actual = actual;
    }
    lastMessage = message(key, ...a);
    push(pos, lastMessage, 'relaxng', extra);
  };

  const ctxOf = (tag: StartTag | undefined): NameContext => contextOf(tag?.ns ?? {});
  // The tokenizer shares one bindings object between an element and its children unless they declare namespaces,
  // so the context of the last bindings seen is nearly always the one asked for.
  let contextNs: Readonly<Record<string, string>> | undefined;
  let context: ValueContext | undefined;
  const valueContext = (tag: StartTag): ValueContext => {
    if (tag.ns === contextNs) return context!;
    const ns = (contextNs = tag.ns);
    return (context = {
      resolve: (prefix) => (prefix === 'xml' ? 'http://www.w3.org/XML/1998/namespace' : prefix === '' ? (ns[''] ?? '') : ns[prefix]),
    });
  };

  /** jing's expectedContent: what the current element allows at this point. */
  const expectedContent = (tag: StartTag | undefined): string => described(grammar, 'c', memo, tag?.ns, () => {
    const ctx = ctxOf(tag);
    const parts: string[] = [];
    if (!isNotAllowed(d.endTag(memo))) parts.push(message('element_end_tag'));
    const ct = d.emptyAfter(memo).contentType;
    if (ct === MIXED_CT) {
      if (!isNotAllowed(d.mixedText(memo))) parts.push(message('text'));
    } else if (ct === DATA_CT) parts.push(message('data'));
    const nn = normalizeNames(possibleStartTags(memo));
    if (nn.names.length > 0) {
      parts.push(message('element_list', formatNames(nn.names, false, 'or', ctx)));
      if (nn.wildcard) parts.push(message('element_other_ns'));
    }
    return parts.length === 0 ? '' : message('expected', formatList(parts, 'or'));
  });

  const expectedAttributes = (tag: StartTag): string => described(grammar, 'a', memo, tag.ns, () => {
    const nn = normalizeNames(possibleAttributes(memo));
    if (nn.names.length === 0) return '';
    return message(nn.wildcard ? 'expected_attribute_or_other_ns' : 'expected_attribute', formatNames(nn.names, true, 'or', ctxOf(tag)));
  });

  const strip = (tail: string): string => tail.replace(/^; expected /, '');

  const startTagOpen = (tag: StartTag, key: number): void => {
    const next = d.startTagOpen(memo, tag.uri, tag.local, key);
    if (!isNotAllowed(next)) {
      memo = next;
      return;
    }
    const ctx = ctxOf(tag);
    const recovered = d.startTagOpenRecover(memo, tag.uri, tag.local, key);
    if (!isNotAllowed(recovered)) {
      const missing = requiredElements(memo);
      if (missing.length > 0) {
        error(tag.tagEnd, missing.length === 1 ? 'unexpected_element_required_element_missing' : 'unexpected_element_required_elements_missing',
          () => [quote(tag.name), formatNames(missing, false, 'and', ctx)]);
      } else {
        let tail = '';
        error(tag.tagEnd, 'element_not_allowed_yet', () => [quote(tag.name), (tail = expectedContent(tag))], () => strip(tail));
      }
      memo = recovered;
      return;
    }
    const found = grammar.builder.after(grammar.findElement(tag.uri, tag.local, key), memo);
    let tail = '';
    error(tag.tagEnd, isNotAllowed(found) ? 'unknown_element' : 'out_of_context_element', () => [quote(tag.name), (tail = expectedContent(tag))], () => strip(tail));
    memo = found;
  };

  const attribute = (tag: StartTag, a: XmlAttribute): void => {
    const key = d.names.id(a.uri, a.local);
    const next = d.startAttribute(memo, a.uri, a.local, key);
    if (!isNotAllowed(next)) {
      memo = next;
      const afterValue = d.data(memo, a.value, valueContext(tag));
      if (!isNotAllowed(afterValue)) {
        memo = afterValue;
        return;
      }
      const failures = d.dataFailures(memo, a.value, valueContext(tag));
      const allowed = describeValues(memo);
      error(tag.tagEnd, 'invalid_attribute_value', () => [quote(a.name), formatDataFailures(a.value, failures, ctxOf(tag))],
        () => allowed, a.value);
      memo = d.recoverAfter(memo);
      return;
    }
    // the value of an attribute that is not allowed is not checked (jing's ignoreNextEndTagOrAttributeValue)
    if (ignoreError()) return;
    if (!attributesPossible(memo)) error(tag.tagEnd, 'no_attributes_allowed', () => [quote(a.name)]);
    else {
      let tail = '';
      error(tag.tagEnd, 'invalid_attribute_name', () => [quote(a.name), (tail = expectedAttributes(tag))], () => tail.replace(/^; expected /, ''));
    }
  };

  const startTagClose = (tag: StartTag): void => {
    const next = d.endAttributes(memo);
    if (!isNotAllowed(next)) memo = next;
    else {
      if (!ignoreError()) {
        const ctx = ctxOf(tag);
        const missing = requiredAttributes(memo);
        if (missing.length === 0) {
          let tail = '';
          error(tag.tagEnd, 'required_attributes_missing_expected', () => [quote(tag.name), (tail = expectedAttributes(tag))], () => tail.replace(/^; expected /, ''));
        } else {
          error(tag.tagEnd, missing.length === 1 ? 'required_attribute_missing' : 'required_attributes_missing',
            () => [quote(tag.name), formatNames(missing, true, 'and', ctx)]);
        }
      }
      memo = d.ignoreMissingAttributes(memo);
    }
    textTyped = memo.contentType === DATA_CT;
  };

  const untypedText = (pos: Position, tag: StartTag | undefined): void => {
    const next = d.mixedText(memo);
    if (!isNotAllowed(next)) {
      memo = next;
      return;
    }
    let tail = '';
    error(pos, 'text_not_allowed', () => [(tail = expectedContent(tag))], () => strip(tail));
  };

  const typedText = (str: string, tag: StartTag, pos: Position): void => {
    textTyped = false;
    const vctx = valueContext(tag);
    const textOnly = d.textOnly(memo);
    const next = d.data(textOnly, str, vctx);
    if (!isNotAllowed(next)) {
      memo = next;
      return;
    }
    const recovered = d.recoverAfter(memo);
    const ok = ignoreError();
    if (!ok && isNotAllowed(recovered) && !isNotAllowed(d.data(d.emptyAfter(textOnly), str, vctx))) repeatLast(pos);
    else if (!ok) {
      const ctx = ctxOf(tag);
      if (possibleStartTags(memo).length > 0 && blank(str)) {
        let tail = '';
        error(pos, 'blank_not_allowed', () => [quote(tag.name), (tail = expectedContent(tag))], () => strip(tail));
      } else {
        const failures = d.dataFailures(textOnly, str, vctx);
        error(pos, 'invalid_element_value', () => [quote(tag.name), formatDataFailures(str, failures, ctx)]);
      }
    }
    memo = recovered;
  };

  const endTag = (tag: StartTag, end: Position): void => {
    if (ignoreNext) {
      ignoreNext = false;
      return;
    }
    if (textTyped) {
      typedText('', tag, end);
      return;
    }
    const next = d.endTag(memo);
    if (!isNotAllowed(next)) {
      memo = next;
      return;
    }
    const ok = ignoreError();
    const recovered = d.recoverAfter(memo);
    if (!ok && isNotAllowed(recovered) && !isNotAllowed(d.endTag(d.emptyAfter(memo)))) repeatLast(end);
    else if (!ok) {
      const ctx = ctxOf(tag);
      const missing = requiredElements(memo);
      if (missing.length > 0) {
        error(end, missing.length === 1 ? 'incomplete_element_required_element_missing' : 'incomplete_element_required_elements_missing',
          () => [quote(tag.name), formatNames(missing, false, 'and', ctx)]);
      } else {
        let tail = '';
        error(end, 'incomplete_element_required_elements_missing_expected', () => [quote(tag.name), (tail = expectedContent(tag))], () => strip(tail));
      }
    }
    memo = recovered;
  };

  const checkIds = (tag: StartTag, byLocal: Map<string, Array<[string, IdType]>>): void => {
    for (const a of tag.attributes) {
      const candidates = byLocal.get(a.local);
      if (candidates === undefined) continue;
      const type = candidates.find(([uri]) => uri === a.uri)?.[1];
      if (type === undefined) continue;
      const tokens = idTokens(a.value);
      const here = { line: tag.tagEnd.line, column: tag.tagEnd.column, xpath: xpath() };
      if (type === 'ID') {
        if (tokens.length === 1) {
          const id = tokens[0]!;
          if (!ids.has(id)) ids.set(id, here);
          else {
            push(tag.tagEnd, message('duplicate_id', quote(id)), 'relaxng-id');
            const first = ids.get(id);
            if (first !== null && first !== undefined) {
              push(first, message('first_id', quote(id)), 'relaxng-id');
              out[out.length - 1]!.xpath = first.xpath;
              ids.set(id, null);
            }
          }
        } else push(tag.tagEnd, message(tokens.length === 0 ? 'id_no_tokens' : 'id_multiple_tokens'), 'relaxng-id');
      } else if (type === 'IDREF') {
        if (tokens.length === 1) idrefs.push({ value: tokens[0]!, ...here });
        else push(tag.tagEnd, message(tokens.length === 0 ? 'idref_no_tokens' : 'idref_multiple_tokens'), 'relaxng-id');
      } else {
        if (tokens.length === 0) push(tag.tagEnd, message('idrefs_no_tokens'), 'relaxng-id');
        for (const t of tokens) idrefs.push({ value: t, ...here });
      }
    }
  };

  /**
   * Where Xerces ends the chunks of a text: at line ends; each chunk holding non-whitespace is checked, with the
   * locator after the chunk's last character (its column counted in code points).
   */
  const textChunks = (value: string, pos: Position, tag: StartTag | undefined): void => {
    // Text allowed here and after it (mixed content): every chunk would pass, and nothing needs a position.
    const next = d.mixedText(memo);
    if (!isNotAllowed(next) && d.mixedText(next) === next) {
      memo = next;
      return;
    }
    let line = pos.line;
    let column = pos.column;
    let from = 0;
    while (from <= value.length) {
      let nl = value.indexOf('\n', from);
      if (nl < 0) nl = value.length;
      if (nl > from && hasNonBlank(value, from, nl)) {
        let last = nl - 1;
        const c = value.charCodeAt(last);
        if (c >= 0xdc00 && c <= 0xdfff && last > from) last--;
        untypedText({ line, column: column + codePoints(value, from, last) }, tag);
      }
      if (nl === value.length) break;
      from = nl + 1;
      line++;
      column = 1;
    }
  };

  return {
    startElement(tag) {
      if (stopped) return;
      const parent = stack[stack.length - 1];
      if (buffering) {
        buffering = false;
        if (!blank(buffer)) untypedText(tag.tagEnd, parent?.tag);
        buffer = '';
      }
      const key = d.names.id(tag.uri, tag.local);
      const depth = stack.length;
      const siblings = (counts[depth] ??= new Map());
      const index = (siblings.get(key) ?? 0) + 1;
      siblings.set(key, index);
      counts[depth + 1]?.clear();
      stack.push({ tag, index, parent, depth, path: undefined });
      startTagOpen(tag, key);
      for (const a of tag.attributes) {
        if (a.uri === XMLNS) continue;
        attribute(tag, a);
      }
      startTagClose(tag);
      if (textTyped) {
        buffering = true;
        buffer = '';
      }
      if (idCheck) {
        const byLocal = grammar.idIndex.get(key);
        if (byLocal !== undefined) checkIds(tag, byLocal);
      }
    },
    text(value, position) {
      if (stopped || stack.length === 0) return;
      if (buffering) {
        buffer += value;
        return;
      }
      if (blank(value)) return;
      textChunks(value, position, stack[stack.length - 1]!.tag);
    },
    endElement(tag, end) {
      if (stopped) return;
      if (buffering) {
        buffering = false;
        if (buffer.length > 0) {
          const text = buffer;
          buffer = '';
          if (textTyped) {
            ignoreNext = true;
            typedText(text, tag, end);
          } else if (!blank(text)) untypedText(end, tag);
        }
      }
      endTag(tag, end);
      stack.pop();
    },
    finish() {
      if (!stopped && idCheck) {
        for (const r of idrefs) {
          if (!ids.has(r.value)) {
            push(r, message('missing_id', quote(r.value)), 'relaxng-id');
            out[out.length - 1]!.xpath = r.xpath;
          }
        }
      }
      return out;
    },
  };
}

/** The tokens of an ID, IDREF or IDREFS value (split at XML whitespace); one token without a regular expression. */
function idTokens(value: string): string[] {
  let plain = value.length > 0;
  for (let i = 0; i < value.length && plain; i++) {
    const c = value.charCodeAt(i);
    if (c === 0x20 || c === 0x0a || c === 0x09 || c === 0x0d) plain = false;
  }
  return plain ? [value] : value.split(/[ \t\n\r]+/).filter((t) => t !== '');
}

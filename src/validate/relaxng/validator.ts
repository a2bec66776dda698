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
import type { ValueContext } from './datatypes/index.js';
import type { IdType } from './datatypes/types.js';
import { isBlank } from './datatypes/whitespace.js';
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
  counts: Map<string, number> | undefined;
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
  let rootCounts: Map<string, number> | undefined;

  const ids = new Map<string, { line: number; column: number; xpath: string } | null>();
  const idrefs: Array<{ value: string; line: number; column: number; xpath: string }> = [];

  const xpath = (): string => stack.map((o) => `${o.tag.prefix ? `${o.tag.prefix}:` : ''}${o.tag.local}[${o.index}]`).join('/').replace(/^/, '/');

  const push = (pos: Position, text: string, ruleId: string, extra: Partial<Diagnostic> = {}): void => {
    if (stopped) return;
    // SAX locators (Xerces, hence jing) stand just after the last character read: one column past it.
    const diag = diagnostic({ file, line: pos.line, column: pos.column + 1, message: text, ruleId, source: 'relaxng', ...extra });
    if (stack.length > 0) diag.xpath = xpath();
    out.push(diag);
    if (out.length >= maxErrors) stopped = true;
  };

  const ignoreError = (): boolean => hadError && isNotAllowed(memo);

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
    push(pos, message(key, ...a), 'relaxng/invalid', extra);
  };

  const ctxOf = (tag: StartTag | undefined): NameContext => contextOf(tag?.ns ?? {});
  const valueContext = (tag: StartTag): ValueContext => ({
    resolve: (prefix) => (prefix === 'xml' ? 'http://www.w3.org/XML/1998/namespace' : prefix === '' ? (tag.ns[''] ?? '') : tag.ns[prefix]),
  });

  /** jing's expectedContent: what the current element allows at this point. */
  const expectedContent = (ctx: NameContext): string => {
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
  };

  const expectedAttributes = (ctx: NameContext): string => {
    const nn = normalizeNames(possibleAttributes(memo));
    if (nn.names.length === 0) return '';
    return message(nn.wildcard ? 'expected_attribute_or_other_ns' : 'expected_attribute', formatNames(nn.names, true, 'or', ctx));
  };

  const strip = (tail: string): string => tail.replace(/^; expected /, '');

  const startTagOpen = (tag: StartTag): void => {
    const key = `${tag.uri}\u0000${tag.local}`;
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
        error(tag.tagEnd, 'element_not_allowed_yet', () => [quote(tag.name), (tail = expectedContent(ctx))], () => strip(tail));
      }
      memo = recovered;
      return;
    }
    const found = grammar.builder.after(grammar.findElement(tag.uri, tag.local, key), memo);
    let tail = '';
    error(tag.tagEnd, isNotAllowed(found) ? 'unknown_element' : 'out_of_context_element', () => [quote(tag.name), (tail = expectedContent(ctx))], () => strip(tail));
    memo = found;
  };

  const attribute = (tag: StartTag, a: XmlAttribute): void => {
    const key = `${a.uri}\u0000${a.local}`;
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
    const ctx = ctxOf(tag);
    if (possibleAttributes(memo).length === 0) error(tag.tagEnd, 'no_attributes_allowed', () => [quote(a.name)]);
    else {
      let tail = '';
      error(tag.tagEnd, 'invalid_attribute_name', () => [quote(a.name), (tail = expectedAttributes(ctx))], () => tail.replace(/^; expected /, ''));
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
          error(tag.tagEnd, 'required_attributes_missing_expected', () => [quote(tag.name), (tail = expectedAttributes(ctx))], () => tail.replace(/^; expected /, ''));
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
    error(pos, 'text_not_allowed', () => [(tail = expectedContent(ctxOf(tag)))], () => strip(tail));
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
    if (!ignoreError() && (!isNotAllowed(recovered) || isNotAllowed(d.data(d.emptyAfter(textOnly), str, vctx)))) {
      const ctx = ctxOf(tag);
      if (possibleStartTags(memo).length > 0 && isBlank(str)) {
        let tail = '';
        error(pos, 'blank_not_allowed', () => [quote(tag.name), (tail = expectedContent(ctx))], () => strip(tail));
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
    if (!ok && (!isNotAllowed(recovered) || isNotAllowed(d.endTag(d.emptyAfter(memo))))) {
      const ctx = ctxOf(tag);
      const missing = requiredElements(memo);
      if (missing.length > 0) {
        error(end, missing.length === 1 ? 'incomplete_element_required_element_missing' : 'incomplete_element_required_elements_missing',
          () => [quote(tag.name), formatNames(missing, false, 'and', ctx)]);
      } else {
        let tail = '';
        error(end, 'incomplete_element_required_elements_missing_expected', () => [quote(tag.name), (tail = expectedContent(ctx))], () => strip(tail));
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
      const tokens = a.value.split(/[ \t\n\r]+/).filter((t) => t !== '');
      const here = { line: tag.tagEnd.line, column: tag.tagEnd.column, xpath: xpath() };
      if (type === 'ID') {
        if (tokens.length === 1) {
          const id = tokens[0]!;
          if (!ids.has(id)) ids.set(id, here);
          else {
            push(tag.tagEnd, message('duplicate_id', quote(id)), 'relaxng/id');
            const first = ids.get(id);
            if (first !== null && first !== undefined) {
              push(first, message('first_id', quote(id)), 'relaxng/id');
              out[out.length - 1]!.xpath = first.xpath;
              ids.set(id, null);
            }
          }
        } else push(tag.tagEnd, message(tokens.length === 0 ? 'id_no_tokens' : 'id_multiple_tokens'), 'relaxng/id');
      } else if (type === 'IDREF') {
        if (tokens.length === 1) idrefs.push({ value: tokens[0]!, ...here });
        else push(tag.tagEnd, message(tokens.length === 0 ? 'idref_no_tokens' : 'idref_multiple_tokens'), 'relaxng/id');
      } else {
        if (tokens.length === 0) push(tag.tagEnd, message('idrefs_no_tokens'), 'relaxng/id');
        for (const t of tokens) idrefs.push({ value: t, ...here });
      }
    }
  };

  /** Where Xerces ends the chunks of a text: at line ends; each chunk with non-whitespace is checked. */
  const textChunks = (value: string, pos: Position, tag: StartTag | undefined): void => {
    let line = pos.line;
    let column = pos.column;
    let seen = false;
    let last: Position = { line, column };
    for (const ch of value) {
      if (ch === '\n') {
        if (seen) untypedText(last, tag);
        seen = false;
        line++;
        column = 1;
        continue;
      }
      if (ch !== ' ' && ch !== '\t' && ch !== '\r') seen = true;
      last = { line, column };
      column++;
    }
    if (seen) untypedText(last, tag);
  };

  return {
    startElement(tag) {
      if (stopped) return;
      const parent = stack[stack.length - 1];
      if (buffering) {
        buffering = false;
        if (!isBlank(buffer)) untypedText(tag.tagEnd, parent?.tag);
        buffer = '';
      }
      const key = `${tag.uri}\u0000${tag.local}`;
      let counts: Map<string, number>;
      if (parent === undefined) counts = rootCounts ??= new Map();
      else counts = parent.counts ??= new Map();
      const index = (counts.get(key) ?? 0) + 1;
      counts.set(key, index);
      stack.push({ tag, index, counts: undefined });
      startTagOpen(tag);
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
      if (isBlank(value)) return;
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
          } else if (!isBlank(text)) untypedText(end, tag);
        }
      }
      endTag(tag, end);
      stack.pop();
    },
    finish() {
      if (!stopped && idCheck) {
        for (const r of idrefs) {
          if (!ids.has(r.value)) {
            push(r, message('missing_id', quote(r.value)), 'relaxng/id');
            out[out.length - 1]!.xpath = r.xpath;
          }
        }
      }
      return out;
    },
  };
}

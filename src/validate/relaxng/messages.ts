/**
 * jing's wording, in one place: the validation messages of jing's com/thaiopensource/relaxng/pattern/resources/
 * Messages.properties, with its way of spelling names (prefixes as bound where the error is, invented bindings
 * for namespaces not bound there: `element "TEI" (with xmlns="http://www.tei-c.org/ns/1.0")`) and lists
 * (`"a", "b" or "c"`). Since jing is the reference our diagnostics are compared with, the texts follow it exactly.
 */
import type { DataFailure } from './derivative.js';

const TEMPLATES = {
  unknown_element: 'element {0} not allowed anywhere{1}',
  unexpected_element_required_element_missing: 'element {0} not allowed yet; missing required element {1}',
  unexpected_element_required_elements_missing: 'element {0} not allowed yet; missing required elements {1}',
  element_not_allowed_yet: 'element {0} not allowed yet{1}',
  out_of_context_element: 'element {0} not allowed here{1}',
  no_attributes_allowed: 'found attribute {0}, but no attributes allowed here',
  invalid_attribute_name: 'attribute {0} not allowed here{1}',
  invalid_attribute_value: 'value of attribute {0} is invalid{1}',
  required_attributes_missing_expected: 'element {0} missing one or more required attributes{1}',
  required_attribute_missing: 'element {0} missing required attribute {1}',
  required_attributes_missing: 'element {0} missing required attributes {1}',
  incomplete_element_required_elements_missing_expected: 'element {0} incomplete{1}',
  incomplete_element_required_element_missing: 'element {0} incomplete; missing required element {1}',
  incomplete_element_required_elements_missing: 'element {0} incomplete; missing required elements {1}',
  text_not_allowed: 'text not allowed here{0}',
  invalid_element_value: 'character content of element {0} invalid{1}',
  blank_not_allowed: 'empty content for element {0} not allowed{1}',
  schema_allows_nothing: 'schema does not allow anything: it is equivalent to <notAllowed/>',
  id_no_tokens: 'value of attribute of type ID contained no tokens',
  id_multiple_tokens: 'value of attribute of type ID contained multiple tokens',
  idref_no_tokens: 'value of attribute of type IDREF contained no tokens',
  idref_multiple_tokens: 'value of attribute of type IDREF contained multiple tokens',
  idrefs_no_tokens: 'value of attribute of type IDREFS contained no tokens',
  missing_id: 'IDREF {0} without matching ID',
  duplicate_id: 'ID {0} has already been defined',
  first_id: 'first occurrence of ID {0}',
  expected: '; expected {0}',
  element_end_tag: 'the element end-tag',
  text: 'text',
  data: 'data',
  element_list: 'element {0}',
  element_other_ns: 'an element from another namespace',
  expected_attribute: '; expected attribute {0}',
  expected_attribute_or_other_ns: '; expected attribute {0} or an attribute from another namespace',
  data_failures: '; {0}',
  token_failures: '; token {0} invalid; {1}',
  missing_token: '; missing token; {0}',
  require_values: 'must be equal to {0}',
  require_qnames: 'must be a QName equal to {0}',
  qnames_nsdecls: '{0} (with {1})',
} as const;

export type MessageKey = keyof typeof TEMPLATES;

export function message(key: MessageKey, ...args: string[]): string {
  return TEMPLATES[key].replace(/\{(\d)\}/g, (_, i: string) => args[Number(i)] ?? '');
}

/** Namespace bindings where an error is reported. */
export interface NameContext {
  /** The URI bound to a prefix (`''`: the default namespace), undefined if none. */
  resolve(prefix: string): string | undefined;
  /** A non-empty prefix bound to `ns`, undefined if none. */
  prefixFor(ns: string): string | undefined;
}

export function contextOf(bindings: Readonly<Record<string, string>>): NameContext {
  return {
    resolve: (prefix) => {
      if (prefix === 'xml') return 'http://www.w3.org/XML/1998/namespace';
      const v = bindings[prefix];
      return prefix === '' && v === '' ? undefined : v;
    },
    prefixFor: (ns) => {
      if (ns === 'http://www.w3.org/XML/1998/namespace') return 'xml';
      for (const [p, uri] of Object.entries(bindings)) if (p !== '' && uri === ns) return p;
      return undefined;
    },
  };
}

export function quote(s: string): string {
  return `"${s.replace(/[<"&\n\r\t]/g, (c) => ({ '<': '&lt;', '"': '&quot;', '&': '&amp;', '\n': '&#xA;', '\r': '&#xD;', '\t': '&#x9;' })[c]!)}"`;
}

export function formatList(items: readonly string[], conjunction: 'or' | 'and'): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} ${conjunction} ${items[items.length - 1]}`;
}

const GENERATED = ['ns', 'ns-', 'ns_', 'NS', 'NS-', 'NS_'];

/** jing's formatNames: sorted quoted QNames, with invented bindings for namespaces not bound where the error is. */
export function formatNames(names: ReadonlyArray<{ ns: string; local: string }>, attribute: boolean, conjunction: 'or' | 'and', ctx: NameContext): string {
  if (names.length === 0) return '';
  const decls = new Map<string, string>();
  let defaultNs: string | undefined;
  if (attribute) defaultNs = '';
  else {
    defaultNs = ctx.resolve('');
    if (names.some((n) => n.ns === '')) {
      if (defaultNs !== undefined) decls.set('', '');
      defaultNs = '';
    }
  }
  const qnames: string[] = [];
  const undeclared = new Set<string>();
  const later: Array<{ ns: string; local: string }> = [];
  for (const n of names) {
    const prefix = n.ns === defaultNs ? '' : ctx.prefixFor(n.ns);
    if (prefix === undefined) {
      undeclared.add(n.ns);
      later.push(n);
    } else qnames.push(prefix === '' ? n.local : `${prefix}:${n.local}`);
  }
  if (later.length > 0) {
    if (undeclared.size === 1 && defaultNs === undefined) decls.set([...undeclared][0]!, '');
    else {
      const list = [...undeclared].sort();
      for (let t = 0; ; t++) {
        const prefix = t < GENERATED.length ? GENERATED[t]! : `_${'ns'}`.padStart(t, '_');
        const candidates = list.map((_, i) => (list.length === 1 ? prefix : `${prefix}${i + 1}`));
        if (candidates.every((c) => ctx.resolve(c) === undefined)) {
          list.forEach((ns, i) => decls.set(ns, candidates[i]!));
          break;
        }
      }
    }
    for (const n of later) {
      const prefix = decls.get(n.ns)!;
      qnames.push(prefix === '' ? n.local : `${prefix}:${n.local}`);
    }
  }
  qnames.sort(compareJava);
  let result = formatList([...new Set(qnames)].map(quote), conjunction);
  if (decls.size > 0) {
    const list = [...decls].map(([ns, prefix]) => `${prefix === '' ? 'xmlns' : `xmlns:${prefix}`}=${quote(ns)}`).sort(compareJava);
    result = message('qnames_nsdecls', result, list.join(' '));
  }
  return result;
}

/** Java's String.compareTo: by UTF-16 code units (JavaScript's default sort order). */
function compareJava(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** jing's formatDataDerivFailures: the tail after "value of attribute X is invalid" and "character content ... invalid". */
export function formatDataFailures(str: string, failures: readonly DataFailure[], ctx: NameContext): string {
  if (failures.length === 0) return '';
  const seen = new Set<string>();
  const unique = failures.filter((f) => {
    const k = JSON.stringify(f);
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
  const values: string[] = [];
  const qnames: Array<{ ns: string; local: string }> = [];
  const messages: string[] = [];
  let token: DataFailure['token'] | null | undefined;
  for (const f of unique) {
    if (f.value !== undefined) values.push(f.value);
    else if (f.qname !== undefined) qnames.push(f.qname);
    else if (f.message !== undefined) {
      if (!messages.includes(f.message)) messages.push(f.message);
    } else if (f.except === true) return '';
    if (token === undefined) token = f.token ?? null;
    else if (token !== null && (f.token === undefined || f.token.index !== token.index)) token = null;
  }
  if (values.length > 0) messages.push(message('require_values', formatList([...new Set(values)].sort(compareJava).map(quote), 'or')));
  if (qnames.length > 0) messages.push(message('require_qnames', formatNames(qnames, false, 'or', ctx)));
  if (messages.length === 0) return '';
  const arg = formatList(messages, 'or');
  if (token !== undefined && token !== null && token.end <= str.length) {
    if (token.start === str.length) return message('missing_token', arg);
    return message('token_failures', quote(str.slice(token.start, token.end)), arg);
  }
  return message('data_failures', arg);
}

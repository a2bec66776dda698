/**
 * teikit's edition rules: one file per rule, each with a stable `ruleId`. They complement RelaxNG with what a
 * grammar cannot say (pointers resolve, ids are unique, dates are real days, registers are used).
 */
import type { Diagnostic } from '../../diagnostics.js';
import type { XmlDocument } from '../../xml/index.js';
import { ruleContext, type Rule } from './context.js';
import { dateValid } from './date-valid.js';
import { geoRange } from './geo-range.js';
import { idUnique } from './id-unique.js';
import { nameHasRef } from './name-has-ref.js';
import { pointerResolves } from './pointer-resolves.js';
import { registerUnused } from './register-unused.js';

export type { Rule, RuleContext } from './context.js';
export { checkW3cDate } from './date-valid.js';

/** Every rule, in the order their diagnostics are reported for one element. */
export const RULES: readonly Rule[] = [idUnique, pointerResolves, dateValid, nameHasRef, registerUnused, geoRange];

/** Run the edition rules on a parsed document; diagnostics sorted by position. */
export function checkRules(doc: XmlDocument, options: { file?: string; rules?: readonly Rule[] } = {}): Diagnostic[] {
  const context = ruleContext(doc, options.file ?? doc.file);
  const out: Diagnostic[] = [];
  // One push per diagnostic: spreading 10^5 of them into one call would overflow the stack.
  for (const rule of options.rules ?? RULES) for (const d of rule.check(context)) out.push(d);
  return sortDiagnostics(out);
}

/** Stable sort by line, then column (diagnostics of one position keep rule order). */
export function sortDiagnostics(list: Diagnostic[]): Diagnostic[] {
  return list
    .map((d, i) => ({ d, i }))
    .sort((a, b) => a.d.line - b.d.line || a.d.column - b.d.column || a.i - b.i)
    .map(({ d }) => d);
}

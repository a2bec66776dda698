/**
 * `rules/pointer-resolves`: every local pointer (`#id`) in `@ref`, `@corresp`, `@target` and `@who` names an `xml:id` of
 * the document. These attributes hold lists of `teidata.pointer` (TEI Guidelines, 1.3.1.1.3 and att.canonical,
 * att.pointing, att.global.linking); each token is checked. Tokens that are not local (`http://…`, `other.xml#x`)
 * are out of scope: they point outside the document. Only TEI elements are checked.
 */
import { excerpt } from '../../diagnostics.js';
import { LOCAL_POINTER_ATTRIBUTES } from '../../tei/index.js';
import { TEI_NS } from '../../xml/index.js';
import { localTarget, ruleDiagnostic, tokens, type Rule } from './context.js';

const POINTER_ATTRIBUTES: readonly string[] = LOCAL_POINTER_ATTRIBUTES;

export const pointerResolves: Rule = {
  id: 'rules/pointer-resolves',
  check(context) {
    const out = [];
    for (const el of context.elements) {
      // Only TEI elements: @target or @ref of other vocabularies (XInclude, SVG) follow their own rules.
      if (el.uri !== TEI_NS) continue;
      for (const a of el.attributes) {
        if (a.uri !== '' || !POINTER_ATTRIBUTES.includes(a.local)) continue;
        for (const token of tokens(a.value)) {
          if (!token.startsWith('#')) continue;
          const id = localTarget(token);
          if (id === '') {
            out.push(ruleDiagnostic(context, this.id, el, `@${a.name} on <${el.name}> has an empty pointer "#"`, { actual: token }));
          } else if (!context.ids.has(id)) {
            out.push(
              ruleDiagnostic(context, this.id, el, `@${a.name}="${excerpt(token, 80)}" on <${el.name}> points to no xml:id "${excerpt(id, 80)}" in this document`, {
                actual: token,
              }),
            );
          }
        }
      }
    }
    return out;
  },
};

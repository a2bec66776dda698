/**
 * `rules/name-has-ref`: in the body of the text, every name (src/tei/names.ts: `placeName`, `settlement`, `region`,
 * `country`, `bloc`, `district`, `geogName`, `persName`, `orgName`, `rs`, `name`) says which entity it names, with
 * `@ref` (a pointer into a register, TEI Guidelines 13.1.1 and 13.3.1), `@key` or `@corresp` (the reference
 * attributes of src/tei/pointers.ts). A name nested in a name that already carries a reference is part of that
 * reference and exempt.
 */
import { isNameElement, REFERENCE_ATTRIBUTES } from '../../tei/index.js';
import { TEI_NS, attr, type XmlElement } from '../../xml/index.js';
import { ruleDiagnostic, type Rule } from './context.js';

function isName(el: XmlElement): boolean {
  return el.uri === TEI_NS && isNameElement(el.local);
}

function hasReference(el: XmlElement): boolean {
  return REFERENCE_ATTRIBUTES.some((a) => attr(el, a) !== undefined);
}

export const nameHasRef: Rule = {
  id: 'rules/name-has-ref',
  check(context) {
    const out = [];
    for (const el of context.elements) {
      if (!isName(el) || hasReference(el)) continue;
      let inBody = false;
      let exempt = false;
      for (let p = el.parent; p.type === 'element'; p = p.parent) {
        if (isName(p) && hasReference(p)) exempt = true;
        if (p.uri === TEI_NS && p.local === 'body') {
          inBody = true;
          break;
        }
      }
      if (inBody && !exempt) {
        out.push(ruleDiagnostic(context, this.id, el, `<${el.name}> in the text body has no @ref pointing to a register entry`, { expected: '@ref' }));
      }
    }
    return out;
  },
};

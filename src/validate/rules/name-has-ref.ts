/**
 * `name-has-ref`: in the body of the text, every `placeName`, `persName`, `orgName`, `rs` and `name` says which
 * entity it names, with `@ref` (a pointer into a register, TEI Guidelines 13.1.1 and 13.3.1) or `@key`. A name
 * nested in a name that already carries a reference is part of that reference and exempt.
 */
import { TEI_NS, attr, type XmlElement } from '../../xml/index.js';
import { ruleDiagnostic, type Rule } from './context.js';

export const NAME_ELEMENTS = ['placeName', 'persName', 'orgName', 'rs', 'name'] as const;

function isName(el: XmlElement): boolean {
  return el.uri === TEI_NS && (NAME_ELEMENTS as readonly string[]).includes(el.local);
}

function hasReference(el: XmlElement): boolean {
  return attr(el, 'ref') !== undefined || attr(el, 'key') !== undefined;
}

export const nameHasRef: Rule = {
  id: 'name-has-ref',
  description: 'every placeName, persName, orgName, rs and name in the text body carries @ref (or @key)',
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

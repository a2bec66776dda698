/**
 * `rules/register-unused` (warning): a register entry (`place`, `org`, `person`, `personGrp` with an `xml:id`, in a
 * `listPlace`, `listOrg` or `listPerson` of `standOff` or `back`) that no pointer of the document names. Such an
 * entry is harmless but usually means a name in the text lost its `@ref`. Any attribute token `#id` counts as a
 * pointer (`@ref`, `@corresp`, `@active`, `@target`, ...).
 */
import { KIND_ELEMENTS, KINDS, REGISTER_SECTIONS } from '../../tei/index.js';
import { TEI_NS, xmlId, type XmlElement } from '../../xml/index.js';
import { localTarget, ruleDiagnostic, tokens, type Rule } from './context.js';
import { table } from '../../tables.js';

/** Entry element -> the list it belongs in (`place` -> `listPlace`, ...). */
const ENTRIES: Readonly<Record<string, string>> = table(Object.fromEntries(KINDS.map((k) => [KIND_ELEMENTS[k].entry, KIND_ELEMENTS[k].list])));

function inRegisterSection(el: XmlElement): boolean {
  const list = el.parent;
  if (list.type !== 'element' || list.uri !== TEI_NS || list.local !== ENTRIES[el.local]) return false;
  for (let p = list.parent; p.type === 'element'; p = p.parent) {
    if (p.uri === TEI_NS && REGISTER_SECTIONS.includes(p.local)) return true;
  }
  return false;
}

export const registerUnused: Rule = {
  id: 'rules/register-unused',
  check(context) {
    const pointedTo = new Set<string>();
    for (const el of context.elements) {
      for (const a of el.attributes) {
        if (a.local === 'id' && a.prefix === 'xml') continue;
        if (!a.value.includes('#')) continue;
        for (const token of tokens(a.value)) if (token.startsWith('#')) pointedTo.add(localTarget(token));
      }
    }
    const out = [];
    for (const el of context.elements) {
      if (el.uri !== TEI_NS || ENTRIES[el.local] === undefined) continue;
      const id = xmlId(el);
      if (id === undefined || pointedTo.has(id) || !inRegisterSection(el)) continue;
      out.push(ruleDiagnostic(context, this.id, el, `register entry <${el.name} xml:id="${id}"> is not referenced by any pointer (#${id})`));
    }
    return out;
  },
};

/**
 * `rules/id-unique`: an `xml:id` occurs once per document (xml:id Recommendation, section 4: "the value of the attribute
 * must be unique within the document"). Reported on every occurrence after the first, naming where the first is.
 */
import { ruleDiagnostic, type Rule } from './context.js';

export const idUnique: Rule = {
  id: 'rules/id-unique',
  check(context) {
    const out = [];
    for (const [id, elements] of context.ids) {
      if (elements.length < 2) continue;
      const first = elements[0]!;
      for (const el of elements.slice(1)) {
        out.push(
          ruleDiagnostic(context, this.id, el, `duplicate xml:id "${id}" on <${el.name}> (first used on <${first.name}> at line ${first.line}, column ${first.column})`, {
            actual: id,
          }),
        );
      }
    }
    return out;
  },
};

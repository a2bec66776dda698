/** `list`. Section 4.20: a list of notAllowed is notAllowed. */
import type { Interner } from './interner.js';
import { DATA_CT, type Pattern } from './pattern.js';

export function list(t: Interner, a: Pattern): Pattern {
  if (a.kind === 'notAllowed') return a;
  return t.intern(`l${a.id}`, 'list', false, DATA_CT, { a });
}

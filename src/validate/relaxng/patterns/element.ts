/**
 * `element`: never shared (section 4.19 makes each `element` of the simplified grammar its own `define`). Its
 * content is set after all element patterns exist, since they refer to each other.
 */
import type { Interner } from './interner.js';
import type { NameClass } from './names.js';
import { ELEMENT_CT, type Pattern } from './pattern.js';

export function element(t: Interner, nameClass: NameClass, id: number): Pattern {
  return t.intern(`e${id}`, 'element', false, ELEMENT_CT, { nameClass });
}

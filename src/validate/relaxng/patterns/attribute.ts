/** `attribute`. Section 4.20: an attribute whose content is notAllowed is notAllowed. */
import type { Interner } from './interner.js';
import { nameClassKey, type NameClass } from './names.js';
import { EMPTY_CT, type Pattern } from './pattern.js';

export function attribute(t: Interner, nameClass: NameClass, content: Pattern): Pattern {
  if (content.kind === 'notAllowed') return t.notAllowed;
  return attributeOf(t, nameClass, content);
}

/** Exactly this attribute (as cache.ts restores it). */
export function attributeOf(t: Interner, nameClass: NameClass, content: Pattern): Pattern {
  return t.intern(`@${nameClassKey(nameClass)}=${content.id}`, 'attribute', false, EMPTY_CT, { nameClass, a: content });
}

/** `oneOrMore`. Sections 4.20 and 4.21: of notAllowed or empty it is its operand; of a oneOrMore the same one. */
import type { Interner } from './interner.js';
import type { Pattern } from './pattern.js';

export function oneOrMore(t: Interner, a: Pattern): Pattern {
  if (a.kind === 'notAllowed' || a.kind === 'empty') return a;
  if (a.kind === 'oneOrMore') return a;
  return oneOrMoreOf(t, a);
}

/** The oneOrMore of exactly this operand (as cache.ts restores it). */
export function oneOrMoreOf(t: Interner, a: Pattern): Pattern {
  return t.intern(`+${a.id}`, 'oneOrMore', a.nullable, a.contentType, { a });
}

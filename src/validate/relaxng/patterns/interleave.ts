/** `interleave`. Section 4.20: notAllowed makes it notAllowed; 4.21: empty is its unit. */
import type { Interner } from './interner.js';
import type { Pattern } from './pattern.js';

export function interleave(t: Interner, a: Pattern, b: Pattern): Pattern {
  if (a.kind === 'notAllowed' || b.kind === 'notAllowed') return t.notAllowed;
  if (a.kind === 'empty') return b;
  if (b.kind === 'empty') return a;
  return interleaveOf(t, a, b);
}

/** The interleave of exactly these operands (as cache.ts restores it). */
export function interleaveOf(t: Interner, a: Pattern, b: Pattern): Pattern {
  return t.intern(`&${a.id},${b.id}`, 'interleave', a.nullable && b.nullable, Math.max(a.contentType, b.contentType), { a, b });
}

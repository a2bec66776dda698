/** `group`. Section 4.20: notAllowed in a group makes it notAllowed; 4.21: empty is the unit of group. */
import type { Interner } from './interner.js';
import type { Pattern } from './pattern.js';

export function group(t: Interner, a: Pattern, b: Pattern): Pattern {
  if (a.kind === 'notAllowed' || b.kind === 'notAllowed') return t.notAllowed;
  if (a.kind === 'empty') return b;
  if (b.kind === 'empty') return a;
  return groupOf(t, a, b);
}

/** The group of exactly these operands (as cache.ts restores it). */
export function groupOf(t: Interner, a: Pattern, b: Pattern): Pattern {
  return t.intern(`,${a.id},${b.id}`, 'group', a.nullable && b.nullable, Math.max(a.contentType, b.contentType), { a, b });
}

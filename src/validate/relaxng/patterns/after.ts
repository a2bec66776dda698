/**
 * `after(p1, p2)` of James Clark's derivative algorithm: "p1 (the content of the element being read), then p2
 * (what the parent allows next)". Never written in a schema; made by the derivatives only.
 */
import type { Interner } from './interner.js';
import type { Pattern } from './pattern.js';

export function after(t: Interner, a: Pattern, b: Pattern): Pattern {
  return t.intern(`>${a.id},${b.id}`, 'after', false, Math.max(a.contentType, b.contentType), { a, b });
}

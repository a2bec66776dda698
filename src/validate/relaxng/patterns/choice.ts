/**
 * `choice`. Choice is associative, commutative and idempotent, so a choice is kept as the set of its alternatives,
 * sorted by id without repeats (at least two, none a choice or notAllowed): derivatives then do not grow with
 * repeated alternatives. Section 4.20: notAllowed is the unit of choice. jing's rules for alternatives that are
 * both `after` patterns keep the derivatives of a content model from multiplying.
 */
import type { Interner } from './interner.js';
import { EMPTY_CT, type Pattern } from './pattern.js';
import { after } from './after.js';

/** Whether a list sorted by id holds `p` (binary search). */
function includes(list: readonly Pattern[], p: Pattern): boolean {
  let lo = 0;
  let hi = list.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const id = list[mid]!.id;
    if (id === p.id) return true;
    if (id < p.id) lo = mid + 1;
    else hi = mid - 1;
  }
  return false;
}

export function choice(t: Interner, a: Pattern, b: Pattern): Pattern {
  if (a === b) return a;
  if (a.kind === 'notAllowed') return b;
  if (b.kind === 'notAllowed') return a;
  if (a.kind === 'after' && b.kind === 'after') {
    if (a.a === b.a) return after(t, a.a!, choice(t, a.b!, b.b!));
    if (a.a!.kind === 'notAllowed') return b;
    if (b.a!.kind === 'notAllowed') return a;
    if (a.b === b.b) return after(t, choice(t, a.a!, b.a!), a.b!);
  }
  // merge two sorted lists of alternatives
  const xs = a.kind === 'choice' ? a.alts! : [a];
  const ys = b.kind === 'choice' ? b.alts! : [b];
  if (ys.length === 1 && xs.length > 1 && includes(xs, ys[0]!)) return a;
  if (xs.length === 1 && ys.length > 1 && includes(ys, xs[0]!)) return b;
  const alts: Pattern[] = [];
  let i = 0;
  let j = 0;
  while (i < xs.length || j < ys.length) {
    const x = xs[i];
    const y = ys[j];
    if (y === undefined || (x !== undefined && x.id < y.id)) {
      alts.push(x!);
      i++;
    } else if (x === undefined || y.id < x.id) {
      alts.push(y);
      j++;
    } else {
      alts.push(x);
      i++;
      j++;
    }
  }
  if (alts.length === xs.length && a.kind === 'choice') return a;
  if (alts.length === ys.length && b.kind === 'choice') return b;
  return choiceOf(t, alts);
}

/** The choice of distinct alternatives sorted by id (none a choice or notAllowed). */
export function choiceOf(t: Interner, alts: Pattern[]): Pattern {
  if (alts.length === 0) return t.notAllowed;
  if (alts.length === 1) return alts[0]!;
  let nullable = false;
  let ct = EMPTY_CT;
  for (const p of alts) {
    if (p.nullable) nullable = true;
    if (p.contentType > ct) ct = p.contentType;
  }
  return t.intern(`|${alts.map((p) => p.id).join(',')}`, 'choice', nullable, ct, { alts });
}

/** `optional` (section 4.14): a choice with empty. */
export function optional(t: Interner, p: Pattern): Pattern {
  return choice(t, p, t.empty);
}

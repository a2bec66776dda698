/**
 * What a pattern allows next, for messages (jing's PossibleStartTagNamesFunction, PossibleAttributeNamesFunction,
 * RequiredElementsFunction and RequiredAttributesFunction).
 */
import type { Pattern } from './index.js';
import type { NameClass } from './names.js';

/** The name classes of the elements that may start now. */
export function possibleStartTags(p: Pattern, out: NameClass[] = [], seen = new Set<number>()): NameClass[] {
  if (seen.has(p.id)) return out;
  seen.add(p.id);
  switch (p.kind) {
    case 'element':
      out.push(p.nameClass!);
      break;
    case 'choice':
      for (const q of p.alts!) possibleStartTags(q, out, seen);
      break;
    case 'group':
      possibleStartTags(p.a!, out, seen);
      if (p.a!.nullable) possibleStartTags(p.b!, out, seen);
      break;
    case 'interleave':
      possibleStartTags(p.a!, out, seen);
      possibleStartTags(p.b!, out, seen);
      break;
    case 'oneOrMore':
    case 'after':
      possibleStartTags(p.a!, out, seen);
      break;
    default:
      break;
  }
  return out;
}

/** The name classes of the attributes that may still come. */
export function possibleAttributes(p: Pattern, out: NameClass[] = [], seen = new Set<number>()): NameClass[] {
  if (seen.has(p.id)) return out;
  seen.add(p.id);
  switch (p.kind) {
    case 'attribute':
      out.push(p.nameClass!);
      break;
    case 'choice':
      for (const q of p.alts!) possibleAttributes(q, out, seen);
      break;
    case 'group':
    case 'interleave':
      possibleAttributes(p.a!, out, seen);
      possibleAttributes(p.b!, out, seen);
      break;
    case 'oneOrMore':
    case 'after':
      possibleAttributes(p.a!, out, seen);
      break;
    default:
      break;
  }
  return out;
}

type Names = Map<string, { ns: string; local: string }>;

function named(nc: NameClass): Names {
  const m: Names = new Map();
  if (nc.kind === 'name') m.set(`{${nc.ns}}${nc.local}`, { ns: nc.ns, local: nc.local });
  return m;
}

function intersect(a: Names, b: Names): Names {
  if (a.size === 0) return a;
  if (b.size === 0) return b;
  const m: Names = new Map();
  for (const [k, v] of a) if (b.has(k)) m.set(k, v);
  return m;
}

function union(a: Names, b: Names): Names {
  if (a.size === 0) return b;
  if (b.size === 0) return a;
  return new Map([...a, ...b]);
}

/** Elements every way on from here needs (a single name each; `a|b` requires neither). */
export function requiredElements(p: Pattern): Array<{ ns: string; local: string }> {
  return [...required(p, false).values()];
}

export function requiredAttributes(p: Pattern): Array<{ ns: string; local: string }> {
  return [...required(p, true).values()];
}

function required(p: Pattern, attributes: boolean): Names {
  switch (p.kind) {
    case 'element':
      return attributes ? new Map() : named(p.nameClass!);
    case 'attribute':
      return attributes ? named(p.nameClass!) : new Map();
    case 'choice': {
      let r: Names | undefined;
      for (const q of p.alts!) {
        const s = required(q, attributes);
        r = r === undefined ? s : intersect(r, s);
        if (r.size === 0) return r;
      }
      return r ?? new Map();
    }
    case 'group':
      if (attributes) return union(required(p.a!, true), required(p.b!, true));
      return p.a!.nullable ? required(p.b!, false) : required(p.a!, false);
    case 'interleave':
      return union(required(p.a!, attributes), required(p.b!, attributes));
    case 'oneOrMore':
    case 'after':
      return required(p.a!, attributes);
    default:
      return new Map();
  }
}

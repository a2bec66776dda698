/**
 * The pattern model of a simplified RELAX NG schema (section 4.21's form) plus the `after` pattern of James Clark's
 * derivative algorithm ("An algorithm for RELAX NG validation", 2002). Every pattern is hash-consed: a builder
 * returns the one object for a given kind and operands, so that equal patterns are `===` and the derivatives
 * memoised on a pattern (derivative.ts) are shared by every place and every element where that pattern occurs.
 *
 * The constructors apply the simplification rules of sections 4.20 and 4.21 (notAllowed and empty), and keep a
 * choice as a set of alternatives (choice is associative, commutative and idempotent), so that derivatives do not
 * grow with repeated alternatives.
 */
import type { Datatype, DatatypeValue } from '../datatypes/types.js';
import { nameClassKey, type NameClass } from './names.js';

/** Content types of section 7.2 (jing's numbering: a larger one wins in a choice). */
export const EMPTY_CT = 0;
export const ELEMENT_CT = 1;
export const MIXED_CT = 2;
export const DATA_CT = 3;

export type Kind =
  | 'empty' | 'notAllowed' | 'text' | 'choice' | 'interleave' | 'group' | 'oneOrMore' | 'list'
  | 'data' | 'dataExcept' | 'value' | 'attribute' | 'element' | 'after';

export interface Pattern {
  readonly id: number;
  readonly kind: Kind;
  readonly nullable: boolean;
  readonly contentType: number;
  /** Operands: choice keeps all alternatives in `alts` (at least two), binary kinds use `a` and `b`. */
  readonly a: Pattern | undefined;
  readonly b: Pattern | undefined;
  readonly alts: readonly Pattern[] | undefined;
  readonly nameClass: NameClass | undefined;
  readonly datatype: Datatype | undefined;
  readonly value: DatatypeValue | undefined;
  /** Element patterns only: the content, set once after all element patterns exist (they refer to each other). */
  content: Pattern | undefined;
  /** Memo tables of derivative.ts, created on first use. */
  memo: PatternMemo | undefined;
}

export interface PatternMemo {
  /** Keyed by the name's id (`NameIds`). */
  startTag?: Map<number, Pattern>;
  startTagRecover?: Map<number, Pattern>;
  startAttribute?: Map<number, Pattern>;
  data?: Map<string, Pattern>;
  endAttributes?: Pattern;
  ignoreMissingAttributes?: Pattern;
  textOnly?: Pattern;
  endTag?: Pattern;
  mixedText?: Pattern;
  recoverAfter?: Pattern;
  emptyAfter?: Pattern;
  /**
   * A choice's element (or attribute) alternatives by name, so that a start tag looks at the few alternatives it
   * can match instead of all (TEI's content models are choices of hundreds of elements).
   */
  elementIndex?: ChoiceIndex;
  attributeIndex?: ChoiceIndex;
  /** Whether an attribute may still come (validator.ts, to choose between two messages). */
  attributesPossible?: boolean;
  /** Whether data derivatives of this pattern depend on the namespace context (QName values). */
  contextual?: boolean;
}

export interface ChoiceIndex {
  /** Name id -> the alternatives of that kind whose name class is names only and holds the name. */
  byName: Map<number, Pattern[]>;
  /** Every other alternative (other kinds, and name classes with wildcards): always looked at. */
  rest: Pattern[];
}

export function isNotAllowed(p: Pattern): boolean {
  return p.kind === 'notAllowed' || (p.kind === 'after' && p.a!.kind === 'notAllowed');
}

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

/** One builder per schema: its table is what makes equal patterns identical. */
export class PatternBuilder {
  private readonly table = new Map<string, Pattern>();
  /** Every pattern made, by id (what cache.ts serialises). */
  readonly all: Pattern[] = [];
  readonly empty: Pattern;
  readonly notAllowed: Pattern;
  readonly text: Pattern;

  constructor() {
    this.empty = this.make('empty', 'empty', true, EMPTY_CT, {});
    this.notAllowed = this.make('notAllowed', 'notAllowed', false, EMPTY_CT, {});
    this.text = this.make('text', 'text', true, MIXED_CT, {});
  }

  private make(key: string, kind: Kind, nullable: boolean, contentType: number, parts: Partial<Pattern>): Pattern {
    const known = this.table.get(key);
    if (known !== undefined) return known;
    const p: Pattern = {
      id: this.all.length, kind, nullable, contentType,
      a: parts.a, b: parts.b, alts: parts.alts, nameClass: parts.nameClass, datatype: parts.datatype, value: parts.value,
      content: undefined, memo: undefined,
    };
    this.all.push(p);
    this.table.set(key, p);
    return p;
  }

  choice(a: Pattern, b: Pattern): Pattern {
    if (a === b) return a;
    if (a.kind === 'notAllowed') return b;
    if (b.kind === 'notAllowed') return a;
    // jing's rules for `after` alternatives keep the derivatives of a content model from multiplying
    if (a.kind === 'after' && b.kind === 'after') {
      if (a.a === b.a) return this.after(a.a!, this.choice(a.b!, b.b!));
      if (a.a!.kind === 'notAllowed') return b;
      if (b.a!.kind === 'notAllowed') return a;
      if (a.b === b.b) return this.after(this.choice(a.a!, b.a!), a.b!);
    }
    // merge two sorted lists of alternatives (a choice keeps its alternatives sorted by id, without repeats)
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
    return this.choiceOf(alts);
  }

  /** A choice of distinct alternatives sorted by id (none a choice or notAllowed). */
  choiceOf(alts: Pattern[]): Pattern {
    if (alts.length === 0) return this.notAllowed;
    if (alts.length === 1) return alts[0]!;
    let nullable = false;
    let ct = EMPTY_CT;
    for (const p of alts) {
      if (p.nullable) nullable = true;
      if (p.contentType > ct) ct = p.contentType;
    }
    return this.make(`|${alts.map((p) => p.id).join(',')}`, 'choice', nullable, ct, { alts });
  }

  group(a: Pattern, b: Pattern): Pattern {
    if (a.kind === 'notAllowed' || b.kind === 'notAllowed') return this.notAllowed;
    if (a.kind === 'empty') return b;
    if (b.kind === 'empty') return a;
    return this.make(`,${a.id},${b.id}`, 'group', a.nullable && b.nullable, Math.max(a.contentType, b.contentType), { a, b });
  }

  interleave(a: Pattern, b: Pattern): Pattern {
    if (a.kind === 'notAllowed' || b.kind === 'notAllowed') return this.notAllowed;
    if (a.kind === 'empty') return b;
    if (b.kind === 'empty') return a;
    return this.make(`&${a.id},${b.id}`, 'interleave', a.nullable && b.nullable, Math.max(a.contentType, b.contentType), { a, b });
  }

  oneOrMore(a: Pattern): Pattern {
    if (a.kind === 'notAllowed' || a.kind === 'empty') return a;
    if (a.kind === 'oneOrMore') return a;
    return this.make(`+${a.id}`, 'oneOrMore', a.nullable, a.contentType, { a });
  }

  optional(a: Pattern): Pattern {
    return this.choice(a, this.empty);
  }

  list(a: Pattern): Pattern {
    if (a.kind === 'notAllowed') return a;
    return this.make(`l${a.id}`, 'list', false, DATA_CT, { a });
  }

  data(datatype: Datatype): Pattern {
    return this.make(`d${datatype.key}`, 'data', false, DATA_CT, { datatype });
  }

  dataExcept(datatype: Datatype, except: Pattern): Pattern {
    if (except.kind === 'notAllowed') return this.data(datatype);
    return this.make(`d${datatype.key}-${except.id}`, 'dataExcept', false, DATA_CT, { datatype, a: except });
  }

  value(datatype: Datatype, value: DatatypeValue): Pattern {
    return this.make(`v${datatype.key}=${value.key}`, 'value', false, DATA_CT, { datatype, value });
  }

  attribute(nameClass: NameClass, content: Pattern): Pattern {
    if (content.kind === 'notAllowed') return this.notAllowed;
    return this.make(`@${nameClassKey(nameClass)}=${content.id}`, 'attribute', false, EMPTY_CT, { nameClass, a: content });
  }

  /** A new element pattern (never shared: each `element` of the simplified grammar is its own `define`). */
  element(nameClass: NameClass): Pattern {
    return this.make(`e${this.all.length}`, 'element', false, ELEMENT_CT, { nameClass });
  }

  after(a: Pattern, b: Pattern): Pattern {
    return this.make(`>${a.id},${b.id}`, 'after', false, Math.max(a.contentType, b.contentType), { a, b });
  }

  /**
   * Recreate a pattern read from the cache (cache.ts), with the key its constructor gave it: replayed in id
   * order, every pattern gets its old id back.
   */
  restore(kind: Kind, parts: Partial<Pattern>): Pattern {
    const { a, b, alts } = parts;
    switch (kind) {
      case 'choice':
        return this.choiceOf([...alts!]);
      case 'group':
        return this.make(`,${a!.id},${b!.id}`, 'group', a!.nullable && b!.nullable, Math.max(a!.contentType, b!.contentType), { a, b });
      case 'interleave':
        return this.make(`&${a!.id},${b!.id}`, 'interleave', a!.nullable && b!.nullable, Math.max(a!.contentType, b!.contentType), { a, b });
      case 'oneOrMore':
        return this.make(`+${a!.id}`, 'oneOrMore', a!.nullable, a!.contentType, { a });
      case 'list':
        return this.list(a!);
      case 'data':
        return this.data(parts.datatype!);
      case 'dataExcept':
        return this.make(`d${parts.datatype!.key}-${a!.id}`, 'dataExcept', false, DATA_CT, { datatype: parts.datatype!, a: a! });
      case 'value':
        return this.value(parts.datatype!, parts.value!);
      case 'attribute':
        return this.make(`@${nameClassKey(parts.nameClass!)}=${a!.id}`, 'attribute', false, EMPTY_CT, { nameClass: parts.nameClass!, a: a! });
      case 'element':
        return this.element(parts.nameClass!);
      case 'after':
        return this.after(a!, b!);
      default:
        throw new Error(`restore: ${kind}`);
    }
  }

  /** Rebuild a pattern of a given kind from new operands (used by the structural functions of derivative.ts). */
  rebuild(p: Pattern, a: Pattern, b?: Pattern): Pattern {
    switch (p.kind) {
      case 'group':
        return this.group(a, b!);
      case 'interleave':
        return this.interleave(a, b!);
      case 'after':
        return this.after(a, b!);
      case 'oneOrMore':
        return this.oneOrMore(a);
      default:
        throw new Error(`rebuild: ${p.kind}`);
    }
  }
}

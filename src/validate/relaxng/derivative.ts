/**
 * James Clark's derivative algorithm ("An algorithm for RELAX NG validation", 2002), with the extensions jing
 * adds to recover from errors (com.thaiopensource.relaxng.pattern: startTagOpenRecoverDeriv, recoverAfter,
 * ignoreMissingAttributes, textOnly). A derivative of a pattern with respect to an event is again an interned
 * pattern, memoised on the pattern: per element name for start tags, per attribute name, once for the end of the
 * attributes, an end tag and untyped text, per string for data when the result cannot depend on namespace
 * bindings. A TEI document therefore computes each derivative once and reuses it at every element after that.
 *
 * `after(p1, p2)` stands for "p1 (the content of the element being read), then p2 (what the parent allows next)".
 */
import type { ValueContext } from './datatypes/index.js';
import { isBlank } from './datatypes/whitespace.js';
import { isNotAllowed, type ChoiceIndex, type Pattern, type PatternBuilder, type PatternMemo } from './patterns/index.js';
import { contains, NameIds, simpleNames } from './patterns/names.js';

/** Why a string did not match a data pattern, for jing's "; must be ..." tail. */
export interface DataFailure {
  message?: string;
  /** A `value` pattern the string was not equal to (its value as written). */
  value?: string;
  qname?: { ns: string; local: string };
  except?: boolean;
  token?: { index: number; start: number; end: number };
}

const DATA_MEMO_LIMIT = 256;

function memoOf(p: Pattern): PatternMemo {
  return (p.memo ??= {});
}

/** Index a choice's alternatives of one kind (element or attribute) by the names they allow. */
function indexChoice(p: Pattern, kind: 'element' | 'attribute', ids: NameIds): ChoiceIndex {
  const byName = new Map<number, Pattern[]>();
  const rest: Pattern[] = [];
  for (const q of p.alts!) {
    const names = q.kind === kind ? simpleNames(q.nameClass!) : undefined;
    if (names === undefined) {
      // an alternative of the other kind can never match (an attribute never starts an element, and so on)
      if ((kind === 'element' && q.kind !== 'attribute') || (kind === 'attribute' && q.kind !== 'element')) rest.push(q);
      continue;
    }
    for (const n of names) {
      const key = ids.id(n.ns, n.local);
      const list = byName.get(key);
      if (list === undefined) byName.set(key, [q]);
      else if (!list.includes(q)) list.push(q);
    }
  }
  return { byName, rest };
}

export class Derivatives {
  /** The ids that key the start-tag and attribute memo tables (`key` below): one table per grammar. */
  readonly names = new NameIds();

  constructor(readonly b: PatternBuilder) {}

  /** `f` applied to what follows each `after` at the top of `p` (ApplyAfter in Clark's paper). */
  applyAfter(p: Pattern, f: (x: Pattern) => Pattern): Pattern {
    return this.ofAfters(p, (q) => this.applyAfter(q, f), (q) => this.b.after(q.a!, f(q.b!)), () => this.b.notAllowed);
  }

  startTagOpen(p: Pattern, ns: string, local: string, key: number): Pattern {
    const memo = memoOf(p);
    const known = memo.startTag?.get(key);
    if (known !== undefined) return known;
    const r = this.startTagOpenCompute(p, ns, local, key, false);
    (memo.startTag ??= new Map()).set(key, r);
    return r;
  }

  /** jing's recovery: as startTagOpen, but a required part of a group may be skipped ("not allowed yet"). */
  startTagOpenRecover(p: Pattern, ns: string, local: string, key: number): Pattern {
    const memo = memoOf(p);
    const known = memo.startTagRecover?.get(key);
    if (known !== undefined) return known;
    const r = this.startTagOpenCompute(p, ns, local, key, true);
    (memo.startTagRecover ??= new Map()).set(key, r);
    return r;
  }

  private startTagOpenCompute(p: Pattern, ns: string, local: string, key: number, recover: boolean): Pattern {
    const b = this.b;
    const d = (q: Pattern): Pattern => (recover ? this.startTagOpenRecover(q, ns, local, key) : this.startTagOpen(q, ns, local, key));
    switch (p.kind) {
      case 'choice':
        return this.indexedChoice(p, 'element', key, d);
      case 'element':
        return contains(p.nameClass!, ns, local) ? b.after(p.content!, b.empty) : b.notAllowed;
      case 'group': {
        const p2 = p.b!;
        const x = this.applyAfter(d(p.a!), (y) => b.group(y, p2));
        if (p.a!.nullable || recover) return b.choice(x, d(p2));
        return x;
      }
      case 'interleave': {
        const p1 = p.a!;
        const p2 = p.b!;
        return b.choice(this.applyAfter(d(p1), (y) => b.interleave(y, p2)), this.applyAfter(d(p2), (y) => b.interleave(p1, y)));
      }
      case 'oneOrMore':
      case 'after':
        return this.firstOperand(p, d);
      default:
        return b.notAllowed;
    }
  }

  /** A choice's start-tag or attribute derivative, looking through its name index at the alternatives that may match. */
  private indexedChoice(p: Pattern, kind: 'element' | 'attribute', key: number, d: (q: Pattern) => Pattern): Pattern {
    const b = this.b;
    const memo = memoOf(p);
    const index = kind === 'element' ? (memo.elementIndex ??= indexChoice(p, kind, this.names)) : (memo.attributeIndex ??= indexChoice(p, kind, this.names));
    let out = b.notAllowed;
    for (const q of index.byName.get(key) ?? []) out = b.choice(out, b.after(kind === 'element' ? q.content! : q.a!, b.empty));
    for (const q of index.rest) out = b.choice(out, d(q));
    return out;
  }

  /** `oneOrMore` and `after`, whose derivative is their first operand's, followed by what comes after it. */
  private firstOperand(p: Pattern, d: (q: Pattern) => Pattern): Pattern {
    const b = this.b;
    const rest = p.kind === 'oneOrMore' ? b.optional(p) : p.b!;
    const join = p.kind === 'oneOrMore' ? (y: Pattern) => b.group(y, rest) : (y: Pattern) => b.after(y, rest);
    return this.applyAfter(d(p.a!), join);
  }

  startAttribute(p: Pattern, ns: string, local: string, key: number): Pattern {
    const memo = memoOf(p);
    const known = memo.startAttribute?.get(key);
    if (known !== undefined) return known;
    const r = this.startAttributeCompute(p, ns, local, key);
    (memo.startAttribute ??= new Map()).set(key, r);
    return r;
  }

  private startAttributeCompute(p: Pattern, ns: string, local: string, key: number): Pattern {
    const b = this.b;
    const d = (q: Pattern): Pattern => this.startAttribute(q, ns, local, key);
    switch (p.kind) {
      case 'choice':
        return this.indexedChoice(p, 'attribute', key, d);
      case 'attribute':
        return contains(p.nameClass!, ns, local) ? b.after(p.a!, b.empty) : b.notAllowed;
      case 'group':
      case 'interleave': {
        const p1 = p.a!;
        const p2 = p.b!;
        const make = p.kind === 'group' ? (x: Pattern, y: Pattern) => b.group(x, y) : (x: Pattern, y: Pattern) => b.interleave(x, y);
        return b.choice(this.applyAfter(d(p1), (y) => make(y, p2)), this.applyAfter(d(p2), (y) => make(p1, y)));
      }
      case 'oneOrMore':
      case 'after':
        return this.firstOperand(p, d);
      default:
        return b.notAllowed;
    }
  }

  /** A structural map over choice/group/interleave/oneOrMore, and `after` on its first operand only. */
  private structural(p: Pattern, self: (q: Pattern) => Pattern, leaf: (q: Pattern) => Pattern): Pattern {
    const b = this.b;
    switch (p.kind) {
      case 'choice': {
        let out = b.notAllowed;
        for (const q of p.alts!) out = b.choice(out, self(q));
        return out;
      }
      case 'group':
        return b.group(self(p.a!), self(p.b!));
      case 'interleave':
        return b.interleave(self(p.a!), self(p.b!));
      case 'oneOrMore':
        return b.oneOrMore(self(p.a!));
      case 'after':
        return b.after(self(p.a!), p.b!);
      default:
        return leaf(p);
    }
  }

  /** The end of a start tag: attributes not seen are no longer possible. */
  endAttributes(p: Pattern): Pattern {
    const memo = memoOf(p);
    return (memo.endAttributes ??= this.structural(p, (q) => this.endAttributes(q), (q) => (q.kind === 'attribute' ? this.b.notAllowed : q)));
  }

  /** jing's recovery after missing required attributes: as if they had been there. */
  ignoreMissingAttributes(p: Pattern): Pattern {
    const memo = memoOf(p);
    return (memo.ignoreMissingAttributes ??= this.structural(p, (q) => this.ignoreMissingAttributes(q), (q) => (q.kind === 'attribute' ? this.b.empty : q)));
  }

  /** Text-only content (jing's TextOnlyFunction): elements are no longer possible. */
  textOnly(p: Pattern): Pattern {
    const memo = memoOf(p);
    return (memo.textOnly ??= this.structural(p, (q) => this.textOnly(q), (q) => (q.kind === 'element' ? this.b.notAllowed : q)));
  }

  /**
   * A function of the `after`s at the top of `p` (what an element in progress has become: an `after` or a choice of
   * them), combined by choice: `atAfter` for each, `other` for a pattern of another kind.
   */
  private ofAfters(p: Pattern, self: (q: Pattern) => Pattern, atAfter: (q: Pattern) => Pattern, other: (q: Pattern) => Pattern): Pattern {
    if (p.kind === 'after') return atAfter(p);
    if (p.kind !== 'choice') return other(p);
    let r = this.b.notAllowed;
    for (const q of p.alts!) r = this.b.choice(r, self(q));
    return r;
  }

  endTag(p: Pattern): Pattern {
    const memo = memoOf(p);
    return (memo.endTag ??= this.ofAfters(p, (q) => this.endTag(q), (q) => (q.a!.nullable ? q.b! : this.b.notAllowed), () => this.b.notAllowed));
  }

  /** Untyped text (whitespace-only text is never checked: Clark, section "Whitespace"). */
  mixedText(p: Pattern): Pattern {
    const memo = memoOf(p);
    if (memo.mixedText !== undefined) return memo.mixedText;
    const b = this.b;
    let r: Pattern;
    switch (p.kind) {
      case 'text':
        r = p;
        break;
      case 'choice':
        r = b.notAllowed;
        for (const q of p.alts!) r = b.choice(r, this.mixedText(q));
        break;
      case 'group': {
        const x = b.group(this.mixedText(p.a!), p.b!);
        r = p.a!.nullable ? b.choice(x, this.mixedText(p.b!)) : x;
        break;
      }
      case 'interleave':
        r = b.choice(b.interleave(this.mixedText(p.a!), p.b!), b.interleave(p.a!, this.mixedText(p.b!)));
        break;
      case 'oneOrMore':
        r = b.group(this.mixedText(p.a!), b.optional(p));
        break;
      case 'after':
        r = b.after(this.mixedText(p.a!), p.b!);
        break;
      default:
        r = b.notAllowed;
    }
    return (memo.mixedText = r);
  }

  /** After an error inside an element: go on with what the parent allows next. */
  recoverAfter(p: Pattern): Pattern {
    const memo = memoOf(p);
    return (memo.recoverAfter ??= this.ofAfters(p, (q) => this.recoverAfter(q), (q) => q.b!, () => this.b.notAllowed));
  }

  /** The same `after`s with nothing after them (to ask what the current element allows, whatever the parent). */
  emptyAfter(p: Pattern): Pattern {
    const memo = memoOf(p);
    return (memo.emptyAfter ??= this.ofAfters(p, (q) => this.emptyAfter(q), (q) => this.b.after(q.a!, this.b.empty), (q) => q));
  }

  /** Whether a data derivative of `p` may depend on namespace bindings (a QName value or datatype inside). */
  private contextual(p: Pattern): boolean {
    const memo = memoOf(p);
    if (memo.contextual !== undefined) return memo.contextual;
    memo.contextual = false; // provisional, for cycles (there are none below attributes and lists)
    let r = false;
    if (p.datatype !== undefined && p.datatype.needsContext) r = true;
    else if (p.kind === 'element') r = false;
    else {
      for (const q of [p.a, p.b, ...(p.alts ?? [])]) if (q !== undefined && this.contextual(q)) r = true;
    }
    return (memo.contextual = r);
  }

  /** The derivative with respect to a string (an attribute value, or an element's text when typed). */
  data(p: Pattern, str: string, ctx: ValueContext): Pattern {
    if (this.contextual(p)) return this.dataCompute(p, str, ctx, undefined);
    const memo = memoOf(p);
    const known = memo.data?.get(str);
    if (known !== undefined) return known;
    const r = this.dataCompute(p, str, ctx, undefined);
    const table = (memo.data ??= new Map());
    if (table.size < DATA_MEMO_LIMIT) table.set(str, r);
    return r;
  }

  /** As `data`, collecting why it failed (the error path only, never memoised). */
  dataFailures(p: Pattern, str: string, ctx: ValueContext): DataFailure[] {
    const fail: DataFailure[] = [];
    this.dataCompute(p, str, ctx, fail);
    return fail;
  }

  private dataCompute(p: Pattern, str: string, ctx: ValueContext, fail: DataFailure[] | undefined): Pattern {
    const b = this.b;
    const d = (q: Pattern): Pattern => (fail === undefined ? this.data(q, str, ctx) : this.dataCompute(q, str, ctx, fail));
    const size = fail?.length ?? 0;
    const clear = (r: Pattern): Pattern => {
      if (fail !== undefined && !isNotAllowed(r)) fail.length = size;
      return r;
    };
    switch (p.kind) {
      case 'text':
        return p;
      case 'value': {
        const v = p.datatype!.parse(str, ctx);
        if (v !== undefined && v.key === p.value!.key) return b.empty;
        if (fail !== undefined) {
          if (v === undefined) fail.push({ message: p.datatype!.check(str, ctx) || `must be a valid instance of datatype ${p.datatype!.name}` });
          else fail.push(p.value!.name === undefined ? { value: p.datatype!.library === '' ? p.value!.key : p.value!.raw } : { qname: p.value!.name });
        }
        return b.notAllowed;
      }
      case 'data':
      case 'dataExcept': {
        const dt = p.datatype!;
        if (!dt.allowsAnyString) {
          const message = dt.check(str, ctx);
          if (message !== undefined) {
            fail?.push({ message: message === '' ? `must be a valid instance of datatype ${dt.name}` : message });
            return b.notAllowed;
          }
        }
        if (p.kind === 'dataExcept' && this.data(p.a!, str, ctx).nullable) {
          fail?.push({ except: true });
          return b.notAllowed;
        }
        return b.empty;
      }
      case 'list': {
        let cur = p.a!;
        let index = 0;
        const re = /[^ \t\n\r]+/g;
        let m: RegExpExecArray | null;
        while ((m = re.exec(str)) !== null) {
          const before = fail?.length ?? 0;
          cur = fail === undefined ? this.data(cur, m[0], ctx) : this.dataCompute(cur, m[0], ctx, fail);
          if (fail !== undefined && isNotAllowed(cur)) {
            for (let i = before; i < fail.length; i++) fail[i]!.token = { index, start: m.index, end: m.index + m[0].length };
          }
          index++;
          if (isNotAllowed(cur)) break;
        }
        if (cur.nullable) return b.empty;
        if (fail !== undefined && !isNotAllowed(cur)) {
          // a pseudo-token at the end, to say what was missing
          const before = fail.length;
          this.dataCompute(cur, '', ctx, fail);
          for (let i = before; i < fail.length; i++) fail[i]!.token = { index, start: str.length, end: str.length };
        }
        return b.notAllowed;
      }
      case 'after': {
        if (d(p.a!).nullable) return clear(p.b!);
        if (p.a!.nullable && isBlank(str)) return clear(p.b!);
        return b.notAllowed;
      }
      case 'choice': {
        let r = b.notAllowed;
        for (const q of p.alts!) r = b.choice(r, d(q));
        return clear(r);
      }
      case 'group': {
        let r = b.group(d(p.a!), p.b!);
        if (p.a!.nullable) r = b.choice(r, d(p.b!));
        return clear(r);
      }
      case 'interleave':
        return b.choice(b.interleave(this.data(p.a!, str, ctx), p.b!), b.interleave(p.a!, this.data(p.b!, str, ctx)));
      case 'oneOrMore':
        return clear(b.group(d(p.a!), b.optional(p)));
      default:
        return b.notAllowed;
    }
  }
}

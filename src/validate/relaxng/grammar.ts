/**
 * A compiled grammar: the interned patterns of a simplified schema, the derivative engine over them, and what
 * validation needs besides: the ID types of attributes (RELAX NG DTD Compatibility, section 4) and, per element
 * name, the content a misplaced element is checked against (jing's FindElementFunction).
 */
import { Derivatives } from './derivative.js';
import type { IdType } from './datatypes/types.js';
import { type Pattern, type PatternBuilder } from './patterns/index.js';
import { simpleNames, specificity, SPECIFICITY_NONE } from './patterns/names.js';

export class CompiledGrammar {
  readonly derivs: Derivatives;
  /** `{element ns}local\0{attribute ns}local` -> ID type, for attributes whose value is an ID, IDREF or IDREFS. */
  readonly idTypes = new Map<string, IdType>();
  /** By name id (`derivs.names`). */
  private readonly recoverTable = new Map<number, Pattern>();
  /** The same, for the validator: the element's name id -> attribute local name -> [namespace, ID type]. */
  readonly idIndex = new Map<number, Map<string, Array<[string, IdType]>>>();
  /** Every element pattern reachable from the start. */
  readonly elements: Pattern[] = [];
  /** validator.ts's memo of message tails ("; expected ..."), by pattern and namespace bindings, and its size. */
  readonly messageTails = new Map<string, string>();
  messageTailChars = 0;

  /** `known`: the element list and ID types as cache.ts stored them (else they are computed). */
  constructor(readonly builder: PatternBuilder, readonly start: Pattern, known?: { elements: Pattern[]; idTypes: Array<[string, IdType]> }) {
    this.derivs = new Derivatives(builder);
    if (known !== undefined) {
      this.elements.push(...known.elements);
      for (const [k, t] of known.idTypes) this.idTypes.set(k, t);
    } else {
      this.collectElements();
      this.collectIdTypes();
    }
    for (const [k, t] of this.idTypes) {
      const m = /^\{([^}]*)\}([^\u0000]*)\u0000\{([^}]*)\}(.*)$/.exec(k)!;
      const el = this.derivs.names.id(m[1]!, m[2]!);
      let byLocal = this.idIndex.get(el);
      if (byLocal === undefined) this.idIndex.set(el, (byLocal = new Map()));
      const list = byLocal.get(m[4]!);
      if (list === undefined) byLocal.set(m[4]!, [[m[3]!, t]]);
      else list.push([m[3]!, t]);
    }
  }

  private collectElements(): void {
    const seen = new Set<number>();
    const stack: Pattern[] = [this.start];
    while (stack.length > 0) {
      const p = stack.pop()!;
      if (seen.has(p.id)) continue;
      seen.add(p.id);
      if (p.kind === 'element') {
        this.elements.push(p);
        stack.push(p.content!);
      } else if (p.kind === 'attribute') continue;
      else {
        if (p.a !== undefined) stack.push(p.a);
        if (p.b !== undefined) stack.push(p.b);
        if (p.alts !== undefined) stack.push(...p.alts);
      }
    }
  }

  /** RELAX NG DTD Compatibility, section 4: an attribute's ID type, for a name of element and attribute. */
  private collectIdTypes(): void {
    for (const el of this.elements) {
      const names = simpleNames(el.nameClass!);
      if (names === undefined) continue;
      const seen = new Set<number>();
      const stack: Pattern[] = [el.content!];
      while (stack.length > 0) {
        const p = stack.pop()!;
        if (seen.has(p.id)) continue;
        seen.add(p.id);
        if (p.kind === 'element') continue;
        if (p.kind === 'attribute') {
          const an = p.nameClass!;
          if (an.kind !== 'name') continue;
          const type = idTypeOf(p.a!);
          if (type === undefined) continue;
          for (const n of names) {
            const key = `{${n.ns}}${n.local}\u0000{${an.ns}}${an.local}`;
            if (!this.idTypes.has(key)) this.idTypes.set(key, type);
          }
          continue;
        }
        if (p.a !== undefined) stack.push(p.a);
        if (p.b !== undefined) stack.push(p.b);
        if (p.alts !== undefined) stack.push(...p.alts);
      }
    }
  }

  /**
   * The content of the element patterns that match a name most specifically (a name over a namespace wildcard over
   * anyName), combined by choice: what jing checks the content of a misplaced element against.
   */
  findElement(ns: string, local: string, key: number): Pattern {
    const known = this.recoverTable.get(key);
    if (known !== undefined) return known;
    let best = SPECIFICITY_NONE;
    let found: Pattern = this.builder.notAllowed;
    for (const el of this.elements) {
      const s = specificity(el.nameClass!, ns, local);
      if (s === SPECIFICITY_NONE) continue;
      if (s > best) {
        best = s;
        found = el.content!;
      } else if (s === best) found = this.builder.choice(found, el.content!);
    }
    this.recoverTable.set(key, found);
    return found;
  }
}

function idTypeOf(p: Pattern): IdType {
  if ((p.kind === 'data' || p.kind === 'value') && p.datatype!.idType !== undefined) return p.datatype!.idType;
  return undefined;
}

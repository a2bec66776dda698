/**
 * One builder per schema: its table is what makes equal patterns identical (interner.ts). Its methods are the
 * constructors of the kinds, each in its own file of this folder.
 */
import type { Datatype, DatatypeValue } from '../datatypes/types.js';
import { after } from './after.js';
import { attribute, attributeOf } from './attribute.js';
import { choice, choiceOf, optional } from './choice.js';
import { data, dataExcept, dataExceptOf } from './data.js';
import { element } from './element.js';
import { group, groupOf } from './group.js';
import { interleave, interleaveOf } from './interleave.js';
import type { Interner } from './interner.js';
import { list } from './list.js';
import type { NameClass } from './names.js';
import { oneOrMore, oneOrMoreOf } from './one-or-more.js';
import { EMPTY_CT, MIXED_CT, type Kind, type Pattern } from './pattern.js';
import { value } from './value.js';

export class PatternBuilder implements Interner {
  private readonly table = new Map<string, Pattern>();
  /** Every pattern made, by id (what cache.ts serialises). */
  readonly all: Pattern[] = [];
  readonly empty: Pattern;
  readonly notAllowed: Pattern;
  readonly text: Pattern;

  constructor() {
    this.empty = this.intern('empty', 'empty', true, EMPTY_CT, {});
    this.notAllowed = this.intern('notAllowed', 'notAllowed', false, EMPTY_CT, {});
    this.text = this.intern('text', 'text', true, MIXED_CT, {});
  }

  intern(key: string, kind: Kind, nullable: boolean, contentType: number, parts: Partial<Pattern>): Pattern {
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
    return choice(this, a, b);
  }

  choiceOf(alts: Pattern[]): Pattern {
    return choiceOf(this, alts);
  }

  optional(a: Pattern): Pattern {
    return optional(this, a);
  }

  group(a: Pattern, b: Pattern): Pattern {
    return group(this, a, b);
  }

  interleave(a: Pattern, b: Pattern): Pattern {
    return interleave(this, a, b);
  }

  oneOrMore(a: Pattern): Pattern {
    return oneOrMore(this, a);
  }

  list(a: Pattern): Pattern {
    return list(this, a);
  }

  data(datatype: Datatype): Pattern {
    return data(this, datatype);
  }

  dataExcept(datatype: Datatype, except: Pattern): Pattern {
    return dataExcept(this, datatype, except);
  }

  value(datatype: Datatype, v: DatatypeValue): Pattern {
    return value(this, datatype, v);
  }

  attribute(nameClass: NameClass, content: Pattern): Pattern {
    return attribute(this, nameClass, content);
  }

  /** A new element pattern. */
  element(nameClass: NameClass): Pattern {
    return element(this, nameClass, this.all.length);
  }

  after(a: Pattern, b: Pattern): Pattern {
    return after(this, a, b);
  }

  /**
   * Recreate a pattern read from the cache (cache.ts) exactly as it was made, without the simplifications (they
   * were applied when it was made): replayed in id order, every pattern gets its old id back.
   */
  restore(kind: Kind, parts: Partial<Pattern>): Pattern {
    const { a, b, alts } = parts;
    switch (kind) {
      case 'choice':
        return choiceOf(this, [...alts!]);
      case 'group':
        return groupOf(this, a!, b!);
      case 'interleave':
        return interleaveOf(this, a!, b!);
      case 'oneOrMore':
        return oneOrMoreOf(this, a!);
      case 'list':
        return list(this, a!);
      case 'data':
        return data(this, parts.datatype!);
      case 'dataExcept':
        return dataExceptOf(this, parts.datatype!, a!);
      case 'value':
        return value(this, parts.datatype!, parts.value!);
      case 'attribute':
        return attributeOf(this, parts.nameClass!, a!);
      case 'element':
        return this.element(parts.nameClass!);
      case 'after':
        return after(this, a!, b!);
      default:
        throw new Error(`restore: ${kind}`);
    }
  }
}

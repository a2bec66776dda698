/**
 * Section 7 of the RELAX NG specification: restrictions on the simplified schema, checked from the start pattern
 * through every reachable element (each element's content once).
 *
 * 7.1 prohibited paths, tracked as the context a pattern stands in (start, element content, repeated element
 * content and a group or interleave inside it, attribute, list, data except); 7.2 string sequences (content types
 * that cannot be grouped); 7.3 attributes that can occur twice (overlapping name classes in both operands of a
 * group or interleave) and attributes with a wildcard name class outside `oneOrMore`; 7.4 interleave operands that
 * share an element name or both allow text. The wording is jing's.
 */
import { DATA_CT, EMPTY_CT, type Pattern } from './patterns/index.js';
import { overlaps, type NameClass } from './patterns/names.js';
import { errorAt, type Place } from './syntax/schema-error.js';

const enum Ctx {
  Start,
  Element,
  Repeat,
  RepeatGroup,
  RepeatInterleave,
  Attribute,
  List,
  DataExcept,
}

function groupable(a: number, b: number): boolean {
  if (a === EMPTY_CT || b === EMPTY_CT) return true;
  return a !== DATA_CT && b !== DATA_CT;
}

export function checkRestrictions(start: Pattern, places: Map<number, Place>, fallback: Place): void {
  const done = new Set<string>();
  const elements: Pattern[] = [];
  const seenElements = new Set<Pattern>();
  const fail = (p: Pattern, message: string): never => {
    throw errorAt(places.get(p.id) ?? fallback, message);
  };
  // jing's wording of a prohibited path (section 7.1), reported at the pattern that sets the context
  const prohibited = (p: Pattern, what: string, path: string): never =>
    fail(p, `${what} (section 7.1 of the RELAX NG specification requires that the simplified XML form of the schema not contain any elements matching the path ${path})`);
  let owner: Pattern | undefined;
  const attrNames = new Map<number, NameClass[]>();
  const attributesOf = (p: Pattern): NameClass[] => {
    const known = attrNames.get(p.id);
    if (known !== undefined) return known;
    let out: NameClass[] = [];
    switch (p.kind) {
      case 'attribute':
        out = [p.nameClass!];
        break;
      case 'choice':
        out = p.alts!.flatMap(attributesOf);
        break;
      case 'group':
      case 'interleave':
        out = [...attributesOf(p.a!), ...attributesOf(p.b!)];
        break;
      case 'oneOrMore':
        out = attributesOf(p.a!);
        break;
      default:
        out = [];
    }
    attrNames.set(p.id, out);
    return out;
  };
  const elementNames = new Map<number, { names: NameClass[]; text: boolean }>();
  const elementsIn = (p: Pattern): { names: NameClass[]; text: boolean } => {
    const known = elementNames.get(p.id);
    if (known !== undefined) return known;
    let out: { names: NameClass[]; text: boolean } = { names: [], text: false };
    switch (p.kind) {
      case 'element':
        out = { names: [p.nameClass!], text: false };
        break;
      case 'text':
        out = { names: [], text: true };
        break;
      case 'choice': {
        const parts = p.alts!.map(elementsIn);
        out = { names: parts.flatMap((x) => x.names), text: parts.some((x) => x.text) };
        break;
      }
      case 'group':
      case 'interleave': {
        const x = elementsIn(p.a!);
        const y = elementsIn(p.b!);
        out = { names: [...x.names, ...y.names], text: x.text || y.text };
        break;
      }
      case 'oneOrMore':
        out = elementsIn(p.a!);
        break;
      default:
        break;
    }
    elementNames.set(p.id, out);
    return out;
  };

  const duplicateAttributes = (p: Pattern): void => {
    const a = attributesOf(p.a!);
    const b = attributesOf(p.b!);
    for (const x of a) for (const y of b) if (overlaps(x, y)) fail(p, 'duplicate attribute');
  };

  const check = (p: Pattern, ctx: Ctx): void => {
    const key = `${p.id}:${ctx}`;
    if (done.has(key)) return;
    done.add(key);
    switch (p.kind) {
      case 'element':
        if (ctx === Ctx.Attribute) prohibited(owner ?? p, 'an attribute pattern must not contain an element pattern', 'attribute//ref');
        if (ctx === Ctx.List) prohibited(owner ?? p, 'a list pattern must not contain an element pattern', 'list//ref');
        if (ctx === Ctx.DataExcept) prohibited(owner ?? p, 'the except of a data pattern must not contain an element pattern', 'data/except//ref');
        if (!seenElements.has(p)) {
          seenElements.add(p);
          elements.push(p);
        }
        return;
      case 'attribute': {
        if (ctx === Ctx.Start) fail(p, '"start" contains "attribute"');
        if (ctx === Ctx.Attribute) fail(p, '"attribute" contains "attribute"');
        if (ctx === Ctx.List) fail(p, '"list" contains "attribute"');
        if (ctx === Ctx.DataExcept) fail(p, '"except" in "data" contains "attribute"');
        if (ctx === Ctx.RepeatGroup) fail(p, '"oneOrMore" contains "group" contains "attribute"');
        if (ctx === Ctx.RepeatInterleave) fail(p, '"oneOrMore" contains "interleave" contains "attribute"');
        if (ctx !== Ctx.Repeat && hasWildcard(p.nameClass!)) fail(p, 'attribute using "nsName" or "anyName" must be in "oneOrMore"');
        const outer = owner;
        owner = p;
        check(p.a!, Ctx.Attribute);
        owner = outer;
        return;
      }
      case 'group':
      case 'interleave': {
        const what = p.kind;
        if (ctx === Ctx.Start) fail(p, `"start" contains "${what}"`);
        if (ctx === Ctx.DataExcept) fail(p, `"except" in "data" contains "${what}"`);
        if (what === 'interleave' && ctx === Ctx.List) fail(p, '"list" contains "interleave"');
        const inner = ctx === Ctx.Repeat ? (what === 'group' ? Ctx.RepeatGroup : Ctx.RepeatInterleave) : ctx;
        check(p.a!, inner);
        check(p.b!, inner);
        if (ctx !== Ctx.List && !groupable(p.a!.contentType, p.b!.contentType)) fail(p, `${what} of "string" or "data" element`);
        if (ctx !== Ctx.List && ctx !== Ctx.Attribute && ctx !== Ctx.DataExcept) duplicateAttributes(p);
        if (what === 'interleave') {
          const x = elementsIn(p.a!);
          const y = elementsIn(p.b!);
          for (const m of x.names) for (const n of y.names) if (overlaps(m, n)) fail(p, 'overlapping element names in operands of "interleave"');
          if (x.text && y.text) fail(p, 'both operands of "interleave" contain "text"');
        }
        return;
      }
      case 'oneOrMore':
        if (ctx === Ctx.Start) fail(p, '"start" contains "oneOrMore"');
        if (ctx === Ctx.DataExcept) fail(p, '"except" in "data" contains "oneOrMore"');
        check(p.a!, ctx === Ctx.Element ? Ctx.Repeat : ctx);
        if (ctx !== Ctx.List && !groupable(p.a!.contentType, p.a!.contentType)) fail(p, 'repeat of "string" or "data" element');
        return;
      case 'choice':
        for (const q of p.alts!) check(q, ctx);
        return;
      case 'list': {
        if (ctx === Ctx.Start) fail(p, '"start" contains "list"');
        if (ctx === Ctx.List) fail(p, '"list" contains "list"');
        if (ctx === Ctx.DataExcept) fail(p, '"except" in "data" contains "list"');
        const outer = owner;
        owner = p;
        check(p.a!, Ctx.List);
        owner = outer;
        return;
      }
      case 'text':
        if (ctx === Ctx.Start) fail(p, '"start" contains "text"');
        if (ctx === Ctx.List) fail(p, '"list" contains "text"');
        if (ctx === Ctx.DataExcept) fail(p, '"except" in "data" contains "text"');
        return;
      case 'empty':
        if (ctx === Ctx.Start) fail(p, '"start" contains "empty"');
        if (ctx === Ctx.DataExcept) fail(p, '"except" in "data" contains "empty"');
        return;
      case 'data':
      case 'value':
        if (ctx === Ctx.Start) fail(p, `"start" contains "${p.kind}"`);
        return;
      case 'dataExcept': {
        if (ctx === Ctx.Start) fail(p, '"start" contains "data"');
        const outer = owner;
        owner = p;
        check(p.a!, Ctx.DataExcept);
        owner = outer;
        return;
      }
      default:
        return;
    }
  };

  check(start, Ctx.Start);
  for (let i = 0; i < elements.length; i++) {
    owner = undefined;
    check(elements[i]!.content!, Ctx.Element);
  }
}

function hasWildcard(nc: NameClass): boolean {
  if (nc.kind === 'choice') return hasWildcard(nc.a) || hasWildcard(nc.b);
  return nc.kind !== 'name';
}

/**
 * From the schema tree of syntax/xml.ts to interned patterns, applying the remaining steps of section 4 as it goes:
 *
 * - 4.12 child counts (several children of `define`, `element`, `oneOrMore`, ... are a `group`; of `except` a
 *   `choice`), 4.13 `mixed` (interleave with text), 4.14 `optional` (choice with empty), 4.15 `zeroOrMore`;
 * - 4.17 `combine` (combine.ts checks the definitions; here their bodies are combined by choice or interleave),
 *   and so are the `start`s;
 * - 4.18 `grammar` (references.ts checks every reference): a `ref` names a definition of the nearest enclosing
 *   grammar, a `parentRef` one of the grammar around it; a nested grammar stands for its start;
 * - 4.19 each `element` becomes its own definition and references are expanded (elements.ts);
 * - 4.20 and 4.21 `notAllowed` and `empty` are simplified by the pattern builder's constructors.
 *
 * Only what the start reaches is built (4.19 removes the rest before its checks), so an unreachable definition
 * that refers to itself is no error.
 */
import { PatternBuilder, type Pattern } from '../patterns/index.js';
import { errorAt, type Place } from '../syntax/schema-error.js';
import type { SchemaNode } from '../syntax/xml.js';
import { Scope } from './combine.js';
import { ElementDefinitions } from './elements.js';
import { checkReferences } from './references.js';

export interface Grammar {
  builder: PatternBuilder;
  start: Pattern;
  /** Where each pattern was first written (for messages about restrictions). */
  places: Map<number, Place>;
}

export function buildGrammar(root: SchemaNode): Grammar {
  checkReferences(root);
  const b = new PatternBuilder();
  const places = new Map<number, Place>();
  const elements = new ElementDefinitions(b);

  const place = (p: Pattern, node: SchemaNode): Pattern => {
    if (!places.has(p.id)) places.set(p.id, node);
    return p;
  };

  const seq = (nodes: SchemaNode[], scope: Scope | undefined, combine: (a: Pattern, c: Pattern) => Pattern): Pattern => {
    let p: Pattern | undefined;
    for (const n of nodes) {
      const q = build(n, scope);
      p = p === undefined ? q : combine(p, q);
    }
    return p!;
  };
  const group = (nodes: SchemaNode[], scope: Scope | undefined): Pattern => seq(nodes, scope, (x, y) => b.group(x, y));

  const scopeFor = (node: SchemaNode, parent: Scope | undefined): Scope => {
    return new Scope(node, parent);
  };

  const startOf = (scope: Scope): Pattern => {
    if (scope.start !== undefined) return scope.start;
    if (scope.starts.length === 0) throw errorAt(scope.node, 'missing "start" element');
    const combine = scope.starts.find((s) => s.attrs['combine'] !== undefined)?.attrs['combine'];
    scope.start = seq(scope.starts.map((s) => s.children[0]!), scope, combine === 'interleave' ? (x, y) => b.interleave(x, y) : (x, y) => b.choice(x, y));
    return scope.start;
  };

  const definition = (scope: Scope, name: string, ref: SchemaNode): Pattern => {
    const d = scope.defines.get(name);
    if (d === undefined) throw errorAt(ref, `reference to undefined pattern "${name}"`);
    return elements.expand(d, name, ref, () => {
      const combine = d.nodes.find((n) => n.attrs['combine'] !== undefined)?.attrs['combine'];
      const bodies = d.nodes.map((n) => group(n.children, scope));
      let p = bodies[0]!;
      for (const q of bodies.slice(1)) p = combine === 'interleave' ? b.interleave(p, q) : b.choice(p, q);
      return p;
    });
  };

  function build(node: SchemaNode, scope: Scope | undefined): Pattern {
    switch (node.kind) {
      case 'element':
        return elements.element(node, scope, (el) => place(el, node));
      case 'attribute':
        return place(b.attribute(node.nameClass!, node.children.length === 0 ? b.text : build(node.children[0]!, scope)), node);
      case 'group':
        return place(group(node.children, scope), node);
      case 'interleave':
        return place(seq(node.children, scope, (x, y) => b.interleave(x, y)), node);
      case 'choice':
        return place(seq(node.children, scope, (x, y) => b.choice(x, y)), node);
      case 'optional':
        return place(b.optional(group(node.children, scope)), node);
      case 'zeroOrMore':
        return place(b.optional(b.oneOrMore(group(node.children, scope))), node);
      case 'oneOrMore':
        return place(b.oneOrMore(group(node.children, scope)), node);
      case 'list':
        return place(b.list(group(node.children, scope)), node);
      case 'mixed':
        return place(b.interleave(group(node.children, scope), b.text), node);
      case 'empty':
        return b.empty;
      case 'text':
        return b.text;
      case 'notAllowed':
        return b.notAllowed;
      case 'value':
        return place(b.value(node.datatype!, node.value!), node);
      case 'data': {
        const except = node.children[0];
        if (except === undefined) return place(b.data(node.datatype!), node);
        return place(b.dataExcept(node.datatype!, seq(except.children, scope, (x, y) => b.choice(x, y))), node);
      }
      case 'ref':
        if (scope === undefined) throw errorAt(node, 'reference to non-existent grammar');
        return definition(scope, node.attrs['name']!, node);
      case 'parentRef':
        if (scope?.parent === undefined) throw errorAt(node, 'reference to non-existent parent grammar');
        return definition(scope.parent, node.attrs['name']!, node);
      case 'grammar':
        return startOf(scopeFor(node, scope));
      default:
        throw new Error(`unexpected schema node ${node.kind}`);
    }
  }

  const start = build(root, undefined);
  elements.fillContents((node, scope) => group(node.children, scope));
  return { builder: b, start, places };
}

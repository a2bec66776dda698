/**
 * Section 4.17 `combine`: the definitions of one name in one grammar combine by choice or interleave, at most one
 * of them without `combine` and all others agreeing on its value; and so do the `start`s. A `Scope` is one
 * grammar's definitions and starts, collected and checked; build.ts combines their bodies when a reference or the
 * start reaches them.
 */
import type { Pattern } from '../patterns/index.js';
import { errorAt } from '../syntax/schema-error.js';
import type { SchemaNode } from '../syntax/xml.js';

export interface Definition {
  nodes: SchemaNode[];
  pattern: Pattern | undefined;
  building: boolean;
}

export class Scope {
  readonly defines = new Map<string, Definition>();
  readonly starts: SchemaNode[] = [];
  start: Pattern | undefined;
  constructor(readonly node: SchemaNode, readonly parent: Scope | undefined) {
    for (const c of node.children) {
      if (c.kind === 'start') this.starts.push(c);
      else {
        const name = c.attrs['name']!;
        let d = this.defines.get(name);
        if (d === undefined) this.defines.set(name, (d = { nodes: [], pattern: undefined, building: false }));
        d.nodes.push(c);
      }
    }
    checkCombine(this.starts, 'start');
    for (const [name, d] of this.defines) checkCombine(d.nodes, name);
  }
}

/** 4.17: at most one component without `combine`, and one value of `combine` among the others. */
function checkCombine(nodes: SchemaNode[], name: string): void {
  let without = 0;
  let combine: string | undefined;
  for (const n of nodes) {
    const c = n.attrs['combine'];
    if (c === undefined) {
      if (++without > 1) {
        throw errorAt(n, name === 'start' && n.kind === 'start'
          ? 'multiple definitions of start without "combine" attribute'
          : `multiple definitions of "${name}" without "combine" attribute`);
      }
    } else if (combine === undefined) combine = c;
    else if (combine !== c) {
      throw errorAt(n, n.kind === 'start'
        ? 'conflicting values of "combine" attribute for definition of start'
        : `conflicting values of "combine" attribute for definition of "${name}"`);
    }
  }
}

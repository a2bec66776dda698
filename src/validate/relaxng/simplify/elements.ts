/**
 * Section 4.19 `define` and `ref`: every `element` becomes a definition of its own, and a reference to a
 * definition that is not an `element` is replaced by its body. Here an `element` node becomes one element pattern
 * object, made when a reference or the start first reaches it and whose content is built afterwards
 * (`fillContents`), so recursion through elements is fine; `expand` replaces a reference by its body and refuses a
 * reference that expands to itself without an element in between ("it is an error if the replacement would
 * result in a ref to itself"). Only what the start reaches is built, as 4.19 removes unreachable definitions.
 */
import type { PatternBuilder, Pattern } from '../patterns/index.js';
import { errorAt } from '../syntax/schema-error.js';
import type { SchemaNode } from '../syntax/xml.js';
import type { Definition, Scope } from './combine.js';

export class ElementDefinitions {
  private readonly patterns = new Map<SchemaNode, Pattern>();
  private readonly pending: Array<{ el: Pattern; node: SchemaNode; scope: Scope | undefined }> = [];

  constructor(private readonly b: PatternBuilder) {}

  /** The one element pattern of `node`; `made` is called when it is new (to record where it was written). */
  element(node: SchemaNode, scope: Scope | undefined, made: (p: Pattern) => void): Pattern {
    let el = this.patterns.get(node);
    if (el === undefined) {
      el = this.b.element(node.nameClass!);
      made(el);
      this.patterns.set(node, el);
      this.pending.push({ el, node, scope });
    }
    return el;
  }

  /** A reference replaced by the definition's body (built once by `body`). */
  expand(d: Definition, name: string, ref: SchemaNode, body: () => Pattern): Pattern {
    if (d.pattern !== undefined) return d.pattern;
    if (d.building) throw errorAt(ref, `bad recursive reference to pattern "${name}"`);
    d.building = true;
    const p = body();
    d.building = false;
    d.pattern = p;
    return p;
  }

  /** Build the content of every element made so far and of those its content reaches, until none is left. */
  fillContents(content: (node: SchemaNode, scope: Scope | undefined) => Pattern): void {
    for (let job = this.pending.pop(); job !== undefined; job = this.pending.pop()) job.el.content = content(job.node, job.scope);
  }
}

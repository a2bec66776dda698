/** Section 4.18 `grammar`: which definitions references name. */
import { errorAt } from '../syntax/schema-error.js';
import type { SchemaNode } from '../syntax/xml.js';

/**
 * 4.18 on the whole schema, reachable or not (4.19 removes unreachable definitions only after this step): every
 * grammar has a start, every `ref` names a definition of its grammar, every `parentRef` one of the grammar around.
 */
export function checkReferences(root: SchemaNode): void {
  const stack: Array<{ node: SchemaNode; scopes: Array<Set<string>> }> = [{ node: root, scopes: [] }];
  while (stack.length > 0) {
    const { node, scopes } = stack.pop()!;
    let inner = scopes;
    if (node.kind === 'grammar') {
      if (!node.children.some((c) => c.kind === 'start')) throw errorAt(node, 'missing "start" element');
      inner = [new Set(node.children.filter((c) => c.kind === 'define').map((c) => c.attrs['name']!)), ...scopes];
    } else if (node.kind === 'ref' || node.kind === 'parentRef') {
      const scope = scopes[node.kind === 'ref' ? 0 : 1];
      if (scope === undefined) throw errorAt(node, node.kind === 'ref' ? 'reference to non-existent grammar' : 'reference to non-existent parent grammar');
      if (!scope.has(node.attrs['name']!)) throw errorAt(node, `reference to undefined pattern "${node.attrs['name']}"`);
    }
    for (const c of node.children) stack.push({ node: c, scopes: inner });
  }
}

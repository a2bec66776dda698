/** A small indented XML writer for the exports (Dublin Core, CMIF): elements as data, escaped once, here. */
import { escapeAttribute, escapeText } from '../xml/serialize.js';

export interface Node {
  name: string;
  attributes: Record<string, string | null | undefined>;
  /** Text content, or child elements. */
  content?: string | Node[];
}

export function el(name: string, attributes: Node['attributes'] = {}, content?: Node['content']): Node {
  return content === undefined ? { name, attributes } : { name, attributes, content };
}

/** Serialise with two-space indentation; elements with text content stay on one line. */
export function write(root: Node, declaration = true): string {
  const out: string[] = declaration ? ['<?xml version="1.0" encoding="UTF-8"?>'] : [];
  const stack: Array<{ node: Node; depth: number; closing: boolean }> = [{ node: root, depth: 0, closing: false }];
  while (stack.length > 0) {
    const { node, depth, closing } = stack.pop()!;
    const pad = '  '.repeat(depth);
    if (closing) {
      out.push(`${pad}</${node.name}>`);
      continue;
    }
    const attrs = Object.entries(node.attributes)
      .filter((e): e is [string, string] => e[1] !== null && e[1] !== undefined)
      .map(([k, v]) => ` ${k}="${escapeAttribute(v)}"`)
      .join('');
    const c = node.content;
    if (c === undefined || c === '' || (Array.isArray(c) && c.length === 0)) out.push(`${pad}<${node.name}${attrs}/>`);
    else if (typeof c === 'string') out.push(`${pad}<${node.name}${attrs}>${escapeText(c)}</${node.name}>`);
    else {
      out.push(`${pad}<${node.name}${attrs}>`);
      stack.push({ node, depth, closing: true });
      for (let i = c.length - 1; i >= 0; i--) stack.push({ node: c[i]!, depth: depth + 1, closing: false });
    }
  }
  return out.join('\n') + '\n';
}

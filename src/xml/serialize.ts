/**
 * Serialise an `XmlDocument` back to XML 1.0 text: entities expanded, namespace declarations and prefixes as the
 * source wrote them, text and attribute values escaped. Iterative, so any depth the parser accepted is written.
 * The transform stage hands saxon-js this clean text (saxon-js's own parser is not a validator: see the README, XML input and security).
 */
import type { XmlDocument, XmlElement, XmlNode } from './dom.js';

export interface SerializeOptions {
  /** Write `<?xml version="1.0" encoding="UTF-8"?>` first. Default true. */
  declaration?: boolean;
  /** Rewrite each element and attribute name (the qualified name as written). Default: names as they are. */
  rename?: (name: string) => string;
}

export function escapeText(value: string): string {
  return value.replace(/[&<>]/g, (c) => (c === '&' ? '&amp;' : c === '<' ? '&lt;' : '&gt;'));
}

export function escapeAttribute(value: string): string {
  return value.replace(/[&<>"\t\n\r]/g, (c) => ATTRIBUTE_ESCAPES[c]!);
}

const ATTRIBUTE_ESCAPES: Record<string, string> = {
  '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', '\t': '&#9;', '\n': '&#10;', '\r': '&#13;',
};

export function serializeXml(node: XmlDocument | XmlElement, options: SerializeOptions = {}): string {
  const rename = options.rename ?? ((name: string) => name);
  if (node.type === 'element') return serializeNode(node, rename);
  // Top-level comments, PIs (xml-model!) and the root element, one per line.
  const top = node.children.map((child) => serializeNode(child, rename)).join('\n');
  return (options.declaration === false ? '' : '<?xml version="1.0" encoding="UTF-8"?>\n') + top + '\n';
}

function serializeNode(start: XmlNode, rename: (name: string) => string): string {
  const out: string[] = [];
  const stack: Array<{ node: XmlNode; close: boolean }> = [{ node: start, close: false }];
  while (stack.length > 0) {
    const { node: n, close } = stack.pop()!;
    switch (n.type) {
      case 'element':
        if (close) {
          out.push(`</${rename(n.name)}>`);
          break;
        }
        out.push(`<${rename(n.name)}`);
        for (const a of n.attributes) out.push(` ${rename(a.name)}="${escapeAttribute(a.value)}"`);
        if (n.children.length === 0) {
          out.push('/>');
          break;
        }
        out.push('>');
        stack.push({ node: n, close: true });
        for (let i = n.children.length - 1; i >= 0; i--) stack.push({ node: n.children[i]!, close: false });
        break;
      case 'text':
        out.push(escapeText(n.value).replace(/\r/g, '&#13;'));
        break;
      case 'comment':
        out.push(`<!--${n.value}-->`);
        break;
      case 'pi':
        out.push(`<?${n.target}${n.body ? ' ' + n.body : ''}?>`);
        break;
    }
  }
  return out.join('');
}

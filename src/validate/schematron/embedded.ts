/**
 * The Schematron a RELAX NG schema carries in its annotations (ISO/IEC 19757-3 annex: embedding in RELAX NG), as
 * TEI's ODD processor writes it into every schema it makes (tei_all 4.12.0: 96 rules). Taken out the way the TEI
 * Stylesheets' `extract-isosch.xsl` does: every `sch:ns` (one per prefix), every `sch:let` outside a pattern or
 * rule, every `sch:pattern`, and every `sch:rule` outside a pattern as a pattern of its own, with the query binding
 * `xslt2`. Only the schema file itself is read (its `include`d grammars are not searched), as extract-isosch does.
 */
import { resolve } from 'node:path';
import { SCH15_NS, SCH_NS, type XmlDocument, type XmlElement } from '../../xml/index.js';
import type { SchematronModel } from './model.js';
import { buildModel, SchemaFiles, type Node } from './read.js';

function synthetic(local: string, at: XmlElement, attributes: Array<[string, string]> = []): XmlElement {
  return {
    type: 'element', name: local, prefix: '', local, uri: SCH_NS,
    attributes: attributes.map(([name, value]) => ({ name, prefix: '', local: name, uri: '', value })),
    children: [], parent: at.parent, line: at.line, column: at.column, tagEnd: at.tagEnd, end: at.end, ns: at.ns,
  };
}

/** The embedded Schematron of the RELAX NG schema `doc` read from `file`, or `undefined` when it has none. */
export function embeddedSchematron(doc: XmlDocument, file: string): SchematronModel | undefined {
  const path = resolve(file);
  const files = new SchemaFiles();
  files.files.push(path);
  const kids: Node[] = [];
  const stack: Array<{ el: XmlElement; inside: boolean }> = [{ el: doc.root, inside: false }];
  let found = false;
  // Depth first, document order (children pushed in reverse).
  while (stack.length > 0) {
    const { el, inside } = stack.pop()!;
    const sch = el.uri === SCH_NS || el.uri === SCH15_NS;
    if (sch && !inside) {
      if (el.local === 'ns' || el.local === 'let' || el.local === 'pattern' || el.local === 'diagnostics') {
        kids.push(files.expand(el, path));
        found ||= el.local === 'pattern';
        continue;
      }
      if (el.local === 'rule') {
        kids.push({ el: synthetic('pattern', el), file: path, kids: [files.expand(el, path)] });
        found = true;
        continue;
      }
    }
    for (let i = el.children.length - 1; i >= 0; i--) {
      const c = el.children[i]!;
      if (c.type === 'element') stack.push({ el: c, inside: inside || (sch && (el.local === 'pattern' || el.local === 'rule')) });
    }
  }
  if (!found) return undefined;
  return buildModel({ el: synthetic('schema', doc.root), file: path, kids }, files, 'xslt2');
}

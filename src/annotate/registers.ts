/**
 * The registers of an edition brought up to its authority file, by insertion only: an entity the edition lacks gets
 * an entry (in its list in `standOff`, made when missing, TEI P5 13.3), and an existing entry gets the names,
 * coordinates and identifiers it lacks. Nothing is removed or rewritten: an entry the editor changed by hand (a note,
 * a corrected name) keeps the change, and where the edition and the authority file disagree on coordinates the
 * edition wins and a warning says so. New text copies the indentation and the line ends of the file.
 */
import { diagnostic, type Diagnostic } from '../diagnostics.js';
import type { Authority, AuthorityEntity } from '../encode/authority.js';
import { entryAttributes, entryParts, REGISTER, REGISTER_ORDER, type EntryPart } from '../encode/register-entry.js';
import { childElements, descendants, escapeAttribute, escapeText, isElement, TEI_NS, textContent, xmlId, type XmlDocument, type XmlElement } from '../xml/index.js';
import type { Edit } from './edits.js';
import type { LineIndex } from './source-map.js';

export interface RegisterEdits {
  edits: Edit[];
  /** Entries added. */
  entries: number;
  /** Names, coordinates and identifiers added to existing entries. */
  details: number;
  diagnostics: Diagnostic[];
}

const normalise = (s: string) => s.replace(/\s+/g, ' ').trim();

export function insertRegisters(doc: XmlDocument, source: string, lines: LineIndex, authority: Authority): RegisterEdits {
  const out: RegisterEdits = { edits: [], entries: 0, details: 0, diagnostics: [] };
  const nl = source.includes('\r\n') ? '\r\n' : '\n';
  const tei = doc.root;
  const byId = new Map<string, XmlElement>();
  for (const el of descendants(tei)) {
    const id = xmlId(el);
    if (id !== undefined && !byId.has(id)) byId.set(id, el);
  }
  const layout = new Layout(source, lines, nl);
  let standOff = childElements(tei, 'standOff', TEI_NS)[0];
  /** Entries to add, by list element name, for lists (or a standOff) that do not exist yet. */
  const pendingLists = new Map<string, AuthorityEntity[]>();

  for (const kind of REGISTER_ORDER) {
    for (const entity of authority.entities.filter((e) => e.kind === kind)) {
      const spec = REGISTER[kind];
      const existing = byId.get(entity.id);
      if (existing !== undefined) {
        if (existing.uri !== TEI_NS || existing.local !== spec.entry) {
          out.diagnostics.push(diagnostic({
            file: doc.file, line: existing.line, column: existing.column, source: 'annotate', ruleId: 'annotate/id-clash',
            message: `xml:id "${entity.id}" is a ${existing.name}, not a ${spec.entry}; the authority file's entry is not added to the registers`,
          }));
        } else completeEntry(existing, entity);
        continue;
      }
      const list = standOff === undefined ? undefined : childElements(standOff, spec.list, TEI_NS)[0];
      if (list !== undefined) {
        out.edits.push(layout.appendChild(list, (indent, unit) => entryXml(entity, indent, unit, prefixOf(list))));
        out.entries++;
      } else {
        const pending = pendingLists.get(spec.list) ?? [];
        pending.push(entity);
        pendingLists.set(spec.list, pending);
      }
    }
  }
  if (pendingLists.size > 0) {
    const parent = standOff ?? tei;
    const prefix = prefixOf(parent);
    const lists = (indent: string, unit: string) =>
      [...pendingLists].map(([list, entities]) => {
        out.entries += entities.length;
        const inner = indent + unit;
        return `<${prefix}${list}>${entities.map((e) => '\n' + inner + entryXml(e, inner, unit, prefix)).join('')}\n${indent}</${prefix}${list}>`;
      }).join('\n' + indent);
    if (standOff !== undefined) out.edits.push(layout.appendChild(standOff, lists));
    else out.edits.push(layout.appendChild(tei, (indent, unit) => `<${prefix}standOff>\n${indent + unit}${lists(indent + unit, unit)}\n${indent}</${prefix}standOff>`));
  }
  return out;

  function completeEntry(entry: XmlElement, entity: AuthorityEntity): void {
    const spec = REGISTER[entity.kind];
    const prefix = prefixOf(entry);
    const children = childElements(entry).filter((c) => c.uri === TEI_NS);
    const names = children.filter((c) => c.local === spec.name);
    const have = new Set(names.map((n) => normalise(textContent(n))));
    const geos = descendants(entry, 'geo', TEI_NS);
    const idnos = children.filter((c) => c.local === 'idno');
    const location = children.filter((c) => c.local === 'location');
    const lastOf = (...groups: XmlElement[][]) => groups.map((g) => g[g.length - 1]).find((e) => e !== undefined);
    const parts = entryParts(entity);
    for (const part of parts) {
      let after: XmlElement | undefined;
      if (part.role === 'name') {
        if (have.has(normalise(part.text ?? ''))) continue;
        after = lastOf(names);
      } else if (part.role === 'geo') {
        if (geos.length > 0) {
          const written = normalise(textContent(geos[0]!)).split(' ').map(Number);
          const wanted = [entity.geo!.lat, entity.geo!.long];
          if (written.length !== 2 || written.some((v, i) => Math.abs(v - wanted[i]!) > 1e-9)) {
            out.diagnostics.push(diagnostic({
              file: doc.file, line: geos[0]!.line, column: geos[0]!.column, source: 'annotate', ruleId: 'annotate/geo-differs',
              message: `the coordinates of "${entity.id}" in the edition (${normalise(textContent(geos[0]!))}) differ from the authority file's (${wanted.join(' ')}); the edition's are kept`,
            }));
          }
          continue;
        }
        after = lastOf(names);
      } else if (part.role === 'idno') {
        if (idnos.some((i) => i.attributes.some((a) => a.name === 'type' && a.value === part.attrs[0]![1]) && normalise(textContent(i)) === part.text)) continue;
        after = lastOf(idnos, location, names);
      } else continue; // a note is the editor's once the entry exists
      const text = (indent: string, unit: string) => partXml(part, indent, unit, prefix);
      out.edits.push(after !== undefined ? layout.insertAfter(after, entry, text) : layout.prependChild(entry, text));
      out.details++;
    }
  }
}

function prefixOf(el: XmlElement): string {
  if (el.ns[''] === TEI_NS) return '';
  for (const [prefix, uri] of Object.entries(el.ns)) if (uri === TEI_NS && prefix !== '') return `${prefix}:`;
  return '';
}

function attributes(attrs: readonly [string, string][]): string {
  return attrs.map(([k, v]) => ` ${k}="${escapeAttribute(v)}"`).join('');
}

/** Serialisers write LF; `Layout` turns it into the file's line end. */
function partXml(part: EntryPart, indent: string, unit: string, prefix: string): string {
  const open = `<${prefix}${part.name}${attributes(part.attrs)}>`;
  if (part.children === undefined) return `${open}${escapeText(part.text ?? '')}</${prefix}${part.name}>`;
  const inner = indent + unit;
  return `${open}${part.children.map((c) => '\n' + inner + partXml(c, inner, unit, prefix)).join('')}\n${indent}</${prefix}${part.name}>`;
}

function entryXml(entity: AuthorityEntity, indent: string, unit: string, prefix: string): string {
  const spec = REGISTER[entity.kind];
  const inner = indent + unit;
  const parts = entryParts(entity).map((p) => '\n' + inner + partXml(p, inner, unit, prefix)).join('');
  return `<${prefix}${spec.entry}${attributes(entryAttributes(entity))}>${parts}\n${indent}</${prefix}${spec.entry}>`;
}

/** Where new elements go in the file's text, indented like their neighbours. */
class Layout {
  constructor(private readonly source: string, private readonly lines: LineIndex, private readonly nl: string) {}

  /** The whitespace that starts the line an element's start tag is on. */
  private indentOf(el: XmlElement): string {
    const start = this.lines.offset(el);
    const lineStart = Math.max(this.source.lastIndexOf('\n', start - 1), this.source.lastIndexOf('\r', start - 1)) + 1;
    return /^[ \t]*/.exec(this.source.slice(lineStart, start))![0];
  }

  /** The indentation one level deeper than `el`'s: its first element child's, else two spaces (or a tab). */
  private unitOf(el: XmlElement): string {
    const own = this.indentOf(el);
    const child = el.children.find(isElement);
    if (child !== undefined) {
      const indent = this.indentOf(child);
      if (indent.length > own.length && indent.startsWith(own)) return indent.slice(own.length);
    }
    return own.includes('\t') ? '\t' : '  ';
  }

  /** Offset just after an element's end tag (or its `/>`). */
  private after(el: XmlElement): number {
    return this.lines.offset(el.end) + 1;
  }

  insertAfter(sibling: XmlElement, parent: XmlElement, text: (indent: string, unit: string) => string): Edit {
    const indent = this.indentOf(sibling);
    return { at: this.after(sibling), order: 0, text: this.nl + indent + this.fix(text(indent, this.unitOf(parent))) };
  }

  /** As the first child: right after the start tag. */
  prependChild(parent: XmlElement, text: (indent: string, unit: string) => string): Edit {
    const unit = this.unitOf(parent);
    const indent = this.indentOf(parent) + unit;
    return { at: this.lines.offset(parent.tagEnd) + 1, order: 0, text: this.nl + indent + this.fix(text(indent, unit)) };
  }

  /** As the last child: before the whitespace that precedes the end tag. */
  appendChild(parent: XmlElement, text: (indent: string, unit: string) => string): Edit {
    const unit = this.unitOf(parent);
    const indent = this.indentOf(parent) + unit;
    const endTag = this.source.lastIndexOf('<', this.lines.offset(parent.end));
    let at = endTag;
    while (at > 0 && /[ \t\r\n]/.test(this.source[at - 1]!)) at--;
    return { at, order: 0, text: this.nl + indent + this.fix(text(indent, unit)) };
  }

  /** The serialisers write LF; the file may use CR LF. */
  private fix(text: string): string {
    return this.nl === '\n' ? text : text.replace(/\n/g, this.nl);
  }
}

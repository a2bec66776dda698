/**
 * Which RELAX NG schema validates a file (README, teikit validate):
 * 1. `--schema FILE.rng` when given;
 * 2. else the file's `<?xml-model?>` RELAX NG schema (W3C "Associating Schemas with XML documents 1.0") when its
 *    href resolves to a local file: relative hrefs against the file's folder, `file:` URLs as paths. Remote hrefs
 *    (http, https, any other scheme) are never fetched: validation falls back and says so in an `info` diagnostic.
 *    oXygen's older `<?oxygen RNGSchema="..." type="xml"?>` is read the same way;
 * 3. else teikit's own edition schema, `schemas/teikit-edition.rng` (the edition rules are then always on).
 */
import { existsSync } from 'node:fs';
import { dirname, isAbsolute, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { diagnostic, type Diagnostic } from '../diagnostics.js';
import { unreadableReason } from '../io.js';
import type { XmlDocument, XmlProcessingInstruction } from '../xml/index.js';

export type SchemaOrigin = 'option' | 'xml-model' | 'edition';

export interface SchemaChoice {
  /** Path of the RELAX NG schema (XML syntax) to load. */
  path: string;
  origin: SchemaOrigin;
  /** `info` diagnostics explaining a fallback (remote or missing schema named by the file). */
  notes: Diagnostic[];
  /** For origin `xml-model`: the processing instruction that named the schema, and its href as written. */
  namedBy?: { target: string; href: string; line: number; column: number };
}

const RELAXNG_NS = 'http://relaxng.org/ns/structure/1.0';

/** The edition schema shipped with teikit (found from `src/validate/` and from `dist/src/validate/`). */
export function editionSchemaPath(): string {
  for (const up of ['../../schemas/teikit-edition.rng', '../../../schemas/teikit-edition.rng']) {
    const path = fileURLToPath(new URL(up, import.meta.url));
    if (existsSync(path)) return path;
  }
  return fileURLToPath(new URL('../../../schemas/teikit-edition.rng', import.meta.url));
}

/** Pseudo-attributes of a processing instruction body (`href="a.rng" type='…'`), entity references decoded. */
export function pseudoAttributes(body: string): Record<string, string> {
  const out: Record<string, string> = {};
  const re = /([A-Za-z_][\w.:-]*)\s*=\s*(?:"([^"]*)"|'([^']*)')/g;
  for (let m = re.exec(body); m !== null; m = re.exec(body)) {
    const raw = m[2] ?? m[3] ?? '';
    out[m[1]!] = raw.replace(/&(lt|gt|amp|quot|apos|#x[0-9a-fA-F]+|#\d+);/g, (_, e: string) => {
      if (e.startsWith('#x')) return String.fromCodePoint(parseInt(e.slice(2), 16));
      if (e.startsWith('#')) return String.fromCodePoint(parseInt(e.slice(1), 10));
      return ({ lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" } as Record<string, string>)[e]!;
    });
  }
  return out;
}

interface Candidate {
  href: string;
  pi: XmlProcessingInstruction;
  compact: boolean;
}

/** RELAX NG schemas named by the document's prolog PIs, in document order. */
function candidates(doc: XmlDocument): Candidate[] {
  const out: Candidate[] = [];
  for (const node of doc.children) {
    if (node.type !== 'pi') continue;
    if (node.target === 'xml-model') {
      const a = pseudoAttributes(node.body);
      const href = a['href'];
      if (href === undefined) continue;
      const ns = a['schematypens'];
      const type = a['type'];
      const rnc = /\.rnc$/i.test(href) || type === 'application/relax-ng-compact-syntax';
      // Without schematypens, only an .rng/.rnc extension says it is RELAX NG.
      const isRelaxng = ns === RELAXNG_NS || (ns === undefined && (/\.rng$/i.test(href) || rnc));
      if (isRelaxng) out.push({ href, pi: node, compact: rnc });
    } else if (node.target === 'oxygen') {
      const a = pseudoAttributes(node.body);
      const href = a['RNGSchema'];
      if (href !== undefined) out.push({ href, pi: node, compact: a['type'] === 'compact' || /\.rnc$/i.test(href) });
    }
  }
  return out;
}

function note(file: string, pi: XmlProcessingInstruction, message: string): Diagnostic {
  return diagnostic({ file, line: pi.line, column: pi.column, severity: 'info', message, ruleId: 'schema-fallback', source: 'schema' });
}

/** Choose the schema for `doc` (read from `file`); see the module comment for the order. */
export function resolveSchema(doc: XmlDocument, file: string, options: { schema?: string } = {}): SchemaChoice {
  if (options.schema !== undefined) return { path: options.schema, origin: 'option', notes: [] };
  const notes: Diagnostic[] = [];
  const fallback = 'validated against teikit\'s edition schema instead';
  for (const c of candidates(doc)) {
    const label = `<?${c.pi.target}?> schema "${c.href}"`;
    let path: string | undefined;
    const scheme = /^([A-Za-z][A-Za-z0-9+.-]*):/.exec(c.href)?.[1]?.toLowerCase();
    if (scheme === 'file') {
      try {
        path = fileURLToPath(c.href);
      } catch {
        notes.push(note(file, c.pi, `${label} is not a usable file URL; ${fallback}`));
        continue;
      }
    } else if (scheme !== undefined && !(scheme.length === 1 && process.platform === 'win32')) {
      notes.push(note(file, c.pi, `${label} is remote and is never fetched; ${fallback}`));
      continue;
    } else {
      let href = c.href;
      try {
        href = decodeURI(href);
      } catch {
        // keep it as written
      }
      path = isAbsolute(href) ? href : resolve(dirname(file), href.split('#')[0]!);
    }
    if (c.compact) {
      notes.push(note(file, c.pi, `${label} uses the RELAX NG compact syntax, which teikit does not read; ${fallback}`));
      continue;
    }
    // Say what the path is: a FIFO or /dev/zero named here is refused as such, never read (it would not end).
    const unreadable = unreadableReason(path);
    if (unreadable !== undefined) {
      notes.push(note(file, c.pi, `${label} ${unreadable} (${path}); ${fallback}`));
      continue;
    }
    return { path, origin: 'xml-model', notes, namedBy: { target: c.pi.target, href: c.href, line: c.pi.line, column: c.pi.column } };
  }
  return { path: editionSchemaPath(), origin: 'edition', notes };
}

/**
 * `encodeRecord`: an archive record (text) and its authority file in, TEI P5 XML and diagnostics out.
 * The pipeline: parseRecord (layout) -> buildInline per block (brackets, names, dates) -> writeTei.
 */
import type { Diagnostic } from '../diagnostics.js';
import type { Authority } from './authority.js';
import { yearOf } from './dates.js';
import { buildInline, el, type InlineContext } from './inline.js';
import type { NameMatch } from './names.js';
import { NameMatcher } from './names.js';
import { parseRecord, titleCase, type ArchiveRecord, type Block } from './record.js';
import { writeTei, type BodyItem, type Correspondent } from './tei.js';

export interface EncodeOptions {
  /** Name of the record in diagnostics (default "record.txt"). */
  file?: string;
  /** Registers to tag names from (see `loadAuthority` / `checkAuthority`). Without it no name is tagged, and
   * every capitalised name of the text is reported as unknown. */
  authority?: Authority;
  /** Relative URL of a RelaxNG schema written in an `<?xml-model?>` processing instruction (default: none). */
  schemaHref?: string;
}

export interface EncodeResult {
  /** The TEI document (UTF-8 text, ending with a newline). */
  xml: string;
  /** Warnings about the record (unknown names, unreadable dates, unknown sections...), in record order. */
  diagnostics: Diagnostic[];
  /** The parsed record, for callers that want its metadata. */
  record: ArchiveRecord;
}

/**
 * Encode an archive record. Throws `TeikitError` (exit code 1) when the record is unusable: empty or binary, no
 * title, no text between its "[...]" lines, a date line that is not a date.
 */
export function encodeRecord(text: string | Uint8Array, options: EncodeOptions = {}): EncodeResult {
  const record = parseRecord(text, options.file !== undefined ? { file: options.file } : {});
  const diagnostics = [...record.diagnostics];
  const documentYear = yearOf(record.date?.value);
  const ctx: InlineContext = {
    source: record.source,
    matcher: new NameMatcher(options.authority),
    ...(documentYear !== undefined ? { documentYear } : {}),
    diagnostics,
    unknown: new Set(),
  };
  const inline = (block: Block, checkNames = true) => buildInline(block.text, block.offset, ctx, checkNames);

  const body: BodyItem[] = [];
  // correspDesc (TEI P5 2.4.6) is written when the text names its sender (signature) or addressee (opener).
  let sender: Correspondent | undefined;
  let addressee: Correspondent | undefined;
  for (const part of record.body) {
    if (part.kind === 'gap') body.push({ kind: 'gap' });
    else if (part.kind === 'closer') {
      const children: { role: 'salute' | 'signed' | 'dateline'; nodes: ReturnType<typeof inline>['nodes'] }[] = [];
      for (const line of part.lines) {
        const result = inline(line.block);
        const previous = children[children.length - 1];
        // Consecutive signature lines are one signed element with line breaks.
        if (line.role === 'signed' && previous?.role === 'signed') previous.nodes.push({ name: 'lb', attrs: [], children: [] }, '\n', ...result.nodes);
        else children.push({ role: line.role, nodes: result.nodes });
        if (line.role === 'signed' && sender === undefined) sender = correspondent(result.names, line.block.text, (t) => t);
      }
      body.push({ kind: 'closer', children });
    } else {
      // A head in title case ("Border Residents Fleeing from ...") says nothing about unknown names.
      const result = inline(part.block, !(part.kind === 'head' && titleCase(part.block.text)));
      // "Dear Comrade Ambassador," is a salute inside the opener (TEI P5 4.2.2).
      const nodes = part.kind === 'opener' && /^\s*Dear\b/.test(part.block.text) ? [el('salute', [], result.nodes)] : result.nodes;
      body.push({ kind: part.kind, ...(part.n !== undefined ? { n: part.n } : {}), nodes });
      if (part.kind === 'opener') addressee = correspondent(result.names, part.block.text, (t) => t.replace(/^\s*(?:\[To(?: the)?\]|To(?: the)?|Dear)\s+/, '').replace(/[:,]\s*$/, ''));
    }
  }
  diagnostics.sort((a, b) => a.line - b.line || a.column - b.column);
  const xml = writeTei({
    record,
    ...(options.authority ? { authority: options.authority } : {}),
    body,
    ...(sender ? { sender } : {}),
    ...(addressee ? { addressee } : {}),
    ...(options.schemaHref !== undefined ? { schemaHref: options.schemaHref } : {}),
  });
  return { xml, diagnostics, record };
}

/** The first name of a signature or an opener, as written (brackets removed); else the line without its
 * salutation (`strip`). */
function correspondent(names: readonly NameMatch[], text: string, strip: (text: string) => string): Correspondent | undefined {
  const clean = (s: string) => s.replace(/[[\]]/g, '').replace(/\s+/g, ' ').trim();
  const first = names[0];
  if (first) return { kind: first.entity.kind, id: first.entity.id, name: clean(text.slice(first.start, first.end)) };
  const name = clean(strip(text));
  return name === '' ? undefined : { name };
}

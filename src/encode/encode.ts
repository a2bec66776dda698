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
import { NoteTable } from './notes.js';
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
  // Notes first: their content is built once and placed at their markers while the text is built (notes.ts).
  if (record.notes.length > 0) {
    ctx.notes = new NoteTable(record.notes, (note) => {
      const paragraphs = note.blocks.map((b) => inline(b).nodes);
      return paragraphs.length === 1 ? paragraphs[0]! : paragraphs.map((nodes) => el('p', [], nodes));
    });
  }

  const body: BodyItem[] = [];
  // correspDesc (TEI P5 2.4.6) is written when the text names its sender (signature) or addressee (opener).
  let sender: Correspondent | undefined;
  let addressee: Correspondent | undefined;
  for (const part of record.body) {
    if (part.kind === 'gap') body.push({ kind: 'gap' });
    else if (part.kind === 'closer') {
      const children: { role: 'salute' | 'signed' | 'dateline'; nodes: ReturnType<typeof inline>['nodes'] }[] = [];
      const signature: { names: NameMatch[]; text: string }[] = [];
      for (const line of part.lines) {
        const result = inline(line.block);
        const previous = children[children.length - 1];
        // Consecutive signature lines are one signed element with line breaks.
        if (line.role === 'signed' && previous?.role === 'signed') previous.nodes.push({ name: 'lb', attrs: [], children: [] }, '\n', ...result.nodes);
        else children.push({ role: line.role, nodes: result.nodes });
        if (line.role === 'signed') signature.push({ names: result.names, text: line.block.text });
      }
      body.push({ kind: 'closer', children });
      sender ??= signer(signature);
    } else if (part.kind === 'postscript') {
      body.push({ kind: 'postscript', paragraphs: part.blocks.map((b) => inline(b).nodes) });
    } else if (part.kind === 'sp') {
      // "Zhang Wentian:": the speaker label, and @who for the person it names (TEI P5 3.13.2, att.ascribed).
      const label = inline(part.speaker);
      const who = label.names.find((m) => m.entity.kind === 'person' || m.entity.kind === 'group');
      body.push({ kind: 'sp', ...(who ? { who: who.entity.id } : {}), speaker: label.nodes, nodes: inline(part.block).nodes });
    } else if (part.kind === 'opener') {
      const result = inline(part.block);
      let nodes = result.nodes;
      // An address line is address/addrLine, a salutation salute (TEI P5 4.2.2); "To the ...:" stands as written.
      if (part.address === true) nodes = [el('address', [], [el('addrLine', [], nodes)])];
      else if (SALUTE.test(part.block.text)) nodes = [el('salute', [], nodes)];
      if (part.salute !== undefined) nodes.push('\n', el('salute', [], inline(part.salute).nodes));
      body.push({ kind: 'opener', nodes });
      addressee = correspondent(result.names, part.block.text, (t) => t.replace(/^\s*(?:\[To(?: the)?\]|To(?: the)?|Dear)\s+/, '').replace(/[:,]\s*$/, ''));
    } else {
      // A head in title case ("Border Residents Fleeing from ...") says nothing about unknown names.
      const result = inline(part.block, !(part.kind === 'head' && titleCase(part.block.text)));
      body.push({ kind: part.kind, ...(part.n !== undefined ? { n: part.n } : {}), nodes: result.nodes });
    }
  }
  for (const { note, element, duplicate } of ctx.notes?.unplaced() ?? []) {
    const message = duplicate
      ? `a second note "${note.n}"; the marker points to the first, and this one is kept at the end of the text`
      : `note "${note.n}" has no marker in the text; kept at the end of the text`;
    diagnostics.push(record.source.report(note.offset, message, duplicate ? 'encode/note-duplicate' : 'encode/note-unreferenced'));
    body.push({ kind: 'note', element });
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

/** "Dear ...," and "Comrades,": a salutation, written as salute inside the opener. */
const SALUTE = /^\s*(?:Dear\b|(?:My\s+)?(?:Comrades?|Sirs?|Madam|Gentlemen)\b)/;

/**
 * Who signed: the first person or organisation named in the signature lines ("Consul of the USSR in Urumqi / A.
 * Testov" is signed by Testov, not by the USSR); else the first name of any kind; else the last line as written
 * (titles come before the name in a signature block).
 */
function signer(lines: readonly { names: NameMatch[]; text: string }[]): Correspondent | undefined {
  const all = lines.flatMap((l) => l.names.map((m) => ({ m, text: l.text })));
  const pick = all.find((x) => x.m.entity.kind === 'person') ?? all.find((x) => x.m.entity.kind === 'org') ?? all[0];
  if (pick) return correspondent([pick.m], pick.text, (t) => t);
  const last = lines[lines.length - 1];
  return last === undefined ? undefined : correspondent([], last.text, (t) => t);
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

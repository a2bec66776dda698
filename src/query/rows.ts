/**
 * What a scan and the index share: the query's filters, the output row of a mention, and diagnostics reported once
 * per target (files and paths are ./paths.ts). No XML parser here, so that `teikit query --db` starts fast.
 */
import type { Diagnostic } from '../diagnostics.js';
import { displayPath } from './paths.js';
import { dateRange, isoEnd, isoStart, overlaps } from './dates.js';
import type { ExtractedMention, Warning } from './extract.js';
import { nameKeys, refKeys } from './keys.js';
import { nameMatcher, type NameMatcher } from './match.js';
import type { Mention, Query } from './types.js';

/** The query's filters, compiled once. */
export interface Filter {
  kind: Query['kind'];
  name: NameMatcher | null;
  ref: string | null;
  from: number | null;
  to: number | null;
  header: boolean;
}

export function compileQuery(query: Query): Filter {
  const bound = (value: string | undefined, end: boolean): number | null => {
    if (value === undefined) return null;
    const n = end ? isoEnd(value) : isoStart(value);
    if (n === null) throw new RangeError(`"${value}" is not an ISO 8601 date (YYYY, YYYY-MM or YYYY-MM-DD)`);
    return n;
  };
  return {
    kind: query.kind,
    name: query.name === undefined ? null : nameMatcher(query.name, query.match),
    ref: query.ref ?? null,
    from: bound(query.from, false),
    to: bound(query.to, true),
    header: query.header ?? false,
  };
}

export function matches(m: ExtractedMention, f: Filter): boolean {
  if (m.kind !== f.kind) return false;
  if (m.inHeader && !f.header) return false;
  if (f.name !== null && !nameKeys(m).some((k) => f.name!.test(k))) return false;
  if (f.ref !== null && !refKeys(m).includes(f.ref)) return false;
  if ((f.from !== null || f.to !== null) && !overlaps(m.dating === null ? null : dateRange(m.dating), f.from, f.to)) return false;
  return true;
}

/** The output row of an extracted mention. */
export function toMention(m: ExtractedMention, file: { file: string; title: string | null; date: string | null }, cwd: string): Mention {
  return {
    file: displayPath(file.file, cwd),
    line: m.line,
    column: m.column,
    kind: m.kind,
    element: m.element,
    type: m.type,
    surface: m.surface,
    pointer: m.pointer,
    pointerAttribute: m.pointerAttribute,
    entry: m.entry?.id ?? null,
    register: m.entry === null ? null : displayPath(m.entry.file, cwd),
    preferred: m.entry?.preferred ?? null,
    names: m.entry?.names ?? [],
    title: file.title,
    date: file.date,
    left: m.left,
    right: m.right,
    inHeader: m.inHeader,
    when: m.dating?.when ?? null,
    from: m.dating?.from ?? null,
    to: m.dating?.to ?? null,
    notBefore: m.dating?.notBefore ?? null,
    notAfter: m.dating?.notAfter ?? null,
  };
}

/** Diagnostics with display paths; warnings once per target across the whole run. */
export class Reporter {
  readonly diagnostics: Diagnostic[] = [];
  private readonly seen = new Set<string>();
  constructor(private readonly cwd: string) {}

  warn(w: Warning): void {
    if (this.seen.has(w.target)) return;
    this.seen.add(w.target);
    this.diagnostics.push({ ...w.diagnostic, file: displayPath(w.diagnostic.file, this.cwd) });
  }

  error(d: Diagnostic): void {
    this.diagnostics.push({ ...d, file: displayPath(d.file, this.cwd) });
  }
}


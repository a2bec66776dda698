/**
 * ISO 8601 dates (xsd:date, gYear, gYearMonth, dateTime; TEI att.datable.w3c) as ranges of day numbers
 * `year*10000 + month*100 + day`, so that "1962" covers 1962-01-01..1962-12-31 and ranges compare as integers in
 * SQLite too. A date without a year (`--04-18`) or a bare time cannot be placed on the time line.
 */
const ISO = /^(-?\d{4,})(?:-(\d{2})(?:-(\d{2}))?)?(?:T[\d:.]+(?:Z|[+-]\d{2}:\d{2})?)?$/;

/** Sentinels for an open end (`notBefore` only, or `from` only). */
export const OPEN_START = -99_999_999_999;
export const OPEN_END = 99_999_999_999;

export function isoStart(value: string): number | null {
  const m = ISO.exec(value.trim());
  if (m === null) return null;
  return Number(m[1]) * 10000 + Number(m[2] ?? 1) * 100 + Number(m[3] ?? 1);
}

export function isoEnd(value: string): number | null {
  const m = ISO.exec(value.trim());
  if (m === null) return null;
  return Number(m[1]) * 10000 + Number(m[2] ?? 12) * 100 + Number(m[3] ?? 31);
}

export interface Dating {
  when: string | null;
  from: string | null;
  to: string | null;
  notBefore: string | null;
  notAfter: string | null;
}

/**
 * The range a dated element covers: `@when` exactly; otherwise from `@from`/`@notBefore` to `@to`/`@notAfter`,
 * open at a missing end. Null when nothing in it is an ISO date.
 */
export function dateRange(d: Dating): [number, number] | null {
  if (d.when !== null) {
    const s = isoStart(d.when);
    const e = isoEnd(d.when);
    if (s !== null && e !== null) return [s, e];
  }
  const lowText = d.from ?? d.notBefore;
  const highText = d.to ?? d.notAfter;
  const low = lowText === null ? null : isoStart(lowText);
  const high = highText === null ? null : isoEnd(highText);
  if (low === null && high === null) return null;
  return [low ?? OPEN_START, high ?? OPEN_END];
}

/** Overlap: a mention is in [from, to] when its range and the bounds share at least one day. */
export function overlaps(range: [number, number] | null, from: number | null, to: number | null): boolean {
  if (from === null && to === null) return true;
  if (range === null) return false;
  return (to === null || range[0] <= to) && (from === null || range[1] >= from);
}

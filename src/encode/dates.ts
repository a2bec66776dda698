/**
 * Dates in English archive translations, turned into ISO 8601 values for TEI `@when`, `@from`/`@to` (TEI P5
 * Guidelines 13.4, att.datable.w3c: xsd:date, xsd:gYearMonth or xsd:gYear).
 *
 * Recognised forms: "April 21, 1962", "21 April 1962", "21st of April, 1962", "Apr. 21, 1962", "July 1962",
 * "18 April" / "April 18" (year taken from the document's date and marked as inferred), "1962-04-21", ranges
 * "from 10 May through 14 May", "10-14 May 1962", "May 10-14, 1962", "10 May to 14 May 1962", and, in a record's
 * date line only, "1962", "c. 1962" and "1960s".
 */
import { daysInMonth } from '../calendar.js';
import { table } from '../tables.js';

const MONTHS: Readonly<Record<string, number>> = table({
  january: 1, february: 2, march: 3, april: 4, may: 5, june: 6, july: 7, august: 8, september: 9, october: 10,
  november: 11, december: 12,
  jan: 1, feb: 2, mar: 3, apr: 4, jun: 6, jul: 7, aug: 8, sep: 9, sept: 9, oct: 10, nov: 11, dec: 12,
});

/** One date as written: a day, a month or a year, or a range of two of them. */
export interface DateValue {
  /** ISO 8601 value for `@when` (single dates). */
  when?: string;
  /** ISO 8601 values for `@from` and `@to` (ranges). */
  from?: string;
  to?: string;
  /** True when the year is not written and was taken from the document's date. */
  yearInferred: boolean;
  /** True for "c. 1962" and decades: the value is approximate. */
  approximate: boolean;
}

/** A date found in running text: UTF-16 offsets into the searched string and its value. */
export interface DateMatch {
  start: number;
  end: number;
  value: DateValue;
}

/** A date-like phrase that is not a calendar date ("31 February 1962"). */
export interface BadDate {
  start: number;
  end: number;
  text: string;
}

interface Parts {
  year?: number;
  month: number;
  day?: number;
}

const MONTH_NAMES = '(January|February|March|April|May|June|July|August|September|October|November|December|Jan\\.?|Feb\\.?|Mar\\.?|Apr\\.?|Jun\\.?|Jul\\.?|Aug\\.?|Sept?\\.?|Oct\\.?|Nov\\.?|Dec\\.?)';
const DAY = '(\\d{1,2})(?:st|nd|rd|th)?';
const YEAR = '(\\d{4})';
const B = '(?<![\\p{L}\\p{N}])';
const E = '(?![\\p{L}\\p{N}])';
const RANGE_JOIN = '\\s*(?:-|–|—|\\bthrough\\b|\\bto\\b|\\buntil\\b|\\btill\\b)\\s*';

/** The single-date forms, each with how to read its groups. Order matters: longer forms first. */
const SINGLE: { re: string; read(m: string[]): Parts }[] = [
  { re: `${MONTH_NAMES}\\s+${DAY},?\\s+${YEAR}`, read: (m) => ({ month: month(m[0]!), day: +m[1]!, year: +m[2]! }) },
  { re: `${DAY}\\s+(?:of\\s+)?${MONTH_NAMES},?\\s+${YEAR}`, read: (m) => ({ day: +m[0]!, month: month(m[1]!), year: +m[2]! }) },
  { re: `${MONTH_NAMES},?\\s+${YEAR}`, read: (m) => ({ month: month(m[0]!), year: +m[1]! }) },
  { re: `${DAY}\\s+(?:of\\s+)?${MONTH_NAMES}`, read: (m) => ({ day: +m[0]!, month: month(m[1]!) }) },
  { re: `${MONTH_NAMES}\\s+${DAY}(?![\\d,]*\\s*\\d{4})`, read: (m) => ({ month: month(m[0]!), day: +m[1]! }) },
];

function month(name: string): number {
  return MONTHS[name.replace(/\.$/, '').toLowerCase()]!;
}

function pad(n: number, width = 2): string {
  return String(n).padStart(width, '0');
}

function isRealDate(p: Parts): boolean {
  if (p.month < 1 || p.month > 12) return false;
  if (p.day === undefined) return true;
  // Without a year, "29 February" is accepted.
  return p.day >= 1 && p.day <= daysInMonth(p.month, p.year);
}

function iso(p: Parts, year: number): string {
  return p.day === undefined ? `${pad(year, 4)}-${pad(p.month)}` : `${pad(year, 4)}-${pad(p.month)}-${pad(p.day)}`;
}

interface Raw {
  start: number;
  end: number;
  parts: Parts;
}

/** Day-month ranges written with one month: "10-14 May 1962", "May 10-14, 1962". */
const SHARED_MONTH: { re: RegExp; read(m: RegExpExecArray): [Parts, Parts] }[] = [
  {
    re: new RegExp(`${B}${DAY}\\s*(?:-|–|—|\\bto\\b|\\bthrough\\b)\\s*${DAY}\\s+${MONTH_NAMES}(?:,?\\s+${YEAR})?${E}`, 'gu'),
    read: (m) => {
      const mo = month(m[3]!);
      const year = m[4] === undefined ? {} : { year: +m[4] };
      return [{ month: mo, day: +m[1]!, ...year }, { month: mo, day: +m[2]!, ...year }];
    },
  },
  {
    re: new RegExp(`${B}${MONTH_NAMES}\\s+${DAY}\\s*(?:-|–|—|\\bto\\b|\\bthrough\\b)\\s*${DAY}(?:,?\\s+${YEAR})?${E}`, 'gu'),
    read: (m) => {
      const mo = month(m[1]!);
      const year = m[4] === undefined ? {} : { year: +m[4] };
      return [{ month: mo, day: +m[2]!, ...year }, { month: mo, day: +m[3]!, ...year }];
    },
  },
];

const SINGLE_RES = SINGLE.map((f) => ({ re: new RegExp(`${B}${f.re}${E}`, 'gu'), read: f.read }));
const ISO_RE = /(?<![\p{L}\p{N}-])(\d{4})-(\d{2})(?:-(\d{2}))?(?![\p{L}\p{N}-])/gu;

/**
 * Find the dates in `text`. `documentYear` supplies the year of dates written without one (they are marked
 * `yearInferred`); without it such dates are left out. Dates that name no real calendar day come back in `bad`.
 */
export function findDates(text: string, documentYear?: number): { dates: DateMatch[]; bad: BadDate[] } {
  const raws: Raw[] = [];
  // Characters already in a date (1) or a range (2): a match is checked against its own few characters, not
  // against every date found before it (which made 4,000 dates in one paragraph quadratic).
  const used = new Uint8Array(text.length);
  const overlaps = (s: number, e: number, mask: number): boolean => {
    for (let i = s; i < e; i++) if ((used[i]! & mask) !== 0) return true;
    return false;
  };
  const mark = (s: number, e: number, bit: number): void => {
    for (let i = s; i < e; i++) used[i]! |= bit;
  };
  const ranges: { start: number; end: number; a: Parts; b: Parts }[] = [];
  for (const form of SHARED_MONTH) {
    for (const m of text.matchAll(form.re)) {
      const start = m.index;
      const end = start + m[0].length;
      if (overlaps(start, end, 2)) continue;
      const [a, b] = form.read(m as unknown as RegExpExecArray);
      ranges.push({ start, end, a, b });
      mark(start, end, 2);
    }
  }
  for (const form of SINGLE_RES) {
    for (const m of text.matchAll(form.re)) {
      const start = m.index;
      const end = start + m[0].length;
      if (overlaps(start, end, 3)) continue;
      raws.push({ start, end, parts: form.read(m.slice(1)) });
      mark(start, end, 1);
    }
  }
  for (const m of text.matchAll(ISO_RE)) {
    const start = m.index;
    const end = start + m[0].length;
    if (overlaps(start, end, 1)) continue;
    const parts: Parts = { year: +m[1]!, month: +m[2]!, ...(m[3] === undefined ? {} : { day: +m[3] }) };
    raws.push({ start, end, parts });
    mark(start, end, 1);
  }
  raws.sort((x, y) => x.start - y.start);

  // Two dates joined by "through", "to", "-"... form a range: "10 May through 14 May". One pass, building the
  // list of dates left single (removing pairs in place was quadratic).
  const join = new RegExp(`^${RANGE_JOIN}$`, 'u');
  const singles: Raw[] = [];
  for (let i = 0; i < raws.length; i++) {
    const a = raws[i]!;
    const b = raws[i + 1];
    if (b !== undefined && join.test(text.slice(a.end, b.start))) {
      ranges.push({ start: a.start, end: b.end, a: a.parts, b: b.parts });
      i++;
    } else singles.push(a);
  }
  raws.length = 0;
  for (const r of singles) raws.push(r);

  const dates: DateMatch[] = [];
  const bad: BadDate[] = [];
  for (const r of raws) {
    const value = resolve(r.parts, documentYear);
    if (value === 'bad') bad.push({ start: r.start, end: r.end, text: text.slice(r.start, r.end) });
    else if (value !== undefined) dates.push({ start: r.start, end: r.end, value: { when: value.iso, yearInferred: value.inferred, approximate: false } });
  }
  for (const r of ranges) {
    // "10 May through 14 May 1962": the first date takes the year written with the second.
    const a = r.a.year === undefined && r.b.year !== undefined ? { ...r.a, year: r.b.year } : r.a;
    const from = resolve(a, documentYear);
    const to = resolve(r.b, documentYear);
    if (from === 'bad' || to === 'bad') bad.push({ start: r.start, end: r.end, text: text.slice(r.start, r.end) });
    else if (from !== undefined && to !== undefined) {
      if (from.iso > to.iso) bad.push({ start: r.start, end: r.end, text: text.slice(r.start, r.end) });
      else dates.push({ start: r.start, end: r.end, value: { from: from.iso, to: to.iso, yearInferred: from.inferred || to.inferred, approximate: false } });
    }
  }
  dates.sort((x, y) => x.start - y.start);
  bad.sort((x, y) => x.start - y.start);
  return { dates, bad };
}

function resolve(p: Parts, documentYear: number | undefined): { iso: string; inferred: boolean } | 'bad' | undefined {
  const year = p.year ?? documentYear;
  if (year === undefined) return undefined;
  if (!isRealDate({ ...p, year })) return 'bad';
  return { iso: iso(p, year), inferred: p.year === undefined };
}

/**
 * Read a whole phrase as one date: a record's date line or the date of its citation. Besides the forms of
 * `findDates` it accepts a bare year ("1962"), "c. 1962" / "ca. 1962" / "circa 1962" (approximate) and decades
 * ("1960s", approximate, as a range), seasons ("Spring 1962": March to May, approximate), "early 1962" / "mid-1962" /
 * "late 1962" (the year, approximate) and a leading weekday ("Saturday, April 21, 1962"). Returns undefined when the phrase is not one date (with a year).
 */
export function parseDatePhrase(phrase: string): DateValue | undefined {
  let text = phrase.trim().replace(/\s+/g, ' ').replace(/\.$/, (dot) => (/[A-Za-z]{3,}\.$/.test(phrase.trim()) ? dot : ''));
  let approximate = false;
  const circa = /^(?:c\.|ca\.|circa|around|about)\s*/i.exec(text);
  if (circa) {
    approximate = true;
    text = text.slice(circa[0].length);
  }
  text = text.replace(/^(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday),?\s+/i, '');
  if (/^\d{4}$/.test(text)) return { when: text, yearInferred: false, approximate };
  // "Spring 1962": the months of the season (northern hemisphere); "early 1962", "mid-1962": the year.
  const season = /^(spring|summer|autumn|fall)\s+(?:of\s+)?(\d{4})$/i.exec(text);
  if (season) {
    const [from, to] = SEASONS[season[1]!.toLowerCase()]!;
    return { from: `${season[2]}-${from}`, to: `${season[2]}-${to}`, yearInferred: false, approximate: true };
  }
  const part = /^(?:early|mid|late|end of|beginning of)[\s-]+(\d{4})$/i.exec(text);
  if (part) return { when: part[1]!, yearInferred: false, approximate: true };
  const decade = /^(\d{3})0s$/.exec(text);
  if (decade) return { from: `${decade[1]}0`, to: `${decade[1]}9`, yearInferred: false, approximate: true };
  const yearRange = /^(\d{4})\s*(?:-|–|—)\s*(\d{4})$/.exec(text);
  if (yearRange && yearRange[1]! <= yearRange[2]!) return { from: yearRange[1]!, to: yearRange[2]!, yearInferred: false, approximate };
  const { dates } = findDates(text);
  const only = dates[0];
  if (dates.length !== 1 || only === undefined || only.start !== 0 || only.end !== text.length) return undefined;
  return { ...only.value, approximate };
}

const SEASONS: Readonly<Record<string, readonly [string, string]>> = table({ spring: ['03', '05'], summer: ['06', '08'], autumn: ['09', '11'], fall: ['09', '11'] });

/** The year a document's date gives to dates written without one (the first year of a range). */
export function yearOf(value: DateValue | undefined): number | undefined {
  const iso = value?.when ?? value?.from;
  return iso === undefined ? undefined : Number(iso.slice(0, 4));
}

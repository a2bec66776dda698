/**
 * `rules/date-valid`: `@when`, `@from`, `@to`, `@notBefore` and `@notAfter` hold W3C dates (TEI `teidata.temporal.w3c`:
 * XML Schema Part 2 `date`, `gYear`, `gYearMonth`, `gMonth`, `gDay`, `gMonthDay`, `time`, `dateTime`) that name a
 * real day of the proleptic Gregorian calendar: `1962-02-30` has the right shape and is still an error. (A pattern
 * check is not enough: a Schematron engine measured for teikit took "2021-02-30" for a valid xs:date.)
 */
import { daysInMonth } from '../../calendar.js';
import { excerpt } from '../../diagnostics.js';
import { DATE_ATTRIBUTES, NOT_DATED_ELEMENTS } from '../../tei/index.js';
import { TEI_NS } from '../../xml/index.js';
import { ruleDiagnostic, type Rule } from './context.js';

/**
 * TEI elements whose `@from`/`@to` are not dates (src/tei/dates.ts). Only TEI elements are checked; other
 * vocabularies (SVG's `<animate from>`) mean something else.
 */
const NOT_DATES: ReadonlySet<string> = new Set(NOT_DATED_ELEMENTS);

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

const TZ = '(?:Z|[+-](?:(?:0\\d|1[0-3]):[0-5]\\d|14:00))?';
// Years have at least four digits; more than four may not start with 0 (XML Schema 1.0, 3.2.7.1). Year 0000 is
// not allowed in XML Schema 1.0, which jing implements.
const YEAR = '(-?(?:[1-9]\\d{4,}|\\d{4}))';
const TIME = '(\\d{2}):(\\d{2}):(\\d{2})(?:\\.\\d+)?';

const FORMS: Array<{ name: string; re: RegExp }> = [
  { name: 'date', re: new RegExp(`^${YEAR}-(\\d{2})-(\\d{2})${TZ}$`) },
  { name: 'dateTime', re: new RegExp(`^${YEAR}-(\\d{2})-(\\d{2})T${TIME}${TZ}$`) },
  { name: 'gYearMonth', re: new RegExp(`^${YEAR}-(\\d{2})${TZ}$`) },
  { name: 'gYear', re: new RegExp(`^${YEAR}${TZ}$`) },
  { name: 'gMonthDay', re: new RegExp(`^--(\\d{2})-(\\d{2})${TZ}$`) },
  { name: 'gMonth', re: new RegExp(`^--(\\d{2})${TZ}$`) },
  { name: 'gDay', re: new RegExp(`^---(\\d{2})${TZ}$`) },
  { name: 'time', re: new RegExp(`^${TIME}${TZ}$`) },
];

/** `undefined` when `value` is a real W3C date or time; otherwise what is wrong, in words. */
export function checkW3cDate(value: string): string | undefined {
  for (const { name, re } of FORMS) {
    const m = re.exec(value);
    if (m === null) continue;
    const n = m.slice(1).map((s) => (s === undefined ? undefined : Number(s)));
    let year: number | undefined;
    let month: number | undefined;
    let day: number | undefined;
    let time: number[] | undefined;
    switch (name) {
      case 'date': [year, month, day] = n; break;
      case 'dateTime': [year, month, day] = n; time = n.slice(3, 6) as number[]; break;
      case 'gYearMonth': [year, month] = n; break;
      case 'gYear': [year] = n; break;
      case 'gMonthDay': [month, day] = n; break;
      case 'gMonth': [month] = n; break;
      case 'gDay': [day] = n; break;
      case 'time': time = n.slice(0, 3) as number[]; break;
    }
    if (year === 0) return 'year 0000 does not exist in XML Schema dates (1 BCE is -0001)';
    if (month !== undefined && (month < 1 || month > 12)) return `month ${String(month).padStart(2, '0')} does not exist`;
    if (day !== undefined) {
      const max = month === undefined ? 31 : daysInMonth(month, year);
      if (day < 1 || day > max) {
        if (month === undefined) return `day ${String(day).padStart(2, '0')} does not exist`;
        const when = year === undefined ? MONTHS[month - 1]! : `${MONTHS[month - 1]} ${year}`;
        return `${when} has ${max} days, not ${day}`;
      }
    }
    if (time !== undefined) {
      const [h, min, s] = time as [number, number, number];
      const midnight = h === 24 && min === 0 && s === 0 && !/\.\d*[1-9]/.test(value);
      if ((h > 23 && !midnight) || min > 59 || s > 59) return `${String(h).padStart(2, '0')}:${String(min).padStart(2, '0')}:${String(s).padStart(2, '0')} is not a time of day`;
    }
    return undefined;
  }
  return 'not an ISO 8601 / XML Schema date (expected YYYY, YYYY-MM, YYYY-MM-DD or YYYY-MM-DDThh:mm:ss)';
}

export const dateValid: Rule = {
  id: 'rules/date-valid',
  check(context) {
    const out = [];
    for (const el of context.elements) {
      if (el.uri !== TEI_NS || NOT_DATES.has(el.local)) continue;
      for (const a of el.attributes) {
        if (a.uri !== '' || !(DATE_ATTRIBUTES as readonly string[]).includes(a.local)) continue;
        const problem = checkW3cDate(a.value);
        if (problem !== undefined) {
          out.push(ruleDiagnostic(context, this.id, el, `@${a.name}="${excerpt(a.value, 80)}" on <${el.name}>: ${problem}`, { actual: a.value }));
        }
      }
    }
    return out;
  },
};

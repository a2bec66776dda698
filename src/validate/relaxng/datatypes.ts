/**
 * XML Schema datatypes (XSD Part 2) whose lexical checks in salve-annos 1.2.4 disagree with jing, replaced by checks
 * that accept and reject what jing's datatype library (com.thaiopensource.datatype.xsd) does, since jing is the
 * reference our verdicts are compared with. Measured against jing on the values in
 * test/fixtures/relaxng/datatypes.xml. salve's faults, for the record:
 *
 * - gMonth, gDay and gMonthDay: salve's patterns lack the leading `--` / `---` of XSD's lexical forms
 *   (`--04`, `---18`, `--04-18`), so every correct value was rejected and `04` was accepted;
 * - date, dateTime, time, gYear, gYearMonth: year 0000 accepted (XSD 1.0 has no year zero; jing rejects it);
 *   `24:00:00` accepted (jing rejects hour 24); a leap second (`:60`) and a trailing `.` after the seconds rejected
 *   (jing accepts both);
 * - duration: `PT1.S` rejected; decimal: `.` accepted; float/double: `+INF` and `e5` accepted;
 * - anyURI: salve applies an RFC 3987 pattern, jing only checks `%`-escapes, a single `#` and the scheme (so `a b`
 *   and `x|y` are fine, `[::1]` is not).
 *
 * Like jing, every one of these types collapses whitespace first (XSD `whiteSpace="collapse"`).
 */
import { compileXsdRegex, XsdRegexError } from './datatypes/regex.js';


type Check = (value: string) => boolean;

/** XSD whiteSpace collapse: XML whitespace only (not JavaScript's `\s`, which also matches NBSP). */
export function collapse(value: string): string {
  return value.replace(/[ \t\n\r]+/g, ' ').replace(/^ | $/g, '');
}

const YEAR = '(-?)((?:[1-9][0-9]*)?[0-9]{4})';
const TIME = '([0-9]{2}):([0-9]{2}):([0-9]{2})(?:\\.[0-9]*)?';
const TZ = '(Z|[+-]([0-9]{2}):([0-5][0-9]))?';

/**
 * jing builds one pattern per type from a template (Y year, M month, D day, t time) and then checks the fields:
 * month 1-12, day within the month (of a leap year when the type has no year), hours 0-23, minutes 0-59,
 * seconds 0-60 (leap second), a year other than 0 within Java's millisecond range, a zone offset within
 * -13:00..+14:00 (all measured with jing).
 */
function dateTimeCheck(template: string): Check {
  let source = '^';
  const fields: string[] = [];
  for (const c of template) {
    if (c === 'Y') {
      source += YEAR;
      fields.push('sign', 'year');
    } else if (c === 'M') {
      source += '([0-9]{2})';
      fields.push('month');
    } else if (c === 'D') {
      source += '([0-9]{2})';
      fields.push('day');
    } else if (c === 't') {
      source += TIME;
      fields.push('hours', 'minutes', 'seconds');
    } else source += c === '-' ? '-' : c;
  }
  source += `${TZ}$`;
  fields.push('tz', 'tzHours', 'tzMinutes');
  const re = new RegExp(source);
  return (raw) => {
    const m = re.exec(collapse(raw));
    if (m === null) return false;
    const f: Record<string, string | undefined> = {};
    fields.forEach((name, i) => (f[name] = m[i + 1]));
    let year = 2000; // a leap year, for --02-29
    if (f.year !== undefined) {
      year = Number(f.year);
      // jing computes the instant in Java milliseconds: years beyond that range are rejected.
      if (year === 0 || year > (f.sign === '-' ? 292275055 : 292278994)) return false;
    }
    const month = f.month === undefined ? 1 : Number(f.month);
    if (month < 1 || month > 12) return false;
    if (f.day !== undefined) {
      const day = Number(f.day);
      if (day < 1 || day > daysInMonth(f.sign === '-' ? 1 - year : year, month)) return false;
    }
    if (f.hours !== undefined && (Number(f.hours) > 23 || Number(f.minutes) > 59 || Number(f.seconds) > 60)) return false;
    if (f.tzHours !== undefined) {
      // measured: jing accepts offsets from -13:00 to +14:00 (it rejects -13:01 and -14:00)
      const offset = (Number(f.tzHours) * 60 + Number(f.tzMinutes)) * (f.tz!.startsWith('-') ? -1 : 1);
      if (offset > 840 || offset < -780) return false;
    }
    return true;
  };
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

const durationRe = /^-?P(?:([0-9]+)Y)?(?:([0-9]+)M)?(?:([0-9]+)D)?(T(?:([0-9]+)H)?(?:([0-9]+)M)?(?:([0-9]+(?:\.[0-9]*)?|\.[0-9]+)S)?)?$/;

/** At least one component, and a `T` only before a time component. */
const duration: Check = (raw) => {
  const m = durationRe.exec(collapse(raw));
  if (m === null) return false;
  if (m[4] !== undefined && m[5] === undefined && m[6] === undefined && m[7] === undefined) return false;
  return [1, 2, 3, 5, 6, 7].some((i) => m[i] !== undefined);
};

const decimalRe = /^[+-]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)$/;
const decimal: Check = (raw) => decimalRe.test(collapse(raw));

const doubleRe = /^(?:INF|-INF|NaN|[+-]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][+-]?[0-9]+)?)$/;
const double: Check = (raw) => doubleRe.test(collapse(raw));

/**
 * jing's anyURI check (com.thaiopensource.util.Uri.isValid): every `%` starts a two-digit hex escape, at most one
 * `#`, and a scheme (text before a `:` that comes before any `/`, `?` or `#`) is a letter followed by letters,
 * digits, `+`, `-` or `.`. Anything else is allowed: non-ASCII (IRIs), spaces, `|`, `{`.
 */
const anyURI: Check = (raw) => {
  const s = collapse(raw);
  for (let i = s.indexOf('%'); i >= 0; i = s.indexOf('%', i + 1)) {
    if (!/^[0-9A-Fa-f]{2}$/.test(s.slice(i + 1, i + 3))) return false;
  }
  const hash = s.indexOf('#');
  if (hash >= 0 && s.indexOf('#', hash + 1) >= 0) return false;
  const m = /[:/?#]/.exec(s);
  if (m !== null && m[0] === ':') return /^[A-Za-z][A-Za-z0-9+.-]*$/.test(s.slice(0, m.index));
  return true;
};

export const jingLexicalChecks: Readonly<Record<string, Check>> = {
  dateTime: dateTimeCheck('Y-M-DTt'),
  time: dateTimeCheck('t'),
  date: dateTimeCheck('Y-M-D'),
  gYearMonth: dateTimeCheck('Y-M'),
  gYear: dateTimeCheck('Y'),
  gMonthDay: dateTimeCheck('--M-D'),
  gDay: dateTimeCheck('---D'),
  gMonth: dateTimeCheck('--M'),
  duration,
  decimal,
  float: double,
  double,
  anyURI,
};

/* eslint-disable @typescript-eslint/no-explicit-any */

/**
 * Put jing's checks into salve's XML Schema library. salve's `Base.disallows` tests `this.regexp` and then the
 * facets; the date types override it with a second check of their own (the faulty one), which we skip by using
 * `Base.disallows` directly.
 */
export function patchXsdLibrary(library: { types: Record<string, any> }): void {
  for (const [name, check] of Object.entries(jingLexicalChecks)) {
    const type = library.types[name];
    if (type === undefined) continue;
    let proto = Object.getPrototypeOf(type);
    while (proto !== null && proto.constructor.name !== 'Base') proto = Object.getPrototypeOf(proto);
    if (proto === null) throw new Error(`salve's XML Schema type ${name} has no Base class`);
    Object.defineProperty(type, 'regexp', { value: { test: check }, writable: true, configurable: true });
    Object.defineProperty(type, 'disallows', { value: proto.disallows, writable: true, configurable: true });
  }
}

/**
 * `pattern` facets through datatypes/regex.ts instead of salve's translation to a JavaScript RegExp, which
 * backtracks: `(a+)+b` against 28 `a`s and a `c` took 18.6 s there, and 36 `a`s never finished. A syntax error
 * becomes salve's parameter error, so the schema is refused with its position as before.
 */
export function patchPatternFacet(regexpModule: { parse: (value: string, outputType?: string) => unknown; SalveParsingError: new (msg: string) => Error }): void {
  const original = regexpModule.parse;
  regexpModule.parse = (value: string, outputType = 're'): unknown => {
    if (outputType !== 're') return original(value, outputType);
    try {
      return compileXsdRegex(value);
    } catch (e) {
      if (e instanceof XsdRegexError) throw new regexpModule.SalveParsingError(e.message);
      throw e;
    }
  };
}

/** jing's wording of what a value of an XML Schema type must be (its datatype messages), measured with jing. */
const MUST_BE: Readonly<Record<string, string>> = {
  date: 'an ISO date',
  dateTime: 'an ISO date and time',
  time: 'an ISO time',
  gYear: 'a year',
  gYearMonth: 'an ISO year and month',
  gMonth: 'an ISO month (of the form --MM)',
  gDay: 'an ISO day of the month (of the form ---DD)',
  gMonthDay: 'an ISO month and day (of the form --MM-DD)',
  duration: 'a duration',
  decimal: 'a decimal number',
  integer: 'an integer',
  nonNegativeInteger: 'an integer',
  positiveInteger: 'an integer',
  double: 'a floating-point number',
  float: 'a floating-point number',
  boolean: 'a boolean',
  anyURI: 'a URI',
  NCName: 'an XML name without colons',
  ID: 'an XML name without colons',
  IDREF: 'an XML name without colons',
  Name: 'an XML name',
  NMTOKEN: 'an XML NMTOKEN',
  language: 'an RFC 3066 language identifier',
};

/**
 * `must be an ISO date` for a value of one type, as jing appends it to "value of attribute X is invalid"; undefined
 * where we do not know jing's wording (facets other than pattern, lists, QName, ...).
 */
export function mustBe(type: string, params: ReadonlyArray<{ name: string; value: string }>, value: string): string | undefined {
  const pattern = params.find((p) => p.name === 'pattern');
  if (pattern !== undefined && params.length === 1) {
    // jing names the type when the value is not even one (`token "%" invalid; must be a URI`), else the pattern:
    // `must be a string matching ...` (token, string), `must be a URI matching ...` (anyURI)
    const lexical = jingLexicalChecks[type];
    if (lexical !== undefined && !lexical(value) && MUST_BE[type] !== undefined) return `must be ${MUST_BE[type]}`;
    const what = type === 'anyURI' || type === 'decimal' || type === 'double' ? MUST_BE[type] : 'a string';
    return `must be ${what} matching the regular expression "${pattern.value}"`;
  }
  if (params.length > 0) return undefined;
  const v = collapse(value);
  if (type === 'integer' || type === 'nonNegativeInteger' || type === 'positiveInteger') {
    if (!/^[+-]?[0-9]+$/.test(v)) {
      return decimalRe.test(v) ? 'must be a decimal number without any significant digits after the decimal point' : 'must be an integer';
    }
    if (type === 'nonNegativeInteger') return 'must be an integer greater than or equal to 0';
    if (type === 'positiveInteger') return 'must be an integer greater than or equal to 1';
  }
  if (type === 'IDREFS') {
    return v === '' ? 'must be a list of XML names without colons with length at least 1 (actual length was 0)' : 'must be a list of XML names without colons';
  }
  const what = MUST_BE[type];
  return what === undefined ? undefined : `must be ${what}`;
}

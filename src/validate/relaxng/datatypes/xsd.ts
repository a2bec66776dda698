/**
 * The XML Schema datatype library (XML Schema Part 2, as RELAX NG uses it through the "Guidelines for using W3C
 * XML Schema Datatypes with RELAX NG", datatypeLibrary http://www.w3.org/2001/XMLSchema-datatypes). Lexical spaces
 * are the ones jing's library (com.thaiopensource.datatype.xsd) accepts, since jing is the reference our verdicts
 * are compared with; measured against jing on the values in test/fixtures/relaxng/datatypes.xml:
 *
 * - gMonth, gDay and gMonthDay have their leading `--` / `---`; year 0000 is rejected (XSD 1.0 has no year zero),
 *   hour 24 too; a leap second (`:60`) and a trailing `.` after the seconds are accepted;
 * - duration accepts `PT1.S`; decimal rejects `.`; float/double reject `+INF` and `e5`;
 * - anyURI only checks `%`-escapes, a single `#` and the scheme (so `a b`, `x|y` and non-ASCII IRIs are fine).
 *
 * Parameters are facets (Part 2, section 4.3), applied one after the other as jing does (so several `pattern`s
 * must all match); `enumeration` and `whiteSpace` are not parameters in RELAX NG (Guidelines, section 3).
 */
import { daysInMonth } from '../../../calendar.js';
import { compileXsdRegex } from './regex.js';
import { DatatypeError, type Datatype, type DatatypeLibrary, type DatatypeValue, type IdType, type ValueContext } from './types.js';
import { collapse, replace, tokens } from './whitespace.js';
import { table } from '../../../tables.js';

export const XSD_URI = 'http://www.w3.org/2001/XMLSchema-datatypes';

type Ws = 'preserve' | 'replace' | 'collapse';
type Family = 'string' | 'list' | 'decimal' | 'float' | 'date' | 'duration' | 'binary' | 'boolean' | 'qname' | 'uri';

interface Base {
  ws: Ws;
  family: Family;
  /** Lexical check on the whitespace-normalised string. */
  lexical: (s: string) => boolean;
  /** Canonical key of a lexically valid string (the value space); undefined when not a value after all. */
  value?: (s: string, ctx: ValueContext) => string | undefined;
  /** jing's wording of what a value must be. */
  must: string;
  /** Bounds of the built-in integer types (inclusive), as decimal strings. */
  min?: string;
  max?: string;
  idType?: IdType;
  needsContext?: boolean;
}

// XML 1.0 (fifth edition) names, section 2.3.
const NAME_START = 'A-Z_a-z\\u00C0-\\u00D6\\u00D8-\\u00F6\\u00F8-\\u02FF\\u0370-\\u037D\\u037F-\\u1FFF\\u200C-\\u200D\\u2070-\\u218F\\u2C00-\\u2FEF\\u3001-\\uD7FF\\uF900-\\uFDCF\\uFDF0-\\uFFFD\\u{10000}-\\u{EFFFF}';
const NAME_CHAR = `${NAME_START}\\-.0-9\\u00B7\\u0300-\\u036F\\u203F-\\u2040`;
const NCNAME_RE = new RegExp(`^[${NAME_START}][${NAME_CHAR}]*$`, 'u');
const NAME_RE = new RegExp(`^[:${NAME_START}][:${NAME_CHAR}]*$`, 'u');
const NMTOKEN_RE = new RegExp(`^[:${NAME_CHAR}]+$`, 'u');
const isNCName = (s: string): boolean => NCNAME_RE.test(s);

const YEAR = '(-?)((?:[1-9][0-9]*)?[0-9]{4})';
const TIME = '([0-9]{2}):([0-9]{2}):([0-9]{2}(?:\\.[0-9]*)?)';
const TZ = '(Z|[+-]([0-9]{2}):([0-5][0-9]))?';

interface DateFields { year: number; month: number; day: number; hours: number; minutes: number; seconds: number; tz: number | undefined }

/**
 * jing builds one pattern per type from a template (Y year, M month, D day, t time) and then checks the fields:
 * month 1-12, day within the month (of a leap year when the type has no year), hours 0-23, minutes 0-59,
 * seconds 0-60 (leap second), a year other than 0 within Java's millisecond range, a zone offset within
 * -13:00..+14:00 (all measured with jing).
 */
function dateParser(template: string): (s: string) => DateFields | undefined {
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
    } else source += c;
  }
  source += `${TZ}$`;
  fields.push('tz', 'tzHours', 'tzMinutes');
  const re = new RegExp(source);
  return (s) => {
    const m = re.exec(s);
    if (m === null) return undefined;
    const f: Record<string, string | undefined> = {};
    fields.forEach((name, i) => (f[name] = m[i + 1]));
    let year = 2000; // a leap year, for --02-29
    if (f['year'] !== undefined) {
      year = Number(f['year']);
      if (year === 0 || year > (f['sign'] === '-' ? 292275055 : 292278994)) return undefined;
      if (f['sign'] === '-') year = -year;
    }
    const month = f['month'] === undefined ? 1 : Number(f['month']);
    if (month < 1 || month > 12) return undefined;
    const day = f['day'] === undefined ? 1 : Number(f['day']);
    if (day < 1 || day > daysInMonth(month, year)) return undefined;
    const hours = f['hours'] === undefined ? 0 : Number(f['hours']);
    const minutes = f['minutes'] === undefined ? 0 : Number(f['minutes']);
    const seconds = f['seconds'] === undefined ? 0 : Number(f['seconds']);
    if (hours > 23 || minutes > 59 || seconds >= 61) return undefined;
    let tz: number | undefined;
    if (f['tz'] !== undefined) {
      tz = f['tz'] === 'Z' ? 0 : (Number(f['tzHours']) * 60 + Number(f['tzMinutes'])) * (f['tz'].startsWith('-') ? -1 : 1);
      // measured: jing accepts offsets from -13:00 to +14:00 (it rejects -13:01 and -14:00)
      if (tz > 840 || tz < -780) return undefined;
    }
    return { year, month, day, hours, minutes, seconds, tz };
  };
}

function dateType(template: string, must: string): Base {
  const parse = dateParser(template);
  return {
    ws: 'collapse', family: 'date', must, lexical: (s) => parse(s) !== undefined,
    value: (s) => {
      const f = parse(s)!;
      // the instant in milliseconds (zone applied), and whether a zone was given: values with and without a zone
      // are never equal (XSD Part 2, 3.2.7.4)
      const d = new Date(0);
      d.setUTCFullYear(f.year, f.month - 1, f.day);
      d.setUTCHours(f.hours, f.minutes, 0, 0);
      const ms = d.getTime() + f.seconds * 1000 - (f.tz ?? 0) * 60000;
      return `${f.tz === undefined ? 'L' : 'Z'}${ms}`;
    },
  };
}

const durationRe = /^(-?)P(?:([0-9]+)Y)?(?:([0-9]+)M)?(?:([0-9]+)D)?(T(?:([0-9]+)H)?(?:([0-9]+)M)?(?:([0-9]+(?:\.[0-9]*)?|\.[0-9]+)S)?)?$/;

const decimalRe = /^[+-]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)$/;
const integerRe = /^[+-]?[0-9]+$/;
const doubleRe = /^(?:INF|-INF|NaN|[+-]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][+-]?[0-9]+)?)$/;

/** A decimal in canonical form: sign, integer digits without leading zeros, fraction without trailing zeros. */
function canonicalDecimal(s: string): string {
  let sign = '';
  if (s.startsWith('-')) sign = '-';
  if (s.startsWith('-') || s.startsWith('+')) s = s.slice(1);
  let [int = '', frac = ''] = s.split('.');
  int = int.replace(/^0+/, '');
  frac = frac.replace(/0+$/, '');
  if (int === '' && frac === '') return '0';
  return `${sign}${int === '' ? '0' : int}${frac === '' ? '' : `.${frac}`}`;
}

/** Compare two canonical decimals. */
function compareDecimal(a: string, b: string): number {
  const na = a.startsWith('-');
  const nb = b.startsWith('-');
  if (na !== nb) return na ? -1 : 1;
  const sign = na ? -1 : 1;
  const [ai = '', af = ''] = (na ? a.slice(1) : a).split('.');
  const [bi = '', bf = ''] = (nb ? b.slice(1) : b).split('.');
  if (ai.length !== bi.length) return sign * (ai.length - bi.length);
  if (ai !== bi) return sign * (ai < bi ? -1 : 1);
  const len = Math.max(af.length, bf.length);
  const x = af.padEnd(len, '0');
  const y = bf.padEnd(len, '0');
  return x === y ? 0 : sign * (x < y ? -1 : 1);
}

/**
 * jing's anyURI check (com.thaiopensource.util.Uri.isValid): every `%` starts a two-digit hex escape, at most one
 * `#`, and a scheme (text before a `:` that comes before any `/`, `?` or `#`) is a letter followed by letters,
 * digits, `+`, `-` or `.`. Anything else is allowed.
 */
function isUri(s: string): boolean {
  for (let i = s.indexOf('%'); i >= 0; i = s.indexOf('%', i + 1)) {
    if (!/^[0-9A-Fa-f]{2}$/.test(s.slice(i + 1, i + 3))) return false;
  }
  const hash = s.indexOf('#');
  if (hash >= 0 && s.indexOf('#', hash + 1) >= 0) return false;
  const m = /[:/?#]/.exec(s);
  if (m !== null && m[0] === ':') return /^[A-Za-z][A-Za-z0-9+.-]*$/.test(s.slice(0, m.index));
  return true;
}

function qnameValue(s: string, ctx: ValueContext): string | undefined {
  const colon = s.indexOf(':');
  const prefix = colon < 0 ? '' : s.slice(0, colon);
  const local = colon < 0 ? s : s.slice(colon + 1);
  const ns = ctx.resolve(prefix);
  if (ns === undefined) return colon < 0 ? `{}${local}` : undefined;
  return `{${ns}}${local}`;
}

const isQName = (s: string): boolean => {
  const colon = s.indexOf(':');
  return colon < 0 ? isNCName(s) : isNCName(s.slice(0, colon)) && isNCName(s.slice(colon + 1));
};

const integer = (min: string | undefined, max: string | undefined, must: string): Base => ({
  ws: 'collapse', family: 'decimal', must, lexical: (s) => integerRe.test(s), value: canonicalDecimal,
  ...(min === undefined ? {} : { min }), ...(max === undefined ? {} : { max }),
});

const listOf = (item: (s: string) => boolean, must: string, idType?: IdType): Base => ({
  ws: 'collapse', family: 'list', must, lexical: (s) => tokens(s).every(item), value: (s) => tokens(s).join(' '),
  ...(idType === undefined ? {} : { idType }),
});

const str = (ws: Ws, lexical: (s: string) => boolean, must: string, idType?: IdType): Base => ({
  ws, family: 'string', lexical, must, ...(idType === undefined ? {} : { idType }),
});

const BASES: Readonly<Record<string, Base>> = table({
  string: str('preserve', () => true, 'a string'),
  normalizedString: str('replace', () => true, 'a string'),
  token: str('collapse', () => true, 'a string'),
  language: str('collapse', (s) => /^[a-zA-Z]{1,8}(-[a-zA-Z0-9]{1,8})*$/.test(s), 'an RFC 3066 language identifier'),
  Name: str('collapse', (s) => NAME_RE.test(s), 'an XML name'),
  NCName: str('collapse', isNCName, 'an XML name without colons'),
  NMTOKEN: str('collapse', (s) => NMTOKEN_RE.test(s), 'an XML NMTOKEN'),
  NMTOKENS: listOf((s) => NMTOKEN_RE.test(s), 'a list of XML NMTOKENs'),
  ID: str('collapse', isNCName, 'an XML name without colons', 'ID'),
  IDREF: str('collapse', isNCName, 'an XML name without colons', 'IDREF'),
  IDREFS: listOf(isNCName, 'a list of XML names without colons', 'IDREFS'),
  ENTITY: str('collapse', isNCName, 'an XML name without colons'),
  ENTITIES: listOf(isNCName, 'a list of XML names without colons'),
  QName: { ws: 'collapse', family: 'qname', must: 'a QName', lexical: isQName, value: qnameValue, needsContext: true },
  NOTATION: { ws: 'collapse', family: 'qname', must: 'a QName', lexical: isQName, value: qnameValue, needsContext: true },
  anyURI: { ws: 'collapse', family: 'uri', must: 'a URI', lexical: isUri },
  boolean: { ws: 'collapse', family: 'boolean', must: 'a boolean', lexical: (s) => /^(true|false|1|0)$/.test(s), value: (s) => (s === 'true' || s === '1' ? 'true' : 'false') },
  base64Binary: {
    ws: 'collapse', family: 'binary', must: 'a base64 string',
    lexical: (s) => /^(?:(?:[A-Za-z0-9+/] ?){4})*(?:(?:[A-Za-z0-9+/] ?){3}[A-Za-z0-9+/]|(?:[A-Za-z0-9+/] ?){2}[AEIMQUYcgkosw048] ?=|[A-Za-z0-9+/] ?[AQgw] ?= ?=)?$/.test(s),
    value: (s) => s.replace(/ /g, ''),
  },
  hexBinary: { ws: 'collapse', family: 'binary', must: 'a hexadecimal string', lexical: (s) => /^(?:[0-9A-Fa-f]{2})*$/.test(s), value: (s) => s.toUpperCase() },
  float: { ws: 'collapse', family: 'float', must: 'a floating-point number', lexical: (s) => doubleRe.test(s), value: (s) => String(Math.fround(toDouble(s))) },
  double: { ws: 'collapse', family: 'float', must: 'a floating-point number', lexical: (s) => doubleRe.test(s), value: (s) => String(toDouble(s)) },
  decimal: { ws: 'collapse', family: 'decimal', must: 'a decimal number', lexical: (s) => decimalRe.test(s), value: canonicalDecimal },
  integer: integer(undefined, undefined, 'an integer'),
  nonPositiveInteger: integer(undefined, '0', 'an integer'),
  negativeInteger: integer(undefined, '-1', 'an integer'),
  long: integer('-9223372036854775808', '9223372036854775807', 'an integer'),
  int: integer('-2147483648', '2147483647', 'an integer'),
  short: integer('-32768', '32767', 'an integer'),
  byte: integer('-128', '127', 'an integer'),
  nonNegativeInteger: integer('0', undefined, 'an integer'),
  unsignedLong: integer('0', '18446744073709551615', 'an integer'),
  unsignedInt: integer('0', '4294967295', 'an integer'),
  unsignedShort: integer('0', '65535', 'an integer'),
  unsignedByte: integer('0', '255', 'an integer'),
  positiveInteger: integer('1', undefined, 'an integer'),
  duration: {
    ws: 'collapse', family: 'duration', must: 'a duration',
    lexical: (s) => {
      const m = durationRe.exec(s);
      if (m === null) return false;
      if (m[5] !== undefined && m[6] === undefined && m[7] === undefined && m[8] === undefined) return false;
      return [2, 3, 4, 6, 7, 8].some((i) => m[i] !== undefined);
    },
    value: (s) => {
      const m = durationRe.exec(s)!;
      const n = (i: number): number => Number(m[i] ?? 0);
      const months = n(2) * 12 + n(3);
      const seconds = ((n(4) * 24 + n(6)) * 60 + n(7)) * 60 + n(8);
      const sign = m[1] === '-' && (months !== 0 || seconds !== 0) ? '-' : '';
      return `${sign}${months}M${seconds}S`;
    },
  },
  dateTime: dateType('Y-M-DTt', 'an ISO date and time'),
  time: dateType('t', 'an ISO time'),
  date: dateType('Y-M-D', 'an ISO date'),
  gYearMonth: dateType('Y-M', 'an ISO year and month'),
  gYear: dateType('Y', 'a year'),
  gMonthDay: dateType('--M-D', 'an ISO month and day (of the form --MM-DD)'),
  gDay: dateType('---D', 'an ISO day of the month (of the form ---DD)'),
  gMonth: dateType('--M', 'an ISO month (of the form --MM)'),
});

function toDouble(s: string): number {
  if (s === 'INF') return Infinity;
  if (s === '-INF') return -Infinity;
  if (s === 'NaN') return NaN;
  return Number(s);
}

/** The order of the value space, for the min/max facets; undefined where the family is not ordered. */
function compare(family: Family, a: string, b: string): number | undefined {
  if (family === 'decimal') return compareDecimal(a, b);
  if (family === 'float') {
    const x = Number(a);
    const y = Number(b);
    if (Number.isNaN(x) || Number.isNaN(y)) return undefined;
    return x < y ? -1 : x > y ? 1 : 0;
  }
  if (family === 'date') {
    if (a[0] !== b[0]) return undefined;
    const x = Number(a.slice(1));
    const y = Number(b.slice(1));
    return x < y ? -1 : x > y ? 1 : 0;
  }
  return undefined;
}

interface Facet {
  name: string;
  test: (normalized: string, key: string) => boolean;
  must: (normalized: string, key: string) => string;
}

function totalDigits(key: string): number {
  const digits = key.replace(/^-/, '').replace('.', '').replace(/^0+/, '');
  return Math.max(digits.length, 1);
}

function fractionDigits(key: string): number {
  return (key.split('.')[1] ?? '').length;
}

function fractionWording(n: number): string {
  if (n === 0) return 'without any significant digits after the decimal point';
  return `with at most ${n === 1 ? 'one significant digit' : `${n} significant digits`} after the decimal point`;
}

const LENGTH_FACETS = new Set(['length', 'minLength', 'maxLength']);
/** The facets of XML Schema Part 2 (section 4.3) a RELAX NG `param` may name (whiteSpace and enumeration excluded). */
const KNOWN_FACETS = new Set(['length', 'minLength', 'maxLength', 'pattern', 'maxInclusive', 'maxExclusive', 'minInclusive', 'minExclusive', 'totalDigits', 'fractionDigits']);
const BOUND_FACETS = new Set(['minInclusive', 'maxInclusive', 'minExclusive', 'maxExclusive']);

function applicable(base: Base, facet: string): boolean {
  if (facet === 'pattern') return true;
  if (LENGTH_FACETS.has(facet)) return ['string', 'list', 'binary', 'uri', 'qname'].includes(base.family);
  if (BOUND_FACETS.has(facet)) return ['decimal', 'float', 'date', 'duration'].includes(base.family);
  if (facet === 'totalDigits' || facet === 'fractionDigits') return base.family === 'decimal';
  return false;
}

function lengthOf(base: Base, s: string): number {
  if (base.family === 'list') return tokens(s).length;
  if (base.family === 'binary') return base.must === 'a hexadecimal string' ? s.length / 2 : Math.floor((s.replace(/[ =]/g, '').length * 3) / 4);
  return [...s].length;
}

/** The facet of one parameter (XML Schema Part 2, section 4.3), as jing words what is wrong with it. */
function facetOf(
  base: Base,
  name: string,
  p: { name: string; value: string },
  norm: (s: string) => string,
  valueOf: (s: string, c: ValueContext) => string | undefined,
  ctx: ValueContext,
): Facet {
  if (!KNOWN_FACETS.has(p.name)) throw new DatatypeError(`invalid parameter: unrecognized parameter "${p.name}"`);
  if (LENGTH_FACETS.has(p.name) && !applicable(base, p.name)) throw new DatatypeError('invalid parameter: base datatype does not define a units of length');
  if (!applicable(base, p.name)) throw new DatatypeError(`invalid parameter "${p.name}" for datatype "${name}"`);
  if (p.name === 'pattern') {
    let re: { test(s: string): boolean };
    try {
      re = compileXsdRegex(p.value);
    } catch (e) {
      // jing: "invalid parameter: invalid regular expression: ..."; ours names the character
      throw new DatatypeError(`invalid parameter: ${e instanceof Error ? e.message : String(e)}`);
    }
    return { name: 'pattern', test: (s) => re.test(s), must: () => `matching the regular expression "${p.value}"` };
  }
  if (LENGTH_FACETS.has(p.name) || p.name === 'totalDigits' || p.name === 'fractionDigits') {
    const v = collapse(p.value);
    if (!/^\+?[0-9]+$/.test(v) || (p.name === 'totalDigits' && Number(v) === 0)) {
      throw new DatatypeError(`invalid value "${p.value}" for parameter "${p.name}"`);
    }
    const n = Number(v);
    // jing's wording: `with length at most 2 (actual length was 3)`, `with at most 2 significant digits (found 3 digits)`
    const len = (s: string): string => ` (actual length was ${lengthOf(base, s)})`;
    if (p.name === 'length') return { name: 'length', test: (s) => lengthOf(base, s) === n, must: (s) => `with length equal to ${n}${len(s)}` };
    if (p.name === 'minLength') return { name: 'minLength', test: (s) => lengthOf(base, s) >= n, must: (s) => `with length at least ${n}${len(s)}` };
    if (p.name === 'maxLength') return { name: 'maxLength', test: (s) => lengthOf(base, s) <= n, must: (s) => `with length at most ${n}${len(s)}` };
    if (p.name === 'totalDigits') {
      return { name: 'totalDigits', test: (_s, k) => totalDigits(k) <= n, must: (_s, k) => `with at most ${n === 1 ? 'one significant digit' : `${n} significant digits`} (found ${totalDigits(k)} digits)` };
    }
    return { name: 'fractionDigits', test: (_s, k) => fractionDigits(k) <= n, must: (_s, k) => `${fractionWording(n)} (found ${fractionDigits(k)} digits)` };
  }
  // a bound: a value of the type itself (Part 2, 4.3.7-4.3.10)
  const v = norm(p.value);
  const key = base.lexical(v) ? valueOf(v, ctx) : undefined;
  if (key === undefined) throw new DatatypeError(`invalid parameter: "${p.value}" is not allowed by the base type: must be ${base.must}`);
  const cmp = (k: string): number | undefined => compare(base.family, k, key);
  const t = p.name;
  const wording = t === 'minInclusive' ? 'greater than or equal to' : t === 'maxInclusive' ? 'less than or equal to' : t === 'minExclusive' ? 'greater than' : 'less than';
  return {
    name: t,
    must: () => `${wording} ${v}`,
    test: (_s, k) => {
      const c = cmp(k);
      if (c === undefined) return false;
      return t === 'minInclusive' ? c >= 0 : t === 'maxInclusive' ? c <= 0 : t === 'minExclusive' ? c > 0 : c < 0;
    },
  };
}

function makeXsd(name: string, params: ReadonlyArray<{ name: string; value: string }>, ctx: ValueContext): Datatype {
  const base = BASES[name];
  if (base === undefined) throw new DatatypeError(`datatype "${name}" from library "${XSD_URI}" not recognized`);
  const norm = base.ws === 'collapse' ? collapse : base.ws === 'replace' ? replace : (s: string) => s;
  const valueOf = (s: string, c: ValueContext): string | undefined => (base.value === undefined ? s : base.value(s, c));
  const facets: Facet[] = [];
  params.forEach((p, i) => {
    try {
      facets.push(facetOf(base, name, p, norm, valueOf, ctx));
    } catch (e) {
      // jing reports a parameter's error at the parameter
      if (e instanceof DatatypeError && e.param === undefined) throw new DatatypeError(e.message, i);
      throw e;
    }
  });
  const check = (raw: string, c: ValueContext): string | undefined => {
    const s = norm(raw);
    if (!base.lexical(s)) {
      // jing's integer is a decimal without fraction digits
      if (base.family === 'decimal' && name !== 'decimal' && decimalRe.test(s)) return `must be a decimal number ${fractionWording(0)}`;
      return `must be ${base.must}`;
    }
    const key = valueOf(s, c);
    if (key === undefined) {
      if (base.family === 'qname') {
        const prefix = s.slice(0, s.indexOf(':'));
        return `must be a QName whose prefix, if any, is declared (prefix "${prefix}" is not declared)`;
      }
      return `must be ${base.must}`;
    }
    if (base.min !== undefined && compareDecimal(key, base.min) < 0) return `must be ${base.must} greater than or equal to ${base.min}`;
    if (base.max !== undefined && compareDecimal(key, base.max) > 0) return `must be ${base.must} less than or equal to ${base.max}`;
    if (base.family === 'list' && key === '') return `must be ${base.must} with length at least 1 (actual length was 0)`;
    for (const f of facets) {
      if (!f.test(s, key)) return `must be ${base.must} ${f.must(s, key)}`;
    }
    return undefined;
  };
  return {
    key: `${XSD_URI}|${name}|${params.map((p) => `${p.name}=${p.value}`).join('\u0000')}`,
    library: XSD_URI,
    name,
    params,
    allowsAnyString: (name === 'string' || name === 'token' || name === 'normalizedString') && params.length === 0,
    needsContext: base.needsContext === true,
    idType: base.idType,
    check,
    parse: (raw, c) => {
      if (check(raw, c) !== undefined) return undefined;
      const s = norm(raw);
      const key = valueOf(s, c)!;
      if (base.family === 'qname') {
        const m = /^\{([^}]*)\}(.*)$/.exec(key)!;
        return { key, raw, name: { ns: m[1]!, local: m[2]! } };
      }
      return { key, raw } satisfies DatatypeValue;
    },
  };
}

export const xsdLibrary: DatatypeLibrary = {
  uri: XSD_URI,
  has: (name) => BASES[name] !== undefined,
  create: makeXsd,
};

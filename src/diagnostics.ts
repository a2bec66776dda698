/**
 * Diagnostics are plain, JSON-serialisable data: the same object in the library, in `--format json` output and in
 * the tests (README, Library).
 *
 * Positions: `line` and `column` are 1-based; `column` counts Unicode code points, not UTF-16 units, so that
 * `日本<x/>` puts `<x/>` at column 3. Every module that reports a position goes through this convention.
 */

import { catalogueUrl, defaultSeverity } from './diagnostic-catalogue.js';

export type Severity = 'error' | 'warning' | 'info';

/** Which layer found the problem. */
export type DiagnosticSource = 'xml' | 'relaxng' | 'rules' | 'schematron' | 'encode' | 'annotate' | 'transform' | 'query' | 'io' | 'schema' | 'catalog' | 'internal';

export interface Diagnostic {
  file: string;
  line: number;
  column: number;
  severity: Severity;
  message: string;
  ruleId: string;
  source: DiagnosticSource;
  xpath?: string;
  expected?: string;
  actual?: string;
  url?: string;
}

const C_ESCAPES: Record<string, string> = { '\x07': '\\a', '\b': '\\b', '\t': '\\t', '\n': '\\n', '\v': '\\v', '\f': '\\f', '\r': '\\r' };

/**
 * Text as a terminal may safely show it, the way `ls -b` prints file names: C0 controls, DEL and C1 controls as C
 * escapes (`\n`, `\t`) or octal bytes of their UTF-8 form (`\033`, `\302\233`), so that a name holding a newline
 * cannot forge an output line and an ANSI escape never reaches the terminal. With `name`, a backslash is doubled
 * too (as `ls -b` does), so that the escaped form of a file name is unambiguous. JSON and CSV need none of this:
 * they escape by their own rules.
 */
export function printable(text: string, name = false): string {
  const re = name ? /[\x00-\x1f\x7f-\x9f\\]/g : /[\x00-\x1f\x7f-\x9f]/g;
  if (!re.test(text)) return text;
  re.lastIndex = 0;
  return text.replace(re, (c) => {
    if (c === '\\') return '\\\\';
    const named = C_ESCAPES[c];
    if (named !== undefined) return named;
    return Array.from(Buffer.from(c, 'utf8'), (b) => `\\${b.toString(8).padStart(3, '0')}`).join('');
  });
}

/**
 * `FILE:LINE:COLUMN: error|warning MESSAGE [RULE-ID]`, the CLI's text form (README, Command line), with the file
 * name and the message made `printable`.
 */
export function formatDiagnostic(d: Diagnostic): string {
  return `${printable(d.file, true)}:${d.line}:${d.column}: ${d.severity} ${printable(d.message)} [${d.ruleId}]`;
}

/** The most characters of a file's text a diagnostic quotes (`actual`, a quoted value in a message). */
export const MAX_EXCERPT = 200;
/** The longest message: room for the longest "expected" lists of tei_all, never a whole file. */
export const MAX_MESSAGE = 4_000;

/**
 * At most `max` characters of `text` (UTF-16 units, never splitting a surrogate pair), the last one `…` when
 * something was cut. Diagnostics quote documents only through this, so that a file pulled in by XInclude or a
 * pointer is never printed whole.
 */
export function excerpt(text: string, max = MAX_EXCERPT): string {
  if (text.length <= max) return text;
  let cut = max - 1;
  const last = text.charCodeAt(cut - 1);
  if (last >= 0xd800 && last <= 0xdbff) cut--;
  return `${text.slice(0, cut)}…`;
}

/** Whether a quoted part is longer than `MAX_EXCERPT` (searched, not matched: long messages are common). */
function longQuote(message: string): boolean {
  // any two consecutive quotes more than MAX_EXCERPT apart: where the expression below would match
  for (let open = message.indexOf('"'); open >= 0; ) {
    const close = message.indexOf('"', open + 1);
    if (close < 0) return false;
    if (close - open - 1 > MAX_EXCERPT) return true;
    open = close;
  }
  return false;
}

/** A message with every quoted part longer than `MAX_EXCERPT` cut short, and at most `MAX_MESSAGE` long. */
function bounded(message: string): string {
  if (message.length <= MAX_EXCERPT) return message;
  if (message.length <= MAX_MESSAGE && !longQuote(message)) return message;
  const quoted = message.replace(/"([^"]{201,})"/g, (_, inner: string) => `"${excerpt(inner)}"`);
  return excerpt(quoted, MAX_MESSAGE);
}

/**
 * Build a diagnostic; optional fields are only set when given, so JSON output carries no `undefined`s. Without a
 * `severity`, the rule's default in the catalogue of diagnostics applies (else `error`). `actual`
 * is cut to `MAX_EXCERPT` characters and the message bounded, whatever the caller passes. `url` is the rule's row
 * in the catalogue of diagnostics (./diagnostic-catalogue.ts) unless the caller gives one.
 */
export function diagnostic(
  fields: Omit<Diagnostic, 'severity'> & { severity?: Severity },
): Diagnostic {
  const d: Diagnostic = {
    file: fields.file,
    line: fields.line,
    column: fields.column,
    severity: fields.severity ?? defaultSeverity(fields.ruleId),
    message: bounded(fields.message),
    ruleId: fields.ruleId,
    source: fields.source,
  };
  for (const key of ['xpath', 'expected', 'actual', 'url'] as const) {
    const value = fields[key];
    if (value !== undefined) d[key] = key === 'actual' ? excerpt(value) : value;
  }
  if (d.url === undefined) {
    const url = catalogueUrl(d.ruleId);
    if (url !== undefined) d.url = url;
  }
  return d;
}

/**
 * The one error type the library throws: input it cannot use at all (a file that is not XML, a record without a
 * body, an unreadable schema). It carries the diagnostic, so the CLI prints one line and never a stack trace.
 */
export class TeikitError extends Error {
  readonly diagnostic: Diagnostic;
  /** CLI exit code this error maps to: 1 for bad input data, 2 for usage or I/O errors. */
  readonly exitCode: 1 | 2;

  constructor(d: Diagnostic, exitCode: 1 | 2 = 1) {
    super(formatDiagnostic(d));
    this.name = 'TeikitError';
    this.diagnostic = d;
    this.exitCode = exitCode;
  }
}

export function hasErrors(diagnostics: readonly Diagnostic[]): boolean {
  return diagnostics.some((d) => d.severity === 'error');
}

/**
 * A bug or a runaway, not a finding about the file: a worker that stopped, a task over its time limit, an exception
 * the library did not expect. Reported for the one file it concerns (verdict "not checked", exit code 2), so that
 * a batch goes on.
 */
export function internalError(file: string, message: string): Diagnostic {
  return diagnostic({ file, line: 1, column: 1, message, ruleId: 'internal/error', source: 'internal' });
}

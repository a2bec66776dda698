/**
 * Diagnostics are plain, JSON-serialisable data: the same object in the library, in `--format json` output and in
 * the tests (DESIGN.md, "Diagnostics").
 *
 * Positions: `line` and `column` are 1-based; `column` counts Unicode code points, not UTF-16 units, so that
 * `日本<x/>` puts `<x/>` at column 3. Every module that reports a position goes through this convention.
 */

export type Severity = 'error' | 'warning' | 'info';

/** Which layer found the problem. */
export type DiagnosticSource = 'xml' | 'relaxng' | 'rules' | 'encode' | 'transform' | 'query' | 'io' | 'schema' | 'catalog' | 'internal';

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

/** `FILE:LINE:COLUMN: error|warning MESSAGE [RULE-ID]`, the CLI's text form (DESIGN.md, CLI contract). */
export function formatDiagnostic(d: Diagnostic): string {
  return `${d.file}:${d.line}:${d.column}: ${d.severity} ${d.message} [${d.ruleId}]`;
}

/** Build a diagnostic; optional fields are only set when given, so JSON output carries no `undefined`s. */
export function diagnostic(
  fields: Omit<Diagnostic, 'severity'> & { severity?: Severity },
): Diagnostic {
  const d: Diagnostic = {
    file: fields.file,
    line: fields.line,
    column: fields.column,
    severity: fields.severity ?? 'error',
    message: fields.message,
    ruleId: fields.ruleId,
    source: fields.source,
  };
  for (const key of ['xpath', 'expected', 'actual', 'url'] as const) {
    const value = fields[key];
    if (value !== undefined) d[key] = value;
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
  return diagnostic({ file, line: 1, column: 1, message, ruleId: 'internal', source: 'internal' });
}

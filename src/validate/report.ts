/**
 * Reporters for `teikit validate` (README, teikit validate).
 *
 * Text, on stdout: per file, one line per diagnostic `FILE:LINE:COLUMN: error|warning|info MESSAGE [RULE-ID]`,
 * then one verdict line naming every schema that ran, `FILE: valid (schema: PATH; schema: PATH2; schematron: ...)`;
 * after all files one summary line. The
 * verdict lines go to stdout with the diagnostics so that the output of one run reads as one record and can be
 * filtered with grep (`grep ': invalid'`). Only the progress bar goes to stderr.
 *
 * JSON: one document, `{files: FileReport[], summary}`, described by `schemas/validation-report.schema.json`.
 */
import { relative } from 'node:path';
import { formatDiagnostic, printable } from '../diagnostics.js';
import type { FileReport, ValidationReport, ValidationSummary } from './types.js';

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

/** Show a schema path relative to the working directory when it is below it. */
export function displaySchemaPath(path: string, cwd = process.cwd()): string {
  const rel = relative(cwd, path);
  return rel !== '' && !rel.startsWith('..') && !/^[A-Za-z]:|^\//.test(rel) ? rel : path;
}

/** Default of `--max-errors` in text output: enough to see what is wrong, short enough to read. */
export const TEXT_MAX_ERRORS = 100;

/**
 * Keep the first `max` errors of a file (all its warnings and notes) and count the rest in `omitted`, so that a
 * file of 200,000 errors still gets its verdict and its counts. `max` 0 or undefined keeps everything.
 */
export function limitErrors(f: FileReport, max: number | undefined): FileReport {
  if (max === undefined || max <= 0) return f;
  let errors = 0;
  const kept: FileReport['diagnostics'] = [];
  for (const d of f.diagnostics) {
    if (d.severity === 'error' && ++errors > max) continue;
    kept.push(d);
  }
  if (errors <= max) return f;
  return { ...f, diagnostics: kept, omitted: (f.omitted ?? 0) + errors - max };
}

export function verdictLine(f: FileReport): string {
  const errors = f.diagnostics.filter((d) => d.severity === 'error').length + (f.omitted ?? 0);
  const warnings = f.diagnostics.filter((d) => d.severity === 'warning').length;
  const counts = [errors > 0 ? plural(errors, 'error') : '', warnings > 0 ? plural(warnings, 'warning') : ''].filter((s) => s !== '');
  const parts: string[] = [];
  // Every RELAX NG schema, as `schema: PATH[, from xml-model[ via CATALOG]]`, one part each.
  for (const s of f.schemas) {
    const origin = s.origin === 'option' ? '' : s.origin === 'xml-model' ? ', from xml-model' : ', teikit edition schema';
    const via = s.via === undefined ? '' : ` via ${displaySchemaPath(s.via)}`;
    parts.push(`schema: ${displaySchemaPath(s.path)}${origin}${via}`);
  }
  if (f.wellFormednessOnly === true) parts.push('no schema: well-formedness only');
  for (const s of f.schematron ?? []) {
    const phase = s.phase === '#ALL' ? '' : `, phase ${s.phase}`;
    parts.push(s.origin === 'embedded' ? `schematron embedded in ${displaySchemaPath(s.path)}${phase}` : `schematron: ${displaySchemaPath(s.path)}${s.origin === 'xml-model' ? ', from xml-model' : ''}${phase}`);
  }
  if (f.rules) parts.push('edition rules');
  const verdict = f.verdict === 'error' ? 'not checked' : f.verdict;
  return `${printable(f.path, true)}: ${verdict}${counts.length > 0 ? `, ${counts.join(', ')}` : ''}${parts.length > 0 ? ` (${parts.join('; ')})` : ''}`;
}

export function summaryLine(s: ValidationSummary): string {
  const verdicts = [`${s.valid} valid`, `${s.invalid} invalid`, `${s.malformed} malformed`];
  if (s.failed > 0) verdicts.push(`${s.failed} not checked`);
  return `${plural(s.files, 'file')}: ${verdicts.join(', ')}; ${plural(s.errors, 'error')}, ${plural(s.warnings, 'warning')}; ${s.seconds.toFixed(2)} s`;
}

/**
 * Lines for one file: its diagnostics (at most `maxErrors` errors, then a line counting the rest), then its
 * verdict. Default `TEXT_MAX_ERRORS`; 0 prints every one.
 */
export function formatFileText(f: FileReport, maxErrors: number = TEXT_MAX_ERRORS): string {
  const shown = limitErrors(f, maxErrors);
  const lines = shown.diagnostics.map(formatDiagnostic);
  if (shown.omitted !== undefined) {
    lines.push(`${printable(f.path, true)}: ${plural(shown.omitted, 'more error')} not shown (--max-errors N shows N per file, 0 all)`);
  }
  lines.push(verdictLine(shown));
  return lines.join('\n') + '\n';
}

export function formatText(report: ValidationReport, maxErrors: number = TEXT_MAX_ERRORS): string {
  return report.files.map((f) => formatFileText(f, maxErrors)).join('') + summaryLine(report.summary) + '\n';
}

/**
 * `--format svrl`: the SVRL of every Schematron run (ISO/IEC 19757-3 annex D). One run gives one SVRL document;
 * several (files or schemas) are wrapped in one `<tk:svrl-reports>` element, one `<tk:report file= schema=>` each.
 */
export function formatSvrl(report: ValidationReport): string {
  const runs = report.files.flatMap((f) => (f.svrl ?? []).map((svrl, i) => ({ file: f.path, schema: f.schematron?.[i]?.path ?? '', svrl: svrl.replace(/^<\?xml[^>]*\?>\s*/, '') })));
  if (runs.length === 1) return `<?xml version="1.0" encoding="UTF-8"?>\n${runs[0]!.svrl}\n`;
  const esc = (v: string): string => v.replace(/[&<"]/g, (c) => (c === '&' ? '&amp;' : c === '<' ? '&lt;' : '&quot;'));
  const body = runs.map((r) => `<tk:report file="${esc(r.file)}" schema="${esc(r.schema)}">${r.svrl}</tk:report>`).join('\n');
  return `<?xml version="1.0" encoding="UTF-8"?>\n<tk:svrl-reports xmlns:tk="urn:x-teikit:schematron">\n${body}\n</tk:svrl-reports>\n`;
}

/** The JSON document; with `maxErrors`, each file keeps that many errors and counts the rest in `omitted`. */
export function formatJson(report: ValidationReport, maxErrors?: number): string {
  const limited = maxErrors === undefined || maxErrors <= 0 ? report : { ...report, files: report.files.map((f) => limitErrors(f, maxErrors)) };
  return JSON.stringify(limited, null, 2) + '\n';
}

/** Exit code of the CLI contract: 2 if a file could not be checked, else 1 if any is invalid or malformed, else 0. */
export function exitCode(report: ValidationReport): 0 | 1 | 2 {
  if (report.summary.failed > 0) return 2;
  return report.summary.invalid + report.summary.malformed > 0 ? 1 : 0;
}

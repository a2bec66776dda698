/**
 * The data `teikit validate` produces: one `FileReport` per file, a `ValidationReport` for a batch. This is also
 * the shape of `--format json` output, described by `schemas/validation-report.schema.json`.
 */
import type { Diagnostic } from '../diagnostics.js';
import type { SchemaOrigin } from './association.js';

/**
 * - `valid`: well-formed, valid against the schema, and no rule error (warnings allowed);
 * - `invalid`: well-formed, with RELAX NG or rule errors;
 * - `malformed`: not well-formed XML (or not decodable);
 * - `error`: not checked: the file could not be read, or its schema could not be loaded (exit code 2).
 */
export type Verdict = 'valid' | 'invalid' | 'malformed' | 'error';

export interface SchemaUsed {
  /** Path of the RELAX NG schema, as given or as resolved. */
  path: string;
  /** `option` (--schema), `xml-model` (the file's processing instruction) or `edition` (teikit's own). */
  origin: SchemaOrigin;
  /** The catalog or `teikit.config.json` that mapped the remote href the file names to `path`. */
  via?: string;
}

export interface SchematronUsed {
  /** The `.sch` file, or the RELAX NG schema whose embedded rules ran. */
  path: string;
  /** `option` (--schema), `xml-model`, or `embedded` (the rules inside the RELAX NG schema used). */
  origin: 'option' | 'xml-model' | 'embedded';
  /** The phase that ran (`#ALL` when the schema has none). */
  phase: string;
}

export interface FileReport {
  /** The file as named on the command line or found in a directory. */
  path: string;
  verdict: Verdict;
  /** The schema the file was validated against; `null` when it was not reached (malformed or unreadable file). */
  schema: SchemaUsed | null;
  /** Whether the edition rules ran. */
  rules: boolean;
  /** The Schematron schemas that ran (absent when none did). */
  schematron?: SchematronUsed[];
  /** SVRL documents, one per Schematron schema, when `svrl` was asked for. */
  svrl?: string[];
  /** Sorted by file, then line and column; `info` diagnostics explain schema fallbacks. */
  diagnostics: Diagnostic[];
  /** Errors left out of `diagnostics` by `limitErrors` (`--max-errors`); absent when none were. */
  omitted?: number;
}

export interface ValidationSummary {
  files: number;
  valid: number;
  invalid: number;
  malformed: number;
  /** Files that could not be checked (verdict `error`). */
  failed: number;
  /** Diagnostics of severity `error` / `warning` over all files. */
  errors: number;
  warnings: number;
  /** Wall-clock time of the batch. */
  seconds: number;
}

export interface ValidationReport {
  files: FileReport[];
  summary: ValidationSummary;
}

export interface ValidateOptions {
  /** RELAX NG schema (XML syntax) for every file; default: resolved per file (see `resolveSchema`). */
  schema?: string;
  /** OASIS XML catalog mapping remote schema hrefs to local files (`--catalog`). Default: none. */
  catalog?: string;
  /** Run the edition rules. Default false; they always run when the edition schema is used. */
  rules?: boolean;
  /** Resolve `xi:include` of local regular files before validating (`--no-xinclude`: false). Default true. */
  xinclude?: boolean;
  /** Directory of compiled schemas. Default: the RELAX NG engine's default cache directory. */
  cacheDir?: string;
  /** Do not read or write compiled schemas on disk. Default false. */
  noCache?: boolean;
  /** Stop reporting RELAX NG errors of one file after this many. Default: unlimited. */
  maxErrors?: number;
  /** Schematron schemas (`.sch`) for every file, with or without `schema`; as with `schema`, xml-model PIs are then ignored. */
  schematron?: string[];
  /** Schematron phase of the `.sch` schemas (`--phase`). Default: each schema's `defaultPhase`, else all patterns. */
  phase?: string;
  /** Run no Schematron at all (`--no-schematron`). Default false. */
  noSchematron?: boolean;
  /** Keep the SVRL of each Schematron run in the report (`--format svrl`). Default false. */
  svrl?: boolean;
}

export interface ValidateFilesOptions extends ValidateOptions {
  /** Threads. Default one per core, at most 8. */
  jobs?: number;
  /**
   * Seconds one file may take; a file still running then is stopped and reported with the verdict `error`
   * (`validate/time-limit`), and the batch goes on. 0: no limit. Only a worker thread can be stopped, so a file
   * with a limit is validated in one. Given, it applies to any number of files; not given, it is 300 for a batch
   * of two or more, and a single file has none (it is validated in this thread, sparing the worker's start).
   */
  timeLimit?: number;
  /** Called after each file (in completion order) with the count done and the total. */
  onProgress?: (done: number, total: number) => void;
  /** Called with each file's report in input order, as soon as the reports of all files before it are in. */
  onReport?: (report: FileReport, index: number) => void;
  /** Stops the batch: no file starts after it fires, and `validateFiles` rejects with the signal's reason. */
  signal?: AbortSignal;
}

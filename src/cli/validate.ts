/**
 * `teikit validate PATH... [--schema FILE.rng|FILE.sch]... [--phase ID] [--no-schematron] [--rules] [--no-xinclude]
 * [--format text|json|svrl] [--jobs N] [--time-limit SECONDS]`:
 * a thin shell over `validateFiles` (src/validate). Reports go to stdout; a progress bar goes to stderr only when
 * stderr is a terminal and the batch is large. Exit codes: 0 all valid, 1 an invalid or malformed file, 2 usage or
 * I/O error (unknown option, missing PATH, unreadable or broken schema), also when other files were checked.
 */
import { catalogueEntry } from '../diagnostic-catalogue.js';
import { formatDiagnostic } from '../diagnostics.js';
import { DEFAULT_TIME_LIMIT } from '../validate/batch.js';
import { validateFiles } from '../validate/index.js';
import { writeStdout } from '../io.js';
import { exitCode, formatFileText, formatJson, formatSvrl, summaryLine, TEXT_MAX_ERRORS } from '../validate/report.js';
import { schematronFor } from '../validate/validate-file.js';
import { checkCatalog } from '../validate/association.js';
import { RULES } from '../validate/rules/index.js';
import type { Command } from './main.js';
import { applyMaxSize, jobsOption, MAX_SIZE_FLAG, maxSizeHelp, oneOf, parseCommandLine, timeLimitOption, UsageError } from './args.js';

/** The progress bar appears for batches of at least this many files. */
const PROGRESS_MIN_FILES = 20;

function progressBar(): { update(done: number, total: number): void; clear(): void } {
  let shown = false;
  let last = -1;
  return {
    update(done, total) {
      if (total < PROGRESS_MIN_FILES) return;
      const width = 30;
      const filled = Math.round((done / total) * width);
      if (filled === last && done !== total) return;
      last = filled;
      shown = true;
      process.stderr.write(`\r[${'#'.repeat(filled)}${' '.repeat(width - filled)}] ${done}/${total} files`);
    },
    clear() {
      if (shown) process.stderr.write('\r\x1b[2K');
      shown = false;
      last = -1;
    },
  };
}

export const command: Command = {
  summary: 'check TEI files: well-formedness, RELAX NG (any schema), Schematron, edition rules',
  help: `Usage: teikit validate PATH... [--schema FILE.rng|FILE.rnc|FILE.sch]... [--phase ID] [--no-schematron] [--rules]
                       [--no-xinclude] [--format text|json|svrl] [--jobs N] [--time-limit SECONDS]

Checks each file (directories: every *.xml below them) for well-formedness, validity against each RELAX NG
schema that applies, the ISO Schematron rules that apply, and, with --rules, teikit's edition rules.

Schema: --schema FILE.rng|.rnc and/or --schema FILE.sch (repeatable: each applies); else every schema
the file's <?xml-model?> PIs name that is a local file (RELAX NG and Schematron, each applies); a remote
one is never fetched, but maps to a local file through --catalog or the "schemas" map of a
teikit.config.json beside the file or in a parent folder; else, for a teikit edition (made by teikit
encode), teikit's edition schema, with which the edition rules always run; else well-formedness only,
with an info line saying so.
The Schematron rules a RELAX NG schema carries (as every TEI ODD schema does) run whenever it is used.

Options:
  --schema FILE          validate every file against this schema: .rng/.rnc (RELAX NG) or .sch (Schematron);
                         repeatable, each schema given applies
  --phase ID             Schematron phase of the .sch schemas (default: the schema's defaultPhase; #ALL)
  --no-schematron        run no Schematron (neither .sch files nor rules embedded in the RELAX NG schema)
  --catalog FILE         OASIS XML catalog 1.1 (every entry: uri, system, public, rewrite*, *Suffix,
                         delegate*, nextCatalog, group) mapping the remote schemas and DTDs files name
                         to local files (nothing is ever fetched)
  --rules                also check the edition rules (below)
  --no-xinclude          do not resolve xi:include (by default the local files a document includes are read
                         first, as jing and oXygen do; remote ones never; --xinclude is still accepted)
  --format text|json|svrl  output format (default text); svrl: the Schematron report (ISO SVRL)
  --jobs N               threads (default: one per CPU, at most 8)
  --time-limit SECONDS   stop a file still being validated after this long and report it as not checked
                         [validate/time-limit], then go on (0: no limit; default ${DEFAULT_TIME_LIMIT} in a batch of
                         two or more files, none for one file)
  --no-cache             compile the schema without the on-disk cache
  --max-errors N         print at most N errors per file, then a line counting the rest (0: all; default
                         ${TEXT_MAX_ERRORS} in text, all in JSON); the verdict and the counts always include every error
${maxSizeHelp(25)}

Edition rules:
${RULES.map((r) => `  ${r.id.padEnd(24)} ${catalogueEntry(r.id)?.description ?? ''}`).join('\n')}

Output (text): one line per diagnostic, FILE:LINE:COLUMN: error|warning|info MESSAGE [RULE-ID]; then per
file FILE: valid|invalid|malformed|not checked (schema: PATH; schematron: ...); then one summary line.
A Schematron assert or report with role fatal, error or none is an error; warning, warn, info or
nonfatal a warning.

Exit codes: 0 all valid; 1 an invalid or malformed file; 2 usage or I/O error (missing file, unreadable or
broken schema), also when the other files were checked.
`,
  async run(argv) {
    const { values, positionals } = parseCommandLine('validate', argv, {
      schema: { type: 'string', multiple: true },
      phase: { type: 'string' },
      catalog: { type: 'string' },
      'no-schematron': { type: 'boolean' },
      rules: { type: 'boolean' },
      xinclude: { type: 'boolean' },
      'no-xinclude': { type: 'boolean' },
      format: { type: 'string' },
      jobs: { type: 'string' },
      'time-limit': { type: 'string' },
      'no-cache': { type: 'boolean' },
      'max-errors': { type: 'string' },
      ...MAX_SIZE_FLAG,
    });
    applyMaxSize('validate', values['max-size']);
    let maxErrors: number | undefined;
    if (values['max-errors'] !== undefined) {
      maxErrors = Number(values['max-errors']);
      if (!Number.isInteger(maxErrors) || maxErrors < 0) throw new UsageError(`validate: --max-errors must be a whole number, 0 for all (got "${String(values['max-errors'])}")`);
    }
    const format = oneOf('validate', 'format', values['format'], ['text', 'json', 'svrl'] as const, 'text');
    if (positionals.length === 0) throw new UsageError('validate: no PATH given; run "teikit validate --help"');
    const bar = process.stderr.isTTY === true ? progressBar() : undefined;
    const options: Parameters<typeof validateFiles>[1] = { ...jobsOption('validate', values['jobs']), ...timeLimitOption('validate', values['time-limit']) };
    const schemas = Array.isArray(values['schema']) ? values['schema'] : [];
    const schematron = schemas.filter((s) => /\.sch$/i.test(s));
    const relaxng = schemas.filter((s) => !/\.sch$/i.test(s));
    if (relaxng.length > 0) options.schema = relaxng;
    if (schematron.length > 0) options.schematron = schematron;
    if (typeof values['phase'] === 'string') options.phase = values['phase'];
    if (values['no-schematron'] === true) options.noSchematron = true;
    if (typeof values['catalog'] === 'string') options.catalog = values['catalog'];
    if (format === 'svrl') options.svrl = true;
    if (values['rules'] === true) options.rules = true;
    if (values['no-xinclude'] === true) options.xinclude = false;
    if (values['no-cache'] === true) options.noCache = true;
    if (bar !== undefined) options.onProgress = (done, total) => bar.update(done, total);
    // Text: each file's lines as soon as it and every file before it are done, so a slow file hides nothing.
    // A failed write (the reader went away, as `| head` does, or a full disk) stops the batch: no file starts
    // after it, and the error ends the command as any failed write of stdout does.
    if (format === 'text') {
      const stop = new AbortController();
      options.signal = stop.signal;
      options.onReport = (f) => {
        if (stop.signal.aborted) return;
        bar?.clear();
        try {
          writeStdout(formatFileText(f, maxErrors ?? TEXT_MAX_ERRORS));
        } catch (error) {
          stop.abort(error);
        }
      };
    }
    // A broken --catalog or --schema FILE.sch stops the run before any file, with one line (exit code 2).
    // A loop through nextCatalog or a delegate is a warning on stderr, once; lookups skip the repeated catalog.
    if (options.catalog !== undefined) for (const d of checkCatalog(options.catalog)) process.stderr.write(`${formatDiagnostic(d)}\n`);
    // A broken --schema FILE.sch stops the run before any file, with one line at the schema's file:line:column.
    if (options.noSchematron !== true) for (const path of schematron) schematronFor(path, false, options);
    const report = await validateFiles(positionals, options).finally(() => bar?.clear());
    writeStdout(format === 'json' ? formatJson(report, maxErrors) : format === 'svrl' ? formatSvrl(report) : summaryLine(report.summary) + '\n');
    return exitCode(report);
  },
};

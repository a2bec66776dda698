/**
 * `teikit query places|persons|orgs|dates PATH... [options]`: every mention, under any of its names.
 * A thin shell over `queryFiles` (parse) and `queryIndex` (`--db`).
 */
import { formatDiagnostic } from '../diagnostics.js';
import { isoStart } from '../query/dates.js';
import { formatMentions } from '../query/format.js';
import { QUERY_KINDS, type Query, type QueryKind } from '../query/types.js';
import { writeStdout } from '../io.js';
import { MATCH_MODES, nameMatcher, RegexError } from '../query/match.js';
import { applyMaxSize, jobsOption, MAX_SIZE_FLAG, maxSizeHelp, oneOf, parseCommandLine, UsageError } from './args.js';
import type { Command } from './main.js';

const help = `Usage: teikit query places|persons|orgs|dates PATH... [options]
       teikit query KIND [PATH...] --db FILE [options]

Lists every mention of a place (placeName, rs/name type="place"), person (persName, rs/name type="person" or
"personGrp"), organisation (orgName, rs/name type="org") or date (date/time with @when, @from, @to, @notBefore or
@notAfter) in the files, with its register entry (same file or a register file named by the pointer), all the
entry's names, the document's title and date, and about 60 characters of context on each side.
PATH is a file or a directory (every *.xml below it). Mentions in the teiHeader are left out unless --header.

Options:
  --name NAME     any name of the register entry, or the surface form, ignoring case and diacritics
                  (--name Ili finds "Yili" and "Ili" when both point to the same entry); NAME* is a prefix
  --match MODE    how --name compares: exact (default), prefix, substring, regex (linear time: no
                  backreferences or look-around) or fuzzy (edit distance: 1 up to 6 letters, 2 up to 10, ...)
  --register FILE a register file (or a directory of them) that pointers also resolve against, such as a
                  project's central listplace.xml; repeatable (with --db: give it to "teikit index")
  --ref REF       the pointer as given (#yili, ../register/places.xml#p1), or the entry id (yili or #yili)
  --from ISO      dates: mentions whose date range overlaps [--from, --to] (YYYY, YYYY-MM or YYYY-MM-DD;
  --to ISO        --from 1962 means from 1962-01-01, --to 1962 up to 1962-12-31; an open side is unbounded)
  --format F      table (default), csv (RFC 4180, header row) or json (schemas/query-result.schema.json)
  --kwic          keyword-in-context lines, aligned on the mention
  --header        also list mentions inside the teiHeader (e.g. correspDesc places); they have no context
  --db FILE       answer from an index built by "teikit index"; PATHs then only filter
  --jobs N        threads that parse files (default: one per 64 MB of XML, up to one per core, at most 8)
${maxSizeHelp(18)}
  --help          show this help

Exit codes: 0 success (also when nothing matches), 1 a file is not well-formed (it is reported and skipped,
the others are still answered), 2 usage or I/O error (missing file, missing or corrupt index).
Unresolved pointers are warnings on stderr (once per target); their mentions are still listed. With --db they
were printed by "teikit index" and are not repeated.
`;

export const command: Command = {
  summary: 'list mentions of places, persons, organisations or dates, with context',
  help,
  async run(argv) {
    const { values, positionals } = parseCommandLine('query', argv, {
      name: { type: 'string' },
      match: { type: 'string' },
      register: { type: 'string', multiple: true },
      ref: { type: 'string' },
      from: { type: 'string' },
      to: { type: 'string' },
      format: { type: 'string' },
      kwic: { type: 'boolean' },
      header: { type: 'boolean' },
      db: { type: 'string' },
      jobs: { type: 'string' },
      ...MAX_SIZE_FLAG,
    });
    applyMaxSize('query', values['max-size']);
    const [kindArg, ...paths] = positionals;
    if (kindArg === undefined) throw new UsageError('query: missing what to look for (places, persons, orgs or dates); run "teikit query --help"');
    if (!(QUERY_KINDS as readonly string[]).includes(kindArg)) {
      throw new UsageError(`query: what to look for must be one of ${QUERY_KINDS.join(', ')} (got "${kindArg}"); run "teikit query --help"`);
    }
    const kind = kindArg as QueryKind;
    const format = oneOf('query', 'format', values['format'], ['table', 'csv', 'json'] as const, 'table');
    if (values['kwic'] === true && values['format'] !== undefined && format !== 'table') {
      throw new UsageError('query: --kwic prints text lines; it cannot be combined with --format csv or json');
    }
    const db = values['db'] as string | undefined;
    const jobs = jobsOption('query', values['jobs']);
    if (paths.length === 0 && db === undefined) throw new UsageError('query: give at least one PATH (file or directory), or --db FILE');
    const query: Query = { kind };
    for (const key of ['name', 'ref', 'from', 'to'] as const) {
      const value = values[key];
      if (typeof value === 'string') query[key] = value;
    }
    if (values['header'] === true) query.header = true;
    if (values['match'] !== undefined) {
      query.match = oneOf('query', 'match', values['match'], MATCH_MODES, 'exact');
      if (query.name === undefined) throw new UsageError('query: --match says how --name compares; give --name too');
    }
    if (query.name !== undefined) {
      try {
        nameMatcher(query.name, query.match);
      } catch (error) {
        if (error instanceof RegexError) throw new UsageError(`query: --name is not a usable regular expression: ${error.message}`);
        throw error;
      }
    }
    const registers = (values['register'] as string[] | undefined) ?? [];
    if (registers.length > 0 && db !== undefined) throw new UsageError('query: --register applies when files are read; with --db give it to "teikit index"');
    for (const key of ['from', 'to'] as const) {
      const value = query[key];
      if (value === undefined) continue;
      if (kind !== 'dates') throw new UsageError(`query: --${key} applies to "teikit query dates" only`);
      if (isoStart(value) === null) throw new UsageError(`query: --${key} must be an ISO 8601 date (YYYY, YYYY-MM or YYYY-MM-DD), got "${value}"`);
    }
    // Load only one side: a query on the index never pays for the XML parser, a scan never for SQLite.
    const result =
      db === undefined
        ? await (await import('../query/scan.js')).queryFiles(paths, query, { ...jobs, registers })
        : (await import('../query/index-query.js')).queryIndex(db, query, { paths });
    for (const d of result.diagnostics) process.stderr.write(formatDiagnostic(d) + '\n');
    writeStdout(formatMentions(result.mentions, values['kwic'] === true ? 'kwic' : format));
    return result.diagnostics.some((d) => d.severity === 'error') ? 1 : 0;
  },
};

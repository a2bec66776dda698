/**
 * `teikit annotate EDITION.xml [--authority FILE.json] [-o OUT.xml]`: tag the names and dates of an existing TEI
 * edition from its authority file and complete its registers, leaving every other byte as it was (src/annotate/).
 * `-o` may name the edition itself: the file is replaced atomically, never left half-written.
 */
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { annotateTei, type AnnotateResult } from '../annotate/index.js';
import { formatDiagnostic } from '../diagnostics.js';
import { checkAuthority, readAuthorityText, type Authority } from '../encode/index.js';
import { readRegularFile, writeAtomically, writeStdout } from '../io.js';
import { applyMaxSize, MAX_SIZE_FLAG, maxSizeHelp, parseCommandLine, UsageError } from './args.js';
import type { Command } from './main.js';

const HELP = `Usage: teikit annotate EDITION.xml [--authority FILE.json] [-o OUT.xml]

Tag the names and dates of an existing TEI edition from its authority file, touching nothing else: new names get
placeName / orgName / persName / rs with @ref, dates get date with ISO 8601 values, a name already tagged without
@ref gets the @ref of the one entry it names, and standOff gets every entry, name, coordinate and identifier of
the authority file that the edition lacks. The editor's notes, corrections, comments, processing instructions and
layout stay byte for byte; annotating twice changes nothing. Names are not looked for in the header, in standOff,
in notes, or inside names and dates already tagged.

Options:
  --authority FILE.json  registers to tag names from (default: authority.json in the edition's folder)
  -o, --output OUT.xml   write the result to OUT.xml (atomically; it may be EDITION.xml itself) instead of stdout
${maxSizeHelp(25)}
  --help                 show this help

A summary line goes to stderr; warnings (a name crossing existing markup, a @ref that points nowhere or to an
entry without that name) go to stderr as FILE:LINE:COLUMN: warning MESSAGE [RULE-ID].
Exit codes: 0 annotated (even with warnings), 1 edition not well-formed or unusable authority file, 2 usage or I/O
error.
`;

export function authorityFor(path: string | undefined, beside: string): { authority?: Authority; problems: string[] } {
  const file = path ?? (existsSync(join(dirname(beside), 'authority.json')) ? join(dirname(beside), 'authority.json') : undefined);
  if (file === undefined) return { problems: [] };
  const check = checkAuthority(readAuthorityText(file), file);
  if (check.authority === undefined) return { problems: check.diagnostics.map(formatDiagnostic) };
  return { authority: check.authority, problems: [] };
}

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

/** One line saying what annotate did, for the CLI and `teikit build`. */
export function summary(result: AnnotateResult): string {
  if (!result.changed) return 'unchanged (every name of the authority file is tagged and in the registers)';
  const c = result.counts;
  return `tagged ${plural(c.names, 'name')} and ${plural(c.dates, 'date')}, added ${plural(c.refs, '@ref')} to tagged names; registers: ${plural(c.entries, 'entry', 'entries')} added, ${plural(c.details, 'name or identifier', 'names or identifiers')} added to existing entries`;
}

export const command: Command = {
  summary: 'tag names and dates of an edited TEI edition from its authority file, keeping every other byte',
  help: HELP,
  async run(argv) {
    const { values, positionals } = parseCommandLine('annotate', argv, {
      authority: { type: 'string' },
      output: { type: 'string', short: 'o' },
      ...MAX_SIZE_FLAG,
    });
    applyMaxSize('annotate', values['max-size']);
    if (positionals.length !== 1) {
      throw new UsageError(`annotate: expected one EDITION.xml, got ${positionals.length === 0 ? 'none' : positionals.length}; run "teikit annotate --help"`);
    }
    const edition = positionals[0]!;
    const output = typeof values['output'] === 'string' ? values['output'] : undefined;
    if (output === '') throw new UsageError('annotate: -o needs a file name');
    const bytes = readRegularFile(edition);
    const { authority, problems } = authorityFor(typeof values['authority'] === 'string' ? values['authority'] : undefined, edition);
    if (problems.length > 0) {
      for (const line of problems) process.stderr.write(line + '\n');
      return 1;
    }
    if (authority === undefined) throw new UsageError(`annotate: no authority file: give --authority FILE.json (none beside ${edition})`);
    const result = annotateTei(bytes, { file: edition, authority });
    for (const d of result.diagnostics) process.stderr.write(formatDiagnostic(d) + '\n');
    process.stderr.write(`${edition}: ${summary(result)}\n`);
    if (output !== undefined) {
      // Replacing the edition by an identical file would only change its timestamp.
      if (result.changed || output !== edition) writeAtomically(output, result.xml);
    } else writeStdout(result.xml);
    return 0;
  },
};

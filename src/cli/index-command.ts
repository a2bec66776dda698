/**
 * `teikit index PATH... --db FILE`: build or update the SQLite index that `teikit query --db` answers from.
 */
import { formatDiagnostic, printable } from '../diagnostics.js';
import { buildIndex } from '../query/build.js';
import { writeStdout } from '../io.js';
import { applyMaxSize, jobsOption, MAX_SIZE_FLAG, maxSizeHelp, parseCommandLine, UsageError } from './args.js';
import type { Command } from './main.js';

const help = `Usage: teikit index PATH... --db FILE [--register FILE]... [--jobs N]

Stores every mention (places, persons, organisations, dates) and the register entries they point to in an SQLite
index, for "teikit query KIND --db FILE". PATH is a file or a directory (every *.xml below it).
Re-indexing reads only files whose content changed (SHA-256 of the file and of the register files it points
into), and drops files that no longer exist. It reports files added, updated, unchanged and removed.
The index is written in one transaction: a failed run leaves the previous index as it was.

Options:
  --db FILE   the index file (created if missing; an existing file must be a teikit index)
  --register FILE  a register file (or a directory of them) that pointers also resolve against; repeatable
              (another set of register files than last time re-reads every file)
  --jobs N    threads that parse files (default: one per 64 MB of XML, up to one per core, at most 8)
${maxSizeHelp(14)}
  --help      show this help

Exit codes: 0 success, 1 a file is not well-formed (reported, stored as failed, the others indexed),
2 usage or I/O error (missing PATH, a --db file that is not a teikit index).
`;

export const command: Command = {
  summary: 'build or update an SQLite index of mentions for fast queries',
  help,
  async run(argv) {
    const { values, positionals } = parseCommandLine('index', argv, { db: { type: 'string' }, jobs: { type: 'string' }, register: { type: 'string', multiple: true }, ...MAX_SIZE_FLAG });
    applyMaxSize('index', values['max-size']);
    const jobs = jobsOption('index', values['jobs']);
    const db = values['db'];
    if (typeof db !== 'string' || db === '') throw new UsageError('index: --db FILE is required; run "teikit index --help"');
    if (positionals.length === 0) throw new UsageError('index: give at least one PATH (file or directory)');
    const started = process.hrtime.bigint();
    const registers = (values['register'] as string[] | undefined) ?? [];
    const r = await buildIndex(positionals, db, { ...jobs, registers });
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    for (const d of r.diagnostics) process.stderr.write(formatDiagnostic(d) + '\n');
    const mb = r.parsedBytes / 1e6;
    writeStdout(
      `indexed ${r.files} file${r.files === 1 ? '' : 's'} into ${printable(db, true)}: ${r.added} added, ${r.updated} updated, ` +
        `${r.unchanged} unchanged, ${r.removed} removed` +
        (r.failed > 0 ? `, ${r.failed} not well-formed` : '') +
        `; ${r.mentions} mentions stored; ${mb.toFixed(1)} MB parsed in ${seconds.toFixed(2)} s\n`,
    );
    return r.failed > 0 ? 1 : 0;
  },
};

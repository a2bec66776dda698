#!/usr/bin/env node
/**
 * `teikit`: a thin shell over the library. Each command lives in its own file and exports `{ summary, help, run }`;
 * this file only dispatches, and turns errors into one line on stderr with the exit code of the CLI contract
 * (README, Command line): 0 success, 1 findings, 2 usage or I/O error. Never a stack trace (set TEIKIT_DEBUG=1 to see one).
 */
import { readFileSync } from 'node:fs';
import { formatDiagnostic, printable, TeikitError } from '../diagnostics.js';
import { describe, ioError, StdoutClosed, writeStdout } from '../io.js';
import { packageFile } from '../package-files.js';
import { UsageError } from './args.js';
import { table } from '../tables.js';

export interface Command {
  summary: string;
  help: string;
  run(argv: string[]): Promise<number>;
}

/** Command name -> module; loaded lazily so that `teikit validate` never pays for saxon-js or SQLite. */
const COMMANDS: Readonly<Record<string, () => Promise<{ command: Command }>>> = table({
  encode: () => import('./encode.js'),
  annotate: () => import('./annotate.js'),
  build: () => import('./build.js'),
  validate: () => import('./validate.js'),
  transform: () => import('./transform.js'),
  query: () => import('./query.js'),
  index: () => import('./index-command.js'), // not index.ts, which would read as the folder's barrel
  catalog: () => import('./catalog.js'),
});

function version(): string {
  const pkg = JSON.parse(readFileSync(packageFile('package.json'), 'utf8')) as { version: string };
  return pkg.version;
}

async function usage(): Promise<string> {
  const lines = ['Usage: teikit <command> [options]', '', 'Commands:'];
  for (const [name, load] of Object.entries(COMMANDS)) {
    let summary = '';
    try {
      summary = (await load()).command.summary;
    } catch {
      summary = '(unavailable)';
    }
    lines.push(`  ${name.padEnd(10)} ${summary}`);
  }
  lines.push('', 'Options:', '  --help     show help (also after any command)', '  --version  print the version', '');
  lines.push('Exit codes: 0 success, 1 findings (invalid or malformed input), 2 usage or I/O error.');
  return lines.join('\n') + '\n';
}

export async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    writeStdout(await usage());
    return name === undefined ? 2 : 0;
  }
  if (name === '--version' || name === '-v') {
    writeStdout(`teikit ${version()}\n`);
    return 0;
  }
  const load = COMMANDS[name];
  if (load === undefined) {
    process.stderr.write(`teikit: unknown command "${printable(name)}"; run "teikit --help" for the list\n`);
    return 2;
  }
  const { command } = await load();
  if (rest.includes('--help') || rest.includes('-h')) {
    writeStdout(command.help.endsWith('\n') ? command.help : command.help + '\n');
    return 0;
  }
  return command.run(rest);
}

function report(error: unknown): number {
  // The reader of our output went away (`teikit query ... | head`): nothing more to say.
  if (error instanceof StdoutClosed) return 0;
  // A system error that escaped its command still names its file: report it as the I/O error it is.
  const path = (error as NodeJS.ErrnoException | undefined)?.path;
  if (error instanceof Error && typeof path === 'string' && typeof (error as NodeJS.ErrnoException).code === 'string') {
    if (process.env['TEIKIT_DEBUG']) process.stderr.write(`${error.stack}\n`);
    error = ioError(path, describe(error));
  }
  if (error instanceof UsageError) {
    // Usage messages quote what was typed: escaped like every other line of text output.
    process.stderr.write(`teikit: ${printable(error.message)}\n`);
    return 2;
  }
  if (error instanceof TeikitError) {
    process.stderr.write(formatDiagnostic(error.diagnostic) + '\n');
    return error.exitCode;
  }
  const message = error instanceof Error ? error.message : String(error);
  process.stderr.write(`teikit: internal error: ${printable(message.split('\n')[0]!)}\n`);
  if (process.env['TEIKIT_DEBUG'] && error instanceof Error) process.stderr.write(`${error.stack}\n`);
  return 2;
}

// Output piped into `head` closes stdout early: that is not an error. Any other write error (a full disk,
// `> /dev/full`, EIO) is: one line and exit code 2, never a silent success.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  process.stderr.write(formatDiagnostic(ioError('<stdout>', `cannot write to standard output: ${describe(error)}`).diagnostic) + '\n');
  process.exit(2);
});

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.exitCode = report(error);
  },
);

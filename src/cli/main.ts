#!/usr/bin/env node
/**
 * `teikit`: a thin shell over the library. Each command lives in its own file and exports `{ summary, help, run }`;
 * this file only dispatches, and turns errors into one line on stderr with the exit code of the CLI contract
 * (DESIGN.md): 0 success, 1 findings, 2 usage or I/O error. Never a stack trace (set TEIKIT_DEBUG=1 to see one).
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { formatDiagnostic, TeikitError } from '../diagnostics.js';
import { UsageError } from './args.js';

export interface Command {
  summary: string;
  help: string;
  run(argv: string[]): Promise<number>;
}

/** Command name -> module; loaded lazily so that `teikit validate` never pays for saxon-js or SQLite. */
const COMMANDS: Record<string, () => Promise<{ command: Command }>> = {
  encode: () => import('./encode.js'),
  validate: () => import('./validate.js'),
  transform: () => import('./transform.js'),
  query: () => import('./query.js'),
  index: () => import('./index-db.js'),
  catalog: () => import('./catalog.js'),
};

function version(): string {
  const pkg = JSON.parse(readFileSync(fileURLToPath(new URL('../../../package.json', import.meta.url)), 'utf8')) as { version: string };
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
    process.stdout.write(await usage());
    return name === undefined ? 2 : 0;
  }
  if (name === '--version' || name === '-v') {
    process.stdout.write(`teikit ${version()}\n`);
    return 0;
  }
  const load = COMMANDS[name];
  if (load === undefined) {
    process.stderr.write(`teikit: unknown command "${name}"; run "teikit --help" for the list\n`);
    return 2;
  }
  const { command } = await load();
  if (rest.includes('--help') || rest.includes('-h')) {
    process.stdout.write(command.help.endsWith('\n') ? command.help : command.help + '\n');
    return 0;
  }
  return command.run(rest);
}

function report(error: unknown): number {
  if (error instanceof UsageError) {
    process.stderr.write(`teikit: ${error.message}\n`);
    return 2;
  }
  if (error instanceof TeikitError) {
    process.stderr.write(formatDiagnostic(error.diagnostic) + '\n');
    return error.exitCode;
  }
  const message = error instanceof Error ? error.message : String(error);
  process.stderr.write(`teikit: internal error: ${message.split('\n')[0]}\n`);
  if (process.env['TEIKIT_DEBUG'] && error instanceof Error) process.stderr.write(`${error.stack}\n`);
  return 2;
}

// Output piped into `head` closes stdout early: that is not an error.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
});

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.exitCode = report(error);
  },
);

/**
 * Flags are declared once per command with node's `util.parseArgs`; anything it rejects is a usage error (exit 2).
 */
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { setMaxSize } from '../io.js';

export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

export type Options = NonNullable<ParseArgsConfig['options']>;

export function parseCommandLine<T extends Options>(
  command: string,
  argv: string[],
  options: T,
): { values: Record<string, string | boolean | string[] | undefined>; positionals: string[] } {
  try {
    const { values, positionals } = parseArgs({ args: argv, options, allowPositionals: true, strict: true });
    return { values: values as Record<string, string | boolean | string[] | undefined>, positionals };
  } catch (error) {
    const message = error instanceof Error ? error.message.split('\n')[0]!.replace(/\. To specify a positional.*$/, '') : String(error);
    throw new UsageError(`${command}: ${message}; run "teikit ${command} --help"`);
  }
}

/** One value of a string flag, checked against its allowed values. */
export function oneOf<T extends string>(command: string, flag: string, value: unknown, allowed: readonly T[], fallback: T): T {
  if (value === undefined) return fallback;
  if (typeof value === 'string' && (allowed as readonly string[]).includes(value)) return value as T;
  throw new UsageError(`${command}: --${flag} must be one of ${allowed.join(', ')} (got "${String(value)}")`);
}

/** `--jobs N` (validate, query, index): a positive integer, else a usage error. Default: see `defaultJobs`. */
export function jobsOption(command: string, value: unknown): { jobs?: number } {
  if (value === undefined) return {};
  const jobs = Number(value);
  if (!Number.isInteger(jobs) || jobs < 1) throw new UsageError(`${command}: --jobs must be a positive integer (got "${String(value)}")`);
  return { jobs };
}

/** `--time-limit SECONDS`: a positive number (0 for none), else a usage error. */
export function timeLimitOption(command: string, value: unknown): { timeLimit?: number } {
  if (value === undefined) return {};
  const seconds = Number(value);
  if (typeof value !== 'string' || value.trim() === '' || !Number.isFinite(seconds) || seconds < 0) {
    throw new UsageError(`${command}: --time-limit must be a number of seconds, 0 for none (got "${String(value)}")`);
  }
  return { timeLimit: seconds };
}

/** The `--max-size` flag every command that reads files takes: the size caps of its inputs (src/io.ts). */
export const MAX_SIZE_FLAG = { 'max-size': { type: 'string' } } as const;

/** Its lines in a command's help, their text starting at `column` as the other options' do. */
export function maxSizeHelp(column: number): string {
  const pad = ' '.repeat(column);
  return (
    `  --max-size MB${' '.repeat(Math.max(1, column - 15))}read input files of up to MB megabytes; KIND=MB,... for some kinds only\n` +
    `${pad}(KIND: document 256, schema 64, record 64, authority 64 by default)`
  );
}

export function applyMaxSize(command: string, value: unknown): void {
  if (typeof value !== 'string') return;
  const problem = setMaxSize(value);
  if (problem !== undefined) throw new UsageError(`${command}: ${problem}`);
}

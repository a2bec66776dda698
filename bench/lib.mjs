// What every bench/ harness shares: where things are, `--name value` options, and the median of a series.
import { fileURLToPath } from 'node:url';

export const root = fileURLToPath(new URL('../', import.meta.url));
export const corpusDir = fileURLToPath(new URL('../../shared/corpus/', import.meta.url));

/** The value after `--name` on the command line, else `fallback`. */
export function opt(name, fallback) {
  const i = process.argv.indexOf(`--${name}`, 2);
  return i >= 0 && i + 1 < process.argv.length ? process.argv[i + 1] : fallback;
}

export const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

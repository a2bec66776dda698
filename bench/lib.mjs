// What every bench/ harness shares: where things are, `--name value` options, the median of a series, and the
// corpus files.
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const root = fileURLToPath(new URL('../', import.meta.url));
export const corpusDir = fileURLToPath(new URL('../../shared/corpus/', import.meta.url));

/** The value after `--name` on the command line, else `fallback`. */
export function opt(name, fallback) {
  const i = process.argv.indexOf(`--${name}`, 2);
  return i >= 0 && i + 1 < process.argv.length ? process.argv[i + 1] : fallback;
}

export const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/** The `.xml` files below `dir`, sorted (the corpus and its scaled copies). */
export function xmlFiles(dir) {
  const out = [];
  for (const entry of readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (entry.isFile() && entry.name.endsWith('.xml')) out.push(join(entry.parentPath ?? entry.path, entry.name));
  }
  return out.sort();
}

/** Bytes of the files together. */
export const sizeOf = (files) => files.reduce((n, f) => n + statSync(f).size, 0);

/**
 * The files a query or an index reads, and their paths as printed: PATH arguments expanded to absolute paths in
 * code-point order (the order of every result), shown relative to the working directory when that is shorter.
 */
import { isAbsolute, relative, resolve } from 'node:path';
import { TeikitError } from '../diagnostics.js';
import { expandPaths, ioError } from '../io.js';

/** A path for output: relative to `cwd`, unless the absolute path is shorter. */
export function displayPath(abs: string, cwd: string): string {
  // Asked once per output row, for few distinct files: path.relative costs more than the rest of the row.
  const key = `${cwd}\0${abs}`;
  let shown = displayed.get(key);
  if (shown === undefined) {
    const rel = relative(cwd, abs);
    shown = rel === '' || isAbsolute(rel) || rel.length > abs.length ? abs : rel;
    if (displayed.size >= 4096) displayed.clear();
    displayed.set(key, shown);
  }
  return shown;
}
const displayed = new Map<string, string>();

/** Files of PATH arguments, as absolute paths in code-point order (the order of every result). */
export function queryFilesOf(paths: readonly string[], cwd: string): string[] {
  const files = new Set<string>();
  for (const path of paths) {
    try {
      for (const file of expandPaths([resolve(cwd, path)])) files.add(file);
    } catch (error) {
      // Name the path as the user gave it.
      if (error instanceof TeikitError) throw ioError(path, error.diagnostic.message);
      throw error;
    }
  }
  return [...files].sort(comparePaths);
}

export function comparePaths(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

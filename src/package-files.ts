/**
 * The files teikit ships beside its code (`schemas/`, the stylesheets compiled into `dist/transforms/`,
 * `package.json`), found the same way from the sources (`src/`, as the tests run them) and from the build
 * (`dist/src/`): the package root is the nearest folder above this module that holds `package.json`.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

let root: string | undefined;

/** The package's folder: `..` of `src/` in the sources, `../..` of `dist/src/` in the build. */
export function packageRoot(): string {
  if (root === undefined) {
    const here = fileURLToPath(new URL('.', import.meta.url));
    const up = [join(here, '..'), join(here, '..', '..')];
    root = up.find((dir) => existsSync(join(dir, 'package.json'))) ?? up[0]!;
  }
  return root;
}

/** A file of the package by its path from the package's folder: `packageFile('schemas/authority.schema.json')`. */
export function packageFile(path: string): string {
  return join(packageRoot(), path);
}

/** The edition schema shipped with teikit (what the encoder writes, and what `teikit validate` falls back to). */
export function editionSchemaPath(): string {
  return packageFile('schemas/teikit-edition.rng');
}

/**
 * The `<?xml-model?>` link from an edition to teikit's own edition schema (`schemas/teikit-edition.rng`).
 * It is written only when it resolves locally and stays inside the teikit tree: for an output folder inside the
 * package (such as `editions/wilson-118181/`, giving `../../schemas/teikit-edition.rng`). Anywhere else (a user's
 * own folder, another machine's path) no link is written rather than one that breaks when the file moves;
 * `teikit validate` then falls back to the edition schema anyway (README, teikit validate).
 */
import { existsSync } from 'node:fs';
import { dirname, isAbsolute, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The package root: two levels above this module in sources (src/encode), three in the build (dist/src/encode). */
function packageRoot(): string | undefined {
  for (const up of ['../..', '../../..']) {
    const root = resolve(dirname(fileURLToPath(import.meta.url)), up);
    if (existsSync(resolve(root, 'package.json')) && existsSync(resolve(root, 'schemas'))) return root;
  }
  return undefined;
}

/** Relative href from `outputDir` to the edition schema, or undefined (see above). */
export function editionSchemaHref(outputDir: string): string | undefined {
  const root = packageRoot();
  if (root === undefined) return undefined;
  const schema = resolve(root, 'schemas', 'teikit-edition.rng');
  if (!existsSync(schema)) return undefined;
  const dir = resolve(outputDir);
  const inside = relative(root, dir);
  if (inside.startsWith('..') || isAbsolute(inside) || inside.split(sep).includes('node_modules')) return undefined;
  return relative(dir, schema).split(sep).join('/');
}

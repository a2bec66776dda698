/**
 * The `<?xml-model?>` link from an edition to teikit's own edition schema (`schemas/teikit-edition.rng`).
 * It is written only when it resolves locally and stays inside the teikit tree: for an output folder inside the
 * package (such as `editions/wilson-118181/`, giving `../../schemas/teikit-edition.rng`). Anywhere else (a user's
 * own folder, another machine's path) no link is written rather than one that breaks when the file moves;
 * `teikit validate` then falls back to the edition schema anyway (README, teikit validate).
 */
import { existsSync } from 'node:fs';
import { isAbsolute, relative, resolve, sep } from 'node:path';
import { editionSchemaPath, packageRoot } from '../package-files.js';

/** Relative href from `outputDir` to the edition schema, or undefined (see above). */
export function editionSchemaHref(outputDir: string): string | undefined {
  const root = packageRoot();
  const schema = editionSchemaPath();
  if (!existsSync(schema)) return undefined;
  const dir = resolve(outputDir);
  const inside = relative(root, dir);
  if (inside.startsWith('..') || isAbsolute(inside) || inside.split(sep).includes('node_modules')) return undefined;
  return relative(dir, schema).split(sep).join('/');
}

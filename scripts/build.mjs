// `npm run build` (also run by `npm install` through `prepare`): compile TypeScript to dist/, write the TEI
// vocabulary as an XSLT module (transforms/generated/vocabulary.xsl), then compile every XSLT 3.0 stylesheet in
// transforms/ to SEF for saxon-js with the xslt3 compiler. Generated and compiled files are build output.
import { execFileSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);
const run = (script, args) => execFileSync(process.execPath, [script, ...args], { cwd: root, stdio: 'inherit' });

run(require.resolve('typescript/bin/tsc'), ['-p', join(root, 'tsconfig.json')]);
chmodSync(join(root, 'dist/src/cli/main.js'), 0o755);

const transforms = join(root, 'transforms');
// The TEI vocabulary as an XSLT module (src/tei/xslt.ts), before the stylesheets that include it are compiled.
const { vocabularyXslt } = await import(pathToFileURL(join(root, 'dist/src/tei/xslt.js')).href);
mkdirSync(join(transforms, 'generated'), { recursive: true });
writeFileSync(join(transforms, 'generated/vocabulary.xsl'), vocabularyXslt());
const out = join(root, 'dist/transforms');
mkdirSync(out, { recursive: true });
if (existsSync(transforms)) {
  for (const name of readdirSync(transforms).filter((f) => f.endsWith('.xsl')).sort()) {
    const sef = join(out, name.replace(/\.xsl$/, '.sef.json'));
    run(require.resolve('xslt3/xslt3.js'), [`-xsl:${join(transforms, name)}`, `-export:${sef}`, '-nogo', '-relocate:on', '-ns:##html5']);
  }
}

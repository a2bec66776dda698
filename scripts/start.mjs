// `npm start`: build the cable edition (editions/wilson-118181/) with the built CLI, as a user would:
// `teikit build editions/wilson-118181` (annotate the TEI master from its authority file, or encode it from the
// record when there is none; validate it against teikit's edition schema with the edition rules; write the HTML
// reading edition and the plain text into editions/wilson-118181/build/). `node scripts/start.mjs FOLDER` builds
// another edition folder laid out the same way. A failing step stops the run with a non-zero exit code.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const edition = process.argv[2] ? resolve(process.argv[2]) : join(root, 'editions', 'wilson-118181');
const cli = join(root, 'dist', 'src', 'cli', 'main.js');
if (!existsSync(cli) || !existsSync(join(root, 'dist', 'transforms', 'tei-html.sef.json'))) {
  process.stderr.write('npm start: FAILED: the build is missing: run "npm run build" first (npm install runs it)\n');
  process.exit(1);
}
const result = spawnSync(process.execPath, [cli, 'build', edition], { cwd: root, stdio: 'inherit' });
if (result.status !== 0) {
  process.stderr.write(`npm start: FAILED: teikit build exited with code ${result.status ?? result.signal}\n`);
  process.exit(1);
}

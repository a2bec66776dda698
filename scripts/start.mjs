// `npm start`: build the cable edition (editions/wilson-118181/) from its archive record with the built CLI, as a user
// would run it: encode the record with its authority file, validate the TEI against teikit's edition schema with the
// edition rules, then write the HTML reading edition and the plain text. Everything goes to
// editions/wilson-118181/build/ (build output; the committed master TEI is not touched). Any failing step stops the
// run with a non-zero exit code and says which step failed.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { basename, dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
// `node scripts/start.mjs [EDITION-FOLDER]` builds another edition laid out the same way (record.txt,
// authority.json); npm start builds the cable.
const edition = process.argv[2] ? resolve(process.argv[2]) : join(root, 'editions', 'wilson-118181');
const name = basename(edition);
const build = join(edition, 'build');
const cli = join(root, 'dist', 'src', 'cli', 'main.js');
const show = (path) => relative(process.cwd(), path) || '.';

function fail(message) {
  process.stderr.write(`\nnpm start: FAILED: ${message}\n`);
  process.exit(1);
}

for (const needed of [cli, join(root, 'dist', 'transforms', 'tei-html.sef.json'), join(root, 'dist', 'transforms', 'tei-text.sef.json')]) {
  if (!existsSync(needed)) fail(`${show(needed)} is missing: run "npm run build" first (npm install runs it)`);
}
for (const input of ['record.txt', 'authority.json']) {
  if (!existsSync(join(edition, input))) fail(`${show(join(edition, input))} is missing`);
}
mkdirSync(build, { recursive: true });

/** Run `teikit ARGS`; its stdout and stderr go to the terminal; a non-zero exit stops npm start. */
function teikit(step, args) {
  process.stdout.write(`\n> teikit ${args.map((a) => (a.startsWith('/') ? show(a) : a)).join(' ')}\n`);
  const result = spawnSync(process.execPath, [cli, ...args], { cwd: root, stdio: 'inherit' });
  if (result.error) fail(`${step}: ${result.error.message}`);
  if (result.status !== 0) fail(`${step} (teikit exited with code ${result.status ?? result.signal})`);
}

const tei = join(build, `${name}.xml`);
const html = join(build, `${name}.html`);
const text = join(build, `${name}.txt`);

teikit('encode the record', ['encode', join(edition, 'record.txt'), '--authority', join(edition, 'authority.json'), '-o', tei]);
teikit('validate the edition (schema and edition rules)', ['validate', tei, '--schema', join(root, 'schemas', 'teikit-edition.rng'), '--rules']);
teikit('transform to HTML', ['transform', tei, '--to', 'html', '-o', html]);
teikit('transform to text', ['transform', tei, '--to', 'text', '-o', text]);

process.stdout.write(
  [
    '',
    `The edition ${name} is built:`,
    `  TEI   ${show(tei)}`,
    `  HTML  ${show(html)}   (open it in a browser; self-contained, no network)`,
    `  text  ${show(text)}`,
    '',
  ].join('\n'),
);

/**
 * `teikit build EDITION_DIR [--out DIR]`: an edition folder from its sources to its reading edition, the command
 * behind `npm start`. An edition folder holds `record.txt` (the archive record), `authority.json` (its registers)
 * and `NAME.xml` (the TEI master, NAME being the folder's name). The steps:
 *   1. the master: encoded from the record when there is none yet; once it exists it is the editor's file and is
 *      annotated instead (new names of the authority file tagged, every other byte kept);
 *   2. validation against teikit's edition schema with the edition rules (a failure stops the build);
 *   3. the HTML reading edition, 4. the plain text and 5. the catalogue record (JSON, and CMIF when the edition is
 *      a letter: it has a correspDesc), into the build folder.
 */
import { existsSync, mkdirSync, statSync } from 'node:fs';
import { basename, join, relative, resolve } from 'node:path';
import { annotateTei } from '../annotate/index.js';
import { catalogCmif, catalogFiles, catalogJson } from '../catalog/index.js';
import { formatDiagnostic, hasErrors } from '../diagnostics.js';
import { editionSchemaHref, encodeRecord } from '../encode/index.js';
import { ioError, readRegularFile, writeAtomically } from '../io.js';
import { transformToHtml, transformToText } from '../transform/index.js';
import { editionSchemaPath, validateFile } from '../validate/index.js';
import { authorityFor, summary } from './annotate.js';
import { applyMaxSize, MAX_SIZE_FLAG, maxSizeHelp, parseCommandLine, UsageError } from './args.js';
import type { Command } from './main.js';

const HELP = `Usage: teikit build EDITION_DIR [--out DIR]

Build an edition folder: EDITION_DIR/record.txt (the archive record), EDITION_DIR/authority.json (registers) and
EDITION_DIR/NAME.xml (the TEI master; NAME is the folder's name).
  1. master   encode record.txt into NAME.xml when there is no master yet; else annotate NAME.xml in place from
              authority.json (new names tagged, registers completed, every other byte kept)
  2. validate NAME.xml against teikit's edition schema with the edition rules (errors stop the build)
  3. html     the reading edition, OUT/NAME.html
  4. text     the plain text, OUT/NAME.txt
  5. catalog  the catalogue record, OUT/NAME.catalog.json, and OUT/NAME.cmif.xml for a letter (correspDesc)
One progress line per step goes to stdout, diagnostics to stderr.

Options:
  --out DIR      where the HTML and text go (default: EDITION_DIR/build)
${maxSizeHelp(17)}
  --help         show this help

Exit codes: 0 built, 1 a step found errors (unusable record or authority file, invalid edition), 2 usage or I/O
error.
`;

export const command: Command = {
  summary: 'build an edition folder: encode or annotate, validate, HTML and text',
  help: HELP,
  async run(argv) {
    const { values, positionals } = parseCommandLine('build', argv, { out: { type: 'string' }, ...MAX_SIZE_FLAG });
    applyMaxSize('build', values['max-size']);
    if (positionals.length !== 1) {
      throw new UsageError(`build: expected one EDITION_DIR, got ${positionals.length === 0 ? 'none' : positionals.length}; run "teikit build --help"`);
    }
    const dir = resolve(positionals[0]!);
    if (!existsSync(dir) || !statSync(dir).isDirectory()) throw ioError(positionals[0]!, 'not an edition folder (no such directory)');
    const name = basename(dir);
    const out = resolve(typeof values['out'] === 'string' && values['out'] !== '' ? values['out'] : join(dir, 'build'));
    const show = (path: string) => {
      const rel = relative(process.cwd(), path);
      return rel === '' ? '.' : rel.startsWith('..') ? path : rel;
    };
    const master = join(dir, `${name}.xml`);
    const record = join(dir, 'record.txt');
    const step = (n: number, label: string, text: string) => process.stdout.write(`build: [${n}/5] ${label.padEnd(8)} ${text}\n`);

    const { authority, problems } = authorityFor(undefined, master);
    if (problems.length > 0) {
      for (const line of problems) process.stderr.write(line + '\n');
      return 1;
    }
    if (existsSync(master)) {
      if (authority === undefined) step(1, 'master', `${show(master)}: kept as it is (no authority.json to annotate from)`);
      else {
        const result = annotateTei(readRegularFile(master), { file: master, authority });
        for (const d of result.diagnostics) process.stderr.write(formatDiagnostic(d) + '\n');
        if (result.changed) writeAtomically(master, result.xml);
        step(1, 'annotate', `${show(master)}: ${summary(result)}`);
      }
    } else if (existsSync(record)) {
      const schemaHref = editionSchemaHref(dir);
      const result = encodeRecord(readRegularFile(record, 'record'), {
        file: record,
        ...(authority ? { authority } : {}),
        ...(schemaHref !== undefined ? { schemaHref } : {}),
      });
      for (const d of result.diagnostics) process.stderr.write(formatDiagnostic(d) + '\n');
      writeAtomically(master, result.xml);
      step(1, 'encode', `${show(record)} -> ${show(master)}${result.diagnostics.length > 0 ? ` (${result.diagnostics.length} warnings above)` : ''}`);
    } else {
      throw ioError(show(dir), `not an edition folder: neither ${name}.xml nor record.txt is there`);
    }

    const report = await validateFile(master, { schema: editionSchemaPath(), rules: true });
    for (const d of report.diagnostics) if (d.severity !== 'info') process.stderr.write(formatDiagnostic(d) + '\n');
    if (report.verdict !== 'valid' || hasErrors(report.diagnostics)) {
      step(2, 'validate', `${show(master)}: ${report.verdict}; the build stops here`);
      return report.verdict === 'error' ? 2 : 1;
    }
    step(2, 'validate', `${show(master)}: valid (edition schema and edition rules)`);

    mkdirSync(out, { recursive: true });
    const tei = readRegularFile(master);
    const html = join(out, `${name}.html`);
    writeAtomically(html, transformToHtml(tei, { file: master }));
    step(3, 'html', show(html));
    const text = join(out, `${name}.txt`);
    writeAtomically(text, transformToText(tei, { file: master }));
    step(4, 'text', show(text));
    const catalog = await catalogFiles([master], { cwd: dir });
    for (const d of catalog.diagnostics) process.stderr.write(formatDiagnostic(d) + '\n');
    const catalogRecord = join(out, `${name}.catalog.json`);
    writeAtomically(catalogRecord, catalogJson(catalog.records));
    const written = [show(catalogRecord)];
    if (catalog.records.some((r) => r.correspondence.length > 0)) {
      const cmif = join(out, `${name}.cmif.xml`);
      writeAtomically(cmif, catalogCmif(catalog.records));
      written.push(show(cmif));
    }
    step(5, 'catalog', written.join(', '));
    return 0;
  },
};

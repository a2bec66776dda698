/**
 * `teikit catalog PATH... [--format json|csv|dc|cmif] [-o FILE]`: one catalogue record per TEI document.
 * A thin shell over `catalogFiles` and the exports of src/catalog/.
 */
import { statSync } from 'node:fs';
import { join } from 'node:path';
import { formatDiagnostic } from '../diagnostics.js';
import { writeAtomically, writeStdout } from '../io.js';
import { applyMaxSize, jobsOption, MAX_SIZE_FLAG, maxSizeHelp, oneOf, parseCommandLine, UsageError } from './args.js';
import type { Command } from './main.js';

const help = `Usage: teikit catalog PATH... [--format json|csv|dc|cmif] [-o FILE] [options]

One catalogue record per file, and per TEI inside a teiCorpus: title and subtitle; authors, editors and
translators with their @ref/idno identifiers; the date of the document (as "teikit query" gives it, not the date
of the digital edition) and the edition's publication date; languages; licence; publisher; identifiers; URL;
source (one line); words of the text; genre; the schema the file names; with --validate, its verdict.
PATH is a file or a directory (every *.xml below it).

Formats:
  json   an array of records (schemas/catalog.schema.json); the default
  csv    RFC 4180, one row per record, lists joined with " | " (opens in a spreadsheet)
  dc     Dublin Core as OAI-PMH carries it: one oai_dc:dc for one record, else an OAI-PMH ListRecords response;
         with -o DIR/ (an existing folder or a trailing slash) one oai_dc:dc file per record below DIR
  cmif   one CMIF file (Correspondence Metadata Interchange Format, as correspSearch harvests it) of every
         correspDesc, with authority URIs (GND, VIAF, Wikidata, GeoNames) from the names or their registers

Options:
  --format F        json (default), csv, dc or cmif
  -o, --output FILE write to FILE instead of standard output (dc: a folder, see above)
  --validate        validate every file (as "teikit validate" does) and record its verdict
  --register FILE   a register file (or a directory of them) that pointers also resolve against; repeatable
  --jobs N          threads for --validate (default: one per core)
${maxSizeHelp(20)}
  -h, --help        show this help

Exit codes: 0 success, 1 a file could not be catalogued (not well-formed, not TEI, no teiHeader: one line each
on stderr, the others are still catalogued), 2 usage or I/O error.
`;

export const command: Command = {
  summary: 'catalogue records (JSON, CSV, Dublin Core, CMIF) of TEI files',
  help,
  async run(argv) {
    const { values, positionals } = parseCommandLine('catalog', argv, {
      format: { type: 'string' },
      output: { type: 'string', short: 'o' },
      validate: { type: 'boolean' },
      register: { type: 'string', multiple: true },
      jobs: { type: 'string' },
      ...MAX_SIZE_FLAG,
    });
    applyMaxSize('catalog', values['max-size']);
    if (positionals.length === 0) throw new UsageError('catalog: give at least one PATH (file or directory); run "teikit catalog --help"');
    const format = oneOf('catalog', 'format', values['format'], ['json', 'csv', 'dc', 'cmif'] as const, 'json');
    const { catalogFiles } = await import('../catalog/catalog.js');
    const registers = (values['register'] as string[] | undefined) ?? [];
    const result = await catalogFiles(positionals, { ...jobsOption('catalog', values['jobs']), registers, validate: values['validate'] === true });
    for (const d of result.diagnostics) process.stderr.write(formatDiagnostic(d) + '\n');
    const output = values['output'];
    if (format === 'dc') {
      const { collectionNames } = await import('../catalog/catalog.js');
      const names = collectionNames(positionals, process.cwd());
      const dc = await import('../catalog/dc.js');
      const localName = (r: { file: string }): string => names.get(r.file) ?? r.file;
      if (typeof output === 'string' && isFolder(output)) {
        // One oai_dc:dc file per record below the folder.
        for (const { path, xml } of dc.catalogDcFiles(result.records, { localName })) writeAtomically(join(output, path), xml);
      } else {
        const text = dc.catalogDc(result.records, { localName });
        if (typeof output === 'string') writeAtomically(output, text);
        else writeStdout(text);
      }
      return result.diagnostics.some((d) => d.severity === 'error') ? 1 : 0;
    }
    const { catalogCsv, catalogJson } = await import('../catalog/format.js');
    const text =
      format === 'json'
        ? catalogJson(result.records)
        : format === 'csv'
          ? catalogCsv(result.records)
          : (await import('../catalog/cmif.js')).catalogCmif(result.records);
    if (typeof output === 'string') writeAtomically(output, text);
    else writeStdout(text);
    return result.diagnostics.some((d) => d.severity === 'error') ? 1 : 0;
  },
};

/** `-o DIR/` (a trailing slash) or an existing directory: a folder to write one file per record into. */
function isFolder(path: string): boolean {
  if (path.endsWith('/')) return true;
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}

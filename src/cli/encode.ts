/**
 * `teikit encode RECORD.txt [--authority FILE.json] [-o OUT.xml]`: an archive record to TEI P5 (src/encode/).
 * Warnings go to stderr as `FILE:LINE:COLUMN: warning MESSAGE [RULE-ID]` and do not change the exit code;
 * unusable record or authority data exits 1 (one line per problem), usage and I/O errors exit 2.
 */
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { formatDiagnostic } from '../diagnostics.js';
import { checkAuthority, editionSchemaHref, encodeRecord, readAuthorityText, type Authority } from '../encode/index.js';
import { checkOutputTarget, readRegularFile, writeAtomically, writeStdout } from '../io.js';
import { applyMaxSize, MAX_SIZE_FLAG, maxSizeHelp, parseCommandLine, UsageError } from './args.js';
import type { Command } from './main.js';

const HELP: string = `Usage: teikit encode RECORD.txt [--authority FILE.json] [-o OUT.xml]

Encode an archive record (Wilson Center Digital Archive layout: date line, title, Citation / Summary / Credits /
Original Language / Contents sections, the text between "[...]" lines) as a TEI P5 edition: header from the
sections, the text as head, opener, paragraphs and closer, the translator's brackets as supplied / gap / sic,
dates with ISO 8601 values, and names linked to registers (standOff) from the authority file.

Options:
  --authority FILE.json  registers to tag names from (JSON, schemas/authority.schema.json). Default:
                         authority.json in the record's folder if there is one, else none (no names are tagged;
                         capitalised names are still reported).
  -o, --output OUT.xml   write the TEI to OUT.xml (atomically: nothing is left behind on failure) instead of stdout;
                         OUT.xml must be a regular file or a new path (never a device, FIFO or directory)
${maxSizeHelp(25)}
  --help                 show this help

Warnings (unknown names, unreadable dates, unknown sections...) go to stderr as
  FILE:LINE:COLUMN: warning MESSAGE [RULE-ID]
Exit codes: 0 encoded (even with warnings), 1 unusable record or authority file, 2 usage or I/O error.
`;

export const command: Command = {
  summary: 'encode an archive record as TEI P5 (names, dates, brackets, registers)',
  help: HELP,
  async run(argv) {
    const { values, positionals } = parseCommandLine('encode', argv, {
      authority: { type: 'string' },
      output: { type: 'string', short: 'o' },
      ...MAX_SIZE_FLAG,
    });
    applyMaxSize('encode', values['max-size']);
    if (positionals.length !== 1) {
      throw new UsageError(`encode: expected one RECORD.txt, got ${positionals.length === 0 ? 'none' : positionals.length}; run "teikit encode --help"`);
    }
    const recordPath = positionals[0]!;
    const output = typeof values['output'] === 'string' ? values['output'] : undefined;
    if (output === '') throw new UsageError('encode: -o needs a file name');
    if (output !== undefined) checkOutputTarget(output);
    const bytes = readRegularFile(recordPath, 'record');

    let authorityPath = typeof values['authority'] === 'string' ? values['authority'] : undefined;
    if (authorityPath === undefined) {
      const sibling = join(dirname(recordPath), 'authority.json');
      if (existsSync(sibling)) authorityPath = sibling;
    }
    let authority: Authority | undefined;
    if (authorityPath !== undefined) {
      const check = checkAuthority(readAuthorityText(authorityPath), authorityPath);
      if (check.authority === undefined) {
        for (const d of check.diagnostics) process.stderr.write(formatDiagnostic(d) + '\n');
        return 1;
      }
      authority = check.authority;
    }

    const schemaHref = editionSchemaHref(dirname(output ?? recordPath));
    const result = encodeRecord(bytes, {
      file: recordPath,
      ...(authority ? { authority } : {}),
      ...(schemaHref !== undefined ? { schemaHref } : {}),
    });
    for (const d of result.diagnostics) process.stderr.write(formatDiagnostic(d) + '\n');
    if (output !== undefined) writeAtomically(output, result.xml);
    else writeStdout(result.xml);
    return 0;
  },
};

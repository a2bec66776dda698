/**
 * `teikit transform FILE.xml --to html|text [--reading] [-o OUT]`: the TEI reading edition as HTML, or the plain
 * text. The input is parsed by teikit's own parser first, so malformed XML is reported as FILE:LINE:COLUMN (exit 1);
 * a missing file is exit 2; with -o the output is written atomically, so a failed run leaves no partial file.
 */
import { transformToHtml, transformToText } from '../transform/index.js';
import { readBytes, writeAtomically } from '../io.js';
import { parseXml } from '../xml/index.js';
import { oneOf, parseCommandLine, UsageError } from './args.js';
import type { Command } from './main.js';

const HELP = `Usage: teikit transform FILE.xml --to html|text [--reading] [-o OUT]

Transform a TEI P5 document (or teiCorpus) into an HTML5 reading edition or plain text.

Options:
  --to html|text   output format (required)
                   html: one self-contained page (inline CSS, no script, no network): title block with the
                         citation, the text with names linked to registers, notes, apparatus, registers, and a
                         switch between the text as published and a reading text
                   text: the words in reading order, a blank line between blocks; notes and apparatus after
                         the text; the teiHeader is not part of the text
  --reading        text: the clean reading text (supplied words without brackets, gaps and deletions left out,
                   corrections, expansions and regularisations applied); html: open the page on that view.
                   Default: the text as published (brackets kept, gaps as [...]).
  -o, --output OUT write to OUT instead of standard output
  -h, --help       show this help

Exit codes: 0 success, 1 malformed input or a stylesheet error (FILE:LINE:COLUMN on stderr), 2 usage or I/O error.
`;

export const command: Command = {
  summary: 'TEI to an HTML reading edition or plain text',
  help: HELP,
  async run(argv) {
    const { values, positionals } = parseCommandLine('transform', argv, {
      to: { type: 'string' },
      reading: { type: 'boolean' },
      output: { type: 'string', short: 'o' },
    });
    if (positionals.length !== 1) {
      throw new UsageError(`transform: expected one FILE.xml, got ${positionals.length}; run "teikit transform --help"`);
    }
    if (values['to'] === undefined) throw new UsageError('transform: --to html|text is required');
    const to = oneOf('transform', 'to', values['to'], ['html', 'text'] as const, 'html');
    const file = positionals[0]!;
    const reading = values['reading'] === true;
    const document = parseXml(readBytes(file), { file });
    const result = to === 'html' ? transformToHtml(document, { file, reading }) : transformToText(document, { file, reading });
    const output = values['output'];
    if (typeof output === 'string') writeAtomically(output, result);
    else process.stdout.write(result);
    return 0;
  },
};

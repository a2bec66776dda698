/**
 * `teikit transform PATH... --to html|text [--reading] [-o OUT]`: the TEI reading edition as HTML, or the plain
 * text. The input is parsed by teikit's own parser first, so malformed XML is reported as FILE:LINE:COLUMN (exit 1);
 * a missing file is exit 2; with -o the output is written atomically, so a failed run leaves no partial file.
 * Several files (or a directory) go to one folder (-o DIR) in one process, spread over --jobs threads
 * (src/transform/batch.ts): the stylesheet is loaded once per thread.
 */
import { statSync } from 'node:fs';
import { basename, join, relative } from 'node:path';
import { formatDiagnostic } from '../diagnostics.js';
import { transformBatch, type BatchTask } from '../transform/batch.js';
import { transformFileTo } from '../transform/batch-task.js';
import { checkOutputTarget, expandPaths, writeAtomically, writeStdout } from '../io.js';
import { applyMaxSize, jobsOption, MAX_SIZE_FLAG, maxSizeHelp, oneOf, parseCommandLine, UsageError } from './args.js';
import type { Command } from './main.js';

const HELP: string = `Usage: teikit transform FILE.xml --to html|text [--reading] [-o OUT]
       teikit transform PATH... --to html|text [--reading] -o DIR [--jobs N]

Transform a TEI P5 document (or teiCorpus) into an HTML5 reading edition or plain text.

Options:
  --to html|text   output format (required)
                   html: one self-contained page (inline CSS, no script, no network): title block with the
                         citation, the text with names linked to registers, notes, apparatus, registers, and a
                         switch between the text as published and a reading text; EpiDoc inscriptions in the
                         Leiden conventions, plays, letters and FRUS documents as those fields print them
                   text: the words in reading order, a blank line between blocks; notes and apparatus after
                         the text; the teiHeader is not part of the text
  --reading        text: the clean reading text (supplied words without brackets, gaps and deletions left out,
                   corrections, expansions and regularisations applied); html: open the page on that view.
                   Default: the text as published (brackets kept, gaps as [...]).
  -o, --output OUT write to OUT instead of standard output. With several files or a directory, OUT is a
                   folder: each FILE.xml becomes OUT/FILE.html (or .txt), a directory's files keep their
                   relative paths; one failed file is reported and the others are still written. A single OUT must be
                   a regular file or a new path, never a device, FIFO or socket
  --jobs N         several files: threads to use, this one included (default: one per core, at most 8;
                   a batch under 2 MB runs in one thread, since starting one costs more than it saves)
${maxSizeHelp(19)}
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
      jobs: { type: 'string' },
      ...MAX_SIZE_FLAG,
    });
    applyMaxSize('transform', values['max-size']);
    const { jobs: threads } = jobsOption('transform', values['jobs']);
    if (positionals.length === 0) throw new UsageError('transform: expected FILE.xml; run "teikit transform --help"');
    if (values['to'] === undefined) throw new UsageError('transform: --to html|text is required');
    const to = oneOf('transform', 'to', values['to'], ['html', 'text'] as const, 'html');
    const reading = values['reading'] === true;
    const output = typeof values['output'] === 'string' ? values['output'] : undefined;

    const single = positionals.length === 1 && !isDirectory(positionals[0]!);
    if (single) {
      if (output === '') throw new UsageError('transform: -o needs a file name');
      // Refuse a device or FIFO before any work, so that nothing is read or transformed in vain.
      if (output !== undefined) checkOutputTarget(output);
      const result = transformFileTo(positionals[0]!, to, reading);
      if (output !== undefined) writeAtomically(output, result);
      else writeStdout(result);
      return 0;
    }
    if (output === undefined) throw new UsageError('transform: several files (or a directory) need -o DIR, the folder to write to');
    // Each input with the path its output takes below DIR: a file by its name, a directory's files by their path.
    const jobs: BatchTask[] = [];
    const taken = new Map<string, string>();
    for (const path of positionals) {
      const directory = isDirectory(path);
      for (const file of expandPaths([path])) {
        const name = (directory ? relative(path, file) : basename(file)).replace(/\.xml$/i, '');
        const out = join(output, `${name}.${to === 'html' ? 'html' : 'txt'}`);
        if (taken.has(out)) throw new UsageError(`transform: ${file} and ${taken.get(out)} would both be written to ${out}`);
        taken.set(out, file);
        jobs.push({ file, out, to, reading });
      }
    }
    // One bad file does not stop the batch: its line in its place (results come in input order), the others
    // still written.
    let code = 0;
    await transformBatch(jobs, {
      ...(threads === undefined ? {} : { jobs: threads }),
      onResult: (_, result) => {
        if (result.ok) return;
        process.stderr.write(formatDiagnostic(result.diagnostic) + '\n');
        code = Math.max(code, result.exitCode);
      },
    });
    return code;
  },
};

function isDirectory(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}

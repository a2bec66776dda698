/**
 * `catalogFiles`: the catalogue of files and directories, one record per TEI document. A file that cannot be
 * catalogued (not well-formed, not TEI) is reported as one diagnostic and skipped; a TEI without a teiHeader is
 * reported and still gets a record (its words, genre and languages).
 */
import { basename, relative, resolve, sep } from 'node:path';
import { diagnostic, type Diagnostic } from '../diagnostics.js';
import { attr, childElements, tryParseXml, type XmlDocument, type XmlElement } from '../xml/index.js';
import { collectRegister, RegisterCache, resolvePointer, type Register } from '../query/registers.js';
import { comparePaths, displayPath } from '../query/paths.js';
import { expandPaths, ioError } from '../io.js';
import { TeikitError } from '../diagnostics.js';
import { readInput } from '../query/scan.js';
import { bestUri } from './authority.js';
import { membersOf, namedSchema, recordOf, type AuthorityLookup } from './record.js';
import type { CatalogOptions, CatalogRecord, CatalogResult } from './types.js';

export type FileCatalog = { records: CatalogRecord[]; diagnostics: Diagnostic[] };

function catalogDiagnostic(file: string, el: { line: number; column: number } | null, message: string, severity?: Diagnostic['severity']): Diagnostic {
  return diagnostic({ file, line: el?.line ?? 1, column: el?.column ?? 1, ...(severity !== undefined ? { severity } : {}), message, ruleId: 'catalog/input', source: 'catalog' });
}

/**
 * The records of one parsed document at absolute path `file`. Pointers of correspondence names resolve in the
 * file's own registers, the register files they name, and the `--register` files of `cache`.
 */
export function catalogDocument(doc: XmlDocument, file: string, display: string, cache: RegisterCache): FileCatalog {
  const diagnostics: Diagnostic[] = [];
  const members = membersOf(doc);
  if (members.length === 0) {
    const message =
      doc.root.local === 'TEI.2'
        ? 'a TEI P4 document (<TEI.2>): teikit catalogues TEI P5 (TEI or teiCorpus in the TEI namespace)'
        : `not a TEI document: the root element is <${doc.root.name}>, not TEI or teiCorpus in the TEI namespace`;
    return { records: [], diagnostics: [catalogDiagnostic(file, doc.root, message)] };
  }
  let local: Register | undefined;
  const seen = new Set<string>();
  const lookup: AuthorityLookup = (el: XmlElement, kind) => {
    const tokens: string[] = [];
    for (const a of ['ref', 'key', 'sameAs', 'corresp']) {
      const v = attr(el, a);
      if (v !== undefined) tokens.push(...v.split(/[ \t\r\n]+/).filter((t) => t !== ''));
    }
    const own = bestUri(tokens, kind);
    if (own !== null && !own.startsWith('#')) return own;
    local ??= collectRegister(doc, file);
    const uris: string[] = [];
    for (const token of tokens) {
      if (/^https?:/.test(token)) continue;
      const r = resolvePointer(token, file, local, cache, new Set());
      if (r.status === 'entry') uris.push(...(r.entry.uris ?? []));
      else if (r.status === 'unresolved' && !seen.has(r.target)) {
        seen.add(r.target);
        diagnostics.push(catalogDiagnostic(file, el, `pointer "${token}" does not resolve: ${r.reason}`, 'warning'));
      }
    }
    return bestUri(uris, kind);
  };
  const schema = namedSchema(doc);
  const records = members.map((m) => {
    if (childElements(m.tei, 'teiHeader').length === 0) {
      diagnostics.push(catalogDiagnostic(file, m.tei, `no teiHeader in this TEI${m.member === null ? '' : ` (member ${m.member} of the teiCorpus)`}: its record has no title, authors, dates or licence`));
    }
    return recordOf(m, display, schema, lookup);
  });
  return { records, diagnostics };
}

/**
 * Files of the PATH arguments in the order given (a directory's files in code-point order), each once: a
 * catalogue lists what it was asked for in that order.
 */
export function filesInOrder(paths: readonly string[], cwd: string): string[] {
  const files = new Set<string>();
  for (const path of paths) {
    try {
      for (const file of expandPaths([resolve(cwd, path)]).sort(comparePaths)) files.add(file);
    } catch (error) {
      if (error instanceof TeikitError) throw ioError(path, error.diagnostic.message);
      throw error;
    }
  }
  return [...files];
}

/**
 * Each file of the PATH arguments (by its display path, as records name it) with its name inside the collection it
 * was given in: a directory's files by their path below that directory, a file given by itself by its name. It does
 * not depend on where the command runs (`../shared/corpus/frus/x.xml` under `../shared/corpus` is `frus/x.xml`),
 * so it serves as the local part of an OAI identifier and as the file name of a record written into a folder. A name
 * already taken by an earlier argument's file falls back to the display path.
 */
export function collectionNames(paths: readonly string[], cwd: string): Map<string, string> {
  const names = new Map<string, string>();
  const taken = new Set<string>();
  for (const path of paths) {
    const abs = resolve(cwd, path);
    for (const file of filesInOrder([path], cwd)) {
      const name = file === abs ? basename(file) : relative(abs, file).split(sep).join('/');
      const display = displayPath(file, cwd);
      if (names.has(display)) continue;
      // Two arguments that hold files of the same name (a/x.xml and b/x.xml given as files): the later keeps its
      // display path, so that names stay unique.
      names.set(display, taken.has(name) ? display : name);
      taken.add(names.get(display)!);
    }
  }
  return names;
}

/**
 * Catalogue files and directories (every `*.xml` below a directory), in path order. See `CatalogOptions` for the
 * defaults. With `validate`, every file is also validated (as `teikit validate` does) and its verdict recorded.
 */
export async function catalogFiles(paths: readonly string[], options: CatalogOptions = {}): Promise<CatalogResult> {
  const cwd = options.cwd ?? process.cwd();
  const files = filesInOrder(paths, cwd);
  const cache = new RegisterCache((options.registers ?? []).map((r) => resolve(cwd, r)));
  const diagnostics: Diagnostic[] = cache.diagnostics.map((d) => ({ ...d, file: displayPath(d.file, cwd) }));
  const records: CatalogRecord[] = [];
  const byFile = new Map<string, CatalogRecord[]>();
  for (const file of files) {
    const display = displayPath(file, cwd);
    const input = readInput(file);
    if (!(input instanceof Uint8Array)) {
      diagnostics.push({ ...input, file: display });
      continue;
    }
    const parsed = tryParseXml(input, { file });
    if (!parsed.ok) {
      diagnostics.push({ ...parsed.diagnostic, file: display });
      continue;
    }
    const result = catalogDocument(parsed.document, file, display, cache);
    for (const d of result.diagnostics) diagnostics.push({ ...d, file: display });
    records.push(...result.records);
    byFile.set(file, result.records);
  }
  if (options.validate === true) {
    const { validateFiles } = await import('../validate/batch.js');
    const report = await validateFiles(files, options.jobs === undefined ? {} : { jobs: options.jobs });
    for (const r of report.files) for (const rec of byFile.get(resolve(cwd, r.path)) ?? []) rec.verdict = r.verdict;
  }
  return { records, diagnostics, files: files.length };
}



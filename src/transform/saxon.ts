/**
 * The one module that talks to saxon-js: it loads the compiled stylesheets (SEF, produced by `npm run build` with
 * the xslt3 compiler from `transforms/*.xsl`), runs them over a tree built from our own parser's events, and turns
 * saxon-js errors into teikit diagnostics (source `transform`).
 *
 * Why our parser first: saxon-js's XML parser accepts duplicate attributes and two roots, rejects internal-subset
 * entities and reports lines one too low (measured; see the README, Dependencies). So the input is parsed by `src/xml`, which
 * reports malformed XML with its line and column, and saxon-js is handed a tree built from that parse (./dom.ts).
 */
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { diagnostic, TeikitError } from '../diagnostics.js';
import { packageFile } from '../package-files.js';

/** The stylesheets teikit ships: `transforms/<name>.xsl`, compiled to `dist/transforms/<name>.sef.json`. */
export type StylesheetName = 'tei-html' | 'tei-text';

interface SaxonError {
  code?: string;
  message?: string;
  xsltLineNr?: number;
  xsltModule?: string;
}

interface SaxonApi {
  transform(options: Record<string, unknown>, mode: 'sync'): { principalResult: unknown };
  setLogLevel(level: number): void;
}

let saxon: SaxonApi | undefined;
const stylesheets = new Map<StylesheetName, unknown>();

/** saxon-js is CommonJS and takes about half a second to load: load it once, on first use. */
function loadSaxon(): SaxonApi {
  if (saxon === undefined) {
    const require = createRequire(import.meta.url);
    saxon = require('saxon-js') as SaxonApi;
    // Level 0: saxon-js prints nothing itself (by default it writes a stack of "Processing document #1 / at
    // template rule ..." lines to stderr on a dynamic error); errors reach the user as one diagnostic line instead.
    saxon.setLogLevel(0);
  }
  return saxon;
}

/** Where the compiled stylesheet is: `dist/transforms/` of the package, for the build and the sources alike. */
export function stylesheetPath(name: StylesheetName): string {
  const found = packageFile(`dist/transforms/${name}.sef.json`);
  if (!existsSync(found)) {
    throw new TeikitError(
      diagnostic({
        file: found,
        line: 1,
        column: 1,
        message: `compiled stylesheet ${name}.sef.json not found: run "npm run build" (it compiles transforms/${name}.xsl)`,
        ruleId: 'transform/stylesheet-missing',
        source: 'transform',
      }),
      2,
    );
  }
  return found;
}

function loadStylesheet(name: StylesheetName): unknown {
  let sef = stylesheets.get(name);
  if (sef === undefined) {
    sef = JSON.parse(readFileSync(stylesheetPath(name), 'utf8')) as unknown;
    stylesheets.set(name, sef);
  }
  return sef;
}

/** What saxon-js reads: well-formed XML text, or a tree already built for it (see ./dom.ts). */
export type SaxonSource = string | { tree: unknown };

/**
 * Run a compiled stylesheet over well-formed XML text (or a tree built for saxon-js) and return the serialised
 * result.
 * `file` names the input in diagnostics. Errors raised by the stylesheet (`err:` codes, `xsl:message
 * terminate="yes"`, XTMM9000) become a `TeikitError` whose diagnostic has source `transform` and the error code as
 * rule id.
 */
export function runStylesheet(
  name: StylesheetName,
  xml: SaxonSource,
  params: Record<string, string | number | boolean>,
  file: string,
): string {
  return runCompiled(loadStylesheet(name), xml, params, file);
}

/** Run a compiled stylesheet given as its parsed SEF (exported for the tests of error mapping). */
export function runCompiled(
  sef: unknown,
  xml: SaxonSource,
  params: Record<string, string | number | boolean>,
  file: string,
): string {
  const api = loadSaxon();
  const messages: string[] = [];
  try {
    const result = api.transform(
      {
        stylesheetInternal: sef,
        ...(typeof xml === 'string' ? { sourceText: xml } : { sourceNode: xml.tree }),
        destination: 'serialized',
        stylesheetParams: params,
        // xsl:message output must not reach stdout (it would corrupt `teikit transform` output); keep it for errors.
        deliverMessage: (node: { textContent?: string } | undefined) => {
          messages.push(String(node?.textContent ?? ''));
        },
      },
      'sync',
    );
    return String(result.principalResult ?? '');
  } catch (error) {
    throw new TeikitError(transformDiagnostic(error, file, messages));
  }
}

/** Map a saxon-js error to a diagnostic: `FILE:1:1: error transform failed (XTMM9000): message [transform/XTMM9000]`. */
export function transformDiagnostic(error: unknown, file: string, messages: string[]) {
  const e = (typeof error === 'object' && error !== null ? error : { message: String(error) }) as SaxonError;
  if (error instanceof RangeError || /Maximum call stack size exceeded/.test(String(e.message))) {
    // saxon-js recurses per level of nesting (see ./deep.ts): the CLI retries in a thread with a larger stack.
    return diagnostic({
      file, line: 1, column: 1, source: 'transform', ruleId: 'transform/too-deep',
      message: 'transform failed: the document is nested too deeply for the stack of this thread (Maximum call stack size exceeded)',
    });
  }
  const code = String(e.code ?? 'error').replace(/^Q\{[^}]*\}/, '').replace(/^err:/, '');
  const text = (e.message ?? messages.at(-1) ?? 'unknown error').split('\n')[0]!.trim();
  const where = e.xsltModule ? ` (stylesheet ${e.xsltModule.replace(/^.*\//, '')}${e.xsltLineNr ? ` line ${e.xsltLineNr}` : ''})` : '';
  return diagnostic({
    file,
    line: 1,
    column: 1,
    message: `transform failed (${code}): ${text}${where}`,
    ruleId: `transform/${code}`,
    source: 'transform',
  });
}

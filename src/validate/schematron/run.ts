/**
 * Running a compiled Schematron over one document in saxon-js, and turning its SVRL into teikit diagnostics.
 *
 * saxon-js is handed the document as our own parser read it, serialised (entities expanded, XIncludes resolved):
 * its own parser is not a validator (README, Dependencies). Each failed assert and successful report names the
 * node it fired on with `fn:path()` (`/Q{uri}TEI[1]/Q{uri}text[1]/@type`); that path is walked in our tree to find
 * the line and column (an attribute's element, since attributes carry no position of their own in the report).
 */
import { createRequire } from 'node:module';
import { catalogueUrl } from '../../diagnostic-catalogue.js';
import { diagnostic, type Diagnostic, type Severity } from '../../diagnostics.js';
import { serializeXml, tryParseXml, type XmlDocument, type XmlElement, type XmlNode } from '../../xml/index.js';
import { SVRL_NS, TK_NS } from './compile.js';

/** The catalogue's row of the checks a schema names (`schematron/*`). */
const SCHEMATRON_URL = catalogueUrl('schematron/*')!;

interface SaxonApi {
  transform(options: Record<string, unknown>, mode: 'sync'): { principalResult: unknown };
  setLogLevel(level: number): void;
}

let saxon: SaxonApi | undefined;

function loadSaxon(): SaxonApi {
  if (saxon === undefined) {
    saxon = createRequire(import.meta.url)('saxon-js') as SaxonApi;
    saxon.setLogLevel(0);
  }
  return saxon;
}

/**
 * Severity of a fired check by its `@role` (ISO leaves roles open): `fatal`, `error` and no role are errors;
 * `warning`, `warn`, `info`, `information` and `nonfatal` (the TEI Guidelines' word for advisory constraints) are
 * warnings; any other role is an error.
 */
export function severityOfRole(role: string | undefined): Severity {
  if (role === undefined) return 'error';
  return ['warning', 'warn', 'info', 'information', 'nonfatal'].includes(role.trim().toLowerCase()) ? 'warning' : 'error';
}

/** One fired check as SchXslt reports it (and as `../shared/schematron/*.jsonl` records it). */
export interface Fired {
  kind: 'assert' | 'report';
  location: string;
  role: string | null;
  id: string | null;
  test: string;
  text: string;
}

export interface SchematronRun {
  diagnostics: Diagnostic[];
  fired: Fired[];
  /** The SVRL document (teikit's bookkeeping attributes removed), when asked for. */
  svrl?: string;
}

/** Split `fn:path()` output into steps: `Q{uri}local[n]`, `@name`, `@Q{uri}local`, `text()[n]`, `comment()[n]`. */
function steps(path: string): string[] {
  const out: string[] = [];
  let i = path.startsWith('/') ? 1 : 0;
  let cur = '';
  let braces = false;
  for (; i < path.length; i++) {
    const ch = path[i]!;
    if (ch === '{') braces = true;
    else if (ch === '}') braces = false;
    if (ch === '/' && !braces) {
      out.push(cur);
      cur = '';
    } else cur += ch;
  }
  if (cur !== '') out.push(cur);
  return out;
}

/** The node `path` names in `doc` (the element for an attribute), or undefined. */
export function nodeAt(doc: XmlDocument, path: string): XmlElement | XmlNode | undefined {
  let here: XmlDocument | XmlElement = doc;
  let found: XmlElement | XmlNode | undefined;
  for (const step of steps(path)) {
    if (step.startsWith('@')) return here.type === 'element' ? here : undefined;
    const m = /^(?:Q\{([^}]*)\}([^[]+)|(text|comment|processing-instruction)\(([^)]*)\))\[(\d+)\]$/.exec(step);
    if (m === null) return undefined;
    const n = Number(m[5]);
    let count = 0;
    found = undefined;
    for (const c of here.children) {
      const match = m[2] !== undefined
        ? c.type === 'element' && c.uri === m[1] && c.local === m[2]
        : m[3] === 'text' ? c.type === 'text' : m[3] === 'comment' ? c.type === 'comment' : c.type === 'pi' && (m[4] === '' || c.target === m[4]);
      if (match && ++count === n) {
        found = c;
        break;
      }
    }
    if (found === undefined) return undefined;
    if (found.type !== 'element') return found;
    here = found;
  }
  return found ?? (doc.root as XmlElement);
}

function textOf(el: XmlElement): string {
  const parts: string[] = [];
  const stack: XmlNode[] = [el];
  while (stack.length > 0) {
    const n = stack.pop()!;
    if (n.type === 'text') parts.push(n.value);
    else if (n.type === 'element') for (let i = n.children.length - 1; i >= 0; i--) stack.push(n.children[i]!);
  }
  return parts.join('').replace(/\s+/g, ' ').trim();
}

function attrOf(el: XmlElement, name: string, uri = ''): string | undefined {
  return el.attributes.find((a) => a.local === name && a.uri === uri)?.value;
}

function runtimeDiagnostic(file: string, error: unknown, schema: string): Diagnostic {
  const e = (typeof error === 'object' && error !== null ? error : { message: String(error) }) as { code?: string; message?: string };
  const code = String(e.code ?? 'error').replace(/^Q\{[^}]*\}/, '').replace(/^err:/, '');
  const text = String(e.message ?? error).split('\n')[0]!.trim();
  return diagnostic({
    file, line: 1, column: 1, source: 'schematron', ruleId: 'schematron/runtime',
    message: `Schematron ${schema} failed on this document (${code}): ${text}`,
  });
}

/** Run the SEF `sef` (of the schema named `schema` in messages) over `doc`, read from `file`. */
export function runSchematron(sef: unknown, doc: XmlDocument, file: string, schema: string, options: { svrl?: boolean } = {}): SchematronRun {
  const api = loadSaxon();
  let svrlText: string;
  try {
    const result = api.transform(
      {
        stylesheetInternal: sef,
        sourceText: serializeXml(doc),
        destination: 'serialized',
        stylesheetParams: { [`Q{${TK_NS}}fired`]: options.svrl === true },
        deliverMessage: () => undefined,
      },
      'sync',
    );
    svrlText = String(result.principalResult ?? '');
  } catch (error) {
    return { diagnostics: [runtimeDiagnostic(file, error, schema)], fired: [] };
  }
  const parsed = tryParseXml(svrlText, { file: 'svrl' });
  if (!parsed.ok) return { diagnostics: [runtimeDiagnostic(file, new Error(parsed.diagnostic.message), schema)], fired: [] };
  const diagnostics: Diagnostic[] = [];
  const fired: Fired[] = [];
  for (const c of parsed.document.root.children) {
    if (c.type !== 'element' || c.uri !== SVRL_NS || (c.local !== 'failed-assert' && c.local !== 'successful-report')) continue;
    const kind = c.local === 'failed-assert' ? 'assert' : 'report';
    const location = attrOf(c, 'location') ?? '/';
    const role = attrOf(c, 'role');
    const id = attrOf(c, 'id');
    const test = attrOf(c, 'test') ?? '';
    let text = '';
    const notes: string[] = [];
    for (const k of c.children) {
      if (k.type !== 'element' || k.uri !== SVRL_NS) continue;
      if (k.local === 'text') text = textOf(k);
      else if (k.local === 'diagnostic-reference') {
        const t = textOf(k);
        if (t !== '') notes.push(t);
      }
    }
    fired.push({ kind, location, role: role ?? null, id: id ?? null, test, text });
    const node = nodeAt(doc, location);
    const line = node?.line ?? 1;
    const column = node?.column ?? 1;
    // The schema names its checks (ESLint's `plugin/rule`): `schematron/` and the rule's id, else the pattern's,
    // else the check's own. `url` is the family's row even when a schema's id is also one of teikit's own names.
    const ruleId = `schematron/${attrOf(c, 'rule', TK_NS) ?? id ?? kind}`;
    const message = `${text}${notes.map((n) => ` (${n})`).join('')}` || `${kind} ${test}`;
    diagnostics.push(diagnostic({ file, line, column, severity: severityOfRole(role ?? attrOf(c, 'role', TK_NS)), message, ruleId, source: 'schematron', xpath: location, url: SCHEMATRON_URL }));
  }
  const run: SchematronRun = { diagnostics, fired };
  if (options.svrl === true) run.svrl = svrlText.replace(/ tk:(rule|pattern|role)="[^"]*"/g, '').replace(/ xmlns:tk="[^"]*"/g, '');
  return run;
}

/**
 * The catalogue of diagnostics (src/diagnostic-catalogue.ts): every rule id used in src/ is registered, in one naming
 * style, documented in the README's Diagnostics table (generated from the catalogue), and set as `url`.
 */
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { CATALOGUE, catalogueEntry, catalogueMarkdown } from '../src/diagnostic-catalogue.js';
import { diagnostic } from '../src/diagnostics.js';
import { RULES } from '../src/validate/rules/index.js';
import { projectRoot } from './helpers.js';

const src = join(projectRoot, 'src');
const catalogueFile = 'src/diagnostic-catalogue.ts';
const STYLE = /^[a-z]+(?:-[a-z]+)*\/(?:[a-z0-9]+(?:-[a-z0-9]+)*|\*)$/;

function tsFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? tsFiles(join(dir, e.name)) : e.name.endsWith('.ts') ? [join(dir, e.name)] : [],
  );
}

interface Use {
  id: string;
  where: string;
}

/**
 * Rule ids written in src/: a literal given as a rule id (`ruleId: 'x'`, `ruleId = 'x'`, `ruleId === 'x'`, a
 * rule's `id: 'x'`), whatever its shape; and any literal `stage/name` whose stage is a stage of teikit (a catalogue
 * stage, a diagnostic source or a folder of src/), which is how ids are passed to helpers (`warn(at, msg, 'encode/x')`).
 * A template `stage/${...}` stands for the family `stage/*`.
 */
function idsInSource(): Use[] {
  const folders = readdirSync(src, { withFileTypes: true }).filter((e) => e.isDirectory()).map((e) => e.name);
  const sources = [...readFileSync(join(src, 'diagnostics.ts'), 'utf8').matchAll(/'([a-z]+)'/g)].map((m) => m[1]!);
  const stages = new Set([...CATALOGUE.map((e) => e.id.split('/')[0]!), ...folders, ...sources, 'workers', 'internal']);
  const uses: Use[] = [];
  for (const file of tsFiles(src)) {
    const rel = relative(projectRoot, file);
    if (rel === catalogueFile) continue;
    const lines = readFileSync(file, 'utf8').split('\n');
    lines.forEach((line, i) => {
      const where = `${rel}:${i + 1}`;
      if (/^\s*(\*|\/\/)/.test(line)) return; // comments
      const inRules = rel.startsWith('src/validate/rules/');
      for (const m of line.matchAll(/\b(?:ruleId\s*(?::|=|===|!==|\?\?)|rule\s*=)\s*(['"`])([^'"`$]+)\1/g)) uses.push({ id: m[2]!, where });
      if (inRules) for (const m of line.matchAll(/\bid:\s*(['"`])([^'"`$]+)\1/g)) uses.push({ id: m[2]!, where });
      for (const m of line.matchAll(/(['"`])([a-z][a-z0-9]*(?:-[a-z0-9]+)*)\/([a-z0-9]+(?:-[a-z0-9]+)*)\1/g)) {
        if (stages.has(m[2]!)) uses.push({ id: `${m[2]}/${m[3]}`, where });
      }
      for (const m of line.matchAll(/`([a-z][a-z0-9]*(?:-[a-z0-9]+)*)\/\$\{/g)) if (stages.has(m[1]!)) uses.push({ id: `${m[1]}/*`, where });
    });
  }
  return uses;
}

/**
 * Every object literal in src/ that gives both a rule id and a severity as literals (`diagnostic({ ..., severity:
 * 'warning', ruleId: 'query/unresolved-pointer' })`); a template `schematron/${...}` stands for its family.
 */
function severitiesInSource(): Array<{ id: string; severity: string; where: string }> {
  const found: Array<{ id: string; severity: string; where: string }> = [];
  const literal = (e: ts.Expression): string | undefined =>
    ts.isStringLiteral(e) || ts.isNoSubstitutionTemplateLiteral(e) ? e.text : ts.isTemplateExpression(e) ? `${e.head.text}*` : undefined;
  for (const file of tsFiles(src)) {
    const sf = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true);
    const visit = (node: ts.Node): void => {
      if (ts.isObjectLiteralExpression(node)) {
        const values = new Map<string, string>();
        for (const p of node.properties) {
          if (ts.isPropertyAssignment(p) && ts.isIdentifier(p.name) && (p.name.text === 'ruleId' || p.name.text === 'severity')) {
            const value = literal(p.initializer);
            if (value !== undefined) values.set(p.name.text, value);
          }
        }
        const id = values.get('ruleId');
        const severity = values.get('severity');
        if (id !== undefined && severity !== undefined) {
          found.push({ id, severity, where: `${relative(projectRoot, file)}:${sf.getLineAndCharacterOfPosition(node.getStart()).line + 1}` });
        }
      }
      ts.forEachChild(node, visit);
    };
    visit(sf);
  }
  return found;
}

describe('the catalogue of diagnostics', () => {
  const uses = idsInSource();

  it('finds the rule ids of src/ (the scan itself works)', () => {
    const found = new Set(uses.map((u) => u.id));
    for (const id of ['xml/wellformed', 'encode/no-title', 'rules/geo-range', 'relaxng/invalid', 'transform/*', 'io/file']) expect(found.has(id), id).toBe(true);
  });

  it('registers every rule id used in src/', () => {
    const missing = uses.filter((u) => catalogueEntry(u.id) === undefined);
    const lines = [...new Map(missing.map((u) => [u.id, u])).values()].map((u) =>
      STYLE.test(u.id)
        ? `  ['${u.id}', '${u.id.split('/')[0]}', 'error', 'ONE LINE SAYING WHAT IT MEANS'],  // used at ${u.where}`
        : `"${u.id}" at ${u.where} is not stage/name: rename it (e.g. '${u.id.replace(/[-_]/, '/')}'), then register it with one line`,
    );
    expect(lines, `rule ids used in src/ but not in the catalogue: add these lines to LINES in ${catalogueFile} (fix source, severity, text)`).toEqual([]);
  });

  it('writes every id as stage/name, once', () => {
    const bad = CATALOGUE.filter((e) => !STYLE.test(e.id)).map((e) => e.id);
    expect(bad, `ids not in the form stage/name (lower case, words joined by "-"): rename them in src/ and in ${catalogueFile}`).toEqual([]);
    const ids = CATALOGUE.map((e) => e.id);
    expect(ids.filter((id, i) => ids.indexOf(id) !== i), 'ids registered twice').toEqual([]);
    const used = new Set(uses.map((u) => u.id));
    expect(ids.filter((id) => !used.has(id)), `catalogued ids that src/ never uses: remove their lines from ${catalogueFile}`).toEqual([]);
  });

  it('holds every edition rule, with source rules', () => {
    expect(RULES.map((r) => [r.id, catalogueEntry(r.id)?.source])).toEqual(RULES.map((r) => [r.id, 'rules']));
  });

  it('is the source of each diagnostic\'s default severity', () => {
    const at = { file: 'f.xml', line: 1, column: 1, message: 'm' };
    const given = CATALOGUE.map((e) => [e.id, diagnostic({ ...at, ruleId: e.id.replace(/\*$/, 'X'), source: e.source }).severity]);
    expect(given).toEqual(CATALOGUE.map((e) => [e.id, e.severity]));
    expect(diagnostic({ ...at, ruleId: 'encode/unknown-name', source: 'encode' }).severity).toBe('warning');
    expect(diagnostic({ ...at, ruleId: 'encode/unknown-name', source: 'encode', severity: 'error' }).severity).toBe('error');
    expect(diagnostic({ ...at, ruleId: 'no-such/rule', source: 'xml' }).severity).toBe('error');
  });

  it('agrees with every severity src/ writes beside a rule id', () => {
    const pairs = severitiesInSource();
    // The scan itself works: two pairs known to be there.
    expect(pairs.some((p) => p.id === 'query/unresolved-pointer' && p.severity === 'warning')).toBe(true);
    expect(pairs.some((p) => p.id === 'xml/external-dtd' && p.severity === 'info')).toBe(true);
    const wrong = pairs
      .filter((p) => !(catalogueEntry(p.id)?.severities ?? []).includes(p.severity as never))
      .map((p) => `${p.where}: ${p.id} given severity ${p.severity}; the catalogue allows ${(catalogueEntry(p.id)?.severities ?? ['nothing']).join(', ')}`);
    expect(wrong, `fix the severity in src/, or add it to the line of the id in ${catalogueFile}`).toEqual([]);
  });

  it("is the README's Diagnostics table (UPDATE=1 rewrites it)", () => {
    const readmePath = join(projectRoot, 'README.md');
    const readme = readFileSync(readmePath, 'utf8');
    const start = '<!-- diagnostics: generated from src/diagnostic-catalogue.ts -->\n';
    const end = '\n<!-- /diagnostics -->';
    const from = readme.indexOf(start);
    const to = readme.indexOf(end, from);
    expect([from >= 0, to > from], `README.md needs the markers ${JSON.stringify(start)} and ${JSON.stringify(end)}`).toEqual([true, true]);
    const table = catalogueMarkdown();
    if (process.env['UPDATE'] === '1') {
      writeFileSync(readmePath, readme.slice(0, from + start.length) + table + readme.slice(to));
      return;
    }
    expect(readme.slice(from + start.length, to), 'README.md Diagnostics table is out of date: run UPDATE=1 npx vitest run test/diagnostics.test.ts').toBe(table);
  });

  it('sets url to the README row of the rule, for a family too; an id not catalogued gets none', () => {
    const at = { file: 'f.xml', line: 1, column: 1, message: 'm' };
    expect(diagnostic({ ...at, ruleId: 'encode/no-title', source: 'encode' }).url).toBe('README.md#rule-encode-no-title');
    expect(diagnostic({ ...at, ruleId: 'transform/XTMM9000', source: 'transform' }).url).toBe('README.md#rule-transform-code');
    expect(diagnostic({ ...at, ruleId: 'schematron/no-ref', source: 'schematron' }).url).toBe('README.md#rule-schematron-id');
    expect(diagnostic({ ...at, ruleId: 'rules/geo-range', source: 'rules', url: 'https://example.org/x' }).url).toBe('https://example.org/x');
    expect('url' in diagnostic({ ...at, ruleId: 'no-such/rule', source: 'xml' })).toBe(false);
    const readme = readFileSync(join(projectRoot, 'README.md'), 'utf8');
    const anchors = CATALOGUE.map((e) => diagnostic({ ...at, ruleId: e.id, source: e.source }).url!.replace('README.md#', ''));
    expect(anchors.filter((a) => !readme.includes(`<a id="${a}"></a>`))).toEqual([]);
  });
});

/**
 * Verdicts that agree with jing, the reference RELAX NG validator, on real TEI from several projects
 * (../shared/corpus): for every XML file, against tei_all; the CMIF files also against the CMIF schema; a few
 * against tei_lite. Compared per file: valid or not, and the line of the first error.
 *
 * jing runs ONE FILE PER CALL (given many files it stops at the first that is not well-formed) and its verdicts are
 * cached in the OS temp dir keyed by the SHA-256 of schema and file, so reruns do not start a JVM per file. Without
 * jing or the corpus, these tests are skipped loudly.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { loadSchema, validateWithSchema, type RelaxngSchema } from '../src/validate/relaxng/index.js';
import { tryParseXml } from '../src/xml/index.js';
import * as tools from './tools.mjs';

const CORPUS = fileURLToPath(new URL('../../shared/corpus/', import.meta.url));
const TEI_ALL = join(CORPUS, 'schemas/tei_all.rng');
const TEI_LITE = join(CORPUS, 'schemas/tei_lite.rng');
const CMIF = join(CORPUS, 'cmif/schema/cmi-customization.rng');
const hasCorpus = existsSync(TEI_ALL);
if (!hasCorpus) console.warn(`\n*** corpus not found at ${CORPUS}: jing agreement tests are SKIPPED ***\n`);
/**
 * Debian's `jing` wrapper turns on Xerces' XInclude processing; the engine validates the tree it is given (the
 * `--xinclude` option of `teikit validate` is a separate step), so we call jing's driver without it.
 */
const hasJing = !tools.skipUnless(tools.jingDriver, 'jing agreement tests');

const JING_CACHE = join(tmpdir(), 'teikit-jing-verdicts-noxinclude');
// One cache dir for compiled schemas per test run (the cache itself is tested in relaxng.test.ts).
const SCHEMA_CACHE = mkdtempSync(join(tmpdir(), 'teikit-relaxng-corpus-'));
afterAll(() => rmSync(SCHEMA_CACHE, { recursive: true, force: true }));

interface Verdict {
  /** 'valid', 'invalid' (RELAX NG errors) or 'malformed' (not well-formed XML). */
  verdict: 'valid' | 'invalid' | 'malformed';
  firstLine?: number;
  firstMessage?: string;
}

function sha(data: string | Buffer): string {
  return createHash('sha256').update(data).digest('hex');
}

function jingVerdict(schema: string, file: string): Verdict {
  const key = sha(`${sha(readFileSync(schema))}\0${sha(readFileSync(file))}`);
  const cached = join(JING_CACHE, `${key}.json`);
  if (existsSync(cached)) return JSON.parse(readFileSync(cached, 'utf8')) as Verdict;
  const run = tools.runTool(tools.jingDriver, [schema, file]);
  const lines = run.stdout.split('\n').filter((l) => /:\d+:\d+: (error|fatal):/.test(l));
  let v: Verdict;
  if (run.status === 0) v = { verdict: 'valid' };
  else {
    const first = lines[0] ?? '';
    const m = /:(\d+):\d+: (error|fatal): (.*)$/.exec(first);
    v = {
      verdict: m?.[2] === 'fatal' ? 'malformed' : 'invalid',
      ...(m === null ? {} : { firstLine: Number(m[1]), firstMessage: m[3]!.slice(0, 200) }),
    };
  }
  mkdirSync(JING_CACHE, { recursive: true });
  writeFileSync(cached, JSON.stringify(v));
  return v;
}

const schemas = new Map<string, Promise<RelaxngSchema>>();
async function ourVerdict(schemaPath: string, file: string): Promise<Verdict> {
  let s = schemas.get(schemaPath);
  if (s === undefined) {
    s = loadSchema(schemaPath, { cacheDir: SCHEMA_CACHE });
    schemas.set(schemaPath, s);
  }
  const schema = await s;
  const parsed = tryParseXml(readFileSync(file), { file });
  if (!parsed.ok) return { verdict: 'malformed', firstLine: parsed.diagnostic.line, firstMessage: parsed.diagnostic.message };
  const errors = validateWithSchema(schema, parsed.document, { maxErrors: 1 });
  const first = errors[0];
  return first === undefined ? { verdict: 'valid' } : { verdict: 'invalid', firstLine: first.line, firstMessage: first.message };
}

function xmlFiles(dir: string): string[] {
  const out: string[] = [];
  const stack = [dir];
  while (stack.length > 0) {
    const d = stack.pop()!;
    for (const name of readdirSync(d).sort()) {
      const p = join(d, name);
      if (statSync(p).isDirectory()) stack.push(p);
      else if (name.endsWith('.xml')) out.push(p);
    }
  }
  return out.sort();
}

const files = hasCorpus ? xmlFiles(CORPUS) : [];
const cmifFiles = files.filter((f) => f.includes('/cmif/'));
const liteFiles = files.filter((f) => /lassberg-letter-1235|meros|test\.xml$|frus1894/.test(f));

function agree(schema: string, list: string[]): void {
  for (const file of list) {
    it(relative(CORPUS, file), async () => {
      const theirs = jingVerdict(schema, file);
      const ours = await ourVerdict(schema, file);
      expect({ verdict: ours.verdict, firstLine: ours.firstLine }, `jing: ${JSON.stringify(theirs)}; teikit: ${JSON.stringify(ours)}`)
        .toEqual({ verdict: theirs.verdict, firstLine: theirs.firstLine });
    });
  }
}

/**
 * Real files made invalid in the ways editors get them wrong, each mutation applied to the first place it fits,
 * so that the comparison also covers errors deep inside real documents (the corpus is mostly valid). The variants
 * are written to a temporary directory, never into the project.
 */
const MUTATIONS: Array<[string, (xml: string) => string | undefined]> = [
  ['renamed element', (x) => replaceFirst(x, /<p(?=[\s>])([^>]*)>([\s\S]*?)<\/p>/, '<para$1>$2</para>')],
  ['bad date', (x) => replaceFirst(x, /\bwhen="[^"]*"/, 'when="1962-02-30"')],
  ['duplicate xml:id', (x) => {
    const ids = [...x.matchAll(/xml:id="([^"]+)"/g)];
    if (ids.length < 2) return undefined;
    return x.slice(0, ids[1]!.index) + `xml:id="${ids[0]![1]}"` + x.slice(ids[1]!.index! + ids[1]![0].length);
  }],
  ['text in element-only content', (x) => replaceFirst(x, /(<fileDesc[^>]*>)/, '$1stray words')],
  ['unknown attribute', (x) => replaceFirst(x, /<(title|head)(?=[\s>])/, '<$1 colour="red"')],
  ['missing required child', (x) => replaceFirst(x, /<titleStmt>[\s\S]*?<\/titleStmt>/, '<titleStmt></titleStmt>')],
];

function replaceFirst(xml: string, re: RegExp, by: string): string | undefined {
  // Leave the XML declaration, DOCTYPE and comments alone: mutate after the root's start tag.
  const start = xml.search(/<[A-Za-z][^>]*>/);
  const head = xml.slice(0, start);
  const body = xml.slice(start);
  const out = body.replace(re, by);
  return out === body ? undefined : head + out;
}

const MUTANTS = join(tmpdir(), 'teikit-relaxng-mutants');
const mutantSources = files.filter((f) => /frus-history\/(articles|documents)|lassberg-letter-1235|lassberg-letter-1782|meros|Test\/test\.xml|testapp2|example01|Ruy_Diaz/.test(f));

describe.skipIf(!hasCorpus || !hasJing)('agreement with jing on real files', () => {
  describe('tei_all.rng', () => agree(TEI_ALL, files));
  describe('CMIF schema', () => agree(CMIF, cmifFiles));
  describe('tei_lite.rng', () => agree(TEI_LITE, liteFiles));
  describe('tei_all.rng, real files made invalid', () => {
    const variants: string[] = [];
    for (const source of mutantSources) {
      const xml = readFileSync(source, 'utf8');
      MUTATIONS.forEach(([name, mutate], i) => {
        const out = mutate(xml);
        if (out === undefined) return;
        const file = join(MUTANTS, `${relative(CORPUS, source).replace(/[\\/]/g, '__')}.m${i}-${name.replace(/\W+/g, '-')}.xml`);
        mkdirSync(MUTANTS, { recursive: true });
        writeFileSync(file, out);
        variants.push(file);
      });
    }
    for (const file of variants) {
      it(relative(MUTANTS, file), async () => {
        const theirs = jingVerdict(TEI_ALL, file);
        const ours = await ourVerdict(TEI_ALL, file);
        expect({ verdict: ours.verdict, firstLine: ours.firstLine }, `jing: ${JSON.stringify(theirs)}; teikit: ${JSON.stringify(ours)}`)
          .toEqual({ verdict: theirs.verdict, firstLine: theirs.firstLine });
      });
    }
  });
});

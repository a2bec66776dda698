/**
 * Schematron verdicts equal SchXslt 1.9's (on Saxon-HE 9.9), as recorded in ../shared/schematron: the set of failed
 * asserts and successful reports per file, with location, role, id, test and text, on the corpus (frus.sch on FRUS
 * volumes, the rules embedded in tei_all and in the CMIF schema) and on the tei_all fixtures that break its rules.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseXml } from '../src/xml/index.js';
import { checkSchematron, loadEmbeddedSchematron, loadSchematron, type Fired, type SchematronSchema } from '../src/validate/schematron/index.js';
import { corpusDir, sharedDir } from './helpers.js';

const referenceDir = join(sharedDir, 'schematron');
const hasReference = existsSync(join(referenceDir, 'corpus-expected.jsonl')) && existsSync(corpusDir);
if (!hasReference) console.warn(`\n*** ${referenceDir} is absent: Schematron reference tests are SKIPPED ***\n`);

const cacheDir = process.env['TEIKIT_CACHE_DIR'] ?? '/tmp/teikit-cache-schematron';

interface Expected {
  schema?: string;
  file: string;
  fired: Fired[];
}

function lines(path: string): Expected[] {
  return readFileSync(path, 'utf8').split('\n').filter((l) => l.trim() !== '').map((l) => JSON.parse(l) as Expected);
}

const norm = (s: string): string => s.replace(/\s+/g, ' ').trim();
const key = (f: Fired): string => JSON.stringify([f.kind, f.location, f.role, f.id, norm(f.test), norm(f.text)]);

const schemas = new Map<string, SchematronSchema>();
function schemaFor(path: string): SchematronSchema {
  let s = schemas.get(path);
  if (s === undefined) {
    s = path.endsWith('.sch') ? loadSchematron(path, { cacheDir }) : loadEmbeddedSchematron(path, { cacheDir })!;
    schemas.set(path, s);
  }
  return s;
}

/** What teikit fires and SchXslt does not, and the reverse (compared as sets, so that a mismatch prints small). */
function compare(schemaPath: string, file: string, expected: Fired[]): { missing: string[]; extra: string[] } {
  const doc = parseXml(readFileSync(file), { file });
  const got = checkSchematron(schemaFor(schemaPath), doc, file).fired.map(key);
  const want = expected.map(key);
  return { missing: want.filter((k) => !got.includes(k)).slice(0, 5), extra: got.filter((k) => !want.includes(k)).slice(0, 5) };
}

describe.skipIf(!hasReference)('Schematron verdicts equal SchXslt 1.9 (../shared/schematron)', () => {
  const teiAll = join(corpusDir, 'schemas/tei_all.rng');
  for (const e of hasReference ? lines(join(referenceDir, 'tei_all/expected.jsonl')) : []) {
    it(`tei_all embedded rules: tei_all/${e.file} fires ${e.fired.length}`, () => {
      expect(compare(teiAll, join(referenceDir, 'tei_all', e.file), e.fired)).toEqual({ missing: [], extra: [] });
    });
  }
  for (const e of hasReference ? lines(join(referenceDir, 'corpus-expected.jsonl')) : []) {
    it(`${e.schema}: ${e.file} fires ${e.fired.length}`, () => {
      expect(compare(join(corpusDir, e.schema!), join(corpusDir, e.file), e.fired)).toEqual({ missing: [], extra: [] });
    }, 60_000);
  }
});

/**
 * Agreement with libxml2 on damaged files: corpus files mutated with a fixed seed must get the same verdict
 * (well-formed and namespace-well-formed, or not) from teikit's parser as from `xmllint --noout`, and the parser
 * must never throw. xmllint exits 0 on namespace errors, so its verdict is read from what it prints per file.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { tryParseXml } from '../src/xml/index.js';
import { corpusDir, hasCorpus } from './helpers.js';
import * as tools from './tools.mjs';

const hasXmllint = !tools.skipUnless(tools.xmllint, 'the fuzz agreement test');

const CASES = 400;
/** Characters a mutation inserts: the ones markup is made of, and a few that are never allowed. */
const ALPHABET = ['<', '>', '&', '"', "'", '/', '!', '-', ']', ':', '=', ';', '#', '?', ' ', 'x', '\u0001', '\uFFFE', '\u00e9', '\u{10000}', '[', '%'];

/** mulberry32: a small seeded generator, so that every run tests the same cases. */
function random(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function corpusFiles(): string[] {
  const out: string[] = [];
  const walk = (dir: string): void => {
    for (const name of readdirSync(dir).sort()) {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) walk(path);
      else if (name.endsWith('.xml') && statSync(path).size < 400_000) out.push(path);
    }
  };
  walk(corpusDir);
  return out;
}

/** One to three edits near a markup character, where they are likely to matter. */
function mutate(text: string, rnd: () => number): string {
  const pick = (n: number): number => Math.floor(rnd() * n);
  let s = text;
  const edits = 1 + pick(3);
  for (let e = 0; e < edits; e++) {
    let at = pick(s.length);
    const lt = s.indexOf('<', at);
    if (lt >= 0 && rnd() < 0.7) at = Math.min(s.length - 1, lt + pick(12));
    switch (pick(5)) {
      case 0:
        s = s.slice(0, at) + s.slice(at + 1 + pick(3));
        break;
      case 1:
        s = s.slice(0, at) + ALPHABET[pick(ALPHABET.length)]! + s.slice(at);
        break;
      case 2:
        s = s.slice(0, at) + ALPHABET[pick(ALPHABET.length)]! + s.slice(at + 1);
        break;
      case 3: {
        const len = 1 + pick(20);
        s = s.slice(0, at) + s.slice(at, at + len) + s.slice(at);
        break;
      }
      default:
        if (rnd() < 0.3) s = s.slice(0, at);
        else s = s.slice(0, at) + s.slice(at + 1, at + 2) + s.slice(at, at + 1) + s.slice(at + 2);
    }
  }
  return s;
}

describe.skipIf(!hasCorpus || !hasXmllint)(`parser agrees with xmllint on ${CASES} mutated corpus files`, () => {
  const dir = mkdtempSync(join(tmpdir(), 'teikit-fuzz-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('gives the same well-formedness verdict and never throws', () => {
    const files = corpusFiles();
    const rnd = random(20261201);
    const paths: string[] = [];
    for (let c = 0; c < CASES; c++) {
      const source = readFileSync(files[c % files.length]!, 'utf8');
      const path = join(dir, `case${String(c).padStart(3, '0')}.xml`);
      writeFileSync(path, mutate(source, rnd));
      paths.push(path);
    }
    const run = tools.runTool(tools.xmllint, ['--noout', '--nonet', ...paths]);
    const refused = new Set<string>();
    for (const line of run.stderr.split('\n')) {
      const m = /^(.*?\.xml):\d+: (?:parser|namespace) error/.exec(line);
      if (m !== null) refused.add(m[1]!);
    }
    const disagreements: string[] = [];
    let malformed = 0;
    for (const path of paths) {
      const result = tryParseXml(readFileSync(path), { file: path });
      if (!result.ok) malformed++;
      const xmllintOk = !refused.has(path);
      if (result.ok !== xmllintOk) {
        const ours = result.ok ? 'well-formed' : `${result.diagnostic.line}:${result.diagnostic.column}: ${result.diagnostic.message}`;
        disagreements.push(`${path}: teikit ${ours}; xmllint ${xmllintOk ? 'well-formed' : 'refuses'}`);
      }
    }
    expect(disagreements).toEqual([]);
    // The mutations must produce both verdicts, or the test proves nothing.
    expect(malformed).toBeGreaterThan(CASES / 4);
    expect(malformed).toBeLessThan(CASES);
  });
});

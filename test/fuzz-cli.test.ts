/**
 * Fuzzing through the CLI: a few hundred mutations of real files (fixed seed, so a failure is reproducible), all
 * validated in one batch. Each must get a verdict, the exit code must be 0, 1 or 2, no output may show a stack
 * frame, and "malformed" must agree with xmllint's well-formedness verdict on every case. A handful also go through
 * `teikit transform`. (The parser-level fuzz test lives with the parser; this one exercises the whole command.)
 */
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { corpusDir, hasCorpus, projectRoot, runCli } from './helpers.js';
import * as tools from './tools.mjs';

const CASES = 300;
const TRANSFORMS = 6;
const SEED = 0x7e1c17;
const ab = `${projectRoot}test/fixtures/harden/ab.rng`;
const hasXmllint = !tools.skipUnless(tools.xmllint, 'the well-formedness agreement of test/fuzz-cli.test.ts');

const tmp = mkdtempSync(join(tmpdir(), 'teikit-fuzz-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

/** mulberry32: small, fast, and the same sequence everywhere for one seed. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Small real files (the corpus when present, else teikit's own edition and fixtures). */
function sources(): Buffer[] {
  const out: string[] = [`${projectRoot}editions/wilson-118181/wilson-118181.xml`];
  const walk = (dir: string): void => {
    for (const e of readdirSync(dir, { withFileTypes: true })) {
      const p = join(dir, e.name);
      if (e.isDirectory()) walk(p);
      else if (e.name.endsWith('.xml') && statSync(p).size < 40_000) out.push(p);
    }
  };
  if (hasCorpus) walk(corpusDir);
  else {
    console.warn('*** ../shared/corpus is absent: the CLI fuzz test mutates teikit\'s own files only ***');
    walk(`${projectRoot}test/fixtures/validate`);
  }
  return out.sort().map((p) => readFileSync(p));
}

/** Things that break XML in interesting ways, as bytes. */
const TOKENS = ['<', '>', '&', '"', "'", '</', '<!--', '-->', ']]>', '<![CDATA[', '&amp', '&#0;', '&#x110000;', '&undefined;', '<?xml version="1.0"?>', '<!DOCTYPE a [<!ENTITY e "x">]>', 'xmlns:p="urn:p"', 'p:', '=', ' ', '\u00e9', '\u{1F600}'].map((t) => Buffer.from(t));
const BYTES = [Buffer.from([0]), Buffer.from([0xff]), Buffer.from([0xc3]), Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from([0x0c]), Buffer.from([0xed, 0xa0, 0x80])];

function mutate(input: Buffer, next: () => number): Buffer {
  const at = (n: number): number => Math.floor(next() * n);
  let b = input;
  const rounds = 1 + at(3);
  for (let r = 0; r < rounds; r++) {
    const i = at(b.length + 1);
    switch (at(7)) {
      case 0: // delete a range
        b = Buffer.concat([b.subarray(0, i), b.subarray(Math.min(b.length, i + 1 + at(20)))]);
        break;
      case 1: // insert a token
        b = Buffer.concat([b.subarray(0, i), TOKENS[at(TOKENS.length)]!, b.subarray(i)]);
        break;
      case 2: // insert a byte sequence
        b = Buffer.concat([b.subarray(0, i), BYTES[at(BYTES.length)]!, b.subarray(i)]);
        break;
      case 3: // duplicate a range
        b = Buffer.concat([b.subarray(0, i), b.subarray(i, i + at(60)), b.subarray(i)]);
        break;
      case 4: // truncate
        b = b.subarray(0, i);
        break;
      case 5: { // flip one byte
        if (b.length === 0) break;
        const copy = Buffer.from(b);
        const k = Math.min(i, b.length - 1);
        copy[k] = copy[k]! ^ (1 << at(8));
        b = copy;
        break;
      }
      default: { // move a range
        const j = at(b.length + 1);
        const [lo, hi] = i < j ? [i, j] : [j, i];
        const piece = b.subarray(lo, Math.min(hi, lo + 80));
        const rest = Buffer.concat([b.subarray(0, lo), b.subarray(lo + piece.length)]);
        const to = at(rest.length + 1);
        b = Buffer.concat([rest.subarray(0, to), piece, rest.subarray(to)]);
      }
    }
  }
  return b;
}

const STACK_FRAME = /^\s+at .+\(.*:\d+:\d+\)$|^\s+at .+:\d+:\d+$/m;

describe('fuzzed real files through the CLI', () => {
  const dir = join(tmp, 'cases');
  mkdirSync(dir);
  const next = random(SEED);
  const inputs = sources();
  const names: string[] = [];
  for (let k = 0; k < CASES; k++) {
    const name = `case${String(k).padStart(3, '0')}.xml`;
    writeFileSync(join(dir, name), mutate(inputs[Math.floor(next() * inputs.length)]!, next));
    names.push(name);
  }

  it(`${CASES} mutated files: a verdict each, exit 0/1/2, no stack frame, well-formedness as xmllint judges it`, () => {
    const r = runCli(['validate', 'cases', '--schema', ab, '--format', 'json', '--max-errors', '1'], { cwd: tmp });
    expect([0, 1, 2]).toContain(r.status);
    expect(r.stderr).not.toMatch(STACK_FRAME);
    const report = JSON.parse(r.stdout) as { files: Array<{ path: string; verdict: string; diagnostics: Array<{ message: string }> }> };
    expect(report.files.map((f) => f.path)).toEqual(names.map((n) => `cases/${n}`));
    for (const f of report.files) {
      expect(f.verdict, f.path).not.toBe('error');
      for (const d of f.diagnostics) expect(d.message, f.path).not.toMatch(/internal error|Maximum call stack/);
    }
    if (!hasXmllint) return;
    const disagreements: string[] = [];
    for (const f of report.files) {
      const xmllint = tools.runTool(tools.xmllint, ['--noout', '--nonet', f.path], { cwd: tmp });
      const ours = f.verdict === 'malformed';
      // xmllint prints a namespace error (an unbound prefix) but exits 0; teikit, like jing, holds the Namespaces in
      // XML constraints to be well-formedness: xmllint's judgement is its message.
      const theirs = xmllint.status !== 0 || /namespace error/.test(xmllint.stderr);
      if (ours !== theirs) disagreements.push(`${f.path}: teikit ${f.verdict} (${f.diagnostics[0]?.message ?? ''}), xmllint ${theirs ? xmllint.stderr.split('\n')[0] : 'well-formed'}`);
    }
    expect(disagreements).toEqual([]);
  });

  it(`${TRANSFORMS} of them through transform: exit 0/1/2 and one line, never a stack frame`, () => {
    for (const name of names.slice(0, TRANSFORMS)) {
      const r = runCli(['transform', `cases/${name}`, '--to', 'text'], { cwd: tmp });
      expect([0, 1, 2], name).toContain(r.status);
      expect(r.stderr, name).not.toMatch(STACK_FRAME);
      if (r.status !== 0) expect(r.stderr.trimEnd().split('\n'), name).toHaveLength(1);
    }
  });
});

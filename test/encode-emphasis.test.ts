/**
 * Markdown emphasis (src/encode/emphasis.ts) against its definition: the four regular expressions it replaces,
 * applied in order with the overlap rule, on a few thousand generated paragraphs (fixed seed) and on named cases.
 * Then through `teikit encode`: a paragraph of 32,000 markers gives exactly the hi elements it holds.
 */
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { findEmphasis, inMarkers } from '../src/encode/emphasis.js';
import { runCli } from './helpers.js';

/** The definition, as the encoder used it before: regular expressions, each span compared with every earlier one. */
const DEFINITION: { re: RegExp; rend: string; mark: number }[] = [
  { re: /(?<![\\*\p{L}\p{N}])\*\*(?=[^\s*])([^\n]*?[^\s*\\])\*\*(?!\*)/gu, rend: 'bold', mark: 2 },
  { re: /(?<![\\_\p{L}\p{N}])__(?=[^\s_])([^\n]*?[^\s_\\])__(?![_\p{L}\p{N}])/gu, rend: 'bold', mark: 2 },
  { re: /(?<![\\*\p{L}\p{N}])\*(?=[^\s*])([^\n*]*?[^\s*\\])\*(?![*\p{L}\p{N}])/gu, rend: 'italic', mark: 1 },
  { re: /(?<![\\_\p{L}\p{N}])_(?=[^\s_])([^\n_]*?[^\s_\\])_(?![_\p{L}\p{N}])/gu, rend: 'italic', mark: 1 },
];

function byDefinition(text: string): string[] {
  const spans: { start: number; end: number; mark: number; rend: string }[] = [];
  for (const { re, rend, mark } of DEFINITION) {
    for (const m of text.matchAll(re)) {
      const start = m.index;
      const end = start + m[0].length;
      const inner = (o: { start: number; end: number; mark: number }) => [o.start + o.mark, o.end - o.mark];
      if (spans.some((o) => start < o.end && o.start < end && !(inner(o)[0]! <= start && end <= inner(o)[1]!) && !(start + mark <= o.start && o.end <= end - mark))) continue;
      spans.push({ start, end, mark, rend });
    }
  }
  return spans.map((s) => `${s.start}-${s.end} ${s.rend}`).sort();
}

function found(text: string): string[] {
  return findEmphasis(text)
    .flat()
    .map((s) => `${s.start}-${s.end} ${s.rend}`)
    .sort();
}

/** A small deterministic generator (mulberry32), so that a failure can be replayed. */
function random(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

// Marker characters, letters (one beyond the BMP), digits, spaces, a newline, a backslash, punctuation.
const ALPHABET = ['*', '*', '*', '_', '_', '_', 'a', 'b', 'é', '𝐀', '1', ' ', ' ', '\n', '\\', '.', '[', '\u00a0'];

describe('markdown emphasis', () => {
  it.each([
    ['*a*', ['0-3 italic']],
    ['**a**', ['0-5 bold']],
    ['***a***', []],
    ['**a *b* c**', ['0-11 bold', '4-7 italic']],
    ['*a **b** c*', ['3-8 bold']],
    ['snake_case_word and _x_', ['20-23 italic']],
    ['\\*not\\* *yes*', ['8-13 italic']],
    ['**open and *closed* only', ['11-19 italic']],
    ['__a__b __c__ d', ['0-12 bold']],
    ['**a**b', ['0-5 bold']],
    ['*a\nb*', []],
    ['*𝐀*𝐀', []],
    ['_𝐀_ x', ['0-4 italic']],
  ])('%j', (text, expected) => {
    expect(found(text)).toEqual(expected);
    expect(byDefinition(text)).toEqual(expected);
  });

  it('finds what the regular expressions find, on 3,000 generated paragraphs', () => {
    const next = random(20261201);
    let spans = 0;
    for (let n = 0; n < 3000; n++) {
      const length = 1 + Math.floor(next() * 40);
      let text = '';
      for (let i = 0; i < length; i++) text += ALPHABET[Math.floor(next() * ALPHABET.length)]!;
      const expected = byDefinition(text);
      spans += expected.length;
      expect(found(text), JSON.stringify(text)).toEqual(expected);
    }
    // The generator must produce emphasis for the comparison to mean anything (this count is fixed by the seed).
    expect(spans).toBe(1595);
  });

  it('a range overlapping a marker is in the markers; one in the content is not', () => {
    const spans = findEmphasis('x *word* y');
    expect([inMarkers(spans, 2, 3), inMarkers(spans, 7, 8), inMarkers(spans, 3, 7), inMarkers(spans, 0, 1)]).toEqual([true, true, false, false]);
  });
});

describe('teikit encode: a long paragraph of markers', () => {
  const tmp = mkdtempSync(join(tmpdir(), 'teikit-emphasis-'));
  afterAll(() => rmSync(tmp, { recursive: true, force: true }));

  it('32,000 markers in one paragraph, half of them never closed: every closed pair is a hi, exit 0', () => {
    // 4,000 italic and 4,000 bold pairs (16,000 markers), then 16,000 opening "**" and "__" that nothing closes.
    const paragraph = 'a *it* b **bo** c '.repeat(4000) + '**open d __open '.repeat(8000);
    const record = `**April 21, 1962**\n\n**A Cable**\n\n**Contents:**\n\nTranslation - English\n\n[...]\n\n${paragraph}\n\n[...]\n`;
    writeFileSync(join(tmp, 'record.txt'), record);
    const out = join(tmp, 'out.xml');
    const r = runCli(['encode', join(tmp, 'record.txt'), '-o', out]);
    expect([r.status, r.stderr]).toEqual([0, '']);
    const xml = readFileSync(out, 'utf8');
    const count = (re: RegExp) => xml.match(re)?.length ?? 0;
    expect([count(/<hi rend="italic">it<\/hi>/g), count(/<hi rend="bold">bo<\/hi>/g), count(/\*\*open d __open/g)]).toEqual([4000, 4000, 8000]);
    expect(readdirSync(tmp).sort()).toEqual(['out.xml', 'record.txt']);
  });
});

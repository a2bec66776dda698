/**
 * The transforms on real TEI that is not in the repository (../shared/corpus): drama-like and general features
 * (TEI Stylesheets' Christmas Carol test), letters, diplomatic papers (FRUS), a colonial chronicle with dense
 * name tagging, a Japanese text with ruby, a critical apparatus, a transcription, a teiCorpus. Both transforms must
 * succeed and lose no word of the text. And the cable edition: its text must read exactly like the record's body.
 */
import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { transformToHtml, transformToText } from '../src/transform/index.js';
import { corpusDir, hasCorpus, projectRoot, sharedDir } from './helpers.js';
import { htmlText, missingWords, plainWords, teiBodyText, words } from './transform-helpers.js';

const FILES = [
  'tei-stylesheets/Test/test.xml',
  'tei-stylesheets/Test/testapp2.xml',
  'tei-stylesheets/Test/testtranscr.xml',
  'tei-stylesheets/Test2/inputFiles/testCorpus1.xml',
  'letters-lassberg/data/letters/lassberg-letter-1270.xml',
  'frus-history/articles/seward-letter.xml',
  'frus/volumes/frus1894Nicaragua.xml',
  'ceteicean/tutorial_es/Ruy_Diaz-La_Argentina_Manuscrita.xml',
  'ceteicean/tutorial_ja/meros.xml',
];

describe.skipIf(!hasCorpus)('transforms on real TEI lose no text', () => {
  for (const file of FILES) {
    it(file, () => {
      const bytes = readFileSync(`${corpusDir}${file}`);
      const html = transformToHtml(bytes, { file });
      expect(html).toMatch(/^<!DOCTYPE html>\n<html lang="[a-z]{2}/);
      expect(missingWords(plainWords(teiBodyText(bytes)), plainWords(htmlText(html))), 'HTML').toEqual([]);
      const text = transformToText(bytes, { file });
      expect(missingWords(plainWords(teiBodyText(bytes, { published: true, notesApart: true })), plainWords(text)), 'text').toEqual([]);
    }, 180_000);
  }
});

const cable = `${projectRoot}editions/wilson-118181/wilson-118181.xml`;
const seed = `${sharedDir}seed/wilson-center-118181.txt`;
const haveCable = existsSync(cable) && existsSync(seed);
if (!haveCable) console.warn(`\n*** ${cable} or ${seed} is absent: the cable transform tests are SKIPPED ***\n`);

describe.skipIf(!haveCable)('the cable edition', () => {
  it('reads in plain text exactly like the record\'s body, paragraph for paragraph and bracket for bracket', () => {
    const record = readFileSync(seed, 'utf8');
    // The record's body is between its two "[...]" markers; its line breaks are Markdown ("two spaces, newline").
    const body = record.split('[...]')[1]!.trim();
    const paragraphs = (s: string) => s.split(/\n\s*\n/).map((p) => p.split('\n').map((l) => l.trim()).join('\n'));
    const text = transformToText(readFileSync(cable), { file: cable });
    expect(paragraphs(text.trim())).toEqual(paragraphs(body));
  });

  it('gives a clean reading text without the translator\'s brackets', () => {
    const text = transformToText(readFileSync(cable), { reading: true });
    expect(text).toContain('To the Foreign Affairs Office of the Xinjiang Uyghur Autonomous Region:');
    expect(text).toContain('fleeing from Yili (Ili) and Tacheng (Qoqek) to the Soviet Union');
    expect(text).not.toMatch(/[[\]]/);
  });

  it('shows every word in HTML and links every name in the text to its register entry', () => {
    const xml = readFileSync(cable);
    const html = transformToHtml(xml, { file: cable });
    expect(missingWords(words(teiBodyText(xml)), words(htmlText(html)))).toEqual([]);
    const source = xml.toString('utf8');
    const body = source.slice(source.indexOf('<text>'), source.indexOf('</text>'));
    const refs = [...body.matchAll(/<(placeName|orgName|persName|rs|name)\b[^>]*\bref="#([^"]+)"/g)].map((m) => m[2]!);
    expect([refs.length, new Set(refs).size]).toEqual([22, 11]);
    const main = html.slice(html.indexOf('<main'), html.indexOf('class="tk-registers"'));
    const links = [...main.matchAll(/<a class="tk-name(?:-link)? tk-[a-z]+" href="#([^"]+)"/g)].map((m) => m[1]!);
    expect(links.sort()).toEqual(refs.sort());
    for (const id of new Set(refs)) expect(html).toMatch(new RegExp(`<article class="tk-entry tk-[a-z]+" id="${id}">`));
  });
});

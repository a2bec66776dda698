/**
 * The HTML is valid HTML5 as the Nu Html Checker (vnu.jar, the W3C validator's engine; npm package vnu-jar) judges
 * it: the cable, the fixtures (generic features, teiCorpus, attacks, one per genre) and real TEI from ../shared/corpus.
 * Needs Java (CI has it: libsaxonhe-java pulls in a JRE); skipped loudly without it.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { transformToHtml } from '../src/transform/index.js';
import { corpusDir, hasCorpus, projectRoot } from './helpers.js';
import * as tools from './tools.mjs';

const haveChecker = !tools.skipUnless(tools.vnu, 'the HTML5 validity test');

describe.skipIf(!haveChecker)('HTML5 validity (Nu Html Checker)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'teikit-vnu-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('finds no error in the pages teikit writes', () => {
    const sources = [
      `${projectRoot}test/fixtures/transform/cable.xml`,
      `${projectRoot}test/fixtures/transform/generic.xml`,
      `${projectRoot}test/fixtures/transform/corpus.xml`,
      `${projectRoot}test/fixtures/transform/attacks.xml`,
      `${projectRoot}editions/wilson-118181/wilson-118181.xml`,
      ...['inscription', 'play', 'letter', 'frus', 'novel'].map((g) => `${projectRoot}test/fixtures/transform/genres/${g}.xml`),
      ...(hasCorpus
        ? ['tei-stylesheets/Test/test.xml', 'letters-lassberg/data/letters/lassberg-letter-1270.xml', 'ceteicean/tutorial_ja/meros.xml', 'frus/volumes/frus1894Nicaragua.xml'].map((f) => `${corpusDir}${f}`)
        : []),
    ].filter((f) => existsSync(f));
    const pages = sources.map((source, i) => {
      const page = join(dir, `${i}.html`);
      writeFileSync(page, transformToHtml(readFileSync(source), { file: source }));
      return page;
    });
    const r = tools.runTool(tools.vnu, ['--errors-only', '--format', 'text', ...pages], { timeout: 120_000 });
    // Text format: "Error: MESSAGE" then "From line L, column C; ... in resource file:/.../N.html".
    const lines = r.stderr.split('\n');
    const errors = lines.flatMap((line, i) => {
      if (!/^Error:/i.test(line)) return [];
      const page = /\/(\d+)\.html/.exec(lines[i + 1] ?? '');
      return [`${page ? sources[Number(page[1])] : '?'}: ${line} (${(lines[i + 1] ?? '').replace(/ in resource .*$/, '')})`];
    });
    expect(errors).toEqual([]);
    expect(r.status).toBe(0);
  }, 180_000);
});

/**
 * `teikit transform` and the library functions behind it: the HTML reading edition and the plain text, on fixtures
 * written for teikit (a cable in the shape of the edition, generic TEI features, a teiCorpus), with exact outputs.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync, existsSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { transformToHtml, transformToText } from '../src/transform/index.js';
import { TeikitError } from '../src/diagnostics.js';
import type { parseXml } from '../src/xml/index.js';
import { corpusDir, hasCorpus, matchesGolden, projectRoot, runCli } from './helpers.js';
import { htmlFragments, htmlText, missingWords, teiBodyText, words } from './transform-helpers.js';

const fixtures = `${projectRoot}test/fixtures/transform/`;
const read = (name: string) => readFileSync(`${fixtures}${name}`);
/**
 * Golden files of whole texts and of HTML fragments (`htmlFragments`); `UPDATE=1` rewrites them. Ids made from
 * generate-id() (`tk:note-aAfBbHd`) depend on how saxon-js numbers the tree, not on the page: they are written as
 * `tk:note-GID1`, the same number for the same id, so that a golden file still shows which link leads where.
 */
function golden(name: string, actual: string): void {
  const numbers = new Map<string, number>();
  const stable = actual.replace(/\b(tk:[a-z]+-)([a-z][A-Z][A-Za-z]*)\b/g, (_, prefix: string, gid: string) => {
    if (!numbers.has(gid)) numbers.set(gid, numbers.size + 1);
    return `${prefix}GID${numbers.get(gid)}`;
  });
  matchesGolden(`test/fixtures/transform/golden/${name}`, stable);
}
const tmp = mkdtempSync(join(tmpdir(), 'teikit-transform-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe('transformToText', () => {
  it('gives the cable-shaped fixture as published: brackets kept, gaps as [...], note markers in place, notes after the text', () => {
    expect(transformToText(read('cable.xml'))).toBe(
      [
        'Handling the Issue of Border Residents Fleeing from Yili and Tacheng to the Soviet Union',
        '',
        '[To the] Foreign Affairs Office of the Xinjiang [Uyghur] Autonomous Region:',
        '',
        'Our proposed solution to the problem of Uyghur and Kazakh borders [sic] residents fleeing from Yili [Ili] and Tacheng [Qoqek] to the Soviet Union, which your office reported during an 18 April phone call, is as follows:',
        '',
        'Please report the situation of the meeting to the Ministry [of Foreign Affairs] as soon as possible.[1]',
        '',
        'Some text was left out here: [...]',
        '',
        'Ministry of Foreign Affairs',
        '21 April 1962',
        '',
        'Notes',
        '',
        '[1] The year is inferred from the date of the cable.',
        '',
      ].join('\n'),
    );
  });

  it('gives the clean reading text with reading: true: no brackets, supplied words plain, other names in parentheses, notes numbered', () => {
    const text = transformToText(read('cable.xml'), { reading: true });
    golden('cable.reading.txt', text);
    expect(text).not.toMatch(/[[\]]/);
  });

  // generic.xml as published: TEI whitespace kept (no words glued across elements, none split, lb respected), the
  // text of elements without a rule, lists, tables, verse and drama as lines and blocks, the source side of choice
  // (teh, Dr., Smyth, deletions and additions marked) and the apparatus after the text.
  it('gives generic.xml as published: whitespace, unknown elements, lists, tables, verse, drama, choice, apparatus', () => {
    golden('generic.txt', transformToText(read('generic.xml')));
  });

  it('prints no gap around a ruby in Japanese: the layout whitespace of the XML is not a space', () => {
    const xml = '<TEI xmlns="http://www.tei-c.org/ns/1.0"><text><body><p>かの<ruby>\n  <rb>邪智暴虐</rb>\n  <rt>じゃちぼうぎゃく</rt>\n</ruby> の王。' +
      '十里はなれた <ruby><rb>此</rb><rt>こ</rt></ruby>の市。A <ruby><rb>x</rb> <rt>y</rt></ruby> b</p></body></text></TEI>';
    expect(transformToText(xml)).toBe('かの邪智暴虐《じゃちぼうぎゃく》の王。十里はなれた此《こ》の市。A x《y》 b\n');
    expect(transformToText(xml, { reading: true })).toBe('かの邪智暴虐の王。十里はなれた此の市。A x b\n');
    expect(transformToHtml(xml)).toContain('<p class="tk-p">かの<ruby>邪智暴虐<rt>じゃちぼうぎゃく</rt></ruby>の王。十里はなれた<ruby>此<rt>こ</rt></ruby>の市。A <ruby>x<rt>y</rt></ruby> b</p>');
  });

  it('gives the editor side of choice in the reading text of generic.xml', () => {
    golden('generic.reading.txt', transformToText(read('generic.xml'), { reading: true }));
  });

  it('gives every document of a teiCorpus, and no header', () => {
    expect(transformToText(read('corpus.xml'))).toBe('Alpha text.\n\nBeta text.\n');
  });
});

describe('transformToHtml on the cable-shaped fixture', () => {
  const html = transformToHtml(read('cable.xml'), { file: 'cable.xml' });

  it('is an HTML5 document in the language of the TEI, with inline CSS and no script', () => {
    expect(html.startsWith('<!DOCTYPE html>')).toBe(true);
    expect(html).toMatch(/^<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">/);
    expect(html).toContain('<style>');
    expect(html).not.toMatch(/<script|<link|<img|<iframe|@import|url\(/i);
  });

  it('has a title block with the citation, summary, languages, translator and funder', () => {
    golden('cable.title-block.html', htmlFragments(html, ['<header class="tk-title-block"']));
  });

  it('links names to register entries, by kind, with their other names on hover and focus', () => {
    golden('cable.names.html', htmlFragments(html, ['<a class="tk-name', '<span class="tk-name']));
    expect(html).toMatch(/a\[data-names\]:hover::after, a\[data-names\]:focus::after \{ content: attr\(data-names\)/);
    // A name holding another linked name cannot be a link itself (no nested links): it gets its own small link
    // (`tk-name-link`, in the golden file).
    expect(html).not.toMatch(/<a [^>]*>(?:(?!<\/a>).)*<a /s);
  });

  it('has registers with every name and its language, coordinates and authority links', () => {
    golden('cable.registers.html', htmlFragments(html, ['<section class="tk-registers"']));
  });

  it('shows supplied words in brackets, gaps as [...], sic marked, dates with their ISO value', () => {
    golden('cable.editorial.html', htmlFragments(html, ['<span class="tk-supplied"', '<span class="tk-gap', '<span class="tk-sic', '<time class="tk-date"']));
  });

  it('has a script-free switch between the text as published and the reading text', () => {
    const switchOf = (page: string) => htmlFragments(page, ['<p class="tk-switch-label"', '<input type="radio" name="tk-view"', '<label for="tk:view-']);
    golden('cable.switch.html', switchOf(html));
    golden('cable.reading.switch.html', switchOf(transformToHtml(read('cable.xml'), { reading: true })));
    expect(html).toContain('#tk\\:view-reading:checked ~ main .tk-pub { display: none; }');
  });

  it('puts notes in footnotes with links both ways', () => {
    golden('cable.notes.html', htmlFragments(html, ['<sup class="tk-noteref"', '<section class="tk-notes"']));
    const ref = /<sup class="tk-noteref"><a href="#(tk:note-[^"]+)" id="(tk:noteref-[^"]+)"/.exec(html);
    expect(html).toContain(`<li id="${ref![1]}" value="1">The year is inferred from the date of the cable. <a href="#${ref![2]}" class="tk-backlink"`);
  });

  it('keeps headings in order', () => {
    const levels = [...html.matchAll(/<h([1-6])\b/g)].map((m) => Number(m[1]));
    expect(levels[0]).toBe(1);
    for (let i = 1; i < levels.length; i++) expect(levels[i]! - levels[i - 1]!).toBeLessThanOrEqual(1);
  });
});

describe('transformToHtml on any TEI', () => {
  const html = transformToHtml(read('generic.xml'));

  it('renders lists, tables, verse, drama, figures and page breaks', () => {
    golden('generic.blocks.html', htmlFragments(html, ['<ul class="tk-list"', '<table class="tk-table"', '<div class="tk-lg', '<div class="tk-sp"', '<span class="tk-pb"', '<figure class="tk-figure"']));
  });

  it('shows both sides of choice, one per view, and the apparatus', () => {
    golden('generic.choice.html', htmlFragments(html, ['<span class="tk-choice"', '<span class="tk-app"', '<sup class="tk-appref"', '<section class="tk-apparatus"']));
  });

  it('shows the text of unknown elements', () => {
    golden('generic.unknown.html', htmlFragments(html, ['<p class="tk-p"'], (p) => p.includes('An unknown element')));
  });

  it('gives each document of a teiCorpus its own article and heading', () => {
    golden('corpus.main.html', htmlFragments(transformToHtml(read('corpus.xml')), ['<main class="tk-main"']));
  });

  it('loses no word of the fixtures', () => {
    for (const name of ['cable.xml', 'generic.xml', 'corpus.xml']) {
      const expected = words(teiBodyText(read(name)));
      expect(missingWords(expected, words(htmlText(transformToHtml(read(name))))), name).toEqual([]);
      expect(missingWords(words(teiBodyText(read(name), { published: true, notesApart: true })), words(transformToText(read(name)))), name).toEqual([]);
    }
  });
});

describe('notes numbered as the source numbers them (notes.xml)', () => {
  const html = transformToHtml(read('notes.xml'));
  const main = html.slice(html.indexOf('<p class="tk-p">The crossing.'), html.indexOf('</main>'));

  it('prints @n, links a ptr to a note to the note on the page, and marks no note kept between blocks', () => {
    expect(main).toBe(
      '<p class="tk-p">The crossing.<sup class="tk-noteref"><a href="#tk:note-aAdBbBb" id="tk:noteref-aAdBbBb" aria-label="Note 1">1</a></sup>' +
        ' The border<sup class="tk-noteref"><a href="#tk:note-aAdBbBd" id="tk:noteref-aAdBbBd" aria-label="Note 2">2</a></sup>' +
        ' again<sup class="tk-noteref"><a href="#tk:note-aAdBbBb" aria-label="Note 1">1</a></sup>.</p>\n' +
        '        <p class="tk-p">A note without a number<sup class="tk-noteref"><a href="#tk:note-aAdBbDb" id="tk:noteref-aAdBbDb" aria-label="Note 3">3</a></sup>' +
        ' and one signed<sup class="tk-noteref"><a href="#tk:note-aAdBbDd" id="tk:noteref-aAdBbDd" aria-label="Note *">*</a></sup>.</p>\n' +
        '        \n      </div>\n    </div>\n  </div>' +
        '<section class="tk-notes" aria-label="Notes"><h2>Notes</h2><ol class="tk-footnotes">' +
        '<li id="tk:note-aAdBbBb" value="1">At Huocheng. <a href="#tk:noteref-aAdBbBb" class="tk-backlink" aria-label="Back to the text of note 1">↩</a></li>' +
        '<li id="tk:note-aAdBbBd" value="2">Frontier line. <a href="#tk:noteref-aAdBbBd" class="tk-backlink" aria-label="Back to the text of note 2">↩</a></li>' +
        '<li id="tk:note-aAdBbDb" value="3">Counted. <a href="#tk:noteref-aAdBbDb" class="tk-backlink" aria-label="Back to the text of note 3">↩</a></li>' +
        '<li id="tk:note-aAdBbDd" class="tk-note-signed"><span class="tk-note-sign">*</span> A sign. <a href="#tk:noteref-aAdBbDd" class="tk-backlink" aria-label="Back to the text of note *">↩</a></li>' +
        '<li id="tk:note-aAdBbF" value="4">A note that no marker points to.</li></ol></section>',
    );
  });

  it('every link to a note leads to an id the page has', () => {
    const ids = new Set([...html.matchAll(/ id="([^"]+)"/g)].map((m) => m[1]));
    const hrefs = [...main.matchAll(/ href="#([^"]+)"/g)].map((m) => m[1]);
    expect(hrefs.length).toBe(9);
    expect(hrefs.filter((h) => !ids.has(h))).toEqual([]);
  });

  it('the text output labels them alike', () => {
    expect(transformToText(read('notes.xml'))).toBe(
      'The crossing.[1] The border[2] again[1].\n\nA note without a number[3] and one signed[*].\n\nNotes\n\n' +
        '[1] At Huocheng.\n\n[2] Frontier line.\n\n[3] Counted.\n\n[*] A sign.\n\n[4] A note that no marker points to.\n',
    );
  });
});

describe('malformed input', () => {
  it('is reported by teikit\'s parser with line and column, not by saxon-js', () => {
    expect(() => transformToHtml('<TEI>\n  <p>a</q>\n</TEI>', { file: 'bad.xml' })).toThrow(TeikitError);
    try {
      transformToText('<TEI>\n  <p a="1" a="2"/>\n</TEI>', { file: 'dup.xml' });
      expect.unreachable();
    } catch (error) {
      expect((error as TeikitError).diagnostic).toMatchObject({ file: 'dup.xml', line: 2, source: 'xml' });
    }
  });
});

describe('teikit transform (CLI)', () => {
  it('writes HTML to stdout and text to -o', () => {
    const html = runCli(['transform', `${fixtures}cable.xml`, '--to', 'html']);
    expect(html.status).toBe(0);
    expect(html.stderr).toBe('');
    expect(html.stdout).toMatch(/^<!DOCTYPE html>/);
    const out = join(tmp, 'cable.txt');
    const text = runCli(['transform', `${fixtures}cable.xml`, '--to', 'text', '--reading', '-o', out]);
    expect(text).toEqual({ status: 0, stdout: '', stderr: '' });
    expect(readFileSync(out, 'utf8')).toBe(transformToText(read('cable.xml'), { reading: true }));
  });

  it('reports malformed XML as one line FILE:LINE:COLUMN, exit 1, and leaves no output file', () => {
    const bad = join(tmp, 'bad.xml');
    writeFileSync(bad, '<TEI xmlns="http://www.tei-c.org/ns/1.0">\n  <text><body><p>unclosed</body></text>\n</TEI>\n');
    const out = join(tmp, 'bad.html');
    const r = runCli(['transform', bad, '--to', 'html', '-o', out]);
    expect(r.status).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(new RegExp(`^${bad.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:2:\\d+: error .+ \\[xml/wellformed\\]\\n$`));
    expect(existsSync(out)).toBe(false);
  });

  it('transforms a document nested 5,000 levels deep (too deep for saxon-js on the main thread)', () => {
    const deep = join(tmp, 'deep.xml');
    writeFileSync(deep, `<TEI xmlns="http://www.tei-c.org/ns/1.0"><text><body><p>${'<hi>'.repeat(5000)}deep${'</hi>'.repeat(5000)}</p></body></text></TEI>`);
    expect(runCli(['transform', deep, '--to', 'text'])).toEqual({ status: 0, stdout: 'deep\n', stderr: '' });
    const html = runCli(['transform', deep, '--to', 'html']);
    expect(html.status).toBe(0);
    expect(html.stdout).toContain('<span class="tk-hi rend-italic">deep</span>');
  });

  it('the library retries a deep document in the large-stack thread whether it is given text, bytes or a parse', async () => {
    // The built library: the large-stack thread runs compiled JavaScript only.
    const built = (await import(`${projectRoot}dist/src/index.js`)) as { transformToText: typeof transformToText; parseXml: typeof parseXml };
    const xml = `<TEI xmlns="http://www.tei-c.org/ns/1.0"><text><body><p>${'<hi>'.repeat(3000)}deep${'</hi>'.repeat(3000)}</p></body></text></TEI>`;
    for (const input of [xml, Buffer.from(xml), built.parseXml(xml, { file: 'deep.xml' })]) {
      expect(built.transformToText(input, { file: 'deep.xml' })).toBe('deep\n');
    }
  });

  it('builds the same tree from text as from a parse: CDATA, comments, PIs, entities, a name outside the BMP', async () => {
    const { parseXml: parse } = await import('../src/xml/index.js');
    const xml = '<?xml version="1.0"?>\n<!DOCTYPE TEI [<!ENTITY e "entity &amp; text">]>\n<?xml-model href="x.rng"?>\n<!-- before -->\n' +
      '<TEI xmlns="http://www.tei-c.org/ns/1.0"><text><body><p>a<![CDATA[<b>]]>c &e; d<!-- c --><?pi x?>e<hi rend="x">f</hi> <\u{10000}x>g</\u{10000}x></p></body></text></TEI>';
    expect(transformToText(xml)).toBe('a<b>c entity & text def g\n');
    for (const transform of [transformToHtml, transformToText]) {
      expect(transform(xml)).toBe(transform(parse(xml)));
      for (const name of readdirSync(`${fixtures}genres`).filter((f) => f.endsWith('.xml'))) {
        const bytes = read(`genres/${name}`);
        expect(transform(bytes)).toBe(transform(parse(bytes)));
      }
    }
  });

  it('refuses 200,000 nested elements at once with a clear error instead of running for hours', () => {
    const deep = join(tmp, 'deeper.xml');
    const prefix = '<TEI xmlns="http://www.tei-c.org/ns/1.0"><text><body>';
    writeFileSync(deep, `${prefix}${'<div>'.repeat(200_000)}x${'</div>'.repeat(200_000)}</body></text></TEI>`);
    // TEI, text and body are levels 1-3, so the 10,001st level is the 9,998th div, after 9,997 others.
    const column = prefix.length + 9_997 * '<div>'.length + 1;
    expect(runCli(['transform', deep, '--to', 'html'])).toEqual({
      status: 1,
      stdout: '',
      stderr: `${deep}:1:${column}: error elements are nested more than 10000 levels deep here; teikit transforms at most 10000 levels [transform/too-deep]\n`,
    });
  });

  it('exits 2 for a missing file, a missing or unknown --to, and several files without -o DIR', () => {
    const missing = runCli(['transform', join(tmp, 'nope.xml'), '--to', 'text']);
    expect(missing.status).toBe(2);
    expect(missing.stderr).toMatch(/nope\.xml:1:1: error cannot read file: no such file or directory \[io\/file\]\n$/);
    expect(runCli(['transform', `${fixtures}cable.xml`]).stderr).toBe('teikit: transform: --to html|text is required\n');
    expect(runCli(['transform', `${fixtures}cable.xml`, '--to', 'pdf']).status).toBe(2);
    const several = runCli(['transform', `${fixtures}cable.xml`, `${fixtures}generic.xml`, '--to', 'text']);
    expect(several.stderr).toBe('teikit: transform: several files (or a directory) need -o DIR, the folder to write to\n');
    expect(several.status).toBe(2);
  });

  it('transforms several files and a directory into one folder in one process; a bad file does not stop the others', () => {
    const dir = join(tmp, 'batch');
    const bad = join(tmp, 'bad.xml');
    writeFileSync(bad, '<TEI xmlns="http://www.tei-c.org/ns/1.0"><text>\n</TEI>');
    const r = runCli(['transform', `${fixtures}cable.xml`, bad, `${fixtures}genres`, '--to', 'text', '-o', dir]);
    expect(r.stderr).toMatch(/^\S*bad\.xml:2:6: error unexpected close tag \[xml\/wellformed\]\n$/);
    expect(r.status).toBe(1);
    expect(readFileSync(join(dir, 'cable.txt'), 'utf8')).toBe(transformToText(read('cable.xml')));
    for (const genre of ['inscription', 'play', 'letter', 'frus', 'novel']) {
      expect(readFileSync(join(dir, `${genre}.txt`), 'utf8')).toBe(readFileSync(`${fixtures}genres/${genre}.txt`, 'utf8'));
    }
    expect(existsSync(join(dir, 'bad.txt'))).toBe(false);
  });

  it.skipIf(!hasCorpus)('--jobs 2 spreads a batch over threads: the same files, and the bad files reported in input order', () => {
    // 3.5 MB of FRUS (over the 2 MB below which a batch stays in one thread), with two bad files: kennan.xml uses an
    // undeclared prefix, bad.xml is cut short.
    const bad = join(tmp, 'bad.xml');
    writeFileSync(bad, '<TEI xmlns="http://www.tei-c.org/ns/1.0"><text>\n</TEI>');
    const paths = [`${corpusDir}frus`, bad, `${corpusDir}frus-history`];
    const one = runCli(['transform', ...paths, '--to', 'text', '--jobs', '1', '-o', join(tmp, 'jobs1')]);
    const two = runCli(['transform', ...paths, '--to', 'text', '--jobs', '2', '-o', join(tmp, 'jobs2')]);
    expect(two.stderr.split('\n').map((l) => l.replace(/^.*\/(?=[^/]+:\d+:\d+:)/, ''))).toEqual([
      'kennan.xml:3:55: error unbound namespace prefix: "frus" [xml/wellformed]',
      'bad.xml:2:6: error unexpected close tag [xml/wellformed]',
      '',
    ]);
    expect(two.status).toBe(1);
    expect(one.stderr).toBe(two.stderr);
    const list = (dir: string) => readdirSync(dir, { recursive: true, encoding: 'utf8' }).sort();
    expect(list(join(tmp, 'jobs2'))).toEqual(list(join(tmp, 'jobs1')));
    for (const f of list(join(tmp, 'jobs1')).filter((f) => f.endsWith('.txt'))) {
      expect(readFileSync(join(tmp, 'jobs2', f), 'utf8'), f).toBe(readFileSync(join(tmp, 'jobs1', f), 'utf8'));
    }
    expect(list(join(tmp, 'jobs2')).filter((f) => f.endsWith('.txt')).length).toBe(6);
  });
});

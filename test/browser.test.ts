/**
 * The HTML reading edition in a real browser: Debian's Chromium driven by playwright-core. Opens the cable's page,
 * follows names to their register entries, switches to the reading text without script, checks that the page makes
 * no network request, saves a screenshot in the build folder; then renders the attack fixture and checks that no
 * script runs. Skipped loudly when /usr/bin/chromium is missing (CI installs it: .ci/run).
 */
// The page.evaluate callbacks run in the browser: they see the DOM's globals.
/// <reference lib="dom" />
import { existsSync, mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { transformToHtml } from '../src/transform/index.js';
import { projectRoot } from './helpers.js';

const CHROMIUM = '/usr/bin/chromium';
const haveChromium = existsSync(CHROMIUM);
if (!haveChromium) console.warn(`\n*** ${CHROMIUM} is missing (Debian packages chromium, chromium-driver): the browser tests are SKIPPED ***\n`);

const edition = `${projectRoot}editions/wilson-118181/`;
const cableXml = `${edition}wilson-118181.xml`;
const fixtureCable = `${projectRoot}test/fixtures/transform/cable.xml`;
const build = `${edition}build/`;

describe.skipIf(!haveChromium)('the HTML edition in Chromium', () => {
  let browser: Browser;

  beforeAll(async () => {
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: [
        '--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking',
        // playwright gives every launch a fresh temporary profile (it refuses --user-data-dir here).
        '--disable-quic', '--disable-component-update', '--disable-sync',
      ],
    });
  });
  afterAll(async () => {
    await browser?.close();
  });

  /** Open a page, recording every request and dialog it makes. */
  async function open(file: string): Promise<{ page: Page; requests: string[]; dialogs: string[] }> {
    const page = await browser.newPage({ viewport: { width: 1000, height: 800 } });
    const requests: string[] = [];
    const dialogs: string[] = [];
    page.on('request', (request) => requests.push(request.url()));
    page.on('dialog', (dialog) => {
      dialogs.push(dialog.message());
      void dialog.dismiss();
    });
    await page.goto(pathToFileURL(file).href, { waitUntil: 'load' });
    return { page, requests, dialogs };
  }

  it('opens the cable, follows every name to its register entry, makes no network request', async () => {
    // The cable's TEI (committed by `teikit encode`), or, before it exists, the fixture in its shape.
    const source = existsSync(cableXml) ? cableXml : fixtureCable;
    mkdirSync(build, { recursive: true });
    const file = `${build}wilson-118181.html`;
    // Written via a temporary file and a rename: test/transform-start.test.ts (npm start) writes the same page.
    writeFileSync(`${file}.${process.pid}.tmp`, transformToHtml(readFileSync(source), { file: source }));
    renameSync(`${file}.${process.pid}.tmp`, file);
    const { page, requests, dialogs } = await open(file);

    const hrefs = await page.$$eval('main a.tk-name, main a.tk-name-link', (links) => links.map((a) => a.getAttribute('href')!));
    expect(hrefs.length).toBeGreaterThan(5);
    for (const href of [...new Set(hrefs)]) {
      const link = page.locator(`main a[href="${href}"]`).first();
      await link.scrollIntoViewIfNeeded();
      await link.click();
      const state = await page.evaluate(() => {
        const target = document.querySelector(':target');
        const box = target?.getBoundingClientRect();
        return {
          hash: location.hash,
          id: target?.id,
          isEntry: target?.classList.contains('tk-entry') ?? false,
          inView: box !== undefined && box.top >= -1 && box.top < window.innerHeight,
        };
      });
      expect(state, href).toEqual({ hash: href, id: href.slice(1), isEntry: true, inView: true });
    }

    // Other names on keyboard focus (CSS tooltip from data-names), not only on hover.
    const withNames = page.locator('main a.tk-name[data-names]').first();
    await withNames.focus();
    const tooltip = await withNames.evaluate((a) => getComputedStyle(a, '::after').content);
    expect(tooltip).toBe(JSON.stringify(await withNames.getAttribute('data-names')));

    // The switch to the reading text works without script: brackets disappear.
    const mainText = () => page.locator('main .tk-text').innerText();
    expect(await mainText()).toContain('[To the] Foreign Affairs Office');
    await page.locator('label[for="tk:view-reading"]').click();
    const reading = await mainText();
    expect(reading).toContain('To the Foreign Affairs Office');
    expect(reading).not.toContain('[');

    await page.screenshot({ path: `${build}wilson-118181.png`, fullPage: true });
    expect(existsSync(`${build}wilson-118181.png`)).toBe(true);
    expect(requests.filter((url) => url !== pathToFileURL(file).href && !url.startsWith('data:'))).toEqual([]);
    expect(dialogs).toEqual([]);
    await page.close();
  }, 180_000);

  it('runs no script from the attack fixture, on load, hover, focus or click', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'teikit-attacks-'));
    try {
      const fixture = `${projectRoot}test/fixtures/transform/attacks.xml`;
      const file = join(dir, 'attacks.html');
      writeFileSync(file, transformToHtml(readFileSync(fixture), { file: fixture }));
      const { page, requests, dialogs } = await open(file);
      // Fire the events an attacker's handler would wait for, on every element.
      await page.evaluate(() => {
        for (const el of Array.from(document.querySelectorAll('body *'))) {
          for (const type of ['mouseover', 'mouseenter', 'focus', 'click']) el.dispatchEvent(new Event(type, { bubbles: true }));
        }
      });
      for (const link of await page.locator('a[href]').all()) {
        const href = (await link.getAttribute('href'))!;
        if (href.startsWith('#')) await link.click();
        await link.hover();
        await link.focus();
      }
      expect(await page.evaluate(() => (window as unknown as { __pwned?: unknown }).__pwned)).toBeUndefined();
      expect(await page.evaluate(() => document.scripts.length)).toBe(0);
      expect(dialogs).toEqual([]);
      expect(requests.filter((url) => url !== pathToFileURL(file).href && !url.startsWith(pathToFileURL(file).href + '#'))).toEqual([]);
      await page.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 180_000);

  it('lays out one page per genre as that field prints it (screenshots in TMPDIR/teikit-screens)', async () => {
    const shots = join(tmpdir(), 'teikit-screens');
    mkdirSync(shots, { recursive: true });
    const genres = `${projectRoot}test/fixtures/transform/genres/`;
    const look: Record<string, unknown> = {};
    for (const name of ['inscription', 'play', 'letter', 'frus', 'novel']) {
      const file = join(shots, `${name}.html`);
      writeFileSync(file, transformToHtml(readFileSync(`${genres}${name}.xml`), { file: name }));
      const { page, requests } = await open(file);
      if (name === 'inscription') {
        // Line numbers stand in the margin, left of the text, on the line they number; the diplomatic view shows the
        // hyphen of "Aug-usti" and hides the expansions.
        look[name] = await page.evaluate(() => {
          const ab = document.querySelector('.tk-leiden')!.getBoundingClientRect();
          const n = document.querySelector('.tk-lineno')!.getBoundingClientRect();
          return { numberLeftOfText: n.right <= ab.left, lines: (document.querySelector('.tk-leiden') as HTMLElement).innerText.trim().split('\n').length };
        });
        expect(look[name]).toEqual({ numberLeftOfText: true, lines: 7 });
        await page.screenshot({ path: join(shots, `${name}.png`), fullPage: true });
        await page.locator('label[for="tk:view-diplomatic"]').click();
        const diplomatic = await page.locator('.tk-leiden').innerText();
        expect(diplomatic).toContain('Aug\nusti leg [fecit?]');
        expect(diplomatic).toContain('I O M');
        // The hyphen is CSS-generated (copied text keeps the word whole), so it is read from the computed style.
        expect(await page.locator('.tk-hyphen').evaluate((el) => getComputedStyle(el, '::after').content)).toBe('"-"');
        await page.screenshot({ path: join(shots, `${name}-diplomatic.png`), fullPage: true });
      } else {
        await page.screenshot({ path: join(shots, `${name}.png`), fullPage: true });
      }
      if (name === 'frus') {
        // The page number is in the margin, not in the line of text; the attachment has a frame.
        const r = await page.evaluate(() => {
          const pb = document.querySelector('.tk-pb')!.getBoundingClientRect();
          const main = document.querySelector('.tk-main')!.getBoundingClientRect();
          return { inMargin: pb.right <= main.left, framed: getComputedStyle(document.querySelector('.tk-attachment')!).borderTopStyle };
        });
        expect(r).toEqual({ inMargin: true, framed: 'solid' });
      }
      expect(requests.filter((url) => url !== pathToFileURL(file).href)).toEqual([]);
      await page.close();
    }
  }, 180_000);
});

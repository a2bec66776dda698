/**
 * TEI is untrusted: the HTML transform must escape everything and link only safe URLs. The fixture
 * `attacks.xml` carries javascript:/data:/vbscript: URLs with case, whitespace and control-character tricks,
 * attribute break-outs in xml:id and xml:lang, @style and on* attributes, and HTML/SVG script elements.
 * (test/browser.test.ts renders the same page in Chromium and checks that no script runs.)
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { transformToHtml, transformToText } from '../src/transform/index.js';
import { runCompiled } from '../src/transform/saxon.js';
import { TeikitError } from '../src/diagnostics.js';
import { projectRoot } from './helpers.js';
import { htmlAttributes } from './transform-helpers.js';

const attacks = readFileSync(`${projectRoot}test/fixtures/transform/attacks.xml`);
const html = transformToHtml(attacks, { file: 'attacks.xml' });
const attributes = htmlAttributes(html);

/** Every attribute name the stylesheet may write; no TEI attribute name is ever copied through. */
const ALLOWED = new Set([
  'lang', 'charset', 'name', 'content', 'class', 'id', 'href', 'rel', 'title', 'data-names', 'data-n', 'aria-describedby',
  'aria-label', 'aria-labelledby', 'aria-hidden', 'role', 'datetime', 'colspan', 'rowspan', 'value', 'type', 'checked', 'for',
]);

describe('the HTML of untrusted TEI', () => {
  it('contains no script, embedded object, style attribute or event handler', () => {
    expect(html).not.toMatch(/<(script|img|svg|iframe|object|embed|link|meta http-equiv|base|form)\b/i);
    const names = new Set(attributes.map(([, name]) => name));
    expect([...names].filter((n) => !ALLOWED.has(n))).toEqual([]);
    expect(attributes.filter(([, name]) => name.startsWith('on') || name === 'style' || name === 'src')).toEqual([]);
  });

  it('links only http(s), mailto and same-page fragments', () => {
    const hrefs = attributes.filter(([, name]) => name === 'href').map(([, , value]) => value);
    expect(hrefs).toContain('https://example.org/ok');
    expect(hrefs).toContain('mailto:editor@example.org');
    for (const href of hrefs) expect(href).toMatch(/^(https?:\/\/|mailto:|#)/);
    expect(hrefs.filter((h) => /script|data:/i.test(h.replace(/\s/g, '')))).toEqual([]);
  });

  it('keeps the attacks as visible text, escaped', () => {
    expect(html).toContain('Text with &lt;script&gt;window.__pwned=1&lt;/script&gt; written as text.');
    expect(html).toContain('<title>Attacks &lt;/title&gt;&lt;script&gt;window.__pwned=1&lt;/script&gt;</title>');
    expect(html).toContain('<span class="tk-ref">plain javascript</span>');
    expect(html).toContain('<span class="tk-ref">tab inside</span>');
    expect(html).toContain('<span class="tk-name tk-place">name with a bad ref</span>');
    // An authority "identifier" that is a javascript: URL is shown, not linked.
    expect(html).toContain('<span class="tk-authority-type">URL: </span>javascript:window.__pwned=1</li>');
  });

  it('keeps xml:id and xml:lang values inside their attributes (or drops an impossible language tag)', () => {
    const ids = attributes.filter(([, name]) => name === 'id').map(([, , value]) => value);
    expect(ids).toContain('x"_onclick="window.__pwned=1');
    for (const id of ids) expect(id).not.toMatch(/\s/);
    for (const [, , lang] of attributes.filter(([, name]) => name === 'lang')) expect(lang).toMatch(/^[A-Za-z]{1,8}(-[A-Za-z0-9]{1,8})*$/);
    expect(html).toMatch(/^<!DOCTYPE html>\n<html lang="en">/);
  });

  it('never writes @rend into anything but a class name of a fixed shape', () => {
    for (const [, , value] of attributes.filter(([, name]) => name === 'class')) expect(value).toMatch(/^[A-Za-z0-9 _-]+$/);
  });

  it('gives the same text in plain text, unlinked', () => {
    const text = transformToText(attacks);
    expect(text).toContain('Text with <script>window.__pwned=1</script> written as text.');
  });
});

describe('errors raised by a stylesheet', () => {
  const tmp = mkdtempSync(join(tmpdir(), 'teikit-xsl-'));
  afterAll(() => rmSync(tmp, { recursive: true, force: true }));

  /** Compile a small stylesheet with xslt3, as the build does. */
  function compile(name: string, body: string): unknown {
    const xsl = join(tmp, `${name}.xsl`);
    const sef = join(tmp, `${name}.sef.json`);
    writeFileSync(xsl, `<xsl:stylesheet version="3.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform"><xsl:template match="/">${body}</xsl:template></xsl:stylesheet>`);
    execFileSync(process.execPath, [`${projectRoot}node_modules/xslt3/xslt3.js`, `-xsl:${xsl}`, `-export:${sef}`, '-nogo'], { stdio: 'ignore' });
    return JSON.parse(readFileSync(sef, 'utf8'));
  }

  it('become one teikit diagnostic with source "transform" and the error code', () => {
    const cases: Array<[string, string, string]> = [
      ['terminate', '<xsl:message terminate="yes">no body in this document</xsl:message>', 'transform failed (XTMM9000): Terminated with no body in this document (stylesheet terminate.xsl line 1)'],
      ['err', `<xsl:value-of select="error(QName('http://www.w3.org/2005/xqt-errors', 'err:FOER0000'), 'boom')"/>`, 'transform failed (FOER0000): boom (stylesheet err.xsl line 1)'],
    ];
    for (const [name, body, message] of cases) {
      const sef = compile(name, body);
      try {
        runCompiled(sef, '<a/>', {}, 'input.xml');
        expect.unreachable();
      } catch (error) {
        expect(error).toBeInstanceOf(TeikitError);
        expect((error as TeikitError).diagnostic).toEqual({
          file: 'input.xml', line: 1, column: 1, severity: 'error', message, ruleId: `transform/${message.slice(18, 26)}`, source: 'transform',
          url: 'README.md#rule-transform-code',
        });
      }
    }
  });
});

/**
 * Helpers for the encode tests: jing (when installed), TEI lookups, and the word sequence of a record's text and
 * of a TEI body printed back the way the translation was published (supplied in brackets, gap as [...], sic as
 * "word [sic]", hi with its markdown markers), so that "no word lost or changed" is one array comparison.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { attr, descendants, parseXml, textContent, walk, type XmlDocument, type XmlElement } from '../src/xml/index.js';
import * as tools from './tools.mjs';

export const hasJing = !tools.skipUnless(tools.jing, 'the encode validity tests');

/** jing's verdict on an XML string: its output lines (empty when valid). */
export function jing(schema: string, xml: string): string[] {
  const dir = mkdtempSync(join(tmpdir(), 'teikit-encode-'));
  try {
    const file = join(dir, 'out.xml');
    writeFileSync(file, xml);
    const r = tools.runTool(tools.jing, [schema, file]);
    return `${r.stdout}`.split('\n').filter((l) => l.trim() !== '').map((l) => l.replace(file, 'out.xml'));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export function parse(xml: string): XmlDocument {
  return parseXml(xml, { file: 'out.xml' });
}

export function all(doc: XmlDocument | XmlElement, local: string): XmlElement[] {
  return descendants(doc, local);
}

export function one(doc: XmlDocument | XmlElement, local: string): XmlElement {
  const found = descendants(doc, local);
  if (found.length === 0) throw new Error(`no <${local}>`);
  return found[0]!;
}

export function text(el: XmlElement): string {
  return textContent(el).replace(/\s+/g, ' ').trim();
}

/** The body (text/body) printed back as published, as a list of words. */
export function teiBodyWords(doc: XmlDocument): string[] {
  const body = one(one(doc, 'text'), 'body');
  let out = '';
  const blocks = new Set(['head', 'opener', 'p', 'closer', 'signed', 'dateline', 'salute', 'div']);
  walk(
    body,
    (n) => {
      if (n.type === 'text') out += n.value;
      else if (n.type === 'element') {
        if (blocks.has(n.local)) out += ' ';
        if (n.local === 'supplied') out += '[';
        if (n.local === 'gap') out += ' [...] ';
        if (n.local === 'lb') out += ' ';
        if (n.local === 'hi') out += attr(n, 'rend') === 'bold' ? '**' : '*';
      }
    },
    (el) => {
      if (el.local === 'supplied') out += ']';
      if (el.local === 'sic') out += ' [sic]';
      if (el.local === 'hi') out += attr(el, 'rend') === 'bold' ? '**' : '*';
      if (blocks.has(el.local)) out += ' ';
    },
  );
  return out.split(/\s+/).filter((w) => w !== '');
}

/** The words of a record's text: everything between its first and last "[...]" lines, markdown escapes removed. */
export function recordBodyWords(record: string): string[] {
  const lines = record.replace(/\r\n?/g, '\n').split('\n');
  const markers = lines.map((l, i) => (/^\s*\[\.\.\.\]\s*$/.test(l) ? i : -1)).filter((i) => i >= 0);
  const body = lines.slice(markers[0]! + 1, markers[markers.length - 1]!).join('\n');
  return body
    .replace(/\\([\\`*_{}[\]()#+\-.!<>])/g, '$1')
    .split(/\s+/)
    .filter((w) => w !== '');
}

/** Elements with their @ref and text, in document order, for mention tables. */
export function mentions(scope: XmlElement): [string, string, string][] {
  return descendants(scope)
    .filter((e) => attr(e, 'ref') !== undefined)
    .map((e) => [e.local, attr(e, 'ref')!, text(e)]);
}

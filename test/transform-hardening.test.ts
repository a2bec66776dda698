/**
 * The transform items of the hardening round: names with supplementary-plane characters transform, bidirectional
 * controls in titles and link texts are isolated, and the page's own ids cannot collide with the document's.
 */
import { describe, expect, it } from 'vitest';
import { transformToHtml, transformToText } from '../src/transform/index.js';

const tei = (body: string, title = 'T') => `<TEI xmlns="http://www.tei-c.org/ns/1.0"><teiHeader><fileDesc><titleStmt><title>${title}</title></titleStmt>
<publicationStmt><p>p</p></publicationStmt><sourceDesc><p>s</p></sourceDesc></fileDesc></teiHeader><text><body>${body}</body></text></TEI>`;

describe('names outside the Basic Multilingual Plane', () => {
  it('transforms an element and an attribute named with U+10000 and above (saxon-js alone rejects them, FODC0002)', () => {
    const xml = tei('<p>before <x𐀀 a𝒜="1">inside 𝒜</x𐀀> after</p>');
    expect(transformToText(xml)).toBe('before inside 𝒜 after\n');
    expect(transformToHtml(xml)).toContain('<p class="tk-p">before inside 𝒜 after</p>');
  });
});

describe('bidirectional controls', () => {
  const rlo = '\u202E';
  it('isolates them in the page title, the heading, link texts and tooltips', () => {
    const xml = tei(`<p><ref target="https://example.org/">evil${rlo}txt.exe</ref> and <persName ref="#p">Ann${rlo}a</persName></p>
      <listPerson><person xml:id="p"><persName>Ann${rlo}a</persName></person></listPerson>`, `Title${rlo}gnp.exe`);
    const html = transformToHtml(xml);
    expect(html).toContain(`<title>\u2068Title${rlo}gnp.exe\u2069</title>`);
    expect(html).toContain(`<h1 class="tk-doc-title">\u2068Title${rlo}gnp.exe\u2069</h1>`);
    expect(html).toContain(`<a class="tk-ref" href="https://example.org/" rel="noopener noreferrer"><bdi>evil${rlo}txt.exe</bdi></a>`);
    expect(html).toContain(`title="\u2068Person: Ann${rlo}a\u2069"`);
    // No control character outside an isolate: every U+202E is inside <bdi> or between U+2068 and U+2069.
    const outside = html.replace(/<bdi>[^<]*<\/bdi>/g, '').replace(/\u2068[^\u2069]*\u2069/g, '');
    expect(outside).not.toContain(rlo);
  });
});

describe('ids', () => {
  it('gives the page its own ids in a prefix no xml:id can have ("tk:"), so a document id never collides', () => {
    const xml = tei('<p xml:id="tk-view-reading">a<note xml:id="tk_note-x">n</note></p>');
    const html = transformToHtml(xml);
    expect(html).toContain('<p id="tk-view-reading" class="tk-p">');
    expect(html).toContain('id="tk:view-reading"');
    const ids = [...html.matchAll(/\sid="([^"]+)"/g)].map((m) => m[1]);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids.filter((id) => id!.startsWith('tk:'))).toEqual(['tk:view-label', 'tk:view-published', 'tk:view-reading', 'tk:noteref-aAbAaB', 'tk:note-aAbAaB', 'tk:publication-h']);
  });
});

/**
 * James Clark's RELAX NG test suite (../shared/relaxng-spectest/spectest.xml), read into cases: each an incorrect
 * schema or a correct schema with its resources and its valid and invalid instances, numbered in document order.
 */
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { childElements, parseXml, serializeXml, type XmlElement } from '../src/xml/index.js';

export const SUITE = fileURLToPath(new URL('../../shared/relaxng-spectest/spectest.xml', import.meta.url));
export const present = existsSync(SUITE);
if (!present) console.warn(`\n*** RELAX NG spec suite not found at ${SUITE}: its tests are SKIPPED ***\n`);

export interface Case {
  n: number;
  section: string;
  resources: Map<string, string>;
  incorrect?: string;
  correct?: string;
  valid: string[];
  invalid: string[];
}

function content(el: XmlElement): string {
  const child = childElements(el)[0];
  if (child !== undefined) return serializeXml(child);
  return el.children.map((c) => (c.type === 'text' ? c.value : '')).join('');
}

export function loadCases(): Case[] {
  // The suite's one internal entity holds markup (`<!ENTITY dii "<&#xE14;&#xE35;/>">`, case 69). teikit's parser
  // expands entities as text only, so we expand this one ourselves, as XML 1.0 section 4.4.5 says it is included.
  const source = readFileSync(SUITE, 'utf8').replaceAll('&dii;', '<\u0E14\u0E35/>');
  const doc = parseXml(source, { file: SUITE });
  const cases: Case[] = [];
  const stack: XmlElement[] = [doc.root];
  const found: XmlElement[] = [];
  // iterative, document order
  const visit = (el: XmlElement): void => {
    for (const c of childElements(el)) {
      if (c.local === 'testCase') found.push(c);
      else if (c.local === 'testSuite') visit(c);
    }
  };
  visit(stack[0]!);
  for (const tc of found) {
    const resources = new Map<string, string>();
    const addResources = (el: XmlElement, prefix: string): void => {
      for (const c of childElements(el)) {
        const name = c.attributes.find((a) => a.local === 'name')?.value ?? '';
        if (c.local === 'resource') resources.set(prefix + name, content(c));
        else if (c.local === 'dir') addResources(c, `${prefix}${name}/`);
      }
    };
    addResources(tc, '');
    const kase: Case = { n: cases.length + 1, section: '', resources, valid: [], invalid: [] };
    for (const c of childElements(tc)) {
      if (c.local === 'section') kase.section = c.children.map((t) => (t.type === 'text' ? t.value : '')).join('');
      else if (c.local === 'incorrect') kase.incorrect = content(c);
      else if (c.local === 'correct') kase.correct = content(c);
      else if (c.local === 'valid') kase.valid.push(content(c));
      else if (c.local === 'invalid') kase.invalid.push(content(c));
    }
    cases.push(kase);
  }
  return cases;
}

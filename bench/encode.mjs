// `node bench/encode.mjs` (after `npm run build` or `npx tsc -p tsconfig.json`): how fast `encodeRecord` is on
// the cable (one real record, warm) and on a synthetic long record (the cable's paragraphs repeated) with a large
// authority file (the cable's registers plus generated entries), so that name matching and bracket handling are
// seen to scale. Run by hand; prints milliseconds, nothing is asserted.
import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { checkAuthority, encodeRecord } from '../dist/src/encode/index.js';
import { root } from './lib.mjs';

const record = readFileSync(`${root}editions/wilson-118181/record.txt`, 'utf8');
const authorityText = readFileSync(`${root}editions/wilson-118181/authority.json`, 'utf8');
const { authority } = checkAuthority(authorityText, 'authority.json');

function time(label, runs, fn) {
  fn();
  const start = performance.now();
  for (let i = 0; i < runs; i++) fn();
  const ms = (performance.now() - start) / runs;
  console.log(`${label.padEnd(58)} ${ms.toFixed(2).padStart(9)} ms`);
  return ms;
}

time('cable (4 KB), its authority file', 200, () => encodeRecord(record, { authority }));
time('authority check (ajv + positions), cable registers', 200, () => checkAuthority(authorityText, 'authority.json'));

// A long record: the body's paragraphs repeated.
const start = record.indexOf('[...]') + 5;
const end = record.lastIndexOf('[...]');
const paragraphs = record.slice(start, end).trim().split(/\n\n/).slice(2, 5).join('\n\n');
for (const copies of [100, 1000]) {
  const long = record.slice(0, start) + '\n\n' + Array.from({ length: copies }, () => paragraphs).join('\n\n') + '\n\n[...]\n';
  time(`long record (${(long.length / 1e6).toFixed(2)} MB, ${copies * 3} paragraphs), cable registers`, copies >= 1000 ? 2 : 5, () => encodeRecord(long, { authority }));
  // A large authority: 2,000 generated places (names that never occur) plus the cable's.
  const big = {
    ...authority,
    entities: [...authority.entities, ...Array.from({ length: 2000 }, (_, i) => ({ kind: 'place', id: `p${i}`, names: [{ name: `Placename${i} Town`, lang: 'en' }, { name: `地名${i}`, lang: 'zh' }] }))],
  };
  time(`long record (${copies * 3} paragraphs), 2,005 places / 4,000 more names`, copies >= 1000 ? 1 : 3, () => encodeRecord(long, { authority: big }));
}

// One very long paragraph (a record without blank lines): must stay linear.
const para = paragraphs.split('\n\n')[1];
for (const copies of [400, 1600]) {
  const long = record.slice(0, start) + '\n\nHead\n\n' + Array.from({ length: copies }, () => para).join(' ') + '\n\n[...]\n';
  time(`one paragraph of ${(long.length / 1e6).toFixed(2)} MB, cable registers`, 1, () => encodeRecord(long, { authority }));
}

/** What `--ref` and `--name` compare against, for a scan and for the index alike. */
import type { ExtractedMention } from './extract.js';
import { normalizeName } from './normalize.js';

/** Keys a `--ref` value may match: the pointer, its tokens and their fragments, the entry id with and without `#`. */
export function refKeys(m: Pick<ExtractedMention, 'pointer' | 'entry'>): string[] {
  const keys = new Set<string>();
  if (m.pointer !== null) {
    keys.add(m.pointer);
    for (const token of m.pointer.split(/[ \t\r\n]+/)) {
      if (token === '') continue;
      keys.add(token);
      const hash = token.indexOf('#');
      if (hash >= 0 && hash < token.length - 1) keys.add(token.slice(hash + 1));
    }
  }
  if (m.entry !== null) {
    keys.add(m.entry.id);
    keys.add(`#${m.entry.id}`);
  }
  return [...keys];
}

/** Normalised names a `--name` value may match: every name of the entry and the surface form. */
export function nameKeys(m: Pick<ExtractedMention, 'surface' | 'entry'>): string[] {
  const keys = new Set<string>([normalizeName(m.surface)]);
  if (m.entry !== null) for (const n of m.entry.names) keys.add(normalizeName(n));
  keys.delete('');
  return [...keys];
}


/**
 * How `--name` compares with the names of a mention (its surface form and every name of its register entry), all
 * folded by `normalizeName` (case and diacritics ignored): `exact` (the default; a trailing `*` asks for a prefix),
 * `prefix`, `substring`, `regex` (linear time: regex.ts) or `fuzzy` (edit distance scaled to the name's length).
 * A scan and the index both ask here, so they always agree.
 */
import { normalizeName } from './normalize.js';
import { compileRegex, RegexError } from './regex.js';

export type MatchMode = 'exact' | 'prefix' | 'substring' | 'regex' | 'fuzzy';
export const MATCH_MODES: readonly MatchMode[] = ['exact', 'prefix', 'substring', 'regex', 'fuzzy'];

/**
 * Edits allowed for a fuzzy match of a name of `length` code points: none up to 2, then one per four letters
 * (1 for 3-6, 2 for 7-10, 3 for 11-14, ...), so that a short name does not match every other short name.
 */
export function fuzzyLimit(length: number): number {
  return length < 3 ? 0 : Math.floor((length + 1) / 4);
}

/** Levenshtein distance of `a` and `b` (code points) is at most `limit`; a band of width 2*limit+1, O(n*limit). */
export function editDistanceWithin(a: string, b: string, limit: number): boolean {
  const x = Array.from(a);
  const y = Array.from(b);
  if (Math.abs(x.length - y.length) > limit) return false;
  const INF = limit + 1;
  let prev = new Array<number>(y.length + 1);
  for (let j = 0; j <= y.length; j++) prev[j] = j <= limit ? j : INF;
  for (let i = 1; i <= x.length; i++) {
    const cur = new Array<number>(y.length + 1).fill(INF);
    if (i <= limit) cur[0] = i;
    let best = cur[0]!;
    for (let j = Math.max(1, i - limit); j <= Math.min(y.length, i + limit); j++) {
      const cost = x[i - 1] === y[j - 1] ? 0 : 1;
      cur[j] = Math.min(prev[j - 1]! + cost, prev[j]! + 1, cur[j - 1]! + 1, INF);
      if (cur[j]! < best) best = cur[j]!;
    }
    if (best > limit) return false;
    prev = cur;
  }
  return prev[y.length]! <= limit;
}

export interface NameMatcher {
  mode: MatchMode;
  /** The folded name (for exact, prefix and substring; the pattern as given for regex). */
  name: string;
  test(key: string): boolean;
}

/** The matcher for `--name NAME --match MODE`; a bad regular expression is a `RegexError`. */
export function nameMatcher(name: string, mode: MatchMode = 'exact'): NameMatcher {
  let m = mode;
  let raw = name;
  if (m === 'exact' && raw.endsWith('*') && raw.length > 1) {
    m = 'prefix';
    raw = raw.slice(0, -1);
  }
  if (m === 'regex') {
    // Literal characters fold as names do (white space is kept: normalizeName would trim a lone space).
    const re = compileRegex(raw, (c) => (/^\s+$/u.test(c) ? ' ' : normalizeName(c)));
    return { mode: m, name: raw, test: (key) => re.test(key) };
  }
  const folded = normalizeName(raw);
  switch (m) {
    case 'exact':
      return { mode: m, name: folded, test: (key) => key === folded };
    case 'prefix':
      return { mode: m, name: folded, test: (key) => key.startsWith(folded) };
    case 'substring':
      return { mode: m, name: folded, test: (key) => key.includes(folded) };
    case 'fuzzy': {
      const limit = fuzzyLimit(Array.from(folded).length);
      return { mode: m, name: folded, test: (key) => editDistanceWithin(folded, key, limit) };
    }
  }
  throw new RegexError(`unknown match mode "${String(m)}"`);
}

export { RegexError };

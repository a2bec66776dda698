/**
 * Name recognition driven by the authority file (README, teikit encode): every name of every entry (unless `match: false`) is
 * looked for as an exact, case-sensitive phrase on word boundaries (any run of whitespace between its words); of
 * overlapping candidates the longest wins, then the leftmost. Inside an organisation's name, places are looked for
 * again ("Foreign Affairs Office of the Xinjiang Uyghur Autonomous Region" holds a placeName), so every mention of a
 * place is tagged even when it is part of a longer name.
 */
import type { Authority, AuthorityEntity, AuthorityName, EntityKind } from './authority.js';

export interface NameCandidate {
  start: number;
  end: number;
  entity: AuthorityEntity;
  name: AuthorityName;
}

export interface NameMatch extends NameCandidate {
  /** Names found inside this one (places inside an organisation's name). */
  inner: NameMatch[];
}

/** Which kinds may be tagged inside a name of each kind. */
const INNER: Record<EntityKind, readonly EntityKind[]> = {
  org: ['place'],
  place: [],
  person: [],
  group: [],
};

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

export class NameMatcher {
  /** Names by their first word, each a sticky pattern tried where a word of the text starts. */
  private readonly byFirstWord = new Map<string, { re: RegExp; entity: AuthorityEntity; name: AuthorityName }[]>();
  /** Names that do not start with a letter or digit, searched for in the whole text. */
  private readonly others: { re: RegExp; entity: AuthorityEntity; name: AuthorityName }[] = [];

  constructor(authority?: Authority) {
    for (const entity of authority?.entities ?? []) {
      for (const name of entity.names) {
        if (name.match === false) continue;
        const words = name.name.trim().split(/\s+/).map(escapeRegExp).join('\\s+');
        const first = /^[\p{L}\p{N}]+/u.exec(name.name.trim());
        if (first) {
          const list = this.byFirstWord.get(first[0]) ?? [];
          list.push({ re: new RegExp(`${words}(?![\\p{L}\\p{N}])`, 'uy'), entity, name });
          this.byFirstWord.set(first[0], list);
        } else {
          this.others.push({ re: new RegExp(`(?<![\\p{L}\\p{N}])${words}(?![\\p{L}\\p{N}])`, 'gu'), entity, name });
        }
      }
    }
  }

  /** Every occurrence of every name in `text` (overlaps included). Cost: one map lookup per word of the text. */
  candidates(text: string): NameCandidate[] {
    const out: NameCandidate[] = [];
    if (this.byFirstWord.size > 0) {
      for (const word of text.matchAll(/[\p{L}\p{N}]+/gu)) {
        for (const p of this.byFirstWord.get(word[0]) ?? []) {
          p.re.lastIndex = word.index;
          const m = p.re.exec(text);
          if (m) out.push({ start: word.index, end: word.index + m[0].length, entity: p.entity, name: p.name });
        }
      }
    }
    for (const p of this.others) {
      for (const m of text.matchAll(p.re)) out.push({ start: m.index, end: m.index + m[0].length, entity: p.entity, name: p.name });
    }
    return out;
  }
}

/**
 * Choose non-overlapping names among `candidates`, longest first, within [from, to). `fit` may move a candidate's
 * ends (to take in the brackets of supplied words it covers) or reject it (undefined).
 */
export function selectNames(
  candidates: readonly NameCandidate[],
  fit: (start: number, end: number) => { start: number; end: number } | undefined,
  from = 0,
  to = Number.POSITIVE_INFINITY,
  kinds?: readonly EntityKind[],
  exclude?: AuthorityEntity,
): NameMatch[] {
  const pool = candidates
    .filter((c) => c.start >= from && c.end <= to && (kinds === undefined || kinds.includes(c.entity.kind)) && c.entity !== exclude)
    .sort((a, b) => b.end - b.start - (a.end - a.start) || a.start - b.start);
  const chosen: NameMatch[] = [];
  // Characters already given to a longer name (linear in the text, where comparing with every chosen name was not).
  const taken = new Uint8Array(pool.reduce((max, c) => Math.max(max, c.end + 2), 0));
  for (const c of pool) {
    const span = fit(c.start, c.end);
    if (span === undefined || span.start < from || span.end > to) continue;
    let free = true;
    for (let i = span.start; i < span.end && free; i++) if (taken[i] === 1) free = false;
    if (!free) continue;
    taken.fill(1, span.start, span.end);
    chosen.push({ ...c, start: span.start, end: span.end, inner: [] });
  }
  for (const m of chosen) {
    const inner = INNER[m.entity.kind];
    if (inner.length > 0) m.inner = selectNames(candidates, fit, m.start, m.end, inner, m.entity);
  }
  return chosen.sort((a, b) => a.start - b.start);
}

/**
 * Insertions into a source text, applied in one pass. Only insertions: annotate never deletes or rewrites what the
 * editor wrote, which is what makes "every other byte stays" hold by construction.
 */

export interface Edit {
  /** UTF-16 offset in the source where `text` is inserted. */
  at: number;
  /** Among insertions at the same offset, lower first: end tags (negative, innermost first) before start tags
   * (positive, outermost first), so `</a><b><c>` nest correctly. */
  order: number;
  text: string;
}

export function applyEdits(source: string, edits: readonly Edit[]): string {
  if (edits.length === 0) return source;
  const sorted = edits.map((e, i) => ({ e, i })).sort((x, y) => x.e.at - y.e.at || x.e.order - y.e.order || x.i - y.i);
  const parts: string[] = [];
  let last = 0;
  for (const { e } of sorted) {
    parts.push(source.slice(last, e.at), e.text);
    last = e.at;
  }
  parts.push(source.slice(last));
  return parts.join('');
}

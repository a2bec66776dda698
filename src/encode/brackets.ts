/**
 * The translator's square brackets. They are editorial and must stay visible as such (README, teikit encode):
 *   "[...]" (or "[…]")  -> `gap`: material the translator left out (TEI P5 Guidelines 3.5.3 / 11.3.3.1)
 *   "[sic]"             -> the word before it becomes `sic` (Guidelines 3.5.1); the marker itself is the `sic`
 *   "word[1]"           -> a note marker (Guidelines 3.9.1): one to three digits right after a word or a
 *                          punctuation mark, with no space between ("crossing.[1] The county"); see notes.ts
 *   "[anything else]"   -> `supplied`: words the translator added (Guidelines 11.3.3.1); the builder decides
 *                          between reason "clarification" and, when the brackets hold a second name of the place
 *                          named just before ("Yili [Ili]"), reason "alternative-name".
 * A backslash-escaped bracket (`\[`, markdown) is literal text. Unbalanced and nested brackets are kept as literal
 * text and reported.
 */

export type BracketKind = 'gap' | 'sic' | 'supplied' | 'note';

export interface Bracket {
  kind: BracketKind;
  /** Offset of "[" and just after "]". */
  start: number;
  end: number;
  /** Offsets of the text between the brackets. */
  contentStart: number;
  contentEnd: number;
  content: string;
}

export interface BracketProblem {
  offset: number;
  message: string;
}

function kindOf(content: string, before: string | undefined): BracketKind {
  const c = content.trim();
  if (/^\d{1,3}$/.test(content) && before !== undefined && /\S/.test(before)) return 'note';
  if (/^(?:\.\s*){3,}$/.test(c) || c === '…') return 'gap';
  if (/^sic!?$/i.test(c)) return 'sic';
  return 'supplied';
}

export function scanBrackets(text: string): { brackets: Bracket[]; problems: BracketProblem[] } {
  const brackets: Bracket[] = [];
  const problems: BracketProblem[] = [];
  let open = -1;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (ch === '\\' && (text[i + 1] === '[' || text[i + 1] === ']')) {
      i++;
      continue;
    }
    if (ch === '[') {
      if (open >= 0) problems.push({ offset: open, message: 'bracket "[" is not closed before the next "["; kept as text' });
      open = i;
    } else if (ch === ']') {
      if (open < 0) {
        problems.push({ offset: i, message: 'bracket "]" has no opening "["; kept as text' });
        continue;
      }
      const content = text.slice(open + 1, i);
      if (content.trim() === '') problems.push({ offset: open, message: 'empty brackets "[]"; kept as text' });
      else brackets.push({ kind: kindOf(content, text[open - 1]), start: open, end: i + 1, contentStart: open + 1, contentEnd: i, content });
      open = -1;
    }
  }
  if (open >= 0) problems.push({ offset: open, message: 'bracket "[" is never closed; kept as text' });
  return { brackets, problems };
}

/**
 * Positions in a record: offsets into the normalised text (LF line ends) turned into 1-based line and column, the
 * column counted in Unicode code points (src/diagnostics.ts states the convention for the whole project).
 */
import { diagnostic, type Diagnostic } from '../diagnostics.js';
import type { Position } from '../xml/index.js';

export class SourceText {
  readonly text: string;
  readonly file: string;
  private readonly lineStarts: number[];
  /** The last position asked for: the next one on the same line is counted on from it (see `position`). */
  private last = { line: 0, offset: 0, column: 1 };

  constructor(text: string, file: string) {
    this.text = text;
    this.file = file;
    this.lineStarts = [0];
    for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 10) this.lineStarts.push(i + 1);
  }

  /** 1-based line and column (code points) of a UTF-16 offset. */
  position(offset: number): Position {
    let lo = 0;
    let hi = this.lineStarts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.lineStarts[mid]! <= offset) lo = mid;
      else hi = mid - 1;
    }
    // Columns count code points from the line's start. Counting on from the previous position of the same line
    // keeps a paragraph of 10^4 reports (one long line) linear instead of quadratic.
    let from = this.lineStarts[lo]!;
    let column = 1;
    if (this.last.line === lo && this.last.offset <= offset) {
      from = this.last.offset;
      column = this.last.column;
    }
    for (let i = from; i < offset; i++) {
      const c = this.text.charCodeAt(i);
      // A low surrogate after a high one is the second half of one code point.
      if (!(c >= 0xdc00 && c <= 0xdfff && i > 0 && (this.text.charCodeAt(i - 1) & 0xfc00) === 0xd800)) column++;
    }
    this.last = { line: lo, offset, column };
    return { line: lo + 1, column };
  }

  /** A diagnostic of the encoder at `offset`, of the rule's severity in the catalogue of diagnostics. */
  report(offset: number, message: string, ruleId: string): Diagnostic {
    const { line, column } = this.position(offset);
    return diagnostic({ file: this.file, line, column, message, ruleId, source: 'encode' });
  }
}

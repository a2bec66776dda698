/**
 * Positions in a record: offsets into the normalised text (LF line ends) turned into 1-based line and column, the
 * column counted in Unicode code points (src/diagnostics.ts states the convention for the whole project).
 */
import { diagnostic, type Diagnostic, type Severity } from '../diagnostics.js';

export interface Position {
  line: number;
  column: number;
}

export class SourceText {
  readonly text: string;
  readonly file: string;
  private readonly lineStarts: number[];

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
    const start = this.lineStarts[lo]!;
    return { line: lo + 1, column: [...this.text.slice(start, offset)].length + 1 };
  }

  /** A diagnostic of the encoder at `offset`. */
  report(offset: number, message: string, ruleId: string, severity: Severity = 'warning'): Diagnostic {
    const { line, column } = this.position(offset);
    return diagnostic({ file: this.file, line, column, severity, message, ruleId, source: 'encode' });
  }
}

/**
 * Interning (hash-consing): a builder returns the one object for a given kind and operands, so that equal patterns
 * are `===` and the derivatives memoised on a pattern (derivative.ts) are shared by every place and every element
 * where that pattern occurs. Each kind's file makes its patterns through `intern`, with a key naming the kind and
 * the operands' ids.
 */
import type { Kind, Pattern } from './pattern.js';

export interface Interner {
  readonly empty: Pattern;
  readonly notAllowed: Pattern;
  readonly text: Pattern;
  /** The pattern of this key, made now (with the next id) if it does not exist yet. */
  intern(key: string, kind: Kind, nullable: boolean, contentType: number, parts: Partial<Pattern>): Pattern;
}

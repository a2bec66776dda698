/**
 * The pattern model of a simplified RELAX NG schema (section 4.21's form) plus the `after` pattern of James Clark's
 * derivative algorithm ("An algorithm for RELAX NG validation", 2002): what a pattern is, whichever kind. Each kind
 * has its own file in this folder with its constructor and the simplification rules of sections 4.20 and 4.21 that
 * apply to it; builder.ts interns them.
 */
import type { Datatype, DatatypeValue } from '../datatypes/types.js';
import type { NameClass } from './names.js';

/** Content types of section 7.2 (jing's numbering: a larger one wins in a choice). */
export const EMPTY_CT = 0;
export const ELEMENT_CT = 1;
export const MIXED_CT = 2;
export const DATA_CT = 3;

export type Kind =
  | 'empty' | 'notAllowed' | 'text' | 'choice' | 'interleave' | 'group' | 'oneOrMore' | 'list'
  | 'data' | 'dataExcept' | 'value' | 'attribute' | 'element' | 'after';

export interface Pattern {
  readonly id: number;
  readonly kind: Kind;
  readonly nullable: boolean;
  readonly contentType: number;
  /** Operands: choice keeps all alternatives in `alts` (at least two), binary kinds use `a` and `b`. */
  readonly a: Pattern | undefined;
  readonly b: Pattern | undefined;
  readonly alts: readonly Pattern[] | undefined;
  readonly nameClass: NameClass | undefined;
  readonly datatype: Datatype | undefined;
  readonly value: DatatypeValue | undefined;
  /** Element patterns only: the content, set once after all element patterns exist (they refer to each other). */
  content: Pattern | undefined;
  /** Memo tables of derivative.ts, created on first use. */
  memo: PatternMemo | undefined;
}

export interface PatternMemo {
  /** Keyed by the name's id (`NameIds`). */
  startTag?: Map<number, Pattern>;
  startTagRecover?: Map<number, Pattern>;
  startAttribute?: Map<number, Pattern>;
  data?: Map<string, Pattern>;
  endAttributes?: Pattern;
  ignoreMissingAttributes?: Pattern;
  textOnly?: Pattern;
  endTag?: Pattern;
  mixedText?: Pattern;
  recoverAfter?: Pattern;
  emptyAfter?: Pattern;
  /**
   * A choice's element (or attribute) alternatives by name, so that a start tag looks at the few alternatives it
   * can match instead of all (TEI's content models are choices of hundreds of elements).
   */
  elementIndex?: ChoiceIndex;
  attributeIndex?: ChoiceIndex;
  /** Whether an attribute may still come (validator.ts, to choose between two messages). */
  attributesPossible?: boolean;
  /** Whether data derivatives of this pattern depend on the namespace context (QName values). */
  contextual?: boolean;
}

export interface ChoiceIndex {
  /** Name id -> the alternatives of that kind whose name class is names only and holds the name. */
  byName: Map<number, Pattern[]>;
  /** Every other alternative (other kinds, and name classes with wildcards): always looked at. */
  rest: Pattern[];
}

export function isNotAllowed(p: Pattern): boolean {
  return p.kind === 'notAllowed' || (p.kind === 'after' && p.a!.kind === 'notAllowed');
}

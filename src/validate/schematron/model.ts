/**
 * A Schematron schema after reading (ISO/IEC 19757-3:2016, and the 2020 edition's additions): includes expanded,
 * abstract patterns instantiated, abstract rules inlined. The compiler (compile.ts) turns it into XSLT 3.0.
 * Every part keeps the place it was written, so that a problem in it is reported at the schema's file:line:column.
 */
import type { Diagnostic } from '../../diagnostics.js';

/** Where a schema construct was written. */
export interface Where {
  file: string;
  line: number;
  column: number;
}

/** Assertion text: literal text, `<value-of select>`, `<name path>` (ISO 5.4.5, 5.4.14). */
export type MessagePart = { kind: 'text'; text: string } | { kind: 'value-of'; select: string; at: Where } | { kind: 'name'; path: string; at: Where };

/** `<let name value>`, or a `let` whose value is its element content (ISO 2020, 5.4.6), kept as XML text. */
export interface Let {
  name: string;
  value?: string;
  content?: string;
  at: Where;
}

export interface Check {
  kind: 'assert' | 'report';
  test: string;
  id?: string;
  role?: string;
  flag?: string;
  /** ids of `<diagnostic>`s (ISO 5.4.3). */
  diagnostics: string[];
  /** ids of `<property>`s (ISO 2016, 5.4.11). */
  properties: string[];
  message: MessagePart[];
  at: Where;
}

export interface Rule {
  id?: string;
  context: string;
  role?: string;
  flag?: string;
  lets: Let[];
  checks: Check[];
  at: Where;
}

export interface Pattern {
  id?: string;
  /** The `pattern`'s title, or its `@name` in older schemas. */
  name?: string;
  /** Set on patterns made from `<rule>`s that a RELAX NG schema carries outside any pattern. */
  lets: Let[];
  rules: Rule[];
  at: Where;
}

export interface Phase {
  id: string;
  active: Array<{ pattern: string; at: Where }>;
  lets: Let[];
  at: Where;
}

/** `<diagnostic>` or `<property>`: a message evaluated in the context of the rule that fired. */
export interface Note {
  id: string;
  role?: string;
  scheme?: string;
  message: MessagePart[];
  at: Where;
}

export interface SchematronModel {
  /** The schema's file (or the RELAX NG schema it was taken from). */
  file: string;
  /** Where its `<schema>` element starts (the RELAX NG root for embedded rules). */
  at: Where;
  queryBinding: string;
  title?: string;
  schemaVersion?: string;
  defaultPhase?: string;
  ns: Array<{ prefix: string; uri: string }>;
  lets: Let[];
  patterns: Pattern[];
  phases: Phase[];
  diagnostics: Map<string, Note>;
  properties: Map<string, Note>;
  /** `xsl:function`, `xsl:key` (and other top-level XSLT declarations) as XML text with their namespaces. */
  foreign: Array<{ xml: string; at: Where }>;
  /** Every file the schema was read from (includes too). */
  files: string[];
  /** Warnings about the schema itself (an `extends` or `include` target that does not exist), shown with each file. */
  notes: Diagnostic[];
}

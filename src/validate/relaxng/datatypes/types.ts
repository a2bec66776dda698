/**
 * The interface between patterns and datatype libraries (RELAX NG section 6.2.7 and 6.2.8, the datatype library
 * interface of the RELAX NG DTD Compatibility and XSD guidelines): a datatype checks a string in a namespace context
 * and turns it into a value whose `key` is equal for equal values ("sameValue").
 */

/** The namespace bindings in scope where a value stands (for QName and NOTATION values). */
export interface ValueContext {
  resolve(prefix: string): string | undefined;
}

export const NO_CONTEXT: ValueContext = { resolve: (prefix) => (prefix === 'xml' ? 'http://www.w3.org/XML/1998/namespace' : prefix === '' ? '' : undefined) };

export interface DatatypeValue {
  /** Equal for values the datatype considers the same. */
  readonly key: string;
  /** The value as written in the schema (for messages: `must be equal to "x"`). */
  readonly raw: string;
  /** For QName values: the name (jing says `must be a QName equal to ...`). */
  readonly name?: { ns: string; local: string };
}

export type IdType = 'ID' | 'IDREF' | 'IDREFS' | undefined;

export interface Datatype {
  /** Library URI, type name and parameters: equal keys are the same datatype. */
  readonly key: string;
  readonly library: string;
  readonly name: string;
  /** The parameters it was created with. */
  readonly params: ReadonlyArray<{ name: string; value: string }>;
  /** True for `string` and `token` of the built-in library and XSD `string`/`token` without facets. */
  readonly allowsAnyString: boolean;
  /** Whether values need the namespace context (QName, NOTATION). */
  readonly needsContext: boolean;
  readonly idType: IdType;
  /** Undefined when `value` is valid; else what jing says it must be (`must be an integer`), or ''. */
  check(value: string, context: ValueContext): string | undefined;
  /** The value, or undefined when the string is not one. */
  parse(value: string, context: ValueContext): DatatypeValue | undefined;
}

/** A datatype library: `create` throws DatatypeError for an unknown type or bad parameters. */
export interface DatatypeLibrary {
  readonly uri: string;
  create(name: string, params: ReadonlyArray<{ name: string; value: string }>, context: ValueContext): Datatype;
  /** Whether the library has a type of this name. */
  has(name: string): boolean;
}

/** A datatype that cannot be made; `param`: the index of the parameter at fault, where the schema error is placed. */
export class DatatypeError extends Error {
  constructor(message: string, readonly param?: number) {
    super(message);
  }
}

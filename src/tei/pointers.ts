/**
 * Attributes that point or refer (TEI Guidelines 1.3.1.1.3, `teidata.pointer`; 16.2, "Pointing Mechanisms";
 * 13.1.1, "Linking Names and Their Referents").
 */

/**
 * Attributes that say which entity a name names, in the order a reader looks at them: `@ref` (att.canonical, a
 * pointer), `@key` (att.canonical, a project key, not a pointer) and `@corresp` (att.global.linking, used by some
 * editions to link a name to its register entry).
 */
export const REFERENCE_ATTRIBUTES = ['ref', 'key', 'corresp'] as const;
export type ReferenceAttribute = (typeof REFERENCE_ATTRIBUTES)[number];

/**
 * Attributes holding lists of `teidata.pointer` whose local targets (`#id`) must name an `xml:id` of the document:
 * `@ref` (att.canonical), `@corresp` (att.global.linking), `@target` (att.pointing) and `@who` (att.ascribed).
 */
export const LOCAL_POINTER_ATTRIBUTES = ['ref', 'corresp', 'target', 'who'] as const;

/** Attributes of a register entry that identify it outside the document (authority URIs; TEI 13.3.1, 16.2). */
export const ENTRY_IDENTITY_ATTRIBUTES = ['ref', 'sameAs', 'corresp'] as const;

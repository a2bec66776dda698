/**
 * Dates (TEI Guidelines 3.6.4, "Dates and Times"; 13.4, "Dates"; att.datable.w3c and att.datable.iso).
 */

/**
 * The normalised values of a dating element: `@when` (a point), `@from`/`@to` (a range), `@notBefore`/`@notAfter`
 * (bounds). att.datable.w3c gives them W3C XML Schema values; att.datable.iso gives the same names with `-iso`
 * (`@when-iso`) and ISO 8601 values.
 */
export const DATE_ATTRIBUTES = ['when', 'notBefore', 'notAfter', 'from', 'to'] as const;
export type DateAttribute = (typeof DATE_ATTRIBUTES)[number];
export const ISO_DATE_ATTRIBUTES: readonly string[] = DATE_ATTRIBUTES.map((a) => `${a}-iso`);

/** Elements that are dates when they carry one of the attributes above (TEI 3.6.4). */
export const DATE_ELEMENTS: readonly string[] = ['date', 'time'];

/**
 * TEI elements whose `@from`/`@to` are not dates: page or line ranges (att.citing: `biblScope`, `citedRange`;
 * `locus`, `locusGrp`), pointers (`span`, `arc`, `app`) or offsets (`when`, TEI 17.4).
 */
export const NOT_DATED_ELEMENTS: readonly string[] = ['biblScope', 'citedRange', 'locus', 'locusGrp', 'span', 'arc', 'app', 'when'];

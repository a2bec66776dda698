/** XSD whiteSpace facets (XML Schema Part 2, 4.3.6), on XML whitespace only (not JavaScript's `\s`, which has NBSP). */

export function collapse(value: string): string {
  return value.replace(/[ \t\n\r]+/g, ' ').replace(/^ | $/g, '');
}

export function replace(value: string): string {
  return value.replace(/[\t\n\r]/g, ' ');
}

/** The whitespace-separated tokens of a list value (RELAX NG section 6.2.6). */
export function tokens(value: string): string[] {
  return value.split(/[ \t\n\r]+/).filter((t) => t !== '');
}

export function isBlank(value: string): boolean {
  return /^[ \t\n\r]*$/.test(value);
}

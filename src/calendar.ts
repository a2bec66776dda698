/**
 * The calendar of dates in XML: the proleptic Gregorian calendar of ISO 8601 as XML Schema 1.0 Part 2 counts it
 * (3.2.7 dateTime, D.3.2): there is no year 0, and -0001 is 1 BCE, so a year before the common era is a leap year
 * when the year after it is one in astronomical counting (-0001, -0005, ...), as jing decides. RELAX NG's `xsd:date`
 * (src/validate/relaxng/datatypes/), the edition rule `rules/date-valid` and the encoder's dates all count days
 * here.
 */

/** Whether `year` (XML Schema 1.0 numbering: no year 0, -0001 is 1 BCE) is a leap year. */
export function isLeapYear(year: number): boolean {
  const astronomical = year < 0 ? year + 1 : year;
  return astronomical % 4 === 0 && (astronomical % 100 !== 0 || astronomical % 400 === 0);
}

/** Days in `month` (1-12) of `year`; 29 for February when the year is not known. */
export function daysInMonth(month: number, year?: number): number {
  if (month === 2) return year === undefined || isLeapYear(year) ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

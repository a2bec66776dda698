/**
 * The one calendar of teikit (src/calendar.ts), used by RELAX NG's xsd:date, the edition rule rules/date-valid and
 * the encoder: XML Schema 1.0's years (no year 0, -0001 is 1 BCE), leap years as jing decides them.
 */
import { describe, expect, it } from 'vitest';
import { daysInMonth, isLeapYear } from '../src/calendar.js';
import { checkW3cDate } from '../src/validate/rules/index.js';
import { xsdLibrary } from '../src/validate/relaxng/datatypes/xsd.js';

describe('the calendar', () => {
  it('has leap years every four years, not in centuries except every fourth, and -0001, -0005 ... before the era', () => {
    const years = [1962, 1964, 1900, 2000, 1600, -1, -4, -5, -401, -101];
    expect(years.map((y) => [y, isLeapYear(y)])).toEqual([
      [1962, false], [1964, true], [1900, false], [2000, true], [1600, true], [-1, true], [-4, false], [-5, true], [-401, true], [-101, false],
    ]);
  });

  it('gives the days of each month; February without a year has 29', () => {
    expect(Array.from({ length: 12 }, (_, i) => daysInMonth(i + 1, 1962))).toEqual([31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]);
    expect([daysInMonth(2), daysInMonth(2, 1964), daysInMonth(2, -5), daysInMonth(2, -4)]).toEqual([29, 29, 29, 28]);
  });

  it('is the calendar of xsd:date and of rules/date-valid alike (jing: -0005-02-29 valid, -0004-02-29 not)', () => {
    const none = {} as Parameters<typeof xsdLibrary.create>[2];
    const date = xsdLibrary.create('date', [], none);
    expect(['-0005-02-29', '-0004-02-29', '-0001-02-29', '1900-02-29'].map((v) => [v, date.check(v, none) === undefined])).toEqual([
      ['-0005-02-29', true], ['-0004-02-29', false], ['-0001-02-29', true], ['1900-02-29', false],
    ]);
    expect(['-0005-02-29', '-0004-02-29'].map((v) => checkW3cDate(v) ?? 'valid')).toEqual(['valid', 'February -4 has 28 days, not 29']);
  });
});

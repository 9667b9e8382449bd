import { describe, expect, it } from 'vitest';
import {
  addWorkingDays,
  BANK_HOLIDAYS_ENGLAND_AND_WALES,
  isWorkingDay,
  londonDate,
  workingDaysBetween,
} from './working-days.ts';

describe('working days (England and Wales)', () => {
  it.each([
    ['2026-03-02', true], // Monday
    ['2026-03-06', true], // Friday
    ['2026-03-07', false], // Saturday
    ['2026-03-08', false], // Sunday
    ['2026-04-03', false], // Good Friday
    ['2026-04-06', false], // Easter Monday
    ['2026-12-28', false], // Boxing Day substitute
    ['2027-12-27', false], // Christmas Day substitute
    ['2025-08-25', false], // Summer bank holiday
  ])('%s is a working day: %s', (date, expected) => {
    expect(isWorkingDay(date)).toBe(expected);
  });

  it('lists only weekdays, three years, eight a year', () => {
    for (const date of BANK_HOLIDAYS_ENGLAND_AND_WALES) {
      const weekday = new Date(`${date}T00:00:00Z`).getUTCDay();
      expect(weekday === 0 || weekday === 6, date).toBe(false);
    }
    for (const year of ['2025', '2026', '2027']) {
      expect(BANK_HOLIDAYS_ENGLAND_AND_WALES.filter((d) => d.startsWith(year))).toHaveLength(8);
    }
  });

  it.each([
    ['2026-03-02', '2026-03-02', 0],
    ['2026-03-02', '2026-03-04', 2],
    ['2026-03-06', '2026-03-09', 1], // Friday to Monday
    ['2026-03-07', '2026-03-08', 0], // a weekend
    ['2026-04-02', '2026-04-07', 1], // over Easter: only Tuesday 7th counts
    ['2026-03-02', '2026-03-30', 20], // four weeks
    ['2026-03-04', '2026-03-02', -2],
    ['2025-12-24', '2026-01-02', 4], // 29, 30, 31 Dec and 2 Jan
  ])('from %s to %s is %i working days', (from, to, expected) => {
    expect(workingDaysBetween(from, to)).toBe(expected);
  });

  it.each([
    ['2026-03-02', 5, '2026-03-09'],
    ['2026-03-06', 1, '2026-03-09'],
    ['2026-04-01', 5, '2026-04-10'], // Easter takes two days out
    ['2026-12-23', 2, '2026-12-29'],
    ['2026-03-07', 0, '2026-03-07'],
  ])('%s plus %i working days is %s', (date, days, expected) => {
    expect(addWorkingDays(date, days)).toBe(expected);
    if (days > 0) {
      expect(workingDaysBetween(date, expected)).toBe(days);
    }
  });

  it('refuses a negative number of days and a malformed date', () => {
    expect(() => addWorkingDays('2026-03-02', -1)).toThrow();
    expect(() => workingDaysBetween('2 March 2026', '2026-03-02')).toThrow();
  });

  it('takes the calendar date in England, not in UTC', () => {
    // 23:30 UTC on 30 June is 00:30 on 1 July in British Summer Time.
    expect(londonDate(new Date('2026-06-30T23:30:00Z'))).toBe('2026-07-01');
    expect(londonDate(new Date('2026-12-31T23:30:00Z'))).toBe('2026-12-31');
  });
});

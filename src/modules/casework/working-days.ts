// Working days for social prescribing targets (first contact within N working days): Monday to Friday,
// except the bank holidays of England and Wales. The table is copied from gov.uk/bank-holidays
// (https://www.gov.uk/bank-holidays.json, division "england-and-wales") for 2025 to 2027, including the
// substitute days when a holiday falls at a weekend. After BANK_HOLIDAYS_KNOWN_UNTIL only weekends are
// skipped: extend the table from gov.uk each year.
//
// Dates are plain 'YYYY-MM-DD' strings (the calendar day in England), never Date objects, so no time zone
// can move a day.

export const BANK_HOLIDAYS_ENGLAND_AND_WALES: readonly string[] = [
  // 2025
  '2025-01-01', // New Year's Day
  '2025-04-18', // Good Friday
  '2025-04-21', // Easter Monday
  '2025-05-05', // Early May bank holiday
  '2025-05-26', // Spring bank holiday
  '2025-08-25', // Summer bank holiday
  '2025-12-25', // Christmas Day
  '2025-12-26', // Boxing Day
  // 2026
  '2026-01-01', // New Year's Day
  '2026-04-03', // Good Friday
  '2026-04-06', // Easter Monday
  '2026-05-04', // Early May bank holiday
  '2026-05-25', // Spring bank holiday
  '2026-08-31', // Summer bank holiday
  '2026-12-25', // Christmas Day
  '2026-12-28', // Boxing Day (substitute day)
  // 2027
  '2027-01-01', // New Year's Day
  '2027-03-26', // Good Friday
  '2027-03-29', // Easter Monday
  '2027-05-03', // Early May bank holiday
  '2027-05-31', // Spring bank holiday
  '2027-08-30', // Summer bank holiday
  '2027-12-27', // Christmas Day (substitute day)
  '2027-12-28', // Boxing Day (substitute day)
];

/** The last day the bank holiday table covers. */
export const BANK_HOLIDAYS_KNOWN_UNTIL = '2027-12-31';

const HOLIDAYS = new Set(BANK_HOLIDAYS_ENGLAND_AND_WALES);
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
const DAY_MS = 86_400_000;

function toUtcDate(isoDate: string): Date {
  if (!ISO_DATE.test(isoDate)) {
    throw new Error(`Not a YYYY-MM-DD date: ${isoDate}`);
  }
  return new Date(`${isoDate}T00:00:00Z`);
}

function toIso(date: Date): string {
  return date.toISOString().slice(0, 10);
}

/**
 * Adds calendar days to a date.
 * @param isoDate - 'YYYY-MM-DD'
 * @param days - days to add (negative to go back)
 */
export function addDays(isoDate: string, days: number): string {
  return toIso(new Date(toUtcDate(isoDate).getTime() + days * DAY_MS));
}

/**
 * Is this day a working day in England and Wales (Monday to Friday, not a bank holiday)?
 * @param isoDate - 'YYYY-MM-DD'
 */
export function isWorkingDay(isoDate: string): boolean {
  const weekday = toUtcDate(isoDate).getUTCDay();
  return weekday !== 0 && weekday !== 6 && !HOLIDAYS.has(isoDate);
}

/**
 * The date `days` working days after `isoDate` (the start day itself never counts): a referral accepted
 * on a Friday with a 5-working-day target is due the next Friday.
 * @param isoDate - 'YYYY-MM-DD'
 * @param days - working days to add (0 or more)
 */
export function addWorkingDays(isoDate: string, days: number): string {
  if (!Number.isInteger(days) || days < 0) {
    throw new Error(`Working days to add must be a whole number, 0 or more: ${String(days)}`);
  }
  let date = toIso(toUtcDate(isoDate));
  let left = days;
  while (left > 0) {
    date = addDays(date, 1);
    if (isWorkingDay(date)) {
      left -= 1;
    }
  }
  return date;
}

/**
 * Working days from one date to another: the working days after `from` up to and including `to`, or,
 * when `to` is earlier, minus the working days after `to` up to and including `from`.
 * @param from - 'YYYY-MM-DD'
 * @param to - 'YYYY-MM-DD'
 */
export function workingDaysBetween(from: string, to: string): number {
  const start = toIso(toUtcDate(from));
  const end = toIso(toUtcDate(to));
  if (end < start) {
    return -workingDaysBetween(end, start);
  }
  let count = 0;
  for (let date = addDays(start, 1); date <= end; date = addDays(date, 1)) {
    if (isWorkingDay(date)) {
      count += 1;
    }
  }
  return count;
}

/**
 * The calendar day in England at an instant, as 'YYYY-MM-DD'.
 * @param instant - the moment
 */
export function londonDate(instant: Date): string {
  // en-CA formats as YYYY-MM-DD.
  return instant.toLocaleDateString('en-CA', { timeZone: 'Europe/London' });
}

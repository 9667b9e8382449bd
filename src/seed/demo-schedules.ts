import type { DemoSchedule } from './demo.types.ts';

// Shorthand for the demo's schedules (iCalendar-style, as ORUK carries them).

export const WEEKDAYS = ['MO', 'TU', 'WE', 'TH', 'FR'] as const;

/**
 * Every week on these days.
 * @param byday - `TU` or `MO,WE`
 * @param opensAt - HH:MM
 * @param closesAt - HH:MM
 */
export function weekly(byday: string, opensAt: string, closesAt: string): DemoSchedule {
  return { freq: 'WEEKLY', byday, opensAt, closesAt };
}

/** Every other week on this day. */
export function fortnightly(byday: string, opensAt: string, closesAt: string): DemoSchedule {
  return { freq: 'WEEKLY', byday, opensAt, closesAt, interval: 2 };
}

/**
 * Monthly on an ordinal weekday.
 * @param byday - `1TU` (first Tuesday), `-1FR` (last Friday)
 * @param opensAt - HH:MM
 * @param closesAt - HH:MM
 */
export function monthly(byday: string, opensAt: string, closesAt: string): DemoSchedule {
  return { freq: 'MONTHLY', byday, opensAt, closesAt };
}

/** Office hours, Monday to Friday. */
export function officeHours(opensAt = '09:00', closesAt = '17:00'): DemoSchedule {
  return weekly(WEEKDAYS.join(','), opensAt, closesAt);
}

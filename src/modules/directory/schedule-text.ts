// Turns ORUK / HSDS schedules (iCalendar-style freq, interval, byday, bymonthday, opens_at, closes_at) into
// the plain English a navigator reads out to a patient: "Tuesdays and Thursdays, 10am to 12pm".

export interface ScheduleFields {
  freq: string | null;
  interval: number | null;
  byday: string | null;
  bymonthday: string | null;
  opensAt: string | null;
  closesAt: string | null;
}

const DAY_NAMES: Record<string, string> = {
  MO: 'Monday',
  TU: 'Tuesday',
  WE: 'Wednesday',
  TH: 'Thursday',
  FR: 'Friday',
  SA: 'Saturday',
  SU: 'Sunday',
};
const WEEK_ORDER = ['MO', 'TU', 'WE', 'TH', 'FR', 'SA', 'SU'];
const ORDINALS: Partial<Record<string, string>> = {
  '1': 'first',
  '2': 'second',
  '3': 'third',
  '4': 'fourth',
  '5': 'fifth',
  '-1': 'last',
  '-2': 'second to last',
};

interface ByDay {
  ordinal: string | null;
  day: string;
}

/**
 * Joins words as a list in English: "a", "a and b", "a, b and c".
 * @param items - the words
 */
export function joinWithAnd(items: string[]): string {
  if (items.length <= 1) {
    return items.join('');
  }
  return `${items.slice(0, -1).join(', ')} and ${items.at(-1) ?? ''}`;
}

function parseByDay(byday: string | null): ByDay[] {
  if (byday === null) {
    return [];
  }
  const parsed: ByDay[] = [];
  for (const part of byday.toUpperCase().split(/[\s,]+/)) {
    const match = /^([+-]?\d)?(MO|TU|WE|TH|FR|SA|SU)$/.exec(part);
    const ordinal: string | undefined = match?.[1];
    const day: string | undefined = match?.[2];
    if (day !== undefined) {
      parsed.push({ ordinal: ordinal === undefined ? null : ordinal.replace('+', ''), day });
    }
  }
  return parsed;
}

/**
 * Formats a clock time ("10:00", "13:30:00") the NHS.UK way: "10am", "1:30pm", "12pm", "midnight".
 * @param value - a time of day as HH:MM or HH:MM:SS
 * @returns the formatted time, or null when the value is not a time
 */
export function formatClockTime(value: string | null): string | null {
  const match = /^(\d{1,2}):(\d{2})(?::\d{2})?/.exec(value?.trim() ?? '');
  const hoursText: string | undefined = match?.[1];
  const minutes: string | undefined = match?.[2];
  if (hoursText === undefined || minutes === undefined) {
    return null;
  }
  const hours = Number(hoursText);
  if (hours > 24 || Number(minutes) > 59) {
    return null;
  }
  if ((hours === 0 || hours === 24) && minutes === '00') {
    return 'midnight';
  }
  const suffix = hours >= 12 && hours < 24 ? 'pm' : 'am';
  const hour12 = hours % 12 === 0 ? 12 : hours % 12;
  return minutes === '00' ? `${hour12}${suffix}` : `${hour12}:${minutes}${suffix}`;
}

function describeTimes(opensAt: string | null, closesAt: string | null): string | null {
  const opens = formatClockTime(opensAt);
  const closes = formatClockTime(closesAt);
  if (opens !== null && closes !== null) {
    return `${opens} to ${closes}`;
  }
  if (opens !== null) {
    return `from ${opens}`;
  }
  return closes === null ? null : `until ${closes}`;
}

function weekdayRun(days: string[]): string | null {
  const key = days.join(',');
  if (key === WEEK_ORDER.join(',')) {
    return 'Every day';
  }
  if (key === 'MO,TU,WE,TH,FR') {
    return 'Monday to Friday';
  }
  if (key === 'MO,TU,WE,TH,FR,SA') {
    return 'Monday to Saturday';
  }
  if (key === 'SA,SU') {
    return 'Weekends';
  }
  return null;
}

function describeWeekly(days: ByDay[], interval: number): string | null {
  const codes = [...new Set(days.map((d) => d.day))].sort(
    (a, b) => WEEK_ORDER.indexOf(a) - WEEK_ORDER.indexOf(b),
  );
  if (codes.length === 0) {
    return interval > 1 ? `Every ${interval} weeks` : 'Every week';
  }
  const names = codes.map((code) => DAY_NAMES[code] ?? code);
  if (interval === 2 && codes.length === 1) {
    return `Every other ${names.join('')}`;
  }
  if (interval > 1) {
    return `Every ${interval} weeks on ${joinWithAnd(names.map((n) => `${n}s`))}`;
  }
  return weekdayRun(codes) ?? joinWithAnd(names.map((n) => `${n}s`));
}

function ordinalDay(day: number): string {
  const mod100 = day % 100;
  if (mod100 >= 11 && mod100 <= 13) {
    return `${day}th`;
  }
  const suffix = ({ 1: 'st', 2: 'nd', 3: 'rd' } as Record<number, string>)[day % 10] ?? 'th';
  return `${day}${suffix}`;
}

function describeMonthly(days: ByDay[], monthDays: string | null, interval: number): string | null {
  const period = interval > 1 ? `every ${interval} months` : 'the month';
  const withOrdinal = days.filter((d) => d.ordinal !== null && ORDINALS[d.ordinal] !== undefined);
  if (withOrdinal.length > 0) {
    const weekdays = [...new Set(withOrdinal.map((d) => d.day))];
    if (weekdays.length === 1) {
      const ordinals = joinWithAnd(withOrdinal.map((d) => ORDINALS[d.ordinal ?? ''] ?? ''));
      const text = `${ordinals} ${DAY_NAMES[weekdays[0] ?? ''] ?? ''} of ${period}`;
      return text.charAt(0).toUpperCase() + text.slice(1);
    }
    const parts = withOrdinal.map((d) => `${ORDINALS[d.ordinal ?? ''] ?? ''} ${DAY_NAMES[d.day] ?? d.day}`);
    const text = `${joinWithAnd(parts)} of ${period}`;
    return text.charAt(0).toUpperCase() + text.slice(1);
  }
  const dates = (monthDays ?? '')
    .split(/[\s,]+/)
    .map(Number)
    .filter((n) => Number.isInteger(n) && n >= 1 && n <= 31);
  if (dates.length > 0) {
    return `On the ${joinWithAnd(dates.map(ordinalDay))} of ${interval > 1 ? `every ${interval} months` : 'each month'}`;
  }
  return interval > 1 ? `Every ${interval} months` : 'Once a month';
}

/**
 * Describes when a schedule runs, in plain English, or returns null when the schedule has nothing that can
 * be described (its free-text description is then all a person has).
 * @param schedule - the schedule's recurrence and times
 */
export function describeSchedule(schedule: ScheduleFields): string | null {
  const interval = schedule.interval !== null && schedule.interval > 0 ? schedule.interval : 1;
  const days = parseByDay(schedule.byday);
  const freq = schedule.freq?.toUpperCase() ?? null;
  let when: string | null = null;
  if (freq === 'WEEKLY') {
    when = describeWeekly(days, interval);
  } else if (freq === 'MONTHLY') {
    when = describeMonthly(days, schedule.bymonthday, interval);
  } else if (days.length > 0) {
    when = describeWeekly(days, 1);
  }
  const times = describeTimes(schedule.opensAt, schedule.closesAt);
  if (when === null) {
    return times === null ? null : times.charAt(0).toUpperCase() + times.slice(1);
  }
  return times === null ? when : `${when}, ${times}`;
}

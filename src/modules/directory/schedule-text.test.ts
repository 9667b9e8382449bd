import { describe, expect, it } from 'vitest';
import { describeSchedule, formatClockTime, joinWithAnd, type ScheduleFields } from './schedule-text.ts';

const base: ScheduleFields = {
  freq: null,
  interval: null,
  byday: null,
  bymonthday: null,
  opensAt: null,
  closesAt: null,
};

describe('describeSchedule', () => {
  it.each<[string, Partial<ScheduleFields>, string | null]>([
    [
      'two weekdays with times',
      { freq: 'WEEKLY', byday: 'TU,TH', opensAt: '10:00', closesAt: '12:00' },
      'Tuesdays and Thursdays, 10am to 12pm',
    ],
    ['days given out of order', { freq: 'WEEKLY', byday: 'FR,MO,WE' }, 'Mondays, Wednesdays and Fridays'],
    [
      'working week',
      { freq: 'WEEKLY', byday: 'MO,TU,WE,TH,FR', opensAt: '09:00:00', closesAt: '17:30:00' },
      'Monday to Friday, 9am to 5:30pm',
    ],
    ['every day', { freq: 'WEEKLY', byday: 'MO,TU,WE,TH,FR,SA,SU' }, 'Every day'],
    ['weekends', { freq: 'weekly', byday: 'sa, su', opensAt: '10:00' }, 'Weekends, from 10am'],
    [
      'fortnightly',
      { freq: 'WEEKLY', interval: 2, byday: 'WE', closesAt: '15:00' },
      'Every other Wednesday, until 3pm',
    ],
    [
      'every three weeks',
      { freq: 'WEEKLY', interval: 3, byday: 'MO,TH' },
      'Every 3 weeks on Mondays and Thursdays',
    ],
    ['weekly without days', { freq: 'WEEKLY' }, 'Every week'],
    [
      'first Monday',
      { freq: 'MONTHLY', byday: '1MO', opensAt: '13:00', closesAt: '14:30' },
      'First Monday of the month, 1pm to 2:30pm',
    ],
    ['last Friday', { freq: 'MONTHLY', byday: '-1FR' }, 'Last Friday of the month'],
    [
      'second and fourth Tuesday',
      { freq: 'MONTHLY', byday: '2TU,4TU' },
      'Second and fourth Tuesday of the month',
    ],
    [
      'mixed monthly days',
      { freq: 'MONTHLY', byday: '1MO,3WE' },
      'First Monday and third Wednesday of the month',
    ],
    ['day of month', { freq: 'MONTHLY', bymonthday: '1,15' }, 'On the 1st and 15th of each month'],
    [
      '11th to 13th take th',
      { freq: 'MONTHLY', bymonthday: '11,22,23' },
      'On the 11th, 22nd and 23rd of each month',
    ],
    ['every two months', { freq: 'MONTHLY', interval: 2, byday: '1TU' }, 'First Tuesday of every 2 months'],
    ['monthly without detail', { freq: 'MONTHLY' }, 'Once a month'],
    ['times only', { opensAt: '08:30', closesAt: '00:00' }, '8:30am to midnight'],
    ['days without freq', { byday: 'SA' }, 'Saturdays'],
    ['nothing to describe', {}, null],
    ['unparseable parts are ignored', { freq: 'WEEKLY', byday: 'XX', opensAt: 'soon' }, 'Every week'],
  ])('%s', (_name, fields, expected) => {
    expect(describeSchedule({ ...base, ...fields })).toBe(expected);
  });
});

describe('formatClockTime', () => {
  it.each<[string | null, string | null]>([
    ['00:00', 'midnight'],
    ['00:30', '12:30am'],
    ['09:05', '9:05am'],
    ['12:00', '12pm'],
    ['12:45:00', '12:45pm'],
    ['23:59', '11:59pm'],
    ['25:00', null],
    ['', null],
    [null, null],
  ])('%s -> %s', (input, expected) => {
    expect(formatClockTime(input)).toBe(expected);
  });
});

describe('joinWithAnd', () => {
  it.each<[string[], string]>([
    [[], ''],
    [['a'], 'a'],
    [['a', 'b'], 'a and b'],
    [['a', 'b', 'c'], 'a, b and c'],
  ])('%j', (items, expected) => {
    expect(joinWithAnd(items)).toBe(expected);
  });
});

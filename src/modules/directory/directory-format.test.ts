import { describe, expect, it } from 'vitest';
import {
  capacityTag,
  deliveryModeLabels,
  formatAgeRange,
  formatDistance,
  formatLongDate,
  formatTimeAgo,
  formatWait,
  needLabels,
  referralRouteLabels,
  safeWebUrl,
  telHref,
} from './directory-format.ts';
import { CAPACITY_STATUSES } from './vocabulary.ts';

describe('capacityTag', () => {
  it('gives every status a distinct colour and its words', () => {
    const tags = CAPACITY_STATUSES.map(capacityTag);
    expect(new Set(tags.map((t) => t.colour)).size).toBe(CAPACITY_STATUSES.length);
    expect(capacityTag('unknown')).toEqual({ text: 'Capacity unknown', colour: 'grey' });
    expect(capacityTag('accepting')).toEqual({ text: 'Accepting people', colour: 'green' });
  });
});

describe('formatDistance', () => {
  it.each<[number | null, string | null]>([
    [1.234, '1.2 km away'],
    [0.04, 'Less than 0.1 km away'],
    [9.96, '10.0 km away'],
    [12.6, '13 km away'],
    [null, null],
    [-1, null],
    [Number.NaN, null],
  ])('%s', (km, expected) => {
    expect(formatDistance(km)).toBe(expected);
  });
});

describe('formatWait', () => {
  it.each<[number | null, string | null]>([
    [null, null],
    [0, 'No wait'],
    [1, "About 1 week's wait"],
    [6, "About 6 weeks' wait"],
  ])('%s', (weeks, expected) => {
    expect(formatWait(weeks)).toBe(expected);
  });
});

describe('formatAgeRange', () => {
  it.each<[number | null, number | null, string]>([
    [null, null, 'All ages'],
    [0, null, 'All ages'],
    [18, null, '18 and over'],
    [null, 25, 'Up to 25'],
    [0, 18, 'Up to 18'],
    [16, 25, '16 to 25'],
  ])('%s-%s', (min, max, expected) => {
    expect(formatAgeRange(min, max)).toBe(expected);
  });
});

describe('formatTimeAgo', () => {
  const now = new Date('2026-03-10T12:00:00Z');
  it.each<[string, string]>([
    ['2026-03-10T08:00:00Z', 'today'],
    ['2026-03-09T11:00:00Z', 'yesterday'],
    ['2026-03-08T12:00:00Z', '2 days ago'],
    ['2026-02-20T12:00:00Z', '2 weeks ago'],
    ['2025-11-10T12:00:00Z', '4 months ago'],
    ['2023-03-01T12:00:00Z', '3 years ago'],
    ['2026-03-11T12:00:00Z', 'today'],
  ])('%s', (then, expected) => {
    expect(formatTimeAgo(new Date(then), now)).toBe(expected);
  });
});

describe('formatLongDate', () => {
  it('reads a plain date as that calendar day and a timestamp in UK time', () => {
    expect(formatLongDate('2026-03-03')).toBe('3 March 2026');
    expect(formatLongDate(new Date('2026-06-30T23:30:00Z'))).toBe('1 July 2026');
    expect(formatLongDate(null)).toBeNull();
    expect(formatLongDate('not a date')).toBeNull();
  });
});

describe('labels', () => {
  it('maps codes to words and skips unknown codes', () => {
    expect(deliveryModeLabels(['phone', 'teleport', 'in_person'])).toEqual(['By phone', 'In person']);
    expect(referralRouteLabels(['self_referral', 'nope'])).toEqual(['People can refer themselves']);
    expect(needLabels(['loneliness', 'made_up'])).toEqual(['Loneliness and isolation']);
  });
});

describe('safeWebUrl and telHref', () => {
  it.each<[string | null, string | null]>([
    ['https://example.org/path', 'https://example.org/path'],
    ['www.example.org', 'https://www.example.org/'],
    ['javascript:alert(1)', null],
    ['/relative', null],
    ['mailto:someone@example.org', null],
    [null, null],
  ])('safeWebUrl(%s)', (input, expected) => {
    expect(safeWebUrl(input)).toBe(expected);
  });

  it('makes tel: links from written numbers', () => {
    expect(telHref('0113 496 0000')).toBe('tel:01134960000');
    expect(telHref('+44 (0)113 496 0000')).toBe('tel:+4401134960000');
    expect(telHref('ask at reception')).toBeNull();
  });
});

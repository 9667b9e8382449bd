import { describe, expect, it } from 'vitest';
import { formatDateTime } from './account.service.ts';

describe('formatDateTime', () => {
  it.each([
    ['2026-07-01T13:05:00Z', '1 July 2026 at 2:05pm'],
    ['2026-12-24T09:30:00Z', '24 December 2026 at 9:30am'],
    ['2026-01-05T00:00:00Z', '5 January 2026 at midnight'],
    ['2026-01-05T12:00:00Z', '5 January 2026 at midday'],
    ['2026-01-05T00:10:00Z', '5 January 2026 at 12:10am'],
    ['2026-01-05T12:45:00Z', '5 January 2026 at 12:45pm'],
  ])('writes %s in London time as %s', (iso, text) => {
    expect(formatDateTime(new Date(iso))).toBe(text);
  });
});

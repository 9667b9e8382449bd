import { describe, expect, it } from 'vitest';
import { daysOf, filterQuery, parseReportFilter } from './reports-filter.ts';

const TODAY = '2026-11-21';
const PRACTICE = '6f1c1d7e-2b1a-4c3d-9e8f-0a1b2c3d4e5f';

describe('parseReportFilter', () => {
  it('defaults to every practice and the last 28 days, today included', () => {
    const result = parseReportFilter({}, [PRACTICE], TODAY);
    expect(result).toMatchObject({ ok: true, value: { practiceId: null, from: '2026-10-25', to: TODAY } });
    expect(result.typed.from).toEqual({ day: '25', month: '10', year: '2026' });
  });

  it('reads the date boxes, or ISO dates from links', () => {
    const boxes = parseReportFilter(
      { practice: PRACTICE, 'from[day]': '1', 'from[month]': '11', 'from[year]': '2026', to: '2026-11-07' },
      [PRACTICE],
      TODAY,
    );
    expect(boxes).toMatchObject({
      ok: true,
      value: { practiceId: PRACTICE, from: '2026-11-01', to: '2026-11-07' },
    });
  });

  it.each([
    [{ practice: 'somewhere-else' }, 'practice', 'Select a practice from the list'],
    [{ 'from[day]': '', 'from[month]': '', 'from[year]': '' }, 'from-day', "Enter the 'From' date"],
    [{ 'to[day]': '3', 'to[month]': '', 'to[year]': '2026' }, 'to-day', "'To' date must include a month"],
    [
      { from: '2026-11-10', to: '2026-11-09' },
      'to-day',
      "'To' date must be the same as or after the 'From' date",
    ],
    [{ from: '2025-11-20', to: '2026-11-21' }, 'to-day', 'Choose a period of no more than a year'],
  ])('%o is refused on %s', (query, field, message) => {
    const result = parseReportFilter(query, [PRACTICE], TODAY);
    expect(result.ok).toBe(false);
    expect(result.ok ? [] : result.issues).toEqual([{ field, message }]);
  });

  it('accepts a whole year and a day', () => {
    expect(parseReportFilter({ from: '2025-11-21', to: '2026-11-21' }, [], TODAY).ok).toBe(true);
  });
});

describe('daysOf and filterQuery', () => {
  it('lists every day of the range, across a month end', () => {
    expect(daysOf({ from: '2026-10-30', to: '2026-11-02' })).toEqual([
      '2026-10-30',
      '2026-10-31',
      '2026-11-01',
      '2026-11-02',
    ]);
  });

  it('turns the filters back into a query string the parser reads', () => {
    const filter = { practiceId: PRACTICE, from: '2026-11-01', to: '2026-11-07' };
    const query = Object.fromEntries(new URLSearchParams(filterQuery(filter)));
    expect(parseReportFilter(query, [PRACTICE], TODAY)).toMatchObject({ ok: true, value: filter });
  });
});

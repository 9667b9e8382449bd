import { describe, expect, it } from 'vitest';
import type { NavigationAggregates } from './reports-query.repository.ts';
import { buildReportTable, cellText, csvCell, elsewhereShare, share } from './reports-tables.ts';

const empty: NavigationAggregates = {
  days: [],
  navigators: [],
  destinations: [],
  outcomes: [],
  redFlags: [],
  choseGp: [],
  turnedAway: [],
};
const exact = { suppress: false, days: ['2026-11-02', '2026-11-03', '2026-11-04'] };
const suppressed = { ...exact, suppress: true };

describe('share', () => {
  it.each([
    [1, 3, false, 33],
    [2, 3, false, 67],
    [0, 10, true, 0],
    [5, 10, true, 50],
    [4, 10, true, null],
    [5, 0, false, null],
  ])('%i of %i (suppress %s) is %s', (part, whole, suppress, expected) => {
    expect(share(part, whole, { suppress })).toBe(expected);
  });
});

describe('cells', () => {
  it.each([
    [3, 'count', false, '3', '3'],
    [3, 'count', true, 'fewer than 5', '<5'],
    [0, 'count', true, '0', '0'],
    [1234, 'count', true, '1,234', '1234'],
    [42, 'percent', true, '42%', '42'],
    [null, 'percent', true, 'not shown', ''],
    ['Pharmacy', 'text', true, 'Pharmacy', 'Pharmacy'],
  ] as const)('%s as a %s (suppress %s)', (value, kind, suppress, page, csv) => {
    expect(cellText(value, kind, { suppress })).toBe(page);
    expect(csvCell(value, { suppress })).toBe(csv);
  });
});

describe('elsewhereShare', () => {
  it('counts signposts and link-worker referrals against completed navigations without a red flag', () => {
    const result = elsewhereShare(
      [
        { outcome: 'signposted', gpReason: null, count: 45 },
        { outcome: 'referred-link-worker', gpReason: null, count: 20 },
        { outcome: 'gp', gpReason: 'needed', count: 15 },
        { outcome: 'gp', gpReason: 'patient-preferred', count: 10 },
        { outcome: 'declined', gpReason: null, count: 10 },
        { outcome: 'red-flag', gpReason: null, count: 7 },
      ],
      { suppress: true },
    );
    expect(result).toEqual({ elsewhere: 65, considered: 100, percent: 65 });
  });
});

describe('buildReportTable', () => {
  it('shows every day of the range, with 0 for days without navigations', () => {
    const table = buildReportTable(
      'days',
      { ...empty, days: [{ day: '2026-11-03', started: 12, completed: 11 }] },
      exact,
    );
    expect(table.rows).toEqual([
      ['2026-11-02', 0, 0],
      ['2026-11-03', 12, 11],
      ['2026-11-04', 0, 0],
    ]);
    expect(cellText('2026-11-03', 'date', exact)).toBe('Tue 3 Nov');
    expect(table.chart.data.map((d) => d.value)).toEqual([0, 12, 0]);
  });

  it('splits GP outcomes by reason and gives shares of all completed navigations', () => {
    const table = buildReportTable(
      'outcomes',
      {
        ...empty,
        outcomes: [
          { outcome: 'signposted', gpReason: null, count: 6 },
          { outcome: 'gp', gpReason: 'patient-preferred', count: 3 },
          { outcome: 'gp', gpReason: 'needed', count: 1 },
        ],
      },
      exact,
    );
    expect(table.rows).toEqual([
      ['Signposted to a service', 6, 60],
      ['Referred to the link worker', 0, 0],
      ['GP: needed', 1, 10],
      ['GP: the patient preferred it', 3, 30],
      ['Declined every option', 0, 0],
      ['Red flag escalated', 0, 0],
    ]);
  });

  it('lists every red-flag action, split by where the flag came from', () => {
    const table = buildReportTable(
      'red-flags',
      {
        ...empty,
        redFlags: [
          { outcome: 'duty-gp-now', source: 'free-text', count: 2 },
          { outcome: 'duty-gp-now', source: 'screen', count: 1 },
        ],
      },
      exact,
    );
    expect(table.rows.map((r) => r.slice(1))).toEqual([
      [0, 0, 0],
      [1, 2, 3],
      [0, 0, 0],
      [0, 0, 0],
    ]);
  });

  it('draws a small count as an empty bar with its words when suppressing', () => {
    const table = buildReportTable(
      'destinations',
      {
        ...empty,
        destinations: [
          { kind: 'protocol', name: 'Community pharmacy', count: 9 },
          { kind: 'service', name: 'Calm Minds', count: 2 },
        ],
      },
      suppressed,
    );
    expect(table.chart.data).toEqual([
      { label: 'Community pharmacy', value: 9 },
      { label: 'Calm Minds', value: 0, text: 'fewer than 5' },
    ]);
    expect(table.rows[1]).toEqual(['Calm Minds', 'Local service (directory)', 2]);
  });

  it('adds up both kinds of turning away per service, most first', () => {
    const table = buildReportTable(
      'turned-away',
      {
        ...empty,
        turnedAway: [
          { name: 'Allotment Club', answer: 'service_full', count: 1 },
          { name: 'Calm Minds', answer: 'service_full', count: 2 },
          { name: 'Calm Minds', answer: 'couldnt_get_in', count: 1 },
        ],
      },
      exact,
    );
    expect(table.rows).toEqual([
      ['Calm Minds', 2, 1, 3],
      ['Allotment Club', 1, 0, 1],
    ]);
  });
});

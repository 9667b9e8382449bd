import { describe, expect, it } from 'vitest';
import { currentStep, elapsedText } from './navigate.state.ts';
import type { NavigationRecord } from './navigation-record.repository.ts';

// The step comes only from the record: the red-flag check first, a red flag stops, then needs, options,
// copy, done.

const fresh = {
  redFlagOutcome: null,
  needs: [],
  outcome: null,
  copyChannel: null,
} as unknown as NavigationRecord;

describe('currentStep', () => {
  it.each([
    [{}, 'red-flags'],
    [{ redFlagOutcome: 'call-999', needs: ['loneliness'], outcome: 'red-flag' }, 'stopped'],
    [{ redFlagOutcome: 'none' }, 'needs'],
    [{ redFlagOutcome: 'none', needs: ['loneliness'] }, 'options'],
    [{ redFlagOutcome: 'none', needs: ['loneliness'], outcome: 'signposted' }, 'copy'],
    [{ redFlagOutcome: 'none', needs: ['loneliness'], outcome: 'gp', copyChannel: 'none' }, 'done'],
  ])('%o is at %s', (change, step) => {
    expect(currentStep({ ...fresh, ...change } as NavigationRecord)).toBe(step);
  });
});

describe('elapsedText', () => {
  const start = new Date('2026-03-02T10:00:00Z');
  it.each([
    [0, '0 s'],
    [59_999, '59 s'],
    [80_000, '1 min 20 s'],
    [3_725_000, '1 h 2 min'],
  ])('%i ms is %s', (ms, text) => {
    expect(elapsedText(start, new Date(start.getTime() + ms))).toBe(text);
  });
});

import { describe, expect, it } from 'vitest';
import { MAX_ATTEMPTS, nextAttemptAfter } from './outbox.backoff.ts';

const failedAt = new Date('2026-11-22T09:00:00Z');

describe('nextAttemptAfter', () => {
  it.each<[number, string]>([
    [1, '2026-11-22T09:01:00.000Z'],
    [2, '2026-11-22T09:05:00.000Z'],
    [3, '2026-11-22T09:30:00.000Z'],
    [4, '2026-11-22T11:00:00.000Z'],
  ])('retries after attempt %i at %s', (attemptsMade, expected) => {
    expect(nextAttemptAfter(attemptsMade, failedAt)?.toISOString()).toBe(expected);
  });

  it('gives up after the fifth attempt', () => {
    expect(MAX_ATTEMPTS).toBe(5);
    expect(nextAttemptAfter(5, failedAt)).toBeNull();
    expect(nextAttemptAfter(6, failedAt)).toBeNull();
  });

  it('waits longer after each failure', () => {
    const delays = [1, 2, 3, 4].map(
      (n) => (nextAttemptAfter(n, failedAt)?.getTime() ?? 0) - failedAt.getTime(),
    );
    expect(delays).toEqual([...delays].sort((a, b) => a - b));
    expect(new Set(delays).size).toBe(4);
  });

  it.each([0, -1, 1.5, Number.NaN])('refuses %s attempts', (attemptsMade) => {
    expect(() => nextAttemptAfter(attemptsMade, failedAt)).toThrow(RangeError);
  });
});

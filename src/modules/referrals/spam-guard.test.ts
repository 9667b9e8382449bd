import { describe, expect, it } from 'vitest';
import { checkFormStart, honeypotFilled, signFormStart } from './spam-guard.ts';

const SECRET = 'k'.repeat(32);
const shown = new Date('2026-03-02T10:00:00Z');
const after = (ms: number): Date => new Date(shown.getTime() + ms);

describe('the self-referral form’s spam guard', () => {
  it.each([
    [2_999, 'tooFast'],
    [3_000, null],
    [60_000, null],
    [2 * 3600_000, null],
    [2 * 3600_000 + 1, 'expired'],
  ])('a form sent %i ms after it was shown is %s', (ms, expected) => {
    expect(checkFormStart(signFormStart(SECRET, shown), SECRET, after(ms))).toBe(expected);
  });

  it('refuses a start time signed with another secret, changed, or missing', () => {
    const signed = signFormStart(SECRET, shown);
    expect(checkFormStart(signFormStart('other'.repeat(8), shown), SECRET, after(10_000))).toBe('invalid');
    expect(
      checkFormStart(signed.replace(/^\d+/, String(shown.getTime() - 60_000)), SECRET, after(10_000)),
    ).toBe('invalid');
    expect(checkFormStart('', SECRET, after(10_000))).toBe('invalid');
    expect(checkFormStart('123.abc', SECRET, after(10_000))).toBe('invalid');
  });

  it('spots a filled honeypot', () => {
    expect(honeypotFilled({ website: '' })).toBe(false);
    expect(honeypotFilled({})).toBe(false);
    expect(honeypotFilled({ website: 'http://x' })).toBe(true);
    expect(honeypotFilled({ website: ['a', 'b'] })).toBe(true);
  });
});

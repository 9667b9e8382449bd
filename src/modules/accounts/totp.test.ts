import { describe, expect, it } from 'vitest';
import { checkTotpCode, groupSecret, newTotpSecret, totpCodeAt, totpStepAt, totpUri } from './totp.ts';

// RFC 6238 appendix B: the SHA-1 test key is the ASCII "12345678901234567890"; its base32 form is below.
const RFC_SECRET = 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ';

describe('TOTP', () => {
  it.each([
    [59, '287082'],
    [1111111109, '081804'],
    [1234567890, '005924'],
    [2000000000, '279037'],
  ])('makes the RFC 6238 code at %i seconds', (seconds, code) => {
    expect(totpCodeAt(RFC_SECRET, new Date(seconds * 1000))).toBe(code);
  });

  it('makes 160-bit base32 secrets, different each time', () => {
    const a = newTotpSecret();
    expect(a).toMatch(/^[A-Z2-7]{32}$/);
    expect(newTotpSecret()).not.toBe(a);
  });

  it('groups the secret in fours for typing', () => {
    expect(groupSecret(RFC_SECRET)).toBe('GEZD GNBV GY3T QOJQ GEZD GNBV GY3T QOJQ');
  });

  it('writes the otpauth URI authenticator apps read', () => {
    const uri = new URL(totpUri(RFC_SECRET, 'ada@example.org'));
    expect(uri.protocol).toBe('otpauth:');
    expect(uri.host).toBe('totp');
    expect(decodeURIComponent(uri.pathname)).toBe('/Signpost:ada@example.org');
    expect(Object.fromEntries(uri.searchParams)).toEqual({
      issuer: 'Signpost',
      secret: RFC_SECRET,
      algorithm: 'SHA1',
      digits: '6',
      period: '30',
    });
  });

  const now = new Date(1_800_000_015_000);
  const step = totpStepAt(now);

  it.each([
    ['the current step', 0],
    ['the step before', -1],
    ['the step after', 1],
  ])('accepts a code of %s', (_label, delta) => {
    const code = totpCodeAt(RFC_SECRET, new Date(now.getTime() + delta * 30_000));
    expect(checkTotpCode(RFC_SECRET, code, { lastStep: null, now })).toEqual({
      ok: true,
      step: step + delta,
    });
  });

  it.each([-2, 2])('refuses a code %i steps away', (delta) => {
    const code = totpCodeAt(RFC_SECRET, new Date(now.getTime() + delta * 30_000));
    expect(checkTotpCode(RFC_SECRET, code, { lastStep: null, now })).toEqual({
      ok: false,
      reason: 'wrong-code',
    });
  });

  it('refuses a code whose step was already used, or an earlier one', () => {
    const code = totpCodeAt(RFC_SECRET, now);
    expect(checkTotpCode(RFC_SECRET, code, { lastStep: step, now })).toEqual({
      ok: false,
      reason: 'replayed',
    });
    const earlier = totpCodeAt(RFC_SECRET, new Date(now.getTime() - 30_000));
    expect(checkTotpCode(RFC_SECRET, earlier, { lastStep: step, now })).toEqual({
      ok: false,
      reason: 'replayed',
    });
    const later = totpCodeAt(RFC_SECRET, new Date(now.getTime() + 30_000));
    expect(checkTotpCode(RFC_SECRET, later, { lastStep: step, now })).toEqual({ ok: true, step: step + 1 });
  });

  it('refuses a code made with another secret', () => {
    const code = totpCodeAt(newTotpSecret(), now);
    const result = checkTotpCode(RFC_SECRET, code, { lastStep: null, now });
    // One chance in a million or so that another secret gives the same code in the window.
    expect(result.ok && code !== totpCodeAt(RFC_SECRET, now)).toBe(false);
  });
});

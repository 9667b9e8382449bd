import { describe, expect, it } from 'vitest';
import { openTotpSecret, sealTotpSecret } from './totp-secret-box.ts';

const SECRET = 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP';
const KEY = 'k'.repeat(32);
const USER = '6f1c2a54-5a3e-4d35-9c53-1a4f7a9a0b11';
const OTHER_USER = '0b7e3c53-0a2f-4b0e-8f4e-9d6c1f2e3a44';

describe('TOTP secret sealing', () => {
  it('seals with AES-256-GCM and opens again with the same key and user', () => {
    const sealed = sealTotpSecret(SECRET, { sessionSecret: KEY, userId: USER });
    expect(sealed).toMatch(/^v1\.[A-Za-z0-9_-]+$/);
    expect(sealed).not.toContain(SECRET);
    expect(openTotpSecret(sealed, { sessionSecret: KEY, userId: USER })).toBe(SECRET);
  });

  it('uses a fresh IV each time', () => {
    const a = sealTotpSecret(SECRET, { sessionSecret: KEY, userId: USER });
    const b = sealTotpSecret(SECRET, { sessionSecret: KEY, userId: USER });
    expect(a).not.toBe(b);
  });

  it('does not open with another key, for another user, when changed, or without a key', () => {
    const sealed = sealTotpSecret(SECRET, { sessionSecret: KEY, userId: USER });
    expect(openTotpSecret(sealed, { sessionSecret: 'j'.repeat(32), userId: USER })).toBeNull();
    expect(openTotpSecret(sealed, { sessionSecret: KEY, userId: OTHER_USER })).toBeNull();
    const tampered = `${sealed.slice(0, -2)}${sealed.endsWith('AA') ? 'BB' : 'AA'}`;
    expect(openTotpSecret(tampered, { sessionSecret: KEY, userId: USER })).toBeNull();
    expect(openTotpSecret('v1.AAAA', { sessionSecret: KEY, userId: USER })).toBeNull();
    expect(openTotpSecret(sealed, { sessionSecret: undefined, userId: USER })).toBeNull();
  });

  it('stores the plain secret without SESSION_SECRET, and reads plain secrets with or without one', () => {
    const stored = sealTotpSecret(SECRET, { sessionSecret: undefined, userId: USER });
    expect(stored).toBe(SECRET);
    expect(openTotpSecret(stored, { sessionSecret: undefined, userId: USER })).toBe(SECRET);
    expect(openTotpSecret(stored, { sessionSecret: KEY, userId: USER })).toBe(SECRET);
  });
});

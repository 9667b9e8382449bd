import { describe, expect, it } from 'vitest';
import {
  decodeOidcFlow,
  encodeOidcFlow,
  identityFromClaims,
  isLoopbackIssuer,
  OIDC_FLOW_SECONDS,
  oidcScopes,
  type OidcFlow,
} from './oidc.client.ts';

describe('isLoopbackIssuer (plain HTTP is allowed only for these)', () => {
  it.each([
    ['http://localhost:8080', true],
    ['http://127.0.0.1:4000/oidc', true],
    ['http://[::1]:3000', true],
    ['https://localhost', true],
    [
      'https://am.nhsidentity.spineservices.nhs.uk/openam/oauth2/realms/root/realms/NHSIdentity/realms/Healthcare',
      false,
    ],
    ['http://localhost.evil.example', false],
    ['http://127.0.0.1.nip.io', false],
    ['http://10.0.0.5:8080', false],
  ])('%s → %s', (issuer, expected) => {
    expect(isLoopbackIssuer(issuer)).toBe(expected);
  });
});

describe('oidcScopes', () => {
  it.each([
    ['openid profile email', 'openid profile email'],
    ['profile email', 'openid profile email'],
    ['  openid   nhsperson  ', 'openid nhsperson'],
  ])('%j → %j', (configured, sent) => {
    expect(oidcScopes(configured)).toBe(sent);
  });
});

describe('identityFromClaims', () => {
  const mapping = { emailClaim: 'email', nameClaim: 'name' };
  const idToken = { iss: 'https://op.example', sub: 'abc-123' };

  it('takes each claim from the ID token first, then from userinfo', () => {
    expect(
      identityFromClaims(
        { ...idToken, email: 'Ada@Example.org ' },
        [{ email: 'other@example.org', name: 'Ada' }],
        mapping,
      ),
    ).toEqual({
      issuer: 'https://op.example',
      subject: 'abc-123',
      email: 'Ada@Example.org',
      emailVerified: null,
      name: 'Ada',
    });
  });

  it('reads configured claim names (CIS2 names are unconfirmed)', () => {
    const identity = identityFromClaims(
      idToken,
      [{ email: 'personal@example.org', nhs_email: 'ada@nhs.net', display_name: 'Ada L' }],
      { emailClaim: 'nhs_email', nameClaim: 'display_name' },
    );
    expect(identity.email).toBe('ada@nhs.net');
    expect(identity.name).toBe('Ada L');
  });

  it.each([
    [{ email_verified: true }, true],
    [{ email_verified: false }, false],
    [{ email_verified: 'false' }, false],
    [{ email_verified: 'yes' }, null],
    [{}, null],
  ])('email_verified %j → %s', (claims, expected) => {
    expect(identityFromClaims({ ...idToken, ...claims }, [], mapping).emailVerified).toBe(expected);
  });

  it('ignores blank and non-string values', () => {
    const identity = identityFromClaims(
      { ...idToken, email: '  ', name: 42 },
      [{ email: ['a@b.c'] }],
      mapping,
    );
    expect(identity.email).toBeNull();
    expect(identity.name).toBeNull();
  });
});

describe('the flow cookie value', () => {
  const flow: OidcFlow = {
    state: 'state-value',
    nonce: 'nonce-value',
    codeVerifier: 'v'.repeat(43),
    next: '/app/admin/users?page=2',
  };
  const start = new Date('2026-11-22T10:00:00Z');

  it('round-trips within ten minutes', () => {
    const value = encodeOidcFlow(flow, start);
    expect(decodeOidcFlow(value, new Date(start.getTime() + (OIDC_FLOW_SECONDS - 1) * 1000))).toEqual(flow);
  });

  it('has expired after ten minutes, whatever the browser kept', () => {
    const value = encodeOidcFlow(flow, start);
    expect(decodeOidcFlow(value, new Date(start.getTime() + OIDC_FLOW_SECONDS * 1000))).toBeNull();
  });

  it.each([
    ['not json', 'not json'],
    [
      'a missing verifier',
      JSON.stringify({ ...flow, codeVerifier: undefined, expiresAt: Date.now() + 60_000 }),
    ],
    ['a short verifier', JSON.stringify({ ...flow, codeVerifier: 'short', expiresAt: Date.now() + 60_000 })],
    ['no expiry', JSON.stringify(flow)],
  ])('is refused with %s', (_what, value) => {
    expect(decodeOidcFlow(value, new Date())).toBeNull();
  });
});

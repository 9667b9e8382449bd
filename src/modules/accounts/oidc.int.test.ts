import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildUser, TestAgent } from '../../../test/support/accounts.ts';
import { startTestOidcProvider, type TestOidcProvider } from '../../../test/support/oidc-provider.ts';
import { createTestDatabase, type TestDatabase } from '../../../test/support/test-db.ts';
import { createTestApp } from '../../../test/support/test-app.ts';
import { searchAudit } from '../audit/audit.repository.ts';
import type { AuditRecord } from '../audit/audit.model.ts';
import { encodeOidcFlow, type OidcFlow } from './oidc.client.ts';
import { findUserById } from './user.repository.ts';

// The whole Authorization Code flow against a real OpenID provider (oidc-provider on 127.0.0.1): the app
// is driven through app.inject with a cookie jar, the provider through fetch with another. The app's
// public address is made up; the provider only redirects the "browser" there, and the test carries the
// callback URL across.

const BASE_URL = 'https://signpost.test';
const FLOW_COOKIE = '__Host-signpost-oidc';
const REFUSED = 'There is no Signpost account for this identity';

let t: TestDatabase;
let op: TestOidcProvider;
let app: FastifyInstance;

beforeAll(async () => {
  t = await createTestDatabase();
  op = await startTestOidcProvider({ redirectUris: [`${BASE_URL}/signin/oidc/callback`] });
  app = await createTestApp(t, { publicBaseUrl: BASE_URL, oidc: op.appConfig });
});

afterAll(async () => {
  await app.close();
  await op.close();
  await t.close();
});

/** Starts sign-in at the app; returns the provider URL it redirected to. */
async function begin(agent: TestAgent, next = '/app'): Promise<string> {
  const start = await agent.get(`/signin/oidc?next=${encodeURIComponent(next)}`);
  expect(start.statusCode).toBe(303);
  const location = start.headers.location ?? '';
  expect(location.startsWith(`${op.issuer}/`)).toBe(true);
  return location;
}

/** Comes back to the app at the URL the provider redirected to. */
async function callback(agent: TestAgent, url: URL): Promise<LightMyRequestResponse> {
  expect(url.origin).toBe(BASE_URL);
  return agent.get(`${url.pathname}${url.search}`);
}

/** The whole round trip: app → provider (sign in as `login`, or cancel) → app. */
async function signInAt(
  agent: TestAgent,
  action: { login: string } | { cancel: true },
  next = '/app',
): Promise<LightMyRequestResponse> {
  return callback(agent, await op.authorize(await begin(agent, next), action));
}

function newAccount(email: string, extra: { emailVerified?: boolean } = {}): string {
  const sub = `cis2-${randomUUID()}`;
  op.addAccount({ sub, email, name: 'Provider Name', ...extra });
  return sub;
}

async function lastAudit(action: 'signin' | 'signin-failed'): Promise<AuditRecord | undefined> {
  return (await searchAudit(t.db, t.tenant.id, { action, limit: 1 })).records[0];
}

async function sessionOf(userId: string): Promise<{ auth_method: string; stage: string } | undefined> {
  return t.db
    .selectFrom('user_session')
    .select(['auth_method', 'stage'])
    .where('tenant_id', '=', t.tenant.id)
    .where('user_id', '=', userId)
    .executeTakeFirst();
}

describe('OpenID Connect sign-in', () => {
  it('sends the browser to the provider with PKCE S256, state and nonce, and keeps them in a short-lived signed cookie', async () => {
    const agent = new TestAgent(app);
    const start = await agent.get('/signin/oidc?next=%2Fapp%2Faccount');
    const url = new URL(start.headers.location ?? '');
    expect(url.searchParams.get('client_id')).toBe(op.clientId);
    expect(url.searchParams.get('response_type')).toBe('code');
    expect(url.searchParams.get('redirect_uri')).toBe(`${BASE_URL}/signin/oidc/callback`);
    expect(url.searchParams.get('scope')).toBe('openid profile email');
    expect(url.searchParams.get('code_challenge_method')).toBe('S256');
    expect(url.searchParams.get('code_challenge')).toMatch(/^[\w-]{43}$/);
    expect(url.searchParams.get('state')).toMatch(/^[\w-]{43}$/);
    expect(url.searchParams.get('nonce')).toMatch(/^[\w-]{43}$/);
    const cookie = start.cookies.find((c) => c.name === FLOW_COOKIE);
    expect(cookie).toMatchObject({ httpOnly: true, secure: true, sameSite: 'Lax', path: '/', maxAge: 600 });
    const unsigned = app.unsignCookie(cookie?.value ?? '');
    expect(unsigned.valid).toBe(true);
    expect(JSON.parse(unsigned.value ?? '{}')).toMatchObject({
      state: url.searchParams.get('state'),
      nonce: url.searchParams.get('nonce'),
      next: '/app/account',
    });
  });

  it('links an invited account by email on first sign-in (making it active), then finds it by subject', async () => {
    const user = await buildUser(t.db, t.tenant.id, { roles: ['link_worker'], status: 'invited' });
    const sub = newAccount(user.email.toUpperCase());
    const agent = new TestAgent(app);
    const first = await signInAt(agent, { login: sub }, '/app/account');
    expect(first.statusCode).toBe(303);
    expect(first.headers.location).toBe('/app/account');
    expect(first.cookies.find((c) => c.name === FLOW_COOKIE)?.value).toBe('');
    const linked = await findUserById(t.db, t.tenant.id, user.id);
    expect(linked).toMatchObject({ status: 'active', oidcIssuer: op.issuer, oidcSubject: sub });
    expect(linked?.lastSignedInAt).not.toBeNull();
    expect(await sessionOf(user.id)).toEqual({ auth_method: 'oidc', stage: 'active' });
    expect(await lastAudit('signin')).toMatchObject({
      actorUserId: user.id,
      subjectType: 'user',
      subjectId: user.id,
      route: 'GET /signin/oidc/callback',
      details: { method: 'oidc', linkedBy: 'email', activated: true },
    });

    const home = await agent.get('/app');
    expect(home.statusCode).toBe(200);
    expect(home.body).toContain(user.displayName);

    // The person's address changes at the provider: the link by subject still finds them.
    await t.db
      .updateTable('app_user')
      .set({ email: `moved-${user.email}` })
      .where('tenant_id', '=', t.tenant.id)
      .where('id', '=', user.id)
      .execute();
    const again = new TestAgent(app);
    const second = await signInAt(again, { login: sub });
    expect(second.headers.location).toBe('/app');
    expect(await lastAudit('signin')).toMatchObject({
      subjectId: user.id,
      details: { method: 'oidc', linkedBy: 'subject', activated: false },
    });
    expect((await again.get('/app')).statusCode).toBe(200);
  });

  it('sends a user with several roles to the role chooser', async () => {
    const user = await buildUser(t.db, t.tenant.id, { roles: ['link_worker', 'tenant_admin'] });
    const agent = new TestAgent(app);
    const response = await signInAt(agent, { login: newAccount(user.email) });
    expect(response.headers.location).toBe('/app/role?next=%2Fapp');
    expect((await agent.get('/app/role')).statusCode).toBe(200);
  });

  it('refuses an identity with no Signpost account, with a clear page and an audit entry', async () => {
    const agent = new TestAgent(app);
    const response = await signInAt(agent, { login: newAccount('stranger@example.org') });
    expect(response.statusCode).toBe(403);
    expect(response.body).toContain(REFUSED);
    expect(response.body).toContain('Ask your Signpost administrator to invite you');
    expect(response.body).toContain('stranger@example.org');
    expect(response.cookies.some((c) => c.name === '__Host-signpost-session')).toBe(false);
    expect(await lastAudit('signin-failed')).toMatchObject({
      outcome: 'failure',
      actorUserId: null,
      subjectId: null,
      details: { method: 'oidc', reason: 'no-account' },
    });
  });

  it('refuses a disabled user with the same page, whether found by email or by subject', async () => {
    const user = await buildUser(t.db, t.tenant.id, { roles: ['link_worker'], status: 'disabled' });
    const sub = newAccount(user.email);
    const byEmail = await signInAt(new TestAgent(app), { login: sub });
    expect(byEmail.statusCode).toBe(403);
    expect(byEmail.body).toContain(REFUSED);
    expect(await lastAudit('signin-failed')).toMatchObject({
      subjectId: user.id,
      details: { method: 'oidc', reason: 'disabled' },
    });

    const linked = await buildUser(t.db, t.tenant.id, { roles: ['link_worker'] });
    const linkedSub = newAccount(linked.email);
    expect((await signInAt(new TestAgent(app), { login: linkedSub })).statusCode).toBe(303);
    await t.db
      .updateTable('app_user')
      .set({ status: 'disabled' })
      .where('tenant_id', '=', t.tenant.id)
      .where('id', '=', linked.id)
      .execute();
    const bySubject = await signInAt(new TestAgent(app), { login: linkedSub });
    expect(bySubject.statusCode).toBe(403);
    expect(bySubject.body).toContain(REFUSED);
    expect(await lastAudit('signin-failed')).toMatchObject({
      subjectId: linked.id,
      details: { reason: 'disabled' },
    });
  });

  it('does not link by an address the provider says it has not verified', async () => {
    const user = await buildUser(t.db, t.tenant.id, { roles: ['link_worker'] });
    const response = await signInAt(new TestAgent(app), {
      login: newAccount(user.email, { emailVerified: false }),
    });
    expect(response.statusCode).toBe(403);
    expect(await lastAudit('signin-failed')).toMatchObject({ details: { reason: 'email-not-verified' } });
    expect((await findUserById(t.db, t.tenant.id, user.id))?.oidcSubject).toBeNull();
  });

  it('does not move an account linked to one person at the provider to another with the same address', async () => {
    const user = await buildUser(t.db, t.tenant.id, { roles: ['link_worker'] });
    const first = newAccount(user.email);
    expect((await signInAt(new TestAgent(app), { login: first })).statusCode).toBe(303);
    const impostor = await signInAt(new TestAgent(app), { login: newAccount(user.email) });
    expect(impostor.statusCode).toBe(403);
    expect(await lastAudit('signin-failed')).toMatchObject({
      subjectId: user.id,
      details: { reason: 'identity-conflict' },
    });
    expect((await findUserById(t.db, t.tenant.id, user.id))?.oidcSubject).toBe(first);
  });

  it('refuses a callback whose state does not match the browser’s flow (400)', async () => {
    const user = await buildUser(t.db, t.tenant.id, { roles: ['link_worker'] });
    const sub = newAccount(user.email);
    // Another browser's callback URL (a login CSRF attempt) does not match this browser's state.
    const victim = new TestAgent(app);
    await begin(victim);
    const attacker = new TestAgent(app);
    const attackersCallback = await op.authorize(await begin(attacker), { login: sub });
    const crossed = await callback(victim, attackersCallback);
    expect(crossed.statusCode).toBe(400);
    expect(crossed.body).toContain('Your sign-in has expired');
    expect(await lastAudit('signin-failed')).toMatchObject({
      details: { method: 'oidc', reason: 'state-mismatch' },
    });
    // No flow cookie at all, and a flow cookie whose signature is wrong.
    expect((await callback(new TestAgent(app), attackersCallback)).statusCode).toBe(400);
    const forged = new TestAgent(app);
    forged.cookies = `${FLOW_COOKIE}=${encodeURIComponent(
      encodeOidcFlow(
        {
          state: attackersCallback.searchParams.get('state') ?? '',
          nonce: 'n',
          codeVerifier: 'v'.repeat(43),
          next: '/app',
        },
        new Date(),
      ),
    )}.forged`;
    expect((await callback(forged, attackersCallback)).statusCode).toBe(400);
    // The attacker's own browser could still finish: the code was not spent.
    expect((await callback(attacker, attackersCallback)).statusCode).toBe(303);
  });

  it('cannot use a callback twice (the flow cookie is cleared)', async () => {
    const user = await buildUser(t.db, t.tenant.id, { roles: ['link_worker'] });
    const agent = new TestAgent(app);
    const back = await op.authorize(await begin(agent), { login: newAccount(user.email) });
    expect((await callback(agent, back)).statusCode).toBe(303);
    const replay = await callback(agent, back);
    expect(replay.statusCode).toBe(400);
  });

  // A correctly signed flow whose verifier or nonce differs from the one sent to the provider: the
  // provider refuses the code (PKCE), or openid-client refuses the ID token (nonce). The unchanged flow,
  // signed again the same way, works: so the failures are down to the one change.
  it.each([
    ['a wrong PKCE verifier', { codeVerifier: 'w'.repeat(43) }, 502],
    ['a wrong nonce', { nonce: 'not-the-nonce' }, 502],
    ['nothing changed', {}, 303],
  ] as const)('checks the flow: %s', async (_what, change, status) => {
    const user = await buildUser(t.db, t.tenant.id, { roles: ['link_worker'] });
    const agent = new TestAgent(app);
    const back = await op.authorize(await begin(agent), { login: newAccount(user.email) });
    const signed = /__Host-signpost-oidc=([^;]+)/.exec(agent.cookies)?.[1] ?? '';
    const flow = JSON.parse(app.unsignCookie(decodeURIComponent(signed)).value ?? '{}') as OidcFlow;
    const altered = encodeOidcFlow({ ...flow, ...change }, new Date());
    agent.cookies = `${FLOW_COOKIE}=${encodeURIComponent(app.signCookie(altered))}`;
    const response = await callback(agent, back);
    expect(response.statusCode).toBe(status);
    if (status === 502) {
      expect(response.body).toContain('We could not confirm who you are');
      expect(await lastAudit('signin-failed')).toMatchObject({
        details: { reason: 'token-exchange-failed' },
      });
      expect(await sessionOf(user.id)).toBeUndefined();
    } else {
      expect(await sessionOf(user.id)).toEqual({ auth_method: 'oidc', stage: 'active' });
    }
  });

  it('shows a clear page when the person cancels at the provider', async () => {
    const agent = new TestAgent(app);
    const response = await signInAt(agent, { cancel: true }, '/app/account');
    expect(response.statusCode).toBe(400);
    expect(response.body).toContain('You did not finish signing in');
    expect(response.body).toContain('href="/signin?next=%2Fapp%2Faccount"');
    expect(await lastAudit('signin-failed')).toMatchObject({
      details: { method: 'oidc', reason: 'provider-error', providerError: 'access_denied' },
    });
  });

  it('records an unexpected provider error code only as "other"', async () => {
    const response = await new TestAgent(app).get(
      '/signin/oidc/callback?error=%3Cscript%3Ealert(1)%3C%2Fscript%3E&state=x',
    );
    expect(response.statusCode).toBe(400);
    expect(response.body).toContain('Your identity provider could not sign you in');
    expect(response.body).not.toContain('<script>alert');
    expect(await lastAudit('signin-failed')).toMatchObject({ details: { providerError: 'other' } });
  });
});

describe('OpenID Connect sign-in when it is not configured', () => {
  it('answers 404 at both addresses and the sign-in page has no button', async () => {
    const plain = await createTestApp(t);
    try {
      const agent = new TestAgent(plain);
      expect((await agent.get('/signin/oidc')).statusCode).toBe(404);
      expect((await agent.get('/signin/oidc/callback?code=a&state=b')).statusCode).toBe(404);
      expect((await agent.get('/signin')).body).not.toContain('href="/signin/oidc');
      const offered = (await new TestAgent(app).get('/signin?next=%2Fapp%2Faccount')).body;
      expect(offered).toContain('Sign in with NHS Care Identity');
      expect(offered).toContain('href="/signin/oidc?next=%2Fapp%2Faccount"');
    } finally {
      await plain.close();
    }
  });

  it('shows a clear page when the provider cannot be reached', async () => {
    const unreachable = await createTestApp(t, {
      oidc: {
        issuer: 'http://127.0.0.1:9/nowhere',
        clientId: 'c',
        clientSecret: 's',
        scopes: 'openid',
        emailClaim: 'email',
        nameClaim: 'name',
        label: 'Sign in with NHS Care Identity',
      },
    });
    try {
      const response = await new TestAgent(unreachable).get('/signin/oidc');
      expect(response.statusCode).toBe(502);
      expect(response.body).toContain('cannot be reached at the moment');
      expect(response.cookies.some((c) => c.name === FLOW_COOKIE)).toBe(false);
    } finally {
      await unreachable.close();
    }
  });
});

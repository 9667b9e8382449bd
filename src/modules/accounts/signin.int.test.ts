import type { FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { searchAudit } from '../audit/audit.repository.ts';
import { buildUser, csrfFrom, TestAgent, TEST_PASSWORD } from '../../../test/support/accounts.ts';
import { createTestDatabase, type TestDatabase } from '../../../test/support/test-db.ts';
import { createTestApp, signedInAgent } from '../../../test/support/test-app.ts';

let t: TestDatabase;
let app: FastifyInstance;

beforeAll(async () => {
  t = await createTestDatabase();
  app = await createTestApp(t, { signinMaxFailures: 3 });
});

afterAll(async () => {
  await app.close();
  await t.close();
});

describe('sign-in with email and password', () => {
  it('signs in, sets a Secure HttpOnly SameSite=Lax session cookie and opens the staff area', async () => {
    const user = await buildUser(t.db, t.tenant.id, { roles: ['tenant_admin'] });
    const agent = new TestAgent(app);
    const response = await agent.signIn(user.email.toUpperCase());
    expect(response.statusCode).toBe(303);
    expect(response.headers.location).toBe('/app');
    const cookie = response.cookies.find((c) => c.name === '__Host-signpost-session');
    expect(cookie).toMatchObject({ httpOnly: true, secure: true, sameSite: 'Lax', path: '/' });
    const home = await agent.get('/app');
    expect(home.statusCode).toBe(200);
    expect(home.body).toContain(user.displayName);
    expect(home.body).toContain('Administrator');
    expect(home.body).toContain('Email is not being sent (SMTP_URL is not set)');
  });

  it('sends a signed-out visitor of a staff page to sign in, and back afterwards', async () => {
    const user = await buildUser(t.db, t.tenant.id, { roles: ['link_worker'] });
    const agent = new TestAgent(app);
    const first = await agent.get('/app');
    expect(first.statusCode).toBe(303);
    expect(first.headers.location).toBe('/signin?next=%2Fapp');
    const signin = await agent.get('/signin?next=%2Fapp');
    const response = await agent.postWithToken(
      '/signin',
      { email: user.email, password: TEST_PASSWORD, next: '/app' },
      csrfFrom(signin.body),
    );
    expect(response.headers.location).toBe('/app');
  });

  // A browser drops tabs and line breaks from a URL: "/<tab>/evil.example" is "//evil.example".
  const OFF_SITE = ['//evil.example/', '/\t/evil.example/', '/\n/evil.example/', '/\u20ac'];

  it.each(OFF_SITE)('never redirects to another site after sign-in (next: %j)', async (next) => {
    const user = await buildUser(t.db, t.tenant.id, { roles: ['link_worker'] });
    const agent = new TestAgent(app);
    const signin = await agent.get('/signin');
    const response = await agent.postWithToken(
      '/signin',
      { email: user.email, password: TEST_PASSWORD, next },
      csrfFrom(signin.body),
    );
    expect(response.headers.location).toBe('/app');
    const again = await agent.get(`/signin?next=${encodeURIComponent(next)}`);
    expect(again.statusCode).toBe(303);
    expect(again.headers.location).toBe('/app');
  });

  it('rejects a wrong password with the error summary, the same words as an unknown address, and keeps the email', async () => {
    const user = await buildUser(t.db, t.tenant.id, { roles: ['link_worker'] });
    const agent = new TestAgent(app);
    const wrong = await agent.post('/signin', { email: user.email, password: 'not the password' });
    expect(wrong.statusCode).toBe(400);
    expect(wrong.body).toContain('nhsuk-error-summary');
    expect(wrong.body).toContain('Enter a correct email address and password');
    expect(wrong.body).toContain(`value="${user.email}"`);
    const unknown = await agent.post('/signin', {
      email: 'nobody@example.org',
      password: 'not the password',
    });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.body).toContain('Enter a correct email address and password');
  });

  it('records sign-ins, failures and sign-outs in the audit trail', async () => {
    const user = await buildUser(t.db, t.tenant.id, { roles: ['link_worker'] });
    const agent = new TestAgent(app);
    await agent.post('/signin', { email: user.email, password: 'wrong password here' });
    await agent.signIn(user.email);
    const home = await agent.get('/app');
    const signOutAction =
      /action="(\/signout\?_csrf=[^"]+)"/.exec(home.body)?.[1]?.replace(/&amp;/g, '&') ?? '';
    await app.inject({ method: 'POST', url: signOutAction, headers: { cookie: agent.cookies } });
    const page = await searchAudit(t.db, t.tenant.id, { subjectType: 'user', subjectId: user.id, limit: 10 });
    const actions = page.records.map((r) => `${r.action}:${r.outcome}`).reverse();
    expect(actions).toEqual(['signin-failed:failure', 'signin:success', 'signout:success']);
    const signin = page.records.find((r) => r.action === 'signin');
    expect(signin).toMatchObject({ actorUserId: user.id, route: 'POST /signin', sourceIp: '127.0.0.1' });
    expect(page.records.find((r) => r.action === 'signout')).toMatchObject({
      actorRole: 'Social prescribing link worker',
    });
  });

  it('names each missing field', async () => {
    const agent = new TestAgent(app);
    const response = await agent.post('/signin', { email: '', password: '' });
    expect(response.statusCode).toBe(400);
    expect(response.body).toContain('href="#email"');
    expect(response.body).toContain('Enter your email address');
    expect(response.body).toContain('Enter your password');
  });

  it('locks the account after repeated failures, even for the right password', async () => {
    const user = await buildUser(t.db, t.tenant.id, { roles: ['link_worker'] });
    const agent = new TestAgent(app);
    for (let i = 0; i < 3; i += 1) {
      expect(
        (await agent.post('/signin', { email: user.email, password: `wrong ${String(i)}` })).statusCode,
      ).toBe(400);
    }
    const locked = await agent.post('/signin', { email: user.email, password: TEST_PASSWORD });
    expect(locked.statusCode).toBe(400);
    expect(locked.headers['set-cookie']?.toString() ?? '').not.toContain('signpost-session=');
  });

  it('rejects a form without a valid CSRF token', async () => {
    const user = await buildUser(t.db, t.tenant.id, { roles: ['link_worker'] });
    const agent = new TestAgent(app);
    await agent.get('/signin');
    const forged = await agent.postWithToken(
      '/signin',
      { email: user.email, password: TEST_PASSWORD },
      'forged-token',
    );
    expect(forged.statusCode).toBe(403);
    expect(forged.body).toContain('This form has expired');
    const noCookie = await app.inject({
      method: 'POST',
      url: '/signin',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: `email=${encodeURIComponent(user.email)}&password=${encodeURIComponent(TEST_PASSWORD)}`,
    });
    expect(noCookie.statusCode).toBe(403);
  });

  it('issues a new session id at sign-in, so a planted one is worthless', async () => {
    const user = await buildUser(t.db, t.tenant.id, { roles: ['link_worker'] });
    const agent = new TestAgent(app);
    agent.cookies = '__Host-signpost-session=planted-by-an-attacker';
    await agent.signIn(user.email);
    expect(agent.cookies).not.toContain('planted-by-an-attacker');
    const planted = await app.inject({
      method: 'GET',
      url: '/app',
      headers: { accept: 'text/html', cookie: '__Host-signpost-session=planted-by-an-attacker' },
    });
    expect(planted.statusCode).toBe(303);
  });

  it('signs out: the old session cookie no longer works', async () => {
    const { agent } = await signedInAgent(app, t, { roles: ['link_worker'] });
    const stolen = agent.cookies;
    const home = await agent.get('/app');
    const signOutAction = /action="(\/signout\?_csrf=[^"]+)"/.exec(home.body)?.[1]?.replace(/&amp;/g, '&');
    expect(signOutAction).toBeDefined();
    const out = await app.inject({
      method: 'POST',
      url: signOutAction ?? '',
      headers: { cookie: agent.cookies },
    });
    expect(out.statusCode).toBe(303);
    expect(out.headers.location).toBe('/signin?signedout=1');
    const after = await app.inject({
      method: 'GET',
      url: '/app',
      headers: { accept: 'text/html', cookie: stolen },
    });
    expect(after.statusCode).toBe(303);
  });

  it('ends a session after the idle time-out and after the absolute time-out', async () => {
    const { agent: idle, user } = await signedInAgent(app, t, { roles: ['link_worker'] });
    const absolute = new TestAgent(app);
    await absolute.signIn(user.email);
    expect((await idle.get('/app')).statusCode).toBe(200);
    const sessions = await t.db
      .selectFrom('user_session')
      .select('token_hash')
      .where('user_id', '=', user.id)
      .orderBy('created_at')
      .execute();
    expect(sessions).toHaveLength(2);
    // The test config keeps the default 30-minute idle limit and 12-hour absolute limit.
    await sql`UPDATE user_session SET last_seen_at = now() - interval '31 minutes'
      WHERE token_hash = ${sessions[0]?.token_hash ?? ''}`.execute(t.db);
    await sql`UPDATE user_session SET expires_at = now() - interval '1 second'
      WHERE token_hash = ${sessions[1]?.token_hash ?? ''}`.execute(t.db);
    expect((await idle.get('/app')).headers.location).toBe('/signin?next=%2Fapp');
    expect((await absolute.get('/app')).headers.location).toBe('/signin?next=%2Fapp');
    const left = await t.db
      .selectFrom('user_session')
      .select('token_hash')
      .where('user_id', '=', user.id)
      .execute();
    expect(left).toHaveLength(0);
  });

  it('asks a user with several roles which one to act in, and offers only their own', async () => {
    const user = await buildUser(t.db, t.tenant.id, { roles: ['link_worker', 'tenant_admin'] });
    const agent = new TestAgent(app);
    const response = await agent.post('/signin', { email: user.email, password: TEST_PASSWORD });
    expect(response.headers.location).toBe('/app/role?next=%2Fapp');
    const chooser = await agent.get('/app');
    expect(chooser.statusCode).toBe(303);
    expect(chooser.headers.location).toContain('/app/role');
    const page = await agent.get('/app/role');
    const bad = await agent.postWithToken(
      '/app/role',
      { assignment: '00000000-0000-4000-8000-000000000000' },
      csrfFrom(page.body),
    );
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('Choose the role you are working in');
    const first = /name="assignment" type="radio" value="([^"]+)"/.exec(page.body)?.[1] ?? '';
    const chosen = await agent.postWithToken(
      '/app/role',
      { assignment: first, next: '/app' },
      csrfFrom(page.body),
    );
    expect(chosen.headers.location).toBe('/app');
    expect((await agent.get('/app')).statusCode).toBe(200);
  });

  it('throttles sign-in attempts from one address', async () => {
    const throttled = await createTestApp(t, { formRateLimitPerMinute: 3 });
    try {
      const agent = new TestAgent(throttled);
      const statuses: number[] = [];
      for (let i = 0; i < 4; i += 1) {
        statuses.push(
          (await agent.post('/signin', { email: 'someone@example.org', password: 'guess' })).statusCode,
        );
      }
      expect(statuses).toEqual([400, 400, 400, 429]);
    } finally {
      await throttled.close();
    }
  });

  it('tells a signed-in user with no role to ask for one', async () => {
    const { agent } = await signedInAgent(app, t, { roles: [] });
    const page = await agent.get('/app/role');
    expect(page.body).toContain('You have no role in Signpost yet');
  });
});

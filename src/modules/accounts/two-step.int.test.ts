import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  auditAbout,
  codeInSteps,
  enrolTotp,
  totpSecretFrom,
  wrongCode,
} from '../../../test/support/account-security.ts';
import { TestAgent, TEST_PASSWORD } from '../../../test/support/accounts.ts';
import { createTestDatabase, type TestDatabase } from '../../../test/support/test-db.ts';
import { createTestApp, signedInAgent } from '../../../test/support/test-app.ts';
import { accountContent } from './account.content.ts';
import { sealTotpSecret } from './totp-secret-box.ts';

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

async function storedTotp(
  userId: string,
): Promise<{ secret: string | null; enabled: boolean; lastStep: string | null }> {
  const row = await t.db
    .selectFrom('app_user')
    .select(['totp_secret', 'totp_enabled_at', 'totp_last_step'])
    .where('id', '=', userId)
    .executeTakeFirstOrThrow();
  return { secret: row.totp_secret, enabled: row.totp_enabled_at !== null, lastStep: row.totp_last_step };
}

/** Signs in with the password only; the session then waits for the code. */
async function passwordStep(email: string, password = TEST_PASSWORD): Promise<TestAgent> {
  const agent = new TestAgent(app);
  const response = await agent.post('/signin', { email, password });
  expect(response.headers.location).toBe('/signin/verify?next=%2Fapp');
  return agent;
}

describe('setting up two-step verification', () => {
  it('shows a QR code and the key, keeps the key on reload, and turns on only with a right code', async () => {
    const { agent, user } = await signedInAgent(app, t, { roles: ['link_worker'] });
    const account = await agent.get('/app/account');
    expect(account.body).toMatch(/Two-step verification[\s\S]*?>\s*Off\s*</);

    const page = await agent.get('/app/account/two-step');
    expect(page.statusCode).toBe(200);
    expect(page.body).toMatch(
      /<img src="data:image\/svg\+xml;base64,[A-Za-z0-9+/=]+"[^>]+alt="QR code to add Signpost/,
    );
    const secret = totpSecretFrom(page.body);
    expect(secret).toMatch(/^[A-Z2-7]{32}$/);
    expect(totpSecretFrom((await agent.get('/app/account/two-step')).body)).toBe(secret);
    // Pending, and sealed at rest: the database never holds the key in the clear.
    const pending = await storedTotp(user.id);
    expect(pending.enabled).toBe(false);
    expect(pending.secret).toMatch(/^v1\./);
    expect(pending.secret).not.toContain(secret);

    const wrong = await agent.post('/app/account/two-step', { code: wrongCode(secret) });
    expect(wrong.statusCode).toBe(400);
    expect(wrong.body).toContain('nhsuk-error-summary');
    expect(wrong.body).toContain('href="#code"');
    expect(wrong.body).toContain(accountContent['pages.twoStep.code.validationError.incorrect']);
    expect(wrong.body).toContain('<title>Error: Set up two-step verification');
    expect(totpSecretFrom(wrong.body)).toBe(secret);

    const malformed = await agent.post('/app/account/two-step', { code: '12 34' });
    expect(malformed.statusCode).toBe(400);
    expect(malformed.body).toContain(accountContent['pages.verify.code.validationError.format']);
    expect(malformed.body).toContain('value="12 34"');

    const ok = await agent.post('/app/account/two-step', { code: codeInSteps(secret) });
    expect(ok.statusCode).toBe(303);
    expect(ok.headers.location).toBe('/app/account?updated=two-step-on');
    expect((await storedTotp(user.id)).enabled).toBe(true);
    const after = await agent.get('/app/account?updated=two-step-on');
    expect(after.body).toContain('Two-step verification is on. Signpost will ask for a code');
    const manage = await agent.get('/app/account/two-step');
    expect(manage.body).toContain('Two-step verification is on');
    expect(manage.body).not.toContain('totp-secret');
    expect(await auditAbout(t.db, t.tenant.id, user.id)).toContainEqual(
      expect.objectContaining({
        action: 'update',
        actorUserId: user.id,
        details: { field: 'two-step', change: 'enabled' },
      }),
    );
  });
});

describe('signing in with two-step verification', () => {
  it('asks for the code after the password, refuses a replayed code, and audits both', async () => {
    const { agent: setup, user } = await signedInAgent(app, t, { roles: ['link_worker'] });
    const { secret, code: setupCode } = await enrolTotp(setup);

    const agent = await passwordStep(user.email);
    // Half signed in: no staff page yet.
    expect((await agent.get('/app')).headers.location).toBe('/signin?next=%2Fapp');
    const page = await agent.get('/signin/verify?next=%2Fapp');
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Enter the code from your authenticator app');

    // The code that confirmed the set-up cannot be used again.
    const replay = await agent.post('/signin/verify', { code: setupCode, next: '/app' });
    expect(replay.statusCode).toBe(400);
    expect(replay.body).toContain(accountContent['pages.verify.code.validationError.replayed']);

    const code = codeInSteps(secret, 1);
    const ok = await agent.post('/signin/verify', { code, next: '/app' }, '/signin/verify?next=%2Fapp');
    expect(ok.statusCode).toBe(303);
    expect(ok.headers.location).toBe('/app');
    expect((await agent.get('/app')).statusCode).toBe(200);

    // Someone who saw that code and has the password cannot use it.
    const thief = await passwordStep(user.email);
    const stolen = await thief.post('/signin/verify', { code, next: '/app' });
    expect(stolen.statusCode).toBe(400);
    expect(stolen.body).toContain(accountContent['pages.verify.code.validationError.replayed']);
    expect((await thief.get('/app')).statusCode).toBe(303);

    const audit = await auditAbout(t.db, t.tenant.id, user.id);
    expect(audit).toContainEqual(
      expect.objectContaining({
        action: 'signin',
        outcome: 'success',
        route: 'POST /signin/verify',
        details: { factor: 'totp' },
      }),
    );
    expect(audit).toContainEqual(
      expect.objectContaining({
        action: 'signin-failed',
        outcome: 'failure',
        actorUserId: user.id,
        details: { factor: 'totp', reason: 'replayed' },
      }),
    );
  });

  it('names a missing or malformed code and keeps what was typed', async () => {
    const { agent: setup, user } = await signedInAgent(app, t, { roles: ['link_worker'] });
    await enrolTotp(setup);
    const agent = await passwordStep(user.email);
    const empty = await agent.post('/signin/verify', { code: '', next: '/app' });
    expect(empty.statusCode).toBe(400);
    expect(empty.body).toContain('href="#code"');
    expect(empty.body).toContain(accountContent['pages.verify.code.validationError.required']);
    const letters = await agent.post('/signin/verify', { code: '12ab56', next: '/app' });
    expect(letters.statusCode).toBe(400);
    expect(letters.body).toContain(accountContent['pages.verify.code.validationError.format']);
    expect(letters.body).toContain('value="12ab56"');
    expect(letters.body).toContain('name="next" value="/app"');
  });

  it('counts wrong codes as failed sign-ins: the account locks, and signing in again does not reset the count', async () => {
    const { agent: setup, user } = await signedInAgent(app, t, { roles: ['link_worker'] });
    const { secret } = await enrolTotp(setup);

    const first = await passwordStep(user.email);
    for (let i = 0; i < 2; i += 1) {
      const wrong = await first.post('/signin/verify', { code: wrongCode(secret), next: '/app' });
      expect(wrong.statusCode).toBe(400);
      expect(wrong.body).toContain(accountContent['pages.verify.code.validationError.incorrect']);
    }
    // A new password sign-in (the password is known) must not clear the two failures.
    const second = await passwordStep(user.email);
    expect((await second.post('/signin/verify', { code: wrongCode(secret), next: '/app' })).statusCode).toBe(
      400,
    );

    const locked = await second.post('/signin/verify', { code: codeInSteps(secret, 1), next: '/app' });
    expect(locked.statusCode).toBe(400);
    expect(locked.body).toContain(accountContent['pages.verify.code.validationError.locked']);
    expect((await second.get('/app')).statusCode).toBe(303);
    const again = await new TestAgent(app).post('/signin', { email: user.email, password: TEST_PASSWORD });
    expect(again.statusCode).toBe(400);

    const failures = (await auditAbout(t.db, t.tenant.id, user.id)).filter(
      (e) => e.action === 'signin-failed' && (e.details as { factor?: string }).factor === 'totp',
    );
    expect(failures.map((e) => (e.details as { reason: string }).reason)).toEqual([
      'wrong-code',
      'wrong-code',
      'wrong-code',
      'locked',
    ]);
  });

  it('clears the failure count once the code is right', async () => {
    const { agent: setup, user } = await signedInAgent(app, t, { roles: ['link_worker'] });
    const { secret } = await enrolTotp(setup);
    const agent = await passwordStep(user.email);
    await agent.post('/signin/verify', { code: wrongCode(secret), next: '/app' });
    await agent.post('/signin/verify', { code: codeInSteps(secret, 1), next: '/app' });
    const row = await t.db
      .selectFrom('app_user')
      .select(['failed_signins', 'last_signed_in_at'])
      .where('id', '=', user.id)
      .executeTakeFirstOrThrow();
    expect(row.failed_signins).toBe(0);
    expect(row.last_signed_in_at).not.toBeNull();
  });
});

describe('turning two-step verification off', () => {
  it('needs the password, then sign-in needs only the password', async () => {
    const { agent, user } = await signedInAgent(app, t, { roles: ['link_worker'] });
    await enrolTotp(agent);

    const empty = await agent.post(
      '/app/account/two-step/disable',
      { password: '' },
      '/app/account/two-step',
    );
    expect(empty.statusCode).toBe(400);
    expect(empty.body).toContain('href="#password"');
    expect(empty.body).toContain(accountContent['pages.twoStepDisable.password.validationError.required']);
    const wrong = await agent.post(
      '/app/account/two-step/disable',
      { password: 'not my password at all' },
      '/app/account/two-step',
    );
    expect(wrong.statusCode).toBe(400);
    expect(wrong.body).toContain(accountContent['pages.twoStepDisable.password.validationError.incorrect']);
    expect(wrong.body).not.toContain('not my password at all');
    expect((await storedTotp(user.id)).enabled).toBe(true);

    const off = await agent.post(
      '/app/account/two-step/disable',
      { password: TEST_PASSWORD },
      '/app/account/two-step',
    );
    expect(off.headers.location).toBe('/app/account?updated=two-step-off');
    expect(await storedTotp(user.id)).toEqual({ secret: null, enabled: false, lastStep: null });
    const fresh = new TestAgent(app);
    expect((await fresh.signIn(user.email)).headers.location).toBe('/app');
    expect(await auditAbout(t.db, t.tenant.id, user.id)).toContainEqual(
      expect.objectContaining({ action: 'update', details: { field: 'two-step', change: 'disabled' } }),
    );
  });

  it('tells the person to ask for a reset when the secret cannot be opened (SESSION_SECRET changed)', async () => {
    const { agent: setup, user } = await signedInAgent(app, t, { roles: ['link_worker'] });
    const { secret } = await enrolTotp(setup);
    await t.db
      .updateTable('app_user')
      .set({ totp_secret: sealTotpSecret(secret, { sessionSecret: 'y'.repeat(32), userId: user.id }) })
      .where('id', '=', user.id)
      .execute();
    const agent = await passwordStep(user.email);
    const response = await agent.post('/signin/verify', { code: codeInSteps(secret, 1), next: '/app' });
    expect(response.statusCode).toBe(400);
    expect(response.body).toContain(accountContent['pages.verify.code.validationError.unreadable']);
    expect((await agent.get('/app')).statusCode).toBe(303);
  });

  it('sends a half-signed-in session back to sign in when an administrator has reset two-step verification', async () => {
    const { agent: setup, user } = await signedInAgent(app, t, { roles: ['link_worker'] });
    const { secret } = await enrolTotp(setup);
    const agent = await passwordStep(user.email);
    await t.db
      .updateTable('app_user')
      .set({ totp_secret: null, totp_enabled_at: null, totp_last_step: null })
      .where('id', '=', user.id)
      .execute();
    const response = await agent.post('/signin/verify', { code: codeInSteps(secret, 1), next: '/app' });
    expect(response.statusCode).toBe(303);
    expect(response.headers.location).toBe('/signin?next=%2Fapp');
    expect((await agent.get('/app')).statusCode).toBe(303);
  });
});

import type { FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  auditAbout,
  deliverAndReceive,
  linkPathFrom,
  sessionCount,
} from '../../../test/support/account-security.ts';
import { buildUser, csrfFrom, TestAgent, TEST_PASSWORD } from '../../../test/support/accounts.ts';
import { startTestSmtpServer, type TestSmtpServer } from '../../../test/support/smtp-server.ts';
import { createTestDatabase, type TestDatabase } from '../../../test/support/test-db.ts';
import { createTestApp } from '../../../test/support/test-app.ts';
import { accountContent } from './account.content.ts';
import { FORGOT_ANSWER_MS } from './password-reset.routes.ts';

let t: TestDatabase;
let app: FastifyInstance;
let smtp: TestSmtpServer;
const NEW_PASSWORD = 'pelican quarry saxophone';

beforeAll(async () => {
  t = await createTestDatabase();
  smtp = await startTestSmtpServer();
  app = await createTestApp(t, { smtpUrl: smtp.url, publicBaseUrl: 'https://signpost.example.nhs.uk' });
});

afterAll(async () => {
  await app.close();
  await smtp.close();
  await t.close();
});

async function outboxFor(address: string): Promise<number> {
  const rows = await t.db.selectFrom('notify_outbox').select('id').where('recipient', '=', address).execute();
  return rows.length;
}

/** Asks for a reset link and returns its path, read from the email delivered over SMTP. */
async function askForLink(email: string): Promise<string> {
  const response = await new TestAgent(app).post('/signin/forgot', { email });
  expect(response.statusCode).toBe(200);
  const message = await deliverAndReceive(t.db, smtp, email);
  expect(message.subject).toBe('Reset your Signpost password');
  expect(message.text).toContain('https://signpost.example.nhs.uk/signin/reset/');
  return linkPathFrom(message, 'reset');
}

function confirmationOf(html: string): string {
  return (/<main[\s\S]*<\/main>/.exec(html)?.[0] ?? '').replace(/value="[^"]*"/g, '');
}

describe('asking for a password reset', () => {
  it('shows the same page for an unknown address, and sends nothing', async () => {
    const user = await buildUser(t.db, t.tenant.id, { roles: ['link_worker'] });
    const known = await new TestAgent(app).post('/signin/forgot', { email: user.email });
    const unknown = await new TestAgent(app).post('/signin/forgot', { email: 'nobody.here@example.org' });
    expect(unknown.statusCode).toBe(known.statusCode);
    expect(unknown.body).toContain('Check your email');
    expect(confirmationOf(unknown.body).replace('nobody.here@example.org', 'X')).toBe(
      confirmationOf(known.body).replace(user.email, 'X'),
    );
    expect(await outboxFor('nobody.here@example.org')).toBe(0);
    expect(await outboxFor(user.email)).toBe(1);
  });

  it('takes as long for an unknown address as for a known one (queueing the email takes time)', async () => {
    const user = await buildUser(t.db, t.tenant.id, { roles: ['link_worker'] });
    const timed = async (email: string): Promise<number> => {
      const agent = new TestAgent(app);
      const token = csrfFrom((await agent.get('/signin/forgot')).body);
      const started = performance.now();
      expect((await agent.postWithToken('/signin/forgot', { email }, token)).statusCode).toBe(200);
      return performance.now() - started;
    };
    // A floor both answers wait for: the difference left is the timer's jitter, not the database's work.
    expect(await timed('nobody.else@example.org')).toBeGreaterThanOrEqual(FORGOT_ANSWER_MS - 2);
    expect(await timed(user.email)).toBeGreaterThanOrEqual(FORGOT_ANSWER_MS - 2);
  });

  it('sends nothing to a disabled or invited account', async () => {
    const disabled = await buildUser(t.db, t.tenant.id, { status: 'disabled' });
    const invited = await buildUser(t.db, t.tenant.id, { status: 'invited' });
    for (const email of [disabled.email, invited.email]) {
      expect((await new TestAgent(app).post('/signin/forgot', { email })).body).toContain('Check your email');
      expect(await outboxFor(email)).toBe(0);
    }
  });

  it.each([
    ['', accountContent['pages.forgotPassword.email.validationError.required']],
    ['ada at example', accountContent['pages.forgotPassword.email.validationError.format']],
  ])('refuses %j with the error summary and keeps what was typed', async (email, message) => {
    const response = await new TestAgent(app).post('/signin/forgot', { email });
    expect(response.statusCode).toBe(400);
    expect(response.body).toContain('<title>Error: Reset your password');
    expect(response.body).toContain('href="#email"');
    expect(response.body).toContain(message);
    expect(response.body).toMatch(new RegExp(`<input[^>]*id="email"[^>]*value="${email}"`));
  });
});

describe('throttling', () => {
  it('limits reset requests from one address', async () => {
    const throttled = await createTestApp(t, { formRateLimitPerMinute: 2 });
    try {
      const statuses: number[] = [];
      for (let i = 0; i < 3; i += 1) {
        statuses.push(
          (await new TestAgent(throttled).post('/signin/forgot', { email: 'x@example.org' })).statusCode,
        );
      }
      expect(statuses).toEqual([200, 200, 429]);
    } finally {
      await throttled.close();
    }
  });
});

describe('resetting the password with the emailed link', () => {
  it('works once: sets the password, ends every session, audits, and then the link has expired', async () => {
    const user = await buildUser(t.db, t.tenant.id, { roles: ['link_worker'] });
    const phone = new TestAgent(app);
    const laptop = new TestAgent(app);
    await phone.signIn(user.email);
    await laptop.signIn(user.email);
    const path = await askForLink(user.email);

    const agent = new TestAgent(app);
    const page = await agent.get(path);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Choose a new password');
    expect(page.body).toContain(user.email);
    const done = await agent.post(path, { newPassword: NEW_PASSWORD, confirmPassword: NEW_PASSWORD });
    expect(done.statusCode).toBe(303);
    expect(done.headers.location).toBe('/signin?reset=1');
    const signin = await agent.get('/signin?reset=1');
    expect(signin.body).toContain('Your password has been changed. Sign in with your new password');

    expect(await sessionCount(t.db, t.tenant.id, user.id)).toBe(0);
    expect((await phone.get('/app')).statusCode).toBe(303);
    expect((await laptop.get('/app')).statusCode).toBe(303);
    expect((await new TestAgent(app).signIn(user.email, NEW_PASSWORD)).headers.location).toBe('/app');
    expect(
      (await new TestAgent(app).post('/signin', { email: user.email, password: TEST_PASSWORD })).statusCode,
    ).toBe(400);

    const again = await new TestAgent(app).get(path);
    expect(again.statusCode).toBe(410);
    expect(again.body).toContain('This link has expired');
    expect(again.body).toContain('href="/signin/forgot"');
    // A second use of the form (the token from another page, as the link's page no longer has a form).
    const reused = await new TestAgent(app).post(
      path,
      { newPassword: 'another fine password', confirmPassword: 'another fine password' },
      '/signin/forgot',
    );
    expect(reused.statusCode).toBe(410);

    expect(await auditAbout(t.db, t.tenant.id, user.id)).toContainEqual(
      expect.objectContaining({
        action: 'update',
        actorUserId: user.id,
        route: 'POST /signin/reset/:token',
        details: { field: 'password', via: 'reset-link', sessionsEnded: 2 },
      }),
    );
  });

  it('refuses an expired link with 410 and an unknown one with 404, never a 500', async () => {
    const user = await buildUser(t.db, t.tenant.id, { roles: ['link_worker'] });
    const path = await askForLink(user.email);
    await t.db
      .updateTable('auth_token')
      .set({ expires_at: sql<Date>`now() - interval '1 minute'` })
      .where('user_id', '=', user.id)
      .execute();
    const expired = await new TestAgent(app).get(path);
    expect(expired.statusCode).toBe(410);
    expect(expired.body).toContain('This link has expired');
    const unknown = await new TestAgent(app).get('/signin/reset/not-a-real-token');
    expect(unknown.statusCode).toBe(404);
    expect(unknown.body).toContain('This link has expired');
  });

  it('keeps only the newest link working', async () => {
    const user = await buildUser(t.db, t.tenant.id, { roles: ['link_worker'] });
    const first = await askForLink(user.email);
    const second = await askForLink(user.email);
    expect((await new TestAgent(app).get(first)).statusCode).toBe(410);
    expect((await new TestAgent(app).get(second)).statusCode).toBe(200);
  });

  it.each([
    [
      'nothing typed',
      {},
      [
        ['newPassword', accountContent['pages.newPassword.newPassword.validationError.required']],
        ['confirmPassword', accountContent['pages.newPassword.confirmPassword.validationError.required']],
      ],
    ],
    [
      'a mismatch',
      { newPassword: NEW_PASSWORD, confirmPassword: 'pelican quarry trombone' },
      [['confirmPassword', accountContent['pages.newPassword.confirmPassword.validationError.mismatch']]],
    ],
    [
      'a short password',
      { newPassword: 'short one', confirmPassword: 'short one' },
      [['newPassword', 'Password must be 12 characters or more. Three random words work well']],
    ],
  ])('refuses %s with the error summary, and the link still works', async (_label, form, expected) => {
    const user = await buildUser(t.db, t.tenant.id, { roles: ['link_worker'] });
    const path = await askForLink(user.email);
    const agent = new TestAgent(app);
    const response = await agent.post(path, form);
    expect(response.statusCode).toBe(400);
    expect(response.body).toContain('<title>Error: Choose a new password');
    for (const [field, message] of expected) {
      expect(response.body).toContain(`href="#${field}"`);
      expect(response.body).toContain(message);
    }
    for (const typed of Object.values(form)) {
      expect(response.body).not.toContain(`value="${typed}"`);
    }
    expect((await agent.get(path)).statusCode).toBe(200);
  });
});

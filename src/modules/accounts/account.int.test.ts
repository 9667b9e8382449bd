import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditAbout, sessionCount } from '../../../test/support/account-security.ts';
import { buildUser, TestAgent, TEST_PASSWORD } from '../../../test/support/accounts.ts';
import { createTestDatabase, type TestDatabase } from '../../../test/support/test-db.ts';
import { createTestApp, signedInAgent } from '../../../test/support/test-app.ts';
import { accountContent } from './account.content.ts';

let t: TestDatabase;
let app: FastifyInstance;
const NEW_PASSWORD = 'marmalade tugboat orchestra';

beforeAll(async () => {
  t = await createTestDatabase();
  app = await createTestApp(t);
});

afterAll(async () => {
  await app.close();
  await t.close();
});

async function signedInTwice(email: string): Promise<[TestAgent, TestAgent]> {
  const here = new TestAgent(app);
  const there = new TestAgent(app);
  await here.signIn(email);
  await there.signIn(email);
  return [here, there];
}

describe('your account page', () => {
  it('shows name, email, roles with organisations, two-step status and last sign-in', async () => {
    const { agent, user } = await signedInAgent(app, t, { roles: ['link_worker', 'tenant_admin'] });
    const page = await agent.get('/app/account');
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain(user.displayName);
    expect(page.body).toContain(user.email);
    const org = /Test organisation [0-9a-f]{8}/.exec(page.body)?.[0] ?? '';
    expect(page.body).toContain(`Social prescribing link worker, ${org}`);
    expect(page.body).toContain(`Administrator, ${org}`);
    expect(page.body).toMatch(
      /Last sign-in[\s\S]*?\d{1,2} [A-Z][a-z]+ \d{4} at (\d{1,2}:\d{2}(am|pm)|midnight|midday)/,
    );
    expect(page.body).toContain('href="/app/account/password"');
    expect(page.body).toContain('href="/app/account/two-step"');
    expect(page.body).toContain('action="/app/account/signout-everywhere"');
  });

  it('sends a signed-out visitor to sign in', async () => {
    const response = await new TestAgent(app).get('/app/account');
    expect(response.statusCode).toBe(303);
    expect(response.headers.location).toBe('/signin?next=%2Fapp%2Faccount');
  });
});

describe('changing your password', () => {
  it('changes it, keeps this session, ends the others and audits it', async () => {
    const user = await buildUser(t.db, t.tenant.id, { roles: ['link_worker'] });
    const [here, there] = await signedInTwice(user.email);
    const response = await here.post('/app/account/password', {
      currentPassword: TEST_PASSWORD,
      newPassword: NEW_PASSWORD,
      confirmPassword: NEW_PASSWORD,
    });
    expect(response.statusCode).toBe(303);
    expect(response.headers.location).toBe('/app/account?updated=password');
    const account = await here.get('/app/account?updated=password');
    expect(account.statusCode).toBe(200);
    expect(account.body).toContain('Your password has been changed');
    expect((await there.get('/app')).statusCode).toBe(303);
    expect(await sessionCount(t.db, t.tenant.id, user.id)).toBe(1);

    expect(
      (await new TestAgent(app).post('/signin', { email: user.email, password: TEST_PASSWORD })).statusCode,
    ).toBe(400);
    expect((await new TestAgent(app).signIn(user.email, NEW_PASSWORD)).headers.location).toBe('/app');
    expect(await auditAbout(t.db, t.tenant.id, user.id)).toContainEqual(
      expect.objectContaining({
        action: 'update',
        actorUserId: user.id,
        route: 'POST /app/account/password',
        details: { field: 'password', otherSessionsEnded: 1 },
      }),
    );
  });

  it.each([
    [
      'nothing typed',
      {},
      [
        ['currentPassword', accountContent['pages.changePassword.currentPassword.validationError.required']],
        ['newPassword', accountContent['pages.newPassword.newPassword.validationError.required']],
        ['confirmPassword', accountContent['pages.newPassword.confirmPassword.validationError.required']],
      ],
    ],
    [
      'a mismatch',
      { currentPassword: TEST_PASSWORD, newPassword: NEW_PASSWORD, confirmPassword: `${NEW_PASSWORD}x` },
      [['confirmPassword', accountContent['pages.newPassword.confirmPassword.validationError.mismatch']]],
    ],
    [
      'a common password',
      { currentPassword: TEST_PASSWORD, newPassword: 'password1234', confirmPassword: 'password1234' },
      [
        [
          'newPassword',
          'This password is too common. Choose one that is harder to guess, such as three random words',
        ],
      ],
    ],
    [
      'a wrong current password',
      { currentPassword: 'not the right one', newPassword: NEW_PASSWORD, confirmPassword: NEW_PASSWORD },
      [['currentPassword', accountContent['pages.changePassword.currentPassword.validationError.incorrect']]],
    ],
  ])('refuses %s with the error summary and never shows a password back', async (_label, form, expected) => {
    const { agent } = await signedInAgent(app, t, { roles: ['link_worker'] });
    const response = await agent.post('/app/account/password', form);
    expect(response.statusCode).toBe(400);
    expect(response.body).toContain('<title>Error: Change your password');
    expect(response.body).toContain('nhsuk-error-summary');
    for (const [field, message] of expected) {
      expect(response.body).toContain(`href="#${field}"`);
      expect(response.body).toContain(message);
    }
    for (const typed of Object.values(form)) {
      expect(response.body).not.toContain(`value="${typed}"`);
    }
    expect((await agent.get('/app')).statusCode).toBe(200);
  });
});

describe('signing out of all devices', () => {
  it('ends every session of the user, clears the cookie and audits it', async () => {
    const user = await buildUser(t.db, t.tenant.id, { roles: ['link_worker'] });
    const { agent: otherAgent } = await signedInAgent(app, t, { roles: ['link_worker'] });
    const [here, there] = await signedInTwice(user.email);
    const response = await here.post('/app/account/signout-everywhere', {}, '/app/account');
    expect(response.statusCode).toBe(303);
    expect(response.headers.location).toBe('/signin?signedout=1');
    expect(here.cookies).not.toContain('signpost-session=');
    expect((await there.get('/app')).statusCode).toBe(303);
    expect(await sessionCount(t.db, t.tenant.id, user.id)).toBe(0);
    expect((await otherAgent.get('/app')).statusCode).toBe(200);
    expect(await auditAbout(t.db, t.tenant.id, user.id)).toContainEqual(
      expect.objectContaining({
        action: 'signout',
        actorUserId: user.id,
        details: { everywhere: true, sessionsEnded: 2 },
      }),
    );
  });
});

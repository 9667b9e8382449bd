import type { FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Config } from '../../config.ts';
import { auditAbout, deliverAndReceive, linkPathFrom } from '../../../test/support/account-security.ts';
import { TestAgent } from '../../../test/support/accounts.ts';
import { startTestSmtpServer, type TestSmtpServer } from '../../../test/support/smtp-server.ts';
import { createTestConfig } from '../../../test/support/test-config.ts';
import { createTestDatabase, type TestDatabase } from '../../../test/support/test-db.ts';
import { createTestApp } from '../../../test/support/test-app.ts';
import { accountContent } from './account.content.ts';
import { sendInvitation } from './invitation.service.ts';
import { insertOrganisation } from './organisation.repository.ts';
import { insertRoleAssignment } from './user-admin.repository.ts';
import { findUserById, insertUser, type User } from './user.repository.ts';

let t: TestDatabase;
let app: FastifyInstance;
let smtp: TestSmtpServer;
let config: Config;
const PASSWORD = 'kettle meadow compass';

beforeAll(async () => {
  t = await createTestDatabase();
  smtp = await startTestSmtpServer();
  config = createTestConfig({
    sessionSecret: 'x'.repeat(32),
    formRateLimitPerMinute: 1000,
    smtpUrl: smtp.url,
    publicBaseUrl: 'https://signpost.example.nhs.uk',
  });
  app = await createTestApp(t, config);
});

afterAll(async () => {
  await app.close();
  await smtp.close();
  await t.close();
});

/** An invited user with one role, as the admin pages create them, and the invitation sent in that transaction. */
async function invite(): Promise<User> {
  const suffix = randomUUID().slice(0, 8);
  return t.db.transaction().execute(async (trx) => {
    const org = await insertOrganisation(trx, t.tenant.id, { kind: 'pcn', name: `Invite PCN ${suffix}` });
    const user = await insertUser(trx, t.tenant.id, {
      email: `grace-${suffix}@example.org`,
      displayName: 'Grace Hopper',
      status: 'invited',
    });
    await insertRoleAssignment(trx, t.tenant.id, {
      userId: user.id,
      organisationId: org.id,
      role: 'link_worker',
    });
    await sendInvitation(trx, { config, tenant: t.tenant }, user, 'Alan Admin');
    return user;
  });
}

async function invitationLink(user: User): Promise<string> {
  const message = await deliverAndReceive(t.db, smtp, user.email);
  expect(message.subject).toBe('You have been invited to Signpost');
  expect(message.text).toContain('Alan Admin has given you an account on Signpost');
  expect(message.text).toContain('within 7 days');
  return linkPathFrom(message, 'invite');
}

describe('invitations', () => {
  it('emails a link; choosing a password activates the account and signs in, once', async () => {
    const user = await invite();
    const path = await invitationLink(user);
    const agent = new TestAgent(app);
    const page = await agent.get(path);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Create your Signpost password');
    expect(page.body).toContain(user.displayName);
    expect(page.body).toContain(user.email);

    const done = await agent.post(path, { newPassword: PASSWORD, confirmPassword: PASSWORD });
    expect(done.statusCode).toBe(303);
    expect(done.headers.location).toBe('/app');
    const home = await agent.get('/app');
    expect(home.statusCode).toBe(200);
    expect(home.body).toContain(user.displayName);
    const stored = await findUserById(t.db, t.tenant.id, user.id);
    expect(stored?.status).toBe('active');
    expect(stored?.lastSignedInAt).not.toBeNull();

    const again = await new TestAgent(app).get(path);
    expect(again.statusCode).toBe(410);
    expect(again.body).toContain('ask your Signpost administrator to send you a new invitation');
    expect((await new TestAgent(app).signIn(user.email, PASSWORD)).headers.location).toBe('/app');

    const audit = await auditAbout(t.db, t.tenant.id, user.id);
    expect(audit).toContainEqual(
      expect.objectContaining({
        action: 'update',
        actorUserId: user.id,
        route: 'POST /signin/invite/:token',
        details: { field: 'password', via: 'invitation', status: 'active' },
      }),
    );
    expect(audit).toContainEqual(
      expect.objectContaining({ action: 'signin', details: { method: 'password', via: 'invitation' } }),
    );
  });

  it('refuses an expired, a replaced and an unknown link clearly', async () => {
    const user = await invite();
    const first = await invitationLink(user);
    await t.db
      .transaction()
      .execute((trx) => sendInvitation(trx, { config, tenant: t.tenant }, user, 'Alan Admin'));
    const second = await invitationLink(user);
    expect((await new TestAgent(app).get(first)).statusCode).toBe(410);
    expect((await new TestAgent(app).get(second)).statusCode).toBe(200);
    await t.db
      .updateTable('auth_token')
      .set({ expires_at: sql<Date>`now() - interval '1 minute'` })
      .where('user_id', '=', user.id)
      .execute();
    const expired = await new TestAgent(app).get(second);
    expect(expired.statusCode).toBe(410);
    expect(expired.body).toContain('This link has expired');
    expect((await new TestAgent(app).get('/signin/invite/made-up')).statusCode).toBe(404);
  });

  it('refuses the link of an account disabled since the invitation', async () => {
    const user = await invite();
    const path = await invitationLink(user);
    await t.db.updateTable('app_user').set({ status: 'disabled' }).where('id', '=', user.id).execute();
    expect((await new TestAgent(app).get(path)).statusCode).toBe(410);
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
      { newPassword: PASSWORD, confirmPassword: 'kettle meadow compasses' },
      [['confirmPassword', accountContent['pages.newPassword.confirmPassword.validationError.mismatch']]],
    ],
    [
      'a password with their name',
      { newPassword: 'gracehopper rules ok', confirmPassword: 'gracehopper rules ok' },
      [['newPassword', 'Password must not contain your name or email address']],
    ],
  ])('refuses %s with the error summary, and the invitation still works', async (_label, form, expected) => {
    const user = await invite();
    const path = await invitationLink(user);
    const agent = new TestAgent(app);
    const response = await agent.post(path, form);
    expect(response.statusCode).toBe(400);
    expect(response.body).toContain('<title>Error: Create your Signpost password');
    for (const [field, message] of expected) {
      expect(response.body).toContain(`href="#${field}"`);
      expect(response.body).toContain(message);
    }
    for (const typed of Object.values(form)) {
      expect(response.body).not.toContain(`value="${typed}"`);
    }
    expect((await findUserById(t.db, t.tenant.id, user.id))?.status).toBe('invited');
    expect((await agent.get(path)).statusCode).toBe(200);
  });
});

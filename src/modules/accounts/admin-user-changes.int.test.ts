import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditAbout, sessionCount } from '../../../test/support/account-security.ts';
import { buildUser, TestAgent, type UserBuild } from '../../../test/support/accounts.ts';
import { createTestDatabase, type TestDatabase } from '../../../test/support/test-db.ts';
import { createTestApp, signedInAgent } from '../../../test/support/test-app.ts';
import { listAssignmentsOfUsers } from './user-admin.repository.ts';

// Changes an administrator makes on a user's page: roles, account status, two-step verification and
// invitations, each audited, refused with the error summary when it cannot be done.

let t: TestDatabase;
let app: FastifyInstance;

beforeAll(async () => {
  t = await createTestDatabase();
  app = await createTestApp(t);
});

afterAll(async () => {
  await app.close();
  await t.close();
});

const ADMIN = { roles: ['tenant_admin'] } satisfies UserBuild;

describe('roles', () => {
  it('gives a role (audited as a permission change), refuses it twice, and keeps the sessions', async () => {
    const { agent, user: admin } = await signedInAgent(app, t, ADMIN);
    const { agent: theirAgent, user: someone } = await signedInAgent(app, t, { roles: ['care_navigator'] });
    const url = `/app/admin/users/${someone.id}`;
    const given = await agent.post(
      `${url}/roles`,
      { organisationId: admin.organisationId, role: 'supervisor' },
      url,
    );
    expect(given.statusCode).toBe(303);
    expect(given.headers.location).toBe(`${url}?done=roleGiven`);
    expect((await listAssignmentsOfUsers(t.db, t.tenant.id, [someone.id])).map((a) => a.role).sort()).toEqual(
      ['care_navigator', 'supervisor'],
    );
    const changes = (await auditAbout(t.db, t.tenant.id, someone.id)).filter(
      (e) => e.action === 'permission-change',
    );
    expect(changes).toEqual([
      expect.objectContaining({
        outcome: 'success',
        details: { role: 'supervisor', organisationId: admin.organisationId, change: 'granted' },
      }),
    ]);
    expect(await sessionCount(t.db, t.tenant.id, someone.id)).toBe(1);
    expect((await theirAgent.get('/app')).statusCode).toBe(200);

    const again = await agent.post(
      `${url}/roles`,
      { organisationId: admin.organisationId, role: 'supervisor' },
      url,
    );
    expect(again.statusCode).toBe(400);
    expect(again.body).toContain('They already have this role in this organisation');
    expect(again.body).toContain('href="#role"');
    const refused = (await auditAbout(t.db, t.tenant.id, someone.id)).at(-1);
    expect(refused).toEqual(
      expect.objectContaining({
        action: 'permission-change',
        outcome: 'failure',
        details: { fields: ['role'] },
      }),
    );

    const empty = await agent.post(`${url}/roles`, { organisationId: '', role: '' }, url);
    expect(empty.statusCode).toBe(400);
    expect(empty.body).toContain('Select an organisation');
    expect(empty.body).toContain('Select a role to give');
  });

  it('removes a role: audited, and a session acting in it must choose a role again but stays signed in', async () => {
    const { agent } = await signedInAgent(app, t, ADMIN);
    const { agent: theirAgent, user: someone } = await signedInAgent(app, t, { roles: ['link_worker'] });
    const [assignment] = await listAssignmentsOfUsers(t.db, t.tenant.id, [someone.id]);
    const url = `/app/admin/users/${someone.id}`;
    const removed = await agent.post(`${url}/roles/${assignment.id}/remove`, {}, url);
    expect(removed.statusCode).toBe(303);
    expect(removed.headers.location).toBe(`${url}?done=roleRemoved`);
    expect(await listAssignmentsOfUsers(t.db, t.tenant.id, [someone.id])).toEqual([]);
    expect((await auditAbout(t.db, t.tenant.id, someone.id)).at(-1)).toMatchObject({
      action: 'permission-change',
      details: { role: 'link_worker', change: 'removed' },
    });
    expect(await sessionCount(t.db, t.tenant.id, someone.id)).toBe(1);
    const after = await theirAgent.get('/app');
    expect(after.statusCode).toBe(303);
    expect(after.headers.location).toBe('/app/role?next=%2Fapp');
  });

  it('will not remove the last usable administrator role, but removes one of two', async () => {
    const isolated = await createTestDatabase();
    const isolatedApp = await createTestApp(isolated);
    try {
      // A disabled administrator does not count: their role cannot be used.
      await buildUser(isolated.db, isolated.tenant.id, { roles: ['tenant_admin'], status: 'disabled' });
      const { agent, user: admin } = await signedInAgent(isolatedApp, isolated, { roles: ['tenant_admin'] });
      const url = `/app/admin/users/${admin.id}`;
      const [own] = await isolated.db
        .selectFrom('role_assignment')
        .select('id')
        .where('user_id', '=', admin.id)
        .execute();
      const refused = await agent.post(`${url}/roles/${own.id}/remove`, {}, url);
      expect(refused.statusCode).toBe(400);
      expect(refused.body).toContain('You cannot remove the last administrator role');
      expect(refused.body).toContain('href="#roles"');
      const second = await agent.post(
        `${url}/roles`,
        { organisationId: admin.organisationId, role: 'clinician' },
        url,
      );
      expect(second.statusCode).toBe(303);
      const other = await buildUser(isolated.db, isolated.tenant.id, { roles: ['tenant_admin'] });
      expect(other.status).toBe('active');
      const allowed = await agent.post(`${url}/roles/${own.id}/remove`, {}, url);
      expect(allowed.statusCode).toBe(303);
    } finally {
      await isolatedApp.close();
      await isolated.close();
    }
  });
});

describe('account status, two-step and invitations', () => {
  it('disables an account (ending all its sessions and unused links) and enables it again', async () => {
    const { agent } = await signedInAgent(app, t, ADMIN);
    const someone = await buildUser(t.db, t.tenant.id, { roles: ['link_worker'] });
    const phone = new TestAgent(app);
    const laptop = new TestAgent(app);
    await phone.signIn(someone.email);
    await laptop.signIn(someone.email);
    await t.db
      .insertInto('auth_token')
      .values({
        tenant_id: t.tenant.id,
        token_hash: `reset-${someone.id}`,
        user_id: someone.id,
        purpose: 'password-reset',
        expires_at: new Date(Date.now() + 3_600_000),
        used_at: null,
      })
      .execute();
    expect(await sessionCount(t.db, t.tenant.id, someone.id)).toBe(2);
    const url = `/app/admin/users/${someone.id}`;
    const disabled = await agent.post(`${url}/status`, { status: 'disabled' }, url);
    expect(disabled.headers.location).toBe(`${url}?done=disabled`);
    expect(await sessionCount(t.db, t.tenant.id, someone.id)).toBe(0);
    expect(
      await t.db.selectFrom('auth_token').select('token_hash').where('user_id', '=', someone.id).execute(),
    ).toEqual([]);
    expect((await phone.get('/app')).headers.location).toBe('/signin?next=%2Fapp');
    expect((await auditAbout(t.db, t.tenant.id, someone.id)).at(-1)).toEqual(
      expect.objectContaining({
        action: 'update',
        outcome: 'success',
        details: { field: 'status', from: 'active', to: 'disabled', sessionsEnded: 2, linksCancelled: 1 },
      }),
    );
    const page = await agent.get(`${url}?done=disabled`);
    expect(page.body).toContain('Account disabled and signed out everywhere');
    expect(page.body).toContain('Enable account');
    const enabled = await agent.post(`${url}/status`, { status: 'active' }, url);
    expect(enabled.headers.location).toBe(`${url}?done=enabled`);
    const row = await t.db
      .selectFrom('app_user')
      .select('status')
      .where('id', '=', someone.id)
      .executeTakeFirst();
    expect(row?.status).toBe('active');
    expect((await new TestAgent(app).signIn(someone.email)).headers.location).toBe('/app');
  });

  it('enables a disabled account that never chose a password as invited again', async () => {
    const { agent } = await signedInAgent(app, t, ADMIN);
    const someone = await buildUser(t.db, t.tenant.id, { status: 'disabled' });
    await t.db.updateTable('app_user').set({ password_hash: null }).where('id', '=', someone.id).execute();
    const url = `/app/admin/users/${someone.id}`;
    await agent.post(`${url}/status`, { status: 'active' }, url);
    const row = await t.db
      .selectFrom('app_user')
      .select('status')
      .where('id', '=', someone.id)
      .executeTakeFirst();
    expect(row?.status).toBe('invited');
  });

  it('will not let an administrator disable themselves, and rejects an unknown status', async () => {
    const { agent, user: admin } = await signedInAgent(app, t, ADMIN);
    const url = `/app/admin/users/${admin.id}`;
    const page = await agent.get(url);
    expect(page.body).not.toContain('Disable account');
    const self = await agent.post(`${url}/status`, { status: 'disabled' }, url);
    expect(self.statusCode).toBe(400);
    expect(self.body).toContain('You cannot disable your own account');
    const odd = await agent.post(`${url}/status`, { status: 'sleeping' }, url);
    expect(odd.statusCode).toBe(400);
    expect(odd.body).toContain('Choose to disable or enable the account');
    const row = await t.db
      .selectFrom('app_user')
      .select('status')
      .where('id', '=', admin.id)
      .executeTakeFirst();
    expect(row?.status).toBe('active');
    expect(await sessionCount(t.db, t.tenant.id, admin.id)).toBe(1);
  });

  it('resets two-step verification', async () => {
    const { agent } = await signedInAgent(app, t, ADMIN);
    const someone = await buildUser(t.db, t.tenant.id, {});
    await t.db
      .updateTable('app_user')
      .set({ totp_secret: 'JBSWY3DPEHPK3PXP', totp_enabled_at: new Date(), totp_last_step: 1 })
      .where('id', '=', someone.id)
      .execute();
    const url = `/app/admin/users/${someone.id}`;
    expect((await agent.get(url)).body).toContain('Reset two-step verification');
    const reset = await agent.post(`${url}/reset-two-step`, {}, url);
    expect(reset.headers.location).toBe(`${url}?done=twoStepReset`);
    const row = await t.db
      .selectFrom('app_user')
      .select(['totp_secret', 'totp_enabled_at', 'totp_last_step'])
      .where('id', '=', someone.id)
      .executeTakeFirst();
    expect(row).toEqual({ totp_secret: null, totp_enabled_at: null, totp_last_step: null });
    expect((await auditAbout(t.db, t.tenant.id, someone.id)).at(-1)).toMatchObject({
      action: 'update',
      details: { field: 'two-step', change: 'reset' },
    });
  });

  it('resends an invitation to an invited user only; only the newest link is left', async () => {
    const { agent, user: admin } = await signedInAgent(app, t, ADMIN);
    const invite = await agent.post(
      '/app/admin/users',
      {
        email: 'resend.me@example.org',
        displayName: 'Resend Me',
        organisationId: admin.organisationId,
        role: 'clinician',
      },
      '/app/admin/users/new',
    );
    const url = (invite.headers.location ?? '').replace(/\?.*$/, '');
    const resent = await agent.post(`${url}/resend-invitation`, {}, url);
    expect(resent.headers.location).toBe(`${url}?done=invitationResent`);
    const emails = await t.db
      .selectFrom('notify_outbox')
      .select('id')
      .where('recipient', '=', 'resend.me@example.org')
      .execute();
    expect(emails).toHaveLength(2);
    const userId = url.split('/').at(-1) ?? '';
    const links = await t.db
      .selectFrom('auth_token')
      .select('purpose')
      .where('user_id', '=', userId)
      .execute();
    expect(links).toEqual([{ purpose: 'invitation' }]);
    const active = await buildUser(t.db, t.tenant.id, {});
    const activeUrl = `/app/admin/users/${active.id}`;
    const refused = await agent.post(`${activeUrl}/resend-invitation`, {}, activeUrl);
    expect(refused.statusCode).toBe(400);
    expect(refused.body).toContain('Only users who have not accepted their invitation can be sent a new one');
  });
});

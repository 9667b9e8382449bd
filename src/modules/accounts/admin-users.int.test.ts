import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditAbout } from '../../../test/support/account-security.ts';
import { buildUser, csrfFrom, type UserBuild } from '../../../test/support/accounts.ts';
import { createTestDatabase, type TestDatabase } from '../../../test/support/test-db.ts';
import { createTestApp, signedInAgent } from '../../../test/support/test-app.ts';
import { ensureTenant } from './tenant.repository.ts';
import { insertOrganisation } from './organisation.repository.ts';
import { listAssignmentsOfUsers } from './user-admin.repository.ts';

// The user administration pages: the list and its filter, inviting a user, and a user's page.
// Changes on a user's page (roles, status, two-step, invitations): admin-user-changes.int.test.ts.

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

describe('the user list', () => {
  it('lists users with status and roles, and filters by text and status', async () => {
    const { agent } = await signedInAgent(app, t, ADMIN);
    const someone = await buildUser(t.db, t.tenant.id, {
      displayName: 'Zara Filterable',
      email: 'zara.filterable@example.org',
      roles: ['link_worker'],
    });
    await buildUser(t.db, t.tenant.id, {
      displayName: 'Yusuf Disabled',
      status: 'disabled',
      roles: ['clinician'],
    });
    const all = await agent.get('/app/admin/users');
    expect(all.statusCode).toBe(200);
    expect(all.body).toContain('Zara Filterable');
    expect(all.body).toContain(`href="/app/admin/users/${someone.id}"`);
    expect(all.body).toContain('Social prescribing link worker, Test organisation');
    const byText = await agent.get('/app/admin/users?q=FILTERABLE');
    expect(byText.body).toContain('Zara Filterable');
    expect(byText.body).not.toContain('Yusuf Disabled');
    const byStatus = await agent.get('/app/admin/users?status=disabled');
    expect(byStatus.body).toContain('Yusuf Disabled');
    expect(byStatus.body).not.toContain('Zara Filterable');
    expect(byStatus.body).toContain('nhsuk-tag--grey');
  });

  it('treats % and _ as plain characters in the filter', async () => {
    const { agent } = await signedInAgent(app, t, ADMIN);
    const response = await agent.get('/app/admin/users?q=%25');
    expect(response.statusCode).toBe(200);
    expect(response.body).toContain('No users found');
  });

  it('pages at 50 users, keeping the filter in the links', async () => {
    const { agent } = await signedInAgent(app, t, ADMIN);
    for (let i = 0; i < 51; i++) {
      await buildUser(t.db, t.tenant.id, { displayName: `Paged Person ${String(i).padStart(2, '0')}` });
    }
    const first = await agent.get('/app/admin/users?q=Paged+Person');
    expect(first.body).toContain('51 users, showing 1 to 50');
    expect(first.body).toContain('Paged Person 49');
    expect(first.body).not.toContain('Paged Person 50');
    expect(first.body).toContain('href="/app/admin/users?q=Paged+Person&amp;page=2"');
    const second = await agent.get('/app/admin/users?q=Paged+Person&page=2');
    expect(second.body).toContain('51 users, showing 51 to 51');
    expect(second.body).toContain('Paged Person 50');
  });

  it('rejects a bad filter with the error summary and a 400, keeping the text', async () => {
    const { agent } = await signedInAgent(app, t, ADMIN);
    const response = await agent.get('/app/admin/users?q=abc&status=sleeping');
    expect(response.statusCode).toBe(400);
    expect(response.body).toContain('nhsuk-error-summary');
    expect(response.body).toContain('href="#status"');
    expect(response.body).toContain('Select a status from the list');
    expect(response.body).toContain('value="abc"');
  });

  it('is refused to a role without users:manage', async () => {
    const { agent } = await signedInAgent(app, t, { roles: ['care_navigator'] });
    expect((await agent.get('/app/admin/users')).statusCode).toBe(403);
  });
});

describe('inviting a user', () => {
  it('creates the invited user, their role, an invitation email and the audit entries in one go', async () => {
    const { agent, user: admin } = await signedInAgent(app, t, ADMIN);
    const form = await agent.get('/app/admin/users/new');
    expect(form.statusCode).toBe(200);
    const response = await agent.postWithToken(
      '/app/admin/users',
      {
        email: ' New.Person@Example.org ',
        displayName: 'New Person',
        organisationId: admin.organisationId,
        role: 'link_worker',
      },
      csrfFrom(form.body),
    );
    expect(response.statusCode).toBe(303);
    const user = await t.db
      .selectFrom('app_user')
      .selectAll()
      .where('tenant_id', '=', t.tenant.id)
      .where('email', '=', 'new.person@example.org')
      .executeTakeFirstOrThrow();
    expect(response.headers.location).toBe(`/app/admin/users/${user.id}?done=invited`);
    expect(user).toMatchObject({ status: 'invited', display_name: 'New Person', password_hash: null });
    expect(await listAssignmentsOfUsers(t.db, t.tenant.id, [user.id])).toEqual([
      expect.objectContaining({ role: 'link_worker', organisationId: admin.organisationId }),
    ]);
    const emails = await t.db
      .selectFrom('notify_outbox')
      .select(['recipient', 'template', 'body_text'])
      .where('recipient', '=', 'new.person@example.org')
      .execute();
    expect(emails).toHaveLength(1);
    expect(emails[0]?.body_text).toContain('/signin/invite/');
    expect(emails[0]?.body_text).toContain(admin.displayName);
    const tokens = await t.db
      .selectFrom('auth_token')
      .select('purpose')
      .where('user_id', '=', user.id)
      .execute();
    expect(tokens).toEqual([{ purpose: 'invitation' }]);
    expect(await auditAbout(t.db, t.tenant.id, user.id)).toEqual([
      expect.objectContaining({ action: 'create', outcome: 'success', details: { status: 'invited' } }),
      expect.objectContaining({
        action: 'permission-change',
        outcome: 'success',
        details: { role: 'link_worker', organisationId: admin.organisationId, change: 'granted' },
      }),
    ]);
    const page = await agent.get(response.headers.location ?? '');
    expect(page.body).toContain('Invitation sent');
    expect(page.body).toContain('Resend invitation');
  });

  it('shows every problem in the error summary with a 400, keeping what was typed', async () => {
    const { agent } = await signedInAgent(app, t, ADMIN);
    const response = await agent.post(
      '/app/admin/users',
      { email: 'not-an-address', displayName: 'Typed Name', organisationId: '', role: '' },
      '/app/admin/users/new',
    );
    expect(response.statusCode).toBe(400);
    expect(response.body).toContain('<title>Error: Invite a user - Signpost</title>');
    const summary = response.body.slice(response.body.indexOf('nhsuk-error-summary'));
    const hrefs = [...summary.matchAll(/href="#(\w+)"/g)].map((m) => m[1]).slice(0, 3);
    expect(hrefs).toEqual(['email', 'organisationId', 'role']);
    expect(response.body).toContain('Enter an email address in the correct format, like name@example.org');
    expect(response.body).toContain('value="not-an-address"');
    expect(response.body).toContain('value="Typed Name"');
  });

  it('refuses an email address that already has an account, whatever its case', async () => {
    const { agent, user: admin } = await signedInAgent(app, t, ADMIN);
    const existing = await buildUser(t.db, t.tenant.id, {});
    const response = await agent.post(
      '/app/admin/users',
      {
        email: existing.email.toUpperCase(),
        displayName: 'Dup',
        organisationId: admin.organisationId,
        role: 'clinician',
      },
      '/app/admin/users/new',
    );
    expect(response.statusCode).toBe(400);
    expect(response.body).toContain('A user with this email address already exists');
    expect(response.body).toContain('href="#email"');
  });

  it('refuses VCSE provider staff outside a VCSE organisation, and an organisation of another tenant', async () => {
    const { agent, user: admin } = await signedInAgent(app, t, ADMIN);
    const wrongKind = await agent.post(
      '/app/admin/users',
      {
        email: 'vcse.wrong@example.org',
        displayName: 'V',
        organisationId: admin.organisationId,
        role: 'vcse_staff',
      },
      '/app/admin/users/new',
    );
    expect(wrongKind.statusCode).toBe(400);
    expect(wrongKind.body).toContain('href="#role"');
    const other = await ensureTenant(t.db, 'other-tenant', 'Other tenant');
    const foreign = await insertOrganisation(t.db, other.id, { kind: 'pcn', name: 'Foreign PCN' });
    const foreignOrg = await agent.post(
      '/app/admin/users',
      { email: 'foreign.org@example.org', displayName: 'F', organisationId: foreign.id, role: 'clinician' },
      '/app/admin/users/new',
    );
    expect(foreignOrg.statusCode).toBe(400);
    expect(foreignOrg.body).toContain('href="#organisationId"');
    const created = await t.db
      .selectFrom('app_user')
      .select('id')
      .where('email', 'in', ['vcse.wrong@example.org', 'foreign.org@example.org'])
      .execute();
    expect(created).toEqual([]);
  });
});

describe("a user's page", () => {
  it('shows the summary and roles, and audits the read', async () => {
    const { agent } = await signedInAgent(app, t, ADMIN);
    const someone = await buildUser(t.db, t.tenant.id, { displayName: 'Read Me', roles: ['clinician'] });
    const page = await agent.get(`/app/admin/users/${someone.id}`);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('<h1>Read Me</h1>');
    expect(page.body).toContain(someone.email);
    expect(page.body).toContain('Clinician, Test organisation');
    expect(page.body).toContain('Disable account');
    expect(page.body).not.toContain('Resend invitation');
    expect(await auditAbout(t.db, t.tenant.id, someone.id)).toEqual([
      expect.objectContaining({ action: 'read', outcome: 'success', details: {} }),
    ]);
  });

  it("gives 404 for another tenant's user, a missing user and an id that is not one, on every route", async () => {
    const { agent } = await signedInAgent(app, t, ADMIN);
    const other = await ensureTenant(t.db, 'other-tenant', 'Other tenant');
    const stranger = await buildUser(t.db, other.id, { roles: ['tenant_admin'] });
    const token = csrfFrom((await agent.get('/app/admin/users/new')).body);
    for (const id of [stranger.id, '00000000-0000-4000-8000-000000000000', 'not-a-uuid']) {
      expect((await agent.get(`/app/admin/users/${id}`)).statusCode).toBe(404);
      for (const path of ['roles', 'status', 'reset-two-step', 'resend-invitation']) {
        const response = await agent.postWithToken(
          `/app/admin/users/${id}/${path}`,
          { status: 'disabled' },
          token,
        );
        expect(response.statusCode, `${path} ${id}`).toBe(404);
      }
    }
    const foreignRoles = (): Promise<{ id: string }[]> =>
      t.db.selectFrom('role_assignment').select('id').where('user_id', '=', stranger.id).execute();
    const [foreignRole] = await foreignRoles();
    expect(foreignRole).toBeDefined();
    const remove = await agent.postWithToken(
      `/app/admin/users/${stranger.id}/roles/${foreignRole.id}/remove`,
      {},
      token,
    );
    expect(remove.statusCode).toBe(404);
    const strangerRow = await t.db
      .selectFrom('app_user')
      .select('status')
      .where('id', '=', stranger.id)
      .executeTakeFirst();
    expect(strangerRow?.status).toBe('active');
    expect(await foreignRoles()).toHaveLength(1);
  });
});

import { sql } from 'kysely';
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildUser } from '../../test/support/accounts.ts';
import { createTestDatabase, type TestDatabase } from '../../test/support/test-db.ts';
import { ensureTenant, type Tenant } from '../modules/accounts/tenant.repository.ts';
import { listTenantTables, TENANT_POLICY } from './tenant-isolation.ts';

// Proves the second layer of tenant isolation: with PostgreSQL row-level security, a query WITHOUT any
// tenant filter, run by a non-owner role bound to tenant A, returns nothing of tenant B.

let t: TestDatabase;
let other: Tenant;
const role = `signpost_rls_${randomBytes(4).toString('hex')}`;

beforeAll(async () => {
  t = await createTestDatabase();
  other = await ensureTenant(t.db, 'other-pcn', 'Other PCN');
  await buildUser(t.db, t.tenant.id, { roles: ['link_worker'], email: 'a@example.org' });
  await buildUser(t.db, other.id, { roles: ['link_worker'], email: 'b@example.org' });
  await sql.raw(`CREATE ROLE ${role} NOLOGIN`).execute(t.db);
  await sql.raw(`GRANT SELECT, INSERT ON ALL TABLES IN SCHEMA public TO ${role}`).execute(t.db);
});

afterAll(async () => {
  await sql.raw(`DROP OWNED BY ${role}`).execute(t.db);
  await sql.raw(`DROP ROLE ${role}`).execute(t.db);
  await t.close();
});

describe('PostgreSQL row-level security', () => {
  it('has the tenant policy on every table with a tenant_id column', async () => {
    const tables = await listTenantTables(t.db);
    expect(tables).toEqual(
      expect.arrayContaining(['app_user', 'audit_event', 'organisation', 'service', 'notify_outbox']),
    );
    const protectedTables = await sql<{ relname: string }>`
      SELECT c.relname FROM pg_class c
      JOIN pg_policy p ON p.polrelid = c.oid AND p.polname = ${TENANT_POLICY}
      WHERE c.relrowsecurity AND c.relnamespace = current_schema()::regnamespace`.execute(t.db);
    expect(protectedTables.rows.map((r) => r.relname).sort()).toEqual([...tables].sort());
  });

  it('shows a non-owner role bound to one tenant only that tenant, even with no WHERE clause', async () => {
    const seen = await t.db.transaction().execute(async (trx) => {
      await sql.raw(`SET LOCAL ROLE ${role}`).execute(trx);
      await sql`SELECT set_config('signpost.tenant_id', ${t.tenant.id}, true)`.execute(trx);
      const users = await sql<{
        email: string;
        tenant_id: string;
      }>`SELECT email, tenant_id FROM app_user`.execute(trx);
      const orgs = await sql<{
        n: string;
      }>`SELECT count(*) AS n FROM organisation WHERE tenant_id = ${other.id}`.execute(trx);
      return { users: users.rows, otherOrgs: Number(orgs.rows[0]?.n) };
    });
    expect(seen.users.map((u) => u.email)).toEqual(['a@example.org']);
    expect(seen.otherOrgs).toBe(0);
  });

  it('shows nothing when no tenant is bound', async () => {
    const count = await t.db.transaction().execute(async (trx) => {
      await sql.raw(`SET LOCAL ROLE ${role}`).execute(trx);
      const result = await sql<{ n: string }>`SELECT count(*) AS n FROM app_user`.execute(trx);
      return Number(result.rows[0]?.n);
    });
    expect(count).toBe(0);
  });

  it("refuses to write a row into another tenant's data", async () => {
    const attempt = t.db.transaction().execute(async (trx) => {
      await sql.raw(`SET LOCAL ROLE ${role}`).execute(trx);
      await sql`SELECT set_config('signpost.tenant_id', ${t.tenant.id}, true)`.execute(trx);
      await sql`INSERT INTO organisation (tenant_id, id, kind, name) VALUES (${other.id}, gen_random_uuid(), 'vcse', 'Smuggled')`.execute(
        trx,
      );
    });
    await expect(attempt).rejects.toThrow(/row-level security/);
  });

  it('lets the table owner (migrations, the default connection) see every tenant', async () => {
    const users = await t.db
      .selectFrom('app_user')
      .select('email')
      .where('email', 'in', ['a@example.org', 'b@example.org'])
      .execute();
    expect(users).toHaveLength(2);
  });
});

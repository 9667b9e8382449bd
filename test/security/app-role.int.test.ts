import type { FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { openDatabase, type DatabaseHandle } from '../../src/db/connect.ts';
import { ensureTenant } from '../../src/modules/accounts/tenant.repository.ts';
import { buildUser, TestAgent } from '../support/accounts.ts';
import { createTestDatabase, type TestDatabase } from '../support/test-db.ts';
import { createTestApp } from '../support/test-app.ts';

// The production set-up, end to end on PostgreSQL: Signpost connected as the non-owner application role
// of docs/deploy/postgres-app-role.sql works normally, sees only its own tenant even without a filter, and
// cannot alter the audit trail.

const onPostgres = inject('dbKind') === 'postgres';
const role = `signpost_app_${randomBytes(4).toString('hex')}`;
let t: TestDatabase;
let appDb: DatabaseHandle;
let app: FastifyInstance;

describe.runIf(onPostgres)('the application database role', () => {
  beforeAll(async () => {
    t = await createTestDatabase();
    const other = await ensureTenant(t.db, 'elsewhere-pcn', 'Elsewhere PCN');
    await buildUser(t.db, other.id, { roles: ['tenant_admin'], email: 'elsewhere@example.org' });
    const script = readFileSync(join(process.cwd(), 'docs/deploy/postgres-app-role.sql'), 'utf8').replaceAll(
      'signpost_app',
      role,
    );
    await sql.raw(script).execute(t.db);
    const database = await sql<{ name: string }>`SELECT current_database() AS name`.execute(t.db);
    const url = new URL(inject('postgresAdminUrl'));
    url.username = role;
    url.pathname = `/${database.rows[0]?.name ?? ''}`;
    appDb = await openDatabase({ url: url.toString(), poolSize: 2, tenantId: t.tenant.id });
    app = await createTestApp({ db: appDb.db, tenant: t.tenant });
  });

  afterAll(async () => {
    await app.close();
    await appDb.close();
    await sql.raw(`DROP OWNED BY ${role}`).execute(t.db);
    await sql.raw(`DROP ROLE ${role}`).execute(t.db);
    await t.close();
  });

  it('runs Signpost: sign-in, staff pages, audit trail, readiness', async () => {
    const admin = await buildUser(t.db, t.tenant.id, { roles: ['tenant_admin'] });
    const agent = new TestAgent(app);
    const signin = await agent.signIn(admin.email);
    expect(signin.headers.location).toBe('/app');
    expect((await agent.get('/app/admin/audit')).statusCode).toBe(200);
    expect((await app.inject({ method: 'GET', url: '/readyz' })).statusCode).toBe(200);
  });

  it("sees only its own tenant's rows, even with no tenant filter in the query", async () => {
    const users = await sql<{ email: string }>`SELECT email FROM app_user`.execute(appDb.db);
    expect(users.rows.length).toBeGreaterThan(0);
    expect(users.rows.map((u) => u.email)).not.toContain('elsewhere@example.org');
  });

  it('can append to the audit trail but never change or delete it', async () => {
    await expect(sql`UPDATE audit_event SET action = 'read'`.execute(appDb.db)).rejects.toThrow(
      /permission denied/,
    );
    await expect(sql`DELETE FROM audit_event`.execute(appDb.db)).rejects.toThrow(/permission denied/);
    await expect(sql`TRUNCATE audit_event`.execute(appDb.db)).rejects.toThrow(/permission denied/);
    await expect(sql`ALTER TABLE audit_event DISABLE TRIGGER ALL`.execute(appDb.db)).rejects.toThrow(
      /must be owner/,
    );
  });
});

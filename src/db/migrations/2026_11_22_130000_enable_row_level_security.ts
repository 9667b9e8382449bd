import { sql, type Kysely } from 'kysely';
import { enableTenantIsolation, listTenantTables, TENANT_POLICY } from '../tenant-isolation.ts';

// Row-level security on every tenant table that exists at this point (directory, geo practice, accounts,
// audit, notify). Tables created by later migrations call enableTenantIsolation themselves.

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const table of await listTenantTables(db)) {
    await enableTenantIsolation(db, table);
  }
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of await listTenantTables(db)) {
    await sql.raw(`DROP POLICY IF EXISTS ${TENANT_POLICY} ON ${table}`).execute(db);
    await sql.raw(`ALTER TABLE ${table} DISABLE ROW LEVEL SECURITY`).execute(db);
  }
}

import { sql, type Kysely } from 'kysely';

// Row-level tenant isolation, in two layers:
// 1. The data layer: every repository query filters by tenant_id (the app's own rule, on both engines).
// 2. PostgreSQL row-level security: each tenant table has a policy that shows and accepts only the rows of
//    the tenant named by the connection setting `signpost.tenant_id` (set per connection from the
//    resolved tenant, see openDatabase's `tenantId`). Table owners bypass RLS, so the policies bind when the
//    application connects as a non-owner role, as a production deployment should (README: "Tenant
//    isolation"). A connection with no tenant set sees nothing.
// Every migration that creates a tenant table must call enableTenantIsolation for it; a test checks that
// every table with a tenant_id column has the policy.

export const TENANT_SETTING = 'signpost.tenant_id';
export const TENANT_POLICY = 'tenant_isolation';

/**
 * Turns on row-level security for one tenant table.
 * @param db - the migration's database handle
 * @param table - a table with a `tenant_id uuid` column
 */
export async function enableTenantIsolation(db: Kysely<unknown>, table: string): Promise<void> {
  if (!/^[a-z_][a-z0-9_]*$/.test(table)) {
    throw new Error(`Not a table name: ${table}`);
  }
  const current = `nullif(current_setting('${TENANT_SETTING}', true), '')::uuid`;
  await sql.raw(`ALTER TABLE ${table} ENABLE ROW LEVEL SECURITY`).execute(db);
  await sql.raw(`DROP POLICY IF EXISTS ${TENANT_POLICY} ON ${table}`).execute(db);
  await sql
    .raw(
      `CREATE POLICY ${TENANT_POLICY} ON ${table} USING (tenant_id = ${current}) WITH CHECK (tenant_id = ${current})`,
    )
    .execute(db);
}

/**
 * The tables of the current schema that have a tenant_id column.
 * @param db - a database handle
 */
export async function listTenantTables<DB>(db: Kysely<DB>): Promise<string[]> {
  const result = await sql<{ table_name: string }>`
    SELECT c.table_name FROM information_schema.columns c
    JOIN information_schema.tables t ON t.table_schema = c.table_schema AND t.table_name = c.table_name
    WHERE c.table_schema = current_schema() AND c.column_name = 'tenant_id' AND t.table_type = 'BASE TABLE'
    ORDER BY c.table_name`.execute(db);
  return result.rows.map((r) => r.table_name);
}

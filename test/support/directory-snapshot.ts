import { sql, type Kysely } from 'kysely';
import type { Database } from '../../src/db/database.ts';

export const DIRECTORY_TABLES = [
  'organization',
  'organization_identifier',
  'service',
  'location',
  'address',
  'accessibility',
  'service_at_location',
  'contact',
  'phone',
  'schedule',
  'taxonomy',
  'taxonomy_term',
  'attribute',
  'cost_option',
  'language',
  'service_area',
  'funding',
] as const;
export type DirectoryTableName = (typeof DIRECTORY_TABLES)[number];

/**
 * Every row of every directory table (optionally one tenant's), with xmin: any write to a row, even an
 * UPDATE that sets the same values, changes its xmin, so equal snapshots mean nothing was written.
 * @param db - the database
 * @param tenantId - only this tenant's rows
 */
export async function snapshotDirectory(
  db: Kysely<Database>,
  tenantId?: string,
): Promise<Record<string, unknown[]>> {
  const out: Record<string, unknown[]> = {};
  for (const table of DIRECTORY_TABLES) {
    const where = tenantId === undefined ? sql`` : sql`WHERE tenant_id = ${tenantId}::uuid`;
    const result = await sql<Record<string, unknown>>`
      SELECT xmin::text AS xmin, * FROM ${sql.table(table)} ${where} ORDER BY tenant_id, id`.execute(db);
    out[table] = result.rows;
  }
  return out;
}

/**
 * How many rows each directory table holds for a tenant.
 * @param db - the database
 * @param tenantId - the tenant
 */
export async function countDirectoryRows(
  db: Kysely<Database>,
  tenantId: string,
): Promise<Record<DirectoryTableName, number>> {
  const out = {} as Record<DirectoryTableName, number>;
  for (const table of DIRECTORY_TABLES) {
    const result = await sql<{ n: number }>`
      SELECT count(*)::int AS n FROM ${sql.table(table)} WHERE tenant_id = ${tenantId}::uuid`.execute(db);
    out[table] = result.rows[0]?.n ?? 0;
  }
  return out;
}

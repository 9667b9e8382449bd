import { sql, type Kysely } from 'kysely';
import type { Database } from '../../db/database.ts';

// GP practices of a tenant (PCN). A minimal table until the accounts issue folds practices into the
// organisation tree (ICB > PCN > practice).

export interface Practice {
  id: string;
  odsCode: string;
  name: string;
  postcode: string;
  latitude: number | null;
  longitude: number | null;
}

/**
 * Inserts or updates practices by id; rows that have not changed are left alone.
 * @param db - the database or a transaction
 * @param tenantId - the tenant
 * @param practices - the practices
 * @returns how many rows were inserted or changed
 */
export async function upsertPractices(
  db: Kysely<Database>,
  tenantId: string,
  practices: readonly Practice[],
): Promise<number> {
  if (practices.length === 0) {
    return 0;
  }
  const result = await sql`
    INSERT INTO practice AS p (tenant_id, id, ods_code, name, postcode, latitude, longitude)
    SELECT ${tenantId}::uuid, id, ods_code, name, postcode, latitude, longitude FROM unnest(
      ${practices.map((p) => p.id)}::uuid[], ${practices.map((p) => p.odsCode)}::text[],
      ${practices.map((p) => p.name)}::text[], ${practices.map((p) => p.postcode)}::text[],
      ${practices.map((p) => p.latitude)}::float8[], ${practices.map((p) => p.longitude)}::float8[])
      AS t(id, ods_code, name, postcode, latitude, longitude)
    ON CONFLICT (tenant_id, id) DO UPDATE
      SET ods_code = excluded.ods_code, name = excluded.name, postcode = excluded.postcode,
          latitude = excluded.latitude, longitude = excluded.longitude, updated_at = now()
      WHERE (p.ods_code, p.name, p.postcode, p.latitude, p.longitude)
        IS DISTINCT FROM (excluded.ods_code, excluded.name, excluded.postcode, excluded.latitude, excluded.longitude)`.execute(
    db,
  );
  return Number(result.numAffectedRows ?? 0);
}

/**
 * A tenant's practices, by name.
 * @param db - the database
 * @param tenantId - the tenant
 */
export async function listPractices(db: Kysely<Database>, tenantId: string): Promise<Practice[]> {
  const rows = await db
    .selectFrom('practice')
    .select(['id', 'ods_code', 'name', 'postcode', 'latitude', 'longitude'])
    .where('tenant_id', '=', tenantId)
    .orderBy('name')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    odsCode: r.ods_code,
    name: r.name,
    postcode: r.postcode,
    latitude: r.latitude,
    longitude: r.longitude,
  }));
}

import { sql, type Kysely, type Selectable } from 'kysely';
import type { Database, PracticeTable } from '../../db/database.ts';

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

const PRACTICE_COLUMNS = ['id', 'ods_code', 'name', 'postcode', 'latitude', 'longitude'] as const;

function toPractice(row: Pick<Selectable<PracticeTable>, (typeof PRACTICE_COLUMNS)[number]>): Practice {
  return {
    id: row.id,
    odsCode: row.ods_code,
    name: row.name,
    postcode: row.postcode,
    latitude: row.latitude,
    longitude: row.longitude,
  };
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
    .select(PRACTICE_COLUMNS)
    .where('tenant_id', '=', tenantId)
    .orderBy('name')
    .execute();
  return rows.map(toPractice);
}

/**
 * A practice by id or by ODS code.
 * @param db - the database or a transaction
 * @param tenantId - the tenant
 * @param by - the practice's id, or its ODS code (in capitals)
 */
export async function findPractice(
  db: Kysely<Database>,
  tenantId: string,
  by: { id: string } | { odsCode: string },
): Promise<Practice | undefined> {
  let query = db.selectFrom('practice').select(PRACTICE_COLUMNS).where('tenant_id', '=', tenantId);
  query = 'id' in by ? query.where('id', '=', by.id) : query.where('ods_code', '=', by.odsCode);
  const row = await query.executeTakeFirst();
  return row === undefined ? undefined : toPractice(row);
}

import { sql, type Kysely } from 'kysely';
import type { Database } from '../../db/database.ts';

// The postcode tables are reference data shared by every tenant: no tenant_id here, by design.

export type PostcodePrecision = 'postcode' | 'sector' | 'district';

export interface PostcodeLocationRow {
  precision: PostcodePrecision;
  latitude: number;
  longitude: number;
}

export interface CentroidRow {
  code: string;
  latitude: number;
  longitude: number;
  postcodes: number;
}

export interface PostcodeRow {
  postcode: string;
  latitude: number;
  longitude: number;
}

// Any constant shared by every Signpost instance; distinct from the migration lock.
const POSTCODE_REFERENCE_LOCK_KEY = 727_100_002;

/**
 * Looks up the most precise location known for a postcode, its sector or its district, in one query.
 * @param db - the database
 * @param keys - normalised keys; pass null for the levels the input does not have
 */
export async function findBestPostcodeLocation(
  db: Kysely<Database>,
  keys: { postcode: string | null; sector: string | null; district: string },
): Promise<PostcodeLocationRow | undefined> {
  const result = await sql<PostcodeLocationRow>`
    SELECT precision, latitude, longitude FROM (
      SELECT 'postcode' AS precision, 1 AS rank, latitude, longitude FROM postcode WHERE postcode = ${keys.postcode}
      UNION ALL
      SELECT 'sector', 2, latitude, longitude FROM postcode_sector WHERE sector = ${keys.sector}
      UNION ALL
      SELECT 'district', 3, latitude, longitude FROM postcode_district WHERE district = ${keys.district}
    ) AS found
    ORDER BY rank
    LIMIT 1`.execute(db);
  return result.rows.at(0);
}

/**
 * How many rows the shipped reference tables hold.
 * @param db - the database
 */
export async function countPostcodeReferenceRows(
  db: Kysely<Database>,
): Promise<{ districts: number; sectors: number }> {
  const result = await sql<{ districts: string; sectors: string }>`
    SELECT (SELECT count(*) FROM postcode_district) AS districts,
           (SELECT count(*) FROM postcode_sector) AS sectors`.execute(db);
  const row = result.rows.at(0);
  return { districts: Number(row?.districts ?? 0), sectors: Number(row?.sectors ?? 0) };
}

/**
 * Serialises concurrent loads of the reference tables (two instances starting at once); released at the
 * end of the transaction.
 * @param trx - an open transaction
 */
export async function lockPostcodeReference(trx: Kysely<Database>): Promise<void> {
  await sql`SELECT pg_advisory_xact_lock(${POSTCODE_REFERENCE_LOCK_KEY})`.execute(trx);
}

/**
 * Replaces every district centroid with these rows, in one set-based statement.
 * @param trx - an open transaction
 * @param rows - the districts
 */
export async function replacePostcodeDistricts(trx: Kysely<Database>, rows: CentroidRow[]): Promise<void> {
  await trx.deleteFrom('postcode_district').execute();
  await sql`
    INSERT INTO postcode_district (district, latitude, longitude, postcodes)
    SELECT * FROM unnest(
      ${rows.map((r) => r.code)}::text[], ${rows.map((r) => r.latitude)}::float8[],
      ${rows.map((r) => r.longitude)}::float8[], ${rows.map((r) => r.postcodes)}::int[])`.execute(trx);
}

/**
 * Replaces every sector centroid with these rows, in one set-based statement.
 * @param trx - an open transaction
 * @param rows - the sectors (`LS6 1`); each one's district is the part before the space
 */
export async function replacePostcodeSectors(trx: Kysely<Database>, rows: CentroidRow[]): Promise<void> {
  await trx.deleteFrom('postcode_sector').execute();
  await sql`
    INSERT INTO postcode_sector (sector, district, latitude, longitude, postcodes)
    SELECT sector, split_part(sector, ' ', 1), latitude, longitude, postcodes FROM unnest(
      ${rows.map((r) => r.code)}::text[], ${rows.map((r) => r.latitude)}::float8[],
      ${rows.map((r) => r.longitude)}::float8[], ${rows.map((r) => r.postcodes)}::int[])
      AS t(sector, latitude, longitude, postcodes)`.execute(trx);
}

/**
 * Inserts or updates full postcodes; rows whose coordinates have not changed are left alone, so a
 * re-import changes nothing. Keys must be unique within one call.
 * @param db - the database or a transaction
 * @param rows - normalised postcodes and coordinates
 * @param source - where they came from (e.g. the file name)
 * @returns how many rows were inserted and how many updated
 */
export async function upsertPostcodes(
  db: Kysely<Database>,
  rows: PostcodeRow[],
  source: string,
): Promise<{ inserted: number; updated: number }> {
  if (rows.length === 0) {
    return { inserted: 0, updated: 0 };
  }
  const result = await sql<{ inserted: boolean }>`
    INSERT INTO postcode AS p (postcode, latitude, longitude, source)
    SELECT postcode, latitude, longitude, ${source} FROM unnest(
      ${rows.map((r) => r.postcode)}::text[], ${rows.map((r) => r.latitude)}::float8[],
      ${rows.map((r) => r.longitude)}::float8[]) AS t(postcode, latitude, longitude)
    ON CONFLICT (postcode) DO UPDATE
      SET latitude = excluded.latitude, longitude = excluded.longitude,
          source = excluded.source, imported_at = now()
      WHERE p.latitude IS DISTINCT FROM excluded.latitude OR p.longitude IS DISTINCT FROM excluded.longitude
    RETURNING (xmax = 0) AS inserted`.execute(db);
  const inserted = result.rows.filter((r) => r.inserted).length;
  return { inserted, updated: result.rows.length - inserted };
}

/**
 * Counts full postcodes, optionally those from one source.
 * @param db - the database
 * @param source - only rows from this source
 */
export async function countPostcodes(db: Kysely<Database>, source?: string): Promise<number> {
  let query = db.selectFrom('postcode').select((eb) => eb.fn.countAll<string>().as('n'));
  if (source !== undefined) {
    query = query.where('source', '=', source);
  }
  const row = await query.executeTakeFirst();
  return Number(row?.n ?? 0);
}

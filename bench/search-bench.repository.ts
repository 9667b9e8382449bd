import { sql, type Kysely } from 'kysely';
import type pg from 'pg';
import type { Database } from '../src/db/database.ts';

// SQL used only by bench/search.bench.ts: statistics after the bulk load, and the naive baseline the
// real search is compared with (a flat copy of the searchable columns with no index at all).

/**
 * Tidies up after a bulk load as autovacuum would: statistics, and GIN pending lists merged into the index.
 * @param db - the database
 */
export async function analyzeDatabase(db: Kysely<Database>): Promise<void> {
  await sql`VACUUM ANALYZE`.execute(db);
}

/**
 * Creates `bench_naive_service`: each service's name, description, needs and coordinates in one
 * unindexed table, so the naive query can only scan it.
 * @param db - the database
 * @param tenantId - the tenant whose services are copied
 * @returns rows copied
 */
export async function createNaiveTable(db: Kysely<Database>, tenantId: string): Promise<number> {
  await sql`DROP TABLE IF EXISTS bench_naive_service`.execute(db);
  await sql`
    CREATE TABLE bench_naive_service AS
    SELECT s.id, s.name, s.description, s.needs, s.status, ss.latitude, ss.longitude
    FROM service s JOIN service_search ss ON ss.tenant_id = s.tenant_id AND ss.service_id = s.id
    WHERE s.tenant_id = ${tenantId}
  `.execute(db);
  await sql`ANALYZE bench_naive_service`.execute(db);
  const { rows } = await sql<{ n: number }>`SELECT count(*)::int AS n FROM bench_naive_service`.execute(db);
  return rows[0]?.n ?? 0;
}

export interface NaiveQuery {
  words: [string, string];
  need: string;
  latitude: number;
  longitude: number;
  radiusKm: number;
}

/**
 * The naive search: substring matches on name and description for both words, the need, and the
 * haversine distance, ordered by name; a full scan every time.
 * @param db - the database
 * @param q - the query
 * @returns the ids of up to 20 services
 */
export async function naiveSearch(db: Kysely<Database>, q: NaiveQuery): Promise<string[]> {
  const lat = sql`${q.latitude}::float8`;
  const lon = sql`${q.longitude}::float8`;
  const { rows } = await sql<{ id: string }>`
    SELECT id FROM bench_naive_service
    WHERE status = 'active'
      AND (name || ' ' || coalesce(description, '')) ILIKE ${`%${q.words[0]}%`}
      AND (name || ' ' || coalesce(description, '')) ILIKE ${`%${q.words[1]}%`}
      AND ${q.need} = ANY (needs)
      AND 2 * 6371.0088 * asin(least(1.0, sqrt(power(sin(radians(latitude - ${lat}) / 2), 2)
        + cos(radians(${lat})) * cos(radians(latitude)) * power(sin(radians(longitude - ${lon}) / 2), 2))))
        <= ${q.radiusKm}::float8
    ORDER BY name
    LIMIT 20
  `.execute(db);
  return rows.map((r) => r.id);
}

/**
 * How many services the tenant has, for choosing ORUK pages.
 * @param db - the database
 * @param tenantId - the tenant
 */
export async function countServices(db: Kysely<Database>, tenantId: string): Promise<number> {
  const row = await db
    .selectFrom('service')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('tenant_id', '=', tenantId)
    .executeTakeFirst();
  return row?.n ?? 0;
}

/**
 * Drops a throwaway benchmark database once the connections just closed have really gone: pg-pool's
 * end() resolves before its connections finish closing, and DROP ... WITH (FORCE) would then make a
 * closing connection emit an error event that nothing listens to any more (the process would crash).
 * @param admin - a connection to another database on the same server
 * @param name - the database to drop
 */
export async function dropBenchDatabase(admin: pg.Client, name: string): Promise<void> {
  for (let attempt = 0; attempt < 50; attempt++) {
    const { rows } = await admin.query<{ n: number }>(
      'SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = $1',
      [name],
    );
    if ((rows[0]?.n ?? 0) === 0) {
      break;
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
}

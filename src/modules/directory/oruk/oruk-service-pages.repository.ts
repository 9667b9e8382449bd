import { sql, type Kysely } from 'kysely';
import type { Database } from '../../../db/database.ts';

// Paging through ALL of a tenant's services (the unfiltered /oruk/services, which is how ORUK consumers
// crawl a feed) without OFFSET: a page starts after the (name, id) of the previous page's last row, found in
// a list of page boundaries computed in one pass. OFFSET 100,000 reads 100,000 index entries on every
// request; a seek reads one page's worth.

type Db = Kysely<Database>;

/** The last row of a page, in list order (name, then id). */
export interface PageBoundary {
  name: string;
  id: string;
}

export interface ServiceListVersion {
  total: number;
  /** Moves whenever any of the tenant's services is inserted, updated or deleted. */
  version: string;
}

/**
 * How many services the tenant has, and a version that changes whenever any of them changes.
 * @param db - the database
 * @param tenantId - the tenant
 */
export async function readServiceListVersion(db: Db, tenantId: string): Promise<ServiceListVersion> {
  // directory_count is kept by triggers on every insert, update and delete of a service.
  const row = await db
    .selectFrom('directory_count')
    .select(['n', 'changes'])
    .where('tenant_id', '=', tenantId)
    .where('entity', '=', 'service')
    .executeTakeFirst();
  const total = row?.n ?? 0;
  return { total, version: `${total}|${row?.changes ?? 0}` };
}

/**
 * The last row of every full page, in list order: element k ends page k + 1.
 * @param db - the database
 * @param tenantId - the tenant
 * @param perPage - the page size
 */
export async function readPageBoundaries(db: Db, tenantId: string, perPage: number): Promise<PageBoundary[]> {
  const result = await sql<PageBoundary>`
    SELECT name, id FROM (
      SELECT name, id, row_number() OVER (ORDER BY name, id) AS position
      FROM service WHERE tenant_id = ${tenantId}
    ) ordered
    WHERE position % ${perPage} = 0
    ORDER BY position`.execute(db);
  return result.rows;
}

/**
 * One page of service ids in list order, starting after a boundary (or at the start).
 * @param db - the database
 * @param tenantId - the tenant
 * @param after - the previous page's last row, or null for the first page
 * @param perPage - the page size
 */
export async function seekServiceIds(
  db: Db,
  tenantId: string,
  after: PageBoundary | null,
  perPage: number,
): Promise<string[]> {
  const seek = after === null ? sql`` : sql`AND (s.name, s.id) > (${after.name}::text, ${after.id}::uuid)`;
  const result = await sql<{ id: string }>`
    SELECT s.id FROM service s WHERE s.tenant_id = ${tenantId} ${seek}
    ORDER BY s.name, s.id LIMIT ${perPage}`.execute(db);
  return result.rows.map((r) => r.id);
}

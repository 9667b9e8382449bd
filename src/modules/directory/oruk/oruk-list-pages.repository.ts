import { sql, type Kysely } from 'kysely';
import type { Database } from '../../../db/database.ts';
import { rowToRecord, type LocationRecord } from '../directory-read.model.ts';

// Paging through ALL of a tenant's services or service_at_locations (the unfiltered lists, which is how ORUK
// consumers crawl a feed) without OFFSET: a page starts after the sort key of the previous page's last row,
// found in a list of page boundaries computed in one pass. OFFSET 100,000 reads 100,000 index entries on
// every request; a seek reads one page's worth.

type Db = Kysely<Database>;

export type CountedEntity = 'service' | 'service_at_location';

/** The last service of a page, in service list order (name, then id). */
export interface ServiceBoundary {
  name: string;
  id: string;
}

/** The last service_at_location of a page, in id order. */
export interface ServiceAtLocationBoundary {
  id: string;
}

export interface ListVersion {
  total: number;
  /** Moves whenever any row of the list is inserted, updated or deleted. */
  version: string;
}

/**
 * How many rows the tenant has, and a version that moves whenever any of them changes (both kept by triggers
 * in `directory_count`).
 * @param db - the database
 * @param tenantId - the tenant
 * @param entity - which list
 */
export async function readListVersion(db: Db, tenantId: string, entity: CountedEntity): Promise<ListVersion> {
  // One row per writer slot (see the slot_directory_count migration): the totals are their sums.
  const { rows } = await sql<{ n: string | null; changes: string | null }>`
    SELECT sum(n)::text AS n, sum(changes)::text AS changes FROM directory_count
    WHERE tenant_id = ${tenantId} AND entity = ${entity}`.execute(db);
  const total = Number(rows[0]?.n ?? 0);
  return { total, version: `${total}|${rows[0]?.changes ?? 0}` };
}

/**
 * The last service of every full page, in list order: element k ends page k + 1.
 * @param db - the database
 * @param tenantId - the tenant
 * @param perPage - the page size
 */
export async function readServiceBoundaries(
  db: Db,
  tenantId: string,
  perPage: number,
): Promise<ServiceBoundary[]> {
  const result = await sql<ServiceBoundary>`
    SELECT name, id FROM (
      SELECT name, id, row_number() OVER (ORDER BY name, id) AS position
      FROM service WHERE tenant_id = ${tenantId}
    ) ordered
    WHERE position % ${perPage} = 0
    ORDER BY position`.execute(db);
  return result.rows;
}

/**
 * The last service_at_location of every full page, in id order.
 * @param db - the database
 * @param tenantId - the tenant
 * @param perPage - the page size
 */
export async function readServiceAtLocationBoundaries(
  db: Db,
  tenantId: string,
  perPage: number,
): Promise<ServiceAtLocationBoundary[]> {
  const result = await sql<ServiceAtLocationBoundary>`
    SELECT id FROM (
      SELECT id, row_number() OVER (ORDER BY id) AS position
      FROM service_at_location WHERE tenant_id = ${tenantId}
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
  after: ServiceBoundary | null,
  perPage: number,
): Promise<string[]> {
  const seek = after === null ? sql`` : sql`AND (s.name, s.id) > (${after.name}::text, ${after.id}::uuid)`;
  const result = await sql<{ id: string }>`
    SELECT s.id FROM service s WHERE s.tenant_id = ${tenantId} ${seek}
    ORDER BY s.name, s.id LIMIT ${perPage}`.execute(db);
  return result.rows.map((r) => r.id);
}

export interface ServiceAtLocationRow {
  id: string;
  serviceId: string;
  location: LocationRecord;
}

interface ServiceAtLocationPageRow extends Omit<Database['location'], 'location_type'> {
  sal_id: string;
  service_id: string;
  location_type: LocationRecord['locationType'];
}

/**
 * Maps page rows (`sal_id`, `service_id` and the location's columns) to service_at_locations.
 * @param rows - query rows
 */
export function toServiceAtLocationRows(rows: readonly ServiceAtLocationPageRow[]): ServiceAtLocationRow[] {
  return rows.map(({ sal_id, service_id, ...location }) => ({
    id: sal_id,
    serviceId: service_id,
    location: rowToRecord(location),
  }));
}

/**
 * One page of service_at_locations in id order, with their locations, starting after a boundary.
 * @param db - the database
 * @param tenantId - the tenant
 * @param after - the previous page's last row, or null for the first page
 * @param perPage - the page size
 */
export async function seekServiceAtLocations(
  db: Db,
  tenantId: string,
  after: ServiceAtLocationBoundary | null,
  perPage: number,
): Promise<ServiceAtLocationRow[]> {
  const seek = after === null ? sql`` : sql`AND sal.id > ${after.id}::uuid`;
  const result = await sql<ServiceAtLocationPageRow>`
    SELECT sal.id AS sal_id, sal.service_id, l.*
    FROM service_at_location sal
    JOIN location l ON l.tenant_id = sal.tenant_id AND l.id = sal.location_id
    WHERE sal.tenant_id = ${tenantId} ${seek}
    ORDER BY sal.id LIMIT ${perPage}`.execute(db);
  return toServiceAtLocationRows(result.rows);
}

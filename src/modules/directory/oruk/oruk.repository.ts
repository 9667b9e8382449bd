import { sql, type Kysely, type RawBuilder } from 'kysely';
import type { Database } from '../../../db/database.ts';
import {
  rowToRecord,
  serviceRowToRecord,
  type ServiceRecord,
  type TaxonomyRecord,
  type TaxonomyTermRecord,
} from '../directory-read.model.ts';
import { serviceConditions } from './oruk-filters.repository.ts';
import { toServiceAtLocationRows, type ServiceAtLocationRow } from './oruk-list-pages.repository.ts';
import type { ServiceFilterQuery } from './oruk-query.schema.ts';

// The /oruk/ list queries: a count and one page of ids (or small rows) in SQL, ordered by name then id so
// pages are stable; the caller then loads full records for that page only.

type Db = Kysely<Database>;

export interface PageRequest {
  page: number;
  perPage: number;
}

export interface PageOf<T> {
  total: number;
  items: T[];
}

const where = (conditions: RawBuilder<unknown>[]): RawBuilder<unknown> => sql.join(conditions, sql` AND `);

async function countAndPage<T>(
  db: Db,
  count: RawBuilder<{ total: number | string }>,
  page: RawBuilder<T>,
): Promise<PageOf<T>> {
  const [counted, rows] = await Promise.all([count.execute(db), page.execute(db)]);
  return { total: Number(counted.rows[0]?.total ?? 0), items: rows.rows };
}

function limitOffset(page: PageRequest): RawBuilder<unknown> {
  return sql`LIMIT ${page.perPage} OFFSET ${(page.page - 1) * page.perPage}`;
}

/**
 * One page of service ids matching the /oruk/services filters (the unfiltered list pages by seek instead:
 * oruk-list-pages.ts).
 * @param db - the database
 * @param tenantId - the tenant
 * @param filters - validated filters
 * @param page - page number and size
 */
export async function pageServiceIds(
  db: Db,
  tenantId: string,
  filters: ServiceFilterQuery,
  page: PageRequest,
): Promise<PageOf<string>> {
  const conditions = where(serviceConditions(tenantId, filters));
  const result = await countAndPage(
    db,
    sql<{ total: number }>`SELECT count(*) AS total FROM service s WHERE ${conditions}`,
    sql<{
      id: string;
    }>`SELECT s.id FROM service s WHERE ${conditions} ORDER BY s.name, s.id ${limitOffset(page)}`,
  );
  return { total: result.total, items: result.items.map((r) => r.id) };
}

export interface GeoFilter {
  latitude: number;
  longitude: number;
  /** Only locations within this distance; undefined to rank by distance without a limit. */
  withinKm?: number;
  /** The bounding box of withinKm around the origin, an index-friendly pre-filter. */
  box?: { minLatitude: number; maxLatitude: number; minLongitude: number; maxLongitude: number };
}

function distanceKm(geo: GeoFilter): RawBuilder<number> {
  // Haversine on a 6371.0088 km sphere, as geo/distance.ts computes it.
  return sql<number>`(2 * 6371.0088 * asin(least(1, sqrt(
    power(sin(radians(l.latitude - ${geo.latitude}::float8) / 2), 2)
    + cos(radians(${geo.latitude}::float8)) * cos(radians(l.latitude))
      * power(sin(radians(l.longitude - ${geo.longitude}::float8) / 2), 2)))))`;
}

function geoConditions(geo: GeoFilter | undefined): RawBuilder<unknown>[] {
  if (geo?.withinKm === undefined || geo.box === undefined) {
    return [];
  }
  const b = geo.box;
  return [
    sql`l.latitude BETWEEN ${b.minLatitude}::float8 AND ${b.maxLatitude}::float8`,
    sql`l.longitude BETWEEN ${b.minLongitude}::float8 AND ${b.maxLongitude}::float8`,
    sql`${distanceKm(geo)} <= ${geo.withinKm}::float8`,
  ];
}

/**
 * One page of service_at_locations whose service matches the /oruk/services filters, in id order, or
 * nearest first from a point (optionally only those within a distance of it).
 * @param db - the database
 * @param tenantId - the tenant
 * @param query - filters, optional geography, and the page
 */
export async function pageServiceAtLocations(
  db: Db,
  tenantId: string,
  query: { filters: ServiceFilterQuery; geo?: GeoFilter; page: PageRequest },
): Promise<PageOf<ServiceAtLocationRow>> {
  const serviceFilters = serviceConditions(tenantId, query.filters).slice(1);
  const geo = query.geo;
  const conditions = where([sql`sal.tenant_id = ${tenantId}`, ...serviceFilters, ...geoConditions(geo)]);
  // Join only what the conditions and the order need; pages are in id order, or nearest first from a
  // postcode. (The unfiltered list pages by seek instead: oruk-list-pages.ts.)
  const from = sql.join(
    [
      sql`service_at_location sal`,
      ...(serviceFilters.length > 0
        ? [sql`JOIN service s ON s.tenant_id = sal.tenant_id AND s.id = sal.service_id`]
        : []),
      ...(geo !== undefined
        ? [sql`JOIN location l ON l.tenant_id = sal.tenant_id AND l.id = sal.location_id`]
        : []),
    ],
    sql` `,
  );
  const distance = geo === undefined ? sql`NULL::float8` : distanceKm(geo);
  const result = await countAndPage(
    db,
    sql<{ total: number }>`SELECT count(*) AS total FROM ${from} WHERE ${conditions}`,
    sql<Parameters<typeof toServiceAtLocationRows>[0][number]>`SELECT p.sal_id, p.service_id, l.* FROM (
        SELECT sal.id AS sal_id, sal.service_id, sal.location_id, ${distance} AS distance
        FROM ${from} WHERE ${conditions}
        ORDER BY distance NULLS LAST, sal.id ${limitOffset(query.page)}
      ) p
      JOIN location l ON l.tenant_id = ${tenantId} AND l.id = p.location_id
      ORDER BY p.distance NULLS LAST, p.sal_id`,
  );
  return { total: result.total, items: toServiceAtLocationRows(result.items) };
}

/**
 * The service behind a service_at_location.
 * @param db - the database
 * @param tenantId - the tenant
 * @param id - the service_at_location id
 */
export async function findServiceIdOfServiceAtLocation(
  db: Db,
  tenantId: string,
  id: string,
): Promise<string | undefined> {
  const row = await db
    .selectFrom('service_at_location')
    .select('service_id')
    .where('tenant_id', '=', tenantId)
    .where('id', '=', id)
    .executeTakeFirst();
  return row?.service_id;
}

function textSearch(columns: RawBuilder<unknown>, search: string | undefined): RawBuilder<unknown>[] {
  return search === undefined
    ? []
    : [
        sql`to_tsvector('english', unaccent(${columns})) @@ websearch_to_tsquery('english', unaccent(${search}::text))`,
      ];
}

/**
 * One page of organization ids, optionally full-text searched on name and description.
 * @param db - the database
 * @param tenantId - the tenant
 * @param query - search text and page
 */
export async function pageOrganizationIds(
  db: Db,
  tenantId: string,
  query: { search?: string | undefined; page: PageRequest },
): Promise<PageOf<string>> {
  const conditions = where([
    sql`o.tenant_id = ${tenantId}`,
    ...textSearch(sql`o.name || ' ' || o.description`, query.search),
  ]);
  const result = await countAndPage(
    db,
    sql<{ total: number }>`SELECT count(*) AS total FROM organization o WHERE ${conditions}`,
    sql<{ id: string }>`SELECT o.id FROM organization o WHERE ${conditions}
      ORDER BY o.name, o.id ${limitOffset(query.page)}`,
  );
  return { total: result.total, items: result.items.map((r) => r.id) };
}

/**
 * The services of these organizations (their own fields), by organization, in name order.
 * @param db - the database
 * @param tenantId - the tenant
 * @param organizationIds - organization ids
 */
export async function listServicesOfOrganizations(
  db: Db,
  tenantId: string,
  organizationIds: readonly string[],
): Promise<Map<string, ServiceRecord[]>> {
  const byOrganization = new Map<string, ServiceRecord[]>(organizationIds.map((id) => [id, []]));
  if (organizationIds.length === 0) {
    return byOrganization;
  }
  const rows = await db
    .selectFrom('service')
    .selectAll()
    .where('tenant_id', '=', tenantId)
    .where('organization_id', 'in', organizationIds)
    .orderBy('name')
    .orderBy('id')
    .execute();
  for (const row of rows) {
    if (row.organization_id !== null) {
      byOrganization.get(row.organization_id)?.push(serviceRowToRecord(row));
    }
  }
  return byOrganization;
}

/**
 * One page of taxonomies.
 * @param db - the database
 * @param tenantId - the tenant
 * @param query - search text and page
 */
export async function pageTaxonomies(
  db: Db,
  tenantId: string,
  query: { search?: string | undefined; page: PageRequest },
): Promise<PageOf<TaxonomyRecord>> {
  const conditions = where([
    sql`t.tenant_id = ${tenantId}`,
    ...textSearch(sql`t.name || ' ' || t.description`, query.search),
  ]);
  const result = await countAndPage(
    db,
    sql<{ total: number }>`SELECT count(*) AS total FROM taxonomy t WHERE ${conditions}`,
    sql<Database['taxonomy']>`SELECT t.* FROM taxonomy t WHERE ${conditions}
      ORDER BY t.name, t.id ${limitOffset(query.page)}`,
  );
  return { total: result.total, items: result.items.map(rowToRecord) };
}

/**
 * A taxonomy by id.
 * @param db - the database
 * @param tenantId - the tenant
 * @param id - the taxonomy id
 */
export async function findTaxonomy(
  db: Db,
  tenantId: string,
  id: string,
): Promise<TaxonomyRecord | undefined> {
  const row = await db
    .selectFrom('taxonomy')
    .selectAll()
    .where('tenant_id', '=', tenantId)
    .where('id', '=', id)
    .executeTakeFirst();
  return row === undefined ? undefined : rowToRecord(row);
}

export interface TaxonomyTermFilters {
  search?: string | undefined;
  taxonomyId?: string | undefined;
  parentId?: string | undefined;
  topOnly?: boolean;
}

/**
 * One page of taxonomy terms.
 * @param db - the database
 * @param tenantId - the tenant
 * @param query - filters and page
 */
export async function pageTaxonomyTerms(
  db: Db,
  tenantId: string,
  query: { filters: TaxonomyTermFilters; page: PageRequest },
): Promise<PageOf<TaxonomyTermRecord>> {
  const f = query.filters;
  const conditions = where([
    sql`t.tenant_id = ${tenantId}`,
    ...(f.taxonomyId === undefined ? [] : [sql`t.taxonomy_id = ${f.taxonomyId}`]),
    ...(f.parentId === undefined ? [] : [sql`t.parent_id = ${f.parentId}`]),
    ...(f.topOnly === true ? [sql`t.parent_id IS NULL`] : []),
    ...textSearch(sql`t.name || ' ' || t.description || ' ' || coalesce(t.term, '')`, f.search),
  ]);
  const result = await countAndPage(
    db,
    sql<{ total: number }>`SELECT count(*) AS total FROM taxonomy_term t WHERE ${conditions}`,
    sql<Database['taxonomy_term']>`SELECT t.* FROM taxonomy_term t WHERE ${conditions}
      ORDER BY t.name, t.id ${limitOffset(query.page)}`,
  );
  return { total: result.total, items: result.items.map(rowToRecord) };
}

/**
 * Taxonomy terms by id, or every term of one taxonomy.
 * @param db - the database
 * @param tenantId - the tenant
 * @param by - `{ id }` for one term, `{ taxonomyId }` for all the terms of a taxonomy (name order)
 */
export async function findTaxonomyTerms(
  db: Db,
  tenantId: string,
  by: { id: string } | { taxonomyId: string },
): Promise<TaxonomyTermRecord[]> {
  let query = db.selectFrom('taxonomy_term').selectAll().where('tenant_id', '=', tenantId);
  query = 'id' in by ? query.where('id', '=', by.id) : query.where('taxonomy_id', '=', by.taxonomyId);
  const rows = await query.orderBy('name').orderBy('id').execute();
  return rows.map(rowToRecord);
}

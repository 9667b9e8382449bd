import { sql, type Kysely, type RawBuilder } from 'kysely';
import type { Database } from '../../../db/database.ts';
import type { BoundingBox, Coordinates } from '../../geo/geo.service.ts';
import {
  CAPACITY_STATUSES,
  DELIVERY_MODES,
  NEED_CODES,
  type CapacityStatus,
  type DeliveryMode,
  type ReferralRoute,
} from '../vocabulary.ts';
import {
  CAPACITY_WEIGHTS,
  DISTANCE_HALF_KM,
  EARTH_RADIUS_KM,
  FUZZY_PENALTY,
  UNLOCATED_DISTANCE_KM,
} from './search-ranking.ts';
import type { SearchTerm } from './search-text.ts';
import type { CostFilter, FacetCount } from './search.types.ts';

// The search query itself. One statement computes the candidate set once (every filter except the four
// faceted ones, which become flags), then the page, the total and the four facet counts from it: each
// facet counts the candidates that pass every OTHER facet's filter, so choosing "phone" still shows how
// many in-person services there are.

export interface SearchCriteria {
  tenantId: string;
  terms: SearchTerm[];
  needs: string[];
  taxonomyTermIds: string[];
  deliveryModes: DeliveryMode[];
  capacity: CapacityStatus[];
  age: number | null;
  cost: CostFilter | null;
  origin: Coordinates | null;
  /** With origin: only services within this distance; the box is the index range for it, and the cells
   * (search-cells.ts) narrow a text search in the GIN index when the box is small enough. */
  radius: { km: number; box: BoundingBox; cells: string[] | null } | null;
  capacityCutoff: Date;
  limit: number;
  offset: number;
}

/** One hit: what the ranking computed, and what a result list shows about the service. */
export interface SearchPageRow {
  serviceId: string;
  score: number;
  distanceKm: number | null;
  effectiveCapacity: CapacityStatus;
  name: string;
  organizationName: string | null;
  description: string | null;
  status: string;
  capacityStatus: CapacityStatus;
  capacityWaitWeeks: number | null;
  capacityUpdatedAt: Date | null;
  capacityUpdatedBy: string | null;
  deliveryModes: DeliveryMode[];
  referralRoutes: ReferralRoute[];
  needs: string[];
  minimumAge: number | null;
  maximumAge: number | null;
  free: boolean;
  locality: string | null;
  postcode: string | null;
  assuredDate: string | null;
  lastModified: Date | null;
}

/** A hit as json_build_object returns it: timestamps are ISO strings. */
type SearchPageRowJson = Omit<SearchPageRow, 'capacityUpdatedAt' | 'lastModified'> & {
  capacityUpdatedAt: string | null;
  lastModified: string | null;
};

export interface SearchPage {
  rows: SearchPageRow[];
  total: number;
  facets: { needs: FacetCount[]; deliveryModes: FacetCount[]; capacity: FacetCount[]; cost: FacetCount[] };
}

const tsquery = (word: string): RawBuilder<unknown> => sql`plainto_tsquery('english', ${word})`;

function matchQuery(terms: SearchTerm[]): RawBuilder<unknown> {
  const groups = terms.map((t) => sql`(${sql.join([t.word, ...t.expansions].map(tsquery), sql` || `)})`);
  return sql.join(groups, sql` && `);
}

function relevance(terms: SearchTerm[]): RawBuilder<unknown> {
  if (terms.length === 0) {
    return sql`1.0::float8`;
  }
  const rank = sql`ts_rank_cd(document, ${matchQuery(terms)}, 32)::float8`;
  const fuzzy = terms.filter((t) => t.expansions.length > 0);
  if (fuzzy.length === 0) {
    return rank;
  }
  // Each word matched only through a correction costs FUZZY_PENALTY / words.
  const misses = sql.join(
    fuzzy.map((t) => sql`(NOT document @@ ${tsquery(t.word)})::int`),
    sql` + `,
  );
  const perWord = FUZZY_PENALTY / terms.length;
  return sql`${rank} * (1.0 - ${perWord}::float8 * (${misses}))`;
}

function distance(origin: Coordinates | null): RawBuilder<unknown> {
  if (origin === null) {
    return sql`NULL::float8`;
  }
  const lat = sql`${origin.latitude}::float8`;
  const lon = sql`${origin.longitude}::float8`;
  return sql`(2 * ${EARTH_RADIUS_KM}::float8 * asin(least(1.0, sqrt(
    power(sin(radians(ss.latitude - ${lat}) / 2), 2)
    + cos(radians(${lat})) * cos(radians(ss.latitude)) * power(sin(radians(ss.longitude - ${lon}) / 2), 2)))))`;
}

function whereClauses(c: SearchCriteria): RawBuilder<unknown>[] {
  const where = [sql`ss.tenant_id = ${c.tenantId}`, sql`ss.status = 'active'`];
  const cells = c.radius?.cells ?? null;
  if (c.terms.length > 0 && cells !== null && cells.length > 0) {
    const anyCell = cells.map((word) => `'${word}'`).join(' | ');
    where.push(sql`ss.document @@ ((${matchQuery(c.terms)}) && ${anyCell}::tsquery)`);
  } else if (c.terms.length > 0) {
    where.push(sql`ss.document @@ (${matchQuery(c.terms)})`);
  }
  if (c.taxonomyTermIds.length > 0) {
    // A term matches services tagged with it or with any term below it.
    where.push(sql`ss.taxonomy_term_ids && ARRAY(
      WITH RECURSIVE tree(id) AS (
        SELECT t.id FROM taxonomy_term t WHERE t.tenant_id = ${c.tenantId} AND t.id = ANY (${c.taxonomyTermIds}::uuid[])
        UNION
        SELECT t.id FROM taxonomy_term t JOIN tree ON t.parent_id = tree.id WHERE t.tenant_id = ${c.tenantId}
      ) SELECT id FROM tree)`);
  }
  if (c.age !== null) {
    where.push(sql`(ss.minimum_age IS NULL OR ss.minimum_age <= ${c.age})`);
    where.push(sql`(ss.maximum_age IS NULL OR ss.maximum_age >= ${c.age})`);
  }
  if (c.radius !== null) {
    const { box, km } = c.radius;
    where.push(sql`ss.latitude BETWEEN ${box.minLatitude}::float8 AND ${box.maxLatitude}::float8`);
    where.push(sql`ss.longitude BETWEEN ${box.minLongitude}::float8 AND ${box.maxLongitude}::float8`);
    where.push(sql`${distance(c.origin)} <= ${km}::float8`);
  }
  return where;
}

interface FacetFlags {
  needs: RawBuilder<unknown>;
  modes: RawBuilder<unknown>;
  capacity: RawBuilder<unknown>;
  cost: RawBuilder<unknown>;
}

/** The four faceted filters as boolean expressions over the candidate columns. */
function facetFlags(c: SearchCriteria): FacetFlags {
  return {
    needs: c.needs.length > 0 ? sql`needs && ${c.needs}::text[]` : sql`true`,
    modes: c.deliveryModes.length > 0 ? sql`delivery_modes && ${c.deliveryModes}::text[]` : sql`true`,
    capacity: c.capacity.length > 0 ? sql`effective_capacity = ANY (${c.capacity}::text[])` : sql`true`,
    cost: c.cost === null ? sql`true` : sql`free = ${c.cost === 'free'}`,
  };
}

function score(c: SearchCriteria): RawBuilder<unknown> {
  const factor =
    c.origin === null
      ? sql`1.0::float8`
      : sql`${DISTANCE_HALF_KM}::float8 / (${DISTANCE_HALF_KM}::float8 + coalesce(distance_km, ${UNLOCATED_DISTANCE_KM}::float8))`;
  const weights = Object.entries(CAPACITY_WEIGHTS).map(
    ([status, w]) => sql`WHEN ${status} THEN ${w}::float8`,
  );
  const capacity = sql`(CASE effective_capacity ${sql.join(weights, sql` `)} ELSE 0.0::float8 END)`;
  return sql`${relevance(c.terms)} * ${factor} * ${capacity}`;
}

const COST_VALUES = ['free', 'paid'] as const;

/**
 * Every facet count in one pass over the candidates: for each value of each vocabulary, the candidates
 * with that value that pass every OTHER facet's filter (so a facet never hides its own alternatives).
 */
function facetCounts(): RawBuilder<unknown> {
  const count = (has: RawBuilder<unknown>, others: string[]): RawBuilder<unknown> =>
    sql`count(*) FILTER (WHERE ${has} AND ${sql.raw(others.join(' AND '))})`;
  const list = (items: RawBuilder<unknown>[]): RawBuilder<unknown> =>
    sql`json_build_array(${sql.join(items)})`;
  return sql`json_build_object(
    'total', count(*) FILTER (WHERE f_needs AND f_modes AND f_capacity AND f_cost),
    'needs', ${list(NEED_CODES.map((v) => count(sql`${v}::text = ANY (needs)`, ['f_modes', 'f_capacity', 'f_cost'])))},
    'deliveryModes', ${list(DELIVERY_MODES.map((v) => count(sql`${v}::text = ANY (delivery_modes)`, ['f_needs', 'f_capacity', 'f_cost'])))},
    'capacity', ${list(CAPACITY_STATUSES.map((v) => count(sql`effective_capacity = ${v}`, ['f_needs', 'f_modes', 'f_cost'])))},
    'cost', ${list(COST_VALUES.map((v) => count(sql`free = ${v === 'free'}`, ['f_needs', 'f_modes', 'f_capacity'])))})`;
}

const zip = (values: readonly string[], counts: number[]): FacetCount[] =>
  values.map((value, i) => ({ value, count: counts[i] ?? 0 }));

/**
 * Finds one page of matching services with their scores, the total and the facet counts.
 * @param db - the database
 * @param c - the resolved search criteria
 */
export async function findSearchPage(db: Kysely<Database>, c: SearchCriteria): Promise<SearchPage> {
  const { rows } = await searchPageStatement(c).execute(db);
  const row = rows.at(0);
  if (row === undefined) {
    throw new Error('the search statement returned no row');
  }
  const hits = row.hits.map((hit) => ({
    ...hit,
    capacityUpdatedAt: hit.capacityUpdatedAt === null ? null : new Date(hit.capacityUpdatedAt),
    lastModified: hit.lastModified === null ? null : new Date(hit.lastModified),
  }));
  const counts = row.counts;
  return {
    rows: hits,
    total: counts.total,
    facets: {
      needs: zip(NEED_CODES, counts.needs),
      deliveryModes: zip(DELIVERY_MODES, counts.deliveryModes),
      capacity: zip(CAPACITY_STATUSES, counts.capacity),
      cost: zip(COST_VALUES, counts.cost),
    },
  };
}

interface SearchStatementRow {
  hits: SearchPageRowJson[];
  counts: { total: number; needs: number[]; deliveryModes: number[]; capacity: number[]; cost: number[] };
}

/** The search statement (separate so that it can be explained). */
export function searchPageStatement(c: SearchCriteria): RawBuilder<SearchStatementRow> {
  const f = facetFlags(c);
  const all = sql`f_needs AND f_modes AND f_capacity AND f_cost`;
  // A selective search (text, distance or taxonomy) computes its candidates once and reuses them; a
  // browse by facets alone would materialise the whole directory, so there the page and the counts each
  // scan with their own filters (the page can then use the needs index).
  const selective = c.terms.length > 0 || c.radius !== null || c.taxonomyTermIds.length > 0;
  return sql<SearchStatementRow>`
    WITH candidate AS (
      SELECT ss.service_id, ss.name, ss.needs, ss.delivery_modes, ss.free, ss.locality, ss.postcode,
        ${c.terms.length > 0 ? sql`ss.document,` : sql``}
        CASE WHEN ss.capacity_updated_at IS NULL OR ss.capacity_updated_at < ${c.capacityCutoff}
          THEN 'unknown' ELSE ss.capacity_status END AS effective_capacity,
        ${distance(c.origin)} AS distance_km
      FROM service_search ss
      WHERE ${sql.join(whereClauses(c), sql` AND `)}
    ),
    base AS ${selective ? sql`MATERIALIZED` : sql`NOT MATERIALIZED`} (
      SELECT candidate.*, ${f.needs} AS f_needs, ${f.modes} AS f_modes,
        ${f.capacity} AS f_capacity, ${f.cost} AS f_cost
      FROM candidate
    )
    SELECT
      (SELECT coalesce(json_agg(json_build_object(
          'serviceId', h.service_id, 'score', h.score, 'distanceKm', h.distance_km,
          'effectiveCapacity', h.effective_capacity, 'name', s.name, 'organizationName', o.name,
          'description', s.description, 'status', s.status, 'capacityStatus', s.capacity_status,
          'capacityWaitWeeks', s.capacity_wait_weeks, 'capacityUpdatedAt', s.capacity_updated_at,
          'capacityUpdatedBy', s.capacity_updated_by, 'deliveryModes', s.delivery_modes,
          'referralRoutes', s.referral_routes, 'needs', s.needs, 'minimumAge', s.minimum_age,
          'maximumAge', s.maximum_age, 'free', h.free, 'locality', h.locality, 'postcode', h.postcode,
          'assuredDate', s.assured_date, 'lastModified', s.last_modified)
          ORDER BY h.score DESC, h.name COLLATE "C", h.service_id), '[]'::json)
       FROM (SELECT service_id, name, free, locality, postcode, distance_km, effective_capacity,
               ${score(c)} AS score
             FROM base WHERE ${all}
             ORDER BY score DESC, name COLLATE "C", service_id
             LIMIT ${c.limit} OFFSET ${c.offset}) h
       JOIN service s ON s.tenant_id = ${c.tenantId} AND s.id = h.service_id
       LEFT JOIN organization o ON o.tenant_id = s.tenant_id AND o.id = s.organization_id) AS hits,
      (SELECT ${facetCounts()} FROM base) AS counts
  `;
}

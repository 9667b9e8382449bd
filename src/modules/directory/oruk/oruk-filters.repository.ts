import { sql, type RawBuilder } from 'kysely';
import type { ServiceFilterQuery } from './oruk-query.schema.ts';
import {
  findSignpostTermById,
  LISTING_FIELDS,
  signpostTaxonomyId,
  SIGNPOST_TAXONOMY_NAMES,
  type ListingField,
  type SignpostTaxonomyKey,
} from './signpost-taxonomies.ts';

// The /oruk/services filters as SQL conditions on `service s`, combined with AND by the caller. Every value
// is a bound parameter; the only SQL built from names is the fixed list of Signpost listing columns.
//
// Signpost's own fields are exported as attributes computed from service columns (signpost-attributes.ts),
// not stored in `attribute`, so a taxonomy_term_id / taxonomy_id of a Signpost term or taxonomy is matched
// against those columns, exactly when signpostAttributesFor would emit the attribute.

const LISTING_COLUMNS = Object.keys(LISTING_FIELDS) as ListingField[];

function listingPresent(field: ListingField): RawBuilder<unknown> {
  return sql`NULLIF(${sql.ref(`s.${field}`)}::text, '') IS NOT NULL`;
}

const CAPACITY_RECORDED = sql`(s.capacity_status <> 'unknown' OR s.capacity_updated_at IS NOT NULL)`;

function signpostTermCondition(key: SignpostTaxonomyKey, code: string): RawBuilder<unknown> {
  switch (key) {
    case 'capacity':
      return sql`(s.capacity_status = ${code} AND ${CAPACITY_RECORDED})`;
    case 'deliveryMode':
      return sql`${code}::text = ANY (s.delivery_modes)`;
    case 'referralRoute':
      return sql`${code}::text = ANY (s.referral_routes)`;
    case 'need':
      return sql`${code}::text = ANY (s.needs)`;
    case 'listing': {
      const field = LISTING_COLUMNS.find((f) => f === code);
      return field === undefined ? sql`false` : listingPresent(field);
    }
  }
}

function signpostTaxonomyCondition(key: SignpostTaxonomyKey): RawBuilder<unknown> {
  switch (key) {
    case 'capacity':
      return CAPACITY_RECORDED;
    case 'deliveryMode':
      return sql`cardinality(s.delivery_modes) > 0`;
    case 'referralRoute':
      return sql`cardinality(s.referral_routes) > 0`;
    case 'need':
      return sql`cardinality(s.needs) > 0`;
    case 'listing':
      return sql`(${sql.join(LISTING_COLUMNS.map(listingPresent), sql` OR `)})`;
  }
}

function termCondition(tenantId: string, termId: string): RawBuilder<unknown> {
  const signpost = findSignpostTermById(tenantId, termId);
  if (signpost !== undefined) {
    return signpostTermCondition(signpost.key, signpost.code);
  }
  return sql`s.id IN (
    SELECT a.link_id FROM attribute a
    WHERE a.tenant_id = ${tenantId} AND a.link_entity = 'service' AND a.taxonomy_term_id = ${termId})`;
}

function taxonomyCondition(tenantId: string, taxonomyId: string): RawBuilder<unknown> {
  const keys = Object.keys(SIGNPOST_TAXONOMY_NAMES) as SignpostTaxonomyKey[];
  const signpost = keys.find((key) => signpostTaxonomyId(tenantId, key) === taxonomyId);
  if (signpost !== undefined) {
    return signpostTaxonomyCondition(signpost);
  }
  return sql`s.id IN (
    SELECT a.link_id FROM attribute a
    JOIN taxonomy_term t ON t.tenant_id = a.tenant_id AND t.id = a.taxonomy_term_id
    WHERE a.tenant_id = ${tenantId} AND a.link_entity = 'service' AND t.taxonomy_id = ${taxonomyId})`;
}

// opens_at / closes_at are free text in feeds; only well-formed times take part in time filters.
const TIME_TEXT = '^([01]?[0-9]|2[0-3]):[0-5][0-9](:[0-5][0-9])?$';

function scheduleCondition(filters: ServiceFilterQuery): RawBuilder<unknown> {
  const parts: RawBuilder<unknown>[] = [];
  if (filters.day !== undefined) {
    // byday is an RFC 5545 BYDAY list such as `MO,TH` or `1MO,-1FR`; the code is one of seven constants.
    parts.push(sql`sc.byday ~* ${`(^|,)\\s*[+-]?[0-9]*${filters.day}\\s*(,|$)`}`);
  }
  if (filters.start_time !== undefined) {
    parts.push(
      sql`(CASE WHEN sc.opens_at ~ ${TIME_TEXT} THEN sc.opens_at::time END) >= ${filters.start_time}::time`,
    );
  }
  if (filters.end_time !== undefined) {
    parts.push(
      sql`(CASE WHEN sc.closes_at ~ ${TIME_TEXT} THEN sc.closes_at::time END) <= ${filters.end_time}::time`,
    );
  }
  return sql`EXISTS (
    SELECT 1 FROM schedule sc
    WHERE sc.tenant_id = s.tenant_id
      AND (sc.service_id = s.id OR sc.service_at_location_id IN (
        SELECT sal2.id FROM service_at_location sal2 WHERE sal2.tenant_id = s.tenant_id AND sal2.service_id = s.id))
      AND ${sql.join(parts, sql` AND `)})`;
}

/**
 * The SQL conditions on `service s` for the /oruk/services (and /oruk/service_at_locations) filters.
 * @param tenantId - the tenant
 * @param filters - validated query parameters
 * @returns conditions to AND together; the first is always the tenant
 */
export function serviceConditions(tenantId: string, filters: ServiceFilterQuery): RawBuilder<unknown>[] {
  const conditions: RawBuilder<unknown>[] = [sql`s.tenant_id = ${tenantId}`];
  if (filters.search !== undefined) {
    conditions.push(sql`EXISTS (
      SELECT 1 FROM service_search ss
      WHERE ss.tenant_id = s.tenant_id AND ss.service_id = s.id
        AND ss.document @@ websearch_to_tsquery('english', unaccent(${filters.search}::text)))`);
  }
  if (filters.organization_id !== undefined) {
    conditions.push(sql`s.organization_id = ${filters.organization_id}`);
  }
  if (filters.modified_after !== undefined) {
    conditions.push(sql`s.last_modified >= ${filters.modified_after}`);
  }
  // The specs' wording, taken literally: "a minimum age of at least" / "a maximum age equal to or below".
  if (filters.minimum_age !== undefined) {
    conditions.push(sql`s.minimum_age >= ${filters.minimum_age}`);
  }
  if (filters.maximum_age !== undefined) {
    conditions.push(sql`s.maximum_age <= ${filters.maximum_age}`);
  }
  if (filters.taxonomy_term_id !== undefined) {
    conditions.push(termCondition(tenantId, filters.taxonomy_term_id));
  }
  if (filters.taxonomy_id !== undefined) {
    conditions.push(taxonomyCondition(tenantId, filters.taxonomy_id));
  }
  if (filters.day !== undefined || filters.start_time !== undefined || filters.end_time !== undefined) {
    conditions.push(scheduleCondition(filters));
  }
  return conditions;
}

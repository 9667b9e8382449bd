import type { Kysely } from 'kysely';
import { v5 as uuidv5 } from 'uuid';
import type { Database } from '../../../db/database.ts';
import type { FieldIssue } from '../../../http/errors.ts';
import { upsertTaxonomies, upsertTaxonomyTerms } from '../taxonomy.repository.ts';
import {
  CAPACITY_STATUSES,
  DELIVERY_MODES,
  REFERRAL_ROUTES,
  type CapacityStatus,
  type DeliveryMode,
  type ReferralRoute,
} from '../vocabulary.ts';
import type { OrukAttribute } from './oruk.schema.ts';
import {
  findSignpostTermById,
  isSignpostCode,
  signpostTaxonomies,
  signpostTaxonomyKeyOf,
  signpostTerm,
  SIGNPOST_NAMESPACE,
  type ListingField,
  type SignpostTaxonomyKey,
} from './signpost-taxonomies.ts';

// Signpost's own service fields travel in ORUK 3.0 only as `attributes` under Signpost's local
// taxonomies, never as extra fields (DOMAIN.md 5.5):
//   signpostCapacity:<status>            one attribute, only once a capacity has been recorded
//   signpostDeliveryMode:<mode>          one per mode
//   signpostReferralRoute:<route>        one per route
//   signpostNeed:<need>                  one per need (term_uri = http://id.esd.org.uk/need/<n> when mapped)
//   signpostListing:<field> + value      wait weeks, capacity updated at/by, access criteria, red flags,
//                                        listing owner; the text is in the HSDS 3 attribute `value`
// Attribute ids are UUID v5 of tenant + service + term, so repeated exports are byte-stable and a
// re-import of our own export maps back to columns instead of piling up attributes.

export interface SignpostFields {
  capacityStatus: CapacityStatus;
  capacityWaitWeeks: number | null;
  capacityUpdatedAt: Date | null;
  capacityUpdatedBy: string | null;
  deliveryModes: DeliveryMode[];
  referralRoutes: ReferralRoute[];
  needs: string[];
  accessCriteria: string | null;
  redFlags: string | null;
  listingOwner: string | null;
}

export const DEFAULT_SIGNPOST_FIELDS: Readonly<SignpostFields> = {
  capacityStatus: 'unknown',
  capacityWaitWeeks: null,
  capacityUpdatedAt: null,
  capacityUpdatedBy: null,
  deliveryModes: [],
  referralRoutes: [],
  needs: [],
  accessCriteria: null,
  redFlags: null,
  listingOwner: null,
};

/** The service columns that hold Signpost's fields (a subset of a `service` row). */
export interface SignpostServiceRow {
  id: string;
  capacity_status: CapacityStatus;
  capacity_wait_weeks: number | null;
  capacity_updated_at: Date | null;
  capacity_updated_by: string | null;
  delivery_modes: string[];
  referral_routes: string[];
  needs: string[];
  access_criteria: string | null;
  red_flags: string | null;
  listing_owner: string | null;
}

function attribute(
  tenantId: string,
  serviceId: string,
  term: { key: SignpostTaxonomyKey; code: string },
  value?: string,
): OrukAttribute {
  const taxonomyTerm = signpostTerm(tenantId, term.key, term.code);
  return {
    id: uuidv5(`${tenantId}:attribute:${serviceId}:${taxonomyTerm.id}`, SIGNPOST_NAMESPACE),
    link_id: serviceId,
    link_entity: 'service',
    taxonomy_term_id: taxonomyTerm.id,
    ...(value === undefined ? {} : { value }),
    taxonomy_term: taxonomyTerm,
  };
}

/**
 * The ORUK attributes that carry a service's Signpost fields, in a stable order.
 * No capacity attribute is emitted while the capacity was never recorded (unknown, no updated_at).
 * @param tenantId - the tenant (term and attribute ids are per tenant)
 * @param row - the service's Signpost columns
 */
export function signpostAttributesFor(tenantId: string, row: SignpostServiceRow): OrukAttribute[] {
  const out: OrukAttribute[] = [];
  const add = (key: SignpostTaxonomyKey, code: string, value?: string): void => {
    if (isSignpostCode(key, code)) {
      out.push(attribute(tenantId, row.id, { key, code }, value));
    }
  };
  const listing = (field: ListingField, value: string | number | Date | null): void => {
    if (value !== null && value !== '') {
      add('listing', field, value instanceof Date ? value.toISOString() : String(value));
    }
  };
  if (row.capacity_status !== 'unknown' || row.capacity_updated_at !== null) {
    add('capacity', row.capacity_status);
  }
  listing('capacity_wait_weeks', row.capacity_wait_weeks);
  listing('capacity_updated_at', row.capacity_updated_at);
  listing('capacity_updated_by', row.capacity_updated_by);
  row.delivery_modes.forEach((mode) => {
    add('deliveryMode', mode);
  });
  row.referral_routes.forEach((route) => {
    add('referralRoute', route);
  });
  row.needs.forEach((need) => {
    add('need', need);
  });
  listing('access_criteria', row.access_criteria);
  listing('red_flags', row.red_flags);
  listing('listing_owner', row.listing_owner);
  return out;
}

export interface ReadSignpostResult {
  /** Null when the attributes carry no Signpost term: the service's columns are then left as they are. */
  signpost: SignpostFields | null;
  /** Every attribute that is not Signpost's, unchanged. */
  others: OrukAttribute[];
  /** Signpost attributes that could not be read (unknown code, bad value). */
  issues: FieldIssue[];
}

function recognise(
  attr: OrukAttribute,
  tenantId: string | undefined,
): { key: SignpostTaxonomyKey; code: string } | undefined {
  const key = signpostTaxonomyKeyOf(attr.taxonomy_term?.taxonomy);
  if (key !== undefined) {
    return { key, code: attr.taxonomy_term?.term ?? attr.taxonomy_term?.code ?? '' };
  }
  const termId = attr.taxonomy_term_id ?? attr.taxonomy_term?.id;
  return tenantId === undefined || termId === undefined ? undefined : findSignpostTermById(tenantId, termId);
}

function applyListing(fields: SignpostFields, code: ListingField, value: string): string | undefined {
  switch (code) {
    case 'capacity_wait_weeks': {
      if (!/^\d{1,4}$/.test(value.trim())) {
        return 'must be a whole number of weeks';
      }
      fields.capacityWaitWeeks = Number(value.trim());
      return undefined;
    }
    case 'capacity_updated_at': {
      const date = new Date(value);
      if (Number.isNaN(date.getTime()) || !/^\d{4}-\d{2}-\d{2}T/.test(value)) {
        return 'must be a date-time such as 2024-05-01T09:30:00Z';
      }
      fields.capacityUpdatedAt = date;
      return undefined;
    }
    case 'capacity_updated_by':
      fields.capacityUpdatedBy = value;
      return undefined;
    case 'access_criteria':
      fields.accessCriteria = value;
      return undefined;
    case 'red_flags':
      fields.redFlags = value;
      return undefined;
    case 'listing_owner':
      fields.listingOwner = value;
      return undefined;
  }
}

function applyTerm(
  fields: SignpostFields,
  key: SignpostTaxonomyKey,
  code: string,
  value: string | undefined,
): string | undefined {
  if (!isSignpostCode(key, code)) {
    return `is not a known Signpost ${key} code`;
  }
  switch (key) {
    case 'capacity':
      fields.capacityStatus = CAPACITY_STATUSES.find((s) => s === code) ?? 'unknown';
      return undefined;
    case 'deliveryMode': {
      const mode = DELIVERY_MODES.find((m) => m === code);
      if (mode !== undefined && !fields.deliveryModes.includes(mode)) {
        fields.deliveryModes.push(mode);
      }
      return undefined;
    }
    case 'referralRoute': {
      const route = REFERRAL_ROUTES.find((r) => r === code);
      if (route !== undefined && !fields.referralRoutes.includes(route)) {
        fields.referralRoutes.push(route);
      }
      return undefined;
    }
    case 'need':
      if (!fields.needs.includes(code)) {
        fields.needs.push(code);
      }
      return undefined;
    case 'listing':
      return value === undefined || value === ''
        ? 'is required'
        : applyListing(fields, code as ListingField, value);
  }
}

/**
 * Splits a service's attributes into Signpost's fields and everything else: the inverse of
 * `signpostAttributesFor`. Signpost terms are recognised by their taxonomy name (any tenant's export)
 * or, when `tenantId` is given, by this tenant's term ids.
 * @param attributes - the service's ORUK attributes
 * @param tenantId - optional: also recognise bare `taxonomy_term_id`s of this tenant's terms
 */
export function readSignpostAttributes(
  attributes: readonly OrukAttribute[] | undefined,
  tenantId?: string,
): ReadSignpostResult {
  const fields: SignpostFields = {
    ...DEFAULT_SIGNPOST_FIELDS,
    deliveryModes: [],
    referralRoutes: [],
    needs: [],
  };
  const others: OrukAttribute[] = [];
  const issues: FieldIssue[] = [];
  let found = false;
  for (const [index, attr] of (attributes ?? []).entries()) {
    const term = recognise(attr, tenantId);
    if (term === undefined) {
      others.push(attr);
      continue;
    }
    found = true;
    const problem = applyTerm(fields, term.key, term.code, attr.value);
    if (problem !== undefined) {
      const field = problem.startsWith('is not') ? 'taxonomy_term.term' : 'value';
      issues.push({ field: `attributes.${index}.${field}`, message: problem });
    }
  }
  return { signpost: found ? fields : null, others, issues };
}

/**
 * Stores Signpost's local taxonomies and their terms for this tenant (idempotent), so
 * `/oruk/taxonomies` and `/oruk/taxonomy_terms` list them and attributes can reference them.
 * @param db - the database or a transaction
 * @param tenantId - the tenant
 */
export async function ensureSignpostTaxonomies(db: Kysely<Database>, tenantId: string): Promise<void> {
  const taxonomies = signpostTaxonomies(tenantId);
  await upsertTaxonomies(db, tenantId, taxonomies);
  await upsertTaxonomyTerms(
    db,
    tenantId,
    taxonomies.flatMap((t) => t.taxonomy_terms ?? []),
  );
}

/**
 * The service columns for a full set of Signpost fields.
 * @param fields - Signpost's fields
 */
export function signpostFieldsToColumns(fields: SignpostFields): Omit<SignpostServiceRow, 'id'> {
  return {
    capacity_status: fields.capacityStatus,
    capacity_wait_weeks: fields.capacityWaitWeeks,
    capacity_updated_at: fields.capacityUpdatedAt,
    capacity_updated_by: fields.capacityUpdatedBy,
    delivery_modes: fields.deliveryModes,
    referral_routes: fields.referralRoutes,
    needs: fields.needs,
    access_criteria: fields.accessCriteria,
    red_flags: fields.redFlags,
    listing_owner: fields.listingOwner,
  };
}

import { v5 as uuidv5 } from 'uuid';
import {
  CAPACITY_LABELS,
  CAPACITY_STATUSES,
  DELIVERY_MODE_LABELS,
  DELIVERY_MODES,
  NEEDS,
  REFERRAL_ROUTE_LABELS,
  REFERRAL_ROUTES,
} from '../vocabulary.ts';
import type { OrukTaxonomy, OrukTaxonomyTerm } from './oruk.schema.ts';

// Signpost's local taxonomies (CURIE-style prefixes, as ORUK's UseOfTaxonomies allows for a
// publisher's own lists). Their ids are UUID v5 of the tenant and the name, so every export and every
// instance of a tenant agree on them without a lookup.

/** Namespace for every deterministic Signpost id (a fixed random UUID; never change it). */
export const SIGNPOST_NAMESPACE = '6f1f7d0e-3c55-4d0b-9a4e-3b7f1c2a9e51';

export type SignpostTaxonomyKey = 'capacity' | 'deliveryMode' | 'referralRoute' | 'need' | 'listing';

export const SIGNPOST_TAXONOMY_NAMES: Record<SignpostTaxonomyKey, string> = {
  capacity: 'signpostCapacity',
  deliveryMode: 'signpostDeliveryMode',
  referralRoute: 'signpostReferralRoute',
  need: 'signpostNeed',
  listing: 'signpostListing',
};

const TAXONOMY_DESCRIPTIONS: Record<SignpostTaxonomyKey, string> = {
  capacity:
    'Signpost capacity status: whether the service is taking people now. The capacity is recorded by the provider and ages to unknown when not confirmed.',
  deliveryMode: 'Signpost delivery modes: how people can use the service.',
  referralRoute: 'Signpost referral routes: how people get to the service.',
  need: 'Signpost needs: the non-medical needs the service helps with. Terms map to the LGA Needs List (esdNeed) where a mapping is known.',
  listing:
    'Signpost listing details. Each term names a field; the attribute value holds the text (wait in weeks, when and by whom the capacity was last confirmed, access criteria, red flags, listing owner).',
};

/** The `signpostListing` terms: each names one free-text service field carried in `attribute.value`. */
export const LISTING_FIELDS = {
  capacity_wait_weeks: 'Expected wait in weeks',
  capacity_updated_at: 'Capacity last confirmed at',
  capacity_updated_by: 'Capacity last confirmed by',
  access_criteria: 'Access criteria',
  red_flags: 'Red flags',
  listing_owner: 'Listing owner',
} as const;
export type ListingField = keyof typeof LISTING_FIELDS;

const LISTING_DESCRIPTIONS: Record<ListingField, string> = {
  capacity_wait_weeks: 'The expected wait, in whole weeks, while the service has a waiting list.',
  capacity_updated_at: 'When the capacity status was last confirmed (ISO 8601 date-time).',
  capacity_updated_by: 'Who last confirmed the capacity status.',
  access_criteria: 'Who can use the service and what they need to get in.',
  red_flags: 'Situations where the service is not suitable and another route is needed.',
  listing_owner: 'Who keeps this listing up to date.',
};

/** A deterministic taxonomy id for this tenant. */
export function signpostTaxonomyId(tenantId: string, key: SignpostTaxonomyKey): string {
  return uuidv5(`${tenantId}:taxonomy:${SIGNPOST_TAXONOMY_NAMES[key]}`, SIGNPOST_NAMESPACE);
}

/** A deterministic term id for this tenant. */
export function signpostTermId(tenantId: string, key: SignpostTaxonomyKey, code: string): string {
  return uuidv5(`${tenantId}:term:${SIGNPOST_TAXONOMY_NAMES[key]}:${code}`, SIGNPOST_NAMESPACE);
}

interface TermSpec {
  key: SignpostTaxonomyKey;
  code: string;
  name: string;
  description: string;
  termUri?: string;
}

function needDescription(label: string, esdNeed: string | null): string {
  return esdNeed === null ? label : `${label}. LGA Needs List: esdNeed:${esdNeed}.`;
}

const TERM_SPECS: readonly TermSpec[] = [
  ...CAPACITY_STATUSES.map((code) => ({
    key: 'capacity' as const,
    code,
    name: CAPACITY_LABELS[code],
    description: `Capacity status: ${CAPACITY_LABELS[code]}.`,
  })),
  ...DELIVERY_MODES.map((code) => ({
    key: 'deliveryMode' as const,
    code,
    name: DELIVERY_MODE_LABELS[code],
    description: `Delivery mode: ${DELIVERY_MODE_LABELS[code]}.`,
  })),
  ...REFERRAL_ROUTES.map((code) => ({
    key: 'referralRoute' as const,
    code,
    name: REFERRAL_ROUTE_LABELS[code],
    description: `Referral route: ${REFERRAL_ROUTE_LABELS[code]}.`,
  })),
  ...NEEDS.map((need) => ({
    key: 'need' as const,
    code: need.code,
    name: need.label,
    description: needDescription(need.label, need.esdNeed),
    ...(need.esdNeed === null ? {} : { termUri: `http://id.esd.org.uk/need/${need.esdNeed}` }),
  })),
  ...(Object.keys(LISTING_FIELDS) as ListingField[]).map((code) => ({
    key: 'listing' as const,
    code,
    name: LISTING_FIELDS[code],
    description: LISTING_DESCRIPTIONS[code],
  })),
];

/**
 * The ORUK taxonomy term for one Signpost code, as nested in exported attributes.
 * @param tenantId - the tenant
 * @param key - which Signpost taxonomy
 * @param code - the vocabulary code (e.g. `waitlist`, `in_person`, `loneliness`, `red_flags`)
 */
export function signpostTerm(tenantId: string, key: SignpostTaxonomyKey, code: string): OrukTaxonomyTerm {
  const spec = TERM_SPECS.find((t) => t.key === key && t.code === code);
  if (spec === undefined) {
    throw new Error(`Unknown Signpost ${SIGNPOST_TAXONOMY_NAMES[key]} code: ${code}`);
  }
  return {
    id: signpostTermId(tenantId, key, code),
    name: spec.name,
    description: spec.description,
    taxonomy: SIGNPOST_TAXONOMY_NAMES[key],
    taxonomy_id: signpostTaxonomyId(tenantId, key),
    term: code,
    ...(spec.termUri === undefined ? {} : { term_uri: spec.termUri }),
  };
}

/** Whether `code` is a term of this Signpost taxonomy. */
export function isSignpostCode(key: SignpostTaxonomyKey, code: string): boolean {
  return TERM_SPECS.some((t) => t.key === key && t.code === code);
}

/**
 * Every Signpost taxonomy with its terms, for this tenant (what `ensureSignpostTaxonomies` stores).
 * @param tenantId - the tenant
 */
export function signpostTaxonomies(tenantId: string): OrukTaxonomy[] {
  return (Object.keys(SIGNPOST_TAXONOMY_NAMES) as SignpostTaxonomyKey[]).map((key) => ({
    id: signpostTaxonomyId(tenantId, key),
    name: SIGNPOST_TAXONOMY_NAMES[key],
    description: TAXONOMY_DESCRIPTIONS[key],
    version: '1',
    taxonomy_terms: TERM_SPECS.filter((t) => t.key === key).map((t) => signpostTerm(tenantId, key, t.code)),
  }));
}

/** Which Signpost taxonomy a CURIE-style taxonomy name belongs to, if any. */
export function signpostTaxonomyKeyOf(taxonomyName: string | undefined): SignpostTaxonomyKey | undefined {
  return (Object.keys(SIGNPOST_TAXONOMY_NAMES) as SignpostTaxonomyKey[]).find(
    (key) => SIGNPOST_TAXONOMY_NAMES[key] === taxonomyName,
  );
}

const termIndexes = new Map<string, Map<string, { key: SignpostTaxonomyKey; code: string }>>();

/**
 * Looks up a Signpost term by this tenant's deterministic term id (cached per tenant).
 * @param tenantId - the tenant
 * @param termId - a taxonomy_term id
 */
export function findSignpostTermById(
  tenantId: string,
  termId: string,
): { key: SignpostTaxonomyKey; code: string } | undefined {
  let index = termIndexes.get(tenantId);
  if (index === undefined) {
    index = new Map(
      TERM_SPECS.map((t) => [signpostTermId(tenantId, t.key, t.code), { key: t.key, code: t.code }]),
    );
    termIndexes.set(tenantId, index);
  }
  return index.get(termId);
}

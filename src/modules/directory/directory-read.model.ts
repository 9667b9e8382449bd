import type { Selectable } from 'kysely';
import type { Database } from '../../db/database.ts';

// The directory as the rest of Signpost reads it: camelCase domain records, one per table row, assembled
// into complete service graphs by directory-read.repository.ts. ORUK, the service page and any other
// reader map from these, never from rows.

type SnakeToCamel<S extends string> = S extends `${infer Head}_${infer Tail}`
  ? `${Head}${Capitalize<SnakeToCamel<Tail>>}`
  : S;

/** A row type with its keys in camelCase. */
export type Camelized<T> = { [K in keyof T as K extends string ? SnakeToCamel<K> : K]: T[K] };

/** A table's row without tenant_id (every record is already scoped to one tenant), in camelCase. */
type RecordOf<T extends keyof Database, Omitted extends string = never> = Camelized<
  Omit<Selectable<Database[T]>, 'tenant_id' | Omitted>
>;

export type ServiceRecord = RecordOf<'service', 'minimum_age' | 'maximum_age'> & {
  minimumAge: number | null;
  maximumAge: number | null;
};
export type OrganizationRecord = RecordOf<'organization'>;
export type OrganizationIdentifierRecord = RecordOf<'organization_identifier'>;
export type LocationRecord = RecordOf<'location'>;
export type AddressRecord = RecordOf<'address'>;
export type AccessibilityRecord = RecordOf<'accessibility'>;
export type ServiceAtLocationRecord = RecordOf<'service_at_location'>;
export type ContactRecord = RecordOf<'contact'>;
export type PhoneRecord = RecordOf<'phone'>;
export type ScheduleRecord = RecordOf<'schedule'>;
export type ServiceAreaRecord = RecordOf<'service_area'>;
export type LanguageRecord = RecordOf<'language'>;
export type FundingRecord = RecordOf<'funding'>;
export type CostOptionRecord = RecordOf<'cost_option', 'amount'> & { amount: number | null };
export type TaxonomyRecord = RecordOf<'taxonomy'>;
export type TaxonomyTermRecord = RecordOf<'taxonomy_term'>;
export type AttributeRecord = RecordOf<'attribute'>;

/** An attribute with the taxonomy term it applies. */
export interface AttributeGraph extends AttributeRecord {
  taxonomyTerm: TaxonomyTermRecord;
}

export interface OrganizationGraph extends OrganizationRecord {
  identifiers: (OrganizationIdentifierRecord & { attributes: AttributeGraph[] })[];
  attributes: AttributeGraph[];
}

export interface LocationGraph extends LocationRecord {
  addresses: (AddressRecord & { attributes: AttributeGraph[] })[];
  accessibility: (AccessibilityRecord & { attributes: AttributeGraph[] })[];
  attributes: AttributeGraph[];
}

export interface ServiceAtLocationGraph extends ServiceAtLocationRecord {
  location: LocationGraph;
  /** Schedules that apply to the service at this location only. */
  schedules: ScheduleRecord[];
}

export interface ContactGraph extends ContactRecord {
  phones: PhoneRecord[];
  attributes: AttributeGraph[];
}

/** A complete service: every related record, loaded by loadServiceGraphs. */
export interface ServiceGraph extends ServiceRecord {
  organization: OrganizationGraph | null;
  schedules: ScheduleRecord[];
  serviceAreas: ServiceAreaRecord[];
  serviceAtLocations: ServiceAtLocationGraph[];
  languages: LanguageRecord[];
  funding: FundingRecord[];
  costOptions: CostOptionRecord[];
  contacts: ContactGraph[];
  /** The service's own phone numbers (the ORUK UK profile does not export them; pages show them). */
  phones: PhoneRecord[];
  attributes: AttributeGraph[];
}

/** A service's one-to-one fields and its organization, for list pages. */
export interface ServiceSummary extends ServiceRecord {
  organization: OrganizationRecord | null;
}

function toCamel(key: string): string {
  return key.replace(/_([a-z0-9])/g, (_match, c: string) => c.toUpperCase());
}

/**
 * Maps a row to its domain record: camelCase keys, tenant_id dropped.
 * @param row - a row as Kysely returns it
 */
export function rowToRecord<Row extends { tenant_id: string }>(row: Row): Camelized<Omit<Row, 'tenant_id'>> {
  const entries = Object.entries(row).filter(([key]) => key !== 'tenant_id');
  return Object.fromEntries(entries.map(([key, value]) => [toCamel(key), value])) as Camelized<
    Omit<Row, 'tenant_id'>
  >;
}

/**
 * PostgreSQL NUMERIC arrives as a string (so no precision is lost in transit); the directory's numerics
 * (ages, amounts) fit a JavaScript number.
 * @param value - the column value
 */
export function numericToNumber(value: string | number | null): number | null {
  if (value === null) {
    return null;
  }
  const n = Number(value);
  return Number.isFinite(n) ? n : null;
}

export function serviceRowToRecord(row: Selectable<Database['service']>): ServiceRecord {
  const { minimumAge, maximumAge, ...rest } = rowToRecord(row);
  return { ...rest, minimumAge: numericToNumber(minimumAge), maximumAge: numericToNumber(maximumAge) };
}

export function costOptionRowToRecord(row: Selectable<Database['cost_option']>): CostOptionRecord {
  const { amount, ...rest } = rowToRecord(row);
  return { ...rest, amount: numericToNumber(amount) };
}

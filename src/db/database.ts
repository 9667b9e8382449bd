import type { ColumnType, Generated } from 'kysely';
import type { AccountsTables } from '../modules/accounts/accounts.tables.ts';
import type { AuditTables } from '../modules/audit/audit.tables.ts';
import type { CaseworkTables } from '../modules/casework/casework.tables.ts';
import type { NavigationTables } from '../modules/navigation/navigation.tables.ts';
import type { NotifyTables } from '../modules/notify/notify.tables.ts';
import type { PeopleTables } from '../modules/people/people.tables.ts';
import type { ReferralsTables } from '../modules/referrals/referrals.tables.ts';
import type { TrainingTables } from '../modules/navigation/training.tables.ts';

// Kysely table types for the whole schema. SQL is snake_case; domain types in each module map to camelCase.

type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type CreatedAt = ColumnType<Date, Date | string | undefined, never>;
/** NUMERIC comes back as a string from pg; repositories convert it. */
type Numeric = ColumnType<string, number | string, number | string>;

export interface TenantTable {
  id: Generated<string>;
  slug: string;
  name: string;
  created_at: CreatedAt;
}

interface Tenanted {
  tenant_id: string;
  id: string;
}

export interface OrganizationTable extends Tenanted {
  name: string;
  description: string;
  email: string | null;
  website: string | null;
  logo: string | null;
  uri: string | null;
  parent_organization_id: string | null;
  created_at: CreatedAt;
  updated_at: Timestamp;
}

export interface OrganizationIdentifierTable extends Tenanted {
  organization_id: string;
  identifier_scheme: string | null;
  identifier_type: string;
  identifier: string;
}

export type CapacityStatus =
  'accepting' | 'waitlist' | 'paused' | 'closed' | 'assessment_required' | 'unknown';
export type ServiceStatus = 'active' | 'inactive' | 'defunct' | 'temporarily closed';

export interface ServiceTable extends Tenanted {
  organization_id: string | null;
  name: string;
  description: string | null;
  url: string | null;
  email: string | null;
  status: ServiceStatus;
  fees: string | null;
  accreditations: string | null;
  minimum_age: Numeric | null;
  maximum_age: Numeric | null;
  assured_date: string | null;
  assurer_email: string | null;
  alert: string | null;
  last_modified: Timestamp | null;
  capacity_status: ColumnType<CapacityStatus, CapacityStatus | undefined, CapacityStatus>;
  capacity_wait_weeks: number | null;
  capacity_updated_at: Timestamp | null;
  capacity_updated_by: string | null;
  delivery_modes: ColumnType<string[], string[] | undefined, string[]>;
  referral_routes: ColumnType<string[], string[] | undefined, string[]>;
  needs: ColumnType<string[], string[] | undefined, string[]>;
  access_criteria: string | null;
  red_flags: string | null;
  listing_owner: string | null;
  created_at: CreatedAt;
  updated_at: Timestamp;
}

export interface LocationTable extends Tenanted {
  location_type: 'physical' | 'postal' | 'virtual';
  name: string | null;
  description: string | null;
  latitude: number | null;
  longitude: number | null;
  external_identifier: string | null;
  external_identifier_type: string | null;
}

export interface AddressTable extends Tenanted {
  location_id: string;
  attention: string | null;
  address_1: string;
  city: string;
  region: string | null;
  state_province: string;
  postal_code: string;
  country: string;
  address_type: 'physical' | 'postal' | 'virtual';
}

export interface AccessibilityTable extends Tenanted {
  location_id: string;
  description: string | null;
  details: string | null;
  url: string | null;
  accessibility: string | null;
}

export interface ServiceAtLocationTable extends Tenanted {
  service_id: string;
  location_id: string;
}

export interface ContactTable extends Tenanted {
  service_id: string | null;
  organization_id: string | null;
  location_id: string | null;
  name: string | null;
  title: string | null;
  department: string | null;
  email: string | null;
}

export interface PhoneTable extends Tenanted {
  service_id: string | null;
  contact_id: string | null;
  location_id: string | null;
  organization_id: string | null;
  number: string;
  extension: string | null;
  type: string | null;
  description: string | null;
}

export interface ScheduleTable extends Tenanted {
  service_id: string | null;
  service_at_location_id: string | null;
  location_id: string | null;
  valid_from: string | null;
  valid_to: string | null;
  dtstart: string | null;
  freq: 'WEEKLY' | 'MONTHLY' | null;
  interval: number | null;
  byday: string | null;
  bymonthday: string | null;
  description: string | null;
  opens_at: string | null;
  closes_at: string | null;
  schedule_link: string | null;
  attending_type: string | null;
  notes: string | null;
}

export interface TaxonomyTable extends Tenanted {
  name: string;
  description: string;
  uri: string | null;
  version: string | null;
}

export interface TaxonomyTermTable extends Tenanted {
  code: string | null;
  name: string;
  description: string;
  parent_id: string | null;
  taxonomy: string | null;
  taxonomy_id: string | null;
  term_uri: string | null;
  term: string | null;
}

export interface AttributeTable extends Tenanted {
  link_id: string;
  link_type: string | null;
  link_entity: string;
  taxonomy_term_id: string;
  value: string | null;
  label: string | null;
}

export interface CostOptionTable extends Tenanted {
  service_id: string;
  valid_from: string | null;
  valid_to: string | null;
  option: string | null;
  amount: Numeric | null;
  amount_description: string | null;
}

export interface LanguageTable extends Tenanted {
  service_id: string | null;
  location_id: string | null;
  phone_id: string | null;
  name: string | null;
  code: string | null;
  note: string | null;
}

export interface ServiceAreaTable extends Tenanted {
  service_id: string | null;
  service_at_location_id: string | null;
  name: string | null;
  description: string | null;
  extent: string | null;
  extent_type: string | null;
  uri: string | null;
  service_area: string | null;
}

export interface FundingTable extends Tenanted {
  service_id: string | null;
  organization_id: string | null;
  source: string | null;
}

// Postcode geography: reference data shared by every tenant, so no tenant_id (see the geo migration).
export interface PostcodeDistrictTable {
  district: string;
  latitude: number;
  longitude: number;
  postcodes: number;
}

export interface PostcodeSectorTable {
  sector: string;
  district: string;
  latitude: number;
  longitude: number;
  postcodes: number;
}

export interface PostcodeTable {
  postcode: string;
  latitude: number;
  longitude: number;
  source: string;
  imported_at: ColumnType<Date, Date | string | undefined, Date | string>;
}

/** A GP practice; the accounts issue will fold it into the organisation tree. */
export interface PracticeTable extends Tenanted {
  ods_code: string;
  name: string;
  postcode: string;
  latitude: number | null;
  longitude: number | null;
  created_at: CreatedAt;
  updated_at: Timestamp;
}

// Directory search (search/search.repository.ts): one denormalised row per service, and the word lexicon.
export interface ServiceSearchTable {
  tenant_id: string;
  service_id: string;
  name: string;
  status: ServiceStatus;
  document: string;
  latitude: number | null;
  longitude: number | null;
  postcode: string | null;
  locality: string | null;
  needs: string[];
  delivery_modes: string[];
  taxonomy_term_ids: string[];
  capacity_status: CapacityStatus;
  capacity_updated_at: Date | null;
  capacity_wait_weeks: number | null;
  minimum_age: Numeric | null;
  maximum_age: Numeric | null;
  free: boolean;
  assured_date: string | null;
  refreshed_at: Timestamp;
}

export interface SearchLexiconTable {
  tenant_id: string;
  word: string;
  lexeme: string;
}

/** Exact row counts per tenant, kept by triggers (migration 2026_11_21_131000); read by the ORUK lists. */
export interface DirectoryCountTable {
  tenant_id: string;
  entity: 'service' | 'service_at_location';
  /** Which writer's row (see the slot_directory_count migration); readers add the slots up. */
  slot: Generated<number>;
  n: number;
  /** Moves on every insert, update or delete. */
  changes: number;
}

export interface Database
  extends
    AccountsTables,
    AuditTables,
    NotifyTables,
    PeopleTables,
    ReferralsTables,
    CaseworkTables,
    NavigationTables,
    TrainingTables {
  tenant: TenantTable;
  organization: OrganizationTable;
  organization_identifier: OrganizationIdentifierTable;
  service: ServiceTable;
  location: LocationTable;
  address: AddressTable;
  accessibility: AccessibilityTable;
  service_at_location: ServiceAtLocationTable;
  contact: ContactTable;
  phone: PhoneTable;
  schedule: ScheduleTable;
  taxonomy: TaxonomyTable;
  taxonomy_term: TaxonomyTermTable;
  attribute: AttributeTable;
  cost_option: CostOptionTable;
  language: LanguageTable;
  service_area: ServiceAreaTable;
  funding: FundingTable;
  postcode_district: PostcodeDistrictTable;
  postcode_sector: PostcodeSectorTable;
  postcode: PostcodeTable;
  practice: PracticeTable;
  service_search: ServiceSearchTable;
  search_lexicon: SearchLexiconTable;
  directory_count: DirectoryCountTable;
}

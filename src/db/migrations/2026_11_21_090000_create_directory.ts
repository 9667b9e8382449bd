import { sql, type Kysely } from 'kysely';

// The Open Referral UK 3.0 / HSDS 3.0 model, one table per entity, every table keyed by (tenant_id, id)
// so that tenant_id can become the distribution column later (ARCHITECTURE.md, scale-out path).
// Signpost's own service fields (capacity, delivery modes, referral routes, needs, access criteria,
// red flags, listing owner) sit on `service` and are exported through ORUK attributes.

const statements = [
  `CREATE EXTENSION IF NOT EXISTS pg_trgm`,
  `CREATE EXTENSION IF NOT EXISTS unaccent`,
  `CREATE TABLE tenant (
     id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
     slug text NOT NULL UNIQUE,
     name text NOT NULL,
     created_at timestamptz NOT NULL DEFAULT now()
   )`,
  `CREATE TABLE organization (
     tenant_id uuid NOT NULL REFERENCES tenant(id),
     id uuid NOT NULL,
     name text NOT NULL,
     description text NOT NULL,
     email text, website text, logo text, uri text,
     parent_organization_id uuid,
     created_at timestamptz NOT NULL DEFAULT now(),
     updated_at timestamptz NOT NULL DEFAULT now(),
     PRIMARY KEY (tenant_id, id)
   )`,
  `CREATE TABLE organization_identifier (
     tenant_id uuid NOT NULL, id uuid NOT NULL,
     organization_id uuid NOT NULL,
     identifier_scheme text, identifier_type text NOT NULL, identifier text NOT NULL,
     PRIMARY KEY (tenant_id, id),
     FOREIGN KEY (tenant_id, organization_id) REFERENCES organization(tenant_id, id) ON DELETE CASCADE
   )`,
  `CREATE TABLE service (
     tenant_id uuid NOT NULL REFERENCES tenant(id),
     id uuid NOT NULL,
     organization_id uuid,
     name text NOT NULL,
     description text,
     url text, email text,
     status text NOT NULL CHECK (status IN ('active', 'inactive', 'defunct', 'temporarily closed')),
     fees text, accreditations text,
     minimum_age numeric, maximum_age numeric,
     assured_date date, assurer_email text, alert text,
     last_modified timestamptz,
     capacity_status text NOT NULL DEFAULT 'unknown'
       CHECK (capacity_status IN ('accepting', 'waitlist', 'paused', 'closed', 'assessment_required', 'unknown')),
     capacity_wait_weeks integer CHECK (capacity_wait_weeks >= 0),
     capacity_updated_at timestamptz,
     capacity_updated_by text,
     delivery_modes text[] NOT NULL DEFAULT '{}',
     referral_routes text[] NOT NULL DEFAULT '{}',
     needs text[] NOT NULL DEFAULT '{}',
     access_criteria text,
     red_flags text,
     listing_owner text,
     created_at timestamptz NOT NULL DEFAULT now(),
     updated_at timestamptz NOT NULL DEFAULT now(),
     PRIMARY KEY (tenant_id, id),
     FOREIGN KEY (tenant_id, organization_id) REFERENCES organization(tenant_id, id)
   )`,
  `CREATE INDEX service_organization_idx ON service (tenant_id, organization_id)`,
  `CREATE INDEX service_last_modified_idx ON service (tenant_id, last_modified)`,
  `CREATE TABLE location (
     tenant_id uuid NOT NULL REFERENCES tenant(id), id uuid NOT NULL,
     location_type text NOT NULL CHECK (location_type IN ('physical', 'postal', 'virtual')),
     name text, description text,
     latitude double precision, longitude double precision,
     external_identifier text, external_identifier_type text,
     PRIMARY KEY (tenant_id, id)
   )`,
  `CREATE TABLE address (
     tenant_id uuid NOT NULL, id uuid NOT NULL,
     location_id uuid NOT NULL,
     attention text, address_1 text NOT NULL, city text NOT NULL, region text,
     state_province text NOT NULL, postal_code text NOT NULL, country text NOT NULL,
     address_type text NOT NULL CHECK (address_type IN ('physical', 'postal', 'virtual')),
     PRIMARY KEY (tenant_id, id),
     FOREIGN KEY (tenant_id, location_id) REFERENCES location(tenant_id, id) ON DELETE CASCADE
   )`,
  `CREATE INDEX address_location_idx ON address (tenant_id, location_id)`,
  `CREATE TABLE accessibility (
     tenant_id uuid NOT NULL, id uuid NOT NULL,
     location_id uuid NOT NULL,
     description text, details text, url text, accessibility text,
     PRIMARY KEY (tenant_id, id),
     FOREIGN KEY (tenant_id, location_id) REFERENCES location(tenant_id, id) ON DELETE CASCADE
   )`,
  `CREATE TABLE service_at_location (
     tenant_id uuid NOT NULL, id uuid NOT NULL,
     service_id uuid NOT NULL, location_id uuid NOT NULL,
     PRIMARY KEY (tenant_id, id),
     FOREIGN KEY (tenant_id, service_id) REFERENCES service(tenant_id, id) ON DELETE CASCADE,
     FOREIGN KEY (tenant_id, location_id) REFERENCES location(tenant_id, id) ON DELETE CASCADE
   )`,
  `CREATE INDEX service_at_location_service_idx ON service_at_location (tenant_id, service_id)`,
  `CREATE INDEX service_at_location_location_idx ON service_at_location (tenant_id, location_id)`,
  `CREATE TABLE contact (
     tenant_id uuid NOT NULL, id uuid NOT NULL,
     service_id uuid, organization_id uuid, location_id uuid,
     name text, title text, department text, email text,
     PRIMARY KEY (tenant_id, id),
     FOREIGN KEY (tenant_id, service_id) REFERENCES service(tenant_id, id) ON DELETE CASCADE
   )`,
  `CREATE INDEX contact_service_idx ON contact (tenant_id, service_id)`,
  `CREATE TABLE phone (
     tenant_id uuid NOT NULL, id uuid NOT NULL,
     service_id uuid, contact_id uuid, location_id uuid, organization_id uuid,
     number text NOT NULL, extension text, type text, description text,
     PRIMARY KEY (tenant_id, id),
     FOREIGN KEY (tenant_id, service_id) REFERENCES service(tenant_id, id) ON DELETE CASCADE
   )`,
  `CREATE INDEX phone_service_idx ON phone (tenant_id, service_id)`,
  `CREATE TABLE schedule (
     tenant_id uuid NOT NULL, id uuid NOT NULL,
     service_id uuid, service_at_location_id uuid, location_id uuid,
     valid_from date, valid_to date, dtstart date,
     freq text CHECK (freq IN ('WEEKLY', 'MONTHLY')),
     interval integer, byday text, bymonthday text,
     description text, opens_at text, closes_at text,
     schedule_link text, attending_type text, notes text,
     PRIMARY KEY (tenant_id, id),
     FOREIGN KEY (tenant_id, service_id) REFERENCES service(tenant_id, id) ON DELETE CASCADE
   )`,
  `CREATE INDEX schedule_service_idx ON schedule (tenant_id, service_id)`,
  `CREATE TABLE taxonomy (
     tenant_id uuid NOT NULL REFERENCES tenant(id), id uuid NOT NULL,
     name text NOT NULL, description text NOT NULL, uri text, version text,
     PRIMARY KEY (tenant_id, id)
   )`,
  `CREATE TABLE taxonomy_term (
     tenant_id uuid NOT NULL REFERENCES tenant(id), id uuid NOT NULL,
     code text, name text NOT NULL, description text NOT NULL,
     parent_id uuid, taxonomy text, taxonomy_id uuid,
     term_uri text, term text,
     PRIMARY KEY (tenant_id, id)
   )`,
  `CREATE INDEX taxonomy_term_taxonomy_idx ON taxonomy_term (tenant_id, taxonomy_id)`,
  `CREATE INDEX taxonomy_term_parent_idx ON taxonomy_term (tenant_id, parent_id)`,
  `CREATE TABLE attribute (
     tenant_id uuid NOT NULL, id uuid NOT NULL,
     link_id uuid NOT NULL, link_type text, link_entity text NOT NULL,
     taxonomy_term_id uuid NOT NULL,
     value text, label text,
     PRIMARY KEY (tenant_id, id),
     FOREIGN KEY (tenant_id, taxonomy_term_id) REFERENCES taxonomy_term(tenant_id, id)
   )`,
  `CREATE INDEX attribute_link_idx ON attribute (tenant_id, link_entity, link_id)`,
  `CREATE INDEX attribute_term_idx ON attribute (tenant_id, taxonomy_term_id)`,
  `CREATE TABLE cost_option (
     tenant_id uuid NOT NULL, id uuid NOT NULL,
     service_id uuid NOT NULL,
     valid_from date, valid_to date, option text, amount numeric, amount_description text,
     PRIMARY KEY (tenant_id, id),
     FOREIGN KEY (tenant_id, service_id) REFERENCES service(tenant_id, id) ON DELETE CASCADE
   )`,
  `CREATE INDEX cost_option_service_idx ON cost_option (tenant_id, service_id)`,
  `CREATE TABLE language (
     tenant_id uuid NOT NULL, id uuid NOT NULL,
     service_id uuid, location_id uuid, phone_id uuid,
     name text, code text, note text,
     PRIMARY KEY (tenant_id, id),
     FOREIGN KEY (tenant_id, service_id) REFERENCES service(tenant_id, id) ON DELETE CASCADE
   )`,
  `CREATE INDEX language_service_idx ON language (tenant_id, service_id)`,
  `CREATE TABLE service_area (
     tenant_id uuid NOT NULL, id uuid NOT NULL,
     service_id uuid, service_at_location_id uuid,
     name text, description text, extent text, extent_type text, uri text, service_area text,
     PRIMARY KEY (tenant_id, id),
     FOREIGN KEY (tenant_id, service_id) REFERENCES service(tenant_id, id) ON DELETE CASCADE
   )`,
  `CREATE INDEX service_area_service_idx ON service_area (tenant_id, service_id)`,
  `CREATE TABLE funding (
     tenant_id uuid NOT NULL, id uuid NOT NULL,
     service_id uuid, organization_id uuid,
     source text,
     PRIMARY KEY (tenant_id, id),
     FOREIGN KEY (tenant_id, service_id) REFERENCES service(tenant_id, id) ON DELETE CASCADE
   )`,
  `CREATE INDEX funding_service_idx ON funding (tenant_id, service_id)`,
];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of statements) {
    await sql.raw(statement).execute(db);
  }
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of [
    'funding',
    'service_area',
    'language',
    'cost_option',
    'attribute',
    'taxonomy_term',
    'taxonomy',
    'schedule',
    'phone',
    'contact',
    'service_at_location',
    'accessibility',
    'address',
    'location',
    'service',
    'organization_identifier',
    'organization',
    'tenant',
  ]) {
    await sql.raw(`DROP TABLE IF EXISTS ${table} CASCADE`).execute(db);
  }
}

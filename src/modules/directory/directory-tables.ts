import type { TableSpec } from './bulk-upsert.repository.ts';

// Column types of the directory tables, as written by the bulk upserts (see the create_directory
// migration). The Record types make the compiler check that every writable column is listed.

export const organizationSpec: TableSpec<'organization'> = {
  table: 'organization',
  touchesUpdatedAt: true,
  columns: {
    id: 'uuid',
    name: 'text',
    description: 'text',
    email: 'text',
    website: 'text',
    logo: 'text',
    uri: 'text',
    parent_organization_id: 'uuid',
  },
};

export const organizationIdentifierSpec: TableSpec<'organization_identifier'> = {
  table: 'organization_identifier',
  columns: {
    id: 'uuid',
    organization_id: 'uuid',
    identifier_scheme: 'text',
    identifier_type: 'text',
    identifier: 'text',
  },
};

export const serviceSpec: TableSpec<'service'> = {
  table: 'service',
  touchesUpdatedAt: true,
  columns: {
    id: 'uuid',
    organization_id: 'uuid',
    name: 'text',
    description: 'text',
    url: 'text',
    email: 'text',
    status: 'text',
    fees: 'text',
    accreditations: 'text',
    minimum_age: 'numeric',
    maximum_age: 'numeric',
    assured_date: 'date',
    assurer_email: 'text',
    alert: 'text',
    last_modified: 'timestamptz',
    capacity_status: 'text',
    capacity_wait_weeks: 'integer',
    capacity_updated_at: 'timestamptz',
    capacity_updated_by: 'text',
    delivery_modes: 'text[]',
    referral_routes: 'text[]',
    needs: 'text[]',
    access_criteria: 'text',
    red_flags: 'text',
    listing_owner: 'text',
  },
};

/** The ORUK columns of `service`: written when a payload carries no Signpost fields. */
export const SERVICE_ORUK_COLUMNS = [
  'id',
  'organization_id',
  'name',
  'description',
  'url',
  'email',
  'status',
  'fees',
  'accreditations',
  'minimum_age',
  'maximum_age',
  'assured_date',
  'assurer_email',
  'alert',
  'last_modified',
] as const;

export const locationSpec: TableSpec<'location'> = {
  table: 'location',
  columns: {
    id: 'uuid',
    location_type: 'text',
    name: 'text',
    description: 'text',
    latitude: 'double precision',
    longitude: 'double precision',
    external_identifier: 'text',
    external_identifier_type: 'text',
  },
};

export const addressSpec: TableSpec<'address'> = {
  table: 'address',
  columns: {
    id: 'uuid',
    location_id: 'uuid',
    attention: 'text',
    address_1: 'text',
    city: 'text',
    region: 'text',
    state_province: 'text',
    postal_code: 'text',
    country: 'text',
    address_type: 'text',
  },
};

export const accessibilitySpec: TableSpec<'accessibility'> = {
  table: 'accessibility',
  columns: {
    id: 'uuid',
    location_id: 'uuid',
    description: 'text',
    details: 'text',
    url: 'text',
    accessibility: 'text',
  },
};

export const serviceAtLocationSpec: TableSpec<'service_at_location'> = {
  table: 'service_at_location',
  columns: { id: 'uuid', service_id: 'uuid', location_id: 'uuid' },
};

export const contactSpec: TableSpec<'contact'> = {
  table: 'contact',
  columns: {
    id: 'uuid',
    service_id: 'uuid',
    organization_id: 'uuid',
    location_id: 'uuid',
    name: 'text',
    title: 'text',
    department: 'text',
    email: 'text',
  },
};

export const phoneSpec: TableSpec<'phone'> = {
  table: 'phone',
  columns: {
    id: 'uuid',
    service_id: 'uuid',
    contact_id: 'uuid',
    location_id: 'uuid',
    organization_id: 'uuid',
    number: 'text',
    extension: 'text',
    type: 'text',
    description: 'text',
  },
};

export const scheduleSpec: TableSpec<'schedule'> = {
  table: 'schedule',
  columns: {
    id: 'uuid',
    service_id: 'uuid',
    service_at_location_id: 'uuid',
    location_id: 'uuid',
    valid_from: 'date',
    valid_to: 'date',
    dtstart: 'date',
    freq: 'text',
    interval: 'integer',
    byday: 'text',
    bymonthday: 'text',
    description: 'text',
    opens_at: 'text',
    closes_at: 'text',
    schedule_link: 'text',
    attending_type: 'text',
    notes: 'text',
  },
};

export const taxonomySpec: TableSpec<'taxonomy'> = {
  table: 'taxonomy',
  columns: { id: 'uuid', name: 'text', description: 'text', uri: 'text', version: 'text' },
};

export const taxonomyTermSpec: TableSpec<'taxonomy_term'> = {
  table: 'taxonomy_term',
  columns: {
    id: 'uuid',
    code: 'text',
    name: 'text',
    description: 'text',
    parent_id: 'uuid',
    taxonomy: 'text',
    taxonomy_id: 'uuid',
    term_uri: 'text',
    term: 'text',
  },
};

export const attributeSpec: TableSpec<'attribute'> = {
  table: 'attribute',
  columns: {
    id: 'uuid',
    link_id: 'uuid',
    link_type: 'text',
    link_entity: 'text',
    taxonomy_term_id: 'uuid',
    value: 'text',
    label: 'text',
  },
};

export const costOptionSpec: TableSpec<'cost_option'> = {
  table: 'cost_option',
  columns: {
    id: 'uuid',
    service_id: 'uuid',
    valid_from: 'date',
    valid_to: 'date',
    option: 'text',
    amount: 'numeric',
    amount_description: 'text',
  },
};

export const languageSpec: TableSpec<'language'> = {
  table: 'language',
  columns: {
    id: 'uuid',
    service_id: 'uuid',
    location_id: 'uuid',
    phone_id: 'uuid',
    name: 'text',
    code: 'text',
    note: 'text',
  },
};

export const serviceAreaSpec: TableSpec<'service_area'> = {
  table: 'service_area',
  columns: {
    id: 'uuid',
    service_id: 'uuid',
    service_at_location_id: 'uuid',
    name: 'text',
    description: 'text',
    extent: 'text',
    extent_type: 'text',
    uri: 'text',
    service_area: 'text',
  },
};

export const fundingSpec: TableSpec<'funding'> = {
  table: 'funding',
  columns: { id: 'uuid', service_id: 'uuid', organization_id: 'uuid', source: 'text' },
};

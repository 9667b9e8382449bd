import { sql, type Kysely } from 'kysely';

// Indexes for the ORUK API and loadServiceGraphs (src/modules/directory/directory-read.repository.ts):
// - the /oruk/ lists page in (name, id) order, so a page is an index range, not a sort of every row;
// - loading a page of services fetches children by their parent's id (attributes by link_id of any entity,
//   identifiers by organization, accessibility by location, phones by contact, schedules by
//   service_at_location), which the directory migration left unindexed;
// - /oruk/service_at_locations?postcode&proximity pre-filters locations on a latitude/longitude box.

const indexes: [name: string, definition: string][] = [
  ['service_name_idx', 'service (tenant_id, name, id)'],
  ['organization_name_idx', 'organization (tenant_id, name, id)'],
  ['attribute_link_id_idx', 'attribute (tenant_id, link_id)'],
  ['organization_identifier_organization_idx', 'organization_identifier (tenant_id, organization_id)'],
  ['accessibility_location_idx', 'accessibility (tenant_id, location_id)'],
  ['phone_contact_idx', 'phone (tenant_id, contact_id)'],
  ['schedule_service_at_location_idx', 'schedule (tenant_id, service_at_location_id)'],
  ['location_coordinates_idx', 'location (tenant_id, latitude, longitude)'],
];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const [name, definition] of indexes) {
    await sql.raw(`CREATE INDEX IF NOT EXISTS ${name} ON ${definition}`).execute(db);
  }
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const [name] of indexes) {
    await sql.raw(`DROP INDEX IF EXISTS ${name}`).execute(db);
  }
}

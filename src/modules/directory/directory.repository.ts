import { sql, type Kysely, type Transaction } from 'kysely';
import type { Database } from '../../db/database.ts';
import type { OrukOrganization } from './oruk/oruk.schema.ts';
import {
  insertedIds,
  servicesUsing,
  touch,
  writeAttributes,
  writeServiceChildren,
  writeServices,
  type NewEntities,
} from './service-graph-parts.repository.ts';
import { writeLocations, writeOrganizations } from './shared-entities.repository.ts';
import {
  organizationGraphRows,
  serviceGraphRows,
  type ImportedService,
  type ServiceGraphRows,
} from './service-graph.rows.ts';
import { upsertTaxonomyTerms } from './taxonomy.repository.ts';

// The directory's write side: whole ORUK service graphs in a few set-based statements per batch.
// A service's child rows (schedules, contacts, phones, cost options, languages, service areas,
// funding, attributes, service_at_locations) are replaced: rows missing from the payload are deleted.
// Shared entities (organizations, locations) are upserted; their nested lists are replaced only when
// the payload includes the list. Nothing is written when nothing differs, so a re-import is a no-op.

export { upsertTaxonomies, upsertTaxonomyTerms } from './taxonomy.repository.ts';
export { commitWithoutWaitingForFlush, countInSlot } from './bulk-upsert.repository.ts';
export { findMissingReferences } from './service-references.repository.ts';
export {
  findMissingReferencesIn,
  referencesToCheck,
  sharedEntityIdsOf,
} from './service-references.repository.ts';
export type { ReferencesToCheck } from './service-references.repository.ts';
export { serviceGraphRows, withoutServices, withoutSharedEntities } from './service-graph.rows.ts';
export type { ImportedService, ServiceGraphRows } from './service-graph.rows.ts';

export interface UpsertServiceGraphsResult {
  /** Every service in the batch, deduplicated, in payload order. */
  serviceIds: string[];
  /** Services whose stored graph changed (inserted, a column, a child row, their organization or a location). */
  changedServiceIds: string[];
}

/**
 * Inserts or updates whole ORUK service graphs (organization, locations, addresses, taxonomy terms and
 * every child row) for one tenant, set-based. Re-running with the same payload changes nothing.
 * The caller owns the transaction and should call refreshServiceSearch with `changedServiceIds`.
 * @param trx - the batch's transaction
 * @param tenantId - the tenant
 * @param services - schema-valid services (see `checkImportable` and `findMissingReferences`)
 */
export async function upsertServiceGraphs(
  trx: Transaction<Database>,
  tenantId: string,
  services: readonly ImportedService[],
): Promise<UpsertServiceGraphsResult> {
  return writeServiceGraphRows(trx, tenantId, serviceGraphRows(tenantId, services));
}

/**
 * upsertServiceGraphs for rows already flattened by `serviceGraphRows`, so that a caller can prepare the
 * next batch's rows while this one is written.
 * @param trx - the batch's transaction
 * @param tenantId - the tenant the rows were built for
 * @param g - serviceGraphRows(tenantId, services)
 */
export async function writeServiceGraphRows(
  trx: Transaction<Database>,
  tenantId: string,
  g: ServiceGraphRows,
): Promise<UpsertServiceGraphsResult> {
  await upsertTaxonomyTerms(trx, tenantId, g.terms);
  const orgs = await writeOrganizations(trx, tenantId, g.organizations);
  const changedOrgs = new Set(orgs.any);
  const locations = await writeLocations(trx, tenantId, g.locations);
  const changedLocations = new Set(locations.changed);
  const written = await writeServices(trx, tenantId, g);
  const selfChanged = new Set(written.map((r) => r.id));
  const fresh: NewEntities = {
    service: new Set(insertedIds(written)),
    organization: new Set(orgs.inserted),
    location: new Set(locations.inserted),
  };
  const changed = new Set([...selfChanged, ...(await writeServiceChildren(trx, tenantId, g, fresh.service))]);
  for (const owner of await writeAttributes(trx, tenantId, g, fresh)) {
    const set =
      owner.kind === 'service' ? changed : owner.kind === 'organization' ? changedOrgs : changedLocations;
    set.add(owner.id);
  }
  // A new organization or location can only be used by services this batch wrote (foreign keys), and
  // those are already in `changed`.
  const users = await servicesUsing(
    trx,
    tenantId,
    [...changedOrgs].filter((id) => !fresh.organization.has(id)),
    [...changedLocations].filter((id) => !fresh.location.has(id)),
  );
  for (const id of users) {
    changed.add(id);
  }
  await touch(
    trx,
    'service',
    tenantId,
    [...changed].filter((id) => !selfChanged.has(id)),
  );
  const orgSelf = new Set(orgs.self);
  await touch(
    trx,
    'organization',
    tenantId,
    [...changedOrgs].filter((id) => !orgSelf.has(id)),
  );
  return { serviceIds: g.serviceIds, changedServiceIds: [...changed] };
}

/**
 * Inserts or updates standalone organizations (identifiers and attributes replaced when sent).
 * @param trx - a transaction
 * @param tenantId - the tenant
 * @param organizations - ORUK organizations
 * @returns ids of the organizations whose stored graph changed
 */
export async function upsertOrganizations(
  trx: Transaction<Database>,
  tenantId: string,
  organizations: readonly OrukOrganization[],
): Promise<string[]> {
  const g = organizationGraphRows(tenantId, organizations);
  await upsertTaxonomyTerms(trx, tenantId, g.terms);
  const orgs = await writeOrganizations(trx, tenantId, g.organizations);
  const changed = new Set(orgs.any);
  const fresh = {
    service: new Set<string>(),
    organization: new Set(orgs.inserted),
    location: new Set<string>(),
  };
  for (const owner of await writeAttributes(trx, tenantId, g, fresh)) {
    changed.add(owner.id);
  }
  const orgSelf = new Set(orgs.self);
  await touch(
    trx,
    'organization',
    tenantId,
    [...changed].filter((id) => !orgSelf.has(id)),
  );
  return [...changed];
}

/**
 * Refreshes planner statistics for the tables that foreign keys point at. Bulk-loading into empty
 * tables otherwise leaves PostgreSQL's cached foreign-key check plans assuming empty tables
 * (sequential scans), which makes a large first import quadratic until autovacuum catches up.
 * @param db - the database or a transaction
 */
export async function analyzeReferencedTables(db: Kysely<Database>): Promise<void> {
  await sql`ANALYZE organization, service, location, taxonomy_term`.execute(db);
}

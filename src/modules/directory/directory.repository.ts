import { sql, type Kysely, type Transaction } from 'kysely';
import type { Database } from '../../db/database.ts';
import {
  deleteStaleAttributes,
  deleteStaleRows,
  upsertRows,
  type DirectoryTable,
  type TableSpec,
  type WritableColumn,
  type WritableRow,
} from './bulk-upsert.repository.ts';
import {
  accessibilitySpec,
  addressSpec,
  attributeSpec,
  contactSpec,
  costOptionSpec,
  fundingSpec,
  languageSpec,
  locationSpec,
  organizationIdentifierSpec,
  organizationSpec,
  phoneSpec,
  scheduleSpec,
  SERVICE_ORUK_COLUMNS,
  serviceAreaSpec,
  serviceAtLocationSpec,
  serviceSpec,
} from './directory-tables.ts';
import type { OrukLocation, OrukOrganization } from './oruk/oruk.schema.ts';
import {
  organizationGraphRows,
  serviceGraphRows,
  type ImportedService,
  type ServiceGraphRows,
} from './service-graph.rows.ts';
import { lastById, upsertTaxonomyTerms } from './taxonomy.repository.ts';

// The directory's write side: whole ORUK service graphs in a few set-based statements per batch.
// A service's child rows (schedules, contacts, phones, cost options, languages, service areas,
// funding, attributes, service_at_locations) are replaced: rows missing from the payload are deleted.
// Shared entities (organizations, locations) are upserted; their nested lists are replaced only when
// the payload includes the list. Nothing is written when nothing differs, so a re-import is a no-op.

export { upsertTaxonomies, upsertTaxonomyTerms } from './taxonomy.repository.ts';
export { findMissingReferences } from './service-references.repository.ts';
export type { ImportedService } from './service-graph.rows.ts';

export interface UpsertServiceGraphsResult {
  /** Every service in the batch, deduplicated, in payload order. */
  serviceIds: string[];
  /** Services whose stored graph changed (inserted, a column, a child row, their organization or a location). */
  changedServiceIds: string[];
}

const nonNull = (ids: (string | null)[]): string[] => ids.filter((id): id is string => id !== null);

async function writeChildren<T extends DirectoryTable>(
  trx: Kysely<Database>,
  spec: TableSpec<T>,
  tenantId: string,
  parent: { column: WritableColumn<T>; ids: readonly string[] },
  rows: readonly (WritableRow<T> & { id: string })[],
): Promise<string[]> {
  const unique = lastById(rows);
  const changed = await upsertRows(trx, spec, tenantId, unique, { returning: parent.column });
  const deleted = await deleteStaleRows(
    trx,
    { table: spec.table, parentColumn: parent.column },
    tenantId,
    parent.ids,
    unique.map((r) => r.id),
  );
  return [...nonNull(changed), ...deleted];
}

async function writeOrganizations(
  trx: Kysely<Database>,
  tenantId: string,
  orgs: readonly OrukOrganization[],
): Promise<{ self: string[]; any: string[] }> {
  const rows = orgs.map((o) => ({
    id: o.id,
    name: o.name,
    description: o.description,
    email: o.email ?? null,
    website: o.website ?? null,
    logo: o.logo ?? null,
    uri: o.uri ?? null,
    parent_organization_id: o.parent_organization_id ?? null,
  }));
  const self = nonNull(await upsertRows(trx, organizationSpec, tenantId, rows));
  const withIdentifiers = orgs.filter((o) => o.organization_identifiers !== undefined);
  const identifiers = withIdentifiers.flatMap((o) =>
    (o.organization_identifiers ?? []).map((i) => ({
      id: i.id,
      organization_id: o.id,
      identifier_scheme: i.identifier_scheme ?? null,
      identifier_type: i.identifier_type,
      identifier: i.identifier,
    })),
  );
  const children = await writeChildren(
    trx,
    organizationIdentifierSpec,
    tenantId,
    { column: 'organization_id', ids: withIdentifiers.map((o) => o.id) },
    identifiers,
  );
  return { self, any: [...self, ...children] };
}

async function writeLocations(
  trx: Kysely<Database>,
  tenantId: string,
  locs: readonly OrukLocation[],
): Promise<string[]> {
  const rows = locs.map((l) => ({
    id: l.id,
    location_type: l.location_type,
    name: l.name ?? null,
    description: l.description ?? null,
    latitude: l.latitude ?? null,
    longitude: l.longitude ?? null,
    external_identifier: l.external_identifier ?? null,
    external_identifier_type: l.external_identifier_type ?? null,
  }));
  const changed = nonNull(await upsertRows(trx, locationSpec, tenantId, rows));
  const withAddresses = locs.filter((l) => l.addresses !== undefined);
  const addresses = withAddresses.flatMap((l) =>
    (l.addresses ?? []).map((a) => ({
      id: a.id,
      location_id: l.id,
      attention: a.attention ?? null,
      address_1: a.address_1,
      city: a.city,
      region: a.region ?? null,
      state_province: a.state_province,
      postal_code: a.postal_code,
      country: a.country,
      address_type: a.address_type,
    })),
  );
  changed.push(
    ...(await writeChildren(
      trx,
      addressSpec,
      tenantId,
      { column: 'location_id', ids: withAddresses.map((l) => l.id) },
      addresses,
    )),
  );
  const withAccess = locs.filter((l) => l.accessibility !== undefined);
  const access = withAccess.flatMap((l) =>
    (l.accessibility ?? []).map((a) => ({
      id: a.id,
      location_id: l.id,
      description: a.description ?? null,
      details: a.details ?? null,
      url: a.url ?? null,
      accessibility: a.accessibility ?? null,
    })),
  );
  changed.push(
    ...(await writeChildren(
      trx,
      accessibilitySpec,
      tenantId,
      { column: 'location_id', ids: withAccess.map((l) => l.id) },
      access,
    )),
  );
  return changed;
}

/** Writes attributes and returns the owners (service/organization/location) whose attributes changed. */
async function writeAttributes(
  trx: Kysely<Database>,
  tenantId: string,
  g: ServiceGraphRows,
): Promise<{ kind: string; id: string }[]> {
  const unique = lastById(g.attributes);
  const changed = nonNull(await upsertRows(trx, attributeSpec, tenantId, unique, { returning: 'link_id' }));
  const deleted = await deleteStaleAttributes(
    trx,
    tenantId,
    g.attributeLinks,
    unique.map((a) => a.id),
  );
  return [...changed, ...deleted].flatMap((linkId) => {
    const owner = g.owners.get(linkId);
    return owner === undefined ? [] : [owner];
  });
}

async function writeServices(
  trx: Kysely<Database>,
  tenantId: string,
  g: ServiceGraphRows,
): Promise<string[]> {
  // serviceGraphRows already keeps one copy per service id.
  const full = nonNull(await upsertRows(trx, serviceSpec, tenantId, g.servicesWithSignpost));
  const oruk = nonNull(
    await upsertRows(trx, serviceSpec, tenantId, g.servicesOrukOnly, { columns: SERVICE_ORUK_COLUMNS }),
  );
  return [...full, ...oruk];
}

async function writeServiceChildren(
  trx: Kysely<Database>,
  tenantId: string,
  g: ServiceGraphRows,
): Promise<string[]> {
  const parent = { column: 'service_id', ids: g.serviceIds } as const;
  return [
    ...(await writeChildren(trx, serviceAtLocationSpec, tenantId, parent, g.serviceAtLocations)),
    ...(await writeChildren(trx, scheduleSpec, tenantId, parent, g.schedules)),
    ...(await writeChildren(trx, contactSpec, tenantId, parent, g.contacts)),
    ...(await writeChildren(trx, phoneSpec, tenantId, parent, g.phones)),
    ...(await writeChildren(trx, costOptionSpec, tenantId, parent, g.costOptions)),
    ...(await writeChildren(trx, languageSpec, tenantId, parent, g.languages)),
    ...(await writeChildren(trx, serviceAreaSpec, tenantId, parent, g.serviceAreas)),
    ...(await writeChildren(trx, fundingSpec, tenantId, parent, g.funding)),
  ];
}

async function servicesUsing(
  trx: Kysely<Database>,
  tenantId: string,
  orgIds: string[],
  locationIds: string[],
): Promise<string[]> {
  if (orgIds.length === 0 && locationIds.length === 0) {
    return [];
  }
  const result = await sql<{ id: string }>`
    SELECT id::text AS id FROM service WHERE tenant_id = ${tenantId}::uuid AND organization_id = ANY(${orgIds}::uuid[])
    UNION
    SELECT service_id::text FROM service_at_location WHERE tenant_id = ${tenantId}::uuid AND location_id = ANY(${locationIds}::uuid[])`.execute(
    trx,
  );
  return result.rows.map((r) => r.id);
}

async function touch(
  trx: Kysely<Database>,
  table: 'service' | 'organization',
  tenantId: string,
  ids: string[],
): Promise<void> {
  if (ids.length > 0) {
    await sql`UPDATE ${sql.id(table)} SET updated_at = now() WHERE tenant_id = ${tenantId}::uuid AND id = ANY(${ids}::uuid[])`.execute(
      trx,
    );
  }
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
  const g = serviceGraphRows(tenantId, services);
  await upsertTaxonomyTerms(trx, tenantId, g.terms);
  const orgs = await writeOrganizations(trx, tenantId, g.organizations);
  const changedOrgs = new Set(orgs.any);
  const changedLocations = new Set(await writeLocations(trx, tenantId, g.locations));
  const selfChanged = new Set(await writeServices(trx, tenantId, g));
  const changed = new Set([...selfChanged, ...(await writeServiceChildren(trx, tenantId, g))]);
  for (const owner of await writeAttributes(trx, tenantId, g)) {
    const set =
      owner.kind === 'service' ? changed : owner.kind === 'organization' ? changedOrgs : changedLocations;
    set.add(owner.id);
  }
  for (const id of await servicesUsing(trx, tenantId, [...changedOrgs], [...changedLocations])) {
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
  for (const owner of await writeAttributes(trx, tenantId, g)) {
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

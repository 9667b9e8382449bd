import { sql, type Kysely } from 'kysely';
import type { Database } from '../../db/database.ts';
import {
  deleteStaleAttributes,
  deleteStaleRows,
  upsertRows,
  type DirectoryTable,
  type TableSpec,
  type UpsertedRow,
  type WritableColumn,
  type WritableRow,
} from './bulk-upsert.repository.ts';
import {
  attributeSpec,
  contactSpec,
  costOptionSpec,
  fundingSpec,
  languageSpec,
  phoneSpec,
  scheduleSpec,
  SERVICE_ORUK_COLUMNS,
  serviceAreaSpec,
  serviceAtLocationSpec,
  serviceSpec,
} from './directory-tables.ts';
import type { ServiceGraphRows } from './service-graph.rows.ts';
import { lastById } from './taxonomy.repository.ts';

// The statements upsertServiceGraphs is made of (directory.repository.ts puts them in order): each part
// of a service graph upserted set-based, its stale children deleted, and the ids of what changed
// returned so that the search index and updated_at follow.

const nonNull = (ids: (string | null)[]): string[] => ids.filter((id): id is string => id !== null);
/** The `returning` column of the rows an upsert inserted or changed. */
export const returned = (rows: readonly UpsertedRow[]): string[] => nonNull(rows.map((r) => r.ret));
/** Ids of the rows an upsert inserted (not those it changed). */
export const insertedIds = (rows: readonly UpsertedRow[]): string[] =>
  rows.filter((r) => r.inserted).map((r) => r.id);

/** Rows a batch wrote for the first time: their children cannot be stale, so nothing is deleted for them. */
export interface NewEntities {
  service: Set<string>;
  organization: Set<string>;
  location: Set<string>;
}

/**
 * Upserts child rows and deletes the parents' children missing from the payload.
 * @param trx - the batch's transaction
 * @param spec - the child table
 * @param tenantId - the tenant
 * @param parent - the parent column and the parents whose lists were sent; `skip` holds parents this
 *   batch inserted: a foreign key guarantees they had no children, so the DELETE leaves them out.
 * @param rows - the children sent
 * @returns ids of the parents whose children changed
 */
export async function writeChildren<T extends DirectoryTable>(
  trx: Kysely<Database>,
  spec: TableSpec<T>,
  tenantId: string,
  parent: { column: WritableColumn<T>; ids: readonly string[]; skip: ReadonlySet<string> },
  rows: readonly (WritableRow<T> & { id: string })[],
): Promise<string[]> {
  const unique = lastById(rows);
  const changed = await upsertRows(trx, spec, tenantId, unique, { returning: parent.column });
  const deleted = await deleteStaleRows(
    trx,
    { table: spec.table, parentColumn: parent.column },
    tenantId,
    parent.ids.filter((id) => !parent.skip.has(id)),
    unique.map((r) => r.id),
  );
  return [...returned(changed), ...deleted];
}

/**
 * Writes attributes and returns the owners (service/organization/location) whose attributes changed.
 * Attributes have no foreign key to what they describe, so only services, organizations and locations
 * (which Signpost never deletes, so no attributes outlive them) are trusted to have none when new.
 * @param trx - the batch's transaction
 * @param tenantId - the tenant
 * @param g - the batch's rows
 * @param fresh - services, organizations and locations this batch inserted
 */
export async function writeAttributes(
  trx: Kysely<Database>,
  tenantId: string,
  g: ServiceGraphRows,
  fresh: NewEntities = { service: new Set(), organization: new Set(), location: new Set() },
): Promise<{ kind: string; id: string }[]> {
  const unique = lastById(g.attributes);
  const changed = returned(await upsertRows(trx, attributeSpec, tenantId, unique, { returning: 'link_id' }));
  const isFresh = (link: { entity: string; id: string }): boolean =>
    (link.entity === 'service' || link.entity === 'organization' || link.entity === 'location') &&
    fresh[link.entity].has(link.id);
  const deleted = await deleteStaleAttributes(
    trx,
    tenantId,
    g.attributeLinks.filter((link) => !isFresh(link)),
    unique.map((a) => a.id),
  );
  return [...changed, ...deleted].flatMap((linkId) => {
    const owner = g.owners.get(linkId);
    return owner === undefined ? [] : [owner];
  });
}

/**
 * Upserts the batch's service rows (Signpost columns only for services that carried them).
 * @param trx - the batch's transaction
 * @param tenantId - the tenant
 * @param g - the batch's rows
 * @returns the service rows inserted or changed
 */
export async function writeServices(
  trx: Kysely<Database>,
  tenantId: string,
  g: ServiceGraphRows,
): Promise<UpsertedRow[]> {
  // serviceGraphRows already keeps one copy per service id.
  return [
    ...(await upsertRows(trx, serviceSpec, tenantId, g.servicesWithSignpost)),
    ...(await upsertRows(trx, serviceSpec, tenantId, g.servicesOrukOnly, { columns: SERVICE_ORUK_COLUMNS })),
  ];
}

/**
 * Upserts every child table of the batch's services and deletes the children they no longer send.
 * @param trx - the batch's transaction
 * @param tenantId - the tenant
 * @param g - the batch's rows
 * @param fresh - services this batch inserted (no stale children to look for)
 * @returns ids of the services whose children changed
 */
export async function writeServiceChildren(
  trx: Kysely<Database>,
  tenantId: string,
  g: ServiceGraphRows,
  fresh: ReadonlySet<string>,
): Promise<string[]> {
  const parent = { column: 'service_id', ids: g.serviceIds, skip: fresh } as const;
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

/**
 * Services that use these organizations or locations (their search rows show them).
 * @param trx - the batch's transaction
 * @param tenantId - the tenant
 * @param orgIds - organizations
 * @param locationIds - locations
 */
export async function servicesUsing(
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

/**
 * Sets updated_at on rows whose graph changed through a child or a shared entity.
 * @param trx - the batch's transaction
 * @param table - service or organization
 * @param tenantId - the tenant
 * @param ids - the rows
 */
export async function touch(
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

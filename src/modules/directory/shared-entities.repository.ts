import type { Kysely } from 'kysely';
import type { Database } from '../../db/database.ts';
import { upsertRows } from './bulk-upsert.repository.ts';
import {
  accessibilitySpec,
  addressSpec,
  locationSpec,
  organizationIdentifierSpec,
  organizationSpec,
} from './directory-tables.ts';
import type { OrukLocation, OrukOrganization } from './oruk/oruk.schema.ts';
import { insertedIds, returned, writeChildren } from './service-graph-parts.repository.ts';

// Organizations and locations are shared by services: upserted by id, and their nested lists
// (identifiers; addresses and accessibility) replaced only when the payload includes the list.

/**
 * Upserts organizations and, for those that sent them, replaces their identifiers.
 * @param trx - the batch's transaction
 * @param tenantId - the tenant
 * @param orgs - organizations, one per id
 * @returns `self`: organizations whose own row changed; `any`: those whose row or identifiers changed;
 *   `inserted`: those that are new
 */
export async function writeOrganizations(
  trx: Kysely<Database>,
  tenantId: string,
  orgs: readonly OrukOrganization[],
): Promise<{ self: string[]; any: string[]; inserted: string[] }> {
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
  const upserted = await upsertRows(trx, organizationSpec, tenantId, rows);
  const self = returned(upserted);
  const inserted = insertedIds(upserted);
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
    { column: 'organization_id', ids: withIdentifiers.map((o) => o.id), skip: new Set(inserted) },
    identifiers,
  );
  return { self, any: [...self, ...children], inserted };
}

/**
 * Upserts locations and, for those that sent them, replaces their addresses and accessibility.
 * @param trx - the batch's transaction
 * @param tenantId - the tenant
 * @param locs - locations, one per id
 * @returns locations whose row or children changed, and those that are new
 */
export async function writeLocations(
  trx: Kysely<Database>,
  tenantId: string,
  locs: readonly OrukLocation[],
): Promise<{ changed: string[]; inserted: string[] }> {
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
  const upserted = await upsertRows(trx, locationSpec, tenantId, rows);
  const changed = returned(upserted);
  const skip = new Set(insertedIds(upserted));
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
      { column: 'location_id', ids: withAddresses.map((l) => l.id), skip },
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
      { column: 'location_id', ids: withAccess.map((l) => l.id), skip },
      access,
    )),
  );
  return { changed, inserted: [...skip] };
}

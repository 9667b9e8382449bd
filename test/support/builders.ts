import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Database } from '../../src/db/database.ts';
import { ensureTenant } from '../../src/modules/accounts/tenant.repository.ts';
import {
  upsertOrganizations,
  upsertServiceGraphs,
  upsertTaxonomyTerms,
} from '../../src/modules/directory/directory.repository.ts';
import type {
  OrukOrganization,
  OrukService,
  OrukTaxonomyTerm,
} from '../../src/modules/directory/oruk/oruk.schema.ts';
import type { SignpostFields } from '../../src/modules/directory/oruk/signpost-attributes.ts';
import { refreshServiceSearch } from '../../src/modules/directory/search/search.repository.ts';

// Test data builders: believable defaults plus typed overrides (STYLE.md 29). Every id is a fresh
// random UUID, so tests never collide. Owned by the import engineer; add to it, don't rewrite it.

let sequence = 0;

/**
 * A valid, fully nested ORUK 3.0 service: one organization, one physical location with one address,
 * one weekly schedule. Overrides replace top-level fields (pass a whole nested object to replace it).
 * @param overrides - fields to change
 */
export function buildOrukService(overrides: Partial<OrukService> = {}): OrukService {
  sequence += 1;
  const id = overrides.id ?? randomUUID();
  const locationId = randomUUID();
  const organization: OrukOrganization = {
    id: randomUUID(),
    name: `Leeds Community Trust ${sequence}`,
    description: 'A local charity running community and wellbeing services.',
    email: 'hello@leeds-community.example.org',
    website: 'https://leeds-community.example.org',
  };
  return {
    id,
    name: `Friendship Café ${sequence}`,
    description: 'A weekly drop-in café for people who feel lonely or isolated. Tea, cake and company.',
    url: 'https://leeds-community.example.org/friendship-cafe',
    email: 'cafe@leeds-community.example.org',
    status: 'active',
    minimum_age: 18,
    assured_date: '2026-09-01',
    assurer_email: 'listings@leeds-community.example.org',
    last_modified: '2026-09-01T09:00:00.000Z',
    organization_id: organization.id,
    organization,
    service_at_locations: [
      {
        id: randomUUID(),
        location: {
          id: locationId,
          location_type: 'physical',
          name: 'Chapel Allerton Community Centre',
          latitude: 53.829,
          longitude: -1.5374,
          addresses: [
            {
              id: randomUUID(),
              address_1: '1 Town Street',
              city: 'Leeds',
              state_province: 'West Yorkshire',
              postal_code: 'LS7 4NA',
              country: 'GB',
              address_type: 'physical',
            },
          ],
        },
      },
    ],
    schedules: [
      {
        id: randomUUID(),
        freq: 'WEEKLY',
        byday: 'TU',
        opens_at: '10:00',
        closes_at: '12:00',
        description: 'Tuesdays 10am to 12 noon',
      },
    ],
    ...overrides,
  };
}

export interface TestServiceOverrides extends Partial<OrukService> {
  signpost?: Partial<SignpostFields>;
}

export interface TestServiceIds {
  id: string;
  organizationId: string | null;
  locationIds: string[];
  service: OrukService;
}

/**
 * Inserts a service graph through upsertServiceGraphs (in a transaction) and refreshes its search row.
 * @param db - the test database
 * @param tenantId - the tenant
 * @param overrides - ORUK fields, plus `signpost` for Signpost's own fields
 */
export async function createTestService(
  db: Kysely<Database>,
  tenantId: string,
  overrides: TestServiceOverrides = {},
): Promise<TestServiceIds> {
  const { signpost, ...oruk } = overrides;
  const service = buildOrukService(oruk);
  await db.transaction().execute(async (trx) => {
    const result = await upsertServiceGraphs(trx, tenantId, [{ service, ...(signpost ? { signpost } : {}) }]);
    await refreshServiceSearch(trx, tenantId, result.changedServiceIds);
  });
  return {
    id: service.id,
    organizationId: service.organization?.id ?? service.organization_id ?? null,
    locationIds: (service.service_at_locations ?? []).flatMap((x) => {
      const locationId = x.location?.id ?? x.location_id;
      return locationId === undefined ? [] : [locationId];
    }),
    service,
  };
}

/**
 * Inserts an organization.
 * @param db - the test database
 * @param tenantId - the tenant
 * @param overrides - fields to change
 */
export async function createTestOrganization(
  db: Kysely<Database>,
  tenantId: string,
  overrides: Partial<OrukOrganization> = {},
): Promise<OrukOrganization> {
  sequence += 1;
  const organization: OrukOrganization = {
    id: randomUUID(),
    name: `Test Organisation ${sequence}`,
    description: 'A voluntary organisation.',
    ...overrides,
  };
  await db.transaction().execute(async (trx) => {
    await upsertOrganizations(trx, tenantId, [organization]);
  });
  return organization;
}

/**
 * Inserts a taxonomy term (in no taxonomy unless `taxonomy_id` is given).
 * @param db - the test database
 * @param tenantId - the tenant
 * @param overrides - fields to change
 */
export async function createTestTaxonomyTerm(
  db: Kysely<Database>,
  tenantId: string,
  overrides: Partial<OrukTaxonomyTerm> = {},
): Promise<OrukTaxonomyTerm> {
  sequence += 1;
  const term: OrukTaxonomyTerm = {
    id: randomUUID(),
    name: `Test term ${sequence}`,
    description: 'A taxonomy term for tests.',
    taxonomy: 'esdServiceType',
    term: String(sequence),
    ...overrides,
  };
  await upsertTaxonomyTerms(db, tenantId, [term]);
  return term;
}

/**
 * A new tenant with a unique slug, so each test writes into its own directory.
 * @param db - the test database
 * @param prefix - the start of the slug (names the test file's tenants)
 * @returns the tenant's id
 */
export async function buildTenant(db: Kysely<Database>, prefix: string): Promise<string> {
  const slug = `${prefix}-${randomUUID().slice(0, 8)}`;
  return (await ensureTenant(db, slug, slug)).id;
}

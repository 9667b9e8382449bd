import { readFileSync } from 'node:fs';
import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureTenant } from '../accounts/tenant.repository.ts';
import {
  buildOrukService,
  createTestOrganization,
  createTestService,
  createTestTaxonomyTerm,
} from '../../../test/support/builders.ts';
import { snapshotDirectory, type DirectoryTableName } from '../../../test/support/directory-snapshot.ts';
import { createTestDatabase, type TestDatabase } from '../../../test/support/test-db.ts';
import {
  findMissingReferences,
  upsertOrganizations,
  upsertServiceGraphs,
  type ImportedService,
  type UpsertServiceGraphsResult,
} from './directory.repository.ts';
import { parseOrukService, type OrukService } from './oruk/oruk.schema.ts';
import { ensureSignpostTaxonomies, signpostAttributesFor } from './oruk/signpost-attributes.ts';

function example(): OrukService {
  const raw: unknown = JSON.parse(
    readFileSync(
      new URL(
        '../../../test/fixtures/oruk/OpenReferralUK+uk-profile/examples/service_full.json',
        import.meta.url,
      ),
      'utf8',
    ),
  );
  const parsed = parseOrukService(raw);
  if (!parsed.ok) {
    throw new Error('fixture does not parse');
  }
  return parsed.value;
}

describe('upsertServiceGraphs', () => {
  let t: TestDatabase;
  let tenantId: string;

  beforeAll(async () => {
    t = await createTestDatabase();
    tenantId = t.tenant.id;
  });
  afterAll(async () => {
    await t.close();
  });

  async function upsert(services: ImportedService[], tenant = tenantId): Promise<UpsertServiceGraphsResult> {
    return t.db.transaction().execute((trx) => upsertServiceGraphs(trx, tenant, services));
  }

  async function snapshot(): Promise<Record<string, unknown[]>> {
    return snapshotDirectory(t.db);
  }

  async function count(table: DirectoryTableName, column: string, value: string): Promise<number> {
    const result = await sql<{
      n: number;
    }>`SELECT count(*)::int AS n FROM ${sql.table(table)} WHERE tenant_id = ${tenantId}::uuid AND ${sql.ref(column)} = ${value}::uuid`.execute(
      t.db,
    );
    return result.rows[0]?.n ?? 0;
  }

  it('stores every part of the official example service', async () => {
    const service = example();
    const result = await upsert([{ service }]);
    expect(result).toEqual({ serviceIds: [service.id], changedServiceIds: [service.id] });
    const row = await t.db
      .selectFrom('service')
      .selectAll()
      .where('tenant_id', '=', tenantId)
      .where('id', '=', service.id)
      .executeTakeFirstOrThrow();
    expect(row).toMatchObject({
      name: 'Community Counselling',
      organization_id: 'd9d5e0f5-d3ce-4f73-9a2f-4dd0ecc6c610',
      minimum_age: '12',
      assured_date: '2005-01-01',
      capacity_status: 'unknown',
      delivery_modes: [],
    });
    expect(row.last_modified?.toISOString()).toBe('2023-03-15T10:30:45.123Z');
    for (const table of [
      'schedule',
      'service_area',
      'service_at_location',
      'language',
      'funding',
      'cost_option',
      'contact',
    ] as const) {
      expect(await count(table, 'service_id', service.id)).toBe(1);
    }
    expect(await count('address', 'location_id', '3a19ff88-4620-4d17-9830-ac1d859eb5d5')).toBe(1);
    expect(await count('accessibility', 'location_id', '3a19ff88-4620-4d17-9830-ac1d859eb5d5')).toBe(1);
    expect(
      await count('organization_identifier', 'organization_id', 'd9d5e0f5-d3ce-4f73-9a2f-4dd0ecc6c610'),
    ).toBe(1);
    const attribute = await t.db
      .selectFrom('attribute')
      .selectAll()
      .where('link_id', '=', service.id)
      .executeTakeFirstOrThrow();
    expect(attribute).toMatchObject({
      link_entity: 'service',
      link_type: 'link_type',
      taxonomy_term_id: '3f7b145d-84af-42d7-8fae-eaca714b02b2',
    });
    expect(await count('taxonomy_term', 'id', '3f7b145d-84af-42d7-8fae-eaca714b02b2')).toBe(1);
  });

  it('changes nothing at all when the same payload is written again', async () => {
    const before = await snapshot();
    const result = await upsert([{ service: example() }]);
    expect(result.changedServiceIds).toEqual([]);
    expect(await snapshot()).toEqual(before);
  });

  it('updates changed fields, deletes children missing from the payload and bumps updated_at', async () => {
    const service = example();
    const before = await t.db
      .selectFrom('service')
      .select('updated_at')
      .where('id', '=', service.id)
      .executeTakeFirstOrThrow();
    const result = await upsert([{ service: { ...service, schedules: [], alert: undefined } }]);
    expect(result.changedServiceIds).toEqual([service.id]);
    expect(await count('schedule', 'service_id', service.id)).toBe(0);
    const after = await t.db
      .selectFrom('service')
      .select(['updated_at', 'alert'])
      .where('id', '=', service.id)
      .executeTakeFirstOrThrow();
    expect(after.alert).toBeNull();
    expect(after.updated_at.getTime()).toBeGreaterThanOrEqual(before.updated_at.getTime());
    // A child-only change (a contact renamed) marks the service changed too.
    const contact = { id: '1e7efce3-639b-4880-940c-b95cd30cdb50', name: 'B. Persona' };
    const second = await upsert([
      { service: { ...service, schedules: [], alert: undefined, contacts: [contact] } },
    ]);
    expect(second.changedServiceIds).toEqual([service.id]);
  });

  it('marks services changed when a shared organization changes, even outside the batch', async () => {
    const a = buildOrukService();
    const organization = a.organization ?? { id: randomUUID(), name: 'x', description: 'y' };
    const b = buildOrukService({ organization, organization_id: organization.id });
    await upsert([{ service: a }, { service: b }]);
    const renamed = { ...organization, name: 'Renamed Trust' };
    const result = await upsert([{ service: { ...a, organization: renamed } }]);
    expect(new Set(result.changedServiceIds)).toEqual(new Set([a.id, b.id]));
  });

  it('maps Signpost attributes to columns and re-imports its own export without duplicating attributes', async () => {
    await ensureSignpostTaxonomies(t.db, tenantId);
    const created = await createTestService(t.db, tenantId, {
      signpost: {
        capacityStatus: 'waitlist',
        capacityWaitWeeks: 6,
        capacityUpdatedAt: new Date('2026-11-01T10:00:00Z'),
        capacityUpdatedBy: 'Reception team',
        deliveryModes: ['in_person', 'phone'],
        referralRoutes: ['self_referral'],
        needs: ['loneliness', 'community_groups'],
        accessCriteria: 'Adults living in Leeds',
        redFlags: 'Not a crisis service',
        listingOwner: 'Leeds Community Trust',
      },
    });
    const row = await t.db
      .selectFrom('service')
      .selectAll()
      .where('id', '=', created.id)
      .executeTakeFirstOrThrow();
    expect(row).toMatchObject({
      capacity_status: 'waitlist',
      capacity_wait_weeks: 6,
      needs: ['loneliness', 'community_groups'],
    });
    expect(await count('attribute', 'link_id', created.id)).toBe(0);
    const exported = { ...created.service, attributes: signpostAttributesFor(tenantId, row) };
    const before = await snapshot();
    const result = await upsert([{ service: exported }]);
    expect(result.changedServiceIds).toEqual([]);
    expect(await snapshot()).toEqual(before);
    // A feed without Signpost attributes leaves the Signpost columns alone.
    await upsert([{ service: { ...created.service, name: 'Renamed café' } }]);
    const again = await t.db
      .selectFrom('service')
      .selectAll()
      .where('id', '=', created.id)
      .executeTakeFirstOrThrow();
    expect(again).toMatchObject({
      name: 'Renamed café',
      capacity_status: 'waitlist',
      red_flags: 'Not a crisis service',
    });
  });

  it('keeps tenants apart: the same ids in two tenants are two graphs', async () => {
    const other = await ensureTenant(t.db, 'other-pcn', 'Other PCN');
    const service = example();
    await upsert([{ service: { ...service, name: 'Other tenant copy' } }], other.id);
    const rows = await t.db
      .selectFrom('service')
      .select(['tenant_id', 'name'])
      .where('id', '=', service.id)
      .orderBy('name')
      .execute();
    expect(rows).toEqual([
      { tenant_id: tenantId, name: 'Community Counselling' },
      { tenant_id: other.id, name: 'Other tenant copy' },
    ]);
  });

  it('finds references to organizations, locations and terms that exist nowhere', async () => {
    const missingOrg = randomUUID();
    const missingTerm = randomUUID();
    const service = buildOrukService({
      organization: undefined,
      organization_id: missingOrg,
      service_at_locations: [{ id: randomUUID(), location_id: '3a19ff88-4620-4d17-9830-ac1d859eb5d5' }],
      attributes: [{ id: randomUUID(), taxonomy_term_id: missingTerm }],
    });
    const missing = await findMissingReferences(t.db, tenantId, [service]);
    expect(missing.get(service.id)).toEqual([
      {
        field: 'organization_id',
        message: `refers to organization ${missingOrg}, which is neither in the feed nor in the directory`,
      },
      {
        field: 'attributes.0.taxonomy_term_id',
        message: `refers to taxonomy term ${missingTerm}, which is neither in the feed nor in the directory`,
      },
    ]);
  });

  it('upserts standalone organizations, replacing identifiers and attributes that are sent', async () => {
    const term = await createTestTaxonomyTerm(t.db, tenantId, { name: 'Charity' });
    const identifier = { id: randomUUID(), identifier_type: 'Charity number', identifier: '1234567' };
    const attribute = { id: randomUUID(), taxonomy_term_id: term.id };
    const org = await createTestOrganization(t.db, tenantId, {
      organization_identifiers: [identifier],
      attributes: [attribute],
    });
    expect(await count('organization_identifier', 'organization_id', org.id)).toBe(1);
    expect(await count('attribute', 'link_id', org.id)).toBe(1);
    const before = await snapshot();
    expect(await t.db.transaction().execute((trx) => upsertOrganizations(trx, tenantId, [org]))).toEqual([]);
    expect(await snapshot()).toEqual(before);
    const changed = await t.db
      .transaction()
      .execute((trx) =>
        upsertOrganizations(trx, tenantId, [{ ...org, organization_identifiers: [], attributes: [] }]),
      );
    expect(changed).toEqual([org.id]);
    expect(await count('organization_identifier', 'organization_id', org.id)).toBe(0);
    expect(await count('attribute', 'link_id', org.id)).toBe(0);
  });

  it('rolls the whole batch back when a statement fails', async () => {
    const good = buildOrukService();
    const bad = buildOrukService({ organization: undefined, organization_id: randomUUID() });
    const before = await snapshot();
    await expect(upsert([{ service: good }, { service: bad }])).rejects.toThrow();
    expect(await snapshot()).toEqual(before);
  });
});

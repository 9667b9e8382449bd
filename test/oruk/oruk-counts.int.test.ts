import { randomUUID } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../src/app.ts';
import { upsertServiceGraphs } from '../../src/modules/directory/directory.repository.ts';
import { createTestService, type TestServiceIds } from '../support/builders.ts';
import { createTestConfig } from '../support/test-config.ts';
import { createTestDatabase, type TestDatabase } from '../support/test-db.ts';

// Unfiltered lists read total_items from directory_count, kept by triggers; it must stay equal to count(*)
// through inserts, re-imports that change nothing, replaced children, cascades and deletes, per tenant.
// The unfiltered service list also pages by seek from cached page boundaries: its pages must equal the
// OFFSET pages of an equivalent filtered query, including right after writes that reorder the list.

describe('ORUK totals from directory_count', () => {
  let t: TestDatabase;
  let app: FastifyInstance;
  let created: TestServiceIds[];

  beforeAll(async () => {
    t = await createTestDatabase();
    created = [];
    for (let i = 0; i < 5; i += 1) {
      created.push(await createTestService(t.db, t.tenant.id));
    }
    const other = await t.db
      .insertInto('tenant')
      .values({ slug: 'count-other', name: 'Other' })
      .returning('id')
      .executeTakeFirstOrThrow();
    await createTestService(t.db, other.id);
    app = await createApp({ db: t.db, config: createTestConfig(), tenant: t.tenant, logger: false });
  });
  afterAll(async () => {
    await app.close();
    await t.close();
  });

  async function expectTotalsMatchTheTables(): Promise<void> {
    const counted = await sql<{ services: number | string; sals: number | string }>`
      SELECT (SELECT count(*) FROM service WHERE tenant_id = ${t.tenant.id}) AS services,
             (SELECT count(*) FROM service_at_location WHERE tenant_id = ${t.tenant.id}) AS sals`.execute(
      t.db,
    );
    const row = counted.rows.at(0);
    const services = (await app.inject('/oruk/services?per_page=1')).json<{ total_items: number }>();
    const sals = (await app.inject('/oruk/service_at_locations?per_page=1')).json<{ total_items: number }>();
    expect(services.total_items).toBe(Number(row?.services ?? -1));
    expect(sals.total_items).toBe(Number(row?.sals ?? -1));
  }

  it('counts inserted services and their locations, for this tenant only', async () => {
    await expectTotalsMatchTheTables();
    expect((await app.inject('/oruk/services')).json()).toMatchObject({ total_items: 5, size: 5 });
  });

  it('is unchanged by a re-import that changes nothing, and follows replaced locations', async () => {
    const first = created.at(0);
    if (first === undefined) {
      throw new Error('seeded');
    }
    await t.db.transaction().execute(async (trx) => {
      await upsertServiceGraphs(trx, t.tenant.id, [{ service: first.service }]);
    });
    await expectTotalsMatchTheTables();
    const location = first.service.service_at_locations?.[0]?.location;
    const twoLocations = {
      ...first.service,
      service_at_locations: [
        { id: randomUUID(), ...(location === undefined ? {} : { location }) },
        { id: randomUUID(), ...(location === undefined ? {} : { location }) },
      ],
    };
    await t.db.transaction().execute(async (trx) => {
      await upsertServiceGraphs(trx, t.tenant.id, [{ service: twoLocations }]);
    });
    await expectTotalsMatchTheTables();
    expect((await app.inject('/oruk/service_at_locations')).json()).toMatchObject({ total_items: 6 });
  });

  it('follows deletes, including locations removed by cascade', async () => {
    const ids = created.slice(0, 2).map((c) => c.id);
    await t.db.deleteFrom('service').where('tenant_id', '=', t.tenant.id).where('id', 'in', ids).execute();
    await expectTotalsMatchTheTables();
    expect((await app.inject('/oruk/services')).json()).toMatchObject({ total_items: 3 });
  });

  async function pageIds(query: string, list = 'services'): Promise<string[]> {
    return (await app.inject(`/oruk/${list}?${query}`))
      .json<{ contents: { id: string }[] }>()
      .contents.map((c) => c.id);
  }

  async function expectSeekPagesToEqualOffsetPages(): Promise<void> {
    for (const list of ['services', 'service_at_locations']) {
      for (let page = 1; page <= 6; page += 1) {
        // minimum_age=0 matches every service here, but is a filter, so it pages with OFFSET.
        expect(await pageIds(`per_page=1&page=${page}`, list), `${list} page ${page}`).toEqual(
          await pageIds(`per_page=1&page=${page}&minimum_age=0`, list),
        );
      }
    }
  }

  it('pages by seek exactly as by OFFSET, also after a rename and an insert reorder the list', async () => {
    await expectSeekPagesToEqualOffsetPages();
    const last = (await pageIds('per_page=1&page=3')).at(0) ?? '';
    await t.db.updateTable('service').set({ name: 'Aardvark first now' }).where('id', '=', last).execute();
    await expectSeekPagesToEqualOffsetPages();
    expect(await pageIds('per_page=1&page=1')).toEqual([last]);
    await createTestService(t.db, t.tenant.id, { name: 'Aaa newest first' });
    await expectSeekPagesToEqualOffsetPages();
    await t.db.deleteFrom('service_at_location').where('service_id', '=', last).execute();
    await expectSeekPagesToEqualOffsetPages();
    expect((await app.inject('/oruk/services?per_page=1&page=5')).json()).toMatchObject({
      total_items: 4,
      size: 0,
      empty: true,
    });
  });

  it('agrees with the filtered count when a filter matches everything', async () => {
    const all = (await app.inject('/oruk/services')).json<{ total_items: number }>();
    const filtered = (await app.inject('/oruk/services?minimum_age=0')).json<{ total_items: number }>();
    expect(filtered.total_items).toBe(all.total_items);
  });
});

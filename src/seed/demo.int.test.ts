import type { FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestConfig } from '../../test/support/test-config.ts';
import { createTestDatabase, type TestDatabase } from '../../test/support/test-db.ts';
import { DIRECTORY_TABLES } from '../../test/support/directory-snapshot.ts';
import { createApp } from '../app.ts';
import { listPractices } from '../modules/accounts/practice.repository.ts';
import { parseOrukService } from '../modules/directory/oruk/oruk.schema.ts';
import { haversineKm, resolvePostcode } from '../modules/geo/geo.service.ts';
import { seedDemo, seedDemoIfEmpty, type SeedDemoSummary } from './demo.ts';

// The seeding day is fixed so that "seeding twice changes nothing" cannot depend on the clock.
const NOW = new Date('2026-11-21T10:30:00Z');
const DAY_MS = 86_400_000;
const LEEDS = { latitude: 53.7997, longitude: -1.5492 };

const TABLES = [...DIRECTORY_TABLES, 'practice', 'postcode', 'service_search'] as const;

interface Page {
  total_items: number;
  total_pages: number;
  contents: unknown[];
}

describe('the demo seed', () => {
  let testDb: TestDatabase;
  let app: FastifyInstance;
  let first: SeedDemoSummary | null;

  async function snapshot(): Promise<Record<string, string>> {
    const out: Record<string, string> = {};
    for (const table of TABLES) {
      // A digest of every row, so a changed value (not only a changed count) is caught.
      const { rows } = await sql<{ digest: string | null }>`
        SELECT md5(string_agg(t::text, '|' ORDER BY t::text)) AS digest FROM ${sql.table(table)} AS t`.execute(
        testDb.db,
      );
      out[table] = rows.at(0)?.digest ?? 'empty';
    }
    return out;
  }

  beforeAll(async () => {
    testDb = await createTestDatabase();
    first = await seedDemoIfEmpty(testDb.db, testDb.tenant, { now: NOW });
    app = await createApp({
      db: testDb.db,
      config: createTestConfig(),
      tenant: testDb.tenant,
      logger: false,
    });
  });
  afterAll(async () => {
    await app.close();
    await testDb.close();
  });

  it('seeds a PCN with six practices and over 300 services from 60 to 90 organisations', async () => {
    expect(first).not.toBeNull();
    expect(first?.services).toBeGreaterThanOrEqual(300);
    expect(first?.changedServices).toBe(first?.services);
    expect(first?.organisations).toBeGreaterThanOrEqual(60);
    expect(first?.organisations).toBeLessThanOrEqual(90);
    const counts = await testDb.db
      .selectFrom('service')
      .select((eb) => [
        eb.fn.countAll<string>().as('services'),
        eb.fn.count<string>('organization_id').distinct().as('orgs'),
      ])
      .where('tenant_id', '=', testDb.tenant.id)
      .executeTakeFirstOrThrow();
    expect(Number(counts.services)).toBe(first?.services);
    expect(Number(counts.orgs)).toBe(first?.organisations);

    const practices = await listPractices(testDb.db, testDb.tenant.id);
    expect(practices).toHaveLength(6);
    for (const p of practices) {
      expect(p.odsCode).toMatch(/^B9D\d{3}$/);
      const resolved = await resolvePostcode(testDb.db, p.postcode);
      expect(resolved).toMatchObject({ ok: true, value: { precision: 'postcode', latitude: p.latitude } });
    }
  });

  it('publishes every service as valid ORUK, with every list endpoint filled', async () => {
    const ids: string[] = [];
    for (let page = 1; ; page++) {
      const res = await app.inject(`/oruk/services?full=true&per_page=100&page=${page}`);
      expect(res.statusCode).toBe(200);
      const body = res.json<Page>();
      for (const item of body.contents) {
        const parsed = parseOrukService(item);
        expect(parsed.ok ? [] : parsed.issues).toEqual([]);
        if (parsed.ok) {
          ids.push(parsed.value.id);
        }
      }
      if (page >= body.total_pages) {
        break;
      }
    }
    expect(new Set(ids).size).toBe(first?.services);
    for (const path of ['service_at_locations', 'organizations', 'taxonomies', 'taxonomy_terms']) {
      const body = (await app.inject(`/oruk/${path}`)).json<Page>();
      expect(body.total_items, path).toBeGreaterThan(0);
    }
  });

  it('has a realistic mix of capacity, freshness, cost, ages and delivery', async () => {
    const services = await testDb.db
      .selectFrom('service')
      .select([
        'capacity_status',
        'capacity_wait_weeks',
        'capacity_updated_at',
        'assured_date',
        'minimum_age',
        'delivery_modes',
        'needs',
      ])
      .where('tenant_id', '=', testDb.tenant.id)
      .execute();
    const share = (test: (s: (typeof services)[number]) => boolean): number =>
      services.filter(test).length / services.length;
    expect(share((s) => s.capacity_status === 'accepting')).toBeGreaterThan(0.6);
    expect(
      share((s) => s.capacity_status === 'waitlist' && (s.capacity_wait_weeks ?? 0) >= 2),
    ).toBeGreaterThan(0.05);
    expect(share((s) => s.capacity_status === 'paused')).toBeGreaterThan(0);
    expect(share((s) => s.capacity_status === 'closed')).toBeGreaterThan(0);
    const stale = (s: (typeof services)[number]): boolean =>
      s.capacity_updated_at !== null && NOW.getTime() - s.capacity_updated_at.getTime() > 14 * DAY_MS;
    expect(share(stale)).toBeGreaterThan(0.05);
    expect(share((s) => !stale(s))).toBeGreaterThan(0.7);
    const oldListing = (s: (typeof services)[number]): boolean =>
      s.assured_date !== null && NOW.getTime() - Date.parse(s.assured_date) > 183 * DAY_MS;
    expect(share(oldListing)).toBeGreaterThan(0.05);
    expect(share(oldListing)).toBeLessThan(0.3);
    expect(share((s) => s.minimum_age !== null && Number(s.minimum_age) >= 55)).toBeGreaterThan(0.2);
    expect(share((s) => s.delivery_modes.includes('phone'))).toBeGreaterThan(0.1);
    expect(share((s) => s.needs.includes('loneliness'))).toBeGreaterThan(0.3);
    const paid = await testDb.db
      .selectFrom('cost_option')
      .select((eb) => eb.fn.count<string>('service_id').distinct().as('n'))
      .where('tenant_id', '=', testDb.tenant.id)
      .where('amount', '>', '0')
      .executeTakeFirstOrThrow();
    expect(Number(paid.n) / services.length).toBeGreaterThan(0.1);
    expect(Number(paid.n) / services.length).toBeLessThan(0.5);
  });

  it('puts every location in Leeds on a real postcode, with Ofcom drama phone numbers', async () => {
    const locations = await testDb.db
      .selectFrom('location')
      .innerJoin('address', (j) =>
        j
          .onRef('address.location_id', '=', 'location.id')
          .onRef('address.tenant_id', '=', 'location.tenant_id'),
      )
      .select(['location.latitude', 'location.longitude', 'address.postal_code'])
      .where('location.tenant_id', '=', testDb.tenant.id)
      .execute();
    expect(locations.length).toBeGreaterThan(25);
    for (const loc of locations) {
      const found = await testDb.db
        .selectFrom('postcode')
        .select(['latitude', 'longitude'])
        .where('postcode', '=', loc.postal_code)
        .executeTakeFirstOrThrow();
      expect(found).toEqual({ latitude: loc.latitude, longitude: loc.longitude });
      expect(haversineKm(LEEDS, { latitude: found.latitude, longitude: found.longitude })).toBeLessThan(20);
    }
    const phones = await testDb.db
      .selectFrom('phone')
      .select('number')
      .where('tenant_id', '=', testDb.tenant.id)
      .execute();
    expect(phones.length).toBeGreaterThanOrEqual(300);
    for (const { number } of phones) {
      expect(number).toMatch(/^(0113 496 0\d{3}|07700 900\d{3})$/);
    }
  });

  it('finds befriending when someone searches for "lonely"', async () => {
    const res = await app.inject('/api/directory/search?q=lonely&per_page=50');
    expect(res.statusCode).toBe(200);
    const names = res.json<{ hits: { name: string }[] }>().hits.map((h) => h.name);
    expect(names.filter((n) => /befriending|telephone friends/i.test(n)).length).toBeGreaterThanOrEqual(5);
  });

  it('changes nothing when seeded again the same day, and seedDemoIfEmpty then does nothing', async () => {
    const before = await snapshot();
    const again = await seedDemo(testDb.db, testDb.tenant, { now: new Date('2026-11-21T17:45:00Z') });
    expect(again).toMatchObject({ services: first?.services, changedServices: 0, postcodesAdded: 0 });
    expect(await snapshot()).toEqual(before);
    expect(await seedDemoIfEmpty(testDb.db, testDb.tenant, { now: NOW })).toBeNull();
    expect(await snapshot()).toEqual(before);
  });
});

import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createTestService,
  createTestTaxonomyTerm,
  type TestServiceOverrides,
} from '../../../../test/support/builders.ts';
import { createTestDatabase, type TestDatabase } from '../../../../test/support/test-db.ts';
import { ensureTenant, type Tenant } from '../../accounts/tenant.repository.ts';
import { ensurePostcodeReferenceData, haversineKm } from '../../geo/geo.service.ts';
import type { OrukService } from '../oruk/oruk.schema.ts';
import * as addSearchCells from '../../../db/migrations/2026_11_21_140000_add_search_cells.ts';
import { cellWord } from './search-cells.ts';
import { rebuildServiceSearch, refreshServiceSearch } from './search.repository.ts';
import { searchDirectory, type SearchDirectoryResult } from './search.service.ts';
import type { DirectorySearchQuery, DirectorySearchResult } from './search.types.ts';

// A small directory around Leeds with real coordinates, searched the way the API and pages do.

const NOW = new Date('2026-11-21T12:00:00Z');
const FRESH = new Date('2026-11-20T09:00:00Z');
const STALE = new Date('2026-09-01T09:00:00Z');

interface Place {
  latitude: number;
  longitude: number;
  postcode: string;
  city: string;
}

const PLACES = {
  chapelAllerton: { latitude: 53.8283, longitude: -1.5372, postcode: 'LS7 4NA', city: 'Leeds' },
  roundhay: { latitude: 53.8367, longitude: -1.496, postcode: 'LS8 2JL', city: 'Leeds' },
  cityCentre: { latitude: 53.7965, longitude: -1.5478, postcode: 'LS1 5DL', city: 'Leeds' },
  bradford: { latitude: 53.7939, longitude: -1.7521, postcode: 'BD1 1HY', city: 'Bradford' },
  york: { latitude: 53.959, longitude: -1.0815, postcode: 'YO1 7HH', city: 'York' },
} satisfies Record<string, Place>;

function at(place: Place): OrukService['service_at_locations'] {
  return [
    {
      id: randomUUID(),
      location: {
        id: randomUUID(),
        location_type: 'physical',
        latitude: place.latitude,
        longitude: place.longitude,
        addresses: [
          {
            id: randomUUID(),
            address_1: '1 High Street',
            city: place.city,
            state_province: 'Yorkshire',
            postal_code: place.postcode,
            country: 'GB',
            address_type: 'physical',
          },
        ],
      },
    },
  ];
}

describe('searchDirectory', () => {
  let t: TestDatabase;
  let other: Tenant;
  const ids: Record<string, string> = {};
  const places = new Map<string, Place>();
  let foodTermId = '';

  const search = (query: DirectorySearchQuery, tenantId?: string): Promise<SearchDirectoryResult> =>
    searchDirectory(t.db, {
      tenantId: tenantId ?? t.tenant.id,
      query,
      now: NOW,
      capacityStaleDays: 14,
      listingStaleDays: 183,
    });
  const ok = async (query: DirectorySearchQuery): Promise<DirectorySearchResult> => {
    const result = await search(query);
    if (!result.ok) {
      throw new Error(`search failed: ${result.error.message}`);
    }
    return result.value;
  };
  const names = (result: DirectorySearchResult): string[] => result.hits.map((h) => h.name);
  const idSet = (result: DirectorySearchResult): Set<string> => new Set(result.hits.map((h) => h.id));

  async function add(key: string, place: Place, overrides: TestServiceOverrides): Promise<void> {
    const created = await createTestService(t.db, t.tenant.id, {
      service_at_locations: at(place),
      minimum_age: undefined,
      ...overrides,
    });
    ids[key] = created.id;
    places.set(key, place);
  }

  beforeAll(async () => {
    t = await createTestDatabase();
    await ensurePostcodeReferenceData(t.db);
    other = await ensureTenant(t.db, 'other-pcn', 'Other PCN');
    const food = await createTestTaxonomyTerm(t.db, t.tenant.id, { name: 'Food and nutrition' });
    const cookery = await createTestTaxonomyTerm(t.db, t.tenant.id, {
      name: 'Cookery classes',
      parent_id: food.id,
    });
    const fresh = { capacityUpdatedAt: FRESH, capacityUpdatedBy: 'provider' };
    await add('befriending', PLACES.chapelAllerton, {
      name: 'Chapel Allerton Befriending',
      description: 'Volunteers visit or phone older people every week.',
      assured_date: '2026-10-01',
      signpost: {
        needs: ['loneliness'],
        deliveryModes: ['in_person', 'phone'],
        capacityStatus: 'accepting',
        ...fresh,
      },
    });
    await add('typo', PLACES.cityCentre, {
      name: 'Befreinding Lunch Club',
      description: 'A hot meal and a chat every Friday.',
      assured_date: '2025-01-01',
      signpost: { needs: ['loneliness'], deliveryModes: ['in_person'], capacityStatus: 'waitlist', ...fresh },
    });
    await add('york', PLACES.york, {
      name: 'York Telephone Befriending',
      description: 'A friendly phone call every week.',
      signpost: { needs: ['loneliness'], deliveryModes: ['phone'], capacityStatus: 'paused', ...fresh },
    });
    await add('inactive', PLACES.cityCentre, {
      name: 'Old Befriending Group',
      description: 'No longer running.',
      status: 'inactive',
      signpost: { needs: ['loneliness'], capacityStatus: 'accepting', ...fresh },
    });
    await add('walking', PLACES.roundhay, {
      name: 'Walking for Health Roundhay',
      description: 'Gentle guided strolls around the park for all abilities.',
      minimum_age: 16,
      signpost: {
        needs: ['physical_activity'],
        deliveryModes: ['in_person'],
        capacityStatus: 'waitlist',
        ...fresh,
      },
    });
    await add('debt', PLACES.bradford, {
      name: 'Money Clinic',
      description: 'One-to-one debt and budgeting advice.',
      fees: '£10 per appointment',
      minimum_age: 18,
      signpost: {
        needs: ['money_debt'],
        deliveryModes: ['phone', 'video'],
        capacityStatus: 'accepting',
        capacityUpdatedAt: STALE,
      },
    });
    await add('cookery', PLACES.cityCentre, {
      name: 'Youth Cookery Club',
      description: 'Cooking sessions for young people.',
      minimum_age: 11,
      maximum_age: 18,
      cost_options: [{ id: randomUUID(), option: 'Ingredients', amount: 0 }],
      attributes: [{ id: randomUUID(), taxonomy_term_id: cookery.id }],
      signpost: {
        needs: ['healthy_eating'],
        deliveryModes: ['in_person'],
        capacityStatus: 'accepting',
        ...fresh,
      },
    });
    await createTestService(t.db, other.id, {
      name: 'Other Tenant Befriending',
      signpost: { needs: ['loneliness'] },
    });
    foodTermId = food.id;
  });
  afterAll(async () => {
    await t.close();
  });

  it('finds befriending services for "lonely" through the need, although their text never says it', async () => {
    const result = await ok({ text: 'lonely' });
    expect(idSet(result)).toEqual(new Set([ids.befriending, ids.typo, ids.york]));
  });

  it('corrects "befreinding", ranking the listing that spells it that way first', async () => {
    const result = await ok({ text: 'befreinding' });
    expect(result.hits[0]?.id).toBe(ids.typo);
    expect(idSet(result)).toEqual(new Set([ids.typo, ids.befriending, ids.york]));
    const exact = result.hits.at(0);
    const fuzzy = result.hits.slice(1);
    for (const hit of fuzzy) {
      expect(hit.score).toBeLessThan(exact?.score ?? 0);
    }
  });

  it.each([
    ['walkng', 'a misspelling'],
    ['walked', 'another form of the word (stemming)'],
    ['WALKS', 'capitals and a plural'],
  ])('finds "Walking for Health" for %s (%s)', async (text) => {
    expect(names(await ok({ text }))).toEqual(['Walking for Health Roundhay']);
  });

  it('ANDs words: every word must match', async () => {
    expect(names(await ok({ text: 'york befriending' }))).toEqual(['York Telephone Befriending']);
    expect((await ok({ text: 'york walking' })).total).toBe(0);
  });

  it('finds nothing for a word with no close spelling, and ignores stop words', async () => {
    expect((await ok({ text: 'xylophone' })).total).toBe(0);
    expect(idSet(await ok({ text: 'the money' }))).toEqual(new Set([ids.debt]));
  });

  it('returns only active services of this tenant', async () => {
    const result = await ok({ text: 'befriending' });
    expect(result.hits.map((h) => h.id)).not.toContain(ids.inactive);
    expect(names(result)).not.toContain('Other Tenant Befriending');
    expect(result.hits.every((h) => h.status === 'active')).toBe(true);
  });

  it.each<[string, () => DirectorySearchQuery, string[]]>([
    ['need', () => ({ needs: ['money_debt', 'healthy_eating'] }), ['debt', 'cookery']],
    ['delivery mode', () => ({ deliveryModes: ['video'] }), ['debt']],
    ['effective capacity', () => ({ capacity: ['accepting'] }), ['befriending', 'cookery']],
    ['stale capacity counting as unknown', () => ({ capacity: ['unknown'] }), ['debt']],
    ['age inside a range', () => ({ age: 12 }), ['befriending', 'typo', 'york', 'cookery']],
    ['age with open bounds', () => ({ age: 40 }), ['befriending', 'typo', 'york', 'walking', 'debt']],
    ['free', () => ({ cost: 'free' }), ['befriending', 'typo', 'york', 'walking', 'cookery']],
    ['paid', () => ({ cost: 'paid' }), ['debt']],
    ['taxonomy term, including terms below it', () => ({ taxonomyTermIds: [foodTermId] }), ['cookery']],
    [
      'combined filters',
      () => ({ needs: ['loneliness'], deliveryModes: ['phone'], capacity: ['accepting', 'paused'] }),
      ['befriending', 'york'],
    ],
    ['text and a filter', () => ({ text: 'befriending', capacity: ['waitlist'] }), ['typo']],
  ])('filters by %s', async (_name, query, expected) => {
    const result = await ok(query());
    expect(idSet(result)).toEqual(new Set(expected.map((key) => ids[key])));
    expect(result.total).toBe(expected.length);
  });

  it('shows the recorded and the effective capacity of a stale status', async () => {
    const hit = (await ok({ text: 'money' })).hits.at(0);
    expect(hit?.capacity).toMatchObject({ recorded: 'accepting', effective: 'unknown', updatedAt: STALE });
  });

  it('limits by distance from a postcode and ranks nearer services higher', async () => {
    const result = await ok({ needs: ['loneliness'], postcode: 'LS1 4AP', radiusKm: 10 });
    const origin = result.origin;
    expect(origin).toMatchObject({ postcode: 'LS1 4AP', precision: 'sector' });
    expect(idSet(result)).toEqual(new Set([ids.befriending, ids.typo]));
    for (const hit of result.hits) {
      const place = places.get(Object.keys(ids).find((k) => ids[k] === hit.id) ?? '');
      expect(place).toBeDefined();
      if (origin !== null && place !== undefined) {
        expect(hit.distanceKm).toBeCloseTo(haversineKm(origin, place), 6);
      }
      expect(hit.distanceKm).toBeLessThanOrEqual(10);
    }
    const wide = await ok({ needs: ['loneliness'], postcode: 'LS1 4AP', radiusKm: 50 });
    expect(idSet(wide)).toEqual(new Set([ids.befriending, ids.typo, ids.york]));
    expect(wide.hits.at(-1)?.id).toBe(ids.york);
  });

  it('combines text with a radius (the grid cells narrow the text match in the index)', async () => {
    const near = await ok({ text: 'befriending', postcode: 'LS1 4AP', radiusKm: 10 });
    expect(idSet(near)).toEqual(new Set([ids.befriending, ids.typo]));
    const far = await ok({ text: 'befriending', postcode: 'LS1 4AP', radiusKm: 60 });
    expect(idSet(far)).toEqual(new Set([ids.befriending, ids.typo, ids.york]));
    expect(near.hits.every((h) => (h.distanceKm ?? Infinity) <= 10)).toBe(true);
  });

  it('stores the cell word the query side computes, and the migration writes the same one', async () => {
    const rows = await t.db
      .selectFrom('service_search')
      .select(['service_id', 'latitude', 'longitude', 'document'])
      .where('tenant_id', '=', t.tenant.id)
      .where('latitude', 'is not', null)
      .execute();
    expect(rows.length).toBeGreaterThan(0);
    for (const row of rows) {
      expect(row.document).toContain(`'${cellWord(row.latitude ?? 0, row.longitude ?? 0)}'`);
    }
    // Migrations take an untyped Kysely.
    const untyped = t.db as unknown as Kysely<unknown>;
    await addSearchCells.down(untyped);
    const stripped = await t.db.selectFrom('service_search').select('document').execute();
    expect(stripped.every((r) => !/'geo[m0-9]+_[m0-9]+'/.test(r.document))).toBe(true);
    await addSearchCells.up(untyped);
    const restored = await t.db
      .selectFrom('service_search')
      .select(['service_id', 'document'])
      .where('tenant_id', '=', t.tenant.id)
      .where('latitude', 'is not', null)
      .execute();
    const before = new Map(rows.map((r) => [r.service_id, r.document]));
    for (const row of restored) {
      expect(row.document).toBe(before.get(row.service_id));
    }
  });

  it('ranks the same text by distance: the nearer befriending service first', async () => {
    const fromLeeds = await ok({ text: 'befriending', postcode: 'LS7', radiusKm: 100 });
    const fromYork = await ok({ text: 'befriending', postcode: 'YO1', radiusKm: 100 });
    expect(fromLeeds.hits.map((h) => h.id).indexOf(ids.befriending)).toBeLessThan(
      fromLeeds.hits.map((h) => h.id).indexOf(ids.york),
    );
    expect(fromYork.hits[0]?.id).toBe(ids.york);
  });

  it('ranks by capacity when nothing else differs: accepting, waiting list, paused', async () => {
    const result = await ok({ needs: ['loneliness'] });
    expect(result.hits.map((h) => h.id)).toEqual([ids.befriending, ids.typo, ids.york]);
  });

  it('counts facets over the filtered set, each facet ignoring its own filter', async () => {
    const result = await ok({ needs: ['loneliness'] });
    const count = (list: { value: string; count: number }[], value: string): number | undefined =>
      list.find((f) => f.value === value)?.count;
    const sum = (list: { count: number }[]): number => list.reduce((a, f) => a + f.count, 0);
    expect(sum(result.facets.capacity)).toBe(result.total);
    expect(sum(result.facets.cost)).toBe(result.total);
    expect(count(result.facets.deliveryModes, 'phone')).toBe(2);
    expect(count(result.facets.deliveryModes, 'video')).toBe(0);
    expect(count(result.facets.capacity, 'paused')).toBe(1);
    // The needs facet ignores the needs filter: it counts every active service by need.
    expect(count(result.facets.needs, 'loneliness')).toBe(3);
    expect(count(result.facets.needs, 'money_debt')).toBe(1);
    expect(count(result.facets.needs, 'housing')).toBe(0);
    const paid = await ok({ needs: ['loneliness'], cost: 'paid' });
    expect(paid.total).toBe(0);
    expect(count(paid.facets.cost, 'free')).toBe(3);
  });

  it('pages through results without gaps or repeats', async () => {
    const all = await ok({ perPage: 100 });
    expect(all.total).toBe(6);
    const pages = await Promise.all([1, 2, 3].map((page) => ok({ page, perPage: 2 })));
    expect(pages[0]?.totalPages).toBe(3);
    expect(pages.flatMap((p) => p.hits.map((h) => h.id))).toEqual(all.hits.map((h) => h.id));
    expect((await ok({ page: 9, perPage: 2 })).hits).toEqual([]);
  });

  it('flags listings not confirmed within LISTING_STALE_DAYS', async () => {
    const result = await ok({ needs: ['loneliness'] });
    const byId = new Map(result.hits.map((h) => [h.id, h]));
    expect(byId.get(ids.befriending)?.needsChecking).toBe(false);
    expect(byId.get(ids.typo)?.needsChecking).toBe(true);
  });

  it.each([
    ['not a postcode', 'InvalidPostcode', 'Enter a real postcode, like LS1 4AP'],
    ['AB1 1AA', 'PostcodeNotFound', 'We could not find that postcode'],
  ])('rejects the postcode %s with %s', async (postcode, code, message) => {
    const result = await search({ postcode, radiusKm: 5 });
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.error.code).toBe(code);
      expect(result.error.field).toBe('postcode');
      expect(result.error.message).toContain(message);
    }
  });

  it('keeps the index current: renamed, closed and deleted services', async () => {
    const created = await createTestService(t.db, other.id, {
      name: 'Knitting Circle',
      description: 'Wool and chat.',
    });
    const find = async (text: string): Promise<number> => {
      const result = await search({ text }, other.id);
      return result.ok ? result.value.total : -1;
    };
    expect(await find('knitting')).toBe(1);
    await createTestService(t.db, other.id, { ...created.service, name: 'Crochet Circle' });
    expect(await find('knitting')).toBe(0);
    expect(await find('crochet')).toBe(1);
    await t.db.transaction().execute(async (trx) => {
      await trx
        .deleteFrom('service')
        .where('tenant_id', '=', other.id)
        .where('id', '=', created.id)
        .execute();
      await refreshServiceSearch(trx, other.id, [created.id]);
    });
    expect(await find('crochet')).toBe(0);
    const rows = await t.db
      .selectFrom('service_search')
      .select('service_id')
      .where('tenant_id', '=', other.id)
      .where('service_id', '=', created.id)
      .execute();
    expect(rows).toEqual([]);
  });

  it('rebuilds the index and the lexicon from scratch, dropping the words of deleted services', async () => {
    const created = await createTestService(t.db, other.id, { name: 'Zumba Gold', description: 'Dance.' });
    const zumba = async (): Promise<number> =>
      (
        await t.db
          .selectFrom('search_lexicon')
          .select('word')
          .where('tenant_id', '=', other.id)
          .where('word', '=', 'zumba')
          .execute()
      ).length;
    expect(await zumba()).toBe(1);
    await t.db.deleteFrom('service').where('tenant_id', '=', other.id).where('id', '=', created.id).execute();
    // Deleting keeps the word (the lexicon only grows between rebuilds)...
    expect(await zumba()).toBe(1);
    const services = await t.db
      .selectFrom('service')
      .select('id')
      .where('tenant_id', '=', other.id)
      .execute();
    expect(await rebuildServiceSearch(t.db, other.id)).toBe(services.length);
    // ...and a rebuild drops it, while every remaining service is still found.
    expect(await zumba()).toBe(0);
    const result = await search({ text: 'befriending' }, other.id);
    expect(result.ok && result.value.hits.map((h) => h.name)).toEqual(['Other Tenant Befriending']);
  });
});

import { randomUUID } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../src/app.ts';
import { upsertTaxonomies } from '../../src/modules/directory/directory.repository.ts';
import type {
  OrukOrganization,
  OrukSchedule,
  OrukService,
  OrukTaxonomyTerm,
} from '../../src/modules/directory/oruk/oruk.schema.ts';
import { ensureSignpostTaxonomies } from '../../src/modules/directory/oruk/signpost-attributes.ts';
import { signpostTaxonomyId, signpostTermId } from '../../src/modules/directory/oruk/signpost-taxonomies.ts';
import { ensurePostcodeReferenceData, resolvePostcode } from '../../src/modules/geo/geo.service.ts';
import { createTestService, type TestServiceOverrides } from '../support/builders.ts';
import { createTestConfig } from '../support/test-config.ts';
import { createTestDatabase, type TestDatabase } from '../support/test-db.ts';

// Each filter of /oruk/services and /oruk/service_at_locations on a directory of four services built so that
// every filter picks a different subset; filters combined with AND; pagination; postcode and proximity.

const ids = { T1: randomUUID(), T2: randomUUID(), T3: randomUUID(), X: randomUUID(), Y: randomUUID() };
const org = (n: number): OrukOrganization => ({
  id: randomUUID(),
  name: `Filter org ${n}`,
  description: 'An org.',
});
const O1 = org(1);
const O2 = org(2);
const O3 = org(3);

const schedule = (byday: string, opens: string, closes: string): OrukSchedule => ({
  id: randomUUID(),
  freq: 'WEEKLY',
  byday,
  opens_at: opens,
  closes_at: closes,
});

// Metres north of the origin expressed in degrees of latitude (1 degree = 111.195 km on the 6371.0088 km sphere).
const north = (metres: number): number => metres / 111_195;

/** Encodes `a=b c&d=e` as a query string. */
function qs(query: string): string {
  return query
    .split('&')
    .filter((pair) => pair !== '')
    .map((pair) => {
      const at = pair.indexOf('=');
      return `${encodeURIComponent(pair.slice(0, at))}=${encodeURIComponent(pair.slice(at + 1))}`;
    })
    .join('&');
}

interface Seed extends TestServiceOverrides {
  key: 'A' | 'B' | 'C' | 'D';
  metresNorth: number | null;
}

const seeds: Seed[] = [
  {
    key: 'A',
    name: 'Alpha walking group',
    description: 'Guided walking for health in the park.',
    organization: O1,
    minimum_age: 18,
    maximum_age: 65,
    last_modified: '2026-01-01T00:00:00.000Z',
    attributes: [{ id: randomUUID(), taxonomy_term_id: ids.T1 }],
    schedules: [schedule('MO', '09:00', '11:00')],
    signpost: { needs: ['physical_activity'], deliveryModes: ['in_person'] },
    metresNorth: 500,
  },
  {
    key: 'B',
    name: 'Bravo debt advice',
    description: 'Free advice on debt, bills and budgeting.',
    organization: O2,
    minimum_age: 16,
    maximum_age: 99,
    last_modified: '2026-06-01T00:00:00.000Z',
    attributes: [{ id: randomUUID(), taxonomy_term_id: ids.T2 }],
    schedules: [schedule('WE', '13:00:00', '17:00:00')],
    signpost: {
      needs: ['money_debt'],
      capacityStatus: 'waitlist',
      capacityWaitWeeks: 3,
      capacityUpdatedAt: new Date(),
    },
    metresNorth: 2000,
  },
  {
    key: 'C',
    name: 'Charlie befriending',
    description: 'Weekly befriending calls for older people.',
    organization: O1,
    minimum_age: 60,
    maximum_age: undefined,
    last_modified: undefined,
    attributes: [{ id: randomUUID(), taxonomy_term_id: ids.T3 }],
    schedules: [schedule('1MO,FR', '18:00', '20:00')],
    signpost: { needs: ['loneliness'] },
    metresNorth: 10_000,
  },
  {
    key: 'D',
    name: 'Delta youth club',
    description: 'Youth club with games and sport.',
    organization: O3,
    minimum_age: 11,
    maximum_age: 18,
    last_modified: '2026-10-01T00:00:00.000Z',
    attributes: [],
    schedules: [],
    metresNorth: null,
  },
];

describe('ORUK filters and pagination', () => {
  let t: TestDatabase;
  let app: FastifyInstance;
  const serviceIds = new Map<string, string>();
  const keyOf = new Map<string, string>();
  const salKeyOf = new Map<string, string>();

  beforeAll(async () => {
    t = await createTestDatabase();
    await ensurePostcodeReferenceData(t.db);
    await ensureSignpostTaxonomies(t.db, t.tenant.id);
    const term = (id: string, taxonomy_id: string, parent_id?: string): OrukTaxonomyTerm => ({
      id,
      name: `Term ${id.slice(0, 4)}`,
      description: 'A term.',
      taxonomy_id,
      ...(parent_id === undefined ? {} : { parent_id }),
    });
    await upsertTaxonomies(t.db, t.tenant.id, [
      {
        id: ids.X,
        name: 'X',
        description: 'Taxonomy X',
        taxonomy_terms: [term(ids.T1, ids.X), term(ids.T2, ids.X, ids.T1)],
      },
      {
        id: ids.Y,
        name: 'Y',
        description: 'Taxonomy Y',
        // Enough terms that /oruk/taxonomy_terms needs more than its default page of 50.
        taxonomy_terms: [term(ids.T3, ids.Y), ...Array.from({ length: 20 }, () => term(randomUUID(), ids.Y))],
      },
    ]);
    const origin = await resolvePostcode(t.db, 'LS7 4NA');
    if (!origin.ok) {
      throw new Error('LS7 4NA must resolve from the shipped postcode data');
    }
    for (const { key, metresNorth, ...overrides } of seeds) {
      const locationId = randomUUID();
      const salId = randomUUID();
      const location: NonNullable<OrukService['service_at_locations']>[number]['location'] = {
        id: locationId,
        location_type: 'physical',
        ...(metresNorth === null
          ? {}
          : { latitude: origin.value.latitude + north(metresNorth), longitude: origin.value.longitude }),
      };
      const created = await createTestService(t.db, t.tenant.id, {
        ...overrides,
        organization_id: overrides.organization?.id,
        service_at_locations: [{ id: salId, location }],
      });
      serviceIds.set(key, created.id);
      keyOf.set(created.id, key);
      salKeyOf.set(salId, key);
    }
    app = await createApp({ db: t.db, config: createTestConfig(), tenant: t.tenant, logger: false });
  });
  afterAll(async () => {
    await app.close();
    await t.close();
  });

  async function keys(url: string, byKey = keyOf): Promise<string[]> {
    const res = await app.inject(url);
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json<{ total_items: number; contents: { id: string }[] }>();
    expect(body.total_items).toBe(body.contents.length);
    return body.contents.map((c) => byKey.get(c.id) ?? c.id);
  }

  it.each([
    ['', ['A', 'B', 'C', 'D']],
    ['search=debt', ['B']],
    ['search=walks', ['A']],
    ['search=befriend', ['C']],
    ['search="youth club"', ['D']],
    ['search=debt or walking', ['A', 'B']],
    ['organization_id=O1', ['A', 'C']],
    ['modified_after=2026-05-01', ['B', 'D']],
    ['modified_after=2026-06-01T00:00:00Z', ['B', 'D']],
    ['modified_after=2026-06-01T00:00:01Z', ['D']],
    ['modified_after=2026-06-01T02:00:00+03:00', ['B', 'D']],
    ['minimum_age=16', ['A', 'B', 'C']],
    ['maximum_age=65', ['A', 'D']],
    ['minimum_age=16&maximum_age=65', ['A']],
    ['taxonomy_term_id=T1', ['A']],
    ['taxonomy_id=X', ['A', 'B']],
    ['taxonomy_id=Y', ['C']],
    ['taxonomy_term_id=NEED_LONELINESS', ['C']],
    ['taxonomy_id=NEEDS', ['A', 'B', 'C']],
    ['taxonomy_term_id=CAPACITY_WAITLIST', ['B']],
    ['taxonomy_id=CAPACITY', ['B']],
    ['day=MO', ['A', 'C']],
    ['day=friday', ['C']],
    ['start_time=12:00', ['B', 'C']],
    ['end_time=12:00', ['A']],
    ['day=MO&start_time=12:00', ['C']],
    ['day=WE&end_time=12:00', []],
    ['organization_id=O1&minimum_age=50', ['C']],
    ['search=debt&organization_id=O1', []],
    ['format=json&full=false&minimal=false&unknown_parameter=1', ['A', 'B', 'C', 'D']],
  ])('/oruk/services?%s', async (query, expected) => {
    const q = query
      .replace('O1', O1.id)
      .replace('T1', ids.T1)
      .replace('=X', `=${ids.X}`)
      .replace('=Y', `=${ids.Y}`)
      .replace('NEED_LONELINESS', signpostTermId(t.tenant.id, 'need', 'loneliness'))
      .replace('NEEDS', signpostTaxonomyId(t.tenant.id, 'need'))
      .replace('CAPACITY_WAITLIST', signpostTermId(t.tenant.id, 'capacity', 'waitlist'))
      .replace('=CAPACITY', `=${signpostTaxonomyId(t.tenant.id, 'capacity')}`);
    // Services come in name order.
    expect(await keys(`/oruk/services?${qs(q)}`)).toEqual(expected);
    // The same filters select service_at_locations by their service (in id order, so compared as sets).
    expect((await keys(`/oruk/service_at_locations?${qs(q)}`, salKeyOf)).sort()).toEqual(expected);
  });

  it('pages in name order with correct envelope values, past the end too', async () => {
    const page = async (n: number): Promise<Record<string, unknown>> =>
      (await app.inject(`/oruk/services?per_page=3&page=${n}`)).json<Record<string, unknown>>();
    const first = await page(1);
    expect(first).toMatchObject({ total_items: 4, total_pages: 2, page_number: 1, size: 3 });
    expect(first).toMatchObject({ first_page: true, last_page: false, empty: false });
    const second = await page(2);
    expect(second).toMatchObject({ total_items: 4, total_pages: 2, page_number: 2, size: 1 });
    expect(second).toMatchObject({ first_page: false, last_page: true, empty: false });
    expect((second.contents as { id: string }[]).map((c) => keyOf.get(c.id))).toEqual(['D']);
    expect(await page(3)).toEqual({
      total_items: 4,
      total_pages: 2,
      page_number: 3,
      size: 0,
      first_page: false,
      last_page: true,
      empty: true,
      contents: [],
    });
    const none = (await app.inject('/oruk/services?search=nothingmatchesthis')).json<
      Record<string, unknown>
    >();
    expect(none).toMatchObject({
      total_items: 0,
      total_pages: 0,
      size: 0,
      first_page: true,
      last_page: true,
      empty: true,
    });
  });

  it('defaults to 50 per page', async () => {
    const page = (await app.inject('/oruk/taxonomy_terms')).json<{ total_items: number }>();
    expect(page.total_items).toBeGreaterThan(50);
    expect(page).toMatchObject({ size: 50, page_number: 1, total_pages: Math.ceil(page.total_items / 50) });
  });

  it.each([
    ['postcode=LS7 4NA', ['A', 'B', 'C', 'D']],
    ['postcode=ls74na&proximity=1000', ['A']],
    ['postcode=LS7 4NA&proximity=2500', ['A', 'B']],
    ['postcode=LS7 4NA&proximity=10500', ['A', 'B', 'C']],
    ['postcode=LS7 4NA&proximity=10500&organization_id=O1', ['A', 'C']],
  ])('/oruk/service_at_locations?%s lists nearest first', async (query, expected) => {
    const q = query.replace('O1', O1.id);
    expect(await keys(`/oruk/service_at_locations?${qs(q)}`, salKeyOf)).toEqual(expected);
  });

  it.each([
    ['postcode=NOT A POSTCODE', 'postcode'],
    ['postcode=YY1 1AA', 'postcode'],
    ['proximity=1000', 'proximity'],
    ['postcode=LS7 4NA&proximity=-5', 'proximity'],
    ['postcode=LS7 4NA&proximity=far', 'proximity'],
  ])('/oruk/service_at_locations?%s is a 400 naming %s', async (query, field) => {
    const res = await app.inject(`/oruk/service_at_locations?${qs(query)}`);
    expect(res.statusCode).toBe(400);
    expect(res.json<{ error: { issues: { field: string }[] } }>().error.issues.map((i) => i.field)).toEqual([
      field,
    ]);
  });

  it('filters taxonomy terms by taxonomy, parent, top level and text', async () => {
    const names = async (query: string): Promise<string[]> =>
      (await app.inject(`/oruk/taxonomy_terms?per_page=200&${query}`))
        .json<{ contents: { id: string }[] }>()
        .contents.map((c) => c.id);
    expect(new Set(await names(`taxonomy_id=${ids.X}`))).toEqual(new Set([ids.T1, ids.T2]));
    expect(await names(`parent_id=${ids.T1}`)).toEqual([ids.T2]);
    expect(new Set(await names(`taxonomy_id=${ids.X}&top_only=true`))).toEqual(new Set([ids.T1]));
    expect(await names('search=loneliness')).toEqual([signpostTermId(t.tenant.id, 'need', 'loneliness')]);
  });

  it('searches organizations and taxonomies', async () => {
    const org2 = (await app.inject(`/oruk/organizations?${qs('search=org 2')}`)).json<{
      contents: { id: string }[];
    }>();
    expect(org2.contents.map((c) => c.id)).toEqual([O2.id]);
    const taxonomies = (await app.inject(`/oruk/taxonomies?${qs('search="capacity status"')}`)).json<{
      contents: { name: string }[];
    }>();
    expect(taxonomies.contents.map((c) => c.name)).toEqual(['signpostCapacity']);
  });

  it('nests an organization’s services', async () => {
    const body = (await app.inject(`/oruk/organizations/${O1.id}`)).json<{ services: { id: string }[] }>();
    expect(body.services.map((s) => keyOf.get(s.id))).toEqual(['A', 'C']);
    expect(serviceIds.size).toBe(4);
  });
});

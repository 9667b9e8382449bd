import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../../app.ts';
import { createTestService } from '../../../../test/support/builders.ts';
import { createTestConfig } from '../../../../test/support/test-config.ts';
import { createTestDatabase, type TestDatabase } from '../../../../test/support/test-db.ts';
import { ensurePostcodeReferenceData } from '../../geo/geo.service.ts';

// GET /api/directory/search over HTTP: parameters, the JSON shape and the 400s.

describe('GET /api/directory/search', () => {
  let t: TestDatabase;
  let app: FastifyInstance;
  let befriendingId = '';
  // The app reads the real clock: a status updated an hour ago is fresh.
  const updatedAt = new Date(Date.now() - 3_600_000);

  beforeAll(async () => {
    t = await createTestDatabase();
    await ensurePostcodeReferenceData(t.db);
    app = await createApp({
      db: t.db,
      config: createTestConfig({ capacityStaleDays: 14 }),
      tenant: t.tenant,
      logger: false,
    });
    befriendingId = (
      await createTestService(t.db, t.tenant.id, {
        name: 'Chapel Allerton Befriending',
        description: 'Volunteers visit older people every week.',
        signpost: {
          needs: ['loneliness'],
          deliveryModes: ['phone'],
          capacityStatus: 'accepting',
          capacityUpdatedAt: updatedAt,
        },
      })
    ).id;
    await createTestService(t.db, t.tenant.id, {
      name: 'Money Clinic',
      description: 'Debt advice.',
      signpost: { needs: ['money_debt'], deliveryModes: ['video'] },
    });
  });
  afterAll(async () => {
    await app.close();
    await t.close();
  });

  it('returns ranked hits, facets and the origin as JSON', async () => {
    const res = await app.inject({
      url: '/api/directory/search',
      query: { q: 'befreinding', need: 'loneliness', postcode: 'ls7 4na', radius_km: '10' },
    });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('application/json');
    const body = res.json<{
      total: number;
      page: number;
      perPage: number;
      totalPages: number;
      hits: { id: string; distanceKm: number; capacity: { effective: string; updatedAt: string } }[];
      facets: { needs: { value: string; count: number }[] };
      origin: { postcode: string; precision: string };
    }>();
    expect(body).toMatchObject({ total: 1, page: 1, perPage: 20, totalPages: 1 });
    expect(body.hits.map((h) => h.id)).toEqual([befriendingId]);
    expect(body.hits[0]?.capacity).toEqual(
      expect.objectContaining({ effective: 'accepting', updatedAt: updatedAt.toISOString() }),
    );
    expect(body.hits[0]?.distanceKm).toBeLessThan(1);
    expect(body.origin).toMatchObject({ postcode: 'LS7 4NA', precision: 'sector' });
    expect(body.facets.needs.find((f) => f.value === 'loneliness')?.count).toBe(1);
  });

  it('takes repeated and comma-separated list parameters', async () => {
    const repeated = await app.inject('/api/directory/search?need=loneliness&need=money_debt');
    const commas = await app.inject('/api/directory/search?delivery_mode=phone,video');
    expect(repeated.json<{ total: number }>().total).toBe(2);
    expect(commas.json<{ total: number }>().total).toBe(2);
  });

  it.each([
    ['age=old', 'age', 'Age must be a whole number, like 42'],
    ['need=lonely', 'need', 'Select needs from the list'],
    ['per_page=500', 'per_page', 'Results per page must be between 1 and 100'],
    ['postcode=nonsense&radius_km=5', 'postcode', 'Enter a real postcode, like LS1 4AP'],
    ['radius_km=5', 'postcode', 'Enter a postcode to search by distance'],
    ['postcode=AB1%201AA', 'postcode', 'We could not find that postcode. Check it and try again'],
  ])('answers ?%s with a 400 naming %s', async (query, field, message) => {
    const res = await app.inject(`/api/directory/search?${query}`);
    expect(res.statusCode).toBe(400);
    expect(res.json()).toEqual({
      error: { code: 'ValidationFailed', message: `${field}: ${message}`, issues: [{ field, message }] },
    });
  });
});

describe('GET /api/openapi.json', () => {
  let t: TestDatabase;
  let app: FastifyInstance;

  beforeAll(async () => {
    t = await createTestDatabase();
    await ensurePostcodeReferenceData(t.db);
    app = await createApp({ db: t.db, config: createTestConfig(), tenant: t.tenant, logger: false });
    await createTestService(t.db, t.tenant.id, {
      name: 'Headingley Befriending',
      signpost: {
        needs: ['loneliness'],
        capacityStatus: 'waitlist',
        capacityWaitWeeks: 3,
        capacityUpdatedAt: new Date(),
      },
    });
  });
  afterAll(async () => {
    await app.close();
    await t.close();
  });

  /** Compiles the response schema the document gives for a status of the search endpoint. */
  async function responseValidator(status: '200' | '400'): Promise<ValidateFunction> {
    const res = await app.inject('/api/openapi.json');
    expect(res.statusCode).toBe(200);
    const doc = res.json<{
      openapi: string;
      paths: Partial<Record<string, { get: { responses: Record<string, object> } }>>;
      components: { schemas: Record<string, object> };
    }>();
    expect(doc.openapi).toBe('3.1.0');
    const ajv = new Ajv2020({ strict: false, allErrors: true });
    addFormats.default(ajv);
    ajv.addSchema({ $id: 'signpost-api', components: doc.components });
    const schema = JSON.parse(
      JSON.stringify(doc.paths['/api/directory/search']?.get.responses[status]).replaceAll(
        '"#/components/',
        '"signpost-api#/components/',
      ),
    ) as { content: { 'application/json': { schema: object } } };
    return ajv.compile(schema.content['application/json'].schema);
  }

  it('describes the search response, and real responses match it', async () => {
    const validate = await responseValidator('200');
    const queries: Record<string, string>[] = [
      { q: 'befriending' },
      { postcode: 'LS6 1AN', radius_km: '25' },
      { q: 'nothing-matches-this' },
    ];
    for (const query of queries) {
      const res = await app.inject({ url: '/api/directory/search', query });
      expect(res.statusCode).toBe(200);
      expect(validate(res.json<unknown>()), JSON.stringify(validate.errors)).toBe(true);
    }
    expect(validate({ hits: 'nope' })).toBe(false);
  });

  it('describes the 400 body, and a real 400 matches it', async () => {
    const validate = await responseValidator('400');
    const res = await app.inject({ url: '/api/directory/search', query: { postcode: 'not a postcode' } });
    expect(res.statusCode).toBe(400);
    expect(validate(res.json<unknown>()), JSON.stringify(validate.errors)).toBe(true);
  });
});

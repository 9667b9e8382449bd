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

import { randomUUID } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../src/app.ts';
import { createTestService } from '../support/builders.ts';
import { createTestConfig } from '../support/test-config.ts';
import { createTestDatabase, type TestDatabase } from '../support/test-db.ts';

// HTTP behaviour of /oruk/: public CORS on every response (success, error, preflight), 400s that name the
// parameter, JSON 404s, and no data from another tenant.

interface ErrorBody {
  error: { code: string; message: string; issues?: { field: string; message: string }[] };
}

describe('ORUK API over HTTP', () => {
  let t: TestDatabase;
  let app: FastifyInstance;
  let serviceId: string;
  let otherTenantServiceId: string;

  beforeAll(async () => {
    t = await createTestDatabase();
    serviceId = (await createTestService(t.db, t.tenant.id)).id;
    const other = await t.db
      .insertInto('tenant')
      .values({ slug: 'other-pcn', name: 'Other PCN' })
      .returning('id')
      .executeTakeFirstOrThrow();
    otherTenantServiceId = (await createTestService(t.db, other.id)).id;
    app = await createApp({ db: t.db, config: createTestConfig(), tenant: t.tenant, logger: false });
  });
  afterAll(async () => {
    await app.close();
    await t.close();
  });

  it.each([
    ['/oruk/'],
    ['/oruk/services'],
    ['/oruk/services/SERVICE'],
    ['/oruk/services/00000000-0000-4000-8000-000000000000'],
    ['/oruk/services?page=0'],
    ['/oruk/no_such_endpoint'],
    ['/oruk/openapi.json'],
  ])('GET %s carries Access-Control-Allow-Origin: *', async (url) => {
    const res = await app.inject({
      url: url.replace('SERVICE', serviceId),
      headers: { origin: 'https://someone-else.example' },
    });
    expect(res.headers['access-control-allow-origin']).toBe('*');
    expect(res.headers['content-type']).toMatch(/^application\/json/);
  });

  it('answers a CORS preflight for any /oruk path', async () => {
    for (const url of ['/oruk/services', '/oruk/', '/oruk/taxonomy_terms/x']) {
      const res = await app.inject({
        method: 'OPTIONS',
        url,
        headers: {
          origin: 'https://someone-else.example',
          'access-control-request-method': 'GET',
          'access-control-request-headers': 'accept, x-requested-with',
        },
      });
      expect(res.statusCode).toBe(204);
      expect(res.headers['access-control-allow-origin']).toBe('*');
      expect(res.headers['access-control-allow-methods']).toBe('GET, HEAD, OPTIONS');
      expect(res.headers['access-control-allow-headers']).toBe('accept, x-requested-with');
    }
  });

  it('answers HEAD like GET, without a body', async () => {
    const res = await app.inject({ method: 'HEAD', url: '/oruk/services' });
    expect(res.statusCode).toBe(200);
    expect(res.body).toBe('');
  });

  it.each([
    ['/oruk/services?page=0', 'page', 'must be a whole number from 1 to 1000000'],
    ['/oruk/services?page=two', 'page', 'must be a whole number from 1 to 1000000'],
    ['/oruk/services?page=1.5', 'page', 'must be a whole number from 1 to 1000000'],
    ['/oruk/services?page=1&page=2', 'page', 'must be a whole number from 1 to 1000000'],
    ['/oruk/services?per_page=10000', 'per_page', 'must be a whole number from 1 to 200'],
    ['/oruk/services?per_page=0', 'per_page', 'must be a whole number from 1 to 200'],
    ['/oruk/services?taxonomy_term_id=esdServiceType:242', 'taxonomy_term_id', 'must be a UUID'],
    ['/oruk/services?taxonomy_id=123', 'taxonomy_id', 'must be a UUID'],
    ['/oruk/services?organization_id=abc', 'organization_id', 'must be a UUID'],
    ['/oruk/services?modified_after=yesterday', 'modified_after', 'must be a date-time'],
    ['/oruk/services?modified_after=2026-02-30', 'modified_after', 'must be a date-time'],
    ['/oruk/services?modified_after=2026-13-01T00:00:00Z', 'modified_after', 'must be a date-time'],
    ['/oruk/services?minimum_age=old', 'minimum_age', 'must be a number of years'],
    ['/oruk/services?maximum_age=-1', 'maximum_age', 'must be a number of years'],
    ['/oruk/services?start_time=25:00', 'start_time', 'must be a time'],
    ['/oruk/services?end_time=noon', 'end_time', 'must be a time'],
    ['/oruk/services?day=someday', 'day', 'must be a day'],
    ['/oruk/services?minimal=maybe', 'minimal', 'must be true or false'],
    ['/oruk/services?full=yes please', 'full', 'must be true or false'],
    ['/oruk/services?format=ndjson', 'format', 'must be json'],
    [`/oruk/services?search=${'x'.repeat(201)}`, 'search', 'must be 200 characters or fewer'],
    ['/oruk/services/not-a-uuid', 'id', 'must be a UUID'],
    ['/oruk/service_at_locations/123', 'id', 'must be a UUID'],
    ['/oruk/organizations/123', 'id', 'must be a UUID'],
    ['/oruk/organizations?full_service=sometimes', 'full_service', 'must be true or false'],
    ['/oruk/taxonomies/123', 'id', 'must be a UUID'],
    ['/oruk/taxonomies?per_page=201', 'per_page', 'must be a whole number from 1 to 200'],
    ['/oruk/taxonomy_terms/123', 'id', 'must be a UUID'],
    ['/oruk/taxonomy_terms?parent_id=root', 'parent_id', 'must be a UUID'],
    ['/oruk/taxonomy_terms?top_only=2', 'top_only', 'must be true or false'],
  ])('GET %s is a 400 naming %s', async (url, field, message) => {
    const res = await app.inject(encodeURI(url));
    expect(res.statusCode).toBe(400);
    const body = res.json<ErrorBody>();
    expect(body.error.code).toBe('ValidationFailed');
    expect(body.error.issues).toHaveLength(1);
    expect(body.error.issues?.[0]?.field).toBe(field);
    expect(body.error.issues?.[0]?.message).toContain(message);
    expect(body.error.message).toBe(`${field}: ${body.error.issues?.[0]?.message ?? ''}`);
  });

  it('names every bad parameter at once', async () => {
    const res = await app.inject('/oruk/services?page=0&per_page=0&organization_id=x');
    expect(res.json<ErrorBody>().error.issues?.map((i) => i.field)).toEqual([
      'page',
      'per_page',
      'organization_id',
    ]);
  });

  it.each(['services', 'service_at_locations', 'organizations', 'taxonomies', 'taxonomy_terms'])(
    'GET /oruk/%s/{unknown id} is a JSON 404',
    async (endpoint) => {
      const id = randomUUID();
      const res = await app.inject({ url: `/oruk/${endpoint}/${id}`, headers: { accept: 'text/html' } });
      expect(res.statusCode).toBe(404);
      expect(res.json<ErrorBody>().error).toEqual({
        code: 'NotFound',
        message: expect.stringContaining(id) as string,
      });
    },
  );

  it('never shows another tenant’s data', async () => {
    expect((await app.inject(`/oruk/services/${otherTenantServiceId}`)).statusCode).toBe(404);
    const page = (await app.inject('/oruk/services?per_page=200')).json<{ contents: { id: string }[] }>();
    expect(page.contents.map((c) => c.id)).toEqual([serviceId]);
  });

  it('accepts ids in upper case', async () => {
    expect((await app.inject(`/oruk/services/${serviceId.toUpperCase()}`)).json()).toMatchObject({
      id: serviceId,
    });
  });
});

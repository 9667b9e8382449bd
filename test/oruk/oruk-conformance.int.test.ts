import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../src/app.ts';
import {
  createOpenApiValidator,
  createOrukSpecValidator,
  type OrukPath,
  type OrukSpec,
} from '../support/oruk-spec-validator.ts';
import { createTestConfig } from '../support/test-config.ts';
import { createTestDatabase, type TestDatabase } from '../support/test-db.ts';
import { seedDirectory, type SeededDirectory } from './seed-directory.ts';

// Every /oruk/ response body validated against BOTH published ORUK 3.0 specifications, the way the official
// validator samples a feed: the root, page 1, a middle page and the last page of every list, and several ids
// of every {id} endpoint. Spec defects (a)-(d) are handled, and commented, in test/support/oruk-spec-validator.ts.

const validate = createOrukSpecValidator();
const specs: OrukSpec[] = ['uk-profile', 'validator'];

interface Page {
  total_items: number;
  total_pages: number;
  page_number: number;
  size: number;
  contents: { id: string }[];
}

describe('ORUK API conformance with both specifications', () => {
  let t: TestDatabase;
  let app: FastifyInstance;
  let seeded: SeededDirectory;
  let validateOwn: (path: string, body: unknown) => string[] = () => ['not ready'];

  beforeAll(async () => {
    t = await createTestDatabase();
    seeded = await seedDirectory(t.db, t.tenant.id);
    app = await createApp({
      db: t.db,
      config: createTestConfig({ publicBaseUrl: 'https://signpost.example.nhs.uk' }),
      tenant: t.tenant,
      logger: false,
    });
    validateOwn = createOpenApiValidator((await app.inject('/oruk/openapi.json')).json<object>());
  });
  afterAll(async () => {
    await app.close();
    await t.close();
  });

  async function getJson(url: string): Promise<unknown> {
    const res = await app.inject(url);
    expect(res.statusCode, `${url}: ${res.body}`).toBe(200);
    expect(res.headers['content-type']).toMatch(/^application\/json/);
    return res.json();
  }

  function expectValid(path: OrukPath, body: unknown, url: string): void {
    for (const spec of specs) {
      expect(validate(spec, path, body), `${spec} spec, ${url}`).toEqual([]);
    }
    // Our own /oruk/openapi.json must describe what we serve, too.
    expect(validateOwn(path, body), `our OpenAPI, ${url}`).toEqual([]);
  }

  it('answers the API root as the official validator expects, and validates', async () => {
    const body = await getJson('/oruk/');
    expect(body).toEqual({
      version: 'HSDS-UK-3.0',
      profile: 'https://raw.githubusercontent.com/OpenReferralUK/uk-profile/main/profile',
      openapi_url: 'https://signpost.example.nhs.uk/oruk/openapi.json',
    });
    expectValid('/', body, '/oruk/');
    expect(await getJson('/oruk')).toEqual(body);
  });

  it('serves its OpenAPI document with servers pointing at this instance and every endpoint', async () => {
    const doc = (await getJson('/oruk/openapi.json')) as { servers: { url: string }[]; paths: object };
    expect(doc.servers).toEqual([{ url: 'https://signpost.example.nhs.uk/oruk' }]);
    expect(Object.keys(doc.paths).sort()).toEqual(
      [
        '/',
        '/organizations',
        '/organizations/{id}',
        '/service_at_locations',
        '/service_at_locations/{id}',
        '/services',
        '/services/{id}',
        '/taxonomies',
        '/taxonomies/{id}',
        '/taxonomy_terms',
        '/taxonomy_terms/{id}',
      ].sort(),
    );
  });

  const lists: [OrukPath, string, string][] = [
    ['/services', '/oruk/services', '/oruk/services/'],
    ['/services', '/oruk/services?full=true', '/oruk/services/'],
    ['/services', '/oruk/services?minimal=true', '/oruk/services/'],
    ['/service_at_locations', '/oruk/service_at_locations', '/oruk/service_at_locations/'],
    ['/service_at_locations', '/oruk/service_at_locations?full=true', '/oruk/service_at_locations/'],
    ['/organizations', '/oruk/organizations', '/oruk/organizations/'],
    ['/organizations', '/oruk/organizations?full=true', '/oruk/organizations/'],
    ['/organizations', '/oruk/organizations?full_service=true', '/oruk/organizations/'],
    ['/taxonomies', '/oruk/taxonomies', '/oruk/taxonomies/'],
    ['/taxonomy_terms', '/oruk/taxonomy_terms', '/oruk/taxonomy_terms/'],
  ];

  it.each(lists)(
    '%s: %s validates on the first, a middle and the last page, and each {id}',
    async (path, url, byId) => {
      const join = url.includes('?') ? '&' : '?';
      const { total_items: total } = (await getJson(`${url}${join}per_page=1`)) as Page;
      const perPage = Math.max(1, Math.floor(total / 3));
      const first = (await getJson(`${url}${join}per_page=${perPage}&page=1`)) as Page;
      expect(first.total_pages, 'the seed must give at least three pages').toBeGreaterThanOrEqual(3);
      expectValid(path, first, url);
      const middle = Math.ceil(first.total_pages / 2);
      const pages = [first];
      for (const page of [middle, first.total_pages]) {
        const body = (await getJson(`${url}${join}per_page=${perPage}&page=${page}`)) as Page;
        expectValid(path, body, `${url} page ${page}`);
        pages.push(body);
      }
      expect(pages.at(-1)?.size).toBe(total - perPage * (first.total_pages - 1));
      const idPath = `${path}/{id}` as OrukPath;
      for (const item of pages.flatMap((p) => p.contents)) {
        const body = await getJson(`${byId}${item.id}`);
        expectValid(idPath, body, `${byId}${item.id}`);
      }
    },
  );

  it('validates every organization with full_service', async () => {
    for (const org of seeded.organizations) {
      const url = `/oruk/organizations/${org.id}?full_service=true`;
      const body = (await getJson(url)) as { services: unknown[] };
      expect(body.services.length).toBeGreaterThan(0);
      expectValid('/organizations/{id}', body, url);
    }
  });
});

import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../src/app.ts';
import { seedDemo } from '../../src/seed/demo.ts';
import { createOrukSpecValidator, type OrukPath, type OrukSpec } from '../support/oruk-spec-validator.ts';
import { createTestConfig } from '../support/test-config.ts';
import { createTestDatabase, type TestDatabase } from '../support/test-db.ts';

// The demo directory (what `npm start` serves on a fresh machine) run through the official validator's
// procedure: every list must have ids (else NO_IDS_AVAILABLE / EMPTY_FEED_WARNING), its first, middle and last
// pages must validate, and up to 10 ids per {id} endpoint must validate, against both specifications.

const validate = createOrukSpecValidator();
const specs: OrukSpec[] = ['uk-profile', 'validator'];

interface Page {
  total_pages: number;
  contents: { id: string }[];
}

describe('ORUK API over the demo directory, as the official validator samples it', () => {
  let t: TestDatabase;
  let app: FastifyInstance;

  beforeAll(async () => {
    t = await createTestDatabase();
    await seedDemo(t.db, t.tenant, { now: new Date('2026-11-21T09:00:00Z') });
    app = await createApp({ db: t.db, config: createTestConfig(), tenant: t.tenant, logger: false });
  });
  afterAll(async () => {
    await app.close();
    await t.close();
  });

  async function validBody(path: OrukPath, url: string): Promise<unknown> {
    const res = await app.inject(url);
    expect(res.statusCode, url).toBe(200);
    const body = res.json<unknown>();
    for (const spec of specs) {
      expect(validate(spec, path, body), `${spec}: ${url}`).toEqual([]);
    }
    return body;
  }

  it.each(['services', 'service_at_locations', 'organizations', 'taxonomies', 'taxonomy_terms'])(
    '/oruk/%s: first, middle and last pages and 10 ids validate',
    async (endpoint) => {
      const listPath = `/${endpoint}` as OrukPath;
      const first = (await validBody(listPath, `/oruk/${endpoint}?page=1`)) as Page;
      expect(first.contents.length, 'an empty page 1 is EMPTY_FEED_WARNING').toBeGreaterThan(0);
      const pages = [first];
      for (const page of new Set([Math.ceil(first.total_pages / 2), first.total_pages])) {
        if (page > 1) {
          pages.push((await validBody(listPath, `/oruk/${endpoint}?page=${page}`)) as Page);
        }
      }
      const ids = pages.flatMap((p) => p.contents.map((c) => c.id));
      const step = Math.max(1, Math.floor(ids.length / 10));
      for (const id of ids.filter((_, i) => i % step === 0).slice(0, 10)) {
        await validBody(`${listPath}/{id}` as OrukPath, `/oruk/${endpoint}/${id}`);
      }
    },
  );

  it('finds demo services near a Leeds postcode', async () => {
    const body = (await validBody(
      '/service_at_locations',
      '/oruk/service_at_locations?postcode=LS6%201AN&proximity=3000',
    )) as Page;
    expect(body.contents.length).toBeGreaterThan(0);
  });
});

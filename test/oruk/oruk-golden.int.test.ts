import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../src/app.ts';
import { ensureTenant } from '../../src/modules/accounts/tenant.repository.ts';
import { upsertServiceGraphs, upsertTaxonomies } from '../../src/modules/directory/directory.repository.ts';
import { parseOrukService, parseOrukTaxonomy } from '../../src/modules/directory/oruk/oruk.schema.ts';
import { readUkProfileExample } from '../support/oruk-spec-validator.ts';
import { createTestConfig } from '../support/test-config.ts';
import { createTestDatabase, type TestDatabase } from '../support/test-db.ts';

// Golden fixtures: the official uk-profile examples go in through the import path (parse + upsertServiceGraphs,
// upsertTaxonomies) and must come back out of /oruk/ unchanged. Two tenants keep the examples apart, because
// taxonomy.json nests term 3f7b145d in taxonomy 5c4d79d7 (so importing it gives the term a taxonomy_id)
// while service_full.json and taxonomy_term.json show the same term with no taxonomy_id.
//
// Unavoidable differences, and how they are handled:
// - list examples describe a 10-item feed (`total_items: 10`, `total_pages: 10`); ours holds one item, so the
//   envelope is checked for its own correct values and only `contents` is compared with the example;
// - the examples carry no Signpost data, so signpostAttributesFor adds nothing and no allowance is needed.

const SERVICE_ID = 'ac148810-d857-441c-9679-408f346de14b';
const SAL_ID = 'e94c9f38-1e8f-4564-91d4-d53501ab1765';
const ORGANIZATION_ID = 'd9d5e0f5-d3ce-4f73-9a2f-4dd0ecc6c610';
const TAXONOMY_ID = '5c4d79d7-cc55-470e-9f1f-8cad074e4892';
const TERM_ID = '3f7b145d-84af-42d7-8fae-eaca714b02b2';

interface Page {
  total_items: number;
  contents: unknown[];
}

function example(name: string): unknown {
  return readUkProfileExample(name);
}

function firstOf(name: string): unknown {
  return (example(name) as Page).contents[0];
}

describe('ORUK golden fixtures: the official examples round-trip through import and the API', () => {
  let t: TestDatabase;
  let services: FastifyInstance;
  let taxonomies: FastifyInstance;

  beforeAll(async () => {
    t = await createTestDatabase();
    const config = createTestConfig();
    const parsed = parseOrukService(example('service_full.json'));
    if (!parsed.ok) {
      throw new Error(`service_full.json does not parse: ${JSON.stringify(parsed.issues)}`);
    }
    await t.db.transaction().execute(async (trx) => {
      await upsertServiceGraphs(trx, t.tenant.id, [{ service: parsed.value }]);
    });
    services = await createApp({ db: t.db, config, tenant: t.tenant, logger: false });

    const other = await ensureTenant(t.db, 'golden-taxonomy', 'Golden taxonomy tenant');
    const taxonomy = parseOrukTaxonomy(example('taxonomy.json'));
    if (!taxonomy.ok) {
      throw new Error(`taxonomy.json does not parse: ${JSON.stringify(taxonomy.issues)}`);
    }
    await upsertTaxonomies(t.db, other.id, [taxonomy.value]);
    taxonomies = await createApp({ db: t.db, config, tenant: other, logger: false });
  });
  afterAll(async () => {
    await services.close();
    await taxonomies.close();
    await t.close();
  });

  async function get(app: FastifyInstance, url: string): Promise<unknown> {
    const res = await app.inject(url);
    expect(res.statusCode, res.body).toBe(200);
    return res.json();
  }

  it.each([
    ['service_full.json', `/oruk/services/${SERVICE_ID}`],
    ['service_at_location_full.json', `/oruk/service_at_locations/${SAL_ID}`],
    ['organization_full.json', `/oruk/organizations/${ORGANIZATION_ID}?full_service=true`],
    ['taxonomy_term.json', `/oruk/taxonomy_terms/${TERM_ID}`],
  ])('%s equals GET %s', async (file, url) => {
    expect(await get(services, url)).toStrictEqual(example(file));
  });

  it('taxonomy.json equals GET /oruk/taxonomies/{id} (terms nested without their taxonomy_id)', async () => {
    expect(await get(taxonomies, `/oruk/taxonomies/${TAXONOMY_ID}`)).toStrictEqual(example('taxonomy.json'));
  });

  it.each([
    ['service_list.json', '/oruk/services'],
    ['service_at_location_list.json', '/oruk/service_at_locations'],
    ['organization_list.json', '/oruk/organizations'],
    ['taxonomy_term_list.json', '/oruk/taxonomy_terms'],
  ])('%s: the list item equals the one in GET %s', async (file, url) => {
    const page = (await get(services, url)) as Page;
    expect(page).toMatchObject({ total_items: 1, total_pages: 1, page_number: 1, size: 1, empty: false });
    expect(page.contents).toStrictEqual([firstOf(file)]);
  });

  it('taxonomy_list.json: the list item equals the one in GET /oruk/taxonomies', async () => {
    const page = (await get(taxonomies, '/oruk/taxonomies')) as Page;
    expect(page.contents).toStrictEqual([firstOf('taxonomy_list.json')]);
  });

  it('the term nested in taxonomy.json keeps its taxonomy_id when read on its own', async () => {
    expect(await get(taxonomies, `/oruk/taxonomy_terms/${TERM_ID}`)).toStrictEqual({
      ...(example('taxonomy_term.json') as object),
      taxonomy_id: TAXONOMY_ID,
    });
  });
});

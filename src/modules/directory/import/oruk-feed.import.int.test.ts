import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureTenant } from '../../accounts/tenant.repository.ts';
import { buildOrukService } from '../../../../test/support/builders.ts';
import { countDirectoryRows, snapshotDirectory } from '../../../../test/support/directory-snapshot.ts';
import {
  ORUK_FIXTURES,
  startMockFeed,
  UK_PROFILE_EXAMPLES,
  validatorMock,
  VALIDATOR_MOCKS,
  type MockFeed,
} from '../../../../test/support/oruk-mock-feed.ts';
import { createTestDatabase, type TestDatabase } from '../../../../test/support/test-db.ts';
import { ImportSourceError } from './http-json.ts';
import { importOrukFeed, importOrukFile } from './oruk-feed.import.ts';
import { importServices } from './service-import.service.ts';

describe('ORUK feed and file import', () => {
  let t: TestDatabase;
  const feeds: MockFeed[] = [];

  beforeAll(async () => {
    t = await createTestDatabase();
  });
  afterAll(async () => {
    await Promise.all(feeds.map((f) => f.close()));
    await t.close();
  });

  async function feed(files: Parameters<typeof startMockFeed>[0]): Promise<MockFeed> {
    const started = await startMockFeed(files);
    feeds.push(started);
    return started;
  }

  async function newTenant(slug: string): Promise<string> {
    return (await ensureTenant(t.db, slug, slug)).id;
  }

  it('crawls the validator Default mock over HTTP and stores the service graph and taxonomies', async () => {
    const mock = await feed(validatorMock('Default'));
    const tenantId = await newTenant('default-mock');
    const report = await importOrukFeed(t.db, tenantId, { baseUrl: mock.baseUrl, batchSize: 10 });
    expect(report).toMatchObject({
      seen: 1,
      imported: 1,
      changed: 1,
      unchanged: 0,
      rejected: [],
      failedBatches: [],
    });
    expect(report.taxonomies).toEqual({ imported: 2, rejected: [] });
    // The list item is not fully nested, so the crawler fetched /services/{id}.
    expect(mock.requests).toContain('/services/ac148810-d857-441c-9679-408f346de14b');
    const counts = await countDirectoryRows(t.db, tenantId);
    expect(counts).toMatchObject({
      service: 1,
      organization: 1,
      location: 1,
      address: 1,
      schedule: 1,
      contact: 1,
    });
    const taxonomy = await t.db
      .selectFrom('taxonomy')
      .select('name')
      .where('tenant_id', '=', tenantId)
      .where('id', '=', '5c4d79d7-cc55-470e-9f1f-8cad074e4892')
      .executeTakeFirst();
    expect(taxonomy).toEqual({ name: 'name' });
  });

  it('changes nothing when the same feed is imported again', async () => {
    const mock = await feed(validatorMock('Default'));
    const tenantId = await newTenant('default-mock');
    const before = await snapshotDirectory(t.db);
    const report = await importOrukFeed(t.db, tenantId, { baseUrl: mock.baseUrl });
    expect(report).toMatchObject({ imported: 1, changed: 0, unchanged: 1 });
    expect(await snapshotDirectory(t.db)).toEqual(before);
  });

  it('follows the page envelope of the uk-profile examples and imports each service once', async () => {
    const mock = await feed({
      folder: UK_PROFILE_EXAMPLES,
      services: 'service_list.json',
      service: 'service_full.json',
      taxonomies: 'taxonomy_list.json',
      taxonomyTerms: 'taxonomy_term_list.json',
    });
    const tenantId = await newTenant('uk-profile-feed');
    const report = await importOrukFeed(t.db, tenantId, { baseUrl: mock.baseUrl, perPage: 1 });
    // service_list.json says total_pages 10: all ten pages are read; the repeated item is imported once.
    const pages = mock.requests.filter((r) => r.startsWith('/services?'));
    expect(pages).toHaveLength(10);
    expect(pages[9]).toBe('/services?page=10&per_page=1');
    expect(report).toMatchObject({ seen: 1, imported: 1, rejected: [] });
    expect(report.warnings).toEqual([expect.stringContaining('answered 404: no version to check')]);
    expect((await countDirectoryRows(t.db, tenantId)).service).toBe(1);
  });

  it('rejects the Fail mock records with their reasons and writes no part of them', async () => {
    const mock = await feed(validatorMock('Fail'));
    const tenantId = await newTenant('fail-mock');
    const report = await importOrukFeed(t.db, tenantId, { baseUrl: mock.baseUrl });
    expect(report.imported).toBe(0);
    expect(report.rejected.length).toBeGreaterThan(0);
    for (const record of report.rejected) {
      expect(record.ref).toBe('ac148810-d857-441c-9679-408f346de14b');
      expect(record.issues).toEqual([
        { field: 'url', message: 'must be a full URI such as https://example.org/page' },
        { field: 'email', message: 'must be an email address such as name@example.org' },
      ]);
    }
    expect(report.taxonomies.rejected).toEqual([]);
    const counts = await countDirectoryRows(t.db, tenantId);
    for (const table of [
      'service',
      'organization',
      'location',
      'address',
      'schedule',
      'contact',
      'attribute',
    ] as const) {
      expect(counts[table]).toBe(0);
    }
  });

  it('reads the Fail mock page from a file and gives every reason the validator gives', async () => {
    const tenantId = await newTenant('fail-file');
    const report = await importOrukFile(
      t.db,
      tenantId,
      new URL(`${VALIDATOR_MOCKS}V3.0-UK-Fail/service_list.json`, ORUK_FIXTURES).pathname,
    );
    expect(report).toMatchObject({ seen: 4, imported: 0 });
    expect(report.rejected.map((r) => r.issues.map((i) => `${i.field}: ${i.message}`))).toEqual([
      [
        'name: is required',
        'url: must be a full URI such as https://example.org/page',
        'email: must be an email address such as name@example.org',
      ],
      [
        'name: is required',
        'url: must be a full URI such as https://example.org/page',
        'email: must be an email address such as name@example.org',
      ],
      [
        'name: is required',
        'url: must be a full URI such as https://example.org/page',
        'email: must be text',
      ],
      ['name: is required', 'email: must be text'],
    ]);
  });

  it('rolls back only the batch that fails in the database and reports it', async () => {
    const tenantId = await newTenant('failing-batch');
    // A trigger stands in for any database failure (disk full, constraint added later...).
    await sql`CREATE OR REPLACE FUNCTION explode() RETURNS trigger AS $$
      BEGIN IF NEW.name = 'Explode' THEN RAISE EXCEPTION 'simulated failure'; END IF; RETURN NEW; END $$ LANGUAGE plpgsql`.execute(
      t.db,
    );
    await sql`CREATE TRIGGER explode BEFORE INSERT OR UPDATE ON service FOR EACH ROW EXECUTE FUNCTION explode()`.execute(
      t.db,
    );
    try {
      const services = [
        buildOrukService(),
        buildOrukService(),
        buildOrukService(),
        buildOrukService({ name: 'Explode' }),
        buildOrukService(),
      ];
      const report = await importServices(t.db, tenantId, services, { batchSize: 2 });
      expect(report).toMatchObject({ seen: 5, imported: 3, rejected: [] });
      expect(report.failedBatches).toEqual([
        {
          first: services[2]?.id,
          last: services[3]?.id,
          count: 2,
          message: expect.stringContaining('simulated failure') as unknown,
        },
      ]);
      const stored = await t.db
        .selectFrom('service')
        .select('id')
        .where('tenant_id', '=', tenantId)
        .execute();
      expect(stored.map((r) => r.id).sort()).toEqual(
        [services[0]?.id, services[1]?.id, services[4]?.id].sort(),
      );
      const counts = await countDirectoryRows(t.db, tenantId);
      // Nothing of the failed batch's services survives: 3 services, 3 organizations, 3 locations...
      expect(counts).toMatchObject({
        organization: 3,
        location: 3,
        address: 3,
        schedule: 3,
        service_at_location: 3,
      });
    } finally {
      await sql`DROP TRIGGER explode ON service`.execute(t.db);
    }
  });

  it('imports an NDJSON file as it reads it; a broken line stops the import there and keeps what was stored', async () => {
    const tenantId = await newTenant('ndjson-file');
    const dir = mkdtempSync(join(tmpdir(), 'oruk-file-'));
    const [a, b, c, d] = [buildOrukService(), buildOrukService(), buildOrukService(), buildOrukService()];
    const good = join(dir, 'good.ndjson');
    writeFileSync(good, `${JSON.stringify(a)}\n${JSON.stringify(b)}\n`);
    expect(await importOrukFile(t.db, tenantId, good, { batchSize: 1 })).toMatchObject({
      seen: 2,
      imported: 2,
    });

    const broken = join(dir, 'broken.ndjson');
    writeFileSync(broken, `${JSON.stringify(c)}\n{"id": \n${JSON.stringify(d)}\n`);
    const error = await importOrukFile(t.db, tenantId, broken, { batchSize: 1 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ImportSourceError);
    expect(String(error)).toMatch(/broken\.ndjson line 2 is not valid JSON/);
    // The record before the broken line was stored in its own batch; nothing after it was read.
    expect((await countDirectoryRows(t.db, tenantId)).service).toBe(3);
  });

  it('says clearly when the feed is unreachable, not JSON, failing or the wrong version', async () => {
    const tenantId = await newTenant('bad-feeds');
    const unreachable = await importOrukFeed(t.db, tenantId, { baseUrl: 'http://127.0.0.1:9' }).catch(
      (e: unknown) => e,
    );
    expect(String(unreachable)).toMatch(/cannot reach http:\/\/127\.0\.0\.1:9\//);
    const html = await feed({ folder: UK_PROFILE_EXAMPLES, root: '../LICENSE' });
    const notJson = await importOrukFeed(t.db, tenantId, { baseUrl: html.baseUrl }).catch((e: unknown) => e);
    expect(String(notJson)).toMatch(/did not return JSON/);
    const oldVersion = await feed({ folder: `${VALIDATOR_MOCKS}V3.0-UK-Default/`, root: 'taxonomy.json' });
    const wrong = await importOrukFeed(t.db, tenantId, { baseUrl: oldVersion.baseUrl }).catch(
      (e: unknown) => e,
    );
    expect(String(wrong)).toMatch(/gives version "version"; this importer reads ORUK 3\.0 feeds/);
    const noServices = await feed({ folder: `${VALIDATOR_MOCKS}V3.0-UK-Default/`, root: 'api_details.json' });
    const missing = await importOrukFeed(t.db, tenantId, { baseUrl: noServices.baseUrl }).catch(
      (e: unknown) => e,
    );
    expect(String(missing)).toMatch(/\/services\?page=1&per_page=100 answered HTTP 404/);
  });
});

import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildOrukService, buildTenant } from '../../../../test/support/builders.ts';
import { countDirectoryRows } from '../../../../test/support/directory-snapshot.ts';
import { createTestDatabase, type TestDatabase } from '../../../../test/support/test-db.ts';
import type { OrukService, OrukTaxonomyTerm } from '../oruk/oruk.schema.ts';
import { importServices, type ImportProgress } from './service-import.service.ts';

// The importer validates the next batch while the previous one is written (one transaction at a time,
// in order). These tests pin what that must not change: the report's order, per-batch progress, and
// that nothing is still being written once importServices has returned or thrown.

describe('importServices pipelining', () => {
  let t: TestDatabase;

  beforeAll(async () => {
    t = await createTestDatabase();
  });
  afterAll(async () => {
    await t.close();
  });

  const newTenant = (): Promise<string> => buildTenant(t.db, 'import');

  it('reports rejected records in feed order across batches, and progress after every batch', async () => {
    const tenantId = await newTenant();
    const missingOrganization = {
      ...buildOrukService(),
      organization: undefined,
      organization_id: randomUUID(),
    };
    const records: unknown[] = [
      buildOrukService(),
      { id: 'not-a-uuid', name: 'Bad' },
      missingOrganization,
      buildOrukService(),
      { ...buildOrukService(), name: undefined },
      buildOrukService(),
      buildOrukService(),
    ];
    const progress: ImportProgress[] = [];
    const report = await importServices(t.db, tenantId, records, {
      batchSize: 2,
      onProgress: (p) => progress.push(p),
    });
    expect(report.rejected.map((r) => r.ref)).toEqual([
      'not-a-uuid',
      missingOrganization.id,
      (records[4] as { id: string }).id,
    ]);
    expect(report).toMatchObject({ seen: 7, imported: 4, changed: 4, failedBatches: [] });
    // Batches: [0, 2], [3, 5], [6]; the record rejected while a batch filled is counted with it.
    expect(progress.map((p) => [p.imported, p.rejected])).toEqual([
      [1, 2],
      [3, 3],
      [4, 3],
    ]);
    expect((await countDirectoryRows(t.db, tenantId)).service).toBe(4);
  });

  it('lets the batch being written finish before a failing source ends the import', async () => {
    const tenantId = await newTenant();
    const first = [buildOrukService(), buildOrukService()];
    async function* failingFeed(): AsyncGenerator {
      yield* first;
      yield buildOrukService();
      await Promise.resolve();
      throw new Error('feed went away');
    }
    const error = await importServices(t.db, tenantId, failingFeed(), { batchSize: 2 }).catch(
      (e: unknown) => e,
    );
    expect(String(error)).toMatch(/feed went away/);
    // The first batch had started writing when the feed failed: it is committed, and nothing is
    // still running that could write later.
    const stored = await t.db.selectFrom('service').select('id').where('tenant_id', '=', tenantId).execute();
    expect(stored.map((r) => r.id).sort()).toEqual(first.map((s) => s.id).sort());
  });

  it('imports many batches in order when the source is a plain array', async () => {
    const tenantId = await newTenant();
    const services = Array.from({ length: 25 }, () => buildOrukService());
    // The same id twice, in different batches: the later copy wins, as it did when batches ran one by one.
    const renamed = { ...services[3], name: 'Renamed later' };
    const report = await importServices(t.db, tenantId, [...services, renamed], { batchSize: 4 });
    expect(report).toMatchObject({ seen: 26, imported: 26, rejected: [], failedBatches: [] });
    const row = await t.db
      .selectFrom('service')
      .select('name')
      .where('tenant_id', '=', tenantId)
      .where('id', '=', renamed.id)
      .executeTakeFirstOrThrow();
    expect(row.name).toBe('Renamed later');
  });

  it('writes the later copy of a taxonomy term even when an earlier copy in its batch is already stored', async () => {
    const tenantId = await newTenant();
    const id = randomUUID();
    const term = (description: string): OrukTaxonomyTerm => ({ id, name: 'Befriending', description });
    const withTerm = (description: string): OrukService =>
      buildOrukService({ attributes: [{ id: randomUUID(), taxonomy_term: term(description) }] });
    // Batch 1 stores the term; batch 2 sends it again unchanged, then changed: the changed copy wins.
    const report = await importServices(
      t.db,
      tenantId,
      [withTerm('Old wording'), withTerm('Old wording'), withTerm('Old wording'), withTerm('New wording')],
      { batchSize: 2 },
    );
    expect(report).toMatchObject({ imported: 4, rejected: [], failedBatches: [] });
    const row = await t.db
      .selectFrom('taxonomy_term')
      .select('description')
      .where('tenant_id', '=', tenantId)
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    expect(row.description).toBe('New wording');
  });
});

import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestService, createTestTaxonomyTerm } from '../../../../test/support/builders.ts';
import { createTestDatabase, type TestDatabase } from '../../../../test/support/test-db.ts';
import { searchDirectory } from '../search/search.service.ts';
import { importTaxonomies } from './service-import.service.ts';

describe('importTaxonomies', () => {
  let testDb: TestDatabase;

  beforeAll(async () => {
    testDb = await createTestDatabase();
  });
  afterAll(async () => {
    await testDb.close();
  });

  const search = async (text: string): Promise<string[]> => {
    const result = await searchDirectory(testDb.db, {
      tenantId: testDb.tenant.id,
      query: { text },
      now: new Date(),
      capacityStaleDays: 14,
      listingStaleDays: 183,
    });
    if (!result.ok) {
      throw new Error(`search failed: ${JSON.stringify(result.error)}`);
    }
    return result.value.hits.map((h) => h.id);
  };

  it('re-indexes the services tagged with a term it renames', async () => {
    const term = await createTestTaxonomyTerm(testDb.db, testDb.tenant.id, { name: 'Horticulture' });
    const service = await createTestService(testDb.db, testDb.tenant.id, {
      name: 'Tuesday growing group',
      attributes: [{ id: randomUUID(), taxonomy_term_id: term.id, taxonomy_term: term }],
    });
    expect(await search('allotments')).not.toContain(service.id);

    const report = await importTaxonomies(testDb.db, testDb.tenant.id, {
      taxonomies: [],
      terms: [{ ...term, name: 'Allotments' }],
    });

    expect(report).toEqual({ imported: 1, rejected: [] });
    expect(await search('allotments')).toContain(service.id);
  });

  it('rejects an invalid term with its reason and stores the valid ones', async () => {
    const good = { id: randomUUID(), name: 'Walking', description: 'Walking groups' };
    const report = await importTaxonomies(testDb.db, testDb.tenant.id, {
      taxonomies: [],
      terms: [good, { id: 'not-a-uuid', name: 'Bad', description: 'Bad term' }],
    });
    expect(report.imported).toBe(1);
    expect(report.rejected).toHaveLength(1);
    expect(report.rejected[0]?.issues[0]?.field).toBe('id');
  });
});

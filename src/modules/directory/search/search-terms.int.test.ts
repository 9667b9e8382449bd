import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestService, createTestTaxonomyTerm } from '../../../../test/support/builders.ts';
import { createTestDatabase, type TestDatabase } from '../../../../test/support/test-db.ts';

// The search row of a service tagged with taxonomy terms: each distinct term id once, each distinct term
// name once (two terms may share a name; a term may be attached twice), in the document's B weight.

describe('refreshServiceSearch and taxonomy terms', () => {
  let t: TestDatabase;

  beforeAll(async () => {
    t = await createTestDatabase();
  });
  afterAll(async () => {
    await t.close();
  });

  it('indexes each distinct term id and each distinct term name of a service once', async () => {
    const garden = await createTestTaxonomyTerm(t.db, t.tenant.id, { name: 'Allotment gardening' });
    const sameName = await createTestTaxonomyTerm(t.db, t.tenant.id, { name: 'Allotment gardening' });
    const football = await createTestTaxonomyTerm(t.db, t.tenant.id, { name: 'Walking football' });
    const created = await createTestService(t.db, t.tenant.id, {
      name: 'Green Spaces Club',
      description: 'Outdoor sessions.',
      attributes: [garden, garden, sameName, football].map((term) => ({
        id: randomUUID(),
        taxonomy_term_id: term.id,
      })),
    });
    const { rows } = await sql<{ ids: string[]; terms: string; expected: string }>`
      SELECT taxonomy_term_ids::text[] AS ids,
        strip(ts_filter(document, '{b}'))::text AS terms,
        strip(to_tsvector('english', 'Allotment gardening Walking football'))::text AS expected
      FROM service_search WHERE tenant_id = ${t.tenant.id} AND service_id = ${created.id}
    `.execute(t.db);
    expect(rows).toHaveLength(1);
    const [row] = rows;
    expect([...row.ids].sort()).toEqual([garden.id, sameName.id, football.id].sort());
    expect(row.terms).toBe(row.expected);
    expect(row.terms).toContain('footbal');
  });

  it('gives a service without terms an empty list and no B-weight words', async () => {
    const created = await createTestService(t.db, t.tenant.id, { name: 'Plain Service', attributes: [] });
    const { rows } = await sql<{ ids: string[]; terms: string }>`
      SELECT taxonomy_term_ids::text[] AS ids, strip(ts_filter(document, '{b}'))::text AS terms
      FROM service_search WHERE tenant_id = ${t.tenant.id} AND service_id = ${created.id}
    `.execute(t.db);
    expect(rows).toEqual([{ ids: [], terms: '' }]);
  });
});

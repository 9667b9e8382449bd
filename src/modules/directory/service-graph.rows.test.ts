import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { buildOrukService } from '../../../test/support/builders.ts';
import type { OrukService, OrukTaxonomyTerm } from './oruk/oruk.schema.ts';
import { serviceGraphRows } from './service-graph.rows.ts';

// serviceGraphRows keeps one copy of each taxonomy term: the last one met, which is the copy written.

const tenantId = randomUUID();

function serviceWithTerms(...terms: OrukTaxonomyTerm[]): OrukService {
  return buildOrukService({ attributes: terms.map((term) => ({ id: randomUUID(), taxonomy_term: term })) });
}

describe('serviceGraphRows terms', () => {
  it('keeps one copy per term id: the last copy in the batch', () => {
    const id = randomUUID();
    const other = { id: randomUUID(), name: 'Debt advice', description: 'Debt' };
    const first = { id, name: 'Befriending', description: 'Old wording' };
    const last = { id, name: 'Befriending', description: 'New wording' };
    const rows = serviceGraphRows(tenantId, [
      { service: serviceWithTerms(first, other) },
      { service: serviceWithTerms(last) },
    ]);
    expect(rows.terms).toEqual([other, last]);
    // Every attribute still refers to its term.
    expect(rows.attributes.map((a) => a.taxonomy_term_id).sort()).toEqual([id, id, other.id].sort());
  });
});

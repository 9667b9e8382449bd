import { CAPACITY_STATUSES, DELIVERY_MODES, NEED_CODES } from '../vocabulary.ts';
import type { DirectorySearchResult, FacetCount } from './search.types.ts';

// Facet lists always hold every value of their vocabulary, in vocabulary order and with zero counts, so a
// page can draw a stable list of checkboxes; values outside the vocabulary (imported data) follow, sorted.

type Facets = DirectorySearchResult['facets'];

const VOCABULARIES: Record<keyof Facets, readonly string[]> = {
  needs: NEED_CODES,
  deliveryModes: DELIVERY_MODES,
  capacity: CAPACITY_STATUSES,
  cost: ['free', 'paid'],
};

/**
 * One facet's counts over its whole vocabulary.
 * @param counts - the counts the database found (values with no services are absent)
 * @param vocabulary - every value the facet can take, in display order
 */
export function completeFacet(counts: readonly FacetCount[], vocabulary: readonly string[]): FacetCount[] {
  const byValue = new Map(counts.map((c) => [c.value, c.count]));
  const known = vocabulary.map((value) => ({ value, count: byValue.get(value) ?? 0 }));
  const extra = counts
    .filter((c) => !vocabulary.includes(c.value))
    .sort((a, b) => a.value.localeCompare(b.value))
    .map((c) => ({ value: c.value, count: c.count }));
  return [...known, ...extra];
}

/**
 * Every facet completed over its vocabulary.
 * @param facets - the counts the database found
 */
export function completeFacets(facets: Facets): Facets {
  return {
    needs: completeFacet(facets.needs, VOCABULARIES.needs),
    deliveryModes: completeFacet(facets.deliveryModes, VOCABULARIES.deliveryModes),
    capacity: completeFacet(facets.capacity, VOCABULARIES.capacity),
    cost: completeFacet(facets.cost, VOCABULARIES.cost),
  };
}

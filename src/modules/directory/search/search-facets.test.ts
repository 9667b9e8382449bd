import { describe, expect, it } from 'vitest';
import { CAPACITY_STATUSES, DELIVERY_MODES, NEED_CODES } from '../vocabulary.ts';
import { completeFacet, completeFacets } from './search-facets.ts';

describe('completeFacet', () => {
  it('lists the whole vocabulary in order with zero counts, then unknown values sorted', () => {
    expect(
      completeFacet(
        [
          { value: 'zeta', count: 1 },
          { value: 'b', count: 3 },
          { value: 'alpha', count: 2 },
        ],
        ['a', 'b', 'c'],
      ),
    ).toEqual([
      { value: 'a', count: 0 },
      { value: 'b', count: 3 },
      { value: 'c', count: 0 },
      { value: 'alpha', count: 2 },
      { value: 'zeta', count: 1 },
    ]);
  });
});

describe('completeFacets', () => {
  it('completes each facet over its own vocabulary', () => {
    const facets = completeFacets({
      needs: [],
      deliveryModes: [],
      capacity: [],
      cost: [{ value: 'free', count: 4 }],
    });
    expect(facets.needs.map((f) => f.value)).toEqual(NEED_CODES);
    expect(facets.deliveryModes.map((f) => f.value)).toEqual([...DELIVERY_MODES]);
    expect(facets.capacity.map((f) => f.value)).toEqual([...CAPACITY_STATUSES]);
    expect(facets.cost).toEqual([
      { value: 'free', count: 4 },
      { value: 'paid', count: 0 },
    ]);
  });
});

import { describe, expect, it } from 'vitest';
import { parseDirectorySearchQuery } from './search.schema.ts';

const issuesOf = (input: Record<string, unknown>): { field: string; message: string }[] => {
  const parsed = parseDirectorySearchQuery(input);
  return parsed.ok ? [] : parsed.issues;
};

describe('parseDirectorySearchQuery', () => {
  it('parses every API parameter into the search contract', () => {
    const parsed = parseDirectorySearchQuery({
      q: '  walking group ',
      need: ['loneliness', 'housing'],
      taxonomy_term_id: '0D5C1E5A-1D5E-4C8E-9B7A-2F3E4D5C6B7A',
      delivery_mode: 'phone,video',
      capacity: ['accepting', 'waitlist'],
      age: '42',
      cost: 'free',
      postcode: 'ls1 4ap',
      radius_km: '7.5',
      page: '2',
      per_page: '50',
    });
    expect(parsed).toEqual({
      ok: true,
      value: {
        text: 'walking group',
        needs: ['loneliness', 'housing'],
        taxonomyTermIds: ['0d5c1e5a-1d5e-4c8e-9b7a-2f3e4d5c6b7a'],
        deliveryModes: ['phone', 'video'],
        capacity: ['accepting', 'waitlist'],
        age: 42,
        cost: 'free',
        postcode: 'ls1 4ap',
        radiusKm: 7.5,
        page: 2,
        perPage: 50,
      },
    });
  });

  it('accepts the contract names as aliases and reports issues under the name used', () => {
    expect(
      parseDirectorySearchQuery({
        needs: ['housing'],
        deliveryModes: ['phone'],
        postcode: 'LS1',
        radiusKm: '5',
      }),
    ).toEqual({
      ok: true,
      value: { needs: ['housing'], deliveryModes: ['phone'], postcode: 'LS1', radiusKm: 5 },
    });
    expect(issuesOf({ needs: ['nope'], postcode: 'LS1', radiusKm: 'far' }).map((i) => i.field)).toEqual([
      'needs',
      'radiusKm',
    ]);
  });

  it('treats an empty query as "everything" and ignores empty values and unknown parameters', () => {
    expect(parseDirectorySearchQuery({})).toEqual({ ok: true, value: {} });
    expect(parseDirectorySearchQuery({ q: ' ', need: ['', ' '], age: '', utm_source: 'x' })).toEqual({
      ok: true,
      value: {},
    });
  });

  it('takes the first value of a single-valued parameter given twice, and de-duplicates lists', () => {
    expect(parseDirectorySearchQuery({ age: ['30', '40'], need: ['housing', 'housing,benefits'] })).toEqual({
      ok: true,
      value: { age: 30, needs: ['housing', 'benefits'] },
    });
  });

  it.each([
    [{ cost: ['free', 'paid'] }, {}],
    [{ cost: ['paid', 'paid'] }, { cost: 'paid' }],
  ])('reads cost %j as %j (both is no filter)', (input, value) => {
    expect(parseDirectorySearchQuery(input)).toEqual({ ok: true, value });
  });

  it.each([
    [{ q: 'x'.repeat(201) }, 'q', 'Search words must be 200 characters or fewer'],
    [{ need: ['loneliness', 'lonely'] }, 'need', 'Select needs from the list'],
    [
      { taxonomy_term_id: 'abc' },
      'taxonomy_term_id',
      'Taxonomy term IDs must be UUIDs, like 0d5c1e5a-1d5e-4c8e-9b7a-2f3e4d5c6b7a',
    ],
    [{ delivery_mode: 'carrier_pigeon' }, 'delivery_mode', 'Select ways of getting help from the list'],
    [{ capacity: 'full' }, 'capacity', 'Select capacity options from the list'],
    [{ age: 'forty' }, 'age', 'Age must be a whole number, like 42'],
    [{ age: '4.5' }, 'age', 'Age must be a whole number, like 42'],
    [{ age: '121' }, 'age', 'Age must be between 0 and 120'],
    [{ age: '-1' }, 'age', 'Age must be between 0 and 120'],
    [{ cost: 'cheap' }, 'cost', 'Select free or paid'],
    [{ postcode: 'not a postcode' }, 'postcode', 'Enter a real postcode, like LS1 4AP'],
    [{ radius_km: '10' }, 'postcode', 'Enter a postcode to search by distance'],
    [
      { postcode: 'LS1', radius_km: '0' },
      'radius_km',
      'Distance must be more than 0 and at most 200 kilometres',
    ],
    [
      { postcode: 'LS1', radius_km: '201' },
      'radius_km',
      'Distance must be more than 0 and at most 200 kilometres',
    ],
    [{ postcode: 'LS1', radius_km: '1e3' }, 'radius_km', 'Distance must be a number of kilometres, like 10'],
    [{ page: '0' }, 'page', 'Page must be between 1 and 10,000'],
    [{ page: 'two' }, 'page', 'Page must be a whole number, like 2'],
    [{ per_page: '101' }, 'per_page', 'Results per page must be between 1 and 100'],
    [{ per_page: '1.5' }, 'per_page', 'Results per page must be a whole number, like 20'],
  ])('%j is rejected on %s', (input, field, message) => {
    expect(issuesOf(input)).toEqual([{ field, message }]);
  });

  it('reports every bad field once, in field order', () => {
    expect(
      issuesOf({ per_page: '0', age: 'x', need: ['a', 'b'], q: 'x'.repeat(300) }).map((i) => i.field),
    ).toEqual(['q', 'need', 'age', 'per_page']);
  });

  it('ignores values that are not strings (a malformed query object)', () => {
    expect(parseDirectorySearchQuery({ q: { nested: 'x' }, age: 30 })).toEqual({
      ok: true,
      value: { age: 30 },
    });
  });
});

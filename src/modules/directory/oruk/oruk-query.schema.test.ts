import { describe, expect, it } from 'vitest';
import { ApiError } from '../../../http/errors.ts';
import {
  parseQuery,
  serviceAtLocationsQuerySchema,
  servicesQuerySchema,
  taxonomyTermsQuerySchema,
} from './oruk-query.schema.ts';

function issuesOf(run: () => unknown): { field: string; message: string }[] {
  try {
    run();
  } catch (error) {
    if (error instanceof ApiError) {
      return error.issues ?? [];
    }
    throw error;
  }
  throw new Error('expected a 400');
}

describe('ORUK query parameters', () => {
  it('defaults to page 1 of 50, JSON, nothing filtered', () => {
    expect(parseQuery(servicesQuerySchema, {})).toEqual({
      page: 1,
      per_page: 50,
      full: false,
      minimal: false,
    });
  });

  it('treats empty parameters as absent', () => {
    expect(parseQuery(servicesQuerySchema, { search: '  ', organization_id: '', day: '' })).toEqual(
      parseQuery(servicesQuerySchema, {}),
    );
  });

  it.each([
    ['2026-05-01', '2026-05-01T00:00:00.000Z'],
    ['2026-05-01T09:30', '2026-05-01T09:30:00.000Z'],
    ['2026-05-01T09:30:00Z', '2026-05-01T09:30:00.000Z'],
    ['2026-05-01T09:30:00.5+01:00', '2026-05-01T08:30:00.500Z'],
    ['2024-02-29', '2024-02-29T00:00:00.000Z'],
  ])('reads modified_after=%s as %s', (input, iso) => {
    expect(parseQuery(servicesQuerySchema, { modified_after: input }).modified_after?.toISOString()).toBe(
      iso,
    );
  });

  it.each(['2026-02-29', '2026-04-31', '2026-5-1', '1 May 2026', '2026-05-01T25:00:00Z'])(
    'rejects modified_after=%s',
    (input) => {
      expect(issuesOf(() => parseQuery(servicesQuerySchema, { modified_after: input }))).toEqual([
        {
          field: 'modified_after',
          message: 'must be a date-time such as 2024-05-01T09:30:00Z, or a date such as 2024-05-01',
        },
      ]);
    },
  );

  it.each([
    ['9:05', '09:05:00'],
    ['17:00:30', '17:00:30'],
    ['00:00', '00:00:00'],
  ])('normalises start_time=%s to %s', (input, time) => {
    expect(parseQuery(servicesQuerySchema, { start_time: input }).start_time).toBe(time);
  });

  it.each([
    ['MO', 'MO'],
    ['tu', 'TU'],
    ['Wednesday', 'WE'],
    ['sunday', 'SU'],
  ])('reads day=%s as %s', (input, code) => {
    expect(parseQuery(servicesQuerySchema, { day: input }).day).toBe(code);
  });

  it('lower-cases uuids and reads flags', () => {
    const query = parseQuery(taxonomyTermsQuerySchema, {
      parent_id: '3F7B145D-84AF-42D7-8FAE-EACA714B02B2',
      top_only: '1',
    });
    expect(query).toMatchObject({ parent_id: '3f7b145d-84af-42d7-8fae-eaca714b02b2', top_only: true });
  });

  it('takes proximity in metres and requires a postcode with it', () => {
    expect(
      parseQuery(serviceAtLocationsQuerySchema, { postcode: 'LS7 4NA', proximity: '1500.5' }),
    ).toMatchObject({
      postcode: 'LS7 4NA',
      proximity: 1500.5,
    });
    expect(issuesOf(() => parseQuery(serviceAtLocationsQuerySchema, { proximity: '1000' }))).toEqual([
      { field: 'proximity', message: 'needs a postcode to measure from' },
    ]);
  });
});

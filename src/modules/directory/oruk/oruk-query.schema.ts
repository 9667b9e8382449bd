import { z } from 'zod';
import { ApiError } from '../../../http/errors.ts';
import { toFieldIssues } from './oruk.schema.ts';

// Query parameters of the /oruk/ endpoints: the union of the uk-profile OpenAPI and the validator's bundled
// OpenAPI (DOMAIN.md 5.2). Unknown parameters are ignored; a known parameter with a bad value is a 400 naming
// it. Each repeated parameter (`?page=1&page=2`) is rejected rather than guessed at.

export const DEFAULT_PER_PAGE = 50;
export const MAX_PER_PAGE = 200;
/** 1,000 km: anything larger covers the whole of the UK anyway. */
export const MAX_PROXIMITY_METRES = 1_000_000;
const MAX_PAGE = 1_000_000;

function wholeNumber(min: number, max: number, fallback: number): z.ZodType<number> {
  const message = `must be a whole number from ${min} to ${max}`;
  // A repeated parameter arrives as an array, which coerces to NaN and so fails here too.
  return z.coerce
    .number({ error: message })
    .int({ error: message })
    .min(min, { error: message })
    .max(max, { error: message })
    .default(fallback);
}

function text(max: number): z.ZodType<string | undefined> {
  return z.preprocess(
    (v) => (typeof v === 'string' && v.trim() === '' ? undefined : v),
    z
      .string({ error: 'must be given once, as text' })
      .trim()
      .max(max, { error: `must be ${max} characters or fewer` })
      .optional(),
  );
}

const uuid = z.preprocess(
  (v) => (v === '' ? undefined : v),
  z
    .guid({ error: 'must be a UUID such as 3f7b145d-84af-42d7-8fae-eaca714b02b2' })
    .transform((v) => v.toLowerCase())
    .optional(),
) as z.ZodType<string | undefined>;

const flag = z.preprocess(
  (v) => (v === '' ? undefined : v),
  z
    .enum(['true', 'false', '1', '0'], { error: 'must be true or false' })
    .optional()
    .transform((v) => v === 'true' || v === '1'),
) as z.ZodType<boolean>;

const format = z.preprocess(
  (v) => (v === '' ? undefined : v),
  z
    .enum(['json'], { error: 'must be json (ndjson streaming is not offered; page through the results)' })
    .optional(),
) as z.ZodType<'json' | undefined>;

const age = z.preprocess(
  (v) => (v === '' ? undefined : v),
  z.coerce
    .number({ error: 'must be a number of years from 0 to 150' })
    .min(0, { error: 'must be a number of years from 0 to 150' })
    .max(150, { error: 'must be a number of years from 0 to 150' })
    .optional(),
) as z.ZodType<number | undefined>;

const DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})(T\d{2}:\d{2}(:\d{2}(\.\d{1,6})?)?(Z|[+-]\d{2}:?\d{2})?)?$/;
const DATE_TIME_MESSAGE = 'must be a date-time such as 2024-05-01T09:30:00Z, or a date such as 2024-05-01';

/** Parses `modified_after`; a date alone, or a date-time without an offset, is read as UTC. */
function parseModifiedAfter(value: string): Date | undefined {
  const match = DATE_TIME.exec(value);
  if (match === null) {
    return undefined;
  }
  const groups: (string | undefined)[] = match;
  const [year, month, day] = groups.slice(1, 4).map(Number) as [number, number, number];
  const calendar = new Date(Date.UTC(year, month - 1, day));
  if (calendar.getUTCMonth() + 1 !== month || calendar.getUTCDate() !== day) {
    return undefined;
  }
  const hasTime = groups[4] !== undefined;
  const hasOffset = groups[7] !== undefined;
  const iso = !hasTime ? `${value.slice(0, 10)}T00:00:00Z` : hasOffset ? value : `${value}Z`;
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? undefined : date;
}

const modifiedAfter = z.preprocess(
  (v) => (v === '' ? undefined : v),
  z
    .string({ error: DATE_TIME_MESSAGE })
    .trim()
    .transform((v, ctx) => {
      const date = parseModifiedAfter(v);
      if (date === undefined) {
        ctx.addIssue({ code: 'custom', message: DATE_TIME_MESSAGE });
        return z.NEVER;
      }
      return date;
    })
    .optional(),
) as z.ZodType<Date | undefined>;

const TIME = /^([01]?\d|2[0-3]):([0-5]\d)(:([0-5]\d))?$/;
const time = z.preprocess(
  (v) => (v === '' ? undefined : v),
  z
    .string({ error: 'must be given once' })
    .trim()
    .regex(TIME, { error: 'must be a time such as 09:30 or 17:00:00' })
    .transform((v) => {
      const [h = '0', m = '0', s = '0'] = v.split(':');
      return `${h.padStart(2, '0')}:${m}:${s.padStart(2, '0')}`;
    })
    .optional(),
) as z.ZodType<string | undefined>;

const DAYS = new Map<string, string>(
  Object.entries({
    mo: 'MO',
    monday: 'MO',
    tu: 'TU',
    tuesday: 'TU',
    we: 'WE',
    wednesday: 'WE',
    th: 'TH',
    thursday: 'TH',
    fr: 'FR',
    friday: 'FR',
    sa: 'SA',
    saturday: 'SA',
    su: 'SU',
    sunday: 'SU',
  }),
);
const day = z.preprocess(
  (v) => (v === '' ? undefined : v),
  z
    .string({ error: 'must be given once' })
    .trim()
    .transform((v, ctx) => {
      const code = DAYS.get(v.toLowerCase());
      if (code === undefined) {
        ctx.addIssue({
          code: 'custom',
          message: 'must be a day: MO, TU, WE, TH, FR, SA or SU (or its name)',
        });
        return z.NEVER;
      }
      return code;
    })
    .optional(),
) as z.ZodType<string | undefined>;

const proximity = z.preprocess(
  (v) => (v === '' ? undefined : v),
  z.coerce
    .number({ error: `must be a distance in metres from 1 to ${MAX_PROXIMITY_METRES}` })
    .positive({ error: `must be a distance in metres from 1 to ${MAX_PROXIMITY_METRES}` })
    .max(MAX_PROXIMITY_METRES, { error: `must be a distance in metres from 1 to ${MAX_PROXIMITY_METRES}` })
    .optional(),
) as z.ZodType<number | undefined>;

const paging = {
  page: wholeNumber(1, MAX_PAGE, 1),
  per_page: wholeNumber(1, MAX_PER_PAGE, DEFAULT_PER_PAGE),
  format,
};

const serviceFilters = {
  ...paging,
  search: text(200),
  taxonomy_term_id: uuid,
  taxonomy_id: uuid,
  organization_id: uuid,
  modified_after: modifiedAfter,
  minimum_age: age,
  maximum_age: age,
  start_time: time,
  end_time: time,
  day,
  full: flag,
};

export const servicesQuerySchema = z.object({ ...serviceFilters, minimal: flag });

export const serviceAtLocationsQuerySchema = z
  .object({ ...serviceFilters, postcode: text(16), proximity })
  .superRefine((q, ctx) => {
    if (q.proximity !== undefined && q.postcode === undefined) {
      ctx.addIssue({ code: 'custom', path: ['proximity'], message: 'needs a postcode to measure from' });
    }
  });

export const taxonomiesQuerySchema = z.object({ ...paging, search: text(200) });

export const taxonomyTermsQuerySchema = z.object({
  ...paging,
  search: text(200),
  taxonomy_id: uuid,
  parent_id: uuid,
  top_only: flag,
});

export const organizationsQuerySchema = z.object({
  ...paging,
  search: text(200),
  full: flag,
  full_service: flag,
});

export const organizationQuerySchema = z.object({ full_service: flag });

export const idParamsSchema = z.object({
  id: z
    .guid({ error: 'must be a UUID such as 3f7b145d-84af-42d7-8fae-eaca714b02b2' })
    .transform((v) => v.toLowerCase()),
});

export type ServicesQuery = z.infer<typeof servicesQuerySchema>;
export type ServiceAtLocationsQuery = z.infer<typeof serviceAtLocationsQuerySchema>;
export type ServiceFilterQuery = Omit<ServicesQuery, 'minimal' | 'full' | 'page' | 'per_page' | 'format'>;
export type TaxonomiesQuery = z.infer<typeof taxonomiesQuerySchema>;
export type TaxonomyTermsQuery = z.infer<typeof taxonomyTermsQuerySchema>;
export type OrganizationsQuery = z.infer<typeof organizationsQuerySchema>;

/**
 * Validates query parameters (or path parameters) against a schema.
 * @param schema - one of the schemas above
 * @param input - `request.query` or `request.params`
 * @returns the typed value; throws a 400 ApiError naming each bad parameter
 */
export function parseQuery<T>(schema: z.ZodType<T>, input: unknown): T {
  const result = schema.safeParse(input ?? {});
  if (!result.success) {
    throw ApiError.validation(toFieldIssues(result.error));
  }
  return result.data;
}

import { z } from 'zod';
import type { FieldIssue } from '../../../http/errors.ts';
import { parsePostcodeQuery } from '../../geo/geo.service.ts';
import { CAPACITY_STATUSES, DELIVERY_MODES, NEED_CODES } from '../vocabulary.ts';
import { searchMessage as m } from './search.content.ts';
import type { DirectorySearchQuery } from './search.types.ts';

// Directory search input, from a query string (the JSON API) or the /directory form. Values arrive as
// strings or arrays of strings; list fields also take comma-separated values. A single-valued field given
// twice takes its first value. Unknown parameters are ignored, so pages can carry their own.
//
// Each field has the API's snake_case name and the contract's camelCase name as an alias
// (`radius_km` or `radiusKm`); an issue names the field the way the input did.

type Field = keyof typeof FIELD_NAMES;

const FIELD_NAMES = {
  q: ['q', 'text'],
  need: ['need', 'needs'],
  taxonomyTermId: ['taxonomy_term_id', 'taxonomyTermIds', 'taxonomyTermId'],
  deliveryMode: ['delivery_mode', 'deliveryModes', 'deliveryMode'],
  capacity: ['capacity'],
  age: ['age'],
  cost: ['cost'],
  postcode: ['postcode'],
  radiusKm: ['radius_km', 'radiusKm'],
  page: ['page'],
  perPage: ['per_page', 'perPage'],
} as const;

const LIST_FIELDS = new Set<Field>(['need', 'taxonomyTermId', 'deliveryMode', 'capacity', 'cost']);
const MAX_LIST_LENGTH = 50;

const wholeNumber = (integer: string, range: string, min: number, max: number): z.ZodType<number, string> =>
  z
    .string()
    .regex(/^[-+]?\d{1,9}$/, { error: integer })
    .transform(Number)
    .pipe(z.number().min(min, { error: range }).max(max, { error: range }));

const searchInputSchema = z.object({
  q: z
    .string()
    .max(200, { error: m('pages.directorySearch.q.validationError.tooLong') })
    .optional(),
  need: z
    .array(z.enum(NEED_CODES, { error: m('pages.directorySearch.need.validationError.invalid') }))
    .max(MAX_LIST_LENGTH, { error: m('pages.directorySearch.need.validationError.tooMany') })
    .optional(),
  taxonomyTermId: z
    .array(z.guid({ error: m('pages.directorySearch.taxonomyTermId.validationError.invalid') }))
    .max(MAX_LIST_LENGTH, { error: m('pages.directorySearch.taxonomyTermId.validationError.tooMany') })
    .optional(),
  deliveryMode: z
    .array(z.enum(DELIVERY_MODES, { error: m('pages.directorySearch.deliveryMode.validationError.invalid') }))
    .optional(),
  capacity: z
    .array(z.enum(CAPACITY_STATUSES, { error: m('pages.directorySearch.capacity.validationError.invalid') }))
    .optional(),
  age: wholeNumber(
    m('pages.directorySearch.age.validationError.integer'),
    m('pages.directorySearch.age.validationError.range'),
    0,
    120,
  ).optional(),
  cost: z
    .array(z.enum(['free', 'paid'], { error: m('pages.directorySearch.cost.validationError.invalid') }))
    .optional(),
  postcode: z
    .string()
    .superRefine((value, ctx) => {
      const parsed = parsePostcodeQuery(value);
      if (!parsed.ok) {
        ctx.addIssue({ code: 'custom', message: parsed.message });
      }
    })
    .optional(),
  radiusKm: z
    .string()
    .regex(/^\d{1,6}(\.\d{1,6})?$/, { error: m('pages.directorySearch.radiusKm.validationError.number') })
    .transform(Number)
    .pipe(
      z
        .number()
        .gt(0, { error: m('pages.directorySearch.radiusKm.validationError.range') })
        .max(200, { error: m('pages.directorySearch.radiusKm.validationError.range') }),
    )
    .optional(),
  page: wholeNumber(
    m('pages.directorySearch.page.validationError.integer'),
    m('pages.directorySearch.page.validationError.range'),
    1,
    10_000,
  ).optional(),
  perPage: wholeNumber(
    m('pages.directorySearch.perPage.validationError.integer'),
    m('pages.directorySearch.perPage.validationError.range'),
    1,
    100,
  ).optional(),
});

type SearchInput = z.input<typeof searchInputSchema>;

export type ParseSearchQueryResult =
  { ok: true; value: DirectorySearchQuery } | { ok: false; issues: FieldIssue[] };

function strings(value: unknown): string[] {
  const values: unknown[] = Array.isArray(value) ? value : [value];
  return values
    .map((v) => (typeof v === 'number' && Number.isFinite(v) ? String(v) : v))
    .filter((v): v is string => typeof v === 'string');
}

/** Picks each field out of the raw input under whichever of its names was used, trimmed, empties dropped. */
function readFields(input: Record<string, unknown>): { values: SearchInput; names: Map<Field, string> } {
  const values: Record<string, string | string[]> = {};
  const names = new Map<Field, string>();
  for (const [field, aliases] of Object.entries(FIELD_NAMES) as [Field, readonly string[]][]) {
    const name = aliases.find((alias) => input[alias] !== undefined);
    if (name === undefined) {
      continue;
    }
    names.set(field, name);
    let raw = strings(input[name]).map((v) => v.trim());
    if (LIST_FIELDS.has(field)) {
      raw = [...new Set(raw.flatMap((v) => v.split(',')).map((v) => v.trim()))].filter((v) => v !== '');
      if (raw.length > 0) {
        values[field] = raw;
      }
    } else {
      const first = raw.at(0);
      if (first !== undefined && first !== '') {
        values[field] = first;
      }
    }
  }
  return { values, names };
}

function toQuery(v: z.output<typeof searchInputSchema>): DirectorySearchQuery {
  const cost = v.cost !== undefined && new Set(v.cost).size === 1 ? v.cost[0] : undefined;
  const query: DirectorySearchQuery = {
    text: v.q,
    needs: v.need,
    taxonomyTermIds: v.taxonomyTermId?.map((id) => id.toLowerCase()),
    deliveryModes: v.deliveryMode,
    capacity: v.capacity,
    age: v.age,
    cost,
    postcode: v.postcode,
    radiusKm: v.radiusKm,
    page: v.page,
    perPage: v.perPage,
  };
  return Object.fromEntries(Object.entries(query).filter(([, value]) => value !== undefined));
}

/**
 * Parses directory search input into the search contract.
 * @param input - a parsed query string (values are strings or arrays of strings); unknown keys are ignored
 * @returns the query, or every problem as `{ field, message }` in the order of the fields above
 */
export function parseDirectorySearchQuery(input: Record<string, unknown>): ParseSearchQueryResult {
  const { values, names } = readFields(input);
  const parsed = searchInputSchema.safeParse(values);
  const issues: FieldIssue[] = [];
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const field = issue.path[0] as Field;
      const name = names.get(field) ?? field;
      if (!issues.some((i) => i.field === name)) {
        issues.push({ field: name, message: issue.message });
      }
    }
  }
  if (values.radiusKm !== undefined && values.postcode === undefined) {
    issues.push({ field: 'postcode', message: m('pages.directorySearch.postcode.validationError.required') });
  }
  if (!parsed.success || issues.length > 0) {
    return { ok: false, issues };
  }
  return { ok: true, value: toQuery(parsed.data) };
}

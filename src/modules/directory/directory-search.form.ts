// The public search form as the browser sends it (a GET query string), kept as the person typed it so
// the page can show it again. Validation is search.schema.ts's job; this only gives the values a shape.

export interface DirectorySearchForm {
  q: string;
  postcode: string;
  distance: string;
  age: string;
  /** A service-type taxonomy term id ('' for any type). */
  type: string;
  needs: string[];
  delivery: string[];
  capacity: string[];
  cost: string[];
  page: string;
}

/** The distances the form offers, in kilometres. */
export const DISTANCE_OPTIONS_KM = [1, 3, 5, 10, 25] as const;
export const DEFAULT_DISTANCE_KM = 10;

const MAX_FIELD_LENGTH = 300;

function firstString(value: unknown): string {
  const first: unknown = Array.isArray(value) ? value[0] : value;
  return typeof first === 'string' ? first.slice(0, MAX_FIELD_LENGTH) : '';
}

function stringList(value: unknown): string[] {
  const values: unknown[] = Array.isArray(value) ? value : [value];
  return [
    ...new Set(
      values
        .filter((v): v is string => typeof v === 'string')
        .flatMap((v) => v.split(','))
        .map((v) => v.trim())
        .filter((v) => v !== '')
        .slice(0, 50),
    ),
  ];
}

/**
 * Reads the search form from a parsed query string. Unknown keys are ignored.
 * @param query - Fastify's parsed query (values are strings or arrays of strings)
 */
export function readSearchForm(query: unknown): DirectorySearchForm {
  const q = (query !== null && typeof query === 'object' ? query : {}) as Record<string, unknown>;
  return {
    q: firstString(q.q),
    postcode: firstString(q.postcode),
    distance: firstString(q.distance),
    age: firstString(q.age),
    type: firstString(q.type).trim(),
    needs: stringList(q.needs),
    delivery: stringList(q.delivery),
    capacity: stringList(q.capacity),
    cost: stringList(q.cost),
    page: firstString(q.page),
  };
}

/** Whether the person has asked for anything yet (an empty form shows the start state, not results). */
export function isEmptySearch(form: DirectorySearchForm): boolean {
  return (
    form.q.trim() === '' &&
    form.postcode.trim() === '' &&
    form.age.trim() === '' &&
    form.type === '' &&
    form.needs.length + form.delivery.length + form.capacity.length + form.cost.length === 0
  );
}

/**
 * The query string for this search (without `?`), for pagination links and the way back from a service
 * page. Empty fields are left out.
 * @param form - the search form
 * @param page - the page to link to; page 1 is left out
 */
export function searchFormToQueryString(form: DirectorySearchForm, page?: number): string {
  const params = new URLSearchParams();
  for (const key of ['q', 'postcode', 'distance', 'age', 'type'] as const) {
    const value = form[key].trim();
    if (value !== '' && !(key === 'distance' && form.postcode.trim() === '')) {
      params.append(key, value);
    }
  }
  for (const key of ['needs', 'delivery', 'capacity', 'cost'] as const) {
    for (const value of form[key]) {
      params.append(key, value);
    }
  }
  if (page !== undefined && page > 1) {
    params.append('page', String(page));
  }
  return params.toString();
}

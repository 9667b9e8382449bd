import {
  capacityTag,
  deliveryModeLabels,
  formatDistance,
  formatLongDate,
  formatWait,
  type CapacityTag,
} from './directory-format.ts';
import {
  DEFAULT_DISTANCE_KM,
  DISTANCE_OPTIONS_KM,
  searchFormToQueryString,
  type DirectorySearchForm,
} from './directory-search.form.ts';
import type { DirectorySearchHit, DirectorySearchResult, FacetCount } from './search/search.types.ts';
import type { ServiceTypeTerm } from './taxonomy.repository.ts';
import {
  CAPACITY_LABELS,
  CAPACITY_STATUSES,
  DELIVERY_MODES,
  DELIVERY_MODE_LABELS,
  NEEDS,
} from './vocabulary.ts';

// Turns the search form, the search result and any validation errors into what directory-search.njk
// renders: macro parameters for nhsuk-frontend components, and nothing the template has to work out.

export interface PageError {
  /** The form field's id, which the error summary links to. */
  field: string;
  text: string;
}

export interface CheckboxItem {
  value: string;
  text: string;
  checked: boolean;
}

export interface SelectItem {
  value: string;
  text: string;
  selected: boolean;
}

export interface ResultCard {
  id: string;
  href: string;
  name: string;
  organisation: string | null;
  summary: string | null;
  distance: string | null;
  capacity: CapacityTag;
  wait: string | null;
  deliveryModes: string;
  checked: string;
  needsChecking: boolean;
}

export interface PaginationItem {
  number?: number;
  href?: string;
  current?: boolean;
  ellipsis?: boolean;
}

export interface SearchPageView {
  form: DirectorySearchForm;
  distanceItems: SelectItem[];
  /** "Any type", then the service types, each group followed by the types under it (indented). */
  typeItems: SelectItem[];
  needItems: CheckboxItem[];
  deliveryItems: CheckboxItem[];
  capacityItems: CheckboxItem[];
  costItems: CheckboxItem[];
  errorList: { text: string; href: string }[];
  errors: Record<string, { text: string }>;
  searched: boolean;
  results: ResultCard[];
  heading: string | null;
  pagination: { items: PaginationItem[]; previous?: { href: string }; next?: { href: string } } | null;
  originText: string | null;
  /** Set when the page number is past the last page: a link back to the first page. */
  firstPageHref: string | null;
}

const SUMMARY_LENGTH = 220;

/**
 * Shortens text to about `max` characters at a word boundary, adding an ellipsis.
 * @param text - the text
 * @param max - the most characters to keep
 */
export function summarise(text: string | null, max = SUMMARY_LENGTH): string | null {
  if (text === null) {
    return null;
  }
  const clean = text.replace(/\s+/g, ' ').trim();
  if (clean.length <= max) {
    return clean === '' ? null : clean;
  }
  const cut = clean.slice(0, max);
  const lastSpace = cut.lastIndexOf(' ');
  return `${(lastSpace > max / 2 ? cut.slice(0, lastSpace) : cut).replace(/[\s,;:.]+$/, '')}…`;
}

function facetCount(facets: FacetCount[] | undefined, value: string): number | null {
  if (facets === undefined) {
    return null;
  }
  return facets.find((f) => f.value === value)?.count ?? 0;
}

function checkboxItems(
  options: { value: string; label: string }[],
  selected: string[],
  facets: FacetCount[] | undefined,
): CheckboxItem[] {
  return options.map(({ value, label }) => {
    const count = facetCount(facets, value);
    return { value, text: count === null ? label : `${label} (${count})`, checked: selected.includes(value) };
  });
}

// Option text cannot carry markup, so the depth of a type is shown with non-breaking spaces.
const INDENT = '\u00a0'.repeat(4);

/**
 * The service-type select: "Any type" first, then each top-level term followed by the terms below it,
 * alphabetically at each level. A term whose parent is not in the list counts as top-level.
 * @param terms - the tenant's service-type terms
 * @param chosen - the term id in the form ('' for any type)
 */
export function serviceTypeItems(terms: readonly ServiceTypeTerm[], chosen: string): SelectItem[] {
  const selected = chosen.toLowerCase();
  const ids = new Set(terms.map((t) => t.id));
  const childrenOf = new Map<string | null, ServiceTypeTerm[]>();
  for (const term of [...terms].sort((a, b) => a.name.localeCompare(b.name, 'en-GB'))) {
    const parent = term.parentId !== null && ids.has(term.parentId) ? term.parentId : null;
    const siblings = childrenOf.get(parent) ?? [];
    siblings.push(term);
    childrenOf.set(parent, siblings);
  }
  const children = (parentId: string | null): ServiceTypeTerm[] => childrenOf.get(parentId) ?? [];
  const items: SelectItem[] = [{ value: '', text: 'Any type', selected: selected === '' }];
  const seen = new Set<string>();
  const visit = (term: ServiceTypeTerm, depth: number): void => {
    if (seen.has(term.id)) {
      return;
    }
    seen.add(term.id);
    items.push({
      value: term.id,
      text: `${INDENT.repeat(depth)}${term.name}`,
      selected: term.id === selected,
    });
    for (const child of children(term.id)) {
      visit(child, depth + 1);
    }
  };
  for (const root of children(null)) {
    visit(root, 0);
  }
  return items;
}

function resultCard(hit: DirectorySearchHit, linkQuery: string): ResultCard {
  const checkedDate = formatLongDate(hit.assuredDate);
  return {
    id: hit.id,
    href: `/directory/services/${encodeURIComponent(hit.id)}${linkQuery === '' ? '' : `?${linkQuery}`}`,
    name: hit.name,
    organisation: hit.organizationName,
    summary: summarise(hit.description),
    distance: formatDistance(hit.distanceKm),
    capacity: capacityTag(hit.capacity.effective),
    wait: hit.capacity.effective === 'waitlist' ? formatWait(hit.capacity.waitWeeks) : null,
    deliveryModes: deliveryModeLabels(hit.deliveryModes).join(', '),
    checked: hit.needsChecking || checkedDate === null ? 'Needs checking' : `Last checked ${checkedDate}`,
    needsChecking: hit.needsChecking || checkedDate === null,
  };
}

/**
 * Numbered pagination in the NHS.UK pattern: first, last, and the pages either side of the current one,
 * with ellipses between.
 * @param form - the search, to keep in every link
 * @param page - the current page
 * @param totalPages - how many pages there are
 */
export function paginationFor(
  form: DirectorySearchForm,
  page: number,
  totalPages: number,
): SearchPageView['pagination'] {
  if (totalPages <= 1) {
    return null;
  }
  const href = (n: number): string => {
    const qs = searchFormToQueryString(form, n);
    return qs === '' ? '/directory' : `/directory?${qs}`;
  };
  const items: PaginationItem[] = [];
  for (let n = 1; n <= totalPages; n += 1) {
    if (n === 1 || n === totalPages || Math.abs(n - page) <= 1) {
      items.push({ number: n, href: href(n), current: n === page });
    } else if (items.at(-1)?.ellipsis !== true) {
      items.push({ ellipsis: true });
    }
  }
  return {
    items,
    ...(page > 1 ? { previous: { href: href(page - 1) } } : {}),
    ...(page < totalPages ? { next: { href: href(page + 1) } } : {}),
  };
}

function resultsHeading(result: DirectorySearchResult): string {
  if (result.total === 0) {
    return 'No services found';
  }
  const noun = result.total === 1 ? 'service' : 'services';
  if (result.totalPages <= 1 || result.hits.length === 0) {
    return `${result.total} ${noun} found`;
  }
  const first = (result.page - 1) * result.perPage + 1;
  const last = Math.min(result.page * result.perPage, result.total);
  return `${result.total} ${noun} found, showing ${first} to ${last}`;
}

export interface SearchPageInput {
  form: DirectorySearchForm;
  result: DirectorySearchResult | null;
  errors: PageError[];
  /** The tenant's service-type terms, for the "Type of service" select. */
  serviceTypes?: readonly ServiceTypeTerm[];
}

/**
 * Builds everything the search page shows.
 * @param input - the form as typed, the search result (null before a search or on errors), the errors and
 * the service types to offer
 */
export function buildSearchPageView(input: SearchPageInput): SearchPageView {
  const { form, result, errors } = input;
  const distance = form.distance === '' ? String(DEFAULT_DISTANCE_KM) : form.distance;
  const linkQuery = searchFormToQueryString(form);
  return {
    form,
    distanceItems: DISTANCE_OPTIONS_KM.map((km) => ({
      value: String(km),
      text: `${km} km`,
      selected: String(km) === distance,
    })),
    typeItems: serviceTypeItems(input.serviceTypes ?? [], form.type),
    needItems: checkboxItems(
      NEEDS.map((n) => ({ value: n.code, label: n.label })),
      form.needs,
      result?.facets.needs,
    ),
    deliveryItems: checkboxItems(
      DELIVERY_MODES.map((m) => ({ value: m, label: DELIVERY_MODE_LABELS[m] })),
      form.delivery,
      result?.facets.deliveryModes,
    ),
    capacityItems: checkboxItems(
      CAPACITY_STATUSES.map((c) => ({ value: c, label: CAPACITY_LABELS[c] })),
      form.capacity,
      result?.facets.capacity,
    ),
    costItems: checkboxItems([{ value: 'free', label: 'Free' }], form.cost, result?.facets.cost),
    errorList: errors.map((e) => ({ text: e.text, href: `#${e.field}` })),
    errors: Object.fromEntries(errors.map((e) => [e.field, { text: e.text }])),
    searched: result !== null,
    results: result?.hits.map((hit) => resultCard(hit, linkQuery)) ?? [],
    heading: result === null ? null : resultsHeading(result),
    pagination: result === null ? null : paginationFor(form, result.page, result.totalPages),
    firstPageHref:
      result !== null && result.total > 0 && result.hits.length === 0
        ? `/directory${linkQuery === '' ? '' : `?${linkQuery}`}`
        : null,
    originText:
      result?.origin === null || result?.origin === undefined
        ? null
        : `Distances are from ${result.origin.postcode}${result.origin.precision === 'postcode' ? '' : ' (the middle of that area)'}`,
  };
}

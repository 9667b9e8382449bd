import { describe, expect, it } from 'vitest';
import { isEmptySearch, readSearchForm, searchFormToQueryString } from './directory-search.form.ts';
import { pageErrorsFromIssues } from './directory-search.controller.ts';
import {
  buildSearchPageView,
  paginationFor,
  serviceTypeItems,
  summarise,
} from './directory-search.view-model.ts';
import { directoryContent } from './directory.content.ts';
import type { DirectorySearchHit, DirectorySearchResult } from './search/search.types.ts';

function hit(overrides: Partial<DirectorySearchHit> = {}): DirectorySearchHit {
  return {
    id: '6f1c2b9e-8d3a-4f5b-9c7d-1e2f3a4b5c6d',
    name: 'Friendship Café',
    organizationName: 'Leeds Community Trust',
    description: 'Tea and company.',
    status: 'active',
    capacity: { effective: 'waitlist', recorded: 'waitlist', waitWeeks: 3, updatedAt: null, updatedBy: null },
    deliveryModes: ['in_person', 'phone'],
    referralRoutes: [],
    needs: ['loneliness'],
    minimumAge: null,
    maximumAge: null,
    free: true,
    distanceKm: 1.24,
    locality: 'Leeds',
    postcode: 'LS7 4NA',
    assuredDate: '2026-03-03',
    needsChecking: false,
    lastModified: null,
    score: 1,
    ...overrides,
  };
}

function result(overrides: Partial<DirectorySearchResult> = {}): DirectorySearchResult {
  return {
    hits: [hit()],
    total: 1,
    page: 1,
    perPage: 20,
    totalPages: 1,
    facets: { needs: [{ value: 'loneliness', count: 1 }], deliveryModes: [], capacity: [], cost: [] },
    origin: null,
    ...overrides,
  };
}

describe('readSearchForm and searchFormToQueryString', () => {
  it('reads strings and lists, ignoring other keys and non-strings', () => {
    const form = readSearchForm({
      q: ['lonely', 'second'],
      postcode: 'LS7',
      distance: '5',
      needs: ['loneliness', 'money_debt,benefits', 'loneliness', ''],
      delivery: 'phone',
      other: 'x',
      age: 42,
    });
    expect(form).toEqual({
      q: 'lonely',
      postcode: 'LS7',
      distance: '5',
      age: '',
      type: '',
      needs: ['loneliness', 'money_debt', 'benefits'],
      delivery: ['phone'],
      capacity: [],
      cost: [],
      page: '',
    });
    expect(searchFormToQueryString(form, 2)).toBe(
      'q=lonely&postcode=LS7&distance=5&needs=loneliness&needs=money_debt&needs=benefits&delivery=phone&page=2',
    );
  });

  it('drops the distance when there is no postcode, and page 1', () => {
    const form = readSearchForm({ q: 'x', distance: '10' });
    expect(searchFormToQueryString(form, 1)).toBe('q=x');
  });

  it('treats a form with only a distance as empty', () => {
    expect(isEmptySearch(readSearchForm({ distance: '10' }))).toBe(true);
    expect(isEmptySearch(readSearchForm(null))).toBe(true);
    expect(isEmptySearch(readSearchForm({ cost: 'free' }))).toBe(false);
    expect(isEmptySearch(readSearchForm({ type: ' a1 ' }))).toBe(false);
  });
});

describe('serviceTypeItems', () => {
  const terms = [
    { id: 'b2', name: 'Befriending', parentId: 'g1' },
    { id: 'g1', name: 'Social connection', parentId: null },
    { id: 'o1', name: 'Orphan type', parentId: 'not-listed' },
    { id: 'a2', name: 'Art groups', parentId: 'g1' },
  ];

  it('lists "Any type", then each group followed by its types, indented, alphabetically', () => {
    const indent = '\u00a0'.repeat(4);
    expect(serviceTypeItems(terms, 'A2')).toEqual([
      { value: '', text: 'Any type', selected: false },
      { value: 'o1', text: 'Orphan type', selected: false },
      { value: 'g1', text: 'Social connection', selected: false },
      { value: 'a2', text: `${indent}Art groups`, selected: true },
      { value: 'b2', text: `${indent}Befriending`, selected: false },
    ]);
    expect(serviceTypeItems([], '')).toEqual([{ value: '', text: 'Any type', selected: true }]);
  });
});

describe('summarise', () => {
  it('keeps short text and cuts long text at a word', () => {
    expect(summarise('  Short   text ')).toBe('Short text');
    expect(summarise('')).toBeNull();
    expect(summarise(null)).toBeNull();
    const long = 'word '.repeat(100);
    const cut = summarise(long, 50) ?? '';
    expect(cut.endsWith('word…')).toBe(true);
    expect(cut.length).toBeLessThanOrEqual(51);
  });
});

describe('paginationFor', () => {
  const form = readSearchForm({ q: 'cafe' });

  it('has no pagination for one page', () => {
    expect(paginationFor(form, 1, 1)).toBeNull();
  });

  it('shows first, last, neighbours and ellipses', () => {
    const p = paginationFor(form, 5, 10);
    expect(p?.items.map((i) => (i.ellipsis === true ? '…' : String(i.number)))).toEqual([
      '1',
      '…',
      '4',
      '5',
      '6',
      '…',
      '10',
    ]);
    expect(p?.items.find((i) => i.current === true)?.number).toBe(5);
    expect(p?.previous?.href).toBe('/directory?q=cafe&page=4');
    expect(p?.next?.href).toBe('/directory?q=cafe&page=6');
    expect(p?.items[0]?.href).toBe('/directory?q=cafe');
  });

  it('keeps the type of service in every link', () => {
    const typed = readSearchForm({ q: 'cafe', type: '6f1c2b9e-8d3a-4f5b-9c7d-1e2f3a4b5c6d' });
    expect(paginationFor(typed, 1, 2)?.next?.href).toBe(
      '/directory?q=cafe&type=6f1c2b9e-8d3a-4f5b-9c7d-1e2f3a4b5c6d&page=2',
    );
  });

  it('has no previous link on the first page and no next link on the last', () => {
    expect(paginationFor(form, 1, 3)?.previous).toBeUndefined();
    expect(paginationFor(form, 3, 3)?.next).toBeUndefined();
  });
});

describe('buildSearchPageView', () => {
  it('builds cards with distance, wait, capacity tag, delivery modes and freshness', () => {
    const view = buildSearchPageView({ form: readSearchForm({ q: 'tea' }), result: result(), errors: [] });
    expect(view.heading).toBe('1 service found');
    expect(view.results[0]).toMatchObject({
      href: '/directory/services/6f1c2b9e-8d3a-4f5b-9c7d-1e2f3a4b5c6d?q=tea',
      distance: '1.2 km away',
      wait: "About 3 weeks' wait",
      capacity: { text: 'Waiting list', colour: 'yellow' },
      deliveryModes: 'In person, By phone',
      checked: 'Last checked 3 March 2026',
      needsChecking: false,
    });
    expect(view.needItems.find((i) => i.value === 'loneliness')?.text).toBe('Loneliness and isolation (1)');
    expect(view.needItems.find((i) => i.value === 'housing')?.text).toBe('Housing (0)');
  });

  it('says "Needs checking" for a stale or never-checked listing', () => {
    const stale = buildSearchPageView({
      form: readSearchForm({ q: 'tea' }),
      result: result({ hits: [hit({ needsChecking: true }), hit({ assuredDate: null })] }),
      errors: [],
    });
    expect(stale.results.map((r) => r.checked)).toEqual(['Needs checking', 'Needs checking']);
  });

  it('shows no counts before a search and ticks what was chosen', () => {
    const view = buildSearchPageView({
      form: readSearchForm({ needs: 'housing', distance: '25' }),
      result: null,
      errors: [],
    });
    expect(view.searched).toBe(false);
    expect(view.needItems.find((i) => i.value === 'housing')).toEqual({
      value: 'housing',
      text: 'Housing',
      checked: true,
    });
    expect(view.distanceItems.filter((d) => d.selected).map((d) => d.value)).toEqual(['25']);
  });

  it('selects 10 km when no distance was chosen', () => {
    const view = buildSearchPageView({ form: readSearchForm({}), result: null, errors: [] });
    expect(view.distanceItems.filter((d) => d.selected).map((d) => d.value)).toEqual(['10']);
  });

  it('offers the first page when the page number is past the end', () => {
    const view = buildSearchPageView({
      form: readSearchForm({ q: 'tea', page: '9' }),
      result: result({ hits: [], total: 23, page: 9, totalPages: 2 }),
      errors: [],
    });
    expect(view.heading).toBe('23 services found');
    expect(view.firstPageHref).toBe('/directory?q=tea');
  });

  it('turns errors into the summary list and inline messages', () => {
    const view = buildSearchPageView({
      form: readSearchForm({ postcode: 'xx' }),
      result: null,
      errors: [{ field: 'postcode', text: 'Enter a postcode' }],
    });
    expect(view.errorList).toEqual([{ text: 'Enter a postcode', href: '#postcode' }]);
    expect(view.errors).toEqual({ postcode: { text: 'Enter a postcode' } });
  });
});

describe('pageErrorsFromIssues', () => {
  it('maps schema fields to form fields, in page order, with the page content', () => {
    const form = readSearchForm({ age: 'old', postcode: 'BFPO 123', needs: 'x' });
    const errors = pageErrorsFromIssues(
      [
        { field: 'age', message: 'Age must be a whole number, like 42' },
        { field: 'needs', message: 'Select needs from the list' },
        { field: 'postcode', message: 'Enter a UK postcode, not a BFPO number' },
      ],
      form,
    );
    expect(errors).toEqual([
      { field: 'postcode', text: directoryContent['pages.directory.postcode.validationError.bfpo'] },
      { field: 'needs', text: directoryContent['pages.directory.needs.validationError.invalid'] },
      { field: 'age', text: directoryContent['pages.directory.age.validationError.integer'] },
    ]);
  });

  it('picks the age rule from what was typed', () => {
    const errors = pageErrorsFromIssues([{ field: 'age', message: 'x' }], readSearchForm({ age: '-3' }));
    expect(errors).toEqual([
      { field: 'age', text: directoryContent['pages.directory.age.validationError.range'] },
    ]);
  });

  it('puts a distance without a postcode on the postcode field', () => {
    const errors = pageErrorsFromIssues(
      [{ field: 'radiusKm', message: 'x' }],
      readSearchForm({ distance: '5' }),
    );
    expect(errors).toEqual([
      { field: 'postcode', text: directoryContent['pages.directory.postcode.validationError.required'] },
    ]);
  });
});

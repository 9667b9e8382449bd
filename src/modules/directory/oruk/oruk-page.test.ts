import { describe, expect, it } from 'vitest';
import { toOrukPage } from './oruk-page.ts';

describe('toOrukPage', () => {
  it.each([
    // total, page, perPage, items on page -> total_pages, first, last, empty
    { total: 0, page: 1, perPage: 50, items: 0, totalPages: 0, first: true, last: true, empty: true },
    { total: 1, page: 1, perPage: 50, items: 1, totalPages: 1, first: true, last: true, empty: false },
    { total: 50, page: 1, perPage: 50, items: 50, totalPages: 1, first: true, last: true, empty: false },
    { total: 51, page: 1, perPage: 50, items: 50, totalPages: 2, first: true, last: false, empty: false },
    { total: 51, page: 2, perPage: 50, items: 1, totalPages: 2, first: false, last: true, empty: false },
    { total: 10, page: 5, perPage: 3, items: 0, totalPages: 4, first: false, last: true, empty: true },
    { total: 10, page: 2, perPage: 3, items: 3, totalPages: 4, first: false, last: false, empty: false },
  ])('total $total, page $page of $perPage per page', ({ total, page, perPage, items, ...want }) => {
    const contents = Array.from({ length: items }, (_, i) => i);
    expect(toOrukPage(contents, { total, page, perPage })).toEqual({
      total_items: total,
      total_pages: want.totalPages,
      page_number: page,
      size: items,
      first_page: want.first,
      last_page: want.last,
      empty: want.empty,
      contents,
    });
  });
});

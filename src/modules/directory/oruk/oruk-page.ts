// The ORUK page envelope every list endpoint returns (uk-profile openapi.json `#/components/schemas/Page`).

export interface OrukPage<T> {
  /** Every item matching the query, across all pages. */
  total_items: number;
  /** ceil(total_items / per_page); 0 when nothing matches. */
  total_pages: number;
  /** The page requested, from 1. */
  page_number: number;
  /** The number of items on this page ("the number of entities in the current page"). */
  size: number;
  first_page: boolean;
  /** True on the last page, and on any page past it. */
  last_page: boolean;
  /** True when this page has no items. */
  empty: boolean;
  contents: T[];
}

/**
 * Wraps one page of items in the ORUK envelope.
 * @param contents - the items on this page
 * @param paging - the total across all pages, the page number (from 1) and the page size asked for
 */
export function toOrukPage<T>(
  contents: T[],
  paging: { total: number; page: number; perPage: number },
): OrukPage<T> {
  const totalPages = Math.ceil(paging.total / paging.perPage);
  return {
    total_items: paging.total,
    total_pages: totalPages,
    page_number: paging.page,
    size: contents.length,
    first_page: paging.page === 1,
    last_page: paging.page >= totalPages,
    empty: contents.length === 0,
    contents,
  };
}

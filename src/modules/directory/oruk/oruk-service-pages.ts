import type { Kysely } from 'kysely';
import type { Database } from '../../../db/database.ts';
import {
  readPageBoundaries,
  readServiceListVersion,
  seekServiceIds,
  type PageBoundary,
} from './oruk-service-pages.repository.ts';

// Pages of the unfiltered service list, by seek instead of OFFSET (see oruk-service-pages.repository.ts).
// Page boundaries are computed once per page size and kept while the tenant's services are unchanged: every
// request reads the list version (two index lookups) and recomputes the boundaries when it has moved, so a
// page is never built from stale boundaries. Concurrent requests share one computation.

const MAX_PAGE_SIZES_KEPT = 8;

interface Entry {
  version: string;
  boundaries: Promise<PageBoundary[]>;
}

/** Boundaries per page size, for one tenant; owned by the ORUK routes of one app instance. */
export class PageBoundaryCache {
  private readonly entries = new Map<number, Entry>();

  /**
   * The boundaries for this page size at this version, computing them when missing or stale.
   * @param version - the current list version
   * @param perPage - the page size
   * @param compute - reads the boundaries from the database
   */
  boundaries(
    version: string,
    perPage: number,
    compute: () => Promise<PageBoundary[]>,
  ): Promise<PageBoundary[]> {
    const entry = this.entries.get(perPage);
    if (entry?.version === version) {
      return entry.boundaries;
    }
    const boundaries = compute();
    this.entries.delete(perPage);
    this.entries.set(perPage, { version, boundaries });
    // A failed computation must not stay cached.
    boundaries.catch(() => {
      if (this.entries.get(perPage)?.boundaries === boundaries) {
        this.entries.delete(perPage);
      }
    });
    if (this.entries.size > MAX_PAGE_SIZES_KEPT) {
      const oldest = this.entries.keys().next();
      if (oldest.done !== true) {
        this.entries.delete(oldest.value);
      }
    }
    return boundaries;
  }
}

/**
 * One page of all the tenant's services (no filters), in name order, and the total.
 * @param db - the database
 * @param tenantId - the tenant
 * @param options - page, page size and the instance's boundary cache
 */
export async function pageAllServiceIds(
  db: Kysely<Database>,
  tenantId: string,
  options: { page: number; perPage: number; cache: PageBoundaryCache },
): Promise<{ total: number; items: string[] }> {
  const { page, perPage, cache } = options;
  const { total, version } = await readServiceListVersion(db, tenantId);
  if (page === 1) {
    return { total, items: await seekServiceIds(db, tenantId, null, perPage) };
  }
  if ((page - 1) * perPage >= total) {
    return { total, items: [] };
  }
  const boundaries = await cache.boundaries(version, perPage, () =>
    readPageBoundaries(db, tenantId, perPage),
  );
  const after = boundaries.at(page - 2);
  return { total, items: after === undefined ? [] : await seekServiceIds(db, tenantId, after, perPage) };
}

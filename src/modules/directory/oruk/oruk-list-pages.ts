import type { Kysely } from 'kysely';
import type { Database } from '../../../db/database.ts';
import {
  readListVersion,
  readServiceAtLocationBoundaries,
  readServiceBoundaries,
  seekServiceAtLocations,
  seekServiceIds,
  type CountedEntity,
  type ServiceAtLocationRow,
} from './oruk-list-pages.repository.ts';

// Pages of the unfiltered service and service_at_location lists, by seek instead of OFFSET
// (see oruk-list-pages.repository.ts). Page boundaries are computed once per list and page size and kept
// while the list is unchanged: every request reads the list version (one index lookup) and recomputes the
// boundaries when it has moved, so a page is never built from stale boundaries. Concurrent requests share
// one computation.

const MAX_LISTS_KEPT = 8;

interface Entry {
  version: string;
  boundaries: Promise<unknown[]>;
}

/** Page boundaries per list and page size, for one tenant; owned by the ORUK routes of one app instance. */
export class PageBoundaryCache {
  private readonly entries = new Map<string, Entry>();

  /**
   * The boundaries of this list at this version, computing them when missing or stale.
   * @param key - the list and page size; one key always holds one boundary type
   * @param version - the list's current version
   * @param compute - reads the boundaries from the database
   */
  boundaries<T>(key: string, version: string, compute: () => Promise<T[]>): Promise<T[]> {
    const entry = this.entries.get(key);
    if (entry?.version === version) {
      return entry.boundaries as Promise<T[]>;
    }
    const boundaries = compute();
    this.entries.delete(key);
    this.entries.set(key, { version, boundaries });
    // A failed computation must not stay cached.
    boundaries.catch(() => {
      if (this.entries.get(key)?.boundaries === boundaries) {
        this.entries.delete(key);
      }
    });
    if (this.entries.size > MAX_LISTS_KEPT) {
      const oldest = this.entries.keys().next();
      if (oldest.done !== true) {
        this.entries.delete(oldest.value);
      }
    }
    return boundaries;
  }
}

interface SeekOptions {
  page: number;
  perPage: number;
  cache: PageBoundaryCache;
}

async function seekPage<B, R>(
  db: Kysely<Database>,
  tenantId: string,
  list: {
    entity: CountedEntity;
    options: SeekOptions;
    boundaries: (perPage: number) => Promise<B[]>;
    seek: (after: B | null) => Promise<R[]>;
  },
): Promise<{ total: number; items: R[] }> {
  const { page, perPage, cache } = list.options;
  const { total, version } = await readListVersion(db, tenantId, list.entity);
  if (page === 1) {
    return { total, items: await list.seek(null) };
  }
  if ((page - 1) * perPage >= total) {
    return { total, items: [] };
  }
  const boundaries = await cache.boundaries(`${list.entity}:${perPage}`, version, () =>
    list.boundaries(perPage),
  );
  const after = boundaries.at(page - 2);
  return { total, items: after === undefined ? [] : await list.seek(after) };
}

/**
 * One page of all the tenant's services (no filters), in name order, and the total.
 * @param db - the database
 * @param tenantId - the tenant
 * @param options - page, page size and the instance's boundary cache
 */
export function pageAllServiceIds(
  db: Kysely<Database>,
  tenantId: string,
  options: SeekOptions,
): Promise<{ total: number; items: string[] }> {
  return seekPage(db, tenantId, {
    entity: 'service',
    options,
    boundaries: (perPage) => readServiceBoundaries(db, tenantId, perPage),
    seek: (after) => seekServiceIds(db, tenantId, after, options.perPage),
  });
}

/**
 * One page of all the tenant's service_at_locations (no filters), in id order, and the total.
 * @param db - the database
 * @param tenantId - the tenant
 * @param options - page, page size and the instance's boundary cache
 */
export function pageAllServiceAtLocations(
  db: Kysely<Database>,
  tenantId: string,
  options: SeekOptions,
): Promise<{ total: number; items: ServiceAtLocationRow[] }> {
  return seekPage(db, tenantId, {
    entity: 'service_at_location',
    options,
    boundaries: (perPage) => readServiceAtLocationBoundaries(db, tenantId, perPage),
    seek: (after) => seekServiceAtLocations(db, tenantId, after, options.perPage),
  });
}

import type { Kysely } from 'kysely';
import type { Database } from '../../../db/database.ts';
import {
  boundingBox,
  resolvePostcode,
  type Coordinates,
  type ResolvedPostcode,
} from '../../geo/geo.service.ts';
import { cellWordsCovering } from './search-cells.ts';
import { findSearchPage, type SearchCriteria, type SearchPageRow } from './search-query.repository.ts';
import { capacityCutoff, listingNeedsChecking } from './search-ranking.ts';
import {
  RARE_WORD_DOCUMENTS,
  selectSearchTerms,
  tokenizeSearchText,
  type SearchTerm,
} from './search-text.ts';
import { lookUpSearchWords } from './search.repository.ts';
import type { DirectorySearchHit, DirectorySearchQuery, DirectorySearchResult } from './search.types.ts';

export type SearchErrorCode = 'InvalidPostcode' | 'PostcodeNotFound';

/** Why a search could not run; the caller shows `message` against `field` (a 400 for the API). */
export interface SearchError {
  code: SearchErrorCode;
  field: 'postcode';
  message: string;
}

export type SearchDirectoryResult =
  { ok: true; value: DirectorySearchResult } | { ok: false; error: SearchError };

export interface SearchDirectoryOptions {
  tenantId: string;
  query: DirectorySearchQuery;
  /** The time of the search: capacity ageing and listing freshness are measured from it. */
  now: Date;
  capacityStaleDays: number;
  listingStaleDays: number;
}

export const DEFAULT_PER_PAGE = 20;
export const MAX_PER_PAGE = 100;
/** Candidate corrections fetched per unknown word, before selectSearchTerms keeps the best. */
const LEXICON_CANDIDATES = 10;

async function resolveTerms(
  db: Kysely<Database>,
  tenantId: string,
  text: string | undefined,
): Promise<SearchTerm[]> {
  const words = tokenizeSearchText(text ?? '');
  if (words.length === 0) {
    return [];
  }
  return selectSearchTerms(
    await lookUpSearchWords(db, tenantId, words, {
      rareBelow: RARE_WORD_DOCUMENTS,
      candidates: LEXICON_CANDIDATES,
    }),
  );
}

function toHit(row: SearchPageRow, options: SearchDirectoryOptions): DirectorySearchHit {
  return {
    id: row.serviceId,
    name: row.name,
    organizationName: row.organizationName,
    description: row.description,
    status: row.status,
    capacity: {
      effective: row.effectiveCapacity,
      recorded: row.capacityStatus,
      waitWeeks: row.capacityWaitWeeks,
      updatedAt: row.capacityUpdatedAt,
      updatedBy: row.capacityUpdatedBy,
    },
    deliveryModes: row.deliveryModes,
    referralRoutes: row.referralRoutes,
    needs: row.needs,
    minimumAge: row.minimumAge,
    maximumAge: row.maximumAge,
    free: row.free,
    distanceKm: row.distanceKm,
    locality: row.locality,
    postcode: row.postcode,
    assuredDate: row.assuredDate,
    needsChecking: listingNeedsChecking(row.assuredDate, options.now, options.listingStaleDays),
    lastModified: row.lastModified,
    score: row.score,
  };
}

function searchRadius(origin: Coordinates, km: number): SearchCriteria['radius'] {
  const box = boundingBox(origin, km);
  return { km, box, cells: cellWordsCovering(box) };
}

/**
 * Searches the directory: free text (stemmed, typo-tolerant), filters, distance, ranking and facets.
 * @param db - the database
 * @param options - the tenant, the query and the clock and freshness settings
 * @returns one page of results with facet counts, or a postcode error for the caller to show
 */
export async function searchDirectory(
  db: Kysely<Database>,
  options: SearchDirectoryOptions,
): Promise<SearchDirectoryResult> {
  const { query, tenantId } = options;
  let origin: ResolvedPostcode | null = null;
  if (query.postcode !== undefined && query.postcode.trim() !== '') {
    const resolved = await resolvePostcode(db, query.postcode);
    if (!resolved.ok) {
      return { ok: false, error: { code: resolved.error, field: 'postcode', message: resolved.message } };
    }
    origin = resolved.value;
  }
  const page = Math.max(1, Math.trunc(query.page ?? 1));
  const perPage = Math.min(MAX_PER_PAGE, Math.max(1, Math.trunc(query.perPage ?? DEFAULT_PER_PAGE)));
  const radiusKm =
    origin !== null && query.radiusKm !== undefined && query.radiusKm > 0 ? query.radiusKm : null;
  const found = await findSearchPage(db, {
    tenantId,
    terms: await resolveTerms(db, tenantId, query.text),
    needs: query.needs ?? [],
    taxonomyTermIds: query.taxonomyTermIds ?? [],
    deliveryModes: query.deliveryModes ?? [],
    capacity: query.capacity ?? [],
    age: query.age ?? null,
    cost: query.cost ?? null,
    origin,
    radius: origin !== null && radiusKm !== null ? searchRadius(origin, radiusKm) : null,
    capacityCutoff: capacityCutoff(options.now, options.capacityStaleDays),
    limit: perPage,
    offset: (page - 1) * perPage,
  });
  const hits = found.rows.map((row) => toHit(row, options));
  return {
    ok: true,
    value: {
      hits,
      total: found.total,
      page,
      perPage,
      totalPages: Math.ceil(found.total / perPage),
      facets: found.facets,
      origin,
    },
  };
}

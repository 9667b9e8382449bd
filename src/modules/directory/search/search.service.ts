import type { Kysely } from 'kysely';
import type { Database } from '../../../db/database.ts';
import { boundingBox, resolvePostcode, type ResolvedPostcode } from '../../geo/geo.service.ts';
import { findSearchHitDetails, findSearchPage, type SearchPageRow } from './search-query.repository.ts';
import { completeFacets } from './search-facets.ts';
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

function toHit(
  row: SearchPageRow,
  details: Awaited<ReturnType<typeof findSearchHitDetails>>[number],
  options: SearchDirectoryOptions,
): DirectorySearchHit {
  return {
    id: details.id,
    name: details.name,
    organizationName: details.organizationName,
    description: details.description,
    status: details.status,
    capacity: {
      effective: row.effectiveCapacity,
      recorded: details.capacityStatus,
      waitWeeks: details.capacityWaitWeeks,
      updatedAt: details.capacityUpdatedAt,
      updatedBy: details.capacityUpdatedBy,
    },
    deliveryModes: details.deliveryModes,
    referralRoutes: details.referralRoutes,
    needs: details.needs,
    minimumAge: details.minimumAge,
    maximumAge: details.maximumAge,
    free: details.free,
    distanceKm: row.distanceKm,
    locality: details.locality,
    postcode: details.postcode,
    assuredDate: details.assuredDate,
    needsChecking: listingNeedsChecking(details.assuredDate, options.now, options.listingStaleDays),
    lastModified: details.lastModified,
    score: row.score,
  };
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
    radius:
      origin !== null && radiusKm !== null ? { km: radiusKm, box: boundingBox(origin, radiusKm) } : null,
    capacityCutoff: capacityCutoff(options.now, options.capacityStaleDays),
    limit: perPage,
    offset: (page - 1) * perPage,
  });
  const details = new Map(
    (
      await findSearchHitDetails(
        db,
        tenantId,
        found.rows.map((r) => r.serviceId),
      )
    ).map((d) => [d.id, d]),
  );
  const hits = found.rows.flatMap((row) => {
    const detail = details.get(row.serviceId);
    return detail === undefined ? [] : [toHit(row, detail, options)];
  });
  return {
    ok: true,
    value: {
      hits,
      total: found.total,
      page,
      perPage,
      totalPages: Math.ceil(found.total / perPage),
      facets: completeFacets(found.facets),
      origin,
    },
  };
}

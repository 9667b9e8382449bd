import type { CapacityStatus } from '../vocabulary.ts';

// How directory search ranks and limits results. Pure: the SQL in search-query.repository.ts uses these
// numbers as bound parameters, so the formula lives in one place.
//
//   score = relevance × distance × capacity
//
// - relevance: 1 without free text; otherwise ts_rank_cd(document, query, 32), i.e. cover density over
//   weights A name (1.0), B needs and taxonomy terms (0.4), C description and organisation (0.2), scaled
//   into 0-1 by rank / (rank + 1), times an exactness factor: each query word the service matched only
//   through a spelling correction costs FUZZY_PENALTY / (number of words), so exact matches rank first.
// - distance: 1 without a postcode; otherwise DISTANCE_HALF_KM / (DISTANCE_HALF_KM + km), which halves the
//   score at 5 km and thirds it at 10 km. A service with no location, when no radius limits the search,
//   counts as UNLOCATED_DISTANCE_KM away.
// - capacity: CAPACITY_WEIGHTS of the effective status (after ageing), so services taking people come first.
// Ties break on name, then id, so pages are stable.

export const CAPACITY_WEIGHTS: Record<CapacityStatus, number> = {
  accepting: 1,
  waitlist: 0.85,
  assessment_required: 0.8,
  unknown: 0.7,
  paused: 0.4,
  closed: 0.3,
};

export const FUZZY_PENALTY = 0.5;
export const DISTANCE_HALF_KM = 5;
export const UNLOCATED_DISTANCE_KM = 25;
/** Mean Earth radius (IUGG) for the haversine in SQL; the same radius as the geo module's haversineKm. */
export const EARTH_RADIUS_KM = 6371.0088;

/**
 * The distance factor of the score.
 * @param km - distance from the searched postcode, or null when no postcode was given
 */
export function distanceFactor(km: number | null): number {
  return km === null ? 1 : DISTANCE_HALF_KM / (DISTANCE_HALF_KM + km);
}

/**
 * The instant before which a capacity status counts as `unknown`.
 * @param now - the time of the search
 * @param capacityStaleDays - CAPACITY_STALE_DAYS
 */
export function capacityCutoff(now: Date, capacityStaleDays: number): Date {
  return new Date(now.getTime() - capacityStaleDays * 86_400_000);
}

/**
 * Whether a listing is due to be re-confirmed: never assured, or assured longer ago than the limit.
 * @param assuredDate - ORUK `assured_date` (`YYYY-MM-DD`) or null
 * @param now - the time of the search
 * @param listingStaleDays - LISTING_STALE_DAYS
 */
export function listingNeedsChecking(
  assuredDate: string | null,
  now: Date,
  listingStaleDays: number,
): boolean {
  if (assuredDate === null) {
    return true;
  }
  const assured = Date.parse(`${assuredDate}T00:00:00Z`);
  if (Number.isNaN(assured)) {
    return true;
  }
  const today = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate());
  return today - assured > listingStaleDays * 86_400_000;
}

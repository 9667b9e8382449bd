import type { CapacityStatus, DeliveryMode, ReferralRoute } from '../vocabulary.ts';

// The contract between directory search (search.service.ts) and its callers: the public /directory page,
// the JSON API (/api/directory/search) and, later, navigator and link-worker pickers.

export type CostFilter = 'free' | 'paid';

export interface DirectorySearchQuery {
  /** Free text; stemmed and typo-tolerant. */
  text?: string;
  needs?: string[];
  taxonomyTermIds?: string[];
  deliveryModes?: DeliveryMode[];
  /** Effective capacity (a status older than CAPACITY_STALE_DAYS counts as `unknown`). */
  capacity?: CapacityStatus[];
  /** The person's age in years: services whose age range includes it. */
  age?: number;
  cost?: CostFilter;
  /** A UK postcode (full, sector or district); with `radiusKm` it limits and ranks by distance. */
  postcode?: string;
  radiusKm?: number;
  page?: number;
  perPage?: number;
}

export interface DirectorySearchHit {
  id: string;
  name: string;
  organizationName: string | null;
  description: string | null;
  status: string;
  capacity: {
    /** After ageing: `unknown` when the last update is older than the configured number of days. */
    effective: CapacityStatus;
    recorded: CapacityStatus;
    waitWeeks: number | null;
    updatedAt: Date | null;
    updatedBy: string | null;
  };
  deliveryModes: DeliveryMode[];
  referralRoutes: ReferralRoute[];
  needs: string[];
  minimumAge: number | null;
  maximumAge: number | null;
  free: boolean | null;
  /** Kilometres from the searched postcode, when one was given and the service has a location. */
  distanceKm: number | null;
  locality: string | null;
  postcode: string | null;
  assuredDate: string | null;
  /** True when assured_date is missing or older than LISTING_STALE_DAYS. */
  needsChecking: boolean;
  lastModified: Date | null;
  score: number;
}

export interface FacetCount {
  value: string;
  count: number;
}

export interface DirectorySearchResult {
  hits: DirectorySearchHit[];
  total: number;
  page: number;
  perPage: number;
  totalPages: number;
  facets: {
    needs: FacetCount[];
    deliveryModes: FacetCount[];
    capacity: FacetCount[];
    cost: FacetCount[];
  };
  /** The resolved search origin, when a postcode was given. */
  origin: {
    postcode: string;
    latitude: number;
    longitude: number;
    precision: 'postcode' | 'sector' | 'district';
  } | null;
}

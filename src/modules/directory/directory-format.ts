import {
  CAPACITY_LABELS,
  DELIVERY_MODE_LABELS,
  REFERRAL_ROUTE_LABELS,
  findNeed,
  type CapacityStatus,
  type DeliveryMode,
  type ReferralRoute,
} from './vocabulary.ts';

// Small, pure formatters shared by the public directory pages. Words follow the NHS.UK content style.

export type TagColour = 'green' | 'yellow' | 'orange' | 'red' | 'blue' | 'grey';

export interface CapacityTag {
  text: string;
  colour: TagColour;
}

const CAPACITY_COLOURS: Record<CapacityStatus, TagColour> = {
  accepting: 'green',
  waitlist: 'yellow',
  paused: 'orange',
  closed: 'red',
  assessment_required: 'blue',
  unknown: 'grey',
};

/**
 * The NHS.UK tag for a capacity status. The words carry the meaning; the colour only repeats it.
 * @param status - the effective (aged) capacity status
 */
export function capacityTag(status: CapacityStatus): CapacityTag {
  return { text: CAPACITY_LABELS[status], colour: CAPACITY_COLOURS[status] };
}

/**
 * "1.2 km away" (one decimal under 10 km, whole kilometres beyond).
 * @param km - distance in kilometres
 */
export function formatDistance(km: number | null): string | null {
  if (km === null || !Number.isFinite(km) || km < 0) {
    return null;
  }
  if (km < 0.1) {
    return 'Less than 0.1 km away';
  }
  return km < 10 ? `${km.toFixed(1)} km away` : `${Math.round(km)} km away`;
}

/**
 * "About 6 weeks' wait"; null when no wait is recorded.
 * @param weeks - expected wait in weeks
 */
export function formatWait(weeks: number | null): string | null {
  if (weeks === null || !Number.isFinite(weeks) || weeks < 0) {
    return null;
  }
  if (weeks === 0) {
    return 'No wait';
  }
  return weeks === 1 ? "About 1 week's wait" : `About ${weeks} weeks' wait`;
}

/**
 * Who a service is for by age: "All ages", "18 and over", "Up to 25", "16 to 25".
 * @param min - minimum age, or null
 * @param max - maximum age, or null
 */
export function formatAgeRange(min: number | null, max: number | null): string {
  if (min !== null && min > 0 && max !== null) {
    return `${min} to ${max}`;
  }
  if (min !== null && min > 0) {
    return `${min} and over`;
  }
  return max === null ? 'All ages' : `Up to ${max}`;
}

const DAY_MS = 86_400_000;

/**
 * How long ago something happened, in whole days, the NHS.UK way: "today", "yesterday", "3 days ago",
 * "2 weeks ago", "5 months ago".
 * @param then - when it happened
 * @param now - the current time
 */
export function formatTimeAgo(then: Date, now: Date): string {
  const days = Math.floor((now.getTime() - then.getTime()) / DAY_MS);
  if (days <= 0) {
    return 'today';
  }
  if (days === 1) {
    return 'yesterday';
  }
  if (days < 14) {
    return `${days} days ago`;
  }
  if (days < 60) {
    return `${Math.floor(days / 7)} weeks ago`;
  }
  if (days < 730) {
    return `${Math.round(days / 30.44)} months ago`;
  }
  return `${Math.floor(days / 365.25)} years ago`;
}

/**
 * "3 March 2026" in UK time.
 * @param value - a Date or an ISO date string (`YYYY-MM-DD` is read as that calendar day)
 */
export function formatLongDate(value: Date | string | null): string | null {
  if (value === null || value === '') {
    return null;
  }
  const date =
    typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value)
      ? new Date(`${value}T12:00:00Z`)
      : new Date(value);
  if (Number.isNaN(date.getTime())) {
    return null;
  }
  return date.toLocaleDateString('en-GB', {
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    timeZone: 'Europe/London',
  });
}

/** Labels for delivery modes, in vocabulary order, skipping unknown codes. */
export function deliveryModeLabels(modes: readonly string[]): string[] {
  return modes
    .filter((m): m is DeliveryMode => m in DELIVERY_MODE_LABELS)
    .map((m) => DELIVERY_MODE_LABELS[m]);
}

/** Plain-word labels for referral routes, skipping unknown codes. */
export function referralRouteLabels(routes: readonly string[]): string[] {
  return routes
    .filter((r): r is ReferralRoute => r in REFERRAL_ROUTE_LABELS)
    .map((r) => REFERRAL_ROUTE_LABELS[r]);
}

/** Labels for need codes; unknown codes are skipped. */
export function needLabels(codes: readonly string[]): string[] {
  return codes.flatMap((code) => {
    const need = findNeed(code);
    return need === undefined ? [] : [need.label];
  });
}

/**
 * An absolute http(s) URL for a link, or null: anything else (javascript:, relative, malformed) is not
 * linked, because directory data comes from outside feeds.
 * @param value - a URL from the directory
 */
export function safeWebUrl(value: string | null): string | null {
  if (value === null) {
    return null;
  }
  const trimmed = value.trim();
  const withScheme = /^www\./i.test(trimmed) ? `https://${trimmed}` : trimmed;
  try {
    const url = new URL(withScheme);
    return url.protocol === 'https:' || url.protocol === 'http:' ? url.toString() : null;
  } catch {
    return null;
  }
}

/**
 * A phone number as a `tel:` href (digits and a leading +), or null when it has no digits.
 * @param number - the number as written
 */
export function telHref(number: string): string | null {
  const digits = number.replace(/[^\d+]/g, '');
  return /\d{3,}/.test(digits) ? `tel:${digits}` : null;
}

import type { ImportedService } from '../src/modules/directory/directory.repository.ts';
import { tokenizeSearchText } from '../src/modules/directory/search/search-text.ts';
import { createRandom } from '../scripts/synthetic-directory.ts';

// The benchmark's query mix: each query is drawn from one generated service (two of its words, one of
// its needs, 10 km around its postcode district), so queries have the selectivity of real ones.

export interface BenchQuery {
  text: string;
  words: [string, string];
  need: string;
  /** A postcode district, e.g. `LS6`. */
  district: string;
  radiusKm: number;
}

const STOP = new Set([
  'with',
  'from',
  'your',
  'their',
  'that',
  'this',
  'will',
  'have',
  'over',
  'based',
  'what',
  'when',
]);

/**
 * Picks which generated services queries are drawn from.
 * @param count - services generated
 * @param queries - queries wanted
 * @param seed - PRNG seed
 */
export function pickQuerySources(count: number, queries: number, seed: number): Map<number, number> {
  const random = createRandom(seed ^ 0x5eed);
  const picks = new Map<number, number>();
  for (let q = 0; q < queries; q++) {
    const index = Math.floor(random() * count);
    picks.set(index, (picks.get(index) ?? 0) + 1);
  }
  return picks;
}

/**
 * A query drawn from one service.
 * @param item - the generated service
 * @param random - the PRNG
 * @returns the query, or null when the service has too few words or no postcode
 */
export function queryFromService(item: ImportedService, random: () => number): BenchQuery | null {
  const { service, signpost } = item;
  const words = tokenizeSearchText(`${service.name} ${service.description ?? ''}`).filter(
    (w) => w.length >= 4 && !STOP.has(w) && !/^[0-9]+$/.test(w),
  );
  const postcode = service.service_at_locations?.[0]?.location?.addresses?.[0]?.postal_code;
  const need = signpost?.needs?.[0];
  if (words.length < 2 || postcode === undefined || need === undefined) {
    return null;
  }
  const first = words.splice(Math.floor(random() * words.length), 1)[0] ?? '';
  const second = words[Math.floor(random() * words.length)] ?? '';
  return {
    text: `${first} ${second}`,
    words: [first, second],
    need,
    district: postcode.split(' ')[0] ?? postcode,
    radiusKm: 10,
  };
}

export interface Percentiles {
  p50: number;
  p95: number;
  p99: number;
}

/**
 * Nearest-rank percentiles of a list of durations.
 * @param values - milliseconds
 */
export function percentiles(values: readonly number[]): Percentiles {
  const sorted = [...values].sort((a, b) => a - b);
  const at = (q: number): number => sorted[Math.max(0, Math.ceil(q * sorted.length) - 1)] ?? Number.NaN;
  return { p50: at(0.5), p95: at(0.95), p99: at(0.99) };
}

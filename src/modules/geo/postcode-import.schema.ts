import type { PostcodeRow } from './geo.repository.ts';
import { parseFullPostcode } from './postcode.ts';

// Header and row validation for postcode files (`npm run import:postcodes`). Pure.

/** Accepted header names, most preferred first (case-insensitive). ONS NSPL/ONSPD use pcds/pcd, lat, long. */
export const POSTCODE_COLUMNS = {
  postcode: ['postcode', 'pcds', 'pcd', 'pcd2', 'postal_code'],
  latitude: ['lat', 'latitude'],
  longitude: ['lon', 'long', 'longitude', 'lng'],
} as const;

export type PostcodeField = keyof typeof POSTCODE_COLUMNS;
export type PostcodeColumnIndexes = Record<PostcodeField, number>;

/**
 * Where the UK lies, generously (Scilly and the Channel Islands to Shetland, Rockall-free). ONS files
 * mark a postcode without coordinates as 99.999999 / 0.000000, which falls outside.
 */
export const UK_BOUNDS = { minLatitude: 49, maxLatitude: 61, minLongitude: -8.7, maxLongitude: 2 } as const;

export type RowProblem = 'MissingValue' | 'InvalidPostcode' | 'InvalidCoordinates' | 'OutsideUk';

export const ROW_PROBLEM_MESSAGES: Record<RowProblem, string> = {
  MissingValue: 'postcode, latitude or longitude is empty',
  InvalidPostcode: 'not a full UK postcode',
  InvalidCoordinates: 'latitude or longitude is not a number',
  OutsideUk: 'coordinates are outside the UK (or missing: 99.999999)',
};

export type HeaderResult =
  { ok: true; value: PostcodeColumnIndexes } | { ok: false; missing: PostcodeField[] };

/**
 * Finds the postcode, latitude and longitude columns in a header row.
 * @param header - the first row of the file
 */
export function findPostcodeColumns(header: string[]): HeaderResult {
  const names = header.map((h) => h.trim().toLowerCase());
  const indexes: Partial<PostcodeColumnIndexes> = {};
  const missing: PostcodeField[] = [];
  for (const field of Object.keys(POSTCODE_COLUMNS) as PostcodeField[]) {
    const index = POSTCODE_COLUMNS[field].map((alias) => names.indexOf(alias)).find((i) => i >= 0);
    if (index === undefined) {
      missing.push(field);
    } else {
      indexes[field] = index;
    }
  }
  const { postcode, latitude, longitude } = indexes;
  if (postcode === undefined || latitude === undefined || longitude === undefined) {
    return { ok: false, missing };
  }
  return { ok: true, value: { postcode, latitude, longitude } };
}

// Plain decimal degrees only: Number() would also accept '0x35', '1e1' or 'Infinity'.
const DECIMAL_RE = /^[+-]?\d{1,3}(\.\d+)?$/;

export type RowResult = { ok: true; value: PostcodeRow } | { ok: false; problem: RowProblem };

/**
 * Validates one data row.
 * @param record - the row's fields
 * @param columns - where the three fields are
 */
export function validatePostcodeRecord(record: string[], columns: PostcodeColumnIndexes): RowResult {
  const rawPostcode = (record[columns.postcode] ?? '').trim();
  const rawLatitude = (record[columns.latitude] ?? '').trim();
  const rawLongitude = (record[columns.longitude] ?? '').trim();
  if (rawPostcode === '' || rawLatitude === '' || rawLongitude === '') {
    return { ok: false, problem: 'MissingValue' };
  }
  const parsed = parseFullPostcode(rawPostcode);
  if (!parsed.ok || parsed.value.postcode === null) {
    return { ok: false, problem: 'InvalidPostcode' };
  }
  if (!DECIMAL_RE.test(rawLatitude) || !DECIMAL_RE.test(rawLongitude)) {
    return { ok: false, problem: 'InvalidCoordinates' };
  }
  const latitude = Number(rawLatitude);
  const longitude = Number(rawLongitude);
  const b = UK_BOUNDS;
  if (
    latitude < b.minLatitude ||
    latitude > b.maxLatitude ||
    longitude < b.minLongitude ||
    longitude > b.maxLongitude
  ) {
    return { ok: false, problem: 'OutsideUk' };
  }
  return { ok: true, value: { postcode: parsed.value.postcode, latitude, longitude } };
}

import type { Kysely } from 'kysely';
import type { Database } from '../../db/database.ts';
import { findBestPostcodeLocation, type PostcodePrecision } from './geo.repository.ts';
import { parsePostcodeQuery } from './postcode.ts';

// The geo module's public face: other modules import from here only.
export { boundingBox, haversineKm, type BoundingBox, type Coordinates } from './distance.ts';
export { parseFullPostcode, parsePostcodeQuery, POSTCODE_MESSAGES } from './postcode.ts';
export { ensurePostcodeReferenceData } from './postcode-reference.service.ts';
export type { PostcodePrecision } from './geo.repository.ts';

export type ResolvePostcodeError = 'InvalidPostcode' | 'PostcodeNotFound';

export interface ResolvedPostcode {
  /** What was searched for, normalised: `LS6 1AN`, `LS6 1` or `LS6`. */
  postcode: string;
  latitude: number;
  longitude: number;
  /** How precise the coordinates are: the postcode itself, or the centroid of its sector or district. */
  precision: PostcodePrecision;
}

export type ResolvePostcodeResult =
  { ok: true; value: ResolvedPostcode } | { ok: false; error: ResolvePostcodeError; message: string };

export const POSTCODE_NOT_FOUND_MESSAGE = 'We could not find that postcode. Check it and try again';

/**
 * Normalises a full postcode, sector or district: `ls61an` -> `LS6 1AN`, `ls6 1` -> `LS6 1`, `ls6` -> `LS6`.
 * @param input - the text to normalise
 * @returns the normalised text, or null when it is not a UK postcode (see parsePostcodeQuery for why)
 */
export function normalisePostcode(input: string): string | null {
  const parsed = parsePostcodeQuery(input);
  return parsed.ok ? parsed.value.text : null;
}

/**
 * Finds coordinates for a postcode, falling back from the full postcode to its sector and then its district
 * (the full-postcode table is only as complete as the last `import:postcodes`).
 * @param db - the database
 * @param input - a full postcode, sector or district, as typed
 * @returns the location and its precision, or `InvalidPostcode` / `PostcodeNotFound` with a message to show
 */
export async function resolvePostcode(db: Kysely<Database>, input: string): Promise<ResolvePostcodeResult> {
  const parsed = parsePostcodeQuery(input);
  if (!parsed.ok) {
    return { ok: false, error: parsed.error, message: parsed.message };
  }
  const { text, postcode, sector, district } = parsed.value;
  const found = await findBestPostcodeLocation(db, { postcode, sector, district });
  if (found === undefined) {
    return { ok: false, error: 'PostcodeNotFound', message: POSTCODE_NOT_FOUND_MESSAGE };
  }
  return {
    ok: true,
    value: {
      postcode: text,
      latitude: found.latitude,
      longitude: found.longitude,
      precision: found.precision,
    },
  };
}

// UK postcode parsing and normalisation. Pure: no I/O.
//
// A postcode is an outward code (area letters + district number, e.g. `LS6`, `EC1A`) and an inward code
// (sector digit + unit letters, e.g. `1AN`). Searches also accept a bare district (`LS6`) or sector (`LS6 1`).
// Decisions where the format allows a choice:
// - `GIR 0AA` (the old Girobank postcode) is a real, valid postcode: it is accepted here, and the shipped
//   ONS tables simply do not contain it, so resolving it gives `PostcodeNotFound`.
// - `BFPO 1234` (British Forces Post Office) is not a place: it is rejected with its own message.
// - Overseas territories' postcodes (`ASCN 1ZZ`, `TDCU 1ZZ`, ...) are not in the ONS data and are rejected.
// - Letters that never appear in a position (Q/V/X first, I/J/Z second, C/I/K/M/O/V in the inward code) are
//   rejected, so typing a `0` for an `O` in the area is caught here rather than as "not found".

export type PostcodeErrorCode = 'InvalidPostcode';
export type PostcodeKind = 'postcode' | 'sector' | 'district';

export type PostcodeProblem = 'missing' | 'tooLong' | 'bfpo' | 'format';

/** NHS.UK design-system style messages, one per reason a postcode is rejected. */
export const POSTCODE_MESSAGES: Record<PostcodeProblem, string> = {
  missing: 'Enter a postcode',
  tooLong: 'Postcode must be 8 characters or fewer',
  bfpo: 'Enter a UK postcode, not a BFPO number',
  format: 'Enter a real postcode, like LS1 4AP',
};

export interface ParsedPostcode {
  kind: PostcodeKind;
  /** The normalised text: `LS6 1AN`, `LS6 1` or `LS6`. */
  text: string;
  /** Outward code, i.e. the district: `LS6`. */
  district: string;
  /** `LS6 1`, or null when only a district was given. */
  sector: string | null;
  /** The full postcode `LS6 1AN`, or null for a sector or district. */
  postcode: string | null;
}

export type ParsePostcodeResult =
  | { ok: true; value: ParsedPostcode }
  | { ok: false; error: PostcodeErrorCode; problem: PostcodeProblem; message: string };

// Outward code: A9, A99, A9A, AA9, AA99, AA9A (the letter suffixes are only used in central London).
const OUTWARD =
  '(?:[A-PR-UWYZ][0-9]{1,2}|[A-PR-UWYZ][0-9][A-HJKPSTUW]|[A-PR-UWYZ][A-HK-Y][0-9]{1,2}|[A-PR-UWYZ][A-HK-Y][0-9][ABEHMNPRVWXY])';
const UNIT = '[ABD-HJLNP-UW-Z]{2}';
const FULL_RE = new RegExp(`^(${OUTWARD})([0-9])(${UNIT})$`);
const GIRO_RE = /^(GIR)(0)(AA)$/;
const DISTRICT_RE = new RegExp(`^${OUTWARD}$`);
const SECTOR_RE = new RegExp(`^(${OUTWARD}) ([0-9])$`);
// Longer input cannot be a postcode; checked before any regular expression runs on it.
const MAX_INPUT_LENGTH = 64;

function fail(problem: PostcodeProblem): ParsePostcodeResult {
  return { ok: false, error: 'InvalidPostcode', problem, message: POSTCODE_MESSAGES[problem] };
}

function fullPostcode(district: string, digit: string, unit: string): ParsePostcodeResult {
  const sector = `${district} ${digit}`;
  const postcode = `${sector}${unit}`;
  return { ok: true, value: { kind: 'postcode', text: postcode, district, sector, postcode } };
}

/**
 * Parses a full postcode, a sector (`LS6 1`) or a district (`LS6`), tolerant of case and spacing.
 * @param input - what the person typed
 * @returns the normalised parts, or `InvalidPostcode` with a message to show next to the field
 */
export function parsePostcodeQuery(input: string): ParsePostcodeResult {
  if (input.length > MAX_INPUT_LENGTH) {
    return fail('tooLong');
  }
  // Collapse runs of whitespace (including non-breaking spaces) to one space, then trim.
  const spaced = input.replace(/\s+/g, ' ').trim().toUpperCase();
  if (spaced === '') {
    return fail('missing');
  }
  const compact = spaced.replace(/ /g, '');
  if (/^BFPO/.test(compact)) {
    return fail('bfpo');
  }
  if (compact.length > 7) {
    return fail(startsWithPostcode(compact) ? 'tooLong' : 'format');
  }
  const full = FULL_RE.exec(compact) ?? GIRO_RE.exec(compact);
  if (full) {
    const [, district = '', digit = '', unit = ''] = full;
    return fullPostcode(district, digit, unit);
  }
  // A sector needs its space: "LS61" is read as the district LS61, not the sector LS6 1.
  const sector = SECTOR_RE.exec(spaced);
  if (sector) {
    const [, district = '', digit = ''] = sector;
    const text = `${district} ${digit}`;
    return { ok: true, value: { kind: 'sector', text, district, sector: text, postcode: null } };
  }
  if (DISTRICT_RE.test(compact) && !spaced.includes(' ')) {
    return {
      ok: true,
      value: { kind: 'district', text: compact, district: compact, sector: null, postcode: null },
    };
  }
  return fail(startsWithPostcode(compact) ? 'tooLong' : 'format');
}

/** A real postcode with characters after it is "too long"; anything else is simply not a postcode. */
function startsWithPostcode(compact: string): boolean {
  for (let n = 5; n < Math.min(compact.length, 8); n++) {
    if (FULL_RE.test(compact.slice(0, n))) {
      return true;
    }
  }
  return false;
}

/**
 * Parses a full postcode only (an address's postcode, an imported row).
 * @param input - the text to parse
 */
export function parseFullPostcode(input: string): ParsePostcodeResult {
  const parsed = parsePostcodeQuery(input);
  if (parsed.ok && parsed.value.kind !== 'postcode') {
    return fail('format');
  }
  return parsed;
}

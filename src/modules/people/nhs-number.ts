// NHS numbers (DOMAIN.md section 7): ten digits, the last a modulus 11 check digit. People type them with
// spaces or hyphens; Signpost stores the ten digits and shows them 3-3-4.

export type NhsNumberProblem = 'empty' | 'format' | 'check-digit';

export type NhsNumberResult = { ok: true; value: string } | { ok: false; problem: NhsNumberProblem };

/** Words for each problem, for the NHS.UK error message pattern. */
export const NHS_NUMBER_MESSAGES: Record<NhsNumberProblem, string> = {
  empty: 'Enter the NHS number',
  format: 'NHS number must be 10 digits, like 999 000 0018',
  'check-digit': 'This is not a valid NHS number. Check it and enter it again',
};

const WEIGHTS = [10, 9, 8, 7, 6, 5, 4, 3, 2];

/**
 * The modulus 11 check digit for the first nine digits, or null when no valid number can have them
 * (the check comes to 10).
 * @param nineDigits - the first nine digits
 */
export function nhsCheckDigit(nineDigits: string): number | null {
  const sum = WEIGHTS.reduce((total, weight, i) => total + weight * Number(nineDigits[i]), 0);
  const check = 11 - (sum % 11);
  if (check === 11) {
    return 0;
  }
  return check === 10 ? null : check;
}

/**
 * Reads an NHS number as typed: spaces and hyphens are allowed; the result is the ten digits.
 * @param input - what was typed
 */
export function parseNhsNumber(input: string): NhsNumberResult {
  const trimmed = input.trim();
  if (trimmed === '') {
    return { ok: false, problem: 'empty' };
  }
  const digits = trimmed.replace(/[\s-]/g, '');
  if (!/^\d{10}$/.test(digits)) {
    return { ok: false, problem: 'format' };
  }
  return nhsCheckDigit(digits.slice(0, 9)) === Number(digits[9])
    ? { ok: true, value: digits }
    : { ok: false, problem: 'check-digit' };
}

/**
 * Shows an NHS number the NHS way: `999 000 0018`.
 * @param digits - the ten stored digits
 */
export function formatNhsNumber(digits: string): string {
  return `${digits.slice(0, 3)} ${digits.slice(3, 6)} ${digits.slice(6)}`;
}

/** NHS number verification status (UK Core Extension-UKCore-NHSNumberVerificationStatus). */
export const NHS_NUMBER_STATUS_LABELS = {
  '01': 'Number present and verified',
  '02': 'Number present but not traced',
  '03': 'Trace required',
  '04': 'Trace attempted: no match or multiple match found',
  '05': 'Trace needs to be resolved',
  '06': 'Trace in progress',
  '07': 'Number not present and trace not required',
  '08': 'Trace postponed (baby under six weeks old)',
} as const;

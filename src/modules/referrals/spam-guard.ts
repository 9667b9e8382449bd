import { createHmac, timingSafeEqual } from 'node:crypto';

// Spam protection for the public self-referral form without a CAPTCHA (CAPTCHAs fail disabled people):
// 1. A honeypot: a field people never see or reach (visually hidden, aria-hidden, out of the tab order,
//    no autofill) that simple bots fill in.
// 2. A signed start time: the form carries the time it was shown, signed with the server's secret. A
//    submission within 3 seconds is a bot; one after 2 hours is refused so the person checks their
//    answers (the page is shown again with everything they typed and a fresh time).
// 3. The per-address rate limit of every public form (formRateLimit).

export const HONEYPOT_FIELD = 'website';
export const STARTED_FIELD = 'startedAt';
export const MIN_FILL_MS = 3_000;
export const MAX_FILL_MS = 2 * 60 * 60 * 1000;

export type FormStartProblem = 'tooFast' | 'expired' | 'invalid';

function signature(secret: string, ms: string): string {
  return createHmac('sha256', secret).update(`self-referral-started:${ms}`).digest('base64url');
}

/**
 * The signed start time to put in the form.
 * @param secret - the server's secret
 * @param now - the time the form is shown
 */
export function signFormStart(secret: string, now: Date): string {
  const ms = String(now.getTime());
  return `${ms}.${signature(secret, ms)}`;
}

/**
 * Checks the form's signed start time against the time it was sent.
 * @param value - the hidden field's value
 * @param secret - the server's secret
 * @param now - the time the form was sent
 * @returns null when the timing is plausible for a person, else the problem
 */
export function checkFormStart(value: string, secret: string, now: Date): FormStartProblem | null {
  const [ms = '', sig = ''] = value.split('.');
  if (!/^\d{10,16}$/.test(ms)) {
    return 'invalid';
  }
  const expected = Buffer.from(signature(secret, ms));
  const given = Buffer.from(sig);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) {
    return 'invalid';
  }
  const elapsed = now.getTime() - Number(ms);
  if (elapsed < MIN_FILL_MS) {
    return 'tooFast';
  }
  return elapsed > MAX_FILL_MS ? 'expired' : null;
}

/**
 * Did something fill in the honeypot?
 * @param body - the posted form
 */
export function honeypotFilled(body: unknown): boolean {
  const value = ((body ?? {}) as Record<string, unknown>)[HONEYPOT_FIELD];
  return typeof value === 'string' ? value.trim() !== '' : value !== undefined;
}

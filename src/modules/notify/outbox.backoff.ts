// When the outbox tries a message again. A temporary failure (an SMTP 4xx, the server unreachable) is
// retried after 1, 5, 30 and 120 minutes; the fifth failed attempt is final, about 2.5 hours after the
// first. Deterministic on purpose: the worker claims one message at a time, so there is no herd to spread.

/** Attempts a message gets before it is marked `failed`. */
export const MAX_ATTEMPTS = 5;

/** Minutes to wait after the 1st, 2nd, 3rd and 4th failed attempt. */
export const RETRY_DELAYS_MINUTES = [1, 5, 30, 120] as const;

const MINUTE_MS = 60_000;

/**
 * When to try a message again after a temporary failure.
 * @param attemptsMade - attempts made so far, counting the one that just failed (1 or more)
 * @param failedAt - when that attempt failed
 * @returns the time of the next attempt, or null when the message has had all its attempts
 */
export function nextAttemptAfter(attemptsMade: number, failedAt: Date): Date | null {
  if (!Number.isInteger(attemptsMade) || attemptsMade < 1) {
    throw new RangeError('attemptsMade must be a whole number of at least 1');
  }
  if (attemptsMade >= MAX_ATTEMPTS) {
    return null;
  }
  const minutes = RETRY_DELAYS_MINUTES[Math.min(attemptsMade, RETRY_DELAYS_MINUTES.length) - 1] ?? 0;
  return new Date(failedAt.getTime() + minutes * MINUTE_MS);
}

// How a transport says a message was not sent. The outbox decides from `kind` whether to retry and
// whether to stop the run; `code` is what it stores in `last_error` and logs.

/**
 * - `rejected`: the provider refused this message for good (a bad recipient, bad content): never retried.
 * - `deferred`: the provider refused this message for now: retried later.
 * - `unavailable`: no verdict on the message (cannot connect, sign-in refused, rate limit, our own setup):
 *   retried later, and the rest of the run waits, because the next message would meet the same problem.
 */
export type SendFailureKind = 'rejected' | 'deferred' | 'unavailable';

/** A failed send. `code` is safe to store and log: error codes and status codes, never reply text. */
export class SendError extends Error {
  constructor(
    readonly kind: SendFailureKind,
    readonly code: string,
    channel: string,
  ) {
    super(`${channel} not sent (${kind}, ${code})`);
    this.name = 'SendError';
  }
}

import type { Kysely } from 'kysely';
import type { Database } from '../../db/database.ts';
import { MAX_ATTEMPTS, nextAttemptAfter } from './outbox.backoff.ts';
import {
  claimNextDue,
  failLapsedFinalClaims,
  markFailed,
  markSent,
  scheduleRetry,
  type ClaimedMessage,
} from './outbox.repository.ts';
import type { NotifyChannel } from './notify.tables.ts';
import type { SendError } from './send-error.ts';

// The delivery loop both channels share: claim one due message, send it with no transaction open (PGlite
// has one connection; holding it during a send would stall the app), record the outcome if the claim
// still stands. The channel supplies how to send a claimed message and how to read a failure.

/**
 * How long a worker owns a claimed message. Longer than one send can take (SMTP's connection, greeting
 * and socket timeouts add up to two minutes; a Notify request times out after 30 seconds), so a live
 * worker never loses a claim.
 */
export const CLAIM_MINUTES = 10;

export interface DeliveryCounts {
  sent: number;
  /** Put back in the queue after a temporary failure. */
  retrying: number;
  failed: number;
  /** Set when the run stopped early because the provider could not be used: the error code. */
  unavailable?: string;
}

export interface DeliverOptions {
  /** The most messages to try in this run. */
  limit: number;
  /** The clock, for tests; by default the time at each step. */
  now?: Date;
}

/** One channel's way of sending a claimed message, and of turning what it threw into a SendError. */
export interface ChannelSender {
  channel: NotifyChannel;
  send(claim: ClaimedMessage): Promise<{ messageId: string }>;
  classify(error: unknown): SendError;
}

type Outcome = { result: 'sent' | 'retrying' | 'failed'; unavailable?: string };

async function recordFailure(
  db: Kysely<Database>,
  claim: ClaimedMessage,
  failure: SendError,
  failedAt: Date,
): Promise<Outcome> {
  const retryAt = failure.kind === 'rejected' ? null : nextAttemptAfter(claim.attempts, failedAt);
  if (retryAt === null) {
    await markFailed(db, claim, failure.code);
  } else {
    await scheduleRetry(db, claim, { nextAttemptAt: retryAt, lastError: failure.code });
  }
  const result = retryAt === null ? 'failed' : 'retrying';
  return failure.kind === 'unavailable' ? { result, unavailable: failure.code } : { result };
}

async function deliverOne(
  db: Kysely<Database>,
  sender: ChannelSender,
  claim: ClaimedMessage,
  clock: () => Date,
): Promise<Outcome> {
  let messageId: string;
  try {
    ({ messageId } = await sender.send(claim));
  } catch (error) {
    return recordFailure(db, claim, sender.classify(error), clock());
  }
  // Outside the try: a database error here must not count as a failed send and send the message again.
  await markSent(db, claim, { sentAt: clock(), providerMessageId: messageId });
  return { result: 'sent' };
}

/**
 * Sends due messages of one channel, one claimed message at a time, so concurrent workers share the queue
 * without sending anything twice. A permanent rejection fails the message at once; a temporary failure is
 * retried with back-off (outbox.backoff.ts) until MAX_ATTEMPTS; an unusable provider ends the run early.
 * @param db - the database (not a transaction: each claim must commit before its send)
 * @param sender - the channel and how to send on it
 * @param options - the most messages to try, and optionally a fixed clock
 */
export async function deliverChannel(
  db: Kysely<Database>,
  sender: ChannelSender,
  options: DeliverOptions,
): Promise<DeliveryCounts> {
  const clock = (): Date => options.now ?? new Date();
  const counts: DeliveryCounts = { sent: 0, retrying: 0, failed: 0 };
  const { channel } = sender;
  counts.failed += await failLapsedFinalClaims(db, { channel, now: clock(), maxAttempts: MAX_ATTEMPTS });
  for (let i = 0; i < options.limit; i += 1) {
    const now = clock();
    const claim = await claimNextDue(db, {
      channel,
      now,
      claimUntil: new Date(now.getTime() + CLAIM_MINUTES * 60_000),
      maxAttempts: MAX_ATTEMPTS,
    });
    if (claim === undefined) {
      break;
    }
    const outcome = await deliverOne(db, sender, claim, clock);
    counts[outcome.result] += 1;
    if (outcome.unavailable !== undefined) {
      counts.unavailable = outcome.unavailable;
      break;
    }
  }
  return counts;
}

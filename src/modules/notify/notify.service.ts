import type { Kysely, Transaction } from 'kysely';
import type { Config } from '../../config.ts';
import type { Database } from '../../db/database.ts';
import { classifySmtpError, type EmailTransport } from './email.transport.ts';
import { MAX_ATTEMPTS, nextAttemptAfter } from './outbox.backoff.ts';
import {
  claimNextDue,
  failLapsedFinalClaims,
  insertOutboxRow,
  markFailed,
  markSent,
  scheduleRetry,
  type ClaimedMessage,
} from './outbox.repository.ts';
import { InvalidEmailMessageError, validateEmailMessage, type EmailMessage } from './notify.schema.ts';

// The one way Signpost sends a message: enqueue it in the transaction that causes it, and let the
// outbox worker deliver it after the commit. If the transaction rolls back, no message exists.

/**
 * How long a worker owns a claimed message. Longer than one SMTP send can take (the transport's
 * connection, greeting and socket timeouts add up to two minutes), so a live worker never loses a claim.
 */
export const CLAIM_MINUTES = 10;

/**
 * Queues an email. Call it with the caller's transaction so the message commits or rolls back with the
 * change that causes it.
 * @param db - the database, or the caller's transaction
 * @param tenantId - the tenant the message belongs to
 * @param message - recipient, subject, text body, optional HTML body, and a template name for reporting
 * @returns the outbox row's id; throws InvalidEmailMessageError for a bad address or an empty field
 */
export async function enqueueEmail(
  db: Kysely<Database> | Transaction<Database>,
  tenantId: string,
  message: EmailMessage,
): Promise<{ id: string }> {
  const checked = validateEmailMessage(message);
  if (!checked.ok) {
    throw new InvalidEmailMessageError(checked.error);
  }
  const { to, subject, text, html, template } = checked.value;
  return insertOutboxRow(db, {
    tenant_id: tenantId,
    channel: 'email',
    recipient: to,
    subject,
    body_text: text,
    body_html: html ?? null,
    template,
  });
}

export interface DeliveryCounts {
  sent: number;
  /** Put back in the queue after a temporary failure. */
  retrying: number;
  failed: number;
  /** Set when the run stopped early because the server could not be used: the error code. */
  unavailable?: string;
}

export interface DeliverOptions {
  /** The most messages to try in this run. */
  limit: number;
  /** The clock, for tests; by default the time at each step. */
  now?: Date;
}

type Outcome = { result: 'sent' | 'retrying' | 'failed'; unavailable?: string };

async function recordFailure(
  db: Kysely<Database>,
  claim: ClaimedMessage,
  error: unknown,
  failedAt: Date,
): Promise<Outcome> {
  const failure = classifySmtpError(error);
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
  transport: EmailTransport,
  claim: ClaimedMessage,
  clock: () => Date,
): Promise<Outcome> {
  let messageId: string;
  try {
    ({ messageId } = await transport.send({
      to: claim.to,
      subject: claim.subject,
      text: claim.text,
      html: claim.html,
    }));
  } catch (error) {
    return recordFailure(db, claim, error, clock());
  }
  // Outside the try: a database error here must not count as a failed send and send the message again.
  await markSent(db, claim, { sentAt: clock(), providerMessageId: messageId });
  return { result: 'sent' };
}

/**
 * Sends due emails from the outbox, one claimed message at a time, so concurrent workers (other
 * processes, other instances) share the queue without sending anything twice. Logs nothing: the caller
 * logs the counts. A permanent rejection fails the message at once; a temporary one is retried with
 * back-off (outbox.backoff.ts) until MAX_ATTEMPTS; an unusable server ends the run early.
 * @param db - the database (not a transaction: each claim must commit before its send)
 * @param transport - how to send
 * @param options - the most messages to try, and optionally a fixed clock
 */
export async function deliverPending(
  db: Kysely<Database>,
  transport: EmailTransport,
  options: DeliverOptions,
): Promise<DeliveryCounts> {
  const clock = (): Date => options.now ?? new Date();
  const counts: DeliveryCounts = { sent: 0, retrying: 0, failed: 0 };
  const channel = 'email';
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
    const outcome = await deliverOne(db, transport, claim, clock);
    counts[outcome.result] += 1;
    if (outcome.unavailable !== undefined) {
      counts.unavailable = outcome.unavailable;
      break;
    }
  }
  return counts;
}

export interface NotifyStatus {
  emailDelivery: 'smtp' | 'not-configured';
}

/**
 * Whether email leaves the outbox, for the admin banner: without SMTP_URL messages stay queued.
 * @param config - the configuration
 */
export function notifyStatus(config: Pick<Config, 'smtpUrl'>): NotifyStatus {
  return { emailDelivery: config.smtpUrl === undefined ? 'not-configured' : 'smtp' };
}

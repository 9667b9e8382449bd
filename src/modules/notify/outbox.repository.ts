import { sql, type Kysely } from 'kysely';
import type { Database } from '../../db/database.ts';
import type { NewOutboxRow, NotifyChannel, OutboxUpdate } from './notify.tables.ts';

// All SQL of the outbox. Claiming is one statement: UPDATE ... WHERE (tenant_id, id) IN (SELECT ...
// FOR UPDATE SKIP LOCKED LIMIT 1), so two workers never claim the same row, and a claimed row leaves the
// due set at once (status `sending`, next_attempt_at pushed to the end of the claim) without a
// transaction held open while the SMTP server answers. The later updates check the claim still stands
// (status and attempt number), so a worker whose claim lapsed cannot overwrite a newer outcome.

/** A message a worker has claimed and now owns until `claimedUntil`. */
export interface ClaimedMessage {
  tenantId: string;
  id: string;
  /** Attempts including this one. */
  attempts: number;
  to: string;
  subject: string;
  text: string;
  html: string | undefined;
}

type ClaimRef = Pick<ClaimedMessage, 'tenantId' | 'id' | 'attempts'>;

/**
 * Inserts one outbox row, due at once; works inside the caller's transaction. "At once" is the transaction's
 * time cut to the millisecond: workers compare with JavaScript time, which has no microseconds, so a row
 * queued in the same millisecond as a worker's poll would otherwise wait for the next poll.
 * @param db - the database or the caller's transaction
 * @param row - the row to queue
 */
export async function insertOutboxRow(db: Kysely<Database>, row: NewOutboxRow): Promise<{ id: string }> {
  return db
    .insertInto('notify_outbox')
    .values({ ...row, next_attempt_at: row.next_attempt_at ?? sql<Date>`date_trunc('milliseconds', now())` })
    .returning('id')
    .executeTakeFirstOrThrow();
}

/**
 * Claims the longest-due message of a channel, skipping rows another worker has locked.
 * A `sending` row whose claim has lapsed (its worker died mid-send) is due again.
 * @param db - the database (not a transaction: the claim must commit before the send)
 * @param options - channel, the current time, when the claim lapses, and the attempt limit
 */
export async function claimNextDue(
  db: Kysely<Database>,
  options: { channel: NotifyChannel; now: Date; claimUntil: Date; maxAttempts: number },
): Promise<ClaimedMessage | undefined> {
  const due = db
    .selectFrom('notify_outbox')
    .select(['tenant_id', 'id'])
    .where('channel', '=', options.channel)
    .where('status', 'in', ['queued', 'sending'])
    .where('next_attempt_at', '<=', options.now)
    .where('attempts', '<', options.maxAttempts)
    .orderBy('next_attempt_at')
    .limit(1)
    .forUpdate()
    .skipLocked();
  const row = await db
    .updateTable('notify_outbox')
    .set((eb) => ({
      status: 'sending',
      attempts: eb('attempts', '+', 1),
      next_attempt_at: options.claimUntil,
    }))
    .where((eb) => eb(eb.refTuple('tenant_id', 'id'), 'in', due.$asTuple('tenant_id', 'id')))
    .returning(['tenant_id', 'id', 'attempts', 'recipient', 'subject', 'body_text', 'body_html'])
    .executeTakeFirst();
  if (row === undefined) {
    return undefined;
  }
  return {
    tenantId: row.tenant_id,
    id: row.id,
    attempts: row.attempts,
    to: row.recipient,
    subject: row.subject ?? '',
    text: row.body_text,
    html: row.body_html ?? undefined,
  };
}

/**
 * Fails `sending` rows whose claim lapsed after their last allowed attempt: nobody knows whether they
 * went, and they must not sit in `sending` for ever.
 * @param db - the database
 * @param options - channel, the current time, and the attempt limit
 * @returns how many rows were failed
 */
export async function failLapsedFinalClaims(
  db: Kysely<Database>,
  options: { channel: NotifyChannel; now: Date; maxAttempts: number },
): Promise<number> {
  const result = await db
    .updateTable('notify_outbox')
    .set({ status: 'failed', last_error: 'ECLAIMLAPSED', body_text: '', body_html: null })
    .where('channel', '=', options.channel)
    .where('status', '=', 'sending')
    .where('next_attempt_at', '<=', options.now)
    .where('attempts', '>=', options.maxAttempts)
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}

async function finishClaim(db: Kysely<Database>, claim: ClaimRef, update: OutboxUpdate): Promise<boolean> {
  const result = await db
    .updateTable('notify_outbox')
    .set(update)
    .where('tenant_id', '=', claim.tenantId)
    .where('id', '=', claim.id)
    .where('status', '=', 'sending')
    .where('attempts', '=', claim.attempts)
    .executeTakeFirst();
  return result.numUpdatedRows > 0n;
}

/**
 * Records a delivered message. The bodies are erased: they can hold one-time sign-in links, and the
 * outbox is not an archive. Recipient, subject and template stay for reporting.
 * @param db - the database
 * @param claim - the claimed message
 * @param outcome - when it was sent and the provider's message id
 * @returns false when the claim had lapsed and another worker took the message over
 */
export async function markSent(
  db: Kysely<Database>,
  claim: ClaimRef,
  outcome: { sentAt: Date; providerMessageId: string },
): Promise<boolean> {
  return finishClaim(db, claim, {
    status: 'sent',
    sent_at: outcome.sentAt,
    provider_message_id: outcome.providerMessageId.slice(0, 998),
    last_error: null,
    body_text: '',
    body_html: null,
  });
}

/**
 * Puts a message back in the queue after a temporary failure.
 * @param db - the database
 * @param claim - the claimed message
 * @param retry - when to try again, and the error code
 * @returns false when the claim had lapsed
 */
export async function scheduleRetry(
  db: Kysely<Database>,
  claim: ClaimRef,
  retry: { nextAttemptAt: Date; lastError: string },
): Promise<boolean> {
  return finishClaim(db, claim, {
    status: 'queued',
    next_attempt_at: retry.nextAttemptAt,
    last_error: retry.lastError,
  });
}

/**
 * Gives up on a message (a permanent rejection, or its last attempt failed). Bodies are erased as in markSent.
 * @param db - the database
 * @param claim - the claimed message
 * @param lastError - the error code
 * @returns false when the claim had lapsed
 */
export async function markFailed(db: Kysely<Database>, claim: ClaimRef, lastError: string): Promise<boolean> {
  return finishClaim(db, claim, { status: 'failed', last_error: lastError, body_text: '', body_html: null });
}

import { sql, type Kysely, type Transaction } from 'kysely';
import type { Database } from '../../db/database.ts';
import type { Referral, ReferralSource, ReferralStatus, ReferralUrgency } from './referral.model.ts';
import { referralRowToReferral } from './referral.repository.ts';

// SQL of triage: the queue of new referrals (flagged first, then urgent, then oldest; keyset pages over
// referral_triage_queue_idx, whose expressions these must match exactly) and the triage decision with
// optimistic locking on referral.version.

type Db = Kysely<Database> | Transaction<Database>;

const NOT_FLAGGED = sql<boolean>`(NOT flagged_for_clinician)`;
const URGENCY_RANK = sql<number>`(CASE urgency WHEN 'urgent' THEN 0 WHEN 'soon' THEN 1 ELSE 2 END)`;

export interface TriageQueueItem {
  id: string;
  patientId: string;
  source: ReferralSource;
  practiceId: string | null;
  needs: string[];
  urgency: ReferralUrgency;
  flaggedForClinician: boolean;
  receivedAt: Date;
}

/** Where a page of the queue starts: just after this item, in queue order. */
export interface TriageCursor {
  flagged: boolean;
  urgency: ReferralUrgency;
  receivedAt: Date;
  id: string;
}

const RANK: Record<ReferralUrgency, number> = { urgent: 0, soon: 1, routine: 2 };

/**
 * One page of the triage queue: the tenant's new referrals, flagged for a clinician first, then urgent,
 * then soon, then oldest first.
 * @param db - the database
 * @param tenantId - the tenant
 * @param page - how many, and the item the page starts after
 */
export async function selectTriageQueue(
  db: Db,
  tenantId: string,
  page: { limit: number; after?: TriageCursor | undefined },
): Promise<TriageQueueItem[]> {
  const { after } = page;
  let query = db
    .selectFrom('referral')
    .select([
      'id',
      'patient_id',
      'source',
      'practice_id',
      'needs',
      'urgency',
      'flagged_for_clinician',
      'received_at',
    ])
    .where('tenant_id', '=', tenantId)
    // A literal, not a parameter, so the planner matches the partial index's predicate.
    .where(sql<boolean>`status = 'new'`);
  if (after !== undefined) {
    query = query.where(
      sql<boolean>`(${NOT_FLAGGED}, ${URGENCY_RANK}, received_at, id) > (${!after.flagged}::boolean, ${RANK[after.urgency]}::int, ${after.receivedAt}::timestamptz, ${after.id}::uuid)`,
    );
  }
  const rows = await query
    .orderBy(NOT_FLAGGED)
    .orderBy(URGENCY_RANK)
    .orderBy('received_at')
    .orderBy('id')
    .limit(page.limit)
    .execute();
  return rows.map((r) => ({
    id: r.id,
    patientId: r.patient_id,
    source: r.source,
    practiceId: r.practice_id,
    needs: r.needs,
    urgency: r.urgency,
    flaggedForClinician: r.flagged_for_clinician,
    receivedAt: r.received_at,
  }));
}

/**
 * How many new referrals wait for triage.
 * @param db - the database
 * @param tenantId - the tenant
 */
export async function countTriageQueue(db: Db, tenantId: string): Promise<number> {
  const row = await db
    .selectFrom('referral')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .where('tenant_id', '=', tenantId)
    .where(sql<boolean>`status = 'new'`)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export interface TriageUpdate {
  id: string;
  expectedVersion: number;
  status: Exclude<ReferralStatus, 'new' | 'closed'>;
  declineReason: string | null;
  redirectedTo: string | null;
  triageNote: string | null;
  triagedBy: string;
}

/**
 * Records a triage decision on a new referral still at the version the triager saw; bumps the version.
 * @param trx - the transaction
 * @param tenantId - the tenant
 * @param update - the decision
 * @returns the referral after the change, or undefined when it had changed (or was already triaged)
 */
export async function updateReferralTriage(
  trx: Transaction<Database>,
  tenantId: string,
  update: TriageUpdate,
): Promise<Referral | undefined> {
  const row = await trx
    .updateTable('referral')
    .set({
      status: update.status,
      decline_reason: update.declineReason,
      redirected_to: update.redirectedTo,
      triage_note: update.triageNote,
      triaged_by: update.triagedBy,
      triaged_at: sql<Date>`now()`,
      version: sql<number>`version + 1`,
    })
    .where('tenant_id', '=', tenantId)
    .where('id', '=', update.id)
    .where('version', '=', update.expectedVersion)
    .where('status', '=', 'new')
    .returningAll()
    .executeTakeFirst();
  return row === undefined ? undefined : referralRowToReferral(row);
}

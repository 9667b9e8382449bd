import { sql, type Kysely } from 'kysely';
import type { Database } from '../../db/database.ts';

// Read-only views of the team's casework for triage and allocation (written by the referrals helper,
// owned by casework): each link worker's caseload against capacity, and the waiting list of accepted cases
// no one has been allocated yet. Uses sp_case_caseload_idx, sp_case_worker_allocated_idx and
// sp_case_waiting_idx.

type Db = Kysely<Database>;

export interface WorkerCaseload {
  linkWorkerId: string;
  /** Open cases allocated to them. */
  active: number;
  /** Of those, cases where the first contact has not happened yet. */
  awaitingFirstContact: number;
  /** Of those, cases whose first-contact target date has passed. */
  firstContactsOverdue: number;
  /** People allocated to them in the last 12 months (against the yearly caseload capacity). */
  peopleLast12Months: number;
}

/**
 * Caseload counts of the given link workers (every worker gets a row, zeros included).
 * @param db - the database
 * @param tenantId - the tenant
 * @param query - the link workers, today's date in England, and the start of the 12-month window
 */
export async function countWorkerCaseloads(
  db: Db,
  tenantId: string,
  query: { linkWorkerIds: readonly string[]; today: string; since: Date },
): Promise<Map<string, WorkerCaseload>> {
  const result = new Map<string, WorkerCaseload>(
    query.linkWorkerIds.map((id) => [
      id,
      {
        linkWorkerId: id,
        active: 0,
        awaitingFirstContact: 0,
        firstContactsOverdue: 0,
        peopleLast12Months: 0,
      },
    ]),
  );
  if (query.linkWorkerIds.length === 0) {
    return result;
  }
  const ids = [...query.linkWorkerIds];
  const [open, yearly] = await Promise.all([
    db
      .selectFrom('sp_case')
      .select((eb) => [
        'link_worker_id',
        eb.fn.countAll<string>().as('active'),
        sql<string>`count(*) FILTER (WHERE first_contact_at IS NULL)`.as('awaiting'),
        sql<string>`count(*) FILTER (WHERE first_contact_at IS NULL AND next_contact_due < ${query.today}::date)`.as(
          'overdue',
        ),
      ])
      .where('tenant_id', '=', tenantId)
      .where('link_worker_id', 'in', ids)
      .where('status', '=', 'active')
      .groupBy('link_worker_id')
      .execute(),
    db
      .selectFrom('sp_case')
      .select((eb) => ['link_worker_id', eb.fn.count<string>('patient_id').distinct().as('people')])
      .where('tenant_id', '=', tenantId)
      .where('link_worker_id', 'in', ids)
      .where('allocated_at', '>=', query.since)
      .groupBy('link_worker_id')
      .execute(),
  ]);
  for (const row of open) {
    const entry = row.link_worker_id === null ? undefined : result.get(row.link_worker_id);
    if (entry !== undefined) {
      entry.active = Number(row.active);
      entry.awaitingFirstContact = Number(row.awaiting);
      entry.firstContactsOverdue = Number(row.overdue);
    }
  }
  for (const row of yearly) {
    const entry = row.link_worker_id === null ? undefined : result.get(row.link_worker_id);
    if (entry !== undefined) {
      entry.peopleLast12Months = Number(row.people);
    }
  }
  return result;
}

export interface WaitingCase {
  caseId: string;
  referralId: string;
  patientId: string;
  practiceId: string | null;
  acceptedAt: Date;
}

/**
 * The waiting list: accepted cases with no link worker yet, longest waiting first.
 * @param db - the database
 * @param tenantId - the tenant
 * @param limit - at most this many
 * @returns the cases (in waiting-list order) and how many are waiting in all
 */
export async function listWaitingCases(
  db: Db,
  tenantId: string,
  limit: number,
): Promise<{ cases: WaitingCase[]; total: number }> {
  const [rows, count] = await Promise.all([
    db
      .selectFrom('sp_case')
      .select(['id', 'referral_id', 'patient_id', 'practice_id', 'accepted_at'])
      .where('tenant_id', '=', tenantId)
      .where('status', '=', 'waiting')
      .orderBy('accepted_at')
      .orderBy('id')
      .limit(limit)
      .execute(),
    db
      .selectFrom('sp_case')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .where('tenant_id', '=', tenantId)
      .where('status', '=', 'waiting')
      .executeTakeFirstOrThrow(),
  ]);
  return {
    cases: rows.map((r) => ({
      caseId: r.id,
      referralId: r.referral_id,
      patientId: r.patient_id,
      practiceId: r.practice_id,
      acceptedAt: r.accepted_at,
    })),
    total: Number(count.n),
  };
}

/**
 * A case's place on the waiting list (1 = next), or null when it is not waiting.
 * @param db - the database
 * @param tenantId - the tenant
 * @param caseId - the case
 */
export async function waitingListPosition(db: Db, tenantId: string, caseId: string): Promise<number | null> {
  const row = await db
    .selectFrom('sp_case as c')
    .select((eb) =>
      eb
        .selectFrom('sp_case as w')
        .select((e) => e.fn.countAll<string>().as('n'))
        .where('w.tenant_id', '=', tenantId)
        .where('w.status', '=', 'waiting')
        .where((e) =>
          e.or([
            e('w.accepted_at', '<', e.ref('c.accepted_at')),
            e.and([e('w.accepted_at', '=', e.ref('c.accepted_at')), e('w.id', '<=', e.ref('c.id'))]),
          ]),
        )
        .as('position'),
    )
    .where('c.tenant_id', '=', tenantId)
    .where('c.id', '=', caseId)
    .where('c.status', '=', 'waiting')
    .executeTakeFirst();
  return row?.position === undefined || row.position === null ? null : Number(row.position);
}

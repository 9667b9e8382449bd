import { sql, type Kysely } from 'kysely';
import type { Database } from '../../db/database.ts';
import type { CaseStatus } from './casework.tables.ts';

// The caseload dashboard's SQL, designed for a link worker's view at 1 million referrals and 5 million
// contacts (npm run bench:casework; p95 <= 50 ms):
// - open cases: sp_case_caseload_idx (tenant_id, link_worker_id, status, ...) gives the worker's waiting
//   and active cases as two index ranges, however many discharged cases they have;
// - per open case, the last attended contact is the top of a backwards scan of case_contact_case_idx,
//   overdue actions a range of plan_action_due_idx (partial: not done), open flags a range of
//   safeguarding_flag_case_idx, the plan's review date a care_plan primary key lookup;
// - people taken on in the last year: an index-only range of sp_case_worker_allocated_idx.

type Db = Kysely<Database>;

export interface OpenCaseRow {
  id: string;
  patientId: string;
  referralId: string;
  status: CaseStatus;
  acceptedAt: Date;
  allocatedAt: Date | null;
  firstContactAt: Date | null;
  nextContactDue: string | null;
  reviewDue: string | null;
  planReviewDate: string | null;
  lastContactAt: Date | null;
  overdueActions: number;
  openFlagSince: Date | null;
}

/** The most open cases one dashboard shows (far above any real caseload: 40 is the default capacity). */
export const MAX_OPEN_CASES = 1000;

/**
 * A link worker's open (waiting or active) cases with what the dashboard needs about each.
 * @param db - the database
 * @param tenantId - the tenant
 * @param linkWorkerId - the link worker
 * @param today - today in England, 'YYYY-MM-DD' (actions due before it are overdue)
 */
export async function selectOpenCases(
  db: Db,
  tenantId: string,
  linkWorkerId: string,
  today: string,
): Promise<OpenCaseRow[]> {
  const result = await sql<{
    id: string;
    patient_id: string;
    referral_id: string;
    status: CaseStatus;
    accepted_at: Date;
    allocated_at: Date | null;
    first_contact_at: Date | null;
    next_contact_due: string | null;
    review_due: string | null;
    plan_review_date: string | null;
    last_contact_at: Date | null;
    overdue_actions: number;
    open_flag_since: Date | null;
  }>`
    SELECT c.id, c.patient_id, c.referral_id, c.status, c.accepted_at, c.allocated_at, c.first_contact_at,
           c.next_contact_due, c.review_due, cp.review_date AS plan_review_date,
           (SELECT cc.occurred_at FROM case_contact cc
             WHERE cc.tenant_id = c.tenant_id AND cc.case_id = c.id AND NOT cc.did_not_attend
             ORDER BY cc.occurred_at DESC LIMIT 1) AS last_contact_at,
           (SELECT count(*)::int FROM plan_action a
             WHERE a.tenant_id = c.tenant_id AND a.case_id = c.id AND a.done_at IS NULL
               AND a.due_date < ${today}::date) AS overdue_actions,
           (SELECT min(f.raised_at) FROM safeguarding_flag f
             WHERE f.tenant_id = c.tenant_id AND f.case_id = c.id AND f.resolved_at IS NULL) AS open_flag_since
      FROM sp_case c
      LEFT JOIN care_plan cp ON cp.tenant_id = c.tenant_id AND cp.case_id = c.id
     WHERE c.tenant_id = ${tenantId} AND c.link_worker_id = ${linkWorkerId}
       AND c.status IN ('waiting', 'active')
     ORDER BY c.next_contact_due NULLS LAST, c.accepted_at, c.id
     LIMIT ${MAX_OPEN_CASES}`.execute(db);
  return result.rows.map((r) => ({
    id: r.id,
    patientId: r.patient_id,
    referralId: r.referral_id,
    status: r.status,
    acceptedAt: new Date(r.accepted_at),
    allocatedAt: r.allocated_at === null ? null : new Date(r.allocated_at),
    firstContactAt: r.first_contact_at === null ? null : new Date(r.first_contact_at),
    nextContactDue: r.next_contact_due,
    reviewDue: r.review_due,
    planReviewDate: r.plan_review_date,
    lastContactAt: r.last_contact_at === null ? null : new Date(r.last_contact_at),
    overdueActions: r.overdue_actions,
    openFlagSince: r.open_flag_since === null ? null : new Date(r.open_flag_since),
  }));
}

export interface OverdueActionRow {
  id: string;
  caseId: string;
  text: string;
  owner: string;
  dueDate: string;
}

/**
 * The overdue plan actions on a link worker's open cases, oldest due first.
 * @param db - the database
 * @param tenantId - the tenant
 * @param caseIds - the worker's open cases
 * @param today - today in England
 */
export async function selectOverdueActions(
  db: Db,
  tenantId: string,
  caseIds: readonly string[],
  today: string,
): Promise<OverdueActionRow[]> {
  if (caseIds.length === 0) {
    return [];
  }
  const rows = await db
    .selectFrom('plan_action')
    .select(['id', 'case_id', 'text', 'owner', 'due_date'])
    .where('tenant_id', '=', tenantId)
    .where('case_id', 'in', [...caseIds])
    .where('done_at', 'is', null)
    .where('due_date', '<', today)
    .orderBy('due_date')
    .limit(100)
    .execute();
  return rows.map((r) => ({
    id: r.id,
    caseId: r.case_id,
    text: r.text,
    owner: r.owner,
    dueDate: r.due_date ?? today,
  }));
}

/**
 * How many people a link worker was allocated since a date (the yearly caseload against capacity).
 * @param db - the database
 * @param tenantId - the tenant
 * @param linkWorkerId - the link worker
 * @param since - the start of the period (an instant)
 */
export async function countAllocatedSince(
  db: Db,
  tenantId: string,
  linkWorkerId: string,
  since: Date,
): Promise<number> {
  const row = await db
    .selectFrom('sp_case')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('tenant_id', '=', tenantId)
    .where('link_worker_id', '=', linkWorkerId)
    .where('allocated_at', '>=', since)
    .executeTakeFirstOrThrow();
  return row.n;
}

import type { Kysely, Selectable } from 'kysely';
import type { Database } from '../../db/database.ts';
import type { OnwardReferralTable, OnwardStatus } from './casework.tables.ts';

// SQL for onward referrals and signposts from a case to directory services, and their append-only status
// history (DOMAIN.md 3.6: referrals are never deleted; every status change is kept).

type Db = Kysely<Database>;

export interface OnwardReferral {
  id: string;
  caseId: string;
  serviceId: string;
  serviceName: string;
  organizationId: string | null;
  kind: 'signpost' | 'referral';
  reason: string;
  capacityAtReferral: string;
  status: OnwardStatus;
  statusReason: string | null;
  waitlistWeeks: number | null;
  /** 'YYYY-MM-DD' */
  respondBy: string | null;
  createdAt: Date;
  updatedAt: Date;
}

export interface OnwardEvent {
  id: string;
  onwardReferralId: string;
  status: OnwardStatus;
  reason: string | null;
  recordedBy: string | null;
  recordedAt: Date;
}

export interface NewOnwardReferral {
  caseId: string;
  serviceId: string;
  serviceName: string;
  organizationId: string | null;
  kind: 'signpost' | 'referral';
  reason: string;
  capacityAtReferral: string;
  respondBy: string | null;
  createdBy: string;
}

/**
 * Inserts an onward referral with status 'sent' and the first entry of its history.
 * @param trx - the caller's transaction
 * @param tenantId - the tenant
 * @param row - the referral
 * @returns its id
 */
export async function insertOnwardReferral(
  trx: Db,
  tenantId: string,
  row: NewOnwardReferral,
): Promise<string> {
  const { id } = await trx
    .insertInto('onward_referral')
    .values({
      tenant_id: tenantId,
      case_id: row.caseId,
      service_id: row.serviceId,
      service_name: row.serviceName,
      organization_id: row.organizationId,
      kind: row.kind,
      reason: row.reason,
      capacity_at_referral: row.capacityAtReferral,
      respond_by: row.respondBy,
      created_by: row.createdBy,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await trx
    .insertInto('onward_referral_event')
    .values({ tenant_id: tenantId, onward_referral_id: id, status: 'sent', recorded_by: row.createdBy })
    .execute();
  return id;
}

const COLUMNS = [
  'id',
  'case_id',
  'service_id',
  'service_name',
  'organization_id',
  'kind',
  'reason',
  'capacity_at_referral',
  'status',
  'status_reason',
  'waitlist_weeks',
  'respond_by',
  'created_at',
  'updated_at',
] as const;

type OnwardRow = Pick<Selectable<OnwardReferralTable>, (typeof COLUMNS)[number]>;

function toOnward(r: OnwardRow): OnwardReferral {
  return {
    id: r.id,
    caseId: r.case_id,
    serviceId: r.service_id,
    serviceName: r.service_name,
    organizationId: r.organization_id,
    kind: r.kind,
    reason: r.reason,
    capacityAtReferral: r.capacity_at_referral,
    status: r.status,
    statusReason: r.status_reason,
    waitlistWeeks: r.waitlist_weeks,
    respondBy: r.respond_by,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}

/**
 * A case's onward referrals, oldest first.
 * @param db - the database or a transaction
 * @param tenantId - the tenant
 * @param caseId - the case
 */
export async function listOnwardReferrals(
  db: Db,
  tenantId: string,
  caseId: string,
): Promise<OnwardReferral[]> {
  const rows = await db
    .selectFrom('onward_referral')
    .select(COLUMNS)
    .where('tenant_id', '=', tenantId)
    .where('case_id', '=', caseId)
    .orderBy('created_at')
    .orderBy('id')
    .execute();
  return rows.map(toOnward);
}

/**
 * One onward referral of a case, or undefined (an id from another case names nothing here).
 * @param db - the database or a transaction
 * @param tenantId - the tenant
 * @param ids - the case and the onward referral
 */
export async function findOnwardReferral(
  db: Db,
  tenantId: string,
  ids: { caseId: string; onwardId: string },
): Promise<OnwardReferral | undefined> {
  const row = await db
    .selectFrom('onward_referral')
    .select(COLUMNS)
    .where('tenant_id', '=', tenantId)
    .where('case_id', '=', ids.caseId)
    .where('id', '=', ids.onwardId)
    .executeTakeFirst();
  return row === undefined ? undefined : toOnward(row);
}

/**
 * Sets an onward referral's status and appends the change to its history.
 * @param trx - the caller's transaction
 * @param tenantId - the tenant
 * @param change - the referral, the new status, its reason and wait, and who recorded it
 */
export async function changeOnwardStatus(
  trx: Db,
  tenantId: string,
  change: {
    onwardId: string;
    status: OnwardStatus;
    /** Stored on the referral: the reason code for a decline, else the note. */
    reason: string | null;
    /** Stored in the history: the reason in words, with any note. */
    eventReason: string | null;
    waitlistWeeks: number | null;
    recordedBy: string;
  },
): Promise<void> {
  await trx
    .updateTable('onward_referral')
    .set({
      status: change.status,
      status_reason: change.reason,
      waitlist_weeks: change.waitlistWeeks,
      updated_at: new Date(),
    })
    .where('tenant_id', '=', tenantId)
    .where('id', '=', change.onwardId)
    .execute();
  await trx
    .insertInto('onward_referral_event')
    .values({
      tenant_id: tenantId,
      onward_referral_id: change.onwardId,
      status: change.status,
      reason: change.eventReason,
      recorded_by: change.recordedBy,
    })
    .execute();
}

/**
 * The status histories of some onward referrals, oldest first.
 * @param db - the database
 * @param tenantId - the tenant
 * @param onwardIds - the onward referrals
 */
export async function listOnwardEvents(
  db: Db,
  tenantId: string,
  onwardIds: readonly string[],
): Promise<OnwardEvent[]> {
  if (onwardIds.length === 0) {
    return [];
  }
  const rows = await db
    .selectFrom('onward_referral_event')
    .select(['id', 'onward_referral_id', 'status', 'reason', 'recorded_by', 'recorded_at'])
    .where('tenant_id', '=', tenantId)
    .where('onward_referral_id', 'in', [...onwardIds])
    .orderBy('recorded_at')
    .orderBy('id')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    onwardReferralId: r.onward_referral_id,
    status: r.status,
    reason: r.reason,
    recordedBy: r.recorded_by,
    recordedAt: r.recorded_at,
  }));
}

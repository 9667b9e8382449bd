import type { Kysely, Selectable, Updateable } from 'kysely';
import type { Database } from '../../db/database.ts';
import type { CaseStatus, Intensity, SpCaseTable } from './casework.tables.ts';

// SQL for sp_case (one social prescribing episode) and its settings row. Updates that change a case take
// the version the user saw and succeed only if it is still current (optimistic locking).

type Db = Kysely<Database>;

/** One social prescribing episode. */
export interface SpCase {
  id: string;
  referralId: string;
  patientId: string;
  practiceId: string | null;
  linkWorkerId: string | null;
  status: CaseStatus;
  intensity: Intensity;
  acceptedAt: Date;
  allocatedAt: Date | null;
  firstContactAt: Date | null;
  /** 'YYYY-MM-DD' */
  nextContactDue: string | null;
  reviewDue: string | null;
  dischargedAt: Date | null;
  dischargeReason: string | null;
  dischargeSummary: string | null;
  version: number;
  updatedAt: Date;
}

export function caseRowToCase(row: Selectable<SpCaseTable>): SpCase {
  return {
    id: row.id,
    referralId: row.referral_id,
    patientId: row.patient_id,
    practiceId: row.practice_id,
    linkWorkerId: row.link_worker_id,
    status: row.status,
    intensity: row.intensity,
    acceptedAt: row.accepted_at,
    allocatedAt: row.allocated_at,
    firstContactAt: row.first_contact_at,
    nextContactDue: row.next_contact_due,
    reviewDue: row.review_due,
    dischargedAt: row.discharged_at,
    dischargeReason: row.discharge_reason,
    dischargeSummary: row.discharge_summary,
    version: row.version,
    updatedAt: row.updated_at,
  };
}

export interface NewCaseRow {
  referralId: string;
  patientId: string;
  practiceId: string | null;
  linkWorkerId: string | null;
  status: CaseStatus;
  acceptedAt: Date;
  allocatedAt: Date | null;
  nextContactDue: string | null;
  actorUserId: string | null;
}

/**
 * Inserts a case for a referral, or does nothing if the referral already has one (a retried accept).
 * @param trx - the caller's transaction
 * @param tenantId - the tenant
 * @param row - the new case
 * @returns the id of the case the referral now has
 */
export async function insertCaseOnce(trx: Db, tenantId: string, row: NewCaseRow): Promise<string> {
  const inserted = await trx
    .insertInto('sp_case')
    .values({
      tenant_id: tenantId,
      referral_id: row.referralId,
      patient_id: row.patientId,
      practice_id: row.practiceId,
      link_worker_id: row.linkWorkerId,
      status: row.status,
      accepted_at: row.acceptedAt,
      allocated_at: row.allocatedAt,
      next_contact_due: row.nextContactDue,
      updated_by: row.actorUserId,
    })
    .onConflict((oc) => oc.columns(['tenant_id', 'referral_id']).doNothing())
    .returning('id')
    .executeTakeFirst();
  if (inserted !== undefined) {
    await trx
      .insertInto('care_plan')
      .values({ tenant_id: tenantId, case_id: inserted.id })
      .onConflict((oc) => oc.columns(['tenant_id', 'case_id']).doNothing())
      .execute();
    return inserted.id;
  }
  const existing = await trx
    .selectFrom('sp_case')
    .select('id')
    .where('tenant_id', '=', tenantId)
    .where('referral_id', '=', row.referralId)
    .executeTakeFirstOrThrow();
  return existing.id;
}

/**
 * A case by id.
 * @param db - the database or a transaction
 * @param tenantId - the tenant
 * @param id - the case id
 */
export async function findCaseById(db: Db, tenantId: string, id: string): Promise<SpCase | undefined> {
  const row = await db
    .selectFrom('sp_case')
    .selectAll()
    .where('tenant_id', '=', tenantId)
    .where('id', '=', id)
    .executeTakeFirst();
  return row === undefined ? undefined : caseRowToCase(row);
}

/**
 * The case opened for a referral, if any.
 * @param db - the database or a transaction
 * @param tenantId - the tenant
 * @param referralId - the referral
 */
export async function findCaseByReferralId(
  db: Db,
  tenantId: string,
  referralId: string,
): Promise<SpCase | undefined> {
  const row = await db
    .selectFrom('sp_case')
    .selectAll()
    .where('tenant_id', '=', tenantId)
    .where('referral_id', '=', referralId)
    .executeTakeFirst();
  return row === undefined ? undefined : caseRowToCase(row);
}

export type CaseChanges = Omit<
  Updateable<SpCaseTable>,
  'tenant_id' | 'id' | 'referral_id' | 'patient_id' | 'version' | 'updated_at' | 'updated_by'
>;

/**
 * Changes a case if it is still at the version the user saw, and bumps the version.
 * @param trx - the caller's transaction
 * @param tenantId - the tenant
 * @param update - the case, the version the change was based on, who changes it, and the changes
 * @returns the new version, or null when the case changed meanwhile (or does not exist)
 */
export async function updateCaseAtVersion(
  trx: Db,
  tenantId: string,
  update: { caseId: string; expectedVersion: number; actorUserId: string | null; changes: CaseChanges },
): Promise<number | null> {
  const row = await trx
    .updateTable('sp_case')
    .set((eb) => ({
      ...update.changes,
      version: eb('version', '+', 1),
      updated_at: new Date(),
      updated_by: update.actorUserId,
    }))
    .where('tenant_id', '=', tenantId)
    .where('id', '=', update.caseId)
    .where('version', '=', update.expectedVersion)
    .returning('version')
    .executeTakeFirst();
  return row?.version ?? null;
}

export interface CaseworkSettings {
  /** People a link worker takes on in a year (NHS England: 200-250). */
  caseloadCapacity: number;
  /** Open cases at one time. */
  activeCaseloadCapacity: number;
  firstContactWorkingDays: number;
  onwardResponseDays: number;
}

export const DEFAULT_CASEWORK_SETTINGS: CaseworkSettings = {
  caseloadCapacity: 225,
  activeCaseloadCapacity: 40,
  firstContactWorkingDays: 5,
  onwardResponseDays: 14,
};

/**
 * The tenant's casework settings (DOMAIN.md 1.4 workload norms), or the defaults when none are saved.
 * @param db - the database or a transaction
 * @param tenantId - the tenant
 */
export async function loadCaseworkSettings(db: Db, tenantId: string): Promise<CaseworkSettings> {
  const row = await db
    .selectFrom('casework_setting')
    .selectAll()
    .where('tenant_id', '=', tenantId)
    .executeTakeFirst();
  if (row === undefined) {
    return DEFAULT_CASEWORK_SETTINGS;
  }
  return {
    caseloadCapacity: row.caseload_capacity,
    activeCaseloadCapacity: row.active_caseload_capacity,
    firstContactWorkingDays: row.first_contact_working_days,
    onwardResponseDays: row.onward_response_days,
  };
}

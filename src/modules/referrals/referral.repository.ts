import { type Kysely, type Selectable, type Transaction } from 'kysely';
import type { Database } from '../../db/database.ts';
import type { Referral, ReferralSource, ReferralUrgency } from './referral.model.ts';
import type { ReferralTable } from './referrals.tables.ts';

// SQL of referrals in: insert (idempotent), reads by id, key, referrer and patient. Triage queries are in
// triage.repository.ts. Every query filters by tenant.

type Db = Kysely<Database> | Transaction<Database>;

/**
 * A referral row as the domain type.
 * @param r - the row
 */
export function referralRowToReferral(r: Selectable<ReferralTable>): Referral {
  return {
    id: r.id,
    patientId: r.patient_id,
    source: r.source,
    referrerUserId: r.referrer_user_id,
    referrerName: r.referrer_name,
    referrerOrganisation: r.referrer_organisation,
    referrerEmail: r.referrer_email,
    practiceId: r.practice_id,
    reason: r.reason,
    needs: r.needs,
    urgency: r.urgency,
    riskInformation: r.risk_information,
    consentConfirmed: r.consent_confirmed,
    status: r.status,
    flaggedForClinician: r.flagged_for_clinician,
    declineReason: r.decline_reason,
    redirectedTo: r.redirected_to,
    triageNote: r.triage_note,
    triagedBy: r.triaged_by,
    triagedAt: r.triaged_at,
    receivedAt: r.received_at,
    version: r.version,
  };
}

export interface NewReferralRow {
  patientId: string;
  source: ReferralSource;
  referrerUserId: string | null;
  referrerName: string | null;
  referrerOrganisation: string | null;
  referrerEmail: string | null;
  practiceId: string | null;
  reason: string;
  needs: readonly string[];
  urgency: ReferralUrgency;
  riskInformation: string | null;
  flaggedForClinician: boolean;
  idempotencyKey: string | null;
}

/**
 * Inserts a referral. When another referral already has the idempotency key, nothing is inserted and the
 * result is undefined: ON CONFLICT settles two concurrent submissions with the same key (the second waits
 * for the first to commit, then does nothing).
 * @param trx - the transaction
 * @param tenantId - the tenant
 * @param row - the referral
 */
export async function insertReferral(
  trx: Db,
  tenantId: string,
  row: NewReferralRow,
): Promise<Referral | undefined> {
  const inserted = await trx
    .insertInto('referral')
    .values({
      tenant_id: tenantId,
      patient_id: row.patientId,
      source: row.source,
      referrer_user_id: row.referrerUserId,
      referrer_name: row.referrerName,
      referrer_organisation: row.referrerOrganisation,
      referrer_email: row.referrerEmail,
      practice_id: row.practiceId,
      reason: row.reason,
      needs: [...row.needs],
      urgency: row.urgency,
      risk_information: row.riskInformation,
      consent_confirmed: true,
      flagged_for_clinician: row.flaggedForClinician,
      decline_reason: null,
      redirected_to: null,
      triage_note: null,
      triaged_by: null,
      triaged_at: null,
      idempotency_key: row.idempotencyKey,
    })
    .onConflict((oc) => oc.columns(['tenant_id', 'idempotency_key']).doNothing())
    .returningAll()
    .executeTakeFirst();
  return inserted === undefined ? undefined : referralRowToReferral(inserted);
}

/**
 * A referral by id.
 * @param db - the database or a transaction
 * @param tenantId - the tenant
 * @param id - the referral's id
 */
export async function selectReferralById(
  db: Db,
  tenantId: string,
  id: string,
): Promise<Referral | undefined> {
  const row = await db
    .selectFrom('referral')
    .selectAll()
    .where('tenant_id', '=', tenantId)
    .where('id', '=', id)
    .executeTakeFirst();
  return row === undefined ? undefined : referralRowToReferral(row);
}

/**
 * The referral made with an idempotency key.
 * @param db - the database or a transaction
 * @param tenantId - the tenant
 * @param key - the stored (namespaced) key
 */
export async function selectReferralByKey(
  db: Db,
  tenantId: string,
  key: string,
): Promise<Referral | undefined> {
  const row = await db
    .selectFrom('referral')
    .selectAll()
    .where('tenant_id', '=', tenantId)
    .where('idempotency_key', '=', key)
    .executeTakeFirst();
  return row === undefined ? undefined : referralRowToReferral(row);
}

/**
 * A referrer's own referrals, newest first (referral_referrer_idx).
 * @param db - the database
 * @param tenantId - the tenant
 * @param referrerUserId - the referrer
 * @param limit - at most this many
 */
export async function selectReferralsByReferrer(
  db: Db,
  tenantId: string,
  referrerUserId: string,
  limit: number,
): Promise<Referral[]> {
  const rows = await db
    .selectFrom('referral')
    .selectAll()
    .where('tenant_id', '=', tenantId)
    .where('referrer_user_id', '=', referrerUserId)
    .orderBy('received_at', 'desc')
    .orderBy('id', 'desc')
    .limit(limit)
    .execute();
  return rows.map(referralRowToReferral);
}

/**
 * A patient's referrals, newest first (referral_patient_idx).
 * @param db - the database
 * @param tenantId - the tenant
 * @param patientId - the patient
 */
export async function selectReferralsByPatient(
  db: Db,
  tenantId: string,
  patientId: string,
): Promise<Referral[]> {
  const rows = await db
    .selectFrom('referral')
    .selectAll()
    .where('tenant_id', '=', tenantId)
    .where('patient_id', '=', patientId)
    .orderBy('received_at', 'desc')
    .orderBy('id', 'desc')
    .execute();
  return rows.map(referralRowToReferral);
}

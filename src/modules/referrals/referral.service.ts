import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../../db/database.ts';
import type { Permission } from '../accounts/roles.ts';
import { createStaffTask } from '../casework/staff-task.service.ts';
import {
  createPatient,
  findPatientById,
  findPatientByNhsNumber,
  recordConsent,
  type Patient,
} from '../people/people.service.ts';
import type { NewReferral, Referral } from './referral.model.ts';
import {
  insertReferral,
  selectReferralById,
  selectReferralByKey,
  selectReferralsByPatient,
  selectReferralsByReferrer,
} from './referral.repository.ts';
import { findUrgentPhrases } from './urgent-phrases.ts';

// Referrals in: the one entry point every channel uses (staff and partner form, public self-referral, JSON
// API, and later FHIR ServiceRequest), and the reads other pages need.

export type * from './referral.model.ts';
export { referralKey, sourceForRole } from './referral.model.ts';

type Db = Kysely<Database>;

export interface ReferralDeps {
  tenantId: string;
  /** The urgent phrase list in force (the shipped starter list when not given). */
  urgentPhrases?: readonly string[];
}

export interface CreateReferralResult {
  referral: Referral;
  /** False when the idempotency key had already made this referral (a retry). */
  created: boolean;
  /** The patient record was made for this referral (no existing record had the NHS number). */
  patientCreated: boolean;
  /** Urgent phrases found in the reason or risk information (the referral is flagged when any). */
  urgentPhrases: string[];
}

/** Thrown inside the transaction when a concurrent submission with the same key got there first. */
export class ReferralKeyTaken extends Error {
  constructor(readonly key: string) {
    super('A referral with this idempotency key was created concurrently');
    this.name = 'ReferralKeyTaken';
  }
}

async function resolvePatient(
  trx: Transaction<Database>,
  tenantId: string,
  person: NewReferral['person'],
  actorUserId: string | null,
): Promise<{ patient: Patient; created: boolean }> {
  if ('patientId' in person) {
    const patient = await findPatientById(trx, tenantId, person.patientId);
    if (patient === undefined) {
      throw new Error('Referral for a patient who does not exist');
    }
    return { patient, created: false };
  }
  const number = person.details.nhsNumber ?? null;
  const existing = number === null ? undefined : await findPatientByNhsNumber(trx, tenantId, number);
  if (existing !== undefined) {
    return { patient: existing, created: false };
  }
  const result = await createPatient(trx, tenantId, person.details, actorUserId);
  return result.ok
    ? { patient: result.patient, created: true }
    : { patient: result.existing, created: false };
}

/**
 * Creates a referral into social prescribing: finds the person by NHS number or creates their record,
 * records the consents taken with it, flags it for a clinician (and raises an urgent clinician-review
 * task) when its free text holds urgent words. Idempotent by key: a key seen before returns the first
 * referral; a concurrent submission with the same key throws ReferralKeyTaken, rolling this one back
 * (submitReferral turns that into the first referral).
 * @param trx - the transaction of the use case
 * @param deps - the tenant and the urgent phrase list
 * @param input - the validated referral
 * @param actor - who is submitting it (null for the public)
 */
export async function createReferral(
  trx: Transaction<Database>,
  deps: ReferralDeps,
  input: NewReferral,
  actor: { userId: string | null },
): Promise<CreateReferralResult> {
  const { tenantId } = deps;
  if (input.idempotencyKey !== null) {
    const earlier = await selectReferralByKey(trx, tenantId, input.idempotencyKey);
    if (earlier !== undefined) {
      return { referral: earlier, created: false, patientCreated: false, urgentPhrases: [] };
    }
  }
  const { patient, created: patientCreated } = await resolvePatient(
    trx,
    tenantId,
    input.person,
    actor.userId,
  );
  const urgentPhrases = findUrgentPhrases([input.reason, input.riskInformation], deps.urgentPhrases);
  const referral = await insertReferral(trx, tenantId, {
    patientId: patient.id,
    source: input.source,
    referrerUserId: input.referrer?.userId ?? null,
    referrerName: input.referrer?.name ?? null,
    referrerOrganisation: input.referrer?.organisation ?? null,
    referrerEmail: input.referrer?.email ?? null,
    practiceId: input.practiceId ?? patient.practiceId,
    reason: input.reason,
    needs: input.needs,
    urgency: input.urgency,
    riskInformation: input.riskInformation,
    flaggedForClinician: urgentPhrases.length > 0,
    idempotencyKey: input.idempotencyKey,
  });
  if (referral === undefined) {
    throw new ReferralKeyTaken(input.idempotencyKey ?? '');
  }
  for (const consent of input.consents) {
    await recordConsent(trx, tenantId, patient.id, { ...consent, referralId: referral.id }, actor.userId);
  }
  if (urgentPhrases.length > 0) {
    await createStaffTask(trx, tenantId, {
      kind: 'clinician-review',
      title: 'Review a referral flagged for urgent words before routine triage',
      priority: 'urgent',
      assignedTo: null,
      patientId: patient.id,
      caseId: null,
      dueAt: referral.receivedAt,
      createdBy: actor.userId,
    });
  }
  return { referral, created: true, patientCreated, urgentPhrases };
}

/**
 * Submits a referral in its own transaction (createReferral), settling a race on the idempotency key:
 * the loser's work is rolled back and it returns the winner's referral. `afterCreate` runs last in the
 * same transaction (for the audit entry) when a referral was created.
 * @param db - the database
 * @param deps - the tenant and the urgent phrase list
 * @param input - the validated referral
 * @param options - who is submitting it, and what to record with it
 */
export async function submitReferral(
  db: Db,
  deps: ReferralDeps,
  input: NewReferral,
  options: {
    actor: { userId: string | null };
    afterCreate?: (trx: Transaction<Database>, result: CreateReferralResult) => Promise<void>;
  },
): Promise<CreateReferralResult> {
  try {
    return await db.transaction().execute(async (trx) => {
      const result = await createReferral(trx, deps, input, options.actor);
      if (result.created && options.afterCreate !== undefined) {
        await options.afterCreate(trx, result);
      }
      return result;
    });
  } catch (error) {
    if (!(error instanceof ReferralKeyTaken)) {
      throw error;
    }
    const first = await selectReferralByKey(db, deps.tenantId, error.key);
    if (first === undefined) {
      throw error;
    }
    return { referral: first, created: false, patientCreated: false, urgentPhrases: [] };
  }
}

/**
 * One referral, or undefined.
 * @param db - the database or a transaction
 * @param tenantId - the tenant
 * @param referralId - the referral
 */
export async function findReferral(
  db: Db,
  tenantId: string,
  referralId: string,
): Promise<Referral | undefined> {
  return selectReferralById(db, tenantId, referralId);
}

/**
 * May this person see the referral? Only its referrer, or someone whose role triages referrals.
 * @param referral - the referral
 * @param viewer - the signed-in user and the permissions of the role they act in
 */
export function canViewReferral(
  referral: Pick<Referral, 'referrerUserId'>,
  viewer: { userId: string; permissions: ReadonlySet<Permission> },
): boolean {
  return referral.referrerUserId === viewer.userId || viewer.permissions.has('referrals:triage');
}

/**
 * The referral if this person may see it, else undefined (pages answer 404 either way, so they do not
 * reveal that a referral exists).
 * @param db - the database
 * @param tenantId - the tenant
 * @param referralId - the referral
 * @param viewer - the signed-in user and their permissions
 */
export async function findReferralForViewer(
  db: Db,
  tenantId: string,
  referralId: string,
  viewer: { userId: string; permissions: ReadonlySet<Permission> },
): Promise<Referral | undefined> {
  const referral = await selectReferralById(db, tenantId, referralId);
  return referral !== undefined && canViewReferral(referral, viewer) ? referral : undefined;
}

/**
 * The referrals a person made, newest first.
 * @param db - the database
 * @param tenantId - the tenant
 * @param referrerUserId - the referrer
 * @param limit - at most this many (default 100)
 */
export async function listReferralsByReferrer(
  db: Db,
  tenantId: string,
  referrerUserId: string,
  limit = 100,
): Promise<Referral[]> {
  return selectReferralsByReferrer(db, tenantId, referrerUserId, limit);
}

/**
 * A patient's referrals, newest first.
 * @param db - the database
 * @param tenantId - the tenant
 * @param patientId - the patient
 */
export async function listReferralsForPatient(
  db: Db,
  tenantId: string,
  patientId: string,
): Promise<Referral[]> {
  return selectReferralsByPatient(db, tenantId, patientId);
}

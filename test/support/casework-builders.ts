import type { Kysely } from 'kysely';
import { randomUUID } from 'node:crypto';
import type { Database } from '../../src/db/database.ts';
import { upsertPractices, type Practice } from '../../src/modules/accounts/practice.repository.ts';
import { openCase } from '../../src/modules/casework/case.service.ts';
import { nhsCheckDigit } from '../../src/modules/people/nhs-number.ts';
import type { Patient } from '../../src/modules/people/people.model.ts';
import { createPatient, type NewPatient } from '../../src/modules/people/people.service.ts';
import type { ReferralSource } from '../../src/modules/referrals/referrals.tables.ts';

// Builders for people, referrals and (appended by the casework tests) cases: defaults plus typed
// overrides (STYLE.md rule 29). NHS numbers come only from the never-issued 999 range and pass modulus 11.

let nhsSequence = Math.floor(Math.random() * 900_000);

/** A fresh test NHS number from 999 000 0000 to 999 999 9999 that passes the modulus 11 check. */
export function nextTestNhsNumber(): string {
  for (;;) {
    nhsSequence = (nhsSequence + 1) % 1_000_000;
    const nine = `999${String(nhsSequence).padStart(6, '0')}`;
    const check = nhsCheckDigit(nine);
    if (check !== null) {
      return `${nine}${String(check)}`;
    }
  }
}

/**
 * A GP practice of the tenant.
 * @param db - the database
 * @param tenantId - the tenant
 * @param build - what to change from the defaults
 */
export async function buildPractice(
  db: Kysely<Database>,
  tenantId: string,
  build: Partial<Practice> = {},
): Promise<Practice> {
  const suffix = randomUUID().slice(0, 6).toUpperCase();
  const practice: Practice = {
    id: build.id ?? randomUUID(),
    odsCode: build.odsCode ?? `B${suffix}`,
    name: build.name ?? `Test Surgery ${suffix}`,
    postcode: build.postcode ?? 'LS6 1AN',
    latitude: build.latitude ?? null,
    longitude: build.longitude ?? null,
  };
  await upsertPractices(db, tenantId, [practice]);
  return practice;
}

/**
 * A patient, created through the people service. By default with a fresh test NHS number; pass
 * `nhsNumber: null` for a person without one.
 * @param db - the database
 * @param tenantId - the tenant
 * @param build - what to change from the defaults
 */
export async function buildPatient(
  db: Kysely<Database>,
  tenantId: string,
  build: Partial<NewPatient> = {},
): Promise<Patient> {
  const input: NewPatient = {
    givenName: 'Alex',
    familyName: `Tester-${randomUUID().slice(0, 6)}`,
    dateOfBirth: '1960-04-12',
    postcode: 'LS6 1AN',
    phone: '07700 900123',
    ...build,
    nhsNumber: build.nhsNumber === undefined ? nextTestNhsNumber() : build.nhsNumber,
  };
  const result = await db.transaction().execute((trx) => createPatient(trx, tenantId, input, null));
  if (!result.ok) {
    throw new Error('buildPatient: a patient with this NHS number already exists');
  }
  return result.patient;
}

export type ReferralBuild = Partial<{
  patient_id: string;
  source: ReferralSource;
  referrer_user_id: string | null;
  referrer_name: string | null;
  practice_id: string | null;
  reason: string;
  risk_information: string | null;
  flagged_for_clinician: boolean;
  idempotency_key: string | null;
  needs: string[];
  urgency: 'routine' | 'soon' | 'urgent';
  status: 'new' | 'accepted' | 'declined' | 'redirected' | 'closed';
  receivedAt: Date;
}>;

/**
 * A referral row (status 'new' unless told otherwise), for a fresh patient unless `patient_id` is given.
 * Inserts the row directly: use the referrals service to test creation itself.
 * @param db - the database
 * @param tenantId - the tenant
 * @param build - what to change from the defaults
 * @returns the referral's id and its patient's id
 */
export async function buildReferral(
  db: Kysely<Database>,
  tenantId: string,
  build: ReferralBuild = {},
): Promise<{ id: string; patientId: string }> {
  const patientId = build.patient_id ?? (await buildPatient(db, tenantId)).id;
  const row = await db
    .insertInto('referral')
    .values({
      tenant_id: tenantId,
      patient_id: patientId,
      source: build.source ?? 'clinician',
      referrer_user_id: build.referrer_user_id ?? null,
      referrer_name: build.referrer_name ?? 'Dr Test',
      referrer_organisation: null,
      referrer_email: null,
      practice_id: build.practice_id ?? null,
      reason: build.reason ?? 'Feeling isolated since moving house',
      needs: build.needs ?? ['loneliness'],
      urgency: build.urgency ?? 'routine',
      risk_information: build.risk_information ?? null,
      consent_confirmed: true,
      status: build.status ?? 'new',
      flagged_for_clinician: build.flagged_for_clinician ?? false,
      decline_reason: null,
      redirected_to: null,
      triage_note: null,
      triaged_by: null,
      triaged_at: null,
      idempotency_key: build.idempotency_key ?? null,
      ...(build.receivedAt === undefined ? {} : { received_at: build.receivedAt }),
    })
    .returning(['id', 'patient_id'])
    .executeTakeFirstOrThrow();
  return { id: row.id, patientId: row.patient_id };
}

export interface CaseBuild {
  /** The link worker to allocate to, or null (the default) for a case on the waiting list. */
  linkWorkerId?: string | null;
  practiceId?: string | null;
  patientId?: string;
  needs?: string[];
  referrerUserId?: string | null;
  /** When the case was accepted (and, if allocated, allocated). */
  now?: Date;
}

/**
 * An accepted referral and its case, opened through the casework service (openCase).
 * @param db - the database
 * @param tenantId - the tenant
 * @param build - what to change from the defaults
 * @returns the case's, referral's and person's ids
 */
export async function buildCase(
  db: Kysely<Database>,
  tenantId: string,
  build: CaseBuild = {},
): Promise<{ caseId: string; referralId: string; patientId: string }> {
  const referral = await buildReferral(db, tenantId, {
    status: 'accepted',
    needs: build.needs ?? ['loneliness'],
    practice_id: build.practiceId ?? null,
    referrer_user_id: build.referrerUserId ?? null,
    ...(build.patientId === undefined ? {} : { patient_id: build.patientId }),
    ...(build.now === undefined ? {} : { receivedAt: build.now }),
  });
  const caseId = await db.transaction().execute((trx) =>
    openCase(trx, tenantId, {
      referralId: referral.id,
      patientId: referral.patientId,
      practiceId: build.practiceId ?? null,
      linkWorkerId: build.linkWorkerId ?? null,
      actorUserId: null,
      ...(build.now === undefined ? {} : { now: build.now }),
    }),
  );
  return { caseId, referralId: referral.id, patientId: referral.patientId };
}

import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../../db/database.ts';
import { findOrganisationByPracticeId } from '../accounts/organisation.repository.ts';
import { findPractice } from '../accounts/practice.repository.ts';
import { listRoleHolders } from '../accounts/role-holders.repository.ts';
import type { Permission, Role } from '../accounts/roles.ts';
import { findUserById } from '../accounts/user.repository.ts';
import { formatNhsNumber } from '../people/nhs-number.ts';
import {
  findPatientById,
  hasShareConsent,
  patientSummaries,
  recordConsent,
  type PatientSummary,
} from '../people/people.service.ts';
import { canViewReferral, findReferral } from '../referrals/referral.service.ts';

// What casework needs from the other modules (people, referrals, accounts), in one place: the rest of the
// casework code calls only these functions, never another module's tables.

type Db = Kysely<Database>;

/** What casework shows and writes about a person. */
export interface PatientFacts {
  id: string;
  name: string;
  nhsNumber: string | null;
  /** `999 000 0018`, or null. */
  nhsNumberFormatted: string | null;
  dateOfBirth: string;
  postcode: string | null;
  email: string | null;
  consentEmail: boolean;
  practiceId: string | null;
}

/** The referral a case came from. */
export interface ReferralFacts {
  id: string;
  patientId: string;
  practiceId: string | null;
  referrerUserId: string | null;
  referrerName: string | null;
  referrerOrganisation: string | null;
  reason: string;
  needs: string[];
  urgency: string;
  riskInformation: string | null;
  receivedAt: Date;
}

export interface PracticeFacts {
  id: string;
  name: string;
  odsCode: string;
}

export interface StaffName {
  id: string;
  displayName: string;
}

/**
 * One person, or undefined.
 * @param db - the database or a transaction
 * @param tenantId - the tenant
 * @param patientId - the patient
 */
export async function findPatientFacts(
  db: Db,
  tenantId: string,
  patientId: string,
): Promise<PatientFacts | undefined> {
  const patient = await findPatientById(db, tenantId, patientId);
  return patient === undefined
    ? undefined
    : {
        id: patient.id,
        name: `${patient.givenName} ${patient.familyName}`,
        nhsNumber: patient.nhsNumber,
        nhsNumberFormatted: patient.nhsNumber === null ? null : formatNhsNumber(patient.nhsNumber),
        dateOfBirth: patient.dateOfBirth,
        postcode: patient.postcode,
        email: patient.email,
        consentEmail: patient.consentEmail,
        practiceId: patient.practiceId,
      };
}

/**
 * Name, NHS number and date of birth of several people at once (lists such as a caseload), by id.
 * @param db - the database or a transaction
 * @param tenantId - the tenant
 * @param patientIds - the patients
 */
export async function findPatientLabels(
  db: Db,
  tenantId: string,
  patientIds: readonly string[],
): Promise<Map<string, PatientSummary>> {
  return patientSummaries(db, tenantId, patientIds);
}

/**
 * One referral, or undefined.
 * @param db - the database or a transaction
 * @param tenantId - the tenant
 * @param referralId - the referral
 */
export async function findReferralFacts(
  db: Db,
  tenantId: string,
  referralId: string,
): Promise<ReferralFacts | undefined> {
  const r = await findReferral(db, tenantId, referralId);
  return r === undefined
    ? undefined
    : {
        id: r.id,
        patientId: r.patientId,
        practiceId: r.practiceId,
        referrerUserId: r.referrerUserId,
        referrerName: r.referrerName,
        referrerOrganisation: r.referrerOrganisation,
        reason: r.reason,
        needs: r.needs,
        urgency: r.urgency,
        riskInformation: r.riskInformation,
        receivedAt: r.receivedAt,
      };
}

/**
 * May this person see the referral (its referrer, or a triage role)? The referrals module decides.
 * @param referral - the referral
 * @param viewer - the signed-in user and their permissions
 */
export function referralVisibleTo(
  referral: Pick<ReferralFacts, 'referrerUserId'>,
  viewer: { userId: string; permissions: ReadonlySet<Permission> },
): boolean {
  return canViewReferral(referral, viewer);
}

/**
 * The staff organisation that stands for a GP practice, if any: its members read the practice's
 * messages back.
 * @param db - the database
 * @param tenantId - the tenant
 * @param practiceId - the practice
 */
export async function practiceOrganisationId(
  db: Db,
  tenantId: string,
  practiceId: string | null,
): Promise<string | null> {
  if (practiceId === null) {
    return null;
  }
  return (await findOrganisationByPracticeId(db, tenantId, practiceId))?.id ?? null;
}

/**
 * May the person's details go to this organisation for this referral (the latest decision is "given")?
 * @param db - the database or a transaction
 * @param tenantId - the tenant
 * @param share - person, directory organisation and referral
 */
export async function shareConsentGiven(
  db: Db,
  tenantId: string,
  share: { patientId: string; organizationId: string; referralId: string },
): Promise<boolean> {
  return hasShareConsent(db, tenantId, share);
}

/**
 * Records, through the people service, that the person agreed (verbally, to the link worker) to share
 * their details with an organisation for this referral.
 * @param trx - the caller's transaction
 * @param tenantId - the tenant
 * @param consent - person, organisation, referral, the words read to them, who recorded it
 */
export async function recordShareConsent(
  trx: Transaction<Database>,
  tenantId: string,
  consent: {
    patientId: string;
    organizationId: string;
    referralId: string;
    wording: string;
    recordedBy: string;
  },
): Promise<void> {
  await recordConsent(
    trx,
    tenantId,
    consent.patientId,
    {
      change: {
        kind: 'share-with-organisation',
        granted: true,
        organizationId: consent.organizationId,
        referralId: consent.referralId,
        purpose: 'onward-referral',
      },
      method: 'verbal',
      wording: consent.wording,
    },
    consent.recordedBy,
  );
}

/**
 * A practice's name and ODS code.
 * @param db - the database or a transaction
 * @param tenantId - the tenant
 * @param practiceId - the practice, or null
 */
export async function findPracticeFacts(
  db: Db,
  tenantId: string,
  practiceId: string | null,
): Promise<PracticeFacts | null> {
  if (practiceId === null) {
    return null;
  }
  const practice = await findPractice(db, tenantId, { id: practiceId });
  return practice === undefined ? null : { id: practice.id, name: practice.name, odsCode: practice.odsCode };
}

/**
 * A member of staff's name, or null.
 * @param db - the database or a transaction
 * @param tenantId - the tenant
 * @param userId - the user, or null
 */
export async function findStaffName(db: Db, tenantId: string, userId: string | null): Promise<string | null> {
  if (userId === null) {
    return null;
  }
  return (await findUserById(db, tenantId, userId))?.displayName ?? null;
}

/**
 * Active users holding a role in an active organisation, one per person, by name: the clinicians a
 * safeguarding concern can go to, the link workers a supervisor can look at.
 * @param db - the database
 * @param tenantId - the tenant
 * @param role - the role
 */
export async function listStaffWithRole(db: Db, tenantId: string, role: Role): Promise<StaffName[]> {
  const holders = await listRoleHolders(db, tenantId, role);
  const people = new Map(holders.map((h) => [h.userId, { id: h.userId, displayName: h.displayName }]));
  return [...people.values()];
}

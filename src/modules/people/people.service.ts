import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../../db/database.ts';
import { findPractice, listPractices } from '../accounts/practice.repository.ts';
import { classifyDuplicates, type DuplicateMatches, type DuplicateProbe } from './duplicates.ts';
import { formatNhsNumber } from './nhs-number.ts';
import type { NewPatient, Patient, PatientDetails, PatientSummary } from './people.model.ts';
import {
  insertPatient,
  selectPatientById,
  selectPatientByNhsNumber,
  selectPatientsByIds,
  selectPatientsByNameAndBirth,
  updatePatientAtVersion,
} from './people.repository.ts';

// The people module's service API: what other modules (referrals, casework) call. Writes take the caller's
// transaction, so a patient created for a referral commits or rolls back with it.

export type * from './people.model.ts';
export { duplicateCheckKey } from './duplicates.ts';
export { hasShareConsent, listConsentEvents, listShareConsents, recordConsent } from './consent.service.ts';

type Db = Kysely<Database> | Transaction<Database>;

export type CreatePatientResult =
  { ok: true; patient: Patient } | { ok: false; error: 'DuplicateNhsNumber'; existing: Patient };

/**
 * Creates a patient record. Never a second record for an NHS number: that gives `DuplicateNhsNumber`
 * with the existing record (also when two requests race to create it).
 * @param trx - the transaction of the use case
 * @param tenantId - the tenant
 * @param input - names and date of birth, and any other details (see NewPatient for the defaults)
 * @param actorUserId - who is creating it; null for a public self-referral
 */
export async function createPatient(
  trx: Transaction<Database>,
  tenantId: string,
  input: NewPatient,
  actorUserId: string | null,
): Promise<CreatePatientResult> {
  const patient = await insertPatient(trx, tenantId, input, actorUserId);
  if (patient !== undefined) {
    return { ok: true, patient };
  }
  const existing = input.nhsNumber
    ? await selectPatientByNhsNumber(trx, tenantId, input.nhsNumber)
    : undefined;
  if (existing === undefined) {
    throw new Error('Patient insert did nothing, but no record has its NHS number');
  }
  return { ok: false, error: 'DuplicateNhsNumber', existing };
}

/**
 * A patient by id.
 * @param db - the database or a transaction
 * @param tenantId - the tenant
 * @param id - the patient's id
 */
export async function findPatientById(db: Db, tenantId: string, id: string): Promise<Patient | undefined> {
  return selectPatientById(db, tenantId, id);
}

/**
 * A patient by NHS number (ten digits).
 * @param db - the database or a transaction
 * @param tenantId - the tenant
 * @param nhsNumber - ten digits, as parseNhsNumber returns them
 */
export async function findPatientByNhsNumber(
  db: Db,
  tenantId: string,
  nhsNumber: string,
): Promise<Patient | undefined> {
  return selectPatientByNhsNumber(db, tenantId, nhsNumber);
}

/**
 * Records that may be the person being entered: the one with the same NHS number, and those with the
 * same family name (any case) and date of birth (rules in duplicates.ts).
 * @param db - the database or a transaction
 * @param tenantId - the tenant
 * @param probe - the NHS number (or null), family name and date of birth entered
 */
export async function findPossibleDuplicates(
  db: Db,
  tenantId: string,
  probe: DuplicateProbe,
): Promise<DuplicateMatches<Patient>> {
  const candidates = await selectPatientsByNameAndBirth(db, tenantId, probe);
  return classifyDuplicates(probe, candidates);
}

/**
 * Patients found by NHS number, or by family name and date of birth (the people search).
 * @param db - the database
 * @param tenantId - the tenant
 * @param search - an NHS number, or a family name and date of birth
 */
export async function searchPatients(
  db: Db,
  tenantId: string,
  search: { nhsNumber: string | null; familyName: string | null; dateOfBirth: string | null },
): Promise<Patient[]> {
  if (search.nhsNumber !== null) {
    const one = await selectPatientByNhsNumber(db, tenantId, search.nhsNumber);
    return one === undefined ? [] : [one];
  }
  return selectPatientsByNameAndBirth(db, tenantId, { ...search, nhsNumber: null }, 50);
}

export type UpdatePatientResult =
  | { ok: true; patient: Patient }
  | { ok: false; error: 'NotFound' }
  | { ok: false; error: 'VersionConflict'; current: Patient }
  | { ok: false; error: 'DuplicateNhsNumber'; existing: Patient };

/**
 * Changes a patient's details with optimistic locking: only if the record is still at the version the
 * editor started from.
 * @param trx - the transaction
 * @param tenantId - the tenant
 * @param change - the patient, the version the editor saw, the new details, and who is changing them
 */
export async function updatePatient(
  trx: Transaction<Database>,
  tenantId: string,
  change: { id: string; expectedVersion: number; details: PatientDetails; actorUserId: string },
): Promise<UpdatePatientResult> {
  const current = await selectPatientById(trx, tenantId, change.id);
  if (current === undefined) {
    return { ok: false, error: 'NotFound' };
  }
  if (current.version !== change.expectedVersion) {
    return { ok: false, error: 'VersionConflict', current };
  }
  const number = change.details.nhsNumber;
  if (number !== null && number !== current.nhsNumber) {
    const holder = await selectPatientByNhsNumber(trx, tenantId, number);
    if (holder !== undefined) {
      return { ok: false, error: 'DuplicateNhsNumber', existing: holder };
    }
  }
  const patient = await updatePatientAtVersion(trx, tenantId, change);
  if (patient === undefined) {
    const now = await selectPatientById(trx, tenantId, change.id);
    return now === undefined
      ? { ok: false, error: 'NotFound' }
      : { ok: false, error: 'VersionConflict', current: now };
  }
  return { ok: true, patient };
}

function summarise(p: Patient, practiceName: string | null): PatientSummary {
  return {
    id: p.id,
    name: `${p.givenName} ${p.familyName}`,
    givenName: p.givenName,
    familyName: p.familyName,
    nhsNumber: p.nhsNumber,
    nhsNumberFormatted: p.nhsNumber === null ? null : formatNhsNumber(p.nhsNumber),
    nhsNumberStatus: p.nhsNumberStatus,
    dateOfBirth: p.dateOfBirth,
    postcode: p.postcode,
    practiceId: p.practiceId,
    practiceName,
  };
}

/**
 * What other modules show about a person: name, NHS number, date of birth and practice.
 * @param db - the database or a transaction
 * @param tenantId - the tenant
 * @param patientId - the patient
 */
export async function patientSummary(
  db: Kysely<Database>,
  tenantId: string,
  patientId: string,
): Promise<PatientSummary | undefined> {
  const patient = await selectPatientById(db, tenantId, patientId);
  if (patient === undefined) {
    return undefined;
  }
  const practice =
    patient.practiceId === null ? undefined : await findPractice(db, tenantId, { id: patient.practiceId });
  return summarise(patient, practice?.name ?? null);
}

/**
 * Summaries of several people at once (for lists such as a caseload), keyed by patient id.
 * @param db - the database or a transaction
 * @param tenantId - the tenant
 * @param patientIds - the patients
 */
export async function patientSummaries(
  db: Kysely<Database>,
  tenantId: string,
  patientIds: readonly string[],
): Promise<Map<string, PatientSummary>> {
  const unique = [...new Set(patientIds)];
  const [patients, practices] = await Promise.all([
    selectPatientsByIds(db, tenantId, unique),
    unique.length === 0 ? Promise.resolve([]) : listPractices(db, tenantId),
  ]);
  const practiceNames = new Map(practices.map((p) => [p.id, p.name]));
  return new Map(
    patients.map((p) => [
      p.id,
      summarise(p, p.practiceId === null ? null : (practiceNames.get(p.practiceId) ?? null)),
    ]),
  );
}

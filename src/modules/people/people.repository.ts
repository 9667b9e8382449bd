import { sql, type Kysely, type Selectable, type Transaction } from 'kysely';
import type { Database } from '../../db/database.ts';
import type { EthnicCategory } from './ethnicity.ts';
import type { NewPatient, Patient, PatientDetails } from './people.model.ts';
import type {
  Gender,
  NhsNumberStatus,
  PatientTable,
  PreferredContact,
  SocialPrescribingConsent,
} from './people.tables.ts';

// SQL of the people module's patients (consent events are in consent.repository.ts). Every query filters
// by tenant.

type Db = Kysely<Database> | Transaction<Database>;
type PatientRow = Selectable<PatientTable>;

function toPatient(r: PatientRow): Patient {
  return {
    id: r.id,
    nhsNumber: r.nhs_number,
    nhsNumberStatus: r.nhs_number_status,
    givenName: r.given_name,
    familyName: r.family_name,
    preferredName: r.preferred_name,
    dateOfBirth: r.date_of_birth,
    gender: r.gender,
    ethnicity: r.ethnicity as EthnicCategory | null,
    addressLine1: r.address_line1,
    addressLine2: r.address_line2,
    town: r.town,
    postcode: r.postcode,
    phone: r.phone,
    email: r.email,
    preferredContact: r.preferred_contact,
    preferredLanguage: r.preferred_language,
    interpreterNeeded: r.interpreter_needed,
    communicationNeeds: r.communication_needs,
    practiceId: r.practice_id,
    consentSocialPrescribing: r.consent_social_prescribing,
    consentSms: r.consent_sms,
    consentEmail: r.consent_email,
    version: r.version,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}

interface DetailColumns {
  nhs_number: string | null;
  nhs_number_status: NhsNumberStatus;
  given_name: string;
  family_name: string;
  preferred_name: string | null;
  date_of_birth: string;
  gender: Gender;
  ethnicity: string | null;
  address_line1: string | null;
  address_line2: string | null;
  town: string | null;
  postcode: string | null;
  phone: string | null;
  email: string | null;
  preferred_contact: PreferredContact;
  preferred_language: string;
  interpreter_needed: boolean;
  communication_needs: string | null;
  practice_id: string | null;
}

function detailColumns(p: NewPatient): DetailColumns {
  const nhsNumber = p.nhsNumber ?? null;
  return {
    nhs_number: nhsNumber,
    nhs_number_status: p.nhsNumberStatus ?? (nhsNumber === null ? '07' : '03'),
    given_name: p.givenName,
    family_name: p.familyName,
    preferred_name: p.preferredName ?? null,
    date_of_birth: p.dateOfBirth,
    gender: p.gender ?? 'unknown',
    ethnicity: p.ethnicity ?? null,
    address_line1: p.addressLine1 ?? null,
    address_line2: p.addressLine2 ?? null,
    town: p.town ?? null,
    postcode: p.postcode ?? null,
    phone: p.phone ?? null,
    email: p.email ?? null,
    preferred_contact: p.preferredContact ?? (p.phone ? 'phone' : p.email ? 'email' : 'letter'),
    preferred_language: p.preferredLanguage ?? 'English',
    interpreter_needed: p.interpreterNeeded ?? false,
    communication_needs: p.communicationNeeds ?? null,
    practice_id: p.practiceId ?? null,
  };
}

/**
 * Inserts a patient. A second record with the same NHS number is never made: the insert does nothing
 * (ON CONFLICT, which also settles two concurrent inserts) and the result is undefined.
 * @param db - the transaction
 * @param tenantId - the tenant
 * @param patient - the details
 * @param actorUserId - who is creating it (null for a public self-referral)
 */
export async function insertPatient(
  db: Db,
  tenantId: string,
  patient: NewPatient,
  actorUserId: string | null,
): Promise<Patient | undefined> {
  const row = await db
    .insertInto('patient')
    .values({
      tenant_id: tenantId,
      ...detailColumns(patient),
      created_by: actorUserId,
      updated_by: actorUserId,
    })
    .onConflict((oc) =>
      oc.columns(['tenant_id', 'nhs_number']).where('nhs_number', 'is not', null).doNothing(),
    )
    .returningAll()
    .executeTakeFirst();
  return row === undefined ? undefined : toPatient(row);
}

/**
 * A patient by id.
 * @param db - the database or a transaction
 * @param tenantId - the tenant
 * @param id - the patient's id
 */
export async function selectPatientById(db: Db, tenantId: string, id: string): Promise<Patient | undefined> {
  const row = await db
    .selectFrom('patient')
    .selectAll()
    .where('tenant_id', '=', tenantId)
    .where('id', '=', id)
    .executeTakeFirst();
  return row === undefined ? undefined : toPatient(row);
}

/**
 * Patients by ids (for lists), in no particular order.
 * @param db - the database or a transaction
 * @param tenantId - the tenant
 * @param ids - the patients' ids
 */
export async function selectPatientsByIds(
  db: Db,
  tenantId: string,
  ids: readonly string[],
): Promise<Patient[]> {
  if (ids.length === 0) {
    return [];
  }
  const rows = await db
    .selectFrom('patient')
    .selectAll()
    .where('tenant_id', '=', tenantId)
    .where('id', 'in', [...ids])
    .execute();
  return rows.map(toPatient);
}

/**
 * A patient by NHS number.
 * @param db - the database or a transaction
 * @param tenantId - the tenant
 * @param nhsNumber - ten digits
 */
export async function selectPatientByNhsNumber(
  db: Db,
  tenantId: string,
  nhsNumber: string,
): Promise<Patient | undefined> {
  const row = await db
    .selectFrom('patient')
    .selectAll()
    .where('tenant_id', '=', tenantId)
    .where('nhs_number', '=', nhsNumber)
    .executeTakeFirst();
  return row === undefined ? undefined : toPatient(row);
}

/**
 * Patients with this family name (ignoring case) and date of birth, or this NHS number: the candidates
 * of a duplicate check or a search. Uses patient_name_dob_idx and patient_nhs_number_idx.
 * @param db - the database or a transaction
 * @param tenantId - the tenant
 * @param probe - NHS number (or null), family name and date of birth
 * @param limit - at most this many
 */
export async function selectPatientsByNameAndBirth(
  db: Db,
  tenantId: string,
  probe: { nhsNumber: string | null; familyName: string | null; dateOfBirth: string | null },
  limit = 20,
): Promise<Patient[]> {
  const { nhsNumber, familyName, dateOfBirth } = probe;
  const rows = await db
    .selectFrom('patient')
    .selectAll()
    .where('tenant_id', '=', tenantId)
    .where((eb) =>
      eb.or([
        ...(nhsNumber === null ? [] : [eb('nhs_number', '=', nhsNumber)]),
        ...(familyName === null || dateOfBirth === null
          ? []
          : [
              eb.and([
                eb(sql<string>`lower(family_name)`, '=', familyName.toLowerCase()),
                eb('date_of_birth', '=', dateOfBirth),
              ]),
            ]),
      ]),
    )
    .orderBy('family_name')
    .orderBy('given_name')
    .orderBy('id')
    .limit(limit)
    .execute();
  return rows.map(toPatient);
}

/**
 * Changes a patient's details if the record is still at the version the editor saw; bumps the version.
 * @param db - the transaction
 * @param tenantId - the tenant
 * @param change - the patient, the version expected, the new details and who is changing them
 * @returns the updated patient, or undefined when the version had moved on (or the patient is gone)
 */
export async function updatePatientAtVersion(
  db: Db,
  tenantId: string,
  change: { id: string; expectedVersion: number; details: PatientDetails; actorUserId: string },
): Promise<Patient | undefined> {
  const row = await db
    .updateTable('patient')
    .set({
      ...detailColumns(change.details),
      version: sql<number>`version + 1`,
      updated_at: sql<Date>`now()`,
      updated_by: change.actorUserId,
    })
    .where('tenant_id', '=', tenantId)
    .where('id', '=', change.id)
    .where('version', '=', change.expectedVersion)
    .returningAll()
    .executeTakeFirst();
  return row === undefined ? undefined : toPatient(row);
}

/**
 * Sets a patient's current consent flags (consent changes do not move the record's version: the edit
 * form does not carry them, so they cannot be overwritten by it).
 * @param db - the transaction
 * @param tenantId - the tenant
 * @param id - the patient
 * @param flags - the flags to set
 */
export async function updateConsentFlags(
  db: Db,
  tenantId: string,
  id: string,
  flags: { socialPrescribing?: SocialPrescribingConsent; sms?: boolean; email?: boolean },
): Promise<void> {
  await db
    .updateTable('patient')
    .set({
      ...(flags.socialPrescribing === undefined
        ? {}
        : { consent_social_prescribing: flags.socialPrescribing }),
      ...(flags.sms === undefined ? {} : { consent_sms: flags.sms }),
      ...(flags.email === undefined ? {} : { consent_email: flags.email }),
      updated_at: sql<Date>`now()`,
    })
    .where('tenant_id', '=', tenantId)
    .where('id', '=', id)
    .execute();
}

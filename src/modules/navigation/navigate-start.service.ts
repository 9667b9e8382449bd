import type { Transaction } from 'kysely';
import type { Database } from '../../db/database.ts';
import type { FieldIssue } from '../../http/errors.ts';
import { createPatient, findPatientByNhsNumber, searchPatients } from '../people/people.service.ts';
import { navigateMessage as m } from './navigate.content.ts';
import type { PatientDetailsInput } from './navigate.schema.ts';
import type { NavigationChannel } from './navigation.tables.ts';
import { insertNavigationRecord } from './navigation-record.repository.ts';

// Starting a navigation: the patient found by NHS number or their record created through the people
// service (a navigator may create one as part of navigating them), or no patient at all.

export type StartResult =
  | { ok: true; id: string; patientId: string | null; patientCreated: boolean }
  | { ok: false; issues: FieldIssue[] };

/**
 * The patient's record: found by NHS number (or, without one, the single record with exactly this name and
 * date of birth and no number), else created; or what is missing to create it.
 * @param trx - the transaction
 * @param tenantId - the tenant
 * @param person - the details entered
 * @param context - the practice and who is acting
 */
export async function resolvePatient(
  trx: Transaction<Database>,
  tenantId: string,
  person: PatientDetailsInput,
  context: { practiceId: string | null; actorUserId: string },
): Promise<
  { ok: true; id: string; created: boolean; postcode: string | null } | { ok: false; issues: FieldIssue[] }
> {
  if (person.nhsNumber !== null) {
    const found = await findPatientByNhsNumber(trx, tenantId, person.nhsNumber);
    if (found !== undefined) {
      return { ok: true, id: found.id, created: false, postcode: found.postcode };
    }
  }
  const { givenName, familyName, dateOfBirth } = person;
  if (givenName === null || familyName === null || dateOfBirth === null) {
    const missing: FieldIssue[] = [
      ...(givenName === null
        ? [{ field: 'givenName', message: m('pages.navigate.givenName.validationError.notFound') }]
        : []),
      ...(familyName === null
        ? [{ field: 'familyName', message: m('pages.navigate.familyName.validationError.notFound') }]
        : []),
      ...(dateOfBirth === null
        ? [{ field: 'dateOfBirth-day', message: m('pages.navigate.dateOfBirth.validationError.notFound') }]
        : []),
    ];
    return { ok: false, issues: missing };
  }
  if (person.nhsNumber === null) {
    // Without a number, reuse the one record with exactly this name and date of birth, if there is one.
    const same = (await searchPatients(trx, tenantId, { nhsNumber: null, familyName, dateOfBirth })).filter(
      (p) => p.givenName.toLowerCase() === givenName.toLowerCase() && p.nhsNumber === null,
    );
    const only = same.length === 1 ? same.at(0) : undefined;
    if (only !== undefined) {
      return { ok: true, id: only.id, created: false, postcode: only.postcode };
    }
  }
  const created = await createPatient(
    trx,
    tenantId,
    {
      nhsNumber: person.nhsNumber,
      givenName,
      familyName,
      dateOfBirth,
      postcode: person.postcode,
      practiceId: context.practiceId,
    },
    context.actorUserId,
  );
  const patient = created.ok ? created.patient : created.existing;
  return { ok: true, id: patient.id, created: created.ok, postcode: patient.postcode };
}

/**
 * Starts a navigation: finds the patient by NHS number or creates their record (or goes on without one),
 * and records who, where, when and with which protocol version.
 * @param trx - the transaction of the use case
 * @param tenantId - the tenant
 * @param start - the navigator, their practice, the channel, the patient's details and the protocol
 */
export async function startNavigation(
  trx: Transaction<Database>,
  tenantId: string,
  start: {
    navigatorUserId: string;
    practiceId: string | null;
    channel: NavigationChannel;
    person: PatientDetailsInput | null;
    protocolId: string;
    now: Date;
  },
): Promise<StartResult> {
  let patientId: string | null = null;
  let patientCreated = false;
  let recordPostcode: string | null = null;
  if (start.person !== null) {
    const patient = await resolvePatient(trx, tenantId, start.person, {
      practiceId: start.practiceId,
      actorUserId: start.navigatorUserId,
    });
    if (!patient.ok) {
      return patient;
    }
    patientId = patient.id;
    patientCreated = patient.created;
    recordPostcode = patient.postcode;
  }
  const postcode = start.person?.postcode ?? null;
  const id = await insertNavigationRecord(trx, tenantId, {
    practiceId: start.practiceId,
    navigatorUserId: start.navigatorUserId,
    channel: start.channel,
    patientId,
    patientPostcode: postcode ?? recordPostcode,
    protocolId: start.protocolId,
    startedAt: start.now,
  });
  return { ok: true, id, patientId, patientCreated };
}

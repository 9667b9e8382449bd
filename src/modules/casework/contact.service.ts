import type { Kysely } from 'kysely';
import type { Database } from '../../db/database.ts';
import { findCaseById, updateCaseAtVersion, type CaseChanges, type SpCase } from './case.repository.ts';
import type { ContactInput } from './casework.schema.ts';
import { recordCodedEvent, type CodedEventResult } from './coded-event.repository.ts';
import { insertContact } from './contact.repository.ts';
import { writeMessageBack } from './message-back.service.ts';
import { londonDate } from './working-days.ts';

// Recording a contact. The FIRST attended contact of an episode is special (DOMAIN.md 3.4): it sets
// first_contact_at, makes the case active, writes SNOMED CT 871731000000106 and the message back. Only
// then: the case's version is checked in the same UPDATE, so two people recording "the first contact" at
// once cannot both code it, and a later contact never does.

type Db = Kysely<Database>;

export type ContactError = 'CaseChanged' | 'CaseDischarged';

export type ContactResult =
  | { ok: true; contactId: string; firstContact: boolean; coded: CodedEventResult | null; version: number }
  | { ok: false; error: ContactError };

/**
 * Is a contact the first contact of the episode? Only an attended contact on a case with none yet.
 * @param spCase - the case as it is now
 * @param didNotAttend - whether the person did not attend this one
 */
export function isFirstContact(spCase: Pick<SpCase, 'firstContactAt'>, didNotAttend: boolean): boolean {
  return spCase.firstContactAt === null && !didNotAttend;
}

/**
 * When a contact on a given day happened: now if it was today, else midday that day (the form asks for
 * the day only).
 * @param date - 'YYYY-MM-DD'
 * @param now - the current time
 */
export function contactInstant(date: string, now: Date): Date {
  return date === londonDate(now) ? now : new Date(`${date}T12:00:00Z`);
}

function caseChangesFor(first: boolean, input: ContactInput, occurredAt: Date): CaseChanges {
  if (first) {
    return { first_contact_at: occurredAt, status: 'active', next_contact_due: input.nextContactDue };
  }
  // An attended contact meets the contact that was due; a missed one leaves it due unless a new date is set.
  if (input.didNotAttend) {
    return input.nextContactDue === null ? {} : { next_contact_due: input.nextContactDue };
  }
  return { next_contact_due: input.nextContactDue };
}

/**
 * Records a contact on a case at the version the user saw.
 * @param trx - the caller's transaction
 * @param tenantId - the tenant
 * @param request - the case, the version seen, the contact, who recorded it and the clock
 */
export async function recordContact(
  trx: Db,
  tenantId: string,
  request: { caseId: string; expectedVersion: number; input: ContactInput; actorUserId: string; now: Date },
): Promise<ContactResult> {
  const spCase = await findCaseById(trx, tenantId, request.caseId);
  if (spCase === undefined || spCase.version !== request.expectedVersion) {
    return { ok: false, error: 'CaseChanged' };
  }
  if (spCase.status === 'discharged') {
    return { ok: false, error: 'CaseDischarged' };
  }
  const { input } = request;
  const occurredAt = contactInstant(input.date, request.now);
  const first = isFirstContact(spCase, input.didNotAttend);
  const version = await updateCaseAtVersion(trx, tenantId, {
    caseId: spCase.id,
    expectedVersion: request.expectedVersion,
    actorUserId: request.actorUserId,
    changes: caseChangesFor(first, input, occurredAt),
  });
  if (version === null) {
    return { ok: false, error: 'CaseChanged' };
  }
  const contactId = await insertContact(trx, tenantId, {
    caseId: spCase.id,
    occurredAt,
    mode: input.mode,
    durationMinutes: input.durationMinutes,
    didNotAttend: input.didNotAttend,
    notes: input.notes,
    recordedBy: request.actorUserId,
  });
  if (!first) {
    return { ok: true, contactId, firstContact: false, coded: null, version };
  }
  const coded = await recordCodedEvent(trx, tenantId, {
    event: 'first-contact',
    patientId: spCase.patientId,
    practiceId: spCase.practiceId,
    caseId: spCase.id,
    referralId: spCase.referralId,
    occurredAt,
    recordedBy: request.actorUserId,
  });
  await writeMessageBack(trx, tenantId, {
    stage: 'first-contact',
    referralId: spCase.referralId,
    caseId: spCase.id,
    occurredAt,
    snomed: coded.written ? { code: coded.code, term: coded.term } : null,
    outcome: { code: 'first-contact', label: 'First contact made with the link worker', detail: null },
    actorUserId: request.actorUserId,
  });
  return { ok: true, contactId, firstContact: true, coded, version };
}

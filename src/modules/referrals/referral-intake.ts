import type { FastifyRequest } from 'fastify';
import type { Transaction } from 'kysely';
import type { Database } from '../../db/database.ts';
import type { FieldIssue } from '../../http/errors.ts';
import { auditRequestBatch } from '../../http/request-audit.ts';
import { findOrganisationById } from '../accounts/organisation.repository.ts';
import { consentWording } from '../people/consent.schema.ts';
import { findPatientByNhsNumber } from '../people/people.service.ts';
import type { PagesDeps, StaffActor } from '../people/staff-request.ts';
import type { NewReferral, ReferralPerson } from './referral.model.ts';
import { personIssuesForNewRecord, type StaffReferralInput } from './referral.schema.ts';
import { sourceForRole, type CreateReferralResult } from './referral.service.ts';

// What the staff form and the JSON API share when a member of staff or a partner refers: the referrer's
// practice, finding or describing the person, building the service's input, and the audit entries.

export type StaffReferralFields = Omit<StaffReferralInput, 'submissionId'>;

/**
 * The practice of the referrer's organisation when it is a GP practice, else null (they choose one).
 * @param deps - database and tenant
 * @param actor - the member of staff referring
 */
export async function actingPracticeId(deps: PagesDeps, actor: StaffActor): Promise<string | null> {
  if (actor.organisationKind !== 'practice') {
    return null;
  }
  return (await findOrganisationById(deps.db, deps.tenant.id, actor.organisationId))?.practiceId ?? null;
}

/**
 * The person: an existing record by NHS number, or details to create one; or what is missing.
 * @param deps - database and tenant
 * @param input - the validated referral
 * @param practiceId - the practice the referral is for
 * @param dateField - where an issue about the date of birth goes (the form's first box, or the API field)
 */
export async function resolvePerson(
  deps: PagesDeps,
  input: StaffReferralFields,
  practiceId: string | null,
  dateField: string,
): Promise<{ ok: true; person: ReferralPerson } | { ok: false; issues: FieldIssue[] }> {
  const p = input.person;
  if (p.nhsNumber !== null) {
    const existing = await findPatientByNhsNumber(deps.db, deps.tenant.id, p.nhsNumber);
    if (existing !== undefined) {
      return { ok: true, person: { patientId: existing.id } };
    }
  }
  if (p.givenName === null || p.familyName === null || p.dateOfBirth === null) {
    return { ok: false, issues: personIssuesForNewRecord(p, dateField) };
  }
  return {
    ok: true,
    person: {
      details: {
        nhsNumber: p.nhsNumber,
        nhsNumberStatus: '03',
        givenName: p.givenName,
        familyName: p.familyName,
        dateOfBirth: p.dateOfBirth,
        postcode: p.postcode,
        phone: p.phone,
        practiceId,
      },
    },
  };
}

/**
 * A validated staff referral as the service's input.
 * @param input - the form or API input
 * @param context - the person, the referrer, the practice and the idempotency key
 */
export function staffReferral(
  input: StaffReferralFields,
  context: { person: ReferralPerson; actor: StaffActor; practiceId: string | null; key: string },
): NewReferral {
  return {
    person: context.person,
    source: sourceForRole(context.actor.role),
    referrer: {
      userId: context.actor.userId,
      name: context.actor.displayName,
      organisation: context.actor.organisationName,
      email: context.actor.email,
    },
    practiceId: context.practiceId,
    reason: input.reason,
    needs: input.needs,
    urgency: input.urgency,
    riskInformation: input.riskInformation,
    consentConfirmed: true,
    consents: [
      {
        change: { kind: 'social-prescribing', decision: 'given' },
        method: 'verbal',
        wording: consentWording('social-prescribing'),
      },
    ],
    idempotencyKey: context.key,
  };
}

/**
 * Audit entries of a new referral (and of the patient record made for it), recorded last in its
 * transaction.
 * @param trx - the transaction
 * @param request - the request
 * @param tenantId - the tenant
 * @param result - what was created
 * @param actorless - record no actor (the public self-referral form)
 */
export async function auditNewReferral(
  trx: Transaction<Database>,
  request: FastifyRequest,
  tenantId: string,
  result: CreateReferralResult,
  actorless = false,
): Promise<void> {
  const { referral } = result;
  const noActor = actorless
    ? {
        actorUserId: null,
        actorName: null,
        actorRole: null,
        actorOrganisationId: null,
        actorOrganisationName: null,
      }
    : {};
  await auditRequestBatch(trx, request, tenantId, [
    ...(result.patientCreated
      ? [
          {
            ...noActor,
            action: 'create' as const,
            subjectType: 'patient' as const,
            subjectId: referral.patientId,
            subjectLabel: 'Patient record',
            details: { referralId: referral.id },
          },
        ]
      : []),
    {
      ...noActor,
      action: 'create',
      subjectType: 'referral',
      subjectId: referral.id,
      subjectLabel: 'Referral',
      details: {
        patientId: referral.patientId,
        source: referral.source,
        flaggedForClinician: referral.flaggedForClinician,
      },
    },
  ]);
}

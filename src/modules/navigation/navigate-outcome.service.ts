import type { Transaction } from 'kysely';
import type { Database } from '../../db/database.ts';
import type { FieldIssue } from '../../http/errors.ts';
import { recordCodedEvent } from '../casework/coded-event.repository.ts';
import type { CodedEventName } from '../casework/snomed-codes.ts';
import { consentWording } from '../people/consent.schema.ts';
import { createReferral, type CreateReferralResult } from '../referrals/referral.service.ts';
import { navigateMessage as m } from './navigate.content.ts';
import { isTakingPeople } from './navigate-options.ts';
import type { OutcomeChoice, PatientDetailsInput } from './navigate.schema.ts';
import { writeStep } from './navigate.service.ts';
import { resolvePatient } from './navigate-start.service.ts';
import type { NavigationChange, NavigationRecord } from './navigation-record.repository.ts';
import type { OfferedOption } from './navigation.tables.ts';
import type { Destination, NavigationProtocol } from './protocol.model.ts';

// Step 4: the patient's choice, recorded in one action with everything it causes, in one transaction: a
// signpost (with the place's capacity at that moment), a referral to the link worker (made through the
// referrals module, pre-filled), the GP (because they preferred it, or because nothing else suits), or
// declined; and the coded event for the GP record when the tenant's code table allows it.

export interface OutcomeActor {
  userId: string;
  displayName: string;
  organisationName: string;
  email: string;
}

export type OutcomeResult =
  | {
      ok: true;
      outcome: string;
      referral: CreateReferralResult | null;
      patientCreated: boolean;
      codedEventId: string | null;
    }
  | { ok: false; issues: FieldIssue[] };

const emptyPerson: PatientDetailsInput = {
  nhsNumber: null,
  givenName: null,
  familyName: null,
  dateOfBirth: null,
  postcode: null,
};

const notOffered = (): { ok: false; issues: FieldIssue[] } => ({
  ok: false,
  issues: [{ field: 'choice', message: m('pages.outcome.choice.validationError.notOffered') }],
});

function offeredDestination(
  offered: readonly OfferedOption[],
  protocol: NavigationProtocol,
  kind: Destination['kind'],
): Destination | undefined {
  return protocol.content.destinations.find(
    (d) => d.kind === kind && offered.some((o) => o.kind === 'protocol' && o.key === d.key),
  );
}

interface Decided {
  set: NavigationChange;
  coded: CodedEventName | null;
}

function decide(
  choice: OutcomeChoice,
  offered: readonly OfferedOption[],
  protocol: NavigationProtocol,
): Decided | null {
  switch (choice.kind) {
    case 'accept': {
      const option = offered.find((o) => o.kind === choice.optionKind && o.key === choice.key);
      const kind = protocol.content.destinations.find((d) => d.key === option?.key)?.kind;
      if (
        option === undefined ||
        !isTakingPeople(option) ||
        (option.kind === 'protocol' && (kind === 'gp' || kind === 'link-worker'))
      ) {
        return null;
      }
      return {
        set: {
          outcome: 'signposted',
          patient_choice: 'accepted_signpost',
          destination_kind: option.kind,
          destination_key: option.key,
          destination_name: option.name,
          destination_capacity: option.capacity,
        },
        coded: 'navigation-signposted',
      };
    }
    case 'gp': {
      const gp = offeredDestination(offered, protocol, 'gp');
      return gp === undefined
        ? null
        : {
            set: {
              outcome: 'gp',
              patient_choice: 'chose_gp',
              gp_reason: choice.reason,
              destination_kind: 'protocol',
              destination_key: gp.key,
              destination_name: gp.name,
            },
            coded: null,
          };
    }
    case 'declined':
      return {
        set: { outcome: 'declined', patient_choice: 'declined' },
        coded: offeredDestination(offered, protocol, 'link-worker') === undefined ? null : 'declined',
      };
    case 'link-worker':
      return null;
  }
}

async function referToLinkWorker(
  trx: Transaction<Database>,
  tenantId: string,
  ctx: OutcomeContext,
): Promise<
  | { ok: true; decided: Decided; referral: CreateReferralResult; patientCreated: boolean }
  | { ok: false; issues: FieldIssue[] }
> {
  const { record, protocol } = ctx;
  const linkWorker = offeredDestination(record.optionsOffered ?? [], protocol, 'link-worker');
  if (linkWorker === undefined) {
    return notOffered();
  }
  const issues: FieldIssue[] = ctx.consent
    ? []
    : [{ field: 'consent', message: m('pages.outcome.consent.validationError.required') }];
  const person = record.patientId === null ? (ctx.person ?? { ok: false as const, issues: [] }) : null;
  if (person !== null && !person.ok) {
    return { ok: false, issues: [...person.issues, ...issues] };
  }
  if (issues.length > 0) {
    return { ok: false, issues };
  }
  const patient =
    record.patientId !== null
      ? { ok: true as const, id: record.patientId, created: false, postcode: null }
      : await resolvePatient(trx, tenantId, person?.ok === true ? person.value : emptyPerson, {
          practiceId: record.practiceId,
          actorUserId: ctx.actor.userId,
        });
  if (!patient.ok) {
    return patient;
  }
  const patientId = patient.id;
  const patientCreated = patient.created;
  const picks = protocol.content.quickPicks.filter((p) => record.needs.includes(p.key));
  const referral = await createReferral(
    trx,
    { tenantId },
    {
      person: { patientId },
      source: 'care-navigator',
      referrer: {
        userId: ctx.actor.userId,
        name: ctx.actor.displayName,
        organisation: ctx.actor.organisationName,
        email: ctx.actor.email,
      },
      practiceId: record.practiceId,
      reason: record.needText ?? `Care navigation at reception: ${picks.map((p) => p.label).join(', ')}`,
      needs: [...new Set(picks.flatMap((p) => p.needs))],
      urgency: 'routine',
      riskInformation: null,
      consentConfirmed: true,
      consents: [
        {
          change: { kind: 'social-prescribing', decision: 'given' },
          method: 'verbal',
          wording: consentWording('social-prescribing'),
        },
      ],
      idempotencyKey: `navigation:${record.id}`,
    },
    { userId: ctx.actor.userId },
  );
  return {
    ok: true,
    referral,
    patientCreated,
    decided: {
      set: {
        outcome: 'referred-link-worker',
        patient_choice: 'accepted_signpost',
        destination_kind: 'protocol',
        destination_key: linkWorker.key,
        destination_name: linkWorker.name,
        referral_id: referral.referral.id,
        patient_id: patientId,
      },
      coded: 'offered',
    },
  };
}

export interface OutcomeContext {
  record: NavigationRecord;
  protocol: NavigationProtocol;
  choice: OutcomeChoice;
  /** The patient agrees to be referred to the link worker (that option's checkbox). */
  consent: boolean;
  /** The patient's details typed on the link worker option, when the navigation has no patient yet. */
  person: { ok: true; value: PatientDetailsInput } | { ok: false; issues: FieldIssue[] } | null;
  actor: OutcomeActor;
  now: Date;
}

/**
 * Step 4: records the patient's choice and what it causes, on the locked record.
 * @param trx - the transaction
 * @param tenantId - the tenant
 * @param ctx - the record, the protocol, the choice and its details, who and when
 */
export async function recordOutcome(
  trx: Transaction<Database>,
  tenantId: string,
  ctx: OutcomeContext,
): Promise<OutcomeResult> {
  const offered = ctx.record.optionsOffered ?? [];
  let decided: Decided | null;
  let referral: CreateReferralResult | null = null;
  let patientCreated = false;
  let patientId = ctx.record.patientId;
  if (ctx.choice.kind === 'link-worker') {
    const referred = await referToLinkWorker(trx, tenantId, ctx);
    if (!referred.ok) {
      return referred;
    }
    ({ decided, referral, patientCreated } = referred);
    patientId = referred.referral.referral.patientId;
  } else {
    decided = decide(ctx.choice, offered, ctx.protocol);
  }
  if (decided === null) {
    return notOffered();
  }
  let codedEventId: string | null = null;
  if (decided.coded !== null && patientId !== null) {
    const coded = await recordCodedEvent(trx, tenantId, {
      event: decided.coded,
      patientId,
      practiceId: ctx.record.practiceId,
      caseId: null,
      referralId: referral?.referral.id ?? null,
      occurredAt: ctx.now,
      recordedBy: ctx.actor.userId,
      navigationId: ctx.record.id,
    });
    codedEventId = coded.written ? coded.id : null;
  }
  await writeStep(trx, tenantId, ctx.record, {
    ...decided.set,
    coded_event_id: codedEventId,
    completed_at: ctx.now,
  });
  return { ok: true, outcome: String(decided.set.outcome), referral, patientCreated, codedEventId };
}

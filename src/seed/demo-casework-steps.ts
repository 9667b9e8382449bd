import type { Kysely } from 'kysely';
import type { Database } from '../db/database.ts';
import { consentWording } from '../modules/people/consent.schema.ts';
import { recordConsent, type ConsentRecord, type NewPatient } from '../modules/people/people.service.ts';
import { createReferral, type NewReferral, type Referral } from '../modules/referrals/referral.service.ts';
import { decideTriage, type TriageDecision } from '../modules/referrals/triage.service.ts';
import type { DemoStaffMember } from './demo-casework-staff.ts';
import { backdateIntake, backdateTriage } from './demo-casework.repository.ts';
import type { DemoStory, DemoTriage, StaffKey } from './demo-casework.types.ts';

// Writing a story's referral and its triage through the referrals service (so the demo obeys the same
// rules as the pages: patient found or created by NHS number, consents recorded, urgent words flagged,
// the case opened, the message back and codes written), then moving the new rows' timestamps back to when
// the story says they happened. Each step is idempotent: it does nothing when its work is already done.

export interface StoryDeps {
  db: Kysely<Database>;
  tenantId: string;
  staff: ReadonlyMap<StaffKey, DemoStaffMember>;
  /** Practice ids by demo practice key. */
  practices: ReadonlyMap<string, string>;
  /** Patient ids of the stories written so far, by story key (for people referred again). */
  patients: Map<string, string>;
}

/**
 * A member of the demo staff, by key.
 * @param deps - the staff
 * @param key - their key
 */
export function staffMember(deps: Pick<StoryDeps, 'staff'>, key: StaffKey): DemoStaffMember {
  const member = deps.staff.get(key);
  if (member === undefined) {
    throw new Error(`Demo staff member ${key} is missing`);
  }
  return member;
}

function practiceId(deps: StoryDeps, key: string): string {
  const id = deps.practices.get(key);
  if (id === undefined) {
    throw new Error(`Demo practice ${key} is missing: run ensureDemoAccounts first`);
  }
  return id;
}

function consents(story: DemoStory): ConsentRecord[] {
  const method = story.referral.source === 'self' ? 'online' : 'verbal';
  const records: ConsentRecord[] = [
    {
      change: { kind: 'social-prescribing', decision: 'given' },
      method,
      wording: consentWording('social-prescribing'),
    },
  ];
  if (story.referral.smsConsent) {
    records.push({
      change: { kind: 'contact-sms', granted: true },
      method,
      wording: consentWording('contact-sms'),
    });
  }
  if (story.referral.emailConsent) {
    records.push({
      change: { kind: 'contact-email', granted: true },
      method,
      wording: consentWording('contact-email'),
    });
  }
  return records;
}

function personOf(deps: StoryDeps, story: DemoStory): NewReferral['person'] {
  if ('sameAs' in story.person) {
    const patientId = deps.patients.get(story.person.sameAs);
    if (patientId === undefined) {
      throw new Error(`Demo story ${story.key} refers the person of ${story.person.sameAs}, not yet written`);
    }
    return { patientId };
  }
  const { practiceKey, ...details } = story.person;
  const patient: NewPatient = { ...details, practiceId: practiceId(deps, practiceKey) };
  return { details: patient };
}

/** The referral's idempotency key: a second seeding finds the first referral instead of making another. */
export const demoReferralKey = (story: Pick<DemoStory, 'key'>): string => `demo-casework:${story.key}`;

/**
 * Writes a story's referral (or finds it, when an earlier run wrote it).
 * @param deps - database, tenant, staff, practices and the patients written so far
 * @param story - the story
 * @returns the referral as it is now, and whether this call wrote it
 */
export async function writeIntake(
  deps: StoryDeps,
  story: DemoStory,
): Promise<{ referral: Referral; created: boolean }> {
  const { referral } = story;
  const referrer = referral.referrer === null ? null : staffMember(deps, referral.referrer);
  const input: NewReferral = {
    person: personOf(deps, story),
    source: referral.source,
    referrer:
      referrer === null
        ? null
        : {
            userId: referrer.userId,
            name: referrer.displayName,
            organisation: referrer.organisationName,
            email: referrer.email,
          },
    practiceId: practiceId(deps, referral.practiceKey),
    reason: referral.reason,
    needs: referral.needs,
    urgency: referral.urgency,
    riskInformation: referral.riskInformation,
    consentConfirmed: true,
    consents: consents(story),
    idempotencyKey: demoReferralKey(story),
  };
  const written = await deps.db.transaction().execute(async (trx) => {
    const result = await createReferral(trx, { tenantId: deps.tenantId }, input, {
      userId: referrer?.userId ?? null,
    });
    if (result.created) {
      await backdateIntake(trx, deps.tenantId, {
        referralId: result.referral.id,
        patientId: result.referral.patientId,
        patientCreated: result.patientCreated,
        at: referral.receivedAt,
      });
    }
    return { referral: result.referral, created: result.created };
  });
  deps.patients.set(story.key, written.referral.patientId);
  return written;
}

function decisionOf(deps: StoryDeps, triage: DemoTriage): TriageDecision {
  const { decision } = triage;
  switch (decision.kind) {
    case 'accept':
      return {
        kind: 'accept',
        linkWorkerId: decision.worker === null ? null : staffMember(deps, decision.worker).userId,
      };
    case 'decline':
      return { kind: 'decline', reason: decision.reason, note: decision.note };
    case 'redirect':
      return { kind: 'redirect', to: decision.to };
  }
}

/**
 * Records the story's triage decision on a new referral through the triage service, then dates it.
 * @param deps - database, tenant and staff
 * @param story - the story (with a triage decision)
 * @param referral - the referral as it is now (nothing happens unless it is still new)
 */
export async function writeTriage(deps: StoryDeps, story: DemoStory, referral: Referral): Promise<void> {
  const { triage } = story;
  if (triage === null || referral.status !== 'new') {
    return;
  }
  const actorUserId = staffMember(deps, triage.by).userId;
  const result = await decideTriage(
    deps.db,
    { tenantId: deps.tenantId, now: () => triage.at },
    {
      referralId: referral.id,
      expectedVersion: referral.version,
      decision: decisionOf(deps, triage),
      triageNote: null,
      actorUserId,
    },
    // The seed is not a person reading or changing a record: no audit entry.
    async () => {},
  );
  if (!result.ok) {
    throw new Error(`Demo triage of story ${story.key} failed: ${result.error}`);
  }
  await deps.db.transaction().execute(async (trx) => {
    if (triage.decision.kind === 'decline' && triage.decision.reason === 'declined_by_patient') {
      const change = { kind: 'social-prescribing', decision: 'declined' } as const;
      const wording = consentWording('social-prescribing');
      await recordConsent(
        trx,
        deps.tenantId,
        referral.patientId,
        { change, method: 'verbal', wording, referralId: referral.id },
        actorUserId,
      );
    }
    await backdateTriage(trx, deps.tenantId, { referralId: referral.id, at: triage.at });
  });
}

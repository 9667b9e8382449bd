import type { Kysely } from 'kysely';
import type { Database } from '../../db/database.ts';
import {
  findCaseById,
  findCaseByReferralId,
  insertCaseOnce,
  loadCaseworkSettings,
  updateCaseAtVersion,
  type SpCase,
} from './case.repository.ts';
import { findReferralFacts } from './casework.peers.ts';
import { labelOf, PATIENT_DECLINED, TRIAGE_DECLINE_REASONS } from './casework.vocabulary.ts';
import { recordCodedEvent } from './coded-event.repository.ts';
import { writeMessageBack } from './message-back.service.ts';
import { addWorkingDays, londonDate } from './working-days.ts';

// The casework service other modules call: the referrals module's triage opens a case when it accepts a
// referral (openCase), allocates it (allocateCase) and reports every decision (recordTriageOutcome), which
// writes the message back and, when the person declined, the SNOMED CT code 871711000000103.

type Db = Kysely<Database>;

export type { SpCase } from './case.repository.ts';

export interface OpenCaseInput {
  referralId: string;
  patientId: string;
  practiceId: string | null;
  /** The link worker to allocate now, or null to put the case on the team's waiting list. */
  linkWorkerId: string | null;
  actorUserId: string | null;
  /** The clock (tests); defaults to now. */
  now?: Date;
}

/**
 * Opens the social prescribing case (episode) for an accepted referral: 'active' when allocated to a link
 * worker now (first contact then due within the tenant's working-day target), else 'waiting'. A referral
 * has at most one case: calling again returns the same case.
 * @param trx - the triage decision's transaction
 * @param tenantId - the tenant
 * @param input - referral, person, practice, link worker or null, and who accepted it
 * @returns the case id
 */
export async function openCase(trx: Db, tenantId: string, input: OpenCaseInput): Promise<string> {
  const now = input.now ?? new Date();
  const allocated = input.linkWorkerId !== null;
  const settings = await loadCaseworkSettings(trx, tenantId);
  return insertCaseOnce(trx, tenantId, {
    referralId: input.referralId,
    patientId: input.patientId,
    practiceId: input.practiceId,
    linkWorkerId: input.linkWorkerId,
    status: allocated ? 'active' : 'waiting',
    acceptedAt: now,
    allocatedAt: allocated ? now : null,
    nextContactDue: allocated ? addWorkingDays(londonDate(now), settings.firstContactWorkingDays) : null,
    actorUserId: input.actorUserId,
  });
}

export type CaseChangeError = 'CaseNotFound' | 'CaseChanged' | 'CaseDischarged';
export type CaseChangeResult = { ok: true; version: number } | { ok: false; error: CaseChangeError };

export interface AllocateCaseInput {
  caseId: string;
  linkWorkerId: string;
  /** The case version the person allocating saw. */
  expectedVersion: number;
  actorUserId: string | null;
  now?: Date;
}

/**
 * Allocates (or re-allocates) a case to a link worker. A case not yet contacted gets a fresh first-contact
 * target; the version must still be the one the person allocating saw.
 * @param trx - the caller's transaction
 * @param tenantId - the tenant
 * @param input - case, link worker, expected version, who allocates
 */
export async function allocateCase(
  trx: Db,
  tenantId: string,
  input: AllocateCaseInput,
): Promise<CaseChangeResult> {
  const spCase = await findCaseById(trx, tenantId, input.caseId);
  if (spCase === undefined) {
    return { ok: false, error: 'CaseNotFound' };
  }
  if (spCase.status === 'discharged') {
    return { ok: false, error: 'CaseDischarged' };
  }
  const now = input.now ?? new Date();
  const settings = await loadCaseworkSettings(trx, tenantId);
  const version = await updateCaseAtVersion(trx, tenantId, {
    caseId: input.caseId,
    expectedVersion: input.expectedVersion,
    actorUserId: input.actorUserId,
    changes: {
      link_worker_id: input.linkWorkerId,
      allocated_at: now,
      status: 'active',
      ...(spCase.firstContactAt === null
        ? { next_contact_due: addWorkingDays(londonDate(now), settings.firstContactWorkingDays) }
        : {}),
    },
  });
  return version === null ? { ok: false, error: 'CaseChanged' } : { ok: true, version };
}

export type TriageOutcome = 'accepted' | 'declined' | 'redirected';

export interface TriageOutcomeInput {
  referralId: string;
  outcome: TriageOutcome;
  /** For 'declined': the coded reason (TRIAGE_DECLINE_REASONS); PATIENT_DECLINED writes 871711000000103. */
  declineReason?: string;
  /** For a decline with reason 'other': the explanation the referrer reads. */
  declineNote?: string | null;
  /** For 'redirected': where the person was sent instead. */
  redirectedTo?: string | null;
  actor: { userId: string | null };
}

export interface TriageOutcomeDeps {
  tenant: { id: string };
  now?: () => Date;
}

function outcomeOf(input: TriageOutcomeInput): { code: string; label: string; detail: string | null } {
  switch (input.outcome) {
    case 'accepted':
      return { code: 'accepted', label: 'Accepted for social prescribing', detail: null };
    case 'declined': {
      const reason = input.declineReason ?? 'other';
      const note = input.declineNote?.trim() ?? '';
      return {
        code: reason,
        label: labelOf(TRIAGE_DECLINE_REASONS, reason),
        detail: reason === 'other' && note !== '' ? note : null,
      };
    }
    case 'redirected': {
      const to = input.redirectedTo?.trim() ?? '';
      return { code: 'redirected', label: 'Redirected to another service', detail: to === '' ? null : to };
    }
  }
}

/**
 * Records what triage decided, after the referral (and, on acceptance, the case) has been written: the
 * message back to the referrer and GP (stage 'accepted', or 'declined' for a decline or redirection) and,
 * only when the person declined social prescribing, the coded event 871711000000103.
 * @param trx - the triage decision's transaction
 * @param deps - the tenant and the clock
 * @param input - referral, outcome, reason, who decided
 * @returns the message back's id and the coded event's id (or null)
 */
export async function recordTriageOutcome(
  trx: Db,
  deps: TriageOutcomeDeps,
  input: TriageOutcomeInput,
): Promise<{ messageId: string; codedEventId: string | null }> {
  const tenantId = deps.tenant.id;
  const now = deps.now?.() ?? new Date();
  const referral = await findReferralFacts(trx, tenantId, input.referralId);
  if (referral === undefined) {
    throw new Error('Triage outcome for a referral that does not exist');
  }
  const spCase =
    input.outcome === 'accepted' ? await findCaseByReferralId(trx, tenantId, input.referralId) : undefined;
  let coded: { id: string; code: string; term: string } | null = null;
  if (input.outcome === 'declined' && input.declineReason === PATIENT_DECLINED) {
    const result = await recordCodedEvent(trx, tenantId, {
      event: 'declined',
      patientId: referral.patientId,
      practiceId: referral.practiceId,
      caseId: null,
      referralId: referral.id,
      occurredAt: now,
      recordedBy: input.actor.userId,
    });
    coded = result.written ? result : null;
  }
  const messageId = await writeMessageBack(trx, tenantId, {
    stage: input.outcome === 'accepted' ? 'accepted' : 'declined',
    referralId: referral.id,
    caseId: spCase?.id ?? null,
    occurredAt: now,
    snomed: coded === null ? null : { code: coded.code, term: coded.term },
    outcome: outcomeOf(input),
    actorUserId: input.actor.userId,
  });
  return { messageId, codedEventId: coded?.id ?? null };
}

export interface CaseProgress {
  caseId: string;
  status: SpCase['status'];
  acceptedAt: Date;
  allocatedAt: Date | null;
  firstContactAt: Date | null;
  dischargedAt: Date | null;
  linkWorkerId: string | null;
}

/**
 * What happened to a referral's case, for the referral page's status history; undefined when no case.
 * @param db - the database
 * @param tenantId - the tenant
 * @param referralId - the referral
 */
export async function findCaseProgress(
  db: Db,
  tenantId: string,
  referralId: string,
): Promise<CaseProgress | undefined> {
  const spCase = await findCaseByReferralId(db, tenantId, referralId);
  return spCase === undefined
    ? undefined
    : {
        caseId: spCase.id,
        status: spCase.status,
        acceptedAt: spCase.acceptedAt,
        allocatedAt: spCase.allocatedAt,
        firstContactAt: spCase.firstContactAt,
        dischargedAt: spCase.dischargedAt,
        linkWorkerId: spCase.linkWorkerId,
      };
}

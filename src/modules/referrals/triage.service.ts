import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../../db/database.ts';
import { findOrganisationByPracticeId } from '../accounts/organisation.repository.ts';
import { listRoleHolders, type RoleHolder } from '../accounts/role-holders.repository.ts';
import {
  findCaseByReferralId,
  loadCaseworkSettings,
  type CaseworkSettings,
} from '../casework/case.repository.ts';
import { allocateCase, openCase, recordTriageOutcome } from '../casework/case.service.ts';
import { countWorkerCaseloads, type WorkerCaseload } from '../casework/team.repository.ts';
import type { Referral } from './referral.model.ts';
import { selectReferralById } from './referral.repository.ts';
import {
  countTriageQueue,
  selectTriageQueue,
  updateReferralTriage,
  type TriageCursor,
  type TriageQueueItem,
} from './triage.repository.ts';

// Triage and allocation: the queue, the decision (accept, optionally allocating now; decline with a coded
// reason; redirect), allocation of an accepted case from the waiting list, and the link workers to choose
// from with their caseloads against capacity.

export type { TriageCursor, TriageQueueItem } from './triage.repository.ts';

type Db = Kysely<Database>;

/**
 * One page of the triage queue (flagged first, then urgent, then oldest), at most `limit` items.
 * @param db - the database
 * @param tenantId - the tenant
 * @param page - how many (1 to 200), and the item to start after
 */
export async function listTriageQueue(
  db: Db,
  tenantId: string,
  page: { limit: number; after?: TriageCursor },
): Promise<TriageQueueItem[]> {
  const limit = Math.min(Math.max(Math.trunc(page.limit), 1), 200);
  return selectTriageQueue(db, tenantId, { limit, after: page.after });
}

export { countTriageQueue };
export { cursorAfter, decodeCursor, encodeCursor } from './triage-cursor.ts';

export type TriageDeclineReason =
  | 'not_eligible'
  | 'needs_clinical_care'
  | 'declined_by_patient'
  | 'unable_to_contact'
  | 'duplicate'
  | 'other';

export type TriageDecision =
  | { kind: 'accept'; linkWorkerId: string | null }
  | { kind: 'decline'; reason: TriageDeclineReason; note: string | null }
  | { kind: 'redirect'; to: string };

export interface TriageInput {
  referralId: string;
  expectedVersion: number;
  decision: TriageDecision;
  triageNote: string | null;
  actorUserId: string;
}

export type TriageResult =
  | { ok: true; referral: Referral; caseId: string | null; messageId: string }
  | { ok: false; error: 'NotFound' }
  | { ok: false; error: 'ReferralChanged'; current: Referral };

function statusOf(decision: TriageDecision): 'accepted' | 'declined' | 'redirected' {
  switch (decision.kind) {
    case 'accept':
      return 'accepted';
    case 'decline':
      return 'declined';
    case 'redirect':
      return 'redirected';
  }
}

/**
 * Records a triage decision in one transaction: the referral (optimistic lock on its version, and only
 * while it is new), on acceptance the case (casework openCase, allocated now or put on the waiting
 * list), then casework's recordTriageOutcome (message back; the SNOMED code when the person declined),
 * then `audit` last.
 * @param db - the database
 * @param deps - the tenant and the clock
 * @param input - the decision, the version the triager saw, who decided
 * @param audit - writes the audit entry in the transaction
 */
export async function decideTriage(
  db: Db,
  deps: { tenantId: string; now?: () => Date },
  input: TriageInput,
  audit: (trx: Transaction<Database>, result: { referral: Referral; caseId: string | null }) => Promise<void>,
): Promise<TriageResult> {
  const { tenantId } = deps;
  return db.transaction().execute(async (trx): Promise<TriageResult> => {
    const { decision } = input;
    const referral = await updateReferralTriage(trx, tenantId, {
      id: input.referralId,
      expectedVersion: input.expectedVersion,
      status: statusOf(decision),
      declineReason: decision.kind === 'decline' ? decision.reason : null,
      redirectedTo: decision.kind === 'redirect' ? decision.to : null,
      triageNote: decision.kind === 'decline' && decision.note !== null ? decision.note : input.triageNote,
      triagedBy: input.actorUserId,
    });
    if (referral === undefined) {
      const current = await selectReferralById(trx, tenantId, input.referralId);
      return current === undefined
        ? { ok: false, error: 'NotFound' }
        : { ok: false, error: 'ReferralChanged', current };
    }
    const now = deps.now?.() ?? new Date();
    const caseId =
      decision.kind === 'accept'
        ? await openCase(trx, tenantId, {
            referralId: referral.id,
            patientId: referral.patientId,
            practiceId: referral.practiceId,
            linkWorkerId: decision.linkWorkerId,
            actorUserId: input.actorUserId,
            now,
          })
        : null;
    const { messageId } = await recordTriageOutcome(
      trx,
      { tenant: { id: tenantId }, now: () => now },
      {
        referralId: referral.id,
        outcome:
          referral.status === 'accepted'
            ? 'accepted'
            : referral.status === 'declined'
              ? 'declined'
              : 'redirected',
        ...(decision.kind === 'decline'
          ? { declineReason: decision.reason, declineNote: decision.note }
          : {}),
        ...(decision.kind === 'redirect' ? { redirectedTo: decision.to } : {}),
        actor: { userId: input.actorUserId },
      },
    );
    await audit(trx, { referral, caseId });
    return { ok: true, referral, caseId, messageId };
  });
}

export type AllocateResult =
  { ok: true; caseId: string } | { ok: false; error: 'NotWaiting' | 'CaseChanged' };

/**
 * Allocates an accepted referral's case from the waiting list to a link worker.
 * @param db - the database
 * @param deps - the tenant
 * @param input - the referral, the case version the allocator saw, the link worker, who allocates
 * @param audit - writes the audit entry in the transaction
 */
export async function allocateWaitingReferral(
  db: Db,
  deps: { tenantId: string },
  input: { referralId: string; caseVersion: number; linkWorkerId: string; actorUserId: string },
  audit: (trx: Transaction<Database>, caseId: string) => Promise<void>,
): Promise<AllocateResult> {
  return db.transaction().execute(async (trx): Promise<AllocateResult> => {
    const spCase = await findCaseByReferralId(trx, deps.tenantId, input.referralId);
    if (spCase?.status !== 'waiting') {
      return { ok: false, error: 'NotWaiting' };
    }
    const result = await allocateCase(trx, deps.tenantId, {
      caseId: spCase.id,
      linkWorkerId: input.linkWorkerId,
      expectedVersion: input.caseVersion,
      actorUserId: input.actorUserId,
    });
    if (!result.ok) {
      return { ok: false, error: result.error === 'CaseChanged' ? 'CaseChanged' : 'NotWaiting' };
    }
    await audit(trx, spCase.id);
    return { ok: true, caseId: spCase.id };
  });
}

export interface LinkWorkerChoice {
  userId: string;
  displayName: string;
  /** Works in the referral's practice, or in the PCN the practice belongs to. */
  coversPractice: boolean;
  caseload: WorkerCaseload;
  /** The suggested choice: covers the practice, has room, and the lowest open caseload of those. */
  suggested: boolean;
}

function covers(
  holder: RoleHolder,
  practiceOrg: { id: string; parentId: string | null } | undefined,
): boolean {
  if (practiceOrg === undefined) {
    return false;
  }
  return holder.organisationId === practiceOrg.id || holder.organisationId === practiceOrg.parentId;
}

/**
 * The link workers a referral can be allocated to, with their caseloads against capacity and the
 * suggested one.
 * @param db - the database
 * @param tenantId - the tenant
 * @param query - the referral's practice (or null), today's date in England, and now
 */
export async function linkWorkerChoices(
  db: Db,
  tenantId: string,
  query: { practiceId: string | null; today: string; now: Date },
): Promise<{ choices: LinkWorkerChoice[]; settings: CaseworkSettings }> {
  const [holders, settings, practiceOrg] = await Promise.all([
    listRoleHolders(db, tenantId, 'link_worker'),
    loadCaseworkSettings(db, tenantId),
    query.practiceId === null
      ? Promise.resolve(undefined)
      : findOrganisationByPracticeId(db, tenantId, query.practiceId),
  ]);
  const people = new Map<string, { displayName: string; coversPractice: boolean }>();
  for (const holder of holders) {
    const seen = people.get(holder.userId);
    people.set(holder.userId, {
      displayName: holder.displayName,
      coversPractice: (seen?.coversPractice ?? false) || covers(holder, practiceOrg),
    });
  }
  const since = new Date(query.now.getTime() - 365 * 86_400_000);
  const caseloads = await countWorkerCaseloads(db, tenantId, {
    linkWorkerIds: [...people.keys()],
    today: query.today,
    since,
  });
  const choices = [...people].map(([userId, p]) => ({
    userId,
    displayName: p.displayName,
    coversPractice: p.coversPractice,
    caseload: caseloads.get(userId) ?? {
      linkWorkerId: userId,
      active: 0,
      awaitingFirstContact: 0,
      firstContactsOverdue: 0,
      peopleLast12Months: 0,
    },
    suggested: false,
  }));
  const candidates = choices
    .filter((c) => c.coversPractice && c.caseload.active < settings.activeCaseloadCapacity)
    .sort((a, b) => a.caseload.active - b.caseload.active || a.displayName.localeCompare(b.displayName));
  const best = candidates.at(0);
  if (best !== undefined) {
    best.suggested = true;
  }
  return { choices, settings };
}

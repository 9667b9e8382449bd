import type { Kysely } from 'kysely';
import type { Database } from '../../db/database.ts';
import { findNeed } from '../directory/vocabulary.ts';
import { enqueueEmail } from '../notify/notify.service.ts';
import type { SpCase } from './case.repository.ts';
import { findPatientFacts, findStaffName } from './casework.peers.ts';
import {
  SHARED_WITH,
  ONWARD_STATUS_LABELS,
  PCSP_CRITERIA,
  PCSP_CRITERION_KEYS,
} from './casework.vocabulary.ts';
import type { ShownValues } from './change-conflict.ts';
import { recordCodedEvent, type CodedEventResult } from './coded-event.repository.ts';
import { renderFragment } from './fragment-render.ts';
import { listOnwardReferrals } from './onward.repository.ts';
import { criteriaRecord, pcspStatus } from './plan-criteria.ts';
import {
  findOrCreatePlan,
  listActions,
  listGoals,
  updatePlanAtVersion,
  type CarePlan,
  type PlanAction,
  type PlanGoal,
} from './plan.repository.ts';
import type { PlanInput } from './plan.schema.ts';
import { londonDate } from './working-days.ts';

// The personalised care and support plan: saved with optimistic locking, printable in plain language,
// and emailed to the person only when they agreed to email. When a plan first becomes an agreed PCSP the
// 'pcsp-agreed' code is offered to the code table (its ID is UNCONFIRMED, so by default nothing is written).

type Db = Kysely<Database>;

export interface PlanBundle {
  plan: CarePlan;
  goals: (PlanGoal & { actions: PlanAction[] })[];
  /** Actions not attached to a listed goal (none in practice; kept so nothing is hidden). */
  actionCount: number;
}

/**
 * A case's plan with its goals and their actions.
 * @param db - the database or a transaction
 * @param tenantId - the tenant
 * @param caseId - the case
 */
export async function loadPlan(db: Db, tenantId: string, caseId: string): Promise<PlanBundle> {
  const plan = await findOrCreatePlan(db, tenantId, caseId);
  const goals = await listGoals(db, tenantId, caseId);
  const actions = await listActions(db, tenantId, caseId);
  return {
    plan,
    goals: goals.map((g) => ({ ...g, actions: actions.filter((a) => a.goalId === g.id) })),
    actionCount: actions.length,
  };
}

/** The fields of a plan the conflict page compares, with their labels. */
export const PLAN_FIELD_LABELS = {
  whatMatters: 'What matters to them',
  needs: 'Needs and concerns',
  needsNotes: 'Notes on needs',
  criteria: 'PCSP criteria met',
  reviewDate: 'Review date',
  agreedDate: 'Date agreed',
  sharedWith: 'Shared with',
} as const;

/**
 * A plan's fields as display strings, for the form's `shown` field and the conflict page.
 * @param plan - the plan
 */
export function planShownValues(plan: CarePlan): ShownValues {
  return {
    whatMatters: plan.whatMatters ?? '',
    needs: plan.needs.map((n) => findNeed(n)?.label ?? n).join(', '),
    needsNotes: plan.needsNotes ?? '',
    criteria: PCSP_CRITERION_KEYS.filter((k) => plan.criteria[k])
      .map((k) => PCSP_CRITERIA[k])
      .join('; '),
    reviewDate: plan.reviewDate ?? '',
    agreedDate: plan.agreedAt === null ? '' : londonDate(plan.agreedAt),
    sharedWith: plan.sharedWith.map((s) => SHARED_WITH[s]).join(', '),
  };
}

export type SavePlanResult =
  | { ok: true; version: number; pcspAgreedCode: CodedEventResult | null }
  | { ok: false; error: 'PlanChanged' };

/**
 * Saves a plan at the version the user saw.
 * @param trx - the caller's transaction
 * @param tenantId - the tenant
 * @param request - the case, the version seen, the form's values, who saves and when
 */
export async function savePlan(
  trx: Db,
  tenantId: string,
  request: { spCase: SpCase; expectedVersion: number; input: PlanInput; actorUserId: string; now: Date },
): Promise<SavePlanResult> {
  const before = await findOrCreatePlan(trx, tenantId, request.spCase.id);
  const { input } = request;
  const criteria = criteriaRecord(input.criteria);
  const agreedAt = input.agreedDate === null ? null : new Date(`${input.agreedDate}T12:00:00Z`);
  const version = await updatePlanAtVersion(trx, tenantId, {
    caseId: request.spCase.id,
    expectedVersion: request.expectedVersion,
    actorUserId: request.actorUserId,
    changes: { ...input, agreedAt, criteria },
  });
  if (version === null) {
    return { ok: false, error: 'PlanChanged' };
  }
  const wasAgreedPcsp = before.agreedAt !== null && pcspStatus(before.criteria).isPcsp;
  const isAgreedPcsp = agreedAt !== null && pcspStatus(criteria).isPcsp;
  const pcspAgreedCode =
    !wasAgreedPcsp && isAgreedPcsp
      ? await recordCodedEvent(trx, tenantId, {
          event: 'pcsp-agreed',
          patientId: request.spCase.patientId,
          practiceId: request.spCase.practiceId,
          caseId: request.spCase.id,
          referralId: request.spCase.referralId,
          occurredAt: agreedAt,
          recordedBy: request.actorUserId,
        })
      : null;
  return { ok: true, version, pcspAgreedCode };
}

function longDate(iso: string): string {
  return new Date(`${iso}T12:00:00Z`).toLocaleDateString('en-GB', {
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    timeZone: 'UTC',
  });
}

/** The plan in plain language, for the printed copy and the email to the person (dates as words). */
export interface PlanDocument {
  personName: string;
  linkWorkerName: string | null;
  whatMatters: string | null;
  needs: string[];
  goals: {
    text: string;
    achieved: boolean;
    actions: { text: string; owner: string; due: string | null; done: boolean }[];
  }[];
  reviewDate: string | null;
  agreedDate: string | null;
  support: { service: string; status: string }[];
}

/**
 * The plan as the person reads it.
 * @param db - the database or a transaction
 * @param tenantId - the tenant
 * @param spCase - the case
 */
export async function planDocument(db: Db, tenantId: string, spCase: SpCase): Promise<PlanDocument> {
  const bundle = await loadPlan(db, tenantId, spCase.id);
  const person = await findPatientFacts(db, tenantId, spCase.patientId);
  const onward = await listOnwardReferrals(db, tenantId, spCase.id);
  return {
    personName: person?.name ?? '',
    linkWorkerName: await findStaffName(db, tenantId, spCase.linkWorkerId),
    whatMatters: bundle.plan.whatMatters,
    needs: bundle.plan.needs.map((n) => findNeed(n)?.label ?? n),
    goals: bundle.goals.map((g) => ({
      text: g.text,
      achieved: g.status === 'achieved',
      actions: g.actions.map((a) => ({
        text: a.text,
        owner: a.owner,
        due: a.dueDate === null ? null : longDate(a.dueDate),
        done: a.doneAt !== null,
      })),
    })),
    reviewDate: bundle.plan.reviewDate === null ? null : longDate(bundle.plan.reviewDate),
    agreedDate: bundle.plan.agreedAt === null ? null : longDate(londonDate(bundle.plan.agreedAt)),
    support: onward.map((o) => ({ service: o.serviceName, status: ONWARD_STATUS_LABELS[o.status] })),
  };
}

/**
 * The plan as plain text (the email's text part).
 * @param doc - the plan document
 */
export function planText(doc: PlanDocument): string {
  const lines = [`Your support plan, ${doc.personName}`, ''];
  lines.push('What matters to you', doc.whatMatters ?? 'Not written down yet', '');
  lines.push('Your goals');
  for (const goal of doc.goals) {
    lines.push(`- ${goal.text}`);
    for (const action of goal.actions) {
      lines.push(`  - ${action.text} (${action.owner}${action.due === null ? '' : `, by ${action.due}`})`);
    }
  }
  if (doc.goals.length === 0) {
    lines.push('None written down yet');
  }
  lines.push('');
  if (doc.support.length > 0) {
    lines.push('Support we have found with you', ...doc.support.map((s) => `- ${s.service}`), '');
  }
  if (doc.reviewDate !== null) {
    lines.push(`We will look at this plan again with you on ${doc.reviewDate}.`, '');
  }
  if (doc.linkWorkerName !== null) {
    lines.push(`Your link worker: ${doc.linkWorkerName}`);
  }
  return lines.join('\n');
}

export type SendPlanResult = { ok: true } | { ok: false; error: 'NoEmailConsent' | 'NoEmailAddress' };

/**
 * Emails the plan to the person, through the notify outbox, only if they agreed to email.
 * @param trx - the caller's transaction
 * @param tenantId - the tenant
 * @param spCase - the case
 */
export async function sendPlanByEmail(trx: Db, tenantId: string, spCase: SpCase): Promise<SendPlanResult> {
  const person = await findPatientFacts(trx, tenantId, spCase.patientId);
  if (person?.consentEmail !== true) {
    return { ok: false, error: 'NoEmailConsent' };
  }
  if (person.email === null || person.email === '') {
    return { ok: false, error: 'NoEmailAddress' };
  }
  const doc = await planDocument(trx, tenantId, spCase);
  await enqueueEmail(trx, tenantId, {
    to: person.email,
    subject: 'Your support plan',
    text: planText(doc),
    html: renderFragment('casework/views/plan-email.njk', { doc }),
    template: 'support-plan',
  });
  return { ok: true };
}

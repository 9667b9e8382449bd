import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Transaction } from 'kysely';
import type { Database } from '../../db/database.ts';
import { dateInputValues, readDateInput } from '../../http/date-input.ts';
import type { FieldIssue } from '../../http/errors.ts';
import { formErrorView } from '../../http/forms.ts';
import { auditRequest } from '../../http/request-audit.ts';
import type { AuditDetails } from '../audit/audit.model.ts';
import { NEEDS } from '../directory/vocabulary.ts';
import { loadCaseFor, todayOf, type CaseworkDeps } from './case-access.ts';
import type { SpCase } from './case.repository.ts';
import { noticeOf } from './case-page.controller.ts';
import { caseworkMessage as m, type CaseworkContentKey } from './casework.content.ts';
import { findPatientLabels, findReferralFacts } from './casework.peers.ts';
import { listField, textField } from './casework.schema.ts';
import { PCSP_CRITERIA, PCSP_CRITERION_KEYS, SHARED_WITH } from './casework.vocabulary.ts';
import { encodeShown, type FieldChange } from './change-conflict.ts';
import { pcspStatus } from './plan-criteria.ts';
import { loadPlan, planShownValues } from './plan.service.ts';
import { londonDate } from './working-days.ts';

// The plan page's rendering, shared by its handlers (plan.controller.ts, plan-share.controller.ts): the
// form's values (typed, stored, or the referral's needs for a plan never saved), goals and actions, the
// PCSP status, and the version and shown values the optimistic lock needs.

export type Body = Record<string, unknown>;
const TEMPLATE = 'casework/views/plan.njk';
const FIELD_ORDER = [
  'whatMatters',
  'needs',
  'needsNotes',
  'criteria',
  'reviewDate-day',
  'agreedDate-day',
  'sharedWith',
  'goalText',
  'goalId',
  'actionText',
  'owner',
  'dueDate-day',
  'email',
];
const NOTICES: Record<string, CaseworkContentKey> = {
  saved: 'pages.plan.notice.saved',
  goalAdded: 'pages.plan.notice.goalAdded',
  actionAdded: 'pages.plan.notice.actionAdded',
  actionDone: 'pages.plan.notice.actionDone',
  sent: 'pages.plan.notice.sent',
};

export interface PlanPageState {
  issues?: readonly FieldIssue[];
  body?: Body;
  /** Which form `body` came from. */
  form?: 'plan' | 'goal' | 'action';
  conflict?: FieldChange[] | null;
  status?: number;
}

export const planHref = (spCase: SpCase): string => `/app/cases/${spCase.id}/plan`;

function planFormValues(
  body: Body | null,
  bundle: Awaited<ReturnType<typeof loadPlan>>,
  referralNeeds: string[],
): Record<string, unknown> {
  const plan = bundle.plan;
  const never = plan.updatedBy === null;
  const needs =
    body === null
      ? never && plan.needs.length === 0
        ? referralNeeds
        : plan.needs
      : listField(body, 'needs');
  const criteria =
    body === null ? PCSP_CRITERION_KEYS.filter((k) => plan.criteria[k]) : listField(body, 'criteria');
  const shared = body === null ? plan.sharedWith : listField(body, 'sharedWith');
  const date = (prefix: string, stored: string | null): unknown =>
    body === null ? (stored === null ? {} : dateInputValues(stored)) : readDateInput(body, prefix);
  return {
    whatMatters: body === null ? (plan.whatMatters ?? '') : textField(body, 'whatMatters'),
    needsNotes: body === null ? (plan.needsNotes ?? '') : textField(body, 'needsNotes'),
    needItems: NEEDS.map((n) => ({ value: n.code, text: n.label, checked: needs.includes(n.code) })),
    criteriaItems: PCSP_CRITERION_KEYS.map((k) => ({
      value: k,
      text: PCSP_CRITERIA[k],
      checked: criteria.includes(k),
    })),
    sharedItems: Object.entries(SHARED_WITH).map(([value, text]) => ({
      value,
      text,
      checked: shared.includes(value as never),
    })),
    reviewDate: date('reviewDate', plan.reviewDate),
    agreedDate: date('agreedDate', plan.agreedAt === null ? null : londonDate(plan.agreedAt)),
  };
}

/**
 * Renders the plan page (recording the read in the audit trail).
 * @param deps - database, tenant and clock
 * @param request - the request
 * @param reply - the reply
 * @param spCase - the case
 * @param state - problems, what was typed and in which form, a conflict, the status code
 */
export async function renderPlan(
  deps: CaseworkDeps,
  request: FastifyRequest,
  reply: FastifyReply,
  spCase: SpCase,
  state: PlanPageState = {},
): Promise<FastifyReply> {
  const bundle = await loadPlan(deps.db, deps.tenant.id, spCase.id);
  const people = await findPatientLabels(deps.db, deps.tenant.id, [spCase.patientId]);
  const referral = await findReferralFacts(deps.db, deps.tenant.id, spCase.referralId);
  const body = state.body ?? {};
  const status = pcspStatus(bundle.plan.criteria);
  await auditRequest(deps.db, request, deps.tenant.id, {
    action: 'read',
    subjectType: 'patient',
    subjectId: spCase.patientId,
    subjectLabel: 'Personalised care and support plan',
    details: { caseId: spCase.id },
  });
  reply.status(state.status ?? 200);
  return reply.view(TEMPLATE, {
    ...formErrorView(state.issues ?? [], FIELD_ORDER),
    href: planHref(spCase),
    caseHref: `/app/cases/${spCase.id}`,
    person: people.get(spCase.patientId) ?? null,
    editable: spCase.status !== 'discharged',
    status,
    plan: bundle.plan,
    goals: bundle.goals.map((g) => ({
      ...g,
      actions: g.actions.map((a) => ({
        ...a,
        doneAction: `${planHref(spCase)}/actions/${a.id}/done`,
        overdue: a.doneAt === null && a.dueDate !== null && a.dueDate < todayOf(deps),
      })),
    })),
    goalItems: [
      { value: '', text: 'Select a goal' },
      ...bundle.goals.map((g) => ({
        value: g.id,
        text: g.text,
        selected: g.id === textField(body, 'goalId'),
      })),
    ],
    form: planFormValues(state.form === 'plan' ? body : null, bundle, referral?.needs ?? []),
    goalText: state.form === 'goal' ? textField(body, 'goalText') : '',
    action:
      state.form === 'action'
        ? {
            text: textField(body, 'actionText'),
            owner: textField(body, 'owner'),
            dueDate: readDateInput(body, 'dueDate'),
          }
        : { text: '', owner: '', dueDate: {} },
    version: bundle.plan.version,
    shown: encodeShown(planShownValues(bundle.plan)),
    conflict: state.conflict ?? null,
    conflictTitle: 'This plan changed while you were editing it',
    notice: noticeOf(request, NOTICES),
    csrfToken: reply.csrfToken(),
  });
}

/**
 * The case of a plan change, or (when the case is discharged) the plan page refusing the change (409).
 * @param deps - database, tenant and clock
 * @param request - the request
 * @param reply - the reply
 */
export async function openForChange(
  deps: CaseworkDeps,
  request: FastifyRequest,
  reply: FastifyReply,
): Promise<{ spCase: SpCase; closed: FastifyReply | null }> {
  const spCase = await loadCaseFor(deps, request, 'write');
  if (spCase.status !== 'discharged') {
    return { spCase, closed: null };
  }
  const issues = [{ field: 'whatMatters', message: m('pages.case.state.validationError.discharged') }];
  return { spCase, closed: await renderPlan(deps, request, reply, spCase, { issues, status: 409 }) };
}

/**
 * Records a change to the plan in the audit trail, in the change's transaction.
 * @param trx - the transaction
 * @param request - the request
 * @param change - the tenant, the case, the action and small facts about it
 */
export async function auditPlanChange(
  trx: Transaction<Database>,
  request: FastifyRequest,
  change: { tenantId: string; spCase: SpCase; action: 'create' | 'update' | 'export'; details: AuditDetails },
): Promise<void> {
  await auditRequest(trx, request, change.tenantId, {
    action: change.action,
    subjectType: 'patient',
    subjectId: change.spCase.patientId,
    subjectLabel: 'Personalised care and support plan',
    details: { caseId: change.spCase.id, ...change.details },
  });
}

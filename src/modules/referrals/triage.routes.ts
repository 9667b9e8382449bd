import { uuidParam } from '../../http/path-params.ts';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { ApiError, type FieldIssue } from '../../http/errors.ts';
import { formErrorView } from '../../http/forms.ts';
import { auditRequest, auditRequestBatch } from '../../http/request-audit.ts';
import { findUserById } from '../accounts/user.repository.ts';
import { findCaseByReferralId } from '../casework/case.repository.ts';
import { waitingListPosition } from '../casework/team.repository.ts';
import { patientSummary } from '../people/people.service.ts';
import { formText } from '../people/person-fields.ts';
import { nowOf, param, staffActor, todayOf, type PagesDeps } from '../people/staff-request.ts';
import type { Referral } from './referral.model.ts';
import { SOURCE_LABELS, URGENCY_LABELS } from './referral.model.ts';
import { findReferral } from './referral.service.ts';
import {
  DECLINE_REASONS,
  declineReasonLabel,
  NOT_NOW,
  parseAllocationForm,
  parseTriageForm,
  TRIAGE_FIELD_ORDER,
} from './triage.schema.ts';
import {
  allocateWaitingReferral,
  decideTriage,
  linkWorkerChoices,
  type LinkWorkerChoice,
} from './triage.service.ts';
import { findUrgentPhrases } from './urgent-phrases.ts';
import {
  firstContactTarget,
  needLabels,
  statusTag,
  TARGET_COLOURS,
  TARGET_LABELS,
  triageHref,
  workingDaysText,
  workingDaysWaiting,
} from './referral.view-model.ts';
import { teamGet } from './team.controller.ts';
import { queueGet } from './triage-queue.controller.ts';

// Triage: the queue of new referrals (flagged first, then urgent, then oldest), one referral with the
// decision form (accept and optionally allocate, decline with a coded reason, redirect), allocation from
// the waiting list, and the team's caseloads.

export const TRIAGE_PATHS = { queue: '/app/triage', referral: '/app/triage/:id', team: '/app/team' } as const;

const DONE: Readonly<Partial<Record<string, string>>> = {
  accepted: 'Referral accepted',
  declined: 'Referral declined',
  redirected: 'Referral redirected',
  allocated: 'Link worker allocated',
};

function workerItems(
  choices: readonly LinkWorkerChoice[],
  chosen: string,
  capacity: { yearly: number; active: number },
): { value: string; text: string; selected: boolean }[] {
  const suggested = choices.find((c) => c.suggested);
  const selected = chosen === '' ? (suggested?.userId ?? NOT_NOW) : chosen;
  return [
    { value: NOT_NOW, text: 'Do not allocate yet: add to the waiting list', selected: selected === NOT_NOW },
    ...choices.map((c) => ({
      value: c.userId,
      text: `${c.displayName}${c.suggested ? ' (suggested)' : ''}: ${String(c.caseload.active)}/${String(capacity.active)} open, ${String(c.caseload.peopleLast12Months)}/${String(capacity.yearly)} this year${c.coversPractice ? ', covers the practice' : ''}`,
      selected: selected === c.userId,
    })),
  ];
}

async function renderReferral(
  deps: PagesDeps,
  request: FastifyRequest,
  reply: FastifyReply,
  view: {
    referral: Referral;
    body?: unknown;
    issues?: readonly FieldIssue[];
    conflict?: { by: string | null };
    notice?: string;
  },
): Promise<FastifyReply> {
  const { referral } = view;
  const body = view.body ?? {};
  const today = todayOf(deps);
  const [person, spCase, triager, { choices, settings }] = await Promise.all([
    patientSummary(deps.db, deps.tenant.id, referral.patientId),
    findCaseByReferralId(deps.db, deps.tenant.id, referral.id),
    referral.triagedBy === null
      ? Promise.resolve(undefined)
      : findUserById(deps.db, deps.tenant.id, referral.triagedBy),
    linkWorkerChoices(deps.db, deps.tenant.id, { practiceId: referral.practiceId, today, now: nowOf(deps) }),
  ]);
  const position =
    spCase?.status === 'waiting' ? await waitingListPosition(deps.db, deps.tenant.id, spCase.id) : null;
  const allocatedTo = spCase?.linkWorkerId
    ? await findUserById(deps.db, deps.tenant.id, spCase.linkWorkerId)
    : undefined;
  await auditRequestBatch(deps.db, request, deps.tenant.id, [
    { action: 'read', subjectType: 'referral', subjectId: referral.id, subjectLabel: 'Triage' },
    { action: 'read', subjectType: 'patient', subjectId: referral.patientId, subjectLabel: 'Triage' },
  ]);
  const target = firstContactTarget(referral.receivedAt, spCase?.firstContactAt ?? null, {
    today,
    workingDays: settings.firstContactWorkingDays,
  });
  const chosen = (field: string): string => formText(body, field);
  const capacity = { yearly: settings.caseloadCapacity, active: settings.activeCaseloadCapacity };
  return reply.view('referrals/views/triage-referral.njk', {
    ...formErrorView(view.issues ?? [], TRIAGE_FIELD_ORDER),
    notice: view.notice,
    conflict: view.conflict,
    referral: {
      ...referral,
      status: statusTag(referral.status),
      isNew: referral.status === 'new',
      source: SOURCE_LABELS[referral.source],
      urgency: URGENCY_LABELS[referral.urgency],
      needs: needLabels(referral.needs).join(', '),
      urgentPhrases: findUrgentPhrases([referral.reason, referral.riskInformation]),
      waiting: workingDaysText(workingDaysWaiting(referral.receivedAt, today)),
      declineReasonLabel: referral.declineReason === null ? null : declineReasonLabel(referral.declineReason),
      triagedByName: triager?.displayName ?? null,
    },
    person,
    target: { due: target.due, text: TARGET_LABELS[target.state], colour: TARGET_COLOURS[target.state] },
    spCase:
      spCase === undefined
        ? null
        : { ...spCase, position, allocatedToName: allocatedTo?.displayName ?? null },
    decisionItems: [
      { value: 'accept', text: 'Accept', checked: chosen('decision') === 'accept' },
      { value: 'decline', text: 'Decline', checked: chosen('decision') === 'decline' },
      { value: 'redirect', text: 'Redirect to another service', checked: chosen('decision') === 'redirect' },
    ],
    workerItems: workerItems(choices, chosen('linkWorkerId'), capacity),
    allocationItems: workerItems(choices, chosen('linkWorkerId'), capacity).slice(1),
    declineItems: DECLINE_REASONS.map((r) => ({
      value: r,
      text: declineReasonLabel(r),
      checked: chosen('declineReason') === r,
    })),
    form: {
      declineNote: chosen('declineNote'),
      redirectedTo: chosen('redirectedTo'),
      triageNote: chosen('triageNote'),
    },
    csrfToken: reply.csrfToken(),
  });
}

async function loadReferral(deps: PagesDeps, request: FastifyRequest): Promise<Referral> {
  const referral = await findReferral(deps.db, deps.tenant.id, uuidParam(param(request, 'id')));
  if (referral === undefined) {
    throw ApiError.notFound('Page not found');
  }
  return referral;
}

async function referralGet(
  deps: PagesDeps,
  request: FastifyRequest,
  reply: FastifyReply,
): Promise<FastifyReply> {
  const referral = await loadReferral(deps, request);
  const done = DONE[formText(request.query, 'done')];
  return renderReferral(deps, request, reply, { referral, ...(done === undefined ? {} : { notice: done }) });
}

async function decisionPost(
  deps: PagesDeps,
  request: FastifyRequest,
  reply: FastifyReply,
): Promise<FastifyReply> {
  const actor = staffActor(request);
  const referral = await loadReferral(deps, request);
  const { choices } = await linkWorkerChoices(deps.db, deps.tenant.id, {
    practiceId: referral.practiceId,
    today: todayOf(deps),
    now: nowOf(deps),
  });
  const linkWorkerIds = choices.map((c) => c.userId);
  if (formText(request.body, 'action') === 'allocate') {
    return allocatePost(deps, request, reply, { referral, linkWorkerIds, actorUserId: actor.userId });
  }
  const parsed = parseTriageForm(request.body, { linkWorkerIds });
  if (!parsed.ok) {
    reply.status(400);
    return renderReferral(deps, request, reply, { referral, body: request.body, issues: parsed.issues });
  }
  const result = await decideTriage(
    deps.db,
    { tenantId: deps.tenant.id, now: () => nowOf(deps) },
    { referralId: referral.id, ...parsed.value, actorUserId: actor.userId },
    (trx, decided) =>
      auditRequest(trx, request, deps.tenant.id, {
        action: 'update',
        subjectType: 'referral',
        subjectId: decided.referral.id,
        subjectLabel: 'Triage decision',
        details: {
          decision: decided.referral.status,
          patientId: decided.referral.patientId,
          caseId: decided.caseId,
          declineReason: decided.referral.declineReason,
          allocatedTo: parsed.value.decision.kind === 'accept' ? parsed.value.decision.linkWorkerId : null,
        },
      }),
  );
  if (!result.ok) {
    if (result.error === 'NotFound') {
      throw ApiError.notFound('Page not found');
    }
    const by =
      result.current.triagedBy === null
        ? undefined
        : await findUserById(deps.db, deps.tenant.id, result.current.triagedBy);
    reply.status(409);
    return renderReferral(deps, request, reply, {
      referral: result.current,
      conflict: { by: by?.displayName ?? null },
    });
  }
  return reply.redirect(`${triageHref(referral.id)}?done=${result.referral.status}`, 303);
}

async function allocatePost(
  deps: PagesDeps,
  request: FastifyRequest,
  reply: FastifyReply,
  context: { referral: Referral; linkWorkerIds: string[]; actorUserId: string },
): Promise<FastifyReply> {
  const { referral } = context;
  const parsed = parseAllocationForm(request.body, { linkWorkerIds: context.linkWorkerIds });
  if (!parsed.ok) {
    reply.status(400);
    return renderReferral(deps, request, reply, { referral, body: request.body, issues: parsed.issues });
  }
  const result = await allocateWaitingReferral(
    deps.db,
    { tenantId: deps.tenant.id },
    { referralId: referral.id, ...parsed.value, actorUserId: context.actorUserId },
    (trx, caseId) =>
      auditRequest(trx, request, deps.tenant.id, {
        action: 'update',
        subjectType: 'referral',
        subjectId: referral.id,
        subjectLabel: 'Allocation',
        details: { patientId: referral.patientId, caseId, allocatedTo: parsed.value.linkWorkerId },
      }),
  );
  if (!result.ok) {
    reply.status(409);
    return renderReferral(deps, request, reply, { referral, conflict: { by: null } });
  }
  return reply.redirect(`${triageHref(referral.id)}?done=allocated`, 303);
}

/**
 * The triage and team pages.
 * @param app - the Fastify instance
 * @param deps - database, configuration, tenant and clock
 */
export function triageRoutes(app: FastifyInstance, deps: PagesDeps): void {
  app.get(TRIAGE_PATHS.queue, async (request, reply) => queueGet(deps, request, reply));
  app.get(TRIAGE_PATHS.referral, async (request, reply) => referralGet(deps, request, reply));
  app.post(TRIAGE_PATHS.referral, async (request, reply) => decisionPost(deps, request, reply));
  app.get(TRIAGE_PATHS.team, async (request, reply) => teamGet(deps, request, reply));
}

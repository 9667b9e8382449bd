import { uuidParam } from '../../http/path-params.ts';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { randomUUID } from 'node:crypto';
import { readDateInput } from '../../http/date-input.ts';
import { ApiError, type FieldIssue } from '../../http/errors.ts';
import { formErrorView } from '../../http/forms.ts';
import { auditRequestBatch } from '../../http/request-audit.ts';
import { listPractices } from '../accounts/practice.repository.ts';
import { findUserById } from '../accounts/user.repository.ts';
import { findCaseProgress } from '../casework/case.service.ts';
import { listMessagesBack } from '../casework/message-back.service.ts';
import { patientSummaries, patientSummary } from '../people/people.service.ts';
import { formList, formText } from '../people/person-fields.ts';
import { practiceItems } from '../people/people.view-model.ts';
import { param, staffActor, todayOf, type PagesDeps } from '../people/staff-request.ts';
import { SOURCE_LABELS, URGENCY_LABELS } from './referral.model.ts';
import { parseStaffReferralForm, REFERRAL_FIELD_ORDER } from './referral.schema.ts';
import { actingPracticeId, auditNewReferral, resolvePerson, staffReferral } from './referral-intake.ts';
import {
  findReferralForViewer,
  listReferralsByReferrer,
  referralKey,
  submitReferral,
} from './referral.service.ts';
import { declineReasonLabel } from './triage.schema.ts';
import {
  needItems,
  needLabels,
  referralHistory,
  referralHref,
  statusTag,
  urgencyItems,
} from './referral.view-model.ts';

// The staff and partner referral form (under a minute: who, why, needs, urgency, risk, consent), the
// referrer's own list, and one referral with what has happened to it and the messages back.

export const REFERRAL_PATHS = {
  list: '/app/referrals',
  create: '/app/referrals/new',
  referral: '/app/referrals/:id',
} as const;

const NEW_TEMPLATE = 'referrals/views/referral-new.njk';

async function renderNew(
  deps: PagesDeps,
  reply: FastifyReply,
  view: {
    body: unknown;
    actingPractice: string | null;
    issues?: readonly FieldIssue[];
    submissionId: string;
  },
): Promise<FastifyReply> {
  const practices = await listPractices(deps.db, deps.tenant.id);
  const { body } = view;
  return reply.view(NEW_TEMPLATE, {
    ...formErrorView(view.issues ?? [], REFERRAL_FIELD_ORDER),
    form: {
      nhsNumber: formText(body, 'nhsNumber'),
      givenName: formText(body, 'givenName'),
      familyName: formText(body, 'familyName'),
      dateOfBirth: readDateInput(body, 'dateOfBirth'),
      postcode: formText(body, 'postcode'),
      phone: formText(body, 'phone'),
      reason: formText(body, 'reason'),
      riskInformation: formText(body, 'riskInformation'),
      consentConfirmed: formText(body, 'consentConfirmed') === 'yes',
    },
    submissionId: view.submissionId,
    needItems: needItems(formList(body, 'needs')),
    urgencyItems: urgencyItems(formText(body, 'urgency') || 'routine'),
    practiceChoice: view.actingPractice === null,
    actingPracticeName: practices.find((p) => p.id === view.actingPractice)?.name ?? '',
    practiceItems: practiceItems(practices, formText(body, 'practiceId'), 'Select their GP practice'),
    csrfToken: reply.csrfToken(),
  });
}

async function newGet(deps: PagesDeps, request: FastifyRequest, reply: FastifyReply): Promise<FastifyReply> {
  const actingPractice = await actingPracticeId(deps, staffActor(request));
  return renderNew(deps, reply, { body: {}, actingPractice, submissionId: randomUUID() });
}

async function createPost(
  deps: PagesDeps,
  request: FastifyRequest,
  reply: FastifyReply,
): Promise<FastifyReply> {
  const actor = staffActor(request);
  const body = request.body;
  const submissionId = formText(body, 'submissionId');
  const key = referralKey('form', submissionId, actor.userId);
  const actingPractice = await actingPracticeId(deps, actor);
  const practices = await listPractices(deps.db, deps.tenant.id);
  const parsed = parseStaffReferralForm(body, {
    today: todayOf(deps),
    practiceIds: practices.map((p) => p.id),
    practiceRequired: actingPractice === null,
  });
  const rejected = async (issues: FieldIssue[]): Promise<FastifyReply> => {
    reply.status(400);
    return renderNew(deps, reply, {
      body,
      actingPractice,
      issues,
      submissionId: /^[A-Za-z0-9_-]{16,100}$/.test(submissionId) ? submissionId : randomUUID(),
    });
  };
  if (!parsed.ok) {
    return rejected(parsed.issues);
  }
  const practiceId = parsed.value.practiceId ?? actingPractice;
  const person = await resolvePerson(deps, parsed.value, practiceId, 'dateOfBirth-day');
  if (!person.ok) {
    return rejected(person.issues);
  }
  const result = await submitReferral(
    deps.db,
    { tenantId: deps.tenant.id },
    staffReferral(parsed.value, { person: person.person, actor, practiceId, key }),
    {
      actor: { userId: actor.userId },
      afterCreate: (trx, created) => auditNewReferral(trx, request, deps.tenant.id, created),
    },
  );
  return reply.redirect(`${referralHref(result.referral.id)}?done=sent`, 303);
}

async function listGet(deps: PagesDeps, request: FastifyRequest, reply: FastifyReply): Promise<FastifyReply> {
  const actor = staffActor(request);
  const referrals = await listReferralsByReferrer(deps.db, deps.tenant.id, actor.userId);
  const people = await patientSummaries(
    deps.db,
    deps.tenant.id,
    referrals.map((r) => r.patientId),
  );
  await auditRequestBatch(deps.db, request, deps.tenant.id, [
    {
      action: 'read',
      subjectType: 'referral',
      subjectLabel: 'Own referrals list',
      details: { shown: referrals.length },
    },
    ...[...people.keys()].map((id) => ({
      action: 'read' as const,
      subjectType: 'patient' as const,
      subjectId: id,
      subjectLabel: 'Referral list',
    })),
  ]);
  return reply.view('referrals/views/referral-list.njk', {
    referrals: referrals.map((r) => ({
      href: referralHref(r.id),
      name: people.get(r.patientId)?.name ?? 'Unknown person',
      receivedAt: r.receivedAt,
      needs: needLabels(r.needs).join(', '),
      status: statusTag(r.status),
      flagged: r.flaggedForClinician,
    })),
  });
}

async function referralGet(
  deps: PagesDeps,
  request: FastifyRequest,
  reply: FastifyReply,
): Promise<FastifyReply> {
  const actor = staffActor(request);
  const referral = await findReferralForViewer(
    deps.db,
    deps.tenant.id,
    uuidParam(param(request, 'id')),
    actor,
  );
  if (referral === undefined) {
    throw ApiError.notFound('Page not found');
  }
  const [person, progress, messages, triager] = await Promise.all([
    patientSummary(deps.db, deps.tenant.id, referral.patientId),
    findCaseProgress(deps.db, deps.tenant.id, referral.id),
    listMessagesBack(deps.db, deps.tenant.id, referral.id),
    referral.triagedBy === null
      ? Promise.resolve(undefined)
      : findUserById(deps.db, deps.tenant.id, referral.triagedBy),
  ]);
  const linkWorker = progress?.linkWorkerId
    ? await findUserById(deps.db, deps.tenant.id, progress.linkWorkerId)
    : undefined;
  await auditRequestBatch(deps.db, request, deps.tenant.id, [
    { action: 'read', subjectType: 'referral', subjectId: referral.id, subjectLabel: 'Referral' },
    { action: 'read', subjectType: 'patient', subjectId: referral.patientId, subjectLabel: 'Referral' },
  ]);
  const done = formText(request.query, 'done');
  return reply.view('referrals/views/referral.njk', {
    notice: done === 'sent' ? 'Referral sent' : undefined,
    referral: {
      ...referral,
      status: statusTag(referral.status),
      source: SOURCE_LABELS[referral.source],
      urgency: URGENCY_LABELS[referral.urgency],
      needs: needLabels(referral.needs),
    },
    person,
    history: referralHistory(referral, {
      triagedByName: triager?.displayName ?? null,
      declineReasonLabel: referral.declineReason === null ? null : declineReasonLabel(referral.declineReason),
      linkWorkerName: linkWorker?.displayName ?? null,
      progress,
    }),
    messages,
    canTriage: actor.permissions.has('referrals:triage') && referral.status === 'new',
  });
}

/**
 * The staff and partner referral pages.
 * @param app - the Fastify instance
 * @param deps - database, configuration, tenant and clock
 */
export function referralPagesRoutes(app: FastifyInstance, deps: PagesDeps): void {
  app.get(REFERRAL_PATHS.create, async (request, reply) => newGet(deps, request, reply));
  app.post(REFERRAL_PATHS.list, async (request, reply) => createPost(deps, request, reply));
  app.get(REFERRAL_PATHS.list, async (request, reply) => listGet(deps, request, reply));
  app.get(REFERRAL_PATHS.referral, async (request, reply) => referralGet(deps, request, reply));
}

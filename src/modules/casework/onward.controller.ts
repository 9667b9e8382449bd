import { uuidParam } from '../../http/path-params.ts';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { ApiError, type FieldIssue } from '../../http/errors.ts';
import { formErrorView } from '../../http/forms.ts';
import { auditRequest } from '../../http/request-audit.ts';
import { NEEDS } from '../directory/vocabulary.ts';
import { loadCaseFor, nowOf, requireAuth, todayOf, type CaseworkDeps } from './case-access.ts';
import { loadCaseworkSettings, type SpCase } from './case.repository.ts';
import { noticeOf } from './case-page.controller.ts';
import { caseworkMessage as m } from './casework.content.ts';
import { findPatientFacts, findReferralFacts } from './casework.peers.ts';
import { textField } from './casework.schema.ts';
import { hitView, onwardList } from './onward.view-model.ts';
import {
  parseOnward,
  parseOnwardSearch,
  parseOnwardStatus,
  type OnwardSearchInput,
} from './onward.schema.ts';
import {
  createOnwardReferral,
  searchOnwardServices,
  SHARE_CONSENT_WORDING,
  updateOnwardStatus,
} from './onward.service.ts';
import { findOrCreatePlan } from './plan.repository.ts';

// Onward referrals and signposts: search the directory (the case's needs and the person's postcode by
// default; live capacity on every result; services not taking people listed last), record a referral or
// signpost with why, and keep each one's status in the closed loop.

type Body = Record<string, unknown>;
const TEMPLATE = 'casework/views/onward.njk';
const FIELD_ORDER = ['q', 'postcode', 'serviceId', 'kind', 'reason', 'shareConsent'];

async function defaultSearch(
  deps: CaseworkDeps,
  spCase: SpCase,
  asked: OnwardSearchInput,
): Promise<OnwardSearchInput> {
  if (asked.submitted) {
    return asked;
  }
  const [plan, referral, person] = await Promise.all([
    findOrCreatePlan(deps.db, deps.tenant.id, spCase.id),
    findReferralFacts(deps.db, deps.tenant.id, spCase.referralId),
    findPatientFacts(deps.db, deps.tenant.id, spCase.patientId),
  ]);
  return {
    q: asked.q,
    needs: plan.needs.length > 0 ? plan.needs : (referral?.needs ?? []),
    postcode: person?.postcode ?? '',
    submitted: false,
  };
}

interface OnwardPageState {
  issues?: readonly FieldIssue[];
  body?: Body;
  status?: number;
}

async function renderOnward(
  deps: CaseworkDeps,
  request: FastifyRequest,
  reply: FastifyReply,
  spCase: SpCase,
  state: OnwardPageState = {},
): Promise<FastifyReply> {
  const now = nowOf(deps);
  const search = await defaultSearch(deps, spCase, parseOnwardSearch((request.query ?? {}) as Body));
  const run = (postcode: string): ReturnType<typeof searchOnwardServices> =>
    searchOnwardServices(deps.db, {
      tenantId: deps.tenant.id,
      search: { text: search.q, needs: search.needs, postcode },
      now,
      capacityStaleDays: deps.config.capacityStaleDays,
      listingStaleDays: deps.config.listingStaleDays,
    });
  let found = await run(search.postcode);
  // Their own postcode is only a starting point: if it is not in the postcode data, search without it.
  let postcodeNote: string | null = null;
  if (!found.ok && !search.submitted) {
    postcodeNote = `Their postcode, ${search.postcode}, is not in the postcode data, so results are not sorted by distance.`;
    search.postcode = '';
    found = await run('');
  }
  const body = state.body ?? {};
  const chosen = textField(body, 'serviceId');
  const person = await findPatientFacts(deps.db, deps.tenant.id, spCase.patientId);
  const issues = [...(state.issues ?? []), ...(found.ok ? [] : [found.issue])];
  await auditRequest(deps.db, request, deps.tenant.id, {
    action: 'read',
    subjectType: 'patient',
    subjectId: spCase.patientId,
    subjectLabel: 'Onward referrals',
    details: { caseId: spCase.id },
  });
  reply.status(state.status ?? (found.ok ? 200 : 400));
  const today = todayOf(deps);
  return reply.view(TEMPLATE, {
    ...formErrorView(issues, FIELD_ORDER),
    href: `/app/cases/${spCase.id}/onward`,
    caseHref: `/app/cases/${spCase.id}`,
    personName: person?.name ?? '',
    editable: spCase.status !== 'discharged',
    search: {
      ...search,
      needItems: NEEDS.map((n) => ({ value: n.code, text: n.label, checked: search.needs.includes(n.code) })),
    },
    taking: found.ok ? found.taking.map((h) => hitView(h, chosen)) : [],
    notTaking: found.ok ? found.notTaking.map((h) => hitView(h, chosen)) : [],
    total: found.ok ? found.total : 0,
    form: {
      kind: textField(body, 'kind'),
      reason: textField(body, 'reason'),
      shareConsent: textField(body, 'shareConsent') === 'yes',
    },
    consentWording: SHARE_CONSENT_WORDING,
    postcodeNote,
    onward: await onwardList(deps, spCase, today),
    statusFor: textField(body, 'onwardId'),
    statusBody: {
      status: textField(body, 'status'),
      declineReason: textField(body, 'declineReason'),
      weeks: textField(body, 'weeks'),
      statusNote: textField(body, 'statusNote'),
    },
    notice: noticeOf(request, {
      sent: 'pages.onward.notice.sent',
      signposted: 'pages.onward.notice.signposted',
      status: 'pages.onward.notice.status',
    }),
    csrfToken: reply.csrfToken(),
  });
}

/**
 * GET /app/cases/:id/onward
 * @param deps - database, tenant and clock
 * @param request - the request
 * @param reply - the reply
 */
export async function onwardGet(
  deps: CaseworkDeps,
  request: FastifyRequest,
  reply: FastifyReply,
): Promise<FastifyReply> {
  return renderOnward(deps, request, reply, await loadCaseFor(deps, request, 'write'));
}

/**
 * POST /app/cases/:id/onward: record a referral or signpost to the chosen service.
 * @param deps - database, tenant and clock
 * @param request - the request
 * @param reply - the reply
 */
export async function onwardPost(
  deps: CaseworkDeps,
  request: FastifyRequest,
  reply: FastifyReply,
): Promise<FastifyReply> {
  const spCase = await loadCaseFor(deps, request, 'write');
  const body = (request.body ?? {}) as Body;
  if (spCase.status === 'discharged') {
    const issues = [{ field: 'serviceId', message: m('pages.case.state.validationError.discharged') }];
    return renderOnward(deps, request, reply, spCase, { issues, body, status: 409 });
  }
  const parsed = parseOnward(body);
  if (!parsed.ok) {
    return renderOnward(deps, request, reply, spCase, { issues: parsed.issues, body, status: 400 });
  }
  const auth = requireAuth(request);
  const settings = await loadCaseworkSettings(deps.db, deps.tenant.id);
  const result = await deps.db.transaction().execute(async (trx) => {
    const created = await createOnwardReferral(trx, deps.tenant.id, {
      spCase,
      input: parsed.value,
      actorUserId: auth.user.id,
      now: nowOf(deps),
      responseDays: settings.onwardResponseDays,
      capacityStaleDays: deps.config.capacityStaleDays,
    });
    if (created.ok) {
      await auditRequest(trx, request, deps.tenant.id, {
        action: 'create',
        subjectType: 'patient',
        subjectId: spCase.patientId,
        subjectLabel: parsed.value.kind === 'referral' ? 'Onward referral' : 'Signpost',
        details: {
          caseId: spCase.id,
          onwardId: created.id,
          serviceId: parsed.value.serviceId,
          kind: parsed.value.kind,
        },
      });
    }
    return created;
  });
  if (!result.ok) {
    return renderOnward(deps, request, reply, spCase, { issues: result.issues, body, status: 400 });
  }
  const done = parsed.value.kind === 'referral' ? 'sent' : 'signposted';
  return reply.redirect(`/app/cases/${spCase.id}/onward?done=${done}#onward-list`, 303);
}

/**
 * POST /app/cases/:id/onward/:onwardId/status
 * @param deps - database, tenant and clock
 * @param request - the request
 * @param reply - the reply
 */
export async function onwardStatusPost(
  deps: CaseworkDeps,
  request: FastifyRequest,
  reply: FastifyReply,
): Promise<FastifyReply> {
  const spCase = await loadCaseFor(deps, request, 'write');
  const onwardId = uuidParam((request.params as { onwardId?: unknown }).onwardId);
  const body = { ...((request.body ?? {}) as Body), onwardId };
  const parsed = parseOnwardStatus(body);
  if (!parsed.ok) {
    const issues = parsed.issues.map((i) => ({ ...i, field: `${i.field}-${onwardId}` }));
    return renderOnward(deps, request, reply, spCase, { issues, body, status: 400 });
  }
  const auth = requireAuth(request);
  const found = await deps.db.transaction().execute(async (trx) => {
    const updated = await updateOnwardStatus(trx, deps.tenant.id, {
      caseId: spCase.id,
      onwardId,
      input: parsed.value,
      actorUserId: auth.user.id,
    });
    if (updated) {
      await auditRequest(trx, request, deps.tenant.id, {
        action: 'update',
        subjectType: 'patient',
        subjectId: spCase.patientId,
        subjectLabel: 'Onward referral',
        details: { caseId: spCase.id, onwardId, status: parsed.value.status },
      });
    }
    return updated;
  });
  if (!found) {
    throw ApiError.notFound('Page not found');
  }
  return reply.redirect(`/app/cases/${spCase.id}/onward?done=status#onward-list`, 303);
}

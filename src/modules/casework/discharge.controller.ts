import type { FastifyReply, FastifyRequest } from 'fastify';
import type { FieldIssue } from '../../http/errors.ts';
import { formErrorView } from '../../http/forms.ts';
import { auditRequest } from '../../http/request-audit.ts';
import { loadCaseFor, nowOf, requireAuth, type CaseworkDeps } from './case-access.ts';
import type { SpCase } from './case.repository.ts';
import { caseConflict } from './case-page.controller.ts';
import { caseFormState } from './case-page.view-model.ts';
import { caseworkMessage as m } from './casework.content.ts';
import { findPatientLabels } from './casework.peers.ts';
import { expectedVersion, parseDischarge, textField } from './casework.schema.ts';
import { DISCHARGE_REASONS } from './casework.vocabulary.ts';
import type { FieldChange } from './change-conflict.ts';
import { dischargeCase } from './discharge.service.ts';
import { listFlags } from './safeguarding.repository.ts';

// Discharge: a coded reason and a summary for the GP and referrer; optimistic locking on the case.

type Body = Record<string, unknown>;
const FIELD_ORDER = ['reason', 'summary'];

async function renderDischarge(
  deps: CaseworkDeps,
  request: FastifyRequest,
  reply: FastifyReply,
  spCase: SpCase,
  state: {
    issues?: readonly FieldIssue[];
    body?: Body;
    conflict?: FieldChange[] | null;
    status?: number;
  } = {},
): Promise<FastifyReply> {
  const body = state.body ?? {};
  const [people, formState, flags] = await Promise.all([
    findPatientLabels(deps.db, deps.tenant.id, [spCase.patientId]),
    caseFormState(deps, spCase),
    listFlags(deps.db, deps.tenant.id, spCase.id),
  ]);
  await auditRequest(deps.db, request, deps.tenant.id, {
    action: 'read',
    subjectType: 'patient',
    subjectId: spCase.patientId,
    subjectLabel: 'Discharge',
    details: { caseId: spCase.id },
  });
  reply.status(state.status ?? 200);
  const reason = textField(body, 'reason');
  return reply.view('casework/views/discharge.njk', {
    ...formErrorView(state.issues ?? [], FIELD_ORDER),
    href: `/app/cases/${spCase.id}/discharge`,
    caseHref: `/app/cases/${spCase.id}`,
    person: people.get(spCase.patientId) ?? null,
    discharged: spCase.status === 'discharged',
    openFlags: flags.filter((f) => f.resolvedAt === null).length,
    reasonItems: Object.entries(DISCHARGE_REASONS).map(([value, text]) => ({
      value,
      text,
      checked: value === reason,
    })),
    summary: textField(body, 'summary'),
    version: formState.version,
    shown: formState.shown,
    conflict: state.conflict ?? null,
    csrfToken: reply.csrfToken(),
  });
}

/**
 * GET /app/cases/:id/discharge
 * @param deps - database, tenant and clock
 * @param request - the request
 * @param reply - the reply
 */
export async function dischargeGet(
  deps: CaseworkDeps,
  request: FastifyRequest,
  reply: FastifyReply,
): Promise<FastifyReply> {
  return renderDischarge(deps, request, reply, await loadCaseFor(deps, request, 'write'));
}

/**
 * POST /app/cases/:id/discharge
 * @param deps - database, tenant and clock
 * @param request - the request
 * @param reply - the reply
 */
export async function dischargePost(
  deps: CaseworkDeps,
  request: FastifyRequest,
  reply: FastifyReply,
): Promise<FastifyReply> {
  const spCase = await loadCaseFor(deps, request, 'write');
  const body = (request.body ?? {}) as Body;
  const parsed = parseDischarge(body);
  if (!parsed.ok) {
    return renderDischarge(deps, request, reply, spCase, { issues: parsed.issues, body, status: 400 });
  }
  const auth = requireAuth(request);
  const result = await deps.db.transaction().execute(async (trx) => {
    const done = await dischargeCase(trx, deps.tenant.id, {
      caseId: spCase.id,
      expectedVersion: expectedVersion(body),
      input: parsed.value,
      actorUserId: auth.user.id,
      now: nowOf(deps),
    });
    if (done.ok) {
      await auditRequest(trx, request, deps.tenant.id, {
        action: 'update',
        subjectType: 'patient',
        subjectId: spCase.patientId,
        subjectLabel: 'Discharge',
        details: { caseId: spCase.id, reason: parsed.value.reason, messageId: done.messageId },
      });
    }
    return done;
  });
  if (result.ok) {
    return reply.redirect(`/app/cases/${spCase.id}?done=discharged`, 303);
  }
  const current = await caseConflict(deps, spCase.id, body);
  if (result.error === 'CaseDischarged') {
    const issues = [{ field: 'reason', message: m('pages.case.state.validationError.discharged') }];
    return renderDischarge(deps, request, reply, current.spCase, { issues, body, status: 409 });
  }
  return renderDischarge(deps, request, reply, current.spCase, {
    body,
    conflict: current.changes,
    status: 409,
  });
}

import type { FastifyReply, FastifyRequest } from 'fastify';
import { auditRequest } from '../../http/request-audit.ts';
import { loadCaseFor, type CaseworkDeps } from './case-access.ts';
import { caseworkMessage as m } from './casework.content.ts';
import { auditPlanChange, planHref, renderPlan } from './plan-page.ts';
import { planDocument, sendPlanByEmail } from './plan.service.ts';

// Sharing the plan: the printable copy in plain language, and the email to the person (only when they
// agreed to email), through the notify outbox.

/**
 * GET /app/cases/:id/plan/print: the plan in plain language, for printing.
 * @param deps - database, tenant and clock
 * @param request - the request
 * @param reply - the reply
 */
export async function planPrintGet(
  deps: CaseworkDeps,
  request: FastifyRequest,
  reply: FastifyReply,
): Promise<FastifyReply> {
  const spCase = await loadCaseFor(deps, request, 'read');
  const doc = await planDocument(deps.db, deps.tenant.id, spCase);
  await auditRequest(deps.db, request, deps.tenant.id, {
    action: 'read',
    subjectType: 'patient',
    subjectId: spCase.patientId,
    subjectLabel: 'Personalised care and support plan (print)',
    details: { caseId: spCase.id },
  });
  return reply.view('casework/views/plan-print.njk', { doc, caseHref: `/app/cases/${spCase.id}` });
}

const SEND_ERRORS = {
  NoEmailConsent: 'pages.plan.email.validationError.noConsent',
  NoEmailAddress: 'pages.plan.email.validationError.noAddress',
} as const;

/**
 * POST /app/cases/:id/plan/send: email the plan to the person, when they agreed to email.
 * @param deps - database, tenant and clock
 * @param request - the request
 * @param reply - the reply
 */
export async function planSendPost(
  deps: CaseworkDeps,
  request: FastifyRequest,
  reply: FastifyReply,
): Promise<FastifyReply> {
  const spCase = await loadCaseFor(deps, request, 'write');
  const sent = await deps.db.transaction().execute(async (trx) => {
    const result = await sendPlanByEmail(trx, deps.tenant.id, spCase);
    if (result.ok) {
      await auditPlanChange(trx, request, {
        tenantId: deps.tenant.id,
        spCase,
        action: 'export',
        details: { channel: 'email' },
      });
    }
    return result;
  });
  if (!sent.ok) {
    const issues = [{ field: 'email', message: m(SEND_ERRORS[sent.error]) }];
    return renderPlan(deps, request, reply, spCase, { issues, status: 400 });
  }
  return reply.redirect(`${planHref(spCase)}?done=sent`, 303);
}

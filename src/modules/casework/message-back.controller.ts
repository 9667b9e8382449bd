import { uuidParam } from '../../http/path-params.ts';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { ApiError } from '../../http/errors.ts';
import { auditRequest } from '../../http/request-audit.ts';
import { requireAuth, type CaseworkDeps } from './case-access.ts';
import { findCaseById } from './case.repository.ts';
import { findReferralFacts, practiceOrganisationId, referralVisibleTo } from './casework.peers.ts';
import { findMessageBack, messageBackPdf, type MessageBack } from './message-back.service.ts';

// The message back to the referrer and GP, as a page and as a PDF. Who may read it: whoever may see the
// referral (its referrer, or a triage role), the GP practice it is addressed to (staff acting for that
// practice's organisation), and the link worker the case is allocated to. Anyone else gets a 404.

async function loadMessage(deps: CaseworkDeps, request: FastifyRequest): Promise<MessageBack> {
  const auth = requireAuth(request);
  const params = request.params as { id?: unknown; messageId?: unknown };
  const referralId = uuidParam(params.id);
  const messageId = uuidParam(params.messageId);
  const [referral, message] = await Promise.all([
    findReferralFacts(deps.db, deps.tenant.id, referralId),
    findMessageBack(deps.db, deps.tenant.id, { referralId, messageId }),
  ]);
  if (referral === undefined || message === undefined) {
    throw ApiError.notFound('Page not found');
  }
  const viewer = { userId: auth.user.id, permissions: auth.permissions };
  if (referralVisibleTo(referral, viewer)) {
    return message;
  }
  const spCase =
    message.caseId === null ? undefined : await findCaseById(deps.db, deps.tenant.id, message.caseId);
  const practiceId = spCase?.practiceId ?? referral.practiceId;
  const gpOrganisation = await practiceOrganisationId(deps.db, deps.tenant.id, practiceId);
  const forTheirPractice = gpOrganisation !== null && auth.acting?.organisationId === gpOrganisation;
  if (forTheirPractice || (spCase !== undefined && spCase.linkWorkerId === auth.user.id)) {
    return message;
  }
  throw ApiError.notFound('Page not found');
}

/**
 * GET /app/referrals/:id/messages/:messageId
 * @param deps - database, tenant and clock
 * @param request - the request
 * @param reply - the reply
 */
export async function messageGet(
  deps: CaseworkDeps,
  request: FastifyRequest,
  reply: FastifyReply,
): Promise<FastifyReply> {
  const message = await loadMessage(deps, request);
  await auditRequest(deps.db, request, deps.tenant.id, {
    action: 'read',
    subjectType: 'referral',
    subjectId: message.referralId,
    subjectLabel: 'Message back to GP and referrer',
    details: { messageId: message.id, stage: message.stage },
  });
  return reply.view('casework/views/message-back.njk', {
    message,
    referralHref: `/app/referrals/${message.referralId}`,
  });
}

/**
 * GET /app/referrals/:id/messages/:messageId/pdf
 * @param deps - database, tenant and clock
 * @param request - the request
 * @param reply - the reply
 */
export async function messagePdfGet(
  deps: CaseworkDeps,
  request: FastifyRequest,
  reply: FastifyReply,
): Promise<FastifyReply> {
  const message = await loadMessage(deps, request);
  const pdf = await messageBackPdf(message);
  await auditRequest(deps.db, request, deps.tenant.id, {
    action: 'export',
    subjectType: 'referral',
    subjectId: message.referralId,
    subjectLabel: 'Message back to GP and referrer',
    details: { messageId: message.id, stage: message.stage, format: 'pdf' },
  });
  return reply
    .type('application/pdf')
    .header('content-disposition', `inline; filename="message-back-${message.stage}.pdf"`)
    .header('cache-control', 'no-store')
    .send(pdf);
}

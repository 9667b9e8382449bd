import { uuidParam } from '../../http/path-params.ts';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { ApiError } from '../../http/errors.ts';
import { auditRequest } from '../../http/request-audit.ts';
import { findPractice } from '../accounts/practice.repository.ts';
import { requireAuth } from '../casework/case-access.ts';
import { todayOf } from '../people/staff-request.ts';
import type { NavigationDeps } from './navigation.deps.ts';
import { protocolMessage as m } from './protocol.content.ts';
import { PROTOCOL_BASE, scopeView } from './protocol.view-model.ts';
import { discardDraft, loadProtocolOverview, startDraft } from './protocol-versions.service.ts';

// The protocol page (every version of every scope, and which is in force), starting a draft, and
// discarding one. Protocol pages hold no person data; their writes are audited as changes to the
// protocol, naming the version.

/**
 * GET /app/navigation/protocol
 * @param deps - database, tenant and clock
 * @param request - the request
 * @param reply - the reply
 */
export async function protocolListGet(
  deps: NavigationDeps,
  request: FastifyRequest,
  reply: FastifyReply,
): Promise<FastifyReply> {
  const overview = await loadProtocolOverview(deps.db, deps.tenant.id);
  const today = todayOf(deps);
  const done = (request.query as { done?: unknown } | undefined)?.done;
  return reply.view('navigation/views/protocol-list.njk', {
    scopes: overview.scopes.map((s) => scopeView(s, today)),
    locallyApproved: overview.locallyApproved,
    notice: done === 'discarded' ? m('pages.protocolList.notice.discarded') : null,
    draftsAction: `${PROTOCOL_BASE}/drafts`,
    csrfToken: reply.csrfToken(),
  });
}

const scopeSchema = z.union([z.literal('pcn'), z.uuid()]);

/**
 * POST /app/navigation/protocol/drafts: a draft for the PCN or one practice (or the one it has).
 * @param deps - database and tenant
 * @param request - the request
 * @param reply - the reply
 */
export async function draftsPost(
  deps: NavigationDeps,
  request: FastifyRequest,
  reply: FastifyReply,
): Promise<FastifyReply> {
  const auth = requireAuth(request);
  const scope = scopeSchema.safeParse((request.body as { scope?: unknown } | undefined)?.scope);
  if (!scope.success) {
    throw ApiError.notFound('Page not found');
  }
  const practiceId = scope.data === 'pcn' ? null : scope.data;
  if (
    practiceId !== null &&
    (await findPractice(deps.db, deps.tenant.id, { id: practiceId })) === undefined
  ) {
    throw ApiError.notFound('Page not found');
  }
  const draft = await deps.db.transaction().execute(async (trx) => {
    const started = await startDraft(trx, deps.tenant.id, { practiceId, actorUserId: auth.user.id });
    if (started.created) {
      await auditRequest(trx, request, deps.tenant.id, {
        action: 'create',
        subjectType: 'navigation-protocol',
        subjectId: started.id,
        subjectLabel: 'Protocol draft',
        details: { practiceId },
      });
    }
    return started;
  });
  return reply.redirect(`${PROTOCOL_BASE}/${draft.id}?done=${draft.created ? 'created' : 'existing'}`, 303);
}

/**
 * POST /app/navigation/protocol/:id/discard: deletes a draft.
 * @param deps - database and tenant
 * @param request - the request
 * @param reply - the reply
 */
export async function discardPost(
  deps: NavigationDeps,
  request: FastifyRequest,
  reply: FastifyReply,
): Promise<FastifyReply> {
  const id = uuidParam((request.params as { id?: unknown }).id);
  const discarded = await deps.db.transaction().execute(async (trx) => {
    const draft = await discardDraft(trx, deps.tenant.id, id);
    if (draft !== undefined) {
      await auditRequest(trx, request, deps.tenant.id, {
        action: 'delete',
        subjectType: 'navigation-protocol',
        subjectId: id,
        subjectLabel: 'Protocol draft',
        details: { version: draft.version, practiceId: draft.practiceId },
      });
    }
    return draft;
  });
  if (discarded === undefined) {
    throw ApiError.notFound('Page not found');
  }
  return reply.redirect(`${PROTOCOL_BASE}?done=discarded`, 303);
}

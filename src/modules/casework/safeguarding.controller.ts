import { uuidParam } from '../../http/path-params.ts';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { ApiError } from '../../http/errors.ts';
import { auditRequest } from '../../http/request-audit.ts';
import { loadCaseFor, nowOf, requireAuth, type CaseworkDeps } from './case-access.ts';
import { renderCase, type Body } from './case-page.controller.ts';
import { listStaffWithRole } from './casework.peers.ts';
import { parseResolution, parseSafeguarding } from './casework.schema.ts';
import { raiseConcern, resolveConcern } from './safeguarding.service.ts';

// The safeguarding forms on the case page: raise a concern (a flag, the banner, an urgent task for the
// named clinician; the escalation is audited), and resolve one with what was done.

/**
 * POST /app/cases/:id/safeguarding: raise a concern and escalate it to a named clinician.
 * @param deps - database, tenant and clock
 * @param request - the request
 * @param reply - the reply
 */
export async function safeguardingPost(
  deps: CaseworkDeps,
  request: FastifyRequest,
  reply: FastifyReply,
): Promise<FastifyReply> {
  const spCase = await loadCaseFor(deps, request, 'write');
  const body = (request.body ?? {}) as Body;
  const clinicians = await listStaffWithRole(deps.db, deps.tenant.id, 'clinician');
  const parsed = parseSafeguarding(
    body,
    clinicians.map((c) => c.id),
  );
  if (!parsed.ok) {
    return renderCase(deps, request, reply, spCase, { issues: parsed.issues, body, status: 400 });
  }
  const auth = requireAuth(request);
  await deps.db.transaction().execute(async (trx) => {
    const raised = await raiseConcern(trx, deps.tenant.id, {
      spCase,
      description: parsed.value.description,
      clinicianId: parsed.value.clinicianId,
      actorUserId: auth.user.id,
      publicBaseUrl: deps.config.publicBaseUrl,
    });
    await auditRequest(trx, request, deps.tenant.id, {
      action: 'create',
      subjectType: 'patient',
      subjectId: spCase.patientId,
      subjectLabel: 'Safeguarding concern',
      details: {
        caseId: spCase.id,
        flagId: raised.flagId,
        taskId: raised.taskId,
        escalatedTo: parsed.value.clinicianId,
      },
    });
  });
  return reply.redirect(`/app/cases/${spCase.id}?done=raised`, 303);
}

/**
 * POST /app/cases/:id/safeguarding/:flagId/resolve
 * @param deps - database, tenant and clock
 * @param request - the request
 * @param reply - the reply
 */
export async function safeguardingResolvePost(
  deps: CaseworkDeps,
  request: FastifyRequest,
  reply: FastifyReply,
): Promise<FastifyReply> {
  const spCase = await loadCaseFor(deps, request, 'write');
  const flagId = uuidParam((request.params as { flagId?: unknown }).flagId);
  const body = { ...((request.body ?? {}) as Body), flagId };
  const parsed = parseResolution(body);
  if (!parsed.ok) {
    const issues = parsed.issues.map((i) => ({ ...i, field: `resolution-${flagId}` }));
    return renderCase(deps, request, reply, spCase, { issues, body, status: 400 });
  }
  const resolved = await deps.db.transaction().execute(async (trx) => {
    const done = await resolveConcern(trx, deps.tenant.id, {
      caseId: spCase.id,
      flagId,
      resolution: parsed.value.resolution,
      now: nowOf(deps),
    });
    if (done) {
      await auditRequest(trx, request, deps.tenant.id, {
        action: 'update',
        subjectType: 'patient',
        subjectId: spCase.patientId,
        subjectLabel: 'Safeguarding concern',
        details: { caseId: spCase.id, flagId, resolved: true },
      });
    }
    return done;
  });
  if (!resolved) {
    throw ApiError.notFound('Page not found');
  }
  return reply.redirect(`/app/cases/${spCase.id}?done=resolved`, 303);
}

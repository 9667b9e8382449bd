import { uuidParam } from '../../http/path-params.ts';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { ApiError } from '../../http/errors.ts';
import { loadCaseFor, nowOf, requireAuth, todayOf, type CaseworkDeps } from './case-access.ts';
import { expectedVersion } from './casework.schema.ts';
import { changedFields, decodeShown } from './change-conflict.ts';
import { criteriaRecord, pcspStatus } from './plan-criteria.ts';
import { auditPlanChange, openForChange, planHref, renderPlan, type Body } from './plan-page.ts';
import { insertAction, insertGoal, markActionDone } from './plan.repository.ts';
import { parseAction, parseGoal, parsePlan } from './plan.schema.ts';
import { loadPlan, planShownValues, PLAN_FIELD_LABELS, savePlan } from './plan.service.ts';

// The plan page's handlers: the plan form ("what matters to me", needs, the five PCSP criteria, dates and
// sharing, with optimistic locking on care_plan.version), goals, actions and marking an action done.

/**
 * GET /app/cases/:id/plan
 * @param deps - database, tenant and clock
 * @param request - the request
 * @param reply - the reply
 */
export async function planGet(
  deps: CaseworkDeps,
  request: FastifyRequest,
  reply: FastifyReply,
): Promise<FastifyReply> {
  return renderPlan(deps, request, reply, await loadCaseFor(deps, request, 'write'));
}

/**
 * POST /app/cases/:id/plan
 * @param deps - database, tenant and clock
 * @param request - the request
 * @param reply - the reply
 */
export async function planPost(
  deps: CaseworkDeps,
  request: FastifyRequest,
  reply: FastifyReply,
): Promise<FastifyReply> {
  const { spCase, closed } = await openForChange(deps, request, reply);
  if (closed !== null) {
    return closed;
  }
  const body = (request.body ?? {}) as Body;
  const parsed = parsePlan(body, todayOf(deps));
  if (!parsed.ok) {
    return renderPlan(deps, request, reply, spCase, {
      issues: parsed.issues,
      body,
      form: 'plan',
      status: 400,
    });
  }
  const auth = requireAuth(request);
  const result = await deps.db.transaction().execute(async (trx) => {
    const saved = await savePlan(trx, deps.tenant.id, {
      spCase,
      expectedVersion: expectedVersion(body),
      input: parsed.value,
      actorUserId: auth.user.id,
      now: nowOf(deps),
    });
    if (saved.ok) {
      await auditPlanChange(trx, request, {
        tenantId: deps.tenant.id,
        spCase,
        action: 'update',
        details: {
          version: saved.version,
          pcsp: pcspStatus(criteriaRecord(parsed.value.criteria)).isPcsp,
          codedEvent: saved.pcspAgreedCode?.written === true ? saved.pcspAgreedCode.code : null,
        },
      });
    }
    return saved;
  });
  if (result.ok) {
    return reply.redirect(`${planHref(spCase)}?done=saved`, 303);
  }
  const current = await loadPlan(deps.db, deps.tenant.id, spCase.id);
  const conflict = changedFields(decodeShown(body.shown), planShownValues(current.plan), PLAN_FIELD_LABELS);
  return renderPlan(deps, request, reply, spCase, { body, form: 'plan', conflict, status: 409 });
}

/**
 * POST /app/cases/:id/plan/goals
 * @param deps - database, tenant and clock
 * @param request - the request
 * @param reply - the reply
 */
export async function goalsPost(
  deps: CaseworkDeps,
  request: FastifyRequest,
  reply: FastifyReply,
): Promise<FastifyReply> {
  const { spCase, closed } = await openForChange(deps, request, reply);
  if (closed !== null) {
    return closed;
  }
  const body = (request.body ?? {}) as Body;
  const parsed = parseGoal(body);
  if (!parsed.ok) {
    return renderPlan(deps, request, reply, spCase, {
      issues: parsed.issues,
      body,
      form: 'goal',
      status: 400,
    });
  }
  await deps.db.transaction().execute(async (trx) => {
    const goalId = await insertGoal(trx, deps.tenant.id, { caseId: spCase.id, text: parsed.value.text });
    await auditPlanChange(trx, request, {
      tenantId: deps.tenant.id,
      spCase,
      action: 'create',
      details: { goalId },
    });
  });
  return reply.redirect(`${planHref(spCase)}?done=goalAdded#goals`, 303);
}

/**
 * POST /app/cases/:id/plan/actions
 * @param deps - database, tenant and clock
 * @param request - the request
 * @param reply - the reply
 */
export async function actionsPost(
  deps: CaseworkDeps,
  request: FastifyRequest,
  reply: FastifyReply,
): Promise<FastifyReply> {
  const { spCase, closed } = await openForChange(deps, request, reply);
  if (closed !== null) {
    return closed;
  }
  const body = (request.body ?? {}) as Body;
  const bundle = await loadPlan(deps.db, deps.tenant.id, spCase.id);
  const parsed = parseAction(
    body,
    bundle.goals.map((g) => g.id),
  );
  if (!parsed.ok) {
    return renderPlan(deps, request, reply, spCase, {
      issues: parsed.issues,
      body,
      form: 'action',
      status: 400,
    });
  }
  await deps.db.transaction().execute(async (trx) => {
    const actionId = await insertAction(trx, deps.tenant.id, { caseId: spCase.id, ...parsed.value });
    await auditPlanChange(trx, request, {
      tenantId: deps.tenant.id,
      spCase,
      action: 'create',
      details: { actionId },
    });
  });
  return reply.redirect(`${planHref(spCase)}?done=actionAdded#goals`, 303);
}

/**
 * POST /app/cases/:id/plan/actions/:actionId/done
 * @param deps - database, tenant and clock
 * @param request - the request
 * @param reply - the reply
 */
export async function actionDonePost(
  deps: CaseworkDeps,
  request: FastifyRequest,
  reply: FastifyReply,
): Promise<FastifyReply> {
  const { spCase, closed } = await openForChange(deps, request, reply);
  if (closed !== null) {
    return closed;
  }
  const actionId = uuidParam((request.params as { actionId?: unknown }).actionId);
  const found = await deps.db.transaction().execute(async (trx) => {
    const done = await markActionDone(trx, deps.tenant.id, { caseId: spCase.id, actionId });
    if (done) {
      await auditPlanChange(trx, request, {
        tenantId: deps.tenant.id,
        spCase,
        action: 'update',
        details: { actionId, done: true },
      });
    }
    return done;
  });
  if (!found) {
    throw ApiError.notFound('Page not found');
  }
  return reply.redirect(`${planHref(spCase)}?done=actionDone#goals`, 303);
}

import { uuidParam } from '../../http/path-params.ts';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { FieldIssue } from '../../http/errors.ts';
import { ApiError } from '../../http/errors.ts';
import { formErrorView, NO_FORM_ERRORS } from '../../http/forms.ts';
import { requireAuth } from '../casework/case-access.ts';
import { nowOf } from '../people/staff-request.ts';
import type { NavigationDeps } from './navigation.deps.ts';
import { assessProgress } from './training-competency.ts';
import { findScenario, scenariosFor } from './training-scenarios.ts';
import {
  findAttempt,
  listCompletedAttempts,
  listOpenScenarioKeys,
  type TrainingAttempt,
} from './training.repository.ts';
import { parseChoice, parseNeeds, parseRedFlags } from './training.schema.ts';
import {
  answerNeeds,
  answerRedFlags,
  chooseDestination,
  protocolForNavigator,
  protocolOfAttempt,
  startAttempt,
  type StepResult,
} from './training.service.ts';
import {
  CHANNEL_LABELS,
  LEVEL_LIST,
  progressView,
  resultView,
  scenarioRows,
  stepView,
} from './training.view-model.ts';

// The navigator's training pages: their scenarios and competency, and an attempt at a scenario, one step
// per page as in the live flow. Scenario patients are fictional, so nothing here is person data. An
// attempt is only ever shown to the navigator who made it: anyone else gets the 404 of a missing one.

type Body = Record<string, unknown>;
const STEPS = ['red-flags', 'needs', 'choose'] as const;
type Step = (typeof STEPS)[number];
const attemptPath = (id: string): string => `/app/training/attempts/${id}`;

/**
 * GET /app/training: the navigator's scenarios, with their status, score and competency level.
 * @param deps - database, tenant and clock
 * @param request - the request
 * @param reply - the reply
 */
export async function trainingHomeGet(
  deps: NavigationDeps,
  request: FastifyRequest,
  reply: FastifyReply,
): Promise<FastifyReply> {
  const auth = requireAuth(request);
  const tenantId = deps.tenant.id;
  const protocol = await protocolForNavigator(deps.db, tenantId, auth.acting?.organisationId ?? null);
  const scenarios = scenariosFor(protocol.content);
  const [attempts, open] = await Promise.all([
    listCompletedAttempts(deps.db, tenantId, [auth.user.id]),
    listOpenScenarioKeys(deps.db, tenantId, auth.user.id),
  ]);
  const progress = assessProgress(scenarios, attempts.get(auth.user.id) ?? []);
  return reply.view('navigation/views/training-home.njk', {
    progress: progressView(progress),
    scenarios: scenarioRows(scenarios, progress, open),
    levels: LEVEL_LIST,
    canReview: auth.permissions.has('training:review'),
    csrfToken: reply.csrfToken(),
  });
}

/**
 * POST /app/training/scenarios/:key: start an attempt (or go back to the unfinished one).
 * @param deps - database, tenant and clock
 * @param request - the request
 * @param reply - the reply
 */
export async function scenarioStartPost(
  deps: NavigationDeps,
  request: FastifyRequest,
  reply: FastifyReply,
): Promise<FastifyReply> {
  const auth = requireAuth(request);
  const param = (request.params as { key?: unknown }).key;
  const key = typeof param === 'string' ? param : '';
  const protocol = await protocolForNavigator(deps.db, deps.tenant.id, auth.acting?.organisationId ?? null);
  const id = await deps.db.transaction().execute(async (trx) =>
    startAttempt(trx, deps.tenant.id, {
      userId: auth.user.id,
      scenarioKey: key,
      protocol,
      now: nowOf(deps),
    }),
  );
  if (id === undefined) {
    throw ApiError.notFound('Page not found');
  }
  return reply.redirect(attemptPath(id), 303);
}

async function loadOwnAttempt(deps: NavigationDeps, request: FastifyRequest): Promise<TrainingAttempt> {
  const auth = requireAuth(request);
  const id = uuidParam((request.params as { id?: unknown }).id);
  const attempt = await findAttempt(deps.db, deps.tenant.id, id);
  if (attempt?.userId !== auth.user.id || findScenario(attempt.scenarioKey) === undefined) {
    throw ApiError.notFound('Page not found');
  }
  return attempt;
}

interface StepState {
  issues?: readonly FieldIssue[];
  body?: Body;
}

async function renderAttempt(
  deps: NavigationDeps,
  reply: FastifyReply,
  attempt: TrainingAttempt,
  state: StepState = {},
): Promise<FastifyReply> {
  const scenario = findScenario(attempt.scenarioKey);
  if (scenario === undefined) {
    throw ApiError.notFound('Page not found');
  }
  const protocol = await protocolOfAttempt(deps.db, deps.tenant.id, attempt);
  const common = {
    scenario: { ...scenario, channel: CHANNEL_LABELS[scenario.channel] },
    homeHref: '/app/training',
    csrfToken: reply.csrfToken(),
  };
  if (attempt.step === 'done') {
    return reply.view('navigation/views/training-result.njk', {
      ...common,
      result: resultView(protocol, attempt, scenario),
    });
  }
  const body = state.body ?? {};
  const values = {
    redFlag: typeof body.redFlag === 'string' ? body.redFlag : '',
    quickPick: ([] as unknown[]).concat(body.quickPick ?? []).map(String),
    needText: typeof body.needText === 'string' ? body.needText : '',
    destination: typeof body.destination === 'string' ? body.destination : '',
  };
  reply.status(state.issues === undefined ? 200 : 400);
  return reply.view(`navigation/views/training-step-${attempt.step}.njk`, {
    ...common,
    ...(state.issues === undefined ? NO_FORM_ERRORS : formErrorView(state.issues)),
    ...stepView(protocol, attempt),
    values,
    action: `${attemptPath(attempt.id)}/${attempt.step}`,
    stepNumber: STEPS.indexOf(attempt.step) + 1,
  });
}

/**
 * GET /app/training/attempts/:id: the attempt's current step, or its result.
 * @param deps - database, tenant and clock
 * @param request - the request
 * @param reply - the reply
 */
export async function attemptGet(
  deps: NavigationDeps,
  request: FastifyRequest,
  reply: FastifyReply,
): Promise<FastifyReply> {
  return renderAttempt(deps, reply, await loadOwnAttempt(deps, request));
}

function isStep(value: unknown): value is Step {
  return (STEPS as readonly unknown[]).includes(value);
}

/**
 * POST /app/training/attempts/:id/:step (red-flags, needs or choose): answer the step the attempt is at.
 * @param deps - database, tenant and clock
 * @param request - the request
 * @param reply - the reply
 */
export async function attemptStepPost(
  deps: NavigationDeps,
  request: FastifyRequest,
  reply: FastifyReply,
): Promise<FastifyReply> {
  const step = (request.params as { step?: unknown }).step;
  if (!isStep(step)) {
    throw ApiError.notFound('Page not found');
  }
  const attempt = await loadOwnAttempt(deps, request);
  if (attempt.step !== step) {
    // Posted twice, or from an old tab: show where the attempt is now.
    return reply.redirect(attemptPath(attempt.id), 303);
  }
  const body = (request.body ?? {}) as Body;
  const result = await answerStep(deps, attempt, step, body);
  if (!result.ok && 'issues' in result) {
    return renderAttempt(deps, reply, attempt, { issues: result.issues, body });
  }
  return reply.redirect(attemptPath(attempt.id), 303);
}

async function answerStep(
  deps: NavigationDeps,
  attempt: TrainingAttempt,
  step: Step,
  body: Body,
): Promise<StepResult> {
  const tenantId = deps.tenant.id;
  const scenario = findScenario(attempt.scenarioKey);
  if (scenario === undefined) {
    throw ApiError.notFound('Page not found');
  }
  const input = {
    attempt,
    scenario,
    protocol: await protocolOfAttempt(deps.db, tenantId, attempt),
    now: nowOf(deps),
  };
  switch (step) {
    case 'red-flags': {
      const parsed = parseRedFlags(body);
      return parsed.ok
        ? deps.db.transaction().execute((trx) => answerRedFlags(trx, tenantId, { ...input, ...parsed.value }))
        : parsed;
    }
    case 'needs': {
      const parsed = parseNeeds(body);
      return parsed.ok
        ? deps.db.transaction().execute((trx) =>
            answerNeeds(trx, tenantId, {
              ...input,
              picks: parsed.value.quickPick,
              needText: parsed.value.needText,
            }),
          )
        : parsed;
    }
    case 'choose': {
      const parsed = parseChoice(body);
      return parsed.ok
        ? deps.db
            .transaction()
            .execute((trx) => chooseDestination(trx, tenantId, { ...input, ...parsed.value }))
        : parsed;
    }
  }
}

import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { safeNextPath } from '../../http/forms.ts';
import { auditActor, auditRequest } from '../../http/request-audit.ts';
import { ACCOUNT_VIEWS, showForm } from './account-pages.ts';
import { accountMessage, type AccountContentKey } from './account.content.ts';
import { parseCodeForm, parseDisableTwoStepForm } from './account.schema.ts';
import { endSession, type AuthContext, type AuthDeps } from './auth-context.ts';
import { updateSession } from './session.repository.ts';
import { afterSignin, formRateLimit } from './signin.routes.ts';
import {
  confirmTwoStepSetup,
  disableTwoStep,
  prepareTwoStepSetup,
  verifySecondFactor,
  type TwoStepResult,
} from './two-step.service.ts';

export const PATHS = {
  verify: '/signin/verify',
  setup: '/app/account/two-step',
  disable: '/app/account/two-step/disable',
} as const;

type Failure = Extract<TwoStepResult, { ok: false }>['reason'];

/** What the person is told when a code at sign-in is refused. */
const VERIFY_MESSAGES: Record<Failure, AccountContentKey> = {
  'wrong-code': 'pages.verify.code.validationError.incorrect',
  replayed: 'pages.verify.code.validationError.replayed',
  locked: 'pages.verify.code.validationError.locked',
  'not-pending': 'pages.verify.code.validationError.incorrect',
  'not-enrolled': 'pages.verify.code.validationError.incorrect',
  unreadable: 'pages.verify.code.validationError.unreadable',
};

function authOf(request: FastifyRequest): AuthContext {
  if (request.auth === null) {
    throw new Error('The access hook let a signed-out request through');
  }
  return request.auth;
}

function typedCode(body: Record<string, unknown>): string {
  return typeof body.code === 'string' ? body.code.slice(0, 20) : '';
}

function verifyGet(request: FastifyRequest, reply: FastifyReply): FastifyReply {
  const query = request.query as { next?: unknown };
  return showForm(reply, ACCOUNT_VIEWS.verify, { next: safeNextPath(query.next) });
}

async function verifyPost(
  deps: AuthDeps,
  request: FastifyRequest,
  reply: FastifyReply,
): Promise<FastifyReply> {
  const auth = authOf(request);
  const body = (request.body ?? {}) as Record<string, unknown>;
  const next = safeNextPath(body.next);
  const parsed = parseCodeForm(body);
  if (!parsed.ok) {
    // What was typed is kept to correct a slip; a refused code is not (a new one is needed anyway).
    const form = { code: typedCode(body) };
    return showForm(reply, ACCOUNT_VIEWS.verify, { next, form }, { issues: parsed.issues, order: ['code'] });
  }
  const result = await verifySecondFactor(deps, { userId: auth.user.id, code: parsed.value.code });
  if (!result.ok && result.reason === 'not-enrolled') {
    // Two-step verification was reset meanwhile (by an administrator): start again with the password.
    await endSession(deps, request, reply);
    return reply.redirect(`/signin?next=${encodeURIComponent(next)}`, 303);
  }
  await auditRequest(deps.db, request, deps.tenant.id, {
    action: result.ok ? 'signin' : 'signin-failed',
    outcome: result.ok ? 'success' : 'failure',
    subjectType: 'user',
    subjectId: auth.user.id,
    details: result.ok ? { factor: 'totp' } : { factor: 'totp', reason: result.reason },
  });
  if (!result.ok) {
    const message = accountMessage(VERIFY_MESSAGES[result.reason]);
    return showForm(
      reply,
      ACCOUNT_VIEWS.verify,
      { next },
      { issues: [{ field: 'code', message }], order: [] },
    );
  }
  await updateSession(deps.db, deps.tenant.id, auth.tokenHash, { stage: 'active' });
  return reply.redirect(
    await afterSignin(deps, { userId: auth.user.id, tokenHash: auth.tokenHash }, next),
    303,
  );
}

async function setupGet(
  deps: AuthDeps,
  request: FastifyRequest,
  reply: FastifyReply,
  rejected?: { code: string; message: string },
): Promise<FastifyReply> {
  const setup = await prepareTwoStepSetup(deps, authOf(request).user.id);
  if (setup.state === 'on') {
    return showForm(reply, ACCOUNT_VIEWS.twoStepOn, {});
  }
  return showForm(
    reply,
    ACCOUNT_VIEWS.twoStepSetup,
    { ...setup, form: { code: rejected?.code ?? '' } },
    rejected === undefined
      ? undefined
      : { issues: [{ field: 'code', message: rejected.message }], order: [] },
  );
}

async function setupPost(
  deps: AuthDeps,
  request: FastifyRequest,
  reply: FastifyReply,
): Promise<FastifyReply> {
  const body = (request.body ?? {}) as Record<string, unknown>;
  const parsed = parseCodeForm(body);
  if (!parsed.ok) {
    return setupGet(deps, request, reply, {
      code: typedCode(body),
      message: parsed.issues[0]?.message ?? '',
    });
  }
  const result = await confirmTwoStepSetup(deps, {
    userId: authOf(request).user.id,
    code: parsed.value.code,
    actor: auditActor(request),
  });
  if (result.ok) {
    return reply.redirect('/app/account?updated=two-step-on', 303);
  }
  if (result.reason === 'not-pending') {
    return reply.redirect(PATHS.setup, 303);
  }
  const message = accountMessage('pages.twoStep.code.validationError.incorrect');
  return setupGet(deps, request, reply, { code: '', message });
}

async function disablePost(
  deps: AuthDeps,
  request: FastifyRequest,
  reply: FastifyReply,
): Promise<FastifyReply> {
  const parsed = parseDisableTwoStepForm(request.body);
  if (!parsed.ok) {
    return showForm(reply, ACCOUNT_VIEWS.twoStepOn, {}, { issues: parsed.issues, order: ['password'] });
  }
  const result = await disableTwoStep(deps, {
    userId: authOf(request).user.id,
    password: parsed.value.password,
    actor: auditActor(request),
  });
  if (!result.ok) {
    const key: AccountContentKey =
      result.reason === 'locked'
        ? 'pages.changePassword.currentPassword.validationError.locked'
        : 'pages.twoStepDisable.password.validationError.incorrect';
    return showForm(
      reply,
      ACCOUNT_VIEWS.twoStepOn,
      {},
      { issues: [{ field: 'password', message: accountMessage(key) }], order: [] },
    );
  }
  return reply.redirect('/app/account?updated=two-step-off', 303);
}

/**
 * Two-step verification: the code at sign-in, setting it up, turning it off.
 * @param app - the Fastify instance
 * @param deps - database, configuration and tenant
 */
export function twoStepRoutes(app: FastifyInstance, deps: AuthDeps): void {
  const limited = { config: { rateLimit: formRateLimit(deps) } };
  app.get(PATHS.verify, async (request, reply) => verifyGet(request, reply));
  app.post(PATHS.verify, limited, async (request, reply) => verifyPost(deps, request, reply));
  app.get(PATHS.setup, async (request, reply) => setupGet(deps, request, reply));
  app.post(PATHS.setup, limited, async (request, reply) => setupPost(deps, request, reply));
  app.post(PATHS.disable, limited, async (request, reply) => disablePost(deps, request, reply));
}

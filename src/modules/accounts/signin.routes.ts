import type { FastifyInstance, FastifyReply } from 'fastify';
import { z } from 'zod';
import {
  formErrorView,
  NO_FORM_ERRORS,
  safeNextPath,
  zodFieldIssues,
  type FormErrorView,
} from '../../http/forms.ts';
import { auditRequest } from '../../http/request-audit.ts';
import { DEMO_PASSWORD, DEMO_USERS } from '../../seed/demo-users.data.ts';
import { endSession, startSession, type AuthDeps } from './auth-context.ts';
import { ROLE_LABELS } from './roles.ts';
import { updateSession } from './session.repository.ts';
import { checkPasswordSignin } from './signin.service.ts';
import { listRoleAssignments } from './user.repository.ts';

const SIGNIN_TEMPLATE = 'accounts/views/signin.njk';
const ROLE_TEMPLATE = 'accounts/views/choose-role.njk';
const FAILED = 'Enter a correct email address and password';

const signinForm = z.object({
  email: z
    .string({ error: 'Enter your email address' })
    .trim()
    .min(1, { error: 'Enter your email address' })
    .max(254, { error: 'Email address must be 254 characters or fewer' }),
  password: z
    .string({ error: 'Enter your password' })
    .min(1, { error: 'Enter your password' })
    .max(256, { error: FAILED }),
  next: z.string().optional(),
});

const roleForm = z.object({
  assignment: z.uuid({ error: 'Choose the role you are working in' }),
  next: z.string().optional(),
});

/**
 * The rate limit of sign-in and public forms: posts per client address per minute, on top of the
 * per-account lock-out.
 * @param deps - the configuration
 */
export function formRateLimit(deps: AuthDeps): { max: number; timeWindow: string } {
  return { max: deps.config.formRateLimitPerMinute, timeWindow: '1 minute' };
}

function renderSignin(
  deps: AuthDeps,
  reply: FastifyReply,
  view: { next: string; email?: string; notice?: string; noticeSuccess?: boolean } & Partial<FormErrorView>,
): FastifyReply {
  const demo = deps.config.seedDemo;
  return reply.view(SIGNIN_TEMPLATE, {
    ...NO_FORM_ERRORS,
    ...view,
    form: { email: view.email ?? '' },
    csrfToken: reply.csrfToken(),
    oidcLabel: deps.config.oidc?.label,
    maxFailures: deps.config.signinMaxFailures,
    lockoutMinutes: deps.config.signinLockoutMinutes,
    demoUsers: demo ? DEMO_USERS.map((u) => ({ email: u.email, roleLabel: ROLE_LABELS[u.role] })) : [],
    demoPassword: demo ? DEMO_PASSWORD : undefined,
  });
}

/**
 * Where a newly signed-in session goes: straight on when the user has one role (it is chosen for them),
 * to the role chooser when they have several or none.
 * @param deps - database, configuration and tenant
 * @param session - the new, active session
 * @param next - the page asked for
 */
export async function afterSignin(
  deps: AuthDeps,
  session: { userId: string; tokenHash: string },
  next: string,
): Promise<string> {
  const assignments = await listRoleAssignments(deps.db, deps.tenant.id, session.userId);
  const only = assignments.length === 1 ? assignments[0] : undefined;
  if (only === undefined) {
    return `/app/role?next=${encodeURIComponent(next)}`;
  }
  await updateSession(deps.db, deps.tenant.id, session.tokenHash, { roleAssignmentId: only.id });
  return next;
}

/**
 * Sign-in with email and password, sign-out, and choosing the role to act in.
 * @param app - the Fastify instance
 * @param deps - database, configuration and tenant
 */
export function signinRoutes(app: FastifyInstance, deps: AuthDeps): void {
  app.get('/signin', async (request, reply) => {
    const query = request.query as { next?: unknown; signedout?: unknown; reset?: unknown };
    if (request.auth?.stage === 'active') {
      return reply.redirect(safeNextPath(query.next), 303);
    }
    return renderSignin(deps, reply, {
      next: safeNextPath(query.next),
      ...(query.signedout === '1' ? { notice: 'You have signed out', noticeSuccess: true } : {}),
      ...(query.reset === '1'
        ? { notice: 'Your password has been changed. Sign in with your new password', noticeSuccess: true }
        : {}),
    });
  });

  app.post('/signin', { config: { rateLimit: formRateLimit(deps) } }, async (request, reply) => {
    const body = (request.body ?? {}) as Record<string, unknown>;
    const next = safeNextPath(body.next);
    const email = typeof body.email === 'string' ? body.email : '';
    const parsed = signinForm.safeParse(body);
    if (!parsed.success) {
      reply.status(400);
      return renderSignin(deps, reply, {
        next,
        email,
        ...formErrorView(zodFieldIssues(parsed.error), ['email', 'password']),
      });
    }
    const result = await checkPasswordSignin(deps.db, deps.config, deps.tenant.id, parsed.data);
    if (!result.ok) {
      // The address typed is not recorded (it may be a mistyped password); a known account is the subject.
      await auditRequest(deps.db, request, deps.tenant.id, {
        action: 'signin-failed',
        outcome: 'failure',
        subjectType: result.userId === undefined ? null : 'user',
        subjectId: result.userId ?? null,
        details: { method: 'password', reason: result.reason },
      });
      reply.status(400);
      return renderSignin(deps, reply, {
        next,
        email,
        ...formErrorView([
          { field: 'email', message: FAILED },
          { field: 'password', message: FAILED },
        ]),
        errorList: [{ text: FAILED, href: '#email' }],
      });
    }
    const tokenHash = await startSession(deps, request, reply, result.user.id, {
      stage: result.needsSecondFactor ? 'second-factor' : 'active',
      authMethod: 'password',
    });
    await auditRequest(deps.db, request, deps.tenant.id, {
      action: 'signin',
      actorUserId: result.user.id,
      actorName: result.user.displayName,
      subjectType: 'user',
      subjectId: result.user.id,
      details: { method: 'password', secondFactorPending: result.needsSecondFactor },
    });
    if (result.needsSecondFactor) {
      return reply.redirect(`/signin/verify?next=${encodeURIComponent(next)}`, 303);
    }
    return reply.redirect(await afterSignin(deps, { userId: result.user.id, tokenHash }, next), 303);
  });

  app.post('/signout', async (request, reply) => {
    if (request.auth !== null) {
      await auditRequest(deps.db, request, deps.tenant.id, {
        action: 'signout',
        subjectType: 'user',
        subjectId: request.auth.user.id,
      });
    }
    await endSession(deps, request, reply);
    return reply.redirect('/signin?signedout=1', 303);
  });

  app.get('/app/role', async (request, reply) => {
    const auth = request.auth;
    const query = request.query as { next?: unknown };
    return reply.view(ROLE_TEMPLATE, {
      ...NO_FORM_ERRORS,
      next: safeNextPath(query.next),
      csrfToken: reply.csrfToken(),
      items: (auth?.assignments ?? []).map((a) => ({
        value: a.id,
        text: `${ROLE_LABELS[a.role]}, ${a.organisationName}`,
        checked: auth?.acting?.id === a.id,
      })),
    });
  });

  app.post('/app/role', async (request, reply) => {
    const auth = request.auth;
    const body = (request.body ?? {}) as Record<string, unknown>;
    const next = safeNextPath(body.next);
    const parsed = roleForm.safeParse(body);
    const chosen = parsed.success
      ? auth?.assignments.find((a) => a.id === parsed.data.assignment)
      : undefined;
    if (auth === null || chosen === undefined) {
      reply.status(400);
      return reply.view(ROLE_TEMPLATE, {
        ...formErrorView([{ field: 'assignment', message: 'Choose the role you are working in' }]),
        next,
        csrfToken: reply.csrfToken(),
        items: (auth?.assignments ?? []).map((a) => ({
          value: a.id,
          text: `${ROLE_LABELS[a.role]}, ${a.organisationName}`,
        })),
      });
    }
    await updateSession(deps.db, deps.tenant.id, auth.tokenHash, { roleAssignmentId: chosen.id });
    await auditRequest(deps.db, request, deps.tenant.id, {
      action: 'update',
      subjectType: 'user',
      subjectId: auth.user.id,
      details: { session: 'role-selected', role: chosen.role, organisationId: chosen.organisationId },
    });
    return reply.redirect(next, 303);
  });
}

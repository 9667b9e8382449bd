import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { auditActor } from '../../http/request-audit.ts';
import { ACCOUNT_VIEWS, showForm } from './account-pages.ts';
import { accountMessage } from './account.content.ts';
import { PASSWORD_FIELDS, parseChangePasswordForm } from './account.schema.ts';
import { changePassword, findAccountOverview, signOutEverywhere } from './account.service.ts';
import { endSession, type AuthContext, type AuthDeps } from './auth-context.ts';
import { invitationRoutes } from './invitation.routes.ts';
import { passwordResetRoutes } from './password-reset.routes.ts';
import { formRateLimit } from './signin.routes.ts';
import { twoStepRoutes } from './two-step.routes.ts';

export const PATHS = {
  account: '/app/account',
  password: '/app/account/password',
  signOutEverywhere: '/app/account/signout-everywhere',
} as const;

/** The success banners of the account page, by the `updated` query value a form redirects with. */
const NOTICES: Partial<Record<string, string>> = {
  password: 'Your password has been changed. Other devices have been signed out',
  'two-step-on': 'Two-step verification is on. Signpost will ask for a code each time you sign in',
  'two-step-off': 'Two-step verification is off',
};

function signedIn(request: FastifyRequest): AuthContext {
  // The access rules let only fully signed-in sessions reach these routes.
  if (request.auth === null) {
    throw new Error('The access hook let a signed-out request through');
  }
  return request.auth;
}

async function accountGet(
  deps: AuthDeps,
  request: FastifyRequest,
  reply: FastifyReply,
): Promise<FastifyReply> {
  const auth = signedIn(request);
  const account = await findAccountOverview(deps, auth.user.id);
  const query = request.query as { updated?: unknown };
  return showForm(reply, ACCOUNT_VIEWS.account, {
    account,
    notice: typeof query.updated === 'string' ? NOTICES[query.updated] : undefined,
  });
}

async function passwordGet(
  deps: AuthDeps,
  request: FastifyRequest,
  reply: FastifyReply,
): Promise<FastifyReply> {
  const account = await findAccountOverview(deps, signedIn(request).user.id);
  return showForm(reply, ACCOUNT_VIEWS.changePassword, { hasPassword: account?.hasPassword === true });
}

async function passwordPost(
  deps: AuthDeps,
  request: FastifyRequest,
  reply: FastifyReply,
): Promise<FastifyReply> {
  const auth = signedIn(request);
  const personal = { email: auth.user.email, name: auth.user.displayName };
  const parsed = parseChangePasswordForm(request.body, personal);
  const reject = (field: string, message: string): FastifyReply =>
    showForm(
      reply,
      ACCOUNT_VIEWS.changePassword,
      { hasPassword: true },
      { issues: [{ field, message }], order: PASSWORD_FIELDS },
    );
  if (!parsed.ok) {
    return showForm(
      reply,
      ACCOUNT_VIEWS.changePassword,
      { hasPassword: true },
      { issues: parsed.issues, order: PASSWORD_FIELDS },
    );
  }
  const result = await changePassword(deps, {
    userId: auth.user.id,
    tokenHash: auth.tokenHash,
    ...parsed.value,
    actor: auditActor(request),
  });
  if (!result.ok) {
    return reject(
      'currentPassword',
      accountMessage(
        result.reason === 'locked'
          ? 'pages.changePassword.currentPassword.validationError.locked'
          : 'pages.changePassword.currentPassword.validationError.incorrect',
      ),
    );
  }
  return reply.redirect(`${PATHS.account}?updated=password`, 303);
}

async function signOutEverywherePost(
  deps: AuthDeps,
  request: FastifyRequest,
  reply: FastifyReply,
): Promise<FastifyReply> {
  await signOutEverywhere(deps, signedIn(request).user.id, auditActor(request));
  await endSession(deps, request, reply);
  return reply.redirect('/signin?signedout=1', 303);
}

/**
 * The signed-in user's own account (overview, password, sign out everywhere), two-step verification,
 * password reset by email and accepting an invitation.
 * @param app - the Fastify instance
 * @param deps - database, configuration and tenant
 */
export function accountRoutes(app: FastifyInstance, deps: AuthDeps): void {
  const limited = { config: { rateLimit: formRateLimit(deps) } };
  app.get(PATHS.account, async (request, reply) => accountGet(deps, request, reply));
  app.get(PATHS.password, async (request, reply) => passwordGet(deps, request, reply));
  app.post(PATHS.password, limited, async (request, reply) => passwordPost(deps, request, reply));
  app.post(PATHS.signOutEverywhere, async (request, reply) => signOutEverywherePost(deps, request, reply));
  twoStepRoutes(app, deps);
  passwordResetRoutes(app, deps);
  invitationRoutes(app, deps);
}

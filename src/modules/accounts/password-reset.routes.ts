import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { setTimeout as sleep } from 'node:timers/promises';
import { ACCOUNT_VIEWS, showForm } from './account-pages.ts';
import { parseForgotForm } from './account.schema.ts';
import type { AuthDeps } from './auth-context.ts';
import { passwordLinkRoutes, type PasswordLink } from './password-link.routes.ts';
import {
  completePasswordReset,
  findPasswordResetLink,
  requestPasswordReset,
} from './password-reset.service.ts';
import { formRateLimit } from './signin.routes.ts';

export const PATHS = {
  forgot: '/signin/forgot',
  reset: '/signin/reset/:token',
} as const;

/**
 * How long the "check your email" answer takes at least, whether or not the address has an account: for
 * an account the link and the email are stored first, and without the floor that difference in time
 * would tell who has an account here.
 */
export const FORGOT_ANSWER_MS = 250;

async function forgotPost(
  deps: AuthDeps,
  request: FastifyRequest,
  reply: FastifyReply,
): Promise<FastifyReply> {
  const body = (request.body ?? {}) as Record<string, unknown>;
  const parsed = parseForgotForm(body);
  if (!parsed.ok) {
    const typed = typeof body.email === 'string' ? body.email.slice(0, 300) : '';
    return showForm(
      reply,
      ACCOUNT_VIEWS.forgot,
      { form: { email: typed } },
      { issues: parsed.issues, order: ['email'] },
    );
  }
  // The same page, after the same time, whether or not the address has an account.
  await Promise.all([requestPasswordReset(deps, parsed.value.email), sleep(FORGOT_ANSWER_MS)]);
  return showForm(reply, ACCOUNT_VIEWS.forgotSent, { email: parsed.value.email });
}

/** A reset link sets the new password and signs the person out everywhere; they then sign in with it. */
const RESET_LINK: PasswordLink = {
  kind: 'reset',
  path: PATHS.reset,
  heading: 'Choose a new password',
  buttonText: 'Save the new password',
  find: findPasswordResetLink,
  complete: async (deps, _request, reply, input) => {
    if (!(await completePasswordReset(deps, input))) {
      return false;
    }
    reply.redirect('/signin?reset=1', 303);
    return true;
  },
};

/**
 * Password reset by email: ask for a link, then choose a new password with it.
 * @param app - the Fastify instance
 * @param deps - database, configuration and tenant
 */
export function passwordResetRoutes(app: FastifyInstance, deps: AuthDeps): void {
  const limited = { config: { rateLimit: formRateLimit(deps) } };
  app.get(PATHS.forgot, async (_request, reply) =>
    showForm(reply, ACCOUNT_VIEWS.forgot, { form: { email: '' } }),
  );
  app.post(PATHS.forgot, limited, async (request, reply) => forgotPost(deps, request, reply));
  passwordLinkRoutes(app, deps, RESET_LINK);
}

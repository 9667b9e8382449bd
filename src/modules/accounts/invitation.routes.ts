import type { FastifyInstance } from 'fastify';
import { auditRequest } from '../../http/request-audit.ts';
import { startSession, type AuthDeps } from './auth-context.ts';
import { acceptInvitation, findInvitation } from './invitation.service.ts';
import { passwordLinkRoutes, type PasswordLink } from './password-link.routes.ts';
import { afterSignin } from './signin.routes.ts';

export const PATHS = {
  invite: '/signin/invite/:token',
} as const;

/** Accepting an invitation activates the account; the person then arrives signed in. */
const INVITATION_LINK: PasswordLink = {
  kind: 'invitation',
  path: PATHS.invite,
  heading: 'Create your Signpost password',
  buttonText: 'Create password and sign in',
  find: findInvitation,
  complete: async (deps, request, reply, input) => {
    const { holder } = input;
    if (!(await acceptInvitation(deps, input))) {
      return false;
    }
    const tokenHash = await startSession(deps, request, reply, holder.userId, {
      stage: 'active',
      authMethod: 'password',
    });
    await auditRequest(deps.db, request, deps.tenant.id, {
      action: 'signin',
      actorUserId: holder.userId,
      actorName: holder.displayName,
      subjectType: 'user',
      subjectId: holder.userId,
      details: { method: 'password', via: 'invitation' },
    });
    reply.redirect(await afterSignin(deps, { userId: holder.userId, tokenHash }, '/app'), 303);
    return true;
  },
};

/**
 * Accepting an invitation: choose a password from the emailed link, then arrive signed in.
 * @param app - the Fastify instance
 * @param deps - database, configuration and tenant
 */
export function invitationRoutes(app: FastifyInstance, deps: AuthDeps): void {
  passwordLinkRoutes(app, deps, INVITATION_LINK);
}

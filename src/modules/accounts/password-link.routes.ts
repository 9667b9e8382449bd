import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { auditActor } from '../../http/request-audit.ts';
import type { AuditActor } from './account.service.ts';
import { ACCOUNT_VIEWS, showForm, showLinkExpired } from './account-pages.ts';
import { parseNewPasswordForm, PASSWORD_FIELDS } from './account.schema.ts';
import type { AuthDeps } from './auth-context.ts';
import type { LinkHolder, LinkLookup } from './password-link.service.ts';
import { formRateLimit } from './signin.routes.ts';

// The page behind an emailed single-use link where a person chooses a password: a password reset or an
// invitation. Both look the link up, show the form (or "this link has expired": 404 for a token never
// issued, 410 for one used, expired or replaced), check the new password against the rules and then hand
// over to what the link is for.

/** One kind of emailed link to choose a password with. */
export interface PasswordLink {
  kind: 'reset' | 'invitation';
  /** The route, with a `:token` parameter. */
  path: `${string}/:token`;
  heading: string;
  buttonText: string;
  /**
   * Who the link is for, if it still works.
   * @param deps - database and tenant
   * @param token - the token from the link
   */
  find: (deps: AuthDeps, token: string) => Promise<LinkLookup>;
  /**
   * Uses the link up with the new password (it passed the rules) and redirects; false, without answering,
   * when the link was used or expired meanwhile.
   */
  complete: (
    deps: AuthDeps,
    request: FastifyRequest,
    reply: FastifyReply,
    input: { token: string; newPassword: string; holder: LinkHolder; actor: AuditActor },
  ) => Promise<boolean>;
}

function tokenOf(request: FastifyRequest): string {
  return (request.params as { token: string }).token;
}

function passwordPage(
  reply: FastifyReply,
  link: PasswordLink,
  page: { token: string; holder: LinkHolder },
  problems?: Parameters<typeof showForm>[3],
): FastifyReply {
  return showForm(
    reply,
    ACCOUNT_VIEWS.newPassword,
    {
      heading: link.heading,
      buttonText: link.buttonText,
      action: link.path.replace(':token', encodeURIComponent(page.token)),
      invitation: link.kind === 'invitation',
      holder: page.holder,
    },
    problems,
  );
}

async function linkGet(
  deps: AuthDeps,
  link: PasswordLink,
  request: FastifyRequest,
  reply: FastifyReply,
): Promise<FastifyReply> {
  const token = tokenOf(request);
  const found = await link.find(deps, token);
  if (found.state !== 'live') {
    return showLinkExpired(reply, link.kind, found.state);
  }
  return passwordPage(reply, link, { token, holder: found.holder });
}

async function linkPost(
  deps: AuthDeps,
  link: PasswordLink,
  request: FastifyRequest,
  reply: FastifyReply,
): Promise<FastifyReply> {
  const token = tokenOf(request);
  const found = await link.find(deps, token);
  if (found.state !== 'live') {
    return showLinkExpired(reply, link.kind, found.state);
  }
  const { holder } = found;
  const parsed = parseNewPasswordForm(request.body, { email: holder.email, name: holder.displayName });
  if (!parsed.ok) {
    return passwordPage(reply, link, { token, holder }, { issues: parsed.issues, order: PASSWORD_FIELDS });
  }
  const done = await link.complete(deps, request, reply, {
    token,
    newPassword: parsed.value.newPassword,
    holder,
    actor: auditActor(request),
  });
  return done ? reply : showLinkExpired(reply, link.kind, 'spent');
}

/**
 * The GET and POST routes of one kind of emailed link to choose a password with (rate-limited POST).
 * @param app - the Fastify instance
 * @param deps - database, configuration and tenant
 * @param link - what the link is for
 */
export function passwordLinkRoutes(app: FastifyInstance, deps: AuthDeps, link: PasswordLink): void {
  app.get(link.path, async (request, reply) => linkGet(deps, link, request, reply));
  app.post(link.path, { config: { rateLimit: formRateLimit(deps) } }, async (request, reply) =>
    linkPost(deps, link, request, reply),
  );
}

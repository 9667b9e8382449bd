import cookie from '@fastify/cookie';
import Tokens from '@fastify/csrf';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Kysely } from 'kysely';
import { randomBytes } from 'node:crypto';
import type { Config } from '../../config.ts';
import type { Database } from '../../db/database.ts';
import { ApiError } from '../../http/errors.ts';
import { auditRequest } from '../../http/request-audit.ts';
import type { AccessOptions } from '../../http/route-access.ts';
import { permissionsOf, type Permission } from './roles.ts';
import {
  deleteSession,
  findLiveSession,
  insertSession,
  touchSession,
  type SessionRow,
} from './session.repository.ts';
import type { Tenant } from './tenant.repository.ts';
import { hashToken, newToken } from './tokens.ts';
import { findUserById, listRoleAssignments, type RoleAssignmentView, type User } from './user.repository.ts';

/** Who is asking: loaded from the session cookie on every request that carries one. */
export interface AuthContext {
  tokenHash: string;
  stage: SessionRow['stage'];
  authMethod: SessionRow['authMethod'];
  user: Pick<User, 'id' | 'email' | 'displayName' | 'totpEnabled'>;
  assignments: RoleAssignmentView[];
  /** The role assignment this session acts in; null until the user chooses one. */
  acting: RoleAssignmentView | null;
  permissions: ReadonlySet<Permission>;
}

declare module 'fastify' {
  interface FastifyRequest {
    auth: AuthContext | null;
  }
  interface FastifyReply {
    /** A CSRF token for a form on this page (bound to the session, or to "signed out"). */
    csrfToken: () => string;
  }
}

export interface AuthDeps {
  db: Kysely<Database>;
  config: Config;
  tenant: Tenant;
}

const NO_PERMISSIONS: ReadonlySet<Permission> = new Set();

/**
 * The cookie names: with Secure cookies, the `__Host-` prefix also pins them to this host and path `/`.
 * @param secure - whether cookies are Secure
 */
export function cookieNames(secure: boolean): { session: string; csrf: string } {
  return secure
    ? { session: '__Host-signpost-session', csrf: '__Host-signpost-csrf' }
    : { session: 'signpost-session', csrf: 'signpost-csrf' };
}

async function loadAuth(deps: AuthDeps, token: string): Promise<AuthContext | null> {
  const tokenHash = hashToken(token);
  const session = await findLiveSession(deps.db, deps.tenant.id, tokenHash, deps.config.sessionIdleMinutes);
  if (session === undefined) {
    return null;
  }
  const user = await findUserById(deps.db, deps.tenant.id, session.userId);
  if (user?.status !== 'active') {
    await deleteSession(deps.db, deps.tenant.id, tokenHash);
    return null;
  }
  await touchSession(deps.db, deps.tenant.id, tokenHash);
  const assignments =
    session.stage === 'active' ? await listRoleAssignments(deps.db, deps.tenant.id, user.id) : [];
  const acting = assignments.find((a) => a.id === session.roleAssignmentId) ?? null;
  return {
    tokenHash,
    stage: session.stage,
    authMethod: session.authMethod,
    user: { id: user.id, email: user.email, displayName: user.displayName, totpEnabled: user.totpEnabled },
    assignments,
    acting,
    permissions: acting === null ? NO_PERMISSIONS : permissionsOf(acting.role),
  };
}

/**
 * Cookies, CSRF protection and `request.auth`. Returns what the access hook needs: the CSRF check it runs
 * on every state-changing request, and the audit entry it writes when a role is refused personal data.
 * @param app - the Fastify instance
 * @param deps - database, configuration and tenant
 */
export async function registerAuth(app: FastifyInstance, deps: AuthDeps): Promise<AccessOptions> {
  const secret = deps.config.sessionSecret ?? randomBytes(32).toString('hex');
  const secure = deps.config.sessionCookieSecure;
  const names = cookieNames(secure);
  await app.register(cookie, { secret });
  // Synchroniser tokens (@fastify/csrf): a random secret in a signed, HttpOnly, SameSite=Strict cookie, and
  // per-form tokens bound to the session, so a token from before sign-in is useless after it.
  const tokens = Tokens({ hmacKey: secret, userInfo: true }) as unknown as Tokens.TokensUserinfo;
  const csrfCookie = { path: '/', sameSite: 'strict' as const, httpOnly: true, secure, signed: true };
  const bindTo = (request: FastifyRequest): string => request.auth?.tokenHash ?? 'signed-out';
  app.decorateRequest('auth', null);
  app.decorateReply('csrfToken', function (this: FastifyReply) {
    let csrfSecret = readCsrfSecret(this.request, this, names.csrf);
    if (csrfSecret === null) {
      csrfSecret = tokens.secretSync();
      this.setCookie(names.csrf, csrfSecret, csrfCookie);
    }
    return tokens.create(csrfSecret, bindTo(this.request));
  });
  app.addHook('onRequest', async (request) => {
    const token = request.cookies[names.session];
    if (token !== undefined && token.length > 0) {
      request.auth = await loadAuth(deps, token);
    }
  });
  app.decorate('sessionCookieName', names.session);
  return {
    recordDenial: async (request) => {
      // Who tried which route, in which role: an IG lead looks for a pattern of attempts.
      await auditRequest(deps.db, request, deps.tenant.id, {
        action: request.method === 'GET' || request.method === 'HEAD' ? 'read' : 'update',
        outcome: 'denied',
        details: { reason: 'role' },
      });
    },
    verifyCsrf: async (request, reply) => {
      const csrfSecret = readCsrfSecret(request, reply, names.csrf);
      const token = submittedToken(request);
      if (csrfSecret === null || token === '' || !tokens.verify(csrfSecret, token, bindTo(request))) {
        throw new ApiError(403, 'Forbidden', 'This form has expired. Go back, reload the page and try again');
      }
    },
  };
}

function readCsrfSecret(request: FastifyRequest, reply: FastifyReply, name: string): string | null {
  const raw = request.cookies[name];
  if (raw === undefined || raw === '') {
    return null;
  }
  const unsigned = reply.unsignCookie(raw);
  return unsigned.valid ? unsigned.value : null;
}

function submittedToken(request: FastifyRequest): string {
  const body = request.body as { _csrf?: unknown } | undefined;
  if (typeof body?._csrf === 'string') {
    return body._csrf;
  }
  const header = request.headers['x-csrf-token'];
  if (typeof header === 'string') {
    return header;
  }
  // The NHS.UK header's sign-out button is a form we cannot add a field to: its token rides in the URL.
  const query = request.query as { _csrf?: unknown } | undefined;
  return request.routeOptions.url === '/signout' && typeof query?._csrf === 'string' ? query._csrf : '';
}

declare module 'fastify' {
  interface FastifyInstance {
    sessionCookieName: string;
  }
}

function sessionCookieOptions(config: Config): {
  path: string;
  httpOnly: true;
  sameSite: 'lax';
  secure: boolean;
} {
  // Lax, not Strict: a link from an email (password reset) or the OpenID provider's redirect must arrive
  // signed in. CSRF tokens, not SameSite, protect the forms.
  return { path: '/', httpOnly: true, sameSite: 'lax', secure: config.sessionCookieSecure };
}

/**
 * Starts a new session for a user who has just proved who they are. Any session the browser already had
 * is ended first and a new random token issued, so a session id planted before sign-in is worthless.
 * @param deps - database, configuration and tenant
 * @param request - the request
 * @param reply - the reply (gets the cookie)
 * @param userId - the user
 * @param options - the stage (second factor still to come?) and how the user signed in
 * @returns the new session's token hash
 */
export async function startSession(
  deps: AuthDeps,
  request: FastifyRequest,
  reply: FastifyReply,
  userId: string,
  options: { stage: SessionRow['stage']; authMethod: SessionRow['authMethod'] },
): Promise<string> {
  if (request.auth !== null) {
    await deleteSession(deps.db, deps.tenant.id, request.auth.tokenHash);
  }
  const token = newToken();
  const tokenHash = hashToken(token);
  await insertSession(deps.db, deps.tenant.id, {
    tokenHash,
    userId,
    stage: options.stage,
    authMethod: options.authMethod,
    absoluteHours: deps.config.sessionAbsoluteHours,
    sourceIp: request.ip,
    userAgent: request.headers['user-agent'] ?? null,
  });
  reply.setCookie(request.server.sessionCookieName, token, sessionCookieOptions(deps.config));
  request.auth = null;
  return tokenHash;
}

/**
 * Ends the request's session and clears the cookie.
 * @param deps - database, configuration and tenant
 * @param request - the request
 * @param reply - the reply
 */
export async function endSession(
  deps: AuthDeps,
  request: FastifyRequest,
  reply: FastifyReply,
): Promise<void> {
  if (request.auth !== null) {
    await deleteSession(deps.db, deps.tenant.id, request.auth.tokenHash);
  }
  reply.clearCookie(request.server.sessionCookieName, sessionCookieOptions(deps.config));
  request.auth = null;
}

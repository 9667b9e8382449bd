import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { ApiError } from '../../http/errors.ts';
import { safeNextPath } from '../../http/forms.ts';
import { auditRequest } from '../../http/request-audit.ts';
import { startSession, type AuthDeps } from './auth-context.ts';
import {
  createOidcClient,
  decodeOidcFlow,
  encodeOidcFlow,
  OIDC_FLOW_SECONDS,
  type OidcClient,
  type OidcFlow,
  type OidcIdentity,
} from './oidc.client.ts';
import { OIDC_PROBLEM_PAGES, type OidcProblem } from './oidc.content.ts';
import { resolveOidcSignin, type OidcRefusal } from './oidc.service.ts';
import { afterSignin, formRateLimit } from './signin.routes.ts';
import { recordSuccessfulSignin } from './user.repository.ts';

// OpenID Connect sign-in (NHS CIS2 Authentication or another standard provider), on when OIDC_* is set.
// GET /signin/oidc sends the browser to the provider; the provider sends it back to the callback with a
// code. What the callback must check (state, nonce, PKCE verifier) travels in a signed, HttpOnly cookie
// that lives ten minutes. The provider authenticates strongly (smartcard and the like), so a session
// starts fully signed in, without Signpost's own second factor.

const PROBLEM_TEMPLATE = 'accounts/views/oidc-problem.njk';

type Failure = OidcRefusal | 'provider-error' | 'state-mismatch' | 'token-exchange-failed';

/**
 * The name of the cookie that carries a sign-in in progress; with Secure cookies the `__Host-` prefix
 * pins it to this host, like the session cookie.
 * @param secure - whether cookies are Secure
 */
export function oidcFlowCookieName(secure: boolean): string {
  return secure ? '__Host-signpost-oidc' : 'signpost-oidc';
}

function renderProblem(
  reply: FastifyReply,
  problem: OidcProblem,
  view: { next: string; email?: string | null },
): FastifyReply {
  const page = OIDC_PROBLEM_PAGES[problem];
  reply.status(page.status);
  return reply.view(PROBLEM_TEMPLATE, {
    heading: page.heading,
    paragraphs: page.paragraphs,
    email: view.email ?? null,
    signinHref: `/signin?next=${encodeURIComponent(view.next)}`,
  });
}

/** An OAuth error code is a short token; anything else a caller sent is recorded as 'other'. */
function providerErrorCode(value: unknown): string {
  return typeof value === 'string' && /^[a-z_]{1,40}$/.test(value) ? value : 'other';
}

function logFailure(request: FastifyRequest, error: unknown, what: string): void {
  // The error's class, code and message only: a library error's cause may hold the ID token's claims.
  const { name, message } = error instanceof Error ? error : { name: 'unknown', message: '' };
  const code = (error as { code?: unknown } | null)?.code;
  request.log.warn({ oidcError: { name, code, message } }, what);
}

async function auditFailure(
  deps: AuthDeps,
  request: FastifyRequest,
  failure: { reason: Failure; userId?: string | null; providerError?: string },
): Promise<void> {
  await auditRequest(deps.db, request, deps.tenant.id, {
    action: 'signin-failed',
    outcome: 'failure',
    subjectType: failure.userId === undefined || failure.userId === null ? null : 'user',
    subjectId: failure.userId ?? null,
    details: {
      method: 'oidc',
      reason: failure.reason,
      ...(failure.providerError === undefined ? {} : { providerError: failure.providerError }),
    },
  });
}

/** Signs in the user the identity belongs to (linking it on first use); returns where to go next. */
async function signinIdentity(
  deps: AuthDeps,
  request: FastifyRequest,
  reply: FastifyReply,
  sign: { identity: OidcIdentity; next: string },
): Promise<{ ok: true; destination: string } | { ok: false; reason: OidcRefusal; userId: string | null }> {
  return deps.db.transaction().execute(async (trx) => {
    const found = await resolveOidcSignin(trx, deps.tenant.id, sign.identity);
    if (!found.ok) {
      return found;
    }
    const inTrx: AuthDeps = { ...deps, db: trx };
    const userId = found.user.id;
    const tokenHash = await startSession(inTrx, request, reply, userId, {
      stage: 'active',
      authMethod: 'oidc',
    });
    await recordSuccessfulSignin(trx, deps.tenant.id, userId);
    const destination = await afterSignin(inTrx, { userId, tokenHash }, sign.next);
    await auditRequest(trx, request, deps.tenant.id, {
      action: 'signin',
      actorUserId: userId,
      actorName: found.user.displayName,
      subjectType: 'user',
      subjectId: userId,
      details: { method: 'oidc', linkedBy: found.linkedBy, activated: found.activated },
    });
    return { ok: true as const, destination };
  });
}

function readFlow(request: FastifyRequest, reply: FastifyReply, cookieName: string): OidcFlow | null {
  const raw = request.cookies[cookieName];
  if (raw === undefined || raw === '') {
    return null;
  }
  const unsigned = reply.unsignCookie(raw);
  return unsigned.valid ? decodeOidcFlow(unsigned.value, new Date()) : null;
}

/** The URL the provider redirected to: the registered redirect URI with the query that arrived. */
function callbackUrl(redirectUri: string, requestUrl: string): URL {
  const url = new URL(redirectUri);
  const query = requestUrl.indexOf('?');
  url.search = query === -1 ? '' : requestUrl.slice(query);
  return url;
}

function requireClient(client: OidcClient | undefined): OidcClient {
  if (client === undefined) {
    throw ApiError.notFound('Page not found');
  }
  return client;
}

/**
 * OpenID Connect sign-in: `GET /signin/oidc` (to the provider) and `GET /signin/oidc/callback` (back).
 * Both answer 404 when OIDC is not configured.
 * @param app - the Fastify instance
 * @param deps - database, configuration and tenant
 */
export function oidcRoutes(app: FastifyInstance, deps: AuthDeps): void {
  const oidc = deps.config.oidc;
  const callbackPath = '/signin/oidc/callback';
  const redirectUri = `${deps.config.publicBaseUrl}${callbackPath}`;
  const client = oidc === undefined ? undefined : createOidcClient(oidc, redirectUri);
  const cookieName = oidcFlowCookieName(deps.config.sessionCookieSecure);
  const cookieOptions = {
    path: '/',
    httpOnly: true,
    sameSite: 'lax' as const,
    secure: deps.config.sessionCookieSecure,
  };

  app.get('/signin/oidc', async (request, reply) => {
    const oidcClient = requireClient(client);
    const next = safeNextPath((request.query as { next?: unknown }).next);
    let started: Awaited<ReturnType<OidcClient['begin']>>;
    try {
      started = await oidcClient.begin(next);
    } catch (error) {
      logFailure(request, error, 'OpenID provider discovery failed');
      return renderProblem(reply, 'unavailable', { next });
    }
    reply.setCookie(cookieName, encodeOidcFlow(started.flow, new Date()), {
      ...cookieOptions,
      signed: true,
      maxAge: OIDC_FLOW_SECONDS,
    });
    return reply.redirect(started.url.href, 303);
  });

  app.get(callbackPath, { config: { rateLimit: formRateLimit(deps) } }, async (request, reply) => {
    const oidcClient = requireClient(client);
    const query = request.query as { state?: unknown; error?: unknown };
    const flow = readFlow(request, reply, cookieName);
    reply.clearCookie(cookieName, cookieOptions);
    const next = safeNextPath(flow?.next);
    if (query.error !== undefined) {
      const providerError = providerErrorCode(query.error);
      await auditFailure(deps, request, { reason: 'provider-error', providerError });
      return renderProblem(reply, providerError === 'access_denied' ? 'cancelled' : 'provider-error', {
        next,
      });
    }
    if (flow === null || typeof query.state !== 'string' || query.state !== flow.state) {
      await auditFailure(deps, request, { reason: 'state-mismatch' });
      return renderProblem(reply, 'expired', { next });
    }
    let identity: OidcIdentity;
    try {
      identity = await oidcClient.finish(callbackUrl(redirectUri, request.url), flow);
    } catch (error) {
      logFailure(request, error, 'OpenID sign-in could not be completed');
      await auditFailure(deps, request, { reason: 'token-exchange-failed' });
      return renderProblem(reply, 'not-confirmed', { next });
    }
    const result = await signinIdentity(deps, request, reply, { identity, next });
    if (!result.ok) {
      await auditFailure(deps, request, { reason: result.reason, userId: result.userId });
      return renderProblem(reply, 'refused', { next, email: identity.email });
    }
    return reply.redirect(result.destination, 303);
  });
}

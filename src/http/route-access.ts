import type { FastifyInstance, FastifyReply, FastifyRequest, RouteOptions } from 'fastify';
import type { Permission } from '../modules/accounts/roles.ts';
import { ApiError } from './errors.ts';

// Who may call each route: THE table. Every route the app registers must appear here, or the app refuses
// to start (and so every test fails): a new page or API cannot ship without a decision about who sees it.
// The access hook enforces the rule before the handler runs; the role -> permission table is in
// src/modules/accounts/roles.ts. test/security/route-matrix.int.test.ts walks every route with every role.
//
// Access levels:
// - 'public': anyone, signed in or not.
// - 'second-factor': a session that has passed the password but not yet the second factor.
// - 'signed-in': a fully signed-in session, whether or not it has chosen which role to act in.
// - a permission: a signed-in session acting in a role that grants it.

export type Access = 'public' | 'second-factor' | 'signed-in' | Permission;

export interface RouteRule {
  access: Access;
  /** The route reads or writes person-identifiable data: each use must leave an audit entry. */
  personData?: boolean;
}

const PUBLIC: RouteRule = { access: 'public' };
const SIGNED_IN: RouteRule = { access: 'signed-in' };

export const ROUTE_RULES: Readonly<Record<string, RouteRule>> = {
  // Public site, open data and operations
  'GET /': PUBLIC,
  'GET /assets/*': PUBLIC,
  'GET /assets/signpost/*': PUBLIC,
  'GET /healthz': PUBLIC,
  'GET /readyz': PUBLIC,
  'GET /directory': PUBLIC,
  'GET /directory/services/:id': PUBLIC,
  'GET /directory/services/:id/print': PUBLIC,
  'GET /about/data': PUBLIC,
  'GET /api/directory/search': PUBLIC,
  'GET /api/openapi.json': PUBLIC,
  'GET /oruk': PUBLIC,
  'OPTIONS /oruk': PUBLIC,
  'GET /oruk/': PUBLIC,
  'OPTIONS /oruk/*': PUBLIC,
  'GET /oruk/openapi.json': PUBLIC,
  'GET /oruk/services': PUBLIC,
  'GET /oruk/services/:id': PUBLIC,
  'GET /oruk/service_at_locations': PUBLIC,
  'GET /oruk/service_at_locations/:id': PUBLIC,
  'GET /oruk/organizations': PUBLIC,
  'GET /oruk/organizations/:id': PUBLIC,
  'GET /oruk/taxonomies': PUBLIC,
  'GET /oruk/taxonomies/:id': PUBLIC,
  'GET /oruk/taxonomy_terms': PUBLIC,
  'GET /oruk/taxonomy_terms/:id': PUBLIC,

  // Sign-in, and the signed-in user's own session and account
  'GET /signin': PUBLIC,
  'POST /signin': PUBLIC,
  'GET /signin/verify': { access: 'second-factor' },
  'POST /signin/verify': { access: 'second-factor' },
  'GET /signin/forgot': PUBLIC,
  'POST /signin/forgot': PUBLIC,
  'GET /signin/reset/:token': PUBLIC,
  'POST /signin/reset/:token': PUBLIC,
  'GET /signin/invite/:token': PUBLIC,
  'POST /signin/invite/:token': PUBLIC,
  'GET /signin/oidc': PUBLIC,
  'GET /signin/oidc/callback': PUBLIC,
  'POST /signout': PUBLIC,
  'GET /app/role': SIGNED_IN,
  'POST /app/role': SIGNED_IN,
  'GET /app/account': SIGNED_IN,
  'GET /app/account/password': SIGNED_IN,
  'POST /app/account/password': SIGNED_IN,
  'GET /app/account/two-step': SIGNED_IN,
  'POST /app/account/two-step': SIGNED_IN,
  'POST /app/account/two-step/disable': SIGNED_IN,
  'POST /app/account/signout-everywhere': SIGNED_IN,

  // Staff area
  'GET /app': { access: 'staff:home' },

  // Administration: users, roles and organisations (staff records are personal data: reads are audited)
  'GET /app/admin/users': { access: 'users:manage' },
  'GET /app/admin/users/new': { access: 'users:manage' },
  'POST /app/admin/users': { access: 'users:manage', personData: true },
  'GET /app/admin/users/:id': { access: 'users:manage', personData: true },
  'POST /app/admin/users/:id/roles': { access: 'users:manage', personData: true },
  'POST /app/admin/users/:id/roles/:assignmentId/remove': { access: 'users:manage', personData: true },
  'POST /app/admin/users/:id/status': { access: 'users:manage', personData: true },
  'POST /app/admin/users/:id/reset-two-step': { access: 'users:manage', personData: true },
  'POST /app/admin/users/:id/resend-invitation': { access: 'users:manage', personData: true },
  'GET /app/admin/organisations': { access: 'organisations:manage' },
  'GET /app/admin/organisations/new': { access: 'organisations:manage' },
  'POST /app/admin/organisations': { access: 'organisations:manage' },
  'GET /app/admin/organisations/:id': { access: 'organisations:manage' },
  'POST /app/admin/organisations/:id': { access: 'organisations:manage' },

  // People (patients): person-identifiable, every use audited
  'GET /app/people': { access: 'people:read', personData: true },
  'GET /app/people/new': { access: 'people:write' },
  'POST /app/people': { access: 'people:write', personData: true },
  'GET /app/people/:id': { access: 'people:read', personData: true },
  'GET /app/people/:id/edit': { access: 'people:write', personData: true },
  'POST /app/people/:id': { access: 'people:write', personData: true },
  'POST /app/people/:id/consents': { access: 'people:write', personData: true },

  // Referrals into social prescribing: from staff and partners, from the public, and by API; triage
  'GET /app/referrals': { access: 'referrals:create', personData: true },
  'GET /app/referrals/new': { access: 'referrals:create' },
  'POST /app/referrals': { access: 'referrals:create', personData: true },
  'GET /app/referrals/:id': { access: 'referrals:create', personData: true },
  'GET /app/referrals/:id/messages/:messageId': { access: 'referrals:create', personData: true },
  'GET /app/referrals/:id/messages/:messageId/pdf': { access: 'referrals:create', personData: true },
  'POST /api/referrals': { access: 'referrals:create', personData: true },
  'GET /refer': PUBLIC,
  'POST /refer': { access: 'public', personData: true },
  'GET /refer/sent': PUBLIC,
  'GET /app/triage': { access: 'referrals:triage', personData: true },
  'GET /app/triage/:id': { access: 'referrals:triage', personData: true },
  'POST /app/triage/:id': { access: 'referrals:triage', personData: true },
  'GET /app/team': { access: 'referrals:triage', personData: true },

  // Casework: the link worker's caseload, cases, plans, onward referrals, safeguarding, discharge
  'GET /app/caseload': { access: 'casework:read', personData: true },
  'GET /app/tasks': { access: 'staff:home', personData: true },
  'POST /app/tasks/:id/done': { access: 'staff:home', personData: true },
  'GET /app/cases/:id': { access: 'casework:read', personData: true },
  'POST /app/cases/:id/contacts': { access: 'casework:write', personData: true },
  'GET /app/cases/:id/plan': { access: 'casework:write', personData: true },
  'POST /app/cases/:id/plan': { access: 'casework:write', personData: true },
  'POST /app/cases/:id/plan/goals': { access: 'casework:write', personData: true },
  'POST /app/cases/:id/plan/actions': { access: 'casework:write', personData: true },
  'POST /app/cases/:id/plan/actions/:actionId/done': { access: 'casework:write', personData: true },
  'GET /app/cases/:id/plan/print': { access: 'casework:read', personData: true },
  'POST /app/cases/:id/plan/send': { access: 'casework:write', personData: true },
  'GET /app/cases/:id/onward': { access: 'casework:write', personData: true },
  'POST /app/cases/:id/onward': { access: 'casework:write', personData: true },
  'POST /app/cases/:id/onward/:onwardId/status': { access: 'casework:write', personData: true },
  'POST /app/cases/:id/safeguarding': { access: 'casework:write', personData: true },
  'POST /app/cases/:id/safeguarding/:flagId/resolve': { access: 'casework:write', personData: true },
  'GET /app/cases/:id/discharge': { access: 'casework:write', personData: true },
  'POST /app/cases/:id/discharge': { access: 'casework:write', personData: true },

  // Coded events for GP systems (SNOMED CT), per practice; the code table itself
  'GET /app/exports/coded-events': { access: 'exports:gp-codes', personData: true },
  'GET /app/admin/codes': { access: 'codes:manage' },
  'POST /app/admin/codes/:event': { access: 'codes:manage' },

  // Care navigation at reception (issue #5): the flow, every step of which is about a patient
  'GET /app/navigate': { access: 'navigation:use' },
  'POST /app/navigate': { access: 'navigation:use', personData: true },
  'GET /app/navigate/:id': { access: 'navigation:use', personData: true },
  'POST /app/navigate/:id/red-flags': { access: 'navigation:use', personData: true },
  'POST /app/navigate/:id/handover': { access: 'navigation:use', personData: true },
  'POST /app/navigate/:id/needs': { access: 'navigation:use', personData: true },
  'POST /app/navigate/:id/outcome': { access: 'navigation:use', personData: true },
  'POST /app/navigate/:id/copy': { access: 'navigation:use', personData: true },
  'GET /app/navigate/:id/print': { access: 'navigation:use', personData: true },
  'GET /app/navigate/:id/escalation': { access: 'tasks:clinical', personData: true },

  // The navigation protocol: clinically owned, versioned, signed off
  'GET /app/navigation/protocol': { access: 'navigation:protocol-edit' },
  'POST /app/navigation/protocol/drafts': { access: 'navigation:protocol-edit' },
  'GET /app/navigation/protocol/:id': { access: 'navigation:protocol-edit' },
  'GET /app/navigation/protocol/:id/:section': { access: 'navigation:protocol-edit' },
  'POST /app/navigation/protocol/:id/:section': { access: 'navigation:protocol-edit' },
  'POST /app/navigation/protocol/:id/approve': { access: 'navigation:protocol-approve' },
  'POST /app/navigation/protocol/:id/discard': { access: 'navigation:protocol-edit' },

  // Navigator training and competency (scenario patients are fictional: no person data)
  'GET /app/training': { access: 'training:use' },
  'POST /app/training/scenarios/:key': { access: 'training:use' },
  'GET /app/training/attempts/:id': { access: 'training:use' },
  'POST /app/training/attempts/:id/:step': { access: 'training:use' },
  'GET /app/training/team': { access: 'training:review' },

  // Practice reports on care navigation (aggregate)
  'GET /app/navigation/reports': { access: 'reports:aggregate' },
  'GET /app/navigation/reports.csv': { access: 'reports:aggregate' },

  // The audit trail (it names people and what was looked at: reading it is itself audited)
  'GET /app/admin/audit': { access: 'audit:read', personData: true },
  'GET /app/admin/audit/subject': { access: 'audit:read', personData: true },
  'GET /app/admin/audit.csv': { access: 'audit:export', personData: true },
};

/**
 * The rule for a route, by method and URL pattern (HEAD follows GET).
 * @param method - the HTTP method
 * @param url - the route's URL pattern, e.g. `/directory/services/:id`
 */
export function ruleFor(
  method: string,
  url: string,
  extra: Readonly<Record<string, RouteRule>> = {},
): RouteRule | undefined {
  const key = `${method === 'HEAD' ? 'GET' : method} ${url}`;
  return ROUTE_RULES[key] ?? extra[key];
}

export interface RegisteredRoute {
  method: string;
  url: string;
}

declare module 'fastify' {
  interface FastifyInstance {
    /** Every route registered, as the access hook saw it (the route matrix test walks them). */
    registeredRoutes: readonly RegisteredRoute[];
  }
  interface FastifyContextConfig {
    /** Filled by the access hook from ROUTE_RULES. */
    accessRule?: RouteRule;
  }
}

export interface AccessOptions {
  /** Checks the CSRF token of a state-changing request; rejects the request when it is wrong. */
  verifyCsrf: (request: FastifyRequest, reply: FastifyReply) => Promise<void>;
  /** Records that a role was refused a route with person-identifiable data (the audit trail's 'denied'). */
  recordDenial: (request: FastifyRequest) => Promise<void>;
}

const STATE_CHANGING = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

function wantsPage(request: FastifyRequest): boolean {
  const path = request.url.split('?')[0] ?? '';
  return !path.startsWith('/api/') && !path.startsWith('/fhir') && !path.startsWith('/oruk');
}

type Decision = 'allow' | 'sign-in' | 'choose-role' | 'forbidden';

/**
 * Decides whether the request may reach its handler.
 * @param request - the request, with `request.auth` already loaded
 * @param rule - the route's rule
 */
export function decide(request: FastifyRequest, rule: RouteRule): Decision {
  const auth = request.auth;
  if (rule.access === 'public') {
    return 'allow';
  }
  if (rule.access === 'second-factor') {
    return auth?.stage === 'second-factor' ? 'allow' : 'sign-in';
  }
  if (auth?.stage !== 'active') {
    return 'sign-in';
  }
  if (rule.access === 'signed-in') {
    return 'allow';
  }
  if (auth.acting === null) {
    return 'choose-role';
  }
  return auth.permissions.has(rule.access) ? 'allow' : 'forbidden';
}

function refuse(
  request: FastifyRequest,
  reply: FastifyReply,
  decision: Exclude<Decision, 'allow'>,
): FastifyReply {
  const page = request.method === 'GET' && wantsPage(request);
  const here = encodeURIComponent(request.url);
  switch (decision) {
    case 'sign-in':
      if (page) {
        return reply.redirect(`/signin?next=${here}`, 303);
      }
      throw new ApiError(401, 'Unauthorized', 'Sign in to use this');
    case 'choose-role':
      if (page) {
        return reply.redirect(`/app/role?next=${here}`, 303);
      }
      throw new ApiError(403, 'Forbidden', 'Choose the role you are working in first');
    case 'forbidden':
      throw new ApiError(403, 'Forbidden', 'Your role does not allow this');
  }
}

/**
 * Installs the access hook: every route must have a rule in ROUTE_RULES (else registration throws), and
 * every request is checked against it (a role refused person-identifiable data is recorded), then
 * state-changing requests must carry a valid CSRF token. Call before any route is registered.
 * @param app - the Fastify instance
 * @param options - the CSRF check and the denial recorder
 */
export function registerAccessControl(
  app: FastifyInstance,
  options: AccessOptions,
  extraRules: Readonly<Record<string, RouteRule>> = {},
): void {
  const registered: RegisteredRoute[] = [];
  app.decorate('registeredRoutes', registered);
  app.addHook('onRoute', (route: RouteOptions) => {
    const methods = Array.isArray(route.method) ? route.method : [route.method];
    for (const method of methods) {
      registered.push({ method, url: route.url });
      const rule = ruleFor(method, route.url, extraRules);
      if (rule === undefined) {
        throw new Error(
          `Route "${method} ${route.url}" has no rule in ROUTE_RULES (src/http/route-access.ts)`,
        );
      }
      route.config = { ...route.config, accessRule: rule };
    }
    const existing = route.preHandler === undefined ? [] : [route.preHandler].flat();
    route.preHandler = [
      async function accessHook(
        request: FastifyRequest,
        reply: FastifyReply,
      ): Promise<FastifyReply | undefined> {
        const rule = request.routeOptions.config.accessRule;
        if (rule === undefined) {
          throw new ApiError(403, 'Forbidden', 'No access rule');
        }
        const decision = decide(request, rule);
        if (decision === 'forbidden' && rule.personData === true) {
          await options.recordDenial(request);
        }
        if (decision !== 'allow') {
          return refuse(request, reply, decision);
        }
        if (STATE_CHANGING.has(request.method)) {
          await options.verifyCsrf(request, reply);
        }
        return undefined;
      },
      ...existing,
    ];
  });
}

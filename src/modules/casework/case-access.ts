import { uuidParam } from '../../http/path-params.ts';
import type { FastifyRequest } from 'fastify';
import type { Kysely } from 'kysely';
import type { Config } from '../../config.ts';
import type { Database } from '../../db/database.ts';
import { ApiError } from '../../http/errors.ts';
import type { AuthContext } from '../accounts/auth-context.ts';
import type { Tenant } from '../accounts/tenant.repository.ts';
import { findCaseById, type SpCase } from './case.repository.ts';
import { londonDate } from './working-days.ts';

// Who may open a case (need to know, Caldicott principle 4), on top of the route's permission:
// - the link worker it is allocated to (and only they may change it);
// - supervisors (casework:oversee), to read any case;
// - triage roles (referrals:triage), to read a case still waiting for a link worker.
// Anyone else gets the same 404 as for a case that does not exist, so ids reveal nothing.

export interface CaseworkDeps {
  db: Kysely<Database>;
  config: Config;
  tenant: Tenant;
  /** The clock, injectable so tests can fix "today". */
  now?: () => Date;
}

export type CaseAccess = 'read' | 'write';

/**
 * May this person open (read) or change (write) this case?
 * @param auth - who is asking, in which role
 * @param spCase - the case
 * @param access - read or write
 */
export function mayAccessCase(auth: AuthContext, spCase: SpCase, access: CaseAccess): boolean {
  const allocatedToThem = spCase.linkWorkerId === auth.user.id;
  if (access === 'write') {
    return allocatedToThem && auth.permissions.has('casework:write');
  }
  return (
    (allocatedToThem && auth.permissions.has('casework:read')) ||
    auth.permissions.has('casework:oversee') ||
    (spCase.linkWorkerId === null && auth.permissions.has('referrals:triage'))
  );
}

/**
 * The signed-in person of a request (the access hook has already required one).
 * @param request - the request
 */
export function requireAuth(request: FastifyRequest): AuthContext {
  if (request.auth === null) {
    throw new ApiError(401, 'Unauthorized', 'Sign in to use this');
  }
  return request.auth;
}

/**
 * The case named by the request's `:id`, if this person may access it that way; else a 404.
 * @param deps - database and tenant
 * @param request - the request
 * @param access - read or write
 */
export async function loadCaseFor(
  deps: CaseworkDeps,
  request: FastifyRequest,
  access: CaseAccess,
): Promise<SpCase> {
  const auth = requireAuth(request);
  const id = uuidParam((request.params as { id?: unknown }).id);
  const spCase = await findCaseById(deps.db, deps.tenant.id, id);
  if (spCase === undefined || !mayAccessCase(auth, spCase, access)) {
    throw ApiError.notFound('Page not found');
  }
  return spCase;
}

/**
 * Now, from the injectable clock.
 * @param deps - the dependencies
 */
export function nowOf(deps: CaseworkDeps): Date {
  return deps.now?.() ?? new Date();
}

/**
 * Today in England, from the injectable clock.
 * @param deps - the dependencies
 */
export function todayOf(deps: CaseworkDeps): string {
  return londonDate(nowOf(deps));
}

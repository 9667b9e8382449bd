import type { FastifyRequest } from 'fastify';
import type { Kysely } from 'kysely';
import type { Config } from '../../config.ts';
import type { Database } from '../../db/database.ts';
import { ApiError } from '../../http/errors.ts';
import type { OrganisationKind } from '../accounts/accounts.tables.ts';
import type { Permission, Role } from '../accounts/roles.ts';
import type { Tenant } from '../accounts/tenant.repository.ts';
import { londonDate } from '../casework/working-days.ts';

// What the people and referrals pages need from a request: who is acting (the access hook has already
// checked their permission), today's date in England from an injectable clock, and ids from the path
// checked before they reach SQL.

export interface PagesDeps {
  db: Kysely<Database>;
  config: Config;
  tenant: Tenant;
  /** The clock, injectable so tests can fix "now". */
  now?: () => Date;
}

export interface StaffActor {
  userId: string;
  displayName: string;
  email: string;
  role: Role;
  organisationId: string;
  organisationName: string;
  organisationKind: OrganisationKind;
  permissions: ReadonlySet<Permission>;
}

/**
 * The signed-in member of staff and the role they act in.
 * @param request - the request
 */
export function staffActor(request: FastifyRequest): StaffActor {
  const auth = request.auth;
  const acting = auth?.acting ?? null;
  if (auth === null || acting === null) {
    throw new ApiError(401, 'Unauthorized', 'Sign in to use this');
  }
  return {
    userId: auth.user.id,
    displayName: auth.user.displayName,
    email: auth.user.email,
    role: acting.role,
    organisationId: acting.organisationId,
    organisationName: acting.organisationName,
    organisationKind: acting.organisationKind,
    permissions: auth.permissions,
  };
}

/**
 * The time now, from the injected clock.
 * @param deps - the dependencies (with an optional clock)
 */
export function nowOf(deps: Pick<PagesDeps, 'now'>): Date {
  return deps.now?.() ?? new Date();
}

/**
 * Today's date in England, 'YYYY-MM-DD'.
 * @param deps - the dependencies (with an optional clock)
 */
export function todayOf(deps: Pick<PagesDeps, 'now'>): string {
  return londonDate(nowOf(deps));
}

/**
 * A path parameter of the request by name.
 * @param request - the request
 * @param name - the parameter's name
 */
export function param(request: FastifyRequest, name: string): unknown {
  return (request.params as Record<string, unknown>)[name];
}

import type { FastifyRequest } from 'fastify';
import type { Kysely } from 'kysely';
import type { Database } from '../db/database.ts';
import { ROLE_LABELS } from '../modules/accounts/roles.ts';
import type { AuditEntry } from '../modules/audit/audit.model.ts';
import { recordAudit, recordAuditBatch } from '../modules/audit/audit.repository.ts';

type ActorFields = Pick<
  AuditEntry,
  | 'actorUserId'
  | 'actorName'
  | 'actorRole'
  | 'actorOrganisationId'
  | 'actorOrganisationName'
  | 'sourceIp'
  | 'userAgent'
  | 'route'
>;

/**
 * Who is acting, in which role and organisation, from where, on which route: the audit fields every
 * entry written while serving a request shares.
 * @param request - the request
 */
export function auditActor(request: FastifyRequest): ActorFields {
  const auth = request.auth;
  const acting = auth?.acting ?? null;
  return {
    actorUserId: auth?.user.id ?? null,
    actorName: auth?.user.displayName ?? null,
    actorRole: acting === null ? null : ROLE_LABELS[acting.role],
    actorOrganisationId: acting?.organisationId ?? null,
    actorOrganisationName: acting?.organisationName ?? null,
    sourceIp: request.ip,
    userAgent: request.headers['user-agent']?.slice(0, 300) ?? null,
    route: `${request.method} ${request.routeOptions.url ?? ''}`,
  };
}

/**
 * Records what this request did in the audit trail, with the actor taken from the request.
 * @param db - the database, or the transaction of the write being recorded (record last in it)
 * @param request - the request
 * @param tenantId - the tenant
 * @param entry - what happened (actor fields may be overridden, e.g. for a failed sign-in)
 */
export async function auditRequest(
  db: Kysely<Database>,
  request: FastifyRequest,
  tenantId: string,
  entry: AuditEntry,
): Promise<void> {
  await recordAudit(db, tenantId, { ...auditActor(request), ...entry });
}

/**
 * Records several entries for one request (e.g. one 'read' per person on a list page).
 * @param db - the database or a transaction
 * @param request - the request
 * @param tenantId - the tenant
 * @param entries - what happened
 */
export async function auditRequestBatch(
  db: Kysely<Database>,
  request: FastifyRequest,
  tenantId: string,
  entries: readonly AuditEntry[],
): Promise<void> {
  if (entries.length === 0) {
    return;
  }
  const actor = auditActor(request);
  await recordAuditBatch(
    db,
    tenantId,
    entries.map((e) => ({ ...actor, ...e })),
  );
}

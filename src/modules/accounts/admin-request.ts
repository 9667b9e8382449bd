import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import { ApiError, type FieldIssue } from '../../http/errors.ts';
import { auditRequest, auditRequestBatch } from '../../http/request-audit.ts';
import type { AuditAction } from '../audit/audit.model.ts';
import type { AdminContext } from './admin.service.ts';
import type { AuthDeps } from './auth-context.ts';

// What every administration route needs from its request: who is acting, an audit writer carrying the
// request's details, ids from the path checked before they reach SQL, and what was typed in its form.

/**
 * The administrator acting in this request, and their audit writer.
 * @param deps - database, configuration and tenant
 * @param request - the request (the access hook has already checked the permission)
 */
export function adminContext(deps: AuthDeps, request: FastifyRequest): AdminContext {
  const auth = request.auth;
  if (auth === null) {
    throw new ApiError(401, 'Unauthorized', 'Sign in to use this');
  }
  return {
    deps,
    actor: { userId: auth.user.id, displayName: auth.user.displayName },
    audit: (db, entries) => auditRequestBatch(db, request, deps.tenant.id, entries),
  };
}

/**
 * A UUID from the path, or a 404 (an id that is not a UUID names nothing, and must not reach SQL).
 * @param value - the path parameter
 */
export function pathId(value: unknown): string {
  const parsed = z.uuid().safeParse(value);
  if (!parsed.success) {
    throw ApiError.notFound('Page not found');
  }
  return parsed.data;
}

/**
 * What a lookup by a path id found, or a 404 page.
 * @param found - the record, or undefined when there is none (in this tenant)
 */
export function foundOr404<T>(found: T | undefined): T {
  if (found === undefined) {
    throw ApiError.notFound('Page not found');
  }
  return found;
}

/**
 * The posted form (or query string) as loose values, to show again what was typed.
 * @param body - the parsed body or query
 */
export function formValues(body: unknown): Record<string, unknown> {
  return (body ?? {}) as Record<string, unknown>;
}

/**
 * A field of a form as typed, or '' when it is missing or not text.
 * @param values - the form's values
 * @param field - the field's name
 */
export function formText(values: Record<string, unknown>, field: string): string {
  const value = values[field];
  return typeof value === 'string' ? value : '';
}

/**
 * Records a refused attempt to change a user (the form was rejected): which fields, never what was typed.
 * @param deps - database, configuration and tenant
 * @param request - the request
 * @param attempt - the action tried, its subject (when known) and the problems
 */
export async function auditRejected(
  deps: AuthDeps,
  request: FastifyRequest,
  attempt: { action: AuditAction; subjectId: string | null; issues: readonly FieldIssue[] },
): Promise<void> {
  await auditRequest(deps.db, request, deps.tenant.id, {
    action: attempt.action,
    outcome: 'failure',
    subjectType: 'user',
    subjectId: attempt.subjectId,
    details: { fields: [...new Set(attempt.issues.map((i) => i.field))] },
  });
}

import { uuidParam } from '../../http/path-params.ts';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { ApiError, type FieldIssue } from '../../http/errors.ts';
import { formErrorView } from '../../http/forms.ts';
import { auditRequest } from '../../http/request-audit.ts';
import { findPractice } from '../accounts/practice.repository.ts';
import { requireAuth } from '../casework/case-access.ts';
import { todayOf } from '../people/staff-request.ts';
import type { NavigationDeps } from './navigation.deps.ts';
import {
  APPROVAL_FIELD_ORDER,
  approvalValuesFromBody,
  defaultApprovalValues,
  parseApproval,
  type ApprovalFormValues,
} from './protocol-approval.form.ts';
import { diffProtocols } from './protocol-diff.ts';
import { findProtocolVersion, findProtocolInForce } from './protocol.repository.ts';
import { APPROVAL_STATEMENT, protocolMessage as m, type ProtocolContentKey } from './protocol.content.ts';
import { changeGroups, contentView, PROTOCOL_BASE, versionRow } from './protocol.view-model.ts';
import { toProtocolVersion, type ProtocolVersion } from './protocol-versions.repository.ts';
import { approveDraft } from './protocol-versions.service.ts';

// One version: read-only when approved or retired; for a draft, its sections with links to edit them,
// what it changes from the version in force, and the clinical safety sign-off form.

const NOTICES: Record<string, ProtocolContentKey> = {
  created: 'pages.protocolVersion.notice.created',
  saved: 'pages.protocolVersion.notice.saved',
  existing: 'pages.protocolVersion.notice.existing',
  approved: 'pages.protocolVersion.notice.approved',
};

/**
 * The version named by the request's `:id`, or a 404.
 * @param deps - database and tenant
 * @param request - the request
 */
export async function loadVersion(deps: NavigationDeps, request: FastifyRequest): Promise<ProtocolVersion> {
  const id = uuidParam((request.params as { id?: unknown }).id);
  const row = await findProtocolVersion(deps.db, deps.tenant.id, id);
  if (row === undefined) {
    throw ApiError.notFound('Page not found');
  }
  return toProtocolVersion(row);
}

/**
 * The name of a version's scope.
 * @param deps - database and tenant
 * @param version - the version
 */
export async function scopeName(deps: NavigationDeps, version: ProtocolVersion): Promise<string> {
  if (version.practiceId === null) {
    return 'Every practice (PCN-wide)';
  }
  return (await findPractice(deps.db, deps.tenant.id, { id: version.practiceId }))?.name ?? 'A practice';
}

interface VersionPageState {
  issues?: readonly FieldIssue[];
  approval?: ApprovalFormValues;
  status?: number;
}

async function renderVersion(
  deps: NavigationDeps,
  request: FastifyRequest,
  reply: FastifyReply,
  version: ProtocolVersion,
  state: VersionPageState = {},
): Promise<FastifyReply> {
  const auth = requireAuth(request);
  const today = todayOf(deps);
  const isDraft = version.status === 'draft';
  const inForce = isDraft ? await findProtocolInForce(deps.db, deps.tenant.id, version.practiceId) : null;
  const done = (request.query as { done?: unknown } | undefined)?.done;
  const notice = typeof done === 'string' && done in NOTICES ? NOTICES[done] : undefined;
  reply.status(state.status ?? 200);
  return reply.view('navigation/views/protocol-version.njk', {
    ...formErrorView(state.issues ?? [], APPROVAL_FIELD_ORDER),
    version: versionRow(version, today),
    status: version.status,
    scopeName: await scopeName(deps, version),
    approvalStatementStored: version.approvalStatement,
    content: contentView(version.content),
    counts: {
      redFlags: version.content.redFlags.length,
      quickPicks: version.content.quickPicks.length,
      destinations: version.content.destinations.length,
    },
    inForce: inForce === null ? null : { version: inForce.version, practiceId: inForce.practiceId },
    changes: inForce === null ? [] : changeGroups(diffProtocols(inForce.content, version.content)),
    mayApprove: isDraft && auth.permissions.has('navigation:protocol-approve'),
    approval: state.approval ?? defaultApprovalValues(auth.user.displayName, today),
    statement: APPROVAL_STATEMENT,
    updatedAt: version.updatedAt.toISOString(),
    base: `${PROTOCOL_BASE}/${version.id}`,
    listHref: PROTOCOL_BASE,
    notice: notice === undefined ? null : m(notice),
    csrfToken: reply.csrfToken(),
  });
}

/**
 * GET /app/navigation/protocol/:id
 * @param deps - database, tenant and clock
 * @param request - the request
 * @param reply - the reply
 */
export async function versionGet(
  deps: NavigationDeps,
  request: FastifyRequest,
  reply: FastifyReply,
): Promise<FastifyReply> {
  return renderVersion(deps, request, reply, await loadVersion(deps, request));
}

/**
 * POST /app/navigation/protocol/:id/approve: the clinical safety sign-off of a draft.
 * @param deps - database, tenant and clock
 * @param request - the request
 * @param reply - the reply
 */
export async function approvePost(
  deps: NavigationDeps,
  request: FastifyRequest,
  reply: FastifyReply,
): Promise<FastifyReply> {
  const auth = requireAuth(request);
  const version = await loadVersion(deps, request);
  if (version.status !== 'draft') {
    throw ApiError.notFound('Page not found');
  }
  const body = (request.body ?? {}) as Record<string, unknown>;
  const approval = approvalValuesFromBody(body);
  const parsed = parseApproval(approval, todayOf(deps));
  if (!parsed.ok) {
    return renderVersion(deps, request, reply, version, { issues: parsed.issues, approval, status: 400 });
  }
  const result = await deps.db.transaction().execute(async (trx) => {
    const approved = await approveDraft(trx, deps.tenant.id, {
      id: version.id,
      input: parsed.value,
      statement: APPROVAL_STATEMENT,
      actorUserId: auth.user.id,
      shownUpdatedAt: typeof body.updatedAt === 'string' ? body.updatedAt : '',
    });
    if (approved.ok) {
      await auditRequest(trx, request, deps.tenant.id, {
        action: 'update',
        subjectType: 'navigation-protocol',
        subjectId: version.id,
        subjectLabel: 'Protocol approved (clinical sign-off)',
        details: {
          version: version.version,
          practiceId: version.practiceId,
          reviewDue: parsed.value.reviewDue,
          retired: approved.retired,
        },
      });
    }
    return approved;
  });
  if (!result.ok && result.error === 'NotFound') {
    // Approved, or discarded, by someone else meanwhile: the version page says which.
    return reply.redirect(`${PROTOCOL_BASE}/${version.id}`, 303);
  }
  if (!result.ok) {
    const issues = [
      { field: 'statement', message: m('pages.protocolApprove.statement.validationError.changed') },
    ];
    const now = await loadVersion(deps, request);
    return renderVersion(deps, request, reply, now, {
      issues,
      approval: { ...approval, statement: false },
      status: 409,
    });
  }
  return reply.redirect(`${PROTOCOL_BASE}/${version.id}?done=approved`, 303);
}

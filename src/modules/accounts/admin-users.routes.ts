import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { ApiError, type FieldIssue } from '../../http/errors.ts';
import { formErrorView, NO_FORM_ERRORS } from '../../http/forms.ts';
import { auditRequest } from '../../http/request-audit.ts';
import type { AuditAction } from '../audit/audit.model.ts';
import { adminContext, auditRejected, formText, formValues, foundOr404, pathId } from './admin-request.ts';
import { parseGiveRole, parseInvite, parseStatusChange, parseUserFilter } from './admin.schema.ts';
import {
  changeUserStatus,
  giveRole,
  inviteUser,
  removeRole,
  resendInvitation,
  resetTwoStep,
  type AdminResult,
} from './admin.service.ts';
import {
  assignmentLabel,
  noticeFor,
  organisationItems,
  roleItems,
  STATUS_TAGS,
  statusFilterItems,
  userListHeading,
  userListPagination,
  USERS_PER_PAGE,
} from './admin.view-model.ts';
import type { AuthDeps } from './auth-context.ts';
import { listOrganisations } from './organisation.repository.ts';
import { listAssignmentsOfUsers, searchUsers } from './user-admin.repository.ts';
import { findUserById, type User } from './user.repository.ts';

// The user administration pages. Handlers stay thin: parse the form, call admin.service.ts, render or
// redirect (303, with `?done=` naming the success message).

export const USER_PATHS = {
  users: '/app/admin/users',
  newUser: '/app/admin/users/new',
  user: '/app/admin/users/:id',
  roles: '/app/admin/users/:id/roles',
  removeRole: '/app/admin/users/:id/roles/:assignmentId/remove',
  status: '/app/admin/users/:id/status',
  resetTwoStep: '/app/admin/users/:id/reset-two-step',
  resendInvitation: '/app/admin/users/:id/resend-invitation',
} as const;

const TEMPLATES = {
  users: 'accounts/views/admin-users.njk',
  newUser: 'accounts/views/admin-user-new.njk',
  user: 'accounts/views/admin-user.njk',
};

const INVITE_FIELDS = ['email', 'displayName', 'organisationId', 'role'];
const USER_PAGE_FIELDS = ['roles', 'organisationId', 'role', 'status', 'invitation'];

const userHref = (id: string): string => `/app/admin/users/${id}`;

async function usersGet(deps: AuthDeps, request: FastifyRequest, reply: FastifyReply): Promise<FastifyReply> {
  const query = formValues(request.query);
  const parsed = parseUserFilter(query);
  if (!parsed.ok) {
    reply.status(400);
    return reply.view(TEMPLATES.users, {
      ...formErrorView(parsed.issues, ['q', 'status']),
      form: { q: formText(query, 'q') },
      statusItems: statusFilterItems(''),
      users: [],
    });
  }
  const filter = parsed.value;
  const { users, total } = await searchUsers(deps.db, deps.tenant.id, {
    text: filter.q,
    status: filter.status === '' ? null : filter.status,
    limit: USERS_PER_PAGE,
    offset: (filter.page - 1) * USERS_PER_PAGE,
  });
  const assignments = await listAssignmentsOfUsers(
    deps.db,
    deps.tenant.id,
    users.map((u) => u.id),
  );
  return reply.view(TEMPLATES.users, {
    ...NO_FORM_ERRORS,
    form: filter,
    statusItems: statusFilterItems(filter.status),
    heading: userListHeading(filter.page, users.length, total),
    pagination: userListPagination(filter, total),
    users: users.map((u) => ({
      ...u,
      href: userHref(u.id),
      status: STATUS_TAGS[u.status],
      roles: assignments.filter((a) => a.userId === u.id).map(assignmentLabel),
    })),
  });
}

async function renderInvite(
  deps: AuthDeps,
  reply: FastifyReply,
  body: Record<string, unknown>,
  issues: readonly FieldIssue[] = [],
): Promise<FastifyReply> {
  const organisations = await listOrganisations(deps.db, deps.tenant.id);
  return reply.view(TEMPLATES.newUser, {
    ...formErrorView(issues, INVITE_FIELDS),
    form: { email: formText(body, 'email'), displayName: formText(body, 'displayName') },
    organisationItems: organisationItems(organisations, formText(body, 'organisationId')),
    roleItems: roleItems(formText(body, 'role')),
    csrfToken: reply.csrfToken(),
  });
}

async function usersPost(
  deps: AuthDeps,
  request: FastifyRequest,
  reply: FastifyReply,
): Promise<FastifyReply> {
  const body = formValues(request.body);
  const parsed = parseInvite(body);
  const result = parsed.ok ? await inviteUser(adminContext(deps, request), parsed.value) : parsed;
  if (!result.ok) {
    await auditRejected(deps, request, { action: 'create', subjectId: null, issues: result.issues });
    reply.status(400);
    return renderInvite(deps, reply, body, result.issues);
  }
  return reply.redirect(`${userHref(result.value)}?done=invited`, 303);
}

async function loadUser(deps: AuthDeps, request: FastifyRequest): Promise<User> {
  const params = request.params as { id?: unknown };
  return foundOr404(await findUserById(deps.db, deps.tenant.id, pathId(params.id)));
}

interface UserPageState {
  issues?: readonly FieldIssue[];
  body?: Record<string, unknown>;
  notice?: string | null;
}

async function renderUser(
  deps: AuthDeps,
  request: FastifyRequest,
  reply: FastifyReply,
  user: User,
  state: UserPageState = {},
): Promise<FastifyReply> {
  const [assignments, organisations] = await Promise.all([
    listAssignmentsOfUsers(deps.db, deps.tenant.id, [user.id]),
    listOrganisations(deps.db, deps.tenant.id),
  ]);
  const body = state.body ?? {};
  return reply.view(TEMPLATES.user, {
    ...formErrorView(state.issues ?? [], USER_PAGE_FIELDS),
    notice: state.notice ?? null,
    user: {
      ...user,
      href: userHref(user.id),
      statusTag: STATUS_TAGS[user.status],
      signInMethod:
        user.oidcSubject === null ? 'Email and password' : 'Single sign-on, or email and password',
    },
    isSelf: request.auth?.user.id === user.id,
    assignments: assignments.map((a) => ({
      ...a,
      label: assignmentLabel(a),
      removeAction: `${userHref(user.id)}/roles/${a.id}/remove`,
    })),
    organisationItems: organisationItems(organisations, formText(body, 'organisationId')),
    roleItems: roleItems(formText(body, 'role')),
    csrfToken: reply.csrfToken(),
  });
}

async function userGet(deps: AuthDeps, request: FastifyRequest, reply: FastifyReply): Promise<FastifyReply> {
  const user = await loadUser(deps, request);
  await auditRequest(deps.db, request, deps.tenant.id, {
    action: 'read',
    subjectType: 'user',
    subjectId: user.id,
  });
  const query = (request.query ?? {}) as { done?: unknown };
  return renderUser(deps, request, reply, user, { notice: noticeFor(query.done) });
}

/**
 * Finishes a change on a user's page: back to the page with its success message, or the page again with
 * the problems (400), the refusal recorded in the audit trail.
 */
async function afterUserChange(
  deps: AuthDeps,
  request: FastifyRequest,
  reply: FastifyReply,
  change: { user: User; action: AuditAction; result: AdminResult<unknown>; done: string },
): Promise<FastifyReply> {
  const { user, result } = change;
  if (result.ok) {
    return reply.redirect(`${userHref(user.id)}?done=${change.done}`, 303);
  }
  await auditRejected(deps, request, { action: change.action, subjectId: user.id, issues: result.issues });
  reply.status(400);
  return renderUser(deps, request, reply, user, {
    issues: result.issues,
    body: formValues(request.body),
  });
}

/**
 * The user administration pages: list, invite, a user's page and its changes.
 * @param app - the Fastify instance
 * @param deps - database, configuration and tenant
 */
export function adminUserRoutes(app: FastifyInstance, deps: AuthDeps): void {
  app.get(USER_PATHS.users, async (request, reply) => usersGet(deps, request, reply));
  app.get(USER_PATHS.newUser, async (_request, reply) => renderInvite(deps, reply, {}));
  app.post(USER_PATHS.users, async (request, reply) => usersPost(deps, request, reply));
  app.get(USER_PATHS.user, async (request, reply) => userGet(deps, request, reply));

  app.post(USER_PATHS.roles, async (request, reply) => {
    const user = await loadUser(deps, request);
    const parsed = parseGiveRole(request.body);
    const result = parsed.ok ? await giveRole(adminContext(deps, request), user, parsed.value) : parsed;
    return afterUserChange(deps, request, reply, {
      user,
      action: 'permission-change',
      result,
      done: 'roleGiven',
    });
  });

  app.post(USER_PATHS.removeRole, async (request, reply) => {
    const user = await loadUser(deps, request);
    const assignmentId = pathId((request.params as { assignmentId?: unknown }).assignmentId);
    const result = await removeRole(adminContext(deps, request), user, assignmentId);
    if ('notFound' in result) {
      throw ApiError.notFound('Page not found');
    }
    return afterUserChange(deps, request, reply, {
      user,
      action: 'permission-change',
      result,
      done: 'roleRemoved',
    });
  });

  app.post(USER_PATHS.status, async (request, reply) => {
    const user = await loadUser(deps, request);
    const parsed = parseStatusChange(request.body);
    const result = parsed.ok
      ? await changeUserStatus(adminContext(deps, request), user, parsed.value.status)
      : parsed;
    const done = result.ok ? result.value : 'disabled';
    return afterUserChange(deps, request, reply, { user, action: 'update', result, done });
  });

  app.post(USER_PATHS.resetTwoStep, async (request, reply) => {
    const user = await loadUser(deps, request);
    await resetTwoStep(adminContext(deps, request), user);
    return reply.redirect(`${userHref(user.id)}?done=twoStepReset`, 303);
  });

  app.post(USER_PATHS.resendInvitation, async (request, reply) => {
    const user = await loadUser(deps, request);
    const result = await resendInvitation(adminContext(deps, request), user);
    return afterUserChange(deps, request, reply, {
      user,
      action: 'update',
      result,
      done: 'invitationResent',
    });
  });
}

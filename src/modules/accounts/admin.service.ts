import type { Kysely } from 'kysely';
import type { Database } from '../../db/database.ts';
import type { FieldIssue } from '../../http/errors.ts';
import type { FormResult } from '../../http/forms.ts';
import type { AuditEntry } from '../audit/audit.model.ts';
import { adminMessage as m } from './admin.content.ts';
import type { GiveRoleInput, InviteInput } from './admin.schema.ts';
import type { AuthDeps } from './auth-context.ts';
import { sendInvitation } from './invitation.service.ts';
import { findOrganisationById } from './organisation.repository.ts';
import { roleAllowedIn } from './organisation-tree.ts';
import { deleteUserSessions } from './session.repository.ts';
import { clearTotp } from './two-step.repository.ts';
import {
  deleteRoleAssignment,
  deleteUnusedTokens,
  insertRoleAssignment,
  listAssignmentsOfUsers,
  lockAdministratorRoles,
  setUserStatus,
} from './user-admin.repository.ts';
import { findUserByEmail, insertUser, type User } from './user.repository.ts';

// What a tenant administrator does to users: invite, give and remove roles, disable and enable accounts,
// reset two-step verification, resend invitations. Each change is one transaction that ends with its
// audit entries, so a change is never stored without its record (nor the record without the change).

/** Who is making the change, and how their audit entries are written (with the request's details). */
export interface AdminContext {
  deps: AuthDeps;
  actor: { userId: string; displayName: string };
  /** Records entries in the given transaction (or on their own), filling in the actor, route and address. */
  audit: (db: Kysely<Database>, entries: AuditEntry[]) => Promise<void>;
}

/** An administrator's change: done (with its result), or refused with the problems to show on the form. */
export type AdminResult<T> = FormResult<T>;

const issue = (field: string, message: string): { ok: false; issues: FieldIssue[] } => ({
  ok: false,
  issues: [{ field, message }],
});

/**
 * Whether a database error is a unique-constraint violation (two requests racing to create the same row).
 * @param error - what was thrown
 */
export function isUniqueViolation(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as { code?: unknown }).code === '23505';
}

async function checkRoleTarget(
  ctx: AdminContext,
  input: { organisationId: string; role: GiveRoleInput['role'] },
  fields: { organisation: string; message: string },
): Promise<FieldIssue[]> {
  const org = await findOrganisationById(ctx.deps.db, ctx.deps.tenant.id, input.organisationId);
  if (org?.active !== true) {
    return [{ field: fields.organisation, message: fields.message }];
  }
  if (!roleAllowedIn(input.role, org.kind)) {
    return [{ field: 'role', message: m('pages.adminInvite.role.validationError.wrongKind') }];
  }
  return [];
}

/**
 * Invites a new user: creates them (status 'invited'), gives them their first role and emails them a
 * link to choose a password, in one transaction.
 * @param ctx - the administrator and their audit writer
 * @param input - the validated invite form
 * @returns the new user's id, or the problems to show on the form
 */
export async function inviteUser(ctx: AdminContext, input: InviteInput): Promise<AdminResult<string>> {
  const { db, tenant } = ctx.deps;
  const problems = await checkRoleTarget(ctx, input, {
    organisation: 'organisationId',
    message: m('pages.adminInvite.organisationId.validationError.required'),
  });
  if (problems.length > 0) {
    return { ok: false, issues: problems };
  }
  const taken = issue('email', m('pages.adminInvite.email.validationError.taken'));
  if ((await findUserByEmail(db, tenant.id, input.email)) !== undefined) {
    return taken;
  }
  try {
    const userId = await db.transaction().execute(async (trx) => {
      const user = await insertUser(trx, tenant.id, {
        email: input.email,
        displayName: input.displayName,
        status: 'invited',
      });
      await insertRoleAssignment(trx, tenant.id, {
        userId: user.id,
        organisationId: input.organisationId,
        role: input.role,
        grantedBy: ctx.actor.userId,
      });
      await sendInvitation(trx, ctx.deps, user, ctx.actor.displayName);
      await ctx.audit(trx, [
        { action: 'create', subjectType: 'user', subjectId: user.id, details: { status: 'invited' } },
        permissionChange(user.id, { role: input.role, organisationId: input.organisationId }, 'granted'),
      ]);
      return user.id;
    });
    return { ok: true, value: userId };
  } catch (error) {
    if (isUniqueViolation(error)) {
      return taken;
    }
    throw error;
  }
}

function permissionChange(
  userId: string,
  assignment: { role: string; organisationId: string },
  change: 'granted' | 'removed',
): AuditEntry {
  return {
    action: 'permission-change',
    subjectType: 'user',
    subjectId: userId,
    details: { role: assignment.role, organisationId: assignment.organisationId, change },
  };
}

/**
 * Gives a user a role in an organisation. Their sessions carry on; the new role can be chosen at once.
 * @param ctx - the administrator and their audit writer
 * @param user - the user
 * @param input - the validated "Give a role" form
 */
export async function giveRole(
  ctx: AdminContext,
  user: User,
  input: GiveRoleInput,
): Promise<AdminResult<null>> {
  const problems = await checkRoleTarget(ctx, input, {
    organisation: 'organisationId',
    message: m('pages.adminUser.organisationId.validationError.required'),
  });
  if (problems.length > 0) {
    return { ok: false, issues: problems };
  }
  const given = await ctx.deps.db.transaction().execute(async (trx) => {
    const id = await insertRoleAssignment(trx, ctx.deps.tenant.id, {
      userId: user.id,
      organisationId: input.organisationId,
      role: input.role,
      grantedBy: ctx.actor.userId,
    });
    if (id !== null) {
      await ctx.audit(trx, [permissionChange(user.id, input, 'granted')]);
    }
    return id !== null;
  });
  return given
    ? { ok: true, value: null }
    : issue('role', m('pages.adminUser.role.validationError.duplicate'));
}

export type RemoveRoleResult = AdminResult<null> | { ok: false; notFound: true };

/**
 * Removes one of a user's roles. Sessions acting in it stay signed in but must choose a role again. The
 * tenant's last usable administrator role cannot be removed.
 * @param ctx - the administrator and their audit writer
 * @param user - the user
 * @param assignmentId - the role assignment (must be this user's)
 */
export async function removeRole(
  ctx: AdminContext,
  user: User,
  assignmentId: string,
): Promise<RemoveRoleResult> {
  const { db, tenant } = ctx.deps;
  const assignments = await listAssignmentsOfUsers(db, tenant.id, [user.id]);
  const assignment = assignments.find((a) => a.id === assignmentId);
  if (assignment === undefined) {
    return { ok: false, notFound: true };
  }
  return db.transaction().execute(async (trx): Promise<RemoveRoleResult> => {
    if (assignment.role === 'tenant_admin') {
      const admins = await lockAdministratorRoles(trx, tenant.id);
      if (admins.some((a) => a.id === assignmentId) && admins.every((a) => a.id === assignmentId)) {
        return issue('roles', m('pages.adminUser.remove.validationError.lastAdministrator'));
      }
    }
    await deleteRoleAssignment(trx, tenant.id, assignmentId);
    await ctx.audit(trx, [permissionChange(user.id, assignment, 'removed')]);
    return { ok: true, value: null };
  });
}

/**
 * Disables an account (ending all its sessions and any unused reset or invitation links) or enables it
 * again (back to 'invited' when the person never chose a password nor signed in with single sign-on).
 * @param ctx - the administrator and their audit writer
 * @param user - the user
 * @param wanted - 'disabled' or 'active'
 */
export async function changeUserStatus(
  ctx: AdminContext,
  user: User,
  wanted: 'active' | 'disabled',
): Promise<AdminResult<'disabled' | 'enabled'>> {
  const { db, tenant } = ctx.deps;
  if (wanted === 'disabled' && user.id === ctx.actor.userId) {
    return issue('status', m('pages.adminUser.status.validationError.self'));
  }
  const next =
    wanted === 'disabled'
      ? 'disabled'
      : user.passwordHash === null && user.oidcSubject === null
        ? 'invited'
        : 'active';
  await db.transaction().execute(async (trx) => {
    await setUserStatus(trx, tenant.id, user.id, next);
    const sessionsEnded = next === 'disabled' ? await deleteUserSessions(trx, tenant.id, user.id) : 0;
    const linksCancelled = next === 'disabled' ? await deleteUnusedTokens(trx, tenant.id, user.id) : 0;
    await ctx.audit(trx, [
      {
        action: 'update',
        subjectType: 'user',
        subjectId: user.id,
        details: { field: 'status', from: user.status, to: next, sessionsEnded, linksCancelled },
      },
    ]);
  });
  return { ok: true, value: next === 'disabled' ? 'disabled' : 'enabled' };
}

/**
 * Removes a user's two-step verification, for someone who has lost their phone.
 * @param ctx - the administrator and their audit writer
 * @param user - the user
 */
export async function resetTwoStep(ctx: AdminContext, user: User): Promise<void> {
  await ctx.deps.db.transaction().execute(async (trx) => {
    await clearTotp(trx, ctx.deps.tenant.id, user.id);
    await ctx.audit(trx, [
      {
        action: 'update',
        subjectType: 'user',
        subjectId: user.id,
        details: { field: 'two-step', change: 'reset' },
      },
    ]);
  });
}

/**
 * Sends an invited user a new invitation; the links of earlier ones stop working.
 * @param ctx - the administrator and their audit writer
 * @param user - the user (must still be 'invited')
 */
export async function resendInvitation(ctx: AdminContext, user: User): Promise<AdminResult<null>> {
  if (user.status !== 'invited') {
    return issue('invitation', m('pages.adminUser.invitation.validationError.notInvited'));
  }
  await ctx.deps.db.transaction().execute(async (trx) => {
    const linksCancelled = await deleteUnusedTokens(trx, ctx.deps.tenant.id, user.id, 'invitation');
    await sendInvitation(trx, ctx.deps, user, ctx.actor.displayName);
    await ctx.audit(trx, [
      {
        action: 'update',
        subjectType: 'user',
        subjectId: user.id,
        details: { field: 'invitation', change: 'resent', linksCancelled },
      },
    ]);
  });
  return { ok: true, value: null };
}

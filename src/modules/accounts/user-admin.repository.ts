import { sql, type Kysely, type Transaction } from 'kysely';
import type { Database } from '../../db/database.ts';
import type { OrganisationKind, UserStatus } from './accounts.tables.ts';
import type { Role } from './roles.ts';

// The administration pages' queries over users and role assignments. Every query names the tenant.

type Db = Kysely<Database> | Transaction<Database>;

export interface UserListItem {
  id: string;
  email: string;
  displayName: string;
  status: UserStatus;
}

export interface UserSearch {
  /** Part of a name or email address (any case); empty for all. */
  text: string;
  status: UserStatus | null;
  limit: number;
  offset: number;
}

function likePattern(text: string): string {
  return `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/**
 * A page of the tenant's users, by name, with how many match in all.
 * @param db - the database
 * @param tenantId - the tenant
 * @param search - the filter and the page
 */
export async function searchUsers(
  db: Db,
  tenantId: string,
  search: UserSearch,
): Promise<{ users: UserListItem[]; total: number }> {
  let query = db.selectFrom('app_user').where('tenant_id', '=', tenantId);
  if (search.text !== '') {
    const pattern = likePattern(search.text);
    query = query.where((eb) => eb.or([eb('display_name', 'ilike', pattern), eb('email', 'ilike', pattern)]));
  }
  if (search.status !== null) {
    query = query.where('status', '=', search.status);
  }
  const [rows, count] = await Promise.all([
    query
      .select(['id', 'email', 'display_name', 'status'])
      .orderBy(sql`lower(display_name)`)
      .orderBy('id')
      .limit(search.limit)
      .offset(search.offset)
      .execute(),
    query.select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return {
    users: rows.map((r) => ({ id: r.id, email: r.email, displayName: r.display_name, status: r.status })),
    total: Number(count.n),
  };
}

export interface AdminAssignment {
  id: string;
  userId: string;
  role: Role;
  organisationId: string;
  organisationName: string;
  organisationKind: OrganisationKind;
  organisationActive: boolean;
}

/**
 * Every role assignment of these users, in inactive organisations too (an administrator must see and be
 * able to remove them), by organisation name then role.
 * @param db - the database or a transaction
 * @param tenantId - the tenant
 * @param userIds - the users
 */
export async function listAssignmentsOfUsers(
  db: Db,
  tenantId: string,
  userIds: readonly string[],
): Promise<AdminAssignment[]> {
  if (userIds.length === 0) {
    return [];
  }
  const rows = await db
    .selectFrom('role_assignment as ra')
    .innerJoin('organisation as o', (j) =>
      j.onRef('o.tenant_id', '=', 'ra.tenant_id').onRef('o.id', '=', 'ra.organisation_id'),
    )
    .select(['ra.id', 'ra.user_id', 'ra.role', 'o.id as organisation_id', 'o.name', 'o.kind', 'o.active'])
    .where('ra.tenant_id', '=', tenantId)
    .where('ra.user_id', 'in', userIds)
    .orderBy('o.name')
    .orderBy('ra.role')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    userId: r.user_id,
    role: r.role,
    organisationId: r.organisation_id,
    organisationName: r.name,
    organisationKind: r.kind,
    organisationActive: r.active,
  }));
}

/**
 * Gives a user a role in an organisation, unless they already have it.
 * @param db - the database or a transaction
 * @param tenantId - the tenant
 * @param assignment - the user, organisation, role and the administrator giving it (none when seeding)
 * @returns the new assignment's id, or null when they already had the role there
 */
export async function insertRoleAssignment(
  db: Db,
  tenantId: string,
  assignment: { userId: string; organisationId: string; role: Role; grantedBy?: string | null },
): Promise<string | null> {
  const row = await db
    .insertInto('role_assignment')
    .values({
      tenant_id: tenantId,
      user_id: assignment.userId,
      organisation_id: assignment.organisationId,
      role: assignment.role,
      created_by: assignment.grantedBy ?? null,
    })
    .onConflict((oc) => oc.columns(['tenant_id', 'user_id', 'organisation_id', 'role']).doNothing())
    .returning('id')
    .executeTakeFirst();
  return row?.id ?? null;
}

/**
 * Removes a role assignment. Sessions acting in it lose their role (the foreign key sets it to null) and
 * are sent to choose a role again; they stay signed in.
 * @param db - the database or a transaction
 * @param tenantId - the tenant
 * @param assignmentId - the assignment
 */
export async function deleteRoleAssignment(db: Db, tenantId: string, assignmentId: string): Promise<void> {
  await db
    .deleteFrom('role_assignment')
    .where('tenant_id', '=', tenantId)
    .where('id', '=', assignmentId)
    .execute();
}

export interface AdministratorRole {
  id: string;
  userId: string;
  organisationId: string;
}

/**
 * The tenant's usable administrator roles (held by active users in active organisations), locked until
 * the transaction ends, so two administrators removing each other at once cannot both succeed.
 * @param trx - the transaction
 * @param tenantId - the tenant
 */
export async function lockAdministratorRoles(
  trx: Transaction<Database>,
  tenantId: string,
): Promise<AdministratorRole[]> {
  const rows = await trx
    .selectFrom('role_assignment as ra')
    .innerJoin('app_user as u', (j) =>
      j.onRef('u.tenant_id', '=', 'ra.tenant_id').onRef('u.id', '=', 'ra.user_id'),
    )
    .innerJoin('organisation as o', (j) =>
      j.onRef('o.tenant_id', '=', 'ra.tenant_id').onRef('o.id', '=', 'ra.organisation_id'),
    )
    .select(['ra.id', 'ra.user_id', 'ra.organisation_id'])
    .where('ra.tenant_id', '=', tenantId)
    .where('ra.role', '=', 'tenant_admin')
    .where('u.status', '=', 'active')
    .where('o.active', '=', true)
    .forUpdate('ra')
    .execute();
  return rows.map((r) => ({ id: r.id, userId: r.user_id, organisationId: r.organisation_id }));
}

/**
 * Sets a user's status.
 * @param db - the database or a transaction
 * @param tenantId - the tenant
 * @param userId - the user
 * @param status - the new status
 */
export async function setUserStatus(
  db: Db,
  tenantId: string,
  userId: string,
  status: UserStatus,
): Promise<void> {
  await db
    .updateTable('app_user')
    .set({ status, updated_at: sql`now()` })
    .where('tenant_id', '=', tenantId)
    .where('id', '=', userId)
    .execute();
}

/**
 * Cancels a user's unused single-use links (password reset, invitation), so an old email cannot be used.
 * @param db - the database or a transaction
 * @param tenantId - the tenant
 * @param userId - the user
 * @param purpose - only links of this purpose; all when omitted
 * @returns how many were cancelled
 */
export async function deleteUnusedTokens(
  db: Db,
  tenantId: string,
  userId: string,
  purpose?: 'password-reset' | 'invitation',
): Promise<number> {
  let query = db
    .deleteFrom('auth_token')
    .where('tenant_id', '=', tenantId)
    .where('user_id', '=', userId)
    .where('used_at', 'is', null);
  if (purpose !== undefined) {
    query = query.where('purpose', '=', purpose);
  }
  const result = await query.executeTakeFirst();
  return Number(result.numDeletedRows);
}

import { sql, type Kysely, type Selectable, type Transaction } from 'kysely';
import type { Database } from '../../db/database.ts';
import type { AppUserTable, OrganisationKind, UserStatus } from './accounts.tables.ts';
import type { Role } from './roles.ts';

type Db = Kysely<Database> | Transaction<Database>;

export interface User {
  id: string;
  email: string;
  displayName: string;
  status: UserStatus;
  passwordHash: string | null;
  totpSecret: string | null;
  totpEnabled: boolean;
  totpLastStep: number | null;
  failedSignins: number;
  lockedUntil: Date | null;
  oidcIssuer: string | null;
  oidcSubject: string | null;
  lastSignedInAt: Date | null;
  createdAt: Date;
}

export interface RoleAssignmentView {
  id: string;
  role: Role;
  organisationId: string;
  organisationName: string;
  organisationKind: OrganisationKind;
}

const USER_COLUMNS = [
  'id',
  'email',
  'display_name',
  'status',
  'password_hash',
  'totp_secret',
  'totp_enabled_at',
  'totp_last_step',
  'failed_signins',
  'locked_until',
  'oidc_issuer',
  'oidc_subject',
  'last_signed_in_at',
  'created_at',
] as const;

type UserRow = Pick<Selectable<AppUserTable>, (typeof USER_COLUMNS)[number]>;

function toUser(r: UserRow): User {
  return {
    id: r.id,
    email: r.email,
    displayName: r.display_name,
    status: r.status,
    passwordHash: r.password_hash,
    totpSecret: r.totp_secret,
    totpEnabled: r.totp_enabled_at !== null,
    totpLastStep: r.totp_last_step === null ? null : Number(r.totp_last_step),
    failedSignins: r.failed_signins,
    lockedUntil: r.locked_until,
    oidcIssuer: r.oidc_issuer,
    oidcSubject: r.oidc_subject,
    lastSignedInAt: r.last_signed_in_at,
    createdAt: r.created_at,
  };
}

/**
 * Email addresses are compared without case and surrounding space.
 * @param email - an email address as typed
 */
export function normaliseEmail(email: string): string {
  return email.trim().toLowerCase();
}

/**
 * A user by email address.
 * @param db - the database or a transaction
 * @param tenantId - the tenant
 * @param email - the address (any case)
 */
export async function findUserByEmail(db: Db, tenantId: string, email: string): Promise<User | undefined> {
  const row = await db
    .selectFrom('app_user')
    .select(USER_COLUMNS)
    .where('tenant_id', '=', tenantId)
    .where('email', '=', normaliseEmail(email))
    .executeTakeFirst();
  return row === undefined ? undefined : toUser(row);
}

/**
 * A user by id.
 * @param db - the database or a transaction
 * @param tenantId - the tenant
 * @param id - the user's id
 */
export async function findUserById(db: Db, tenantId: string, id: string): Promise<User | undefined> {
  const row = await db
    .selectFrom('app_user')
    .select(USER_COLUMNS)
    .where('tenant_id', '=', tenantId)
    .where('id', '=', id)
    .executeTakeFirst();
  return row === undefined ? undefined : toUser(row);
}

/**
 * A user by their identity at an OpenID Connect provider.
 * @param db - the database or a transaction
 * @param tenantId - the tenant
 * @param issuer - the provider's issuer URL
 * @param subject - the `sub` claim
 */
export async function findUserByOidcSubject(
  db: Db,
  tenantId: string,
  issuer: string,
  subject: string,
): Promise<User | undefined> {
  const row = await db
    .selectFrom('app_user')
    .select(USER_COLUMNS)
    .where('tenant_id', '=', tenantId)
    .where('oidc_issuer', '=', issuer)
    .where('oidc_subject', '=', subject)
    .executeTakeFirst();
  return row === undefined ? undefined : toUser(row);
}

export interface NewUser {
  email: string;
  displayName: string;
  status: UserStatus;
  passwordHash?: string | null;
}

/**
 * Creates a user.
 * @param db - the database or a transaction
 * @param tenantId - the tenant
 * @param user - email, name, status and (optionally) a password hash
 */
export async function insertUser(db: Db, tenantId: string, user: NewUser): Promise<User> {
  const row = await db
    .insertInto('app_user')
    .values({
      tenant_id: tenantId,
      email: normaliseEmail(user.email),
      display_name: user.displayName.trim(),
      status: user.status,
      password_hash: user.passwordHash ?? null,
      password_changed_at: user.passwordHash === undefined || user.passwordHash === null ? null : new Date(),
      totp_secret: null,
      totp_enabled_at: null,
      totp_last_step: null,
      locked_until: null,
      oidc_issuer: null,
      oidc_subject: null,
      last_signed_in_at: null,
    })
    .returning(USER_COLUMNS)
    .executeTakeFirstOrThrow();
  return toUser(row);
}

/**
 * Counts a failed sign-in; locks the account for a while once the failures reach the limit.
 * @param db - the database
 * @param tenantId - the tenant
 * @param userId - the user
 * @param policy - how many failures lock the account, and for how long
 */
export async function recordFailedSignin(
  db: Db,
  tenantId: string,
  userId: string,
  policy: { maxFailures: number; lockoutMinutes: number },
): Promise<void> {
  await db
    .updateTable('app_user')
    .set({
      failed_signins: sql`failed_signins + 1`,
      locked_until: sql`CASE WHEN failed_signins + 1 >= ${policy.maxFailures}
        THEN now() + make_interval(mins => ${policy.lockoutMinutes}) ELSE locked_until END`,
      updated_at: sql`now()`,
    })
    .where('tenant_id', '=', tenantId)
    .where('id', '=', userId)
    .execute();
}

/**
 * Clears the failure count after a successful sign-in and records its time.
 * @param db - the database
 * @param tenantId - the tenant
 * @param userId - the user
 */
export async function recordSuccessfulSignin(db: Db, tenantId: string, userId: string): Promise<void> {
  await db
    .updateTable('app_user')
    .set({ failed_signins: 0, locked_until: null, last_signed_in_at: sql`now()`, updated_at: sql`now()` })
    .where('tenant_id', '=', tenantId)
    .where('id', '=', userId)
    .execute();
}

/**
 * Sets a new password hash (and makes an invited user active).
 * @param db - the database or a transaction
 * @param tenantId - the tenant
 * @param userId - the user
 * @param passwordHash - the Argon2id hash
 */
export async function setPasswordHash(
  db: Db,
  tenantId: string,
  userId: string,
  passwordHash: string,
): Promise<void> {
  await db
    .updateTable('app_user')
    .set({
      password_hash: passwordHash,
      password_changed_at: sql`now()`,
      failed_signins: 0,
      locked_until: null,
      status: sql`CASE WHEN status = 'invited' THEN 'active' ELSE status END`,
      updated_at: sql`now()`,
    })
    .where('tenant_id', '=', tenantId)
    .where('id', '=', userId)
    .execute();
}

/**
 * The user's role assignments with their organisations, by organisation name then role.
 * @param db - the database or a transaction
 * @param tenantId - the tenant
 * @param userId - the user
 */
export async function listRoleAssignments(
  db: Db,
  tenantId: string,
  userId: string,
): Promise<RoleAssignmentView[]> {
  const rows = await db
    .selectFrom('role_assignment as ra')
    .innerJoin('organisation as o', (j) =>
      j.onRef('o.tenant_id', '=', 'ra.tenant_id').onRef('o.id', '=', 'ra.organisation_id'),
    )
    .select(['ra.id', 'ra.role', 'o.id as organisation_id', 'o.name', 'o.kind'])
    .where('ra.tenant_id', '=', tenantId)
    .where('ra.user_id', '=', userId)
    .where('o.active', '=', true)
    .orderBy('o.name')
    .orderBy('ra.role')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    role: r.role,
    organisationId: r.organisation_id,
    organisationName: r.name,
    organisationKind: r.kind,
  }));
}

/**
 * Every user's id and name, by name: for pickers such as the audit search's "who" list.
 * @param db - the database
 * @param tenantId - the tenant
 */
export async function listUserNames(
  db: Db,
  tenantId: string,
): Promise<{ id: string; displayName: string; email: string }[]> {
  const rows = await db
    .selectFrom('app_user')
    .select(['id', 'display_name', 'email'])
    .where('tenant_id', '=', tenantId)
    .orderBy('display_name')
    .execute();
  return rows.map((r) => ({ id: r.id, displayName: r.display_name, email: r.email }));
}

import { sql, type Kysely, type Transaction } from 'kysely';
import type { Database } from '../../db/database.ts';
import type { UserSessionTable } from './accounts.tables.ts';

type Db = Kysely<Database> | Transaction<Database>;

export interface SessionRow {
  tokenHash: string;
  userId: string;
  stage: UserSessionTable['stage'];
  roleAssignmentId: string | null;
  authMethod: UserSessionTable['auth_method'];
  createdAt: Date;
  lastSeenAt: Date;
  expiresAt: Date;
}

export interface NewSession {
  tokenHash: string;
  userId: string;
  stage: UserSessionTable['stage'];
  authMethod: UserSessionTable['auth_method'];
  absoluteHours: number;
  sourceIp: string | null;
  userAgent: string | null;
}

/**
 * Stores a new session (by the hash of its token).
 * @param db - the database or a transaction
 * @param tenantId - the tenant
 * @param session - the session
 */
export async function insertSession(db: Db, tenantId: string, session: NewSession): Promise<void> {
  await db
    .insertInto('user_session')
    .values({
      tenant_id: tenantId,
      token_hash: session.tokenHash,
      user_id: session.userId,
      stage: session.stage,
      role_assignment_id: null,
      auth_method: session.authMethod,
      expires_at: sql<Date>`now() + make_interval(hours => ${session.absoluteHours})`,
      source_ip: session.sourceIp,
      user_agent: session.userAgent?.slice(0, 300) ?? null,
    })
    .execute();
}

/**
 * The live session with this token hash: not past its absolute expiry, and used within the idle limit.
 * A session found dead is deleted.
 * @param db - the database
 * @param tenantId - the tenant
 * @param tokenHash - the hash of the cookie's token
 * @param idleMinutes - the idle time-out
 */
export async function findLiveSession(
  db: Db,
  tenantId: string,
  tokenHash: string,
  idleMinutes: number,
): Promise<SessionRow | undefined> {
  const row = await db
    .selectFrom('user_session')
    .select([
      'token_hash',
      'user_id',
      'stage',
      'role_assignment_id',
      'auth_method',
      'created_at',
      'last_seen_at',
      'expires_at',
      sql<boolean>`expires_at > now() AND last_seen_at > now() - make_interval(mins => ${idleMinutes})`.as(
        'live',
      ),
    ])
    .where('tenant_id', '=', tenantId)
    .where('token_hash', '=', tokenHash)
    .executeTakeFirst();
  if (row === undefined) {
    return undefined;
  }
  if (!row.live) {
    await deleteSession(db, tenantId, tokenHash);
    return undefined;
  }
  return {
    tokenHash: row.token_hash,
    userId: row.user_id,
    stage: row.stage,
    roleAssignmentId: row.role_assignment_id,
    authMethod: row.auth_method,
    createdAt: row.created_at,
    lastSeenAt: row.last_seen_at,
    expiresAt: new Date(row.expires_at),
  };
}

/**
 * Records that the session was used now (at most once a minute, to spare writes).
 * @param db - the database
 * @param tenantId - the tenant
 * @param tokenHash - the session
 */
export async function touchSession(db: Db, tenantId: string, tokenHash: string): Promise<void> {
  await db
    .updateTable('user_session')
    .set({ last_seen_at: sql`now()` })
    .where('tenant_id', '=', tenantId)
    .where('token_hash', '=', tokenHash)
    .where('last_seen_at', '<', sql<Date>`now() - interval '1 minute'`)
    .execute();
}

/**
 * Changes a session's stage or acting role.
 * @param db - the database or a transaction
 * @param tenantId - the tenant
 * @param tokenHash - the session
 * @param changes - the new stage and/or role assignment
 */
export async function updateSession(
  db: Db,
  tenantId: string,
  tokenHash: string,
  changes: { stage?: UserSessionTable['stage']; roleAssignmentId?: string | null },
): Promise<void> {
  await db
    .updateTable('user_session')
    .set({
      ...(changes.stage === undefined ? {} : { stage: changes.stage }),
      ...(changes.roleAssignmentId === undefined ? {} : { role_assignment_id: changes.roleAssignmentId }),
      last_seen_at: sql`now()`,
    })
    .where('tenant_id', '=', tenantId)
    .where('token_hash', '=', tokenHash)
    .execute();
}

/**
 * Ends one session.
 * @param db - the database or a transaction
 * @param tenantId - the tenant
 * @param tokenHash - the session
 */
export async function deleteSession(db: Db, tenantId: string, tokenHash: string): Promise<void> {
  await db
    .deleteFrom('user_session')
    .where('tenant_id', '=', tenantId)
    .where('token_hash', '=', tokenHash)
    .execute();
}

/**
 * Ends every session of a user ("sign out everywhere", password reset, account disabled).
 * @param db - the database or a transaction
 * @param tenantId - the tenant
 * @param userId - the user
 * @returns how many sessions ended
 */
export async function deleteUserSessions(db: Db, tenantId: string, userId: string): Promise<number> {
  const result = await db
    .deleteFrom('user_session')
    .where('tenant_id', '=', tenantId)
    .where('user_id', '=', userId)
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}

/**
 * Ends every session of a user except one (after a password change, the session that changed it stays).
 * @param db - the database or a transaction
 * @param tenantId - the tenant
 * @param userId - the user
 * @param keepTokenHash - the session to keep
 * @returns how many sessions ended
 */
export async function deleteOtherUserSessions(
  db: Db,
  tenantId: string,
  userId: string,
  keepTokenHash: string,
): Promise<number> {
  const result = await db
    .deleteFrom('user_session')
    .where('tenant_id', '=', tenantId)
    .where('user_id', '=', userId)
    .where('token_hash', '<>', keepTokenHash)
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}

import { sql, type Kysely, type Transaction } from 'kysely';
import type { Database } from '../../db/database.ts';
import type { AuthTokenTable } from './accounts.tables.ts';

// Single-use links (password reset, invitation): only the SHA-256 of each token is stored.

type Db = Kysely<Database> | Transaction<Database>;
export type AuthTokenPurpose = AuthTokenTable['purpose'];

/**
 * Stores a new single-use token, and ends the user's earlier unused tokens for the same purpose: only the
 * newest link sent works.
 * @param db - the caller's transaction (or the database)
 * @param tenantId - the tenant
 * @param token - its hash, the user, the purpose and how long it lives
 */
export async function insertAuthToken(
  db: Db,
  tenantId: string,
  token: { tokenHash: string; userId: string; purpose: AuthTokenPurpose; lifetimeMinutes: number },
): Promise<void> {
  await db
    .updateTable('auth_token')
    .set({ expires_at: sql<Date>`now()` })
    .where('tenant_id', '=', tenantId)
    .where('user_id', '=', token.userId)
    .where('purpose', '=', token.purpose)
    .where('used_at', 'is', null)
    .where('expires_at', '>', sql<Date>`now()`)
    .execute();
  await db
    .insertInto('auth_token')
    .values({
      tenant_id: tenantId,
      token_hash: token.tokenHash,
      user_id: token.userId,
      purpose: token.purpose,
      expires_at: sql<Date>`now() + make_interval(mins => ${token.lifetimeMinutes})`,
      used_at: null,
    })
    .execute();
}

/**
 * The user a live token (unused, not expired) belongs to.
 * @param db - the database or a transaction
 * @param tenantId - the tenant
 * @param tokenHash - the hash of the token in the link
 * @param purpose - what the token is for
 * @returns the user's id; `{ state: 'unknown' }` for no such token, `'spent'` when used or expired
 */
export async function findAuthToken(
  db: Db,
  tenantId: string,
  tokenHash: string,
  purpose: AuthTokenPurpose,
): Promise<{ state: 'live'; userId: string } | { state: 'unknown' | 'spent' }> {
  const row = await db
    .selectFrom('auth_token')
    .select(['user_id', sql<boolean>`used_at IS NULL AND expires_at > now()`.as('live')])
    .where('tenant_id', '=', tenantId)
    .where('token_hash', '=', tokenHash)
    .where('purpose', '=', purpose)
    .executeTakeFirst();
  if (row === undefined) {
    return { state: 'unknown' };
  }
  return row.live ? { state: 'live', userId: row.user_id } : { state: 'spent' };
}

/**
 * Marks a live token used, atomically: of two requests racing with the same link, one wins.
 * @param trx - the transaction of the change the token allows
 * @param tenantId - the tenant
 * @param tokenHash - the hash of the token in the link
 * @param purpose - what the token is for
 * @returns the user's id, or undefined when the token was unknown, used or expired
 */
export async function claimAuthToken(
  trx: Transaction<Database>,
  tenantId: string,
  tokenHash: string,
  purpose: AuthTokenPurpose,
): Promise<string | undefined> {
  const row = await trx
    .updateTable('auth_token')
    .set({ used_at: sql<Date>`now()` })
    .where('tenant_id', '=', tenantId)
    .where('token_hash', '=', tokenHash)
    .where('purpose', '=', purpose)
    .where('used_at', 'is', null)
    .where('expires_at', '>', sql<Date>`now()`)
    .returning('user_id')
    .executeTakeFirst();
  return row?.user_id;
}

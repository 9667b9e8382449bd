import { sql, type Kysely, type Transaction } from 'kysely';
import type { Database } from '../../db/database.ts';

// The two-step verification columns of app_user: totp_secret (stored sealed, see totp-secret-box.ts),
// totp_enabled_at (null while set-up is pending) and totp_last_step (the last time step used).

type Db = Kysely<Database> | Transaction<Database>;

/**
 * Stores a new secret pending confirmation (two-step verification stays off until a code is confirmed).
 * Never replaces the secret of an account where two-step verification is on.
 * @param db - the database or a transaction
 * @param tenantId - the tenant
 * @param userId - the user
 * @param storedSecret - the sealed secret
 * @returns whether it was stored
 */
export async function setPendingTotpSecret(
  db: Db,
  tenantId: string,
  userId: string,
  storedSecret: string,
): Promise<boolean> {
  const result = await db
    .updateTable('app_user')
    .set({ totp_secret: storedSecret, totp_enabled_at: null, totp_last_step: null, updated_at: sql`now()` })
    .where('tenant_id', '=', tenantId)
    .where('id', '=', userId)
    .where('totp_enabled_at', 'is', null)
    .executeTakeFirst();
  return result.numUpdatedRows > 0n;
}

/**
 * Turns two-step verification on with the pending secret, recording the step of the code that confirmed it.
 * @param trx - the transaction
 * @param tenantId - the tenant
 * @param userId - the user
 * @param step - the time step of the confirming code (so it cannot be used again to sign in)
 * @returns whether it was turned on (false when it already was, or no secret is pending)
 */
export async function enableTotp(
  trx: Transaction<Database>,
  tenantId: string,
  userId: string,
  step: number,
): Promise<boolean> {
  const result = await trx
    .updateTable('app_user')
    .set({ totp_enabled_at: sql`now()`, totp_last_step: step, updated_at: sql`now()` })
    .where('tenant_id', '=', tenantId)
    .where('id', '=', userId)
    .where('totp_enabled_at', 'is', null)
    .where('totp_secret', 'is not', null)
    .executeTakeFirst();
  return result.numUpdatedRows > 0n;
}

/**
 * Turns two-step verification off and forgets the secret (the user turning it off, or an administrator
 * resetting it for someone who has lost their phone: they sign in with their password alone until they
 * set it up again).
 * @param db - the database or a transaction
 * @param tenantId - the tenant
 * @param userId - the user
 */
export async function clearTotp(db: Db, tenantId: string, userId: string): Promise<void> {
  await db
    .updateTable('app_user')
    .set({ totp_secret: null, totp_enabled_at: null, totp_last_step: null, updated_at: sql`now()` })
    .where('tenant_id', '=', tenantId)
    .where('id', '=', userId)
    .execute();
}

/**
 * Records the time step of a code just used to sign in, only if it is later than the last one: of two
 * requests racing with the same code, one wins.
 * @param db - the database or a transaction
 * @param tenantId - the tenant
 * @param userId - the user
 * @param step - the code's time step
 * @returns whether this request used the step first
 */
export async function useTotpStep(db: Db, tenantId: string, userId: string, step: number): Promise<boolean> {
  const result = await db
    .updateTable('app_user')
    .set({ totp_last_step: step, updated_at: sql`now()` })
    .where('tenant_id', '=', tenantId)
    .where('id', '=', userId)
    .where((eb) => eb.or([eb('totp_last_step', 'is', null), eb('totp_last_step', '<', String(step))]))
    .executeTakeFirst();
  return result.numUpdatedRows > 0n;
}

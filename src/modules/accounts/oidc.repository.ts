import { sql, type Kysely, type Transaction } from 'kysely';
import type { Database } from '../../db/database.ts';

type Db = Kysely<Database> | Transaction<Database>;

/**
 * Links a user to their identity at an OpenID Connect provider, and makes an invited user active (signing
 * in through the provider accepts the invitation).
 * @param db - the database or a transaction
 * @param tenantId - the tenant
 * @param userId - the user
 * @param identity - the provider's issuer and the `sub` claim
 */
export async function linkOidcIdentity(
  db: Db,
  tenantId: string,
  userId: string,
  identity: { issuer: string; subject: string },
): Promise<void> {
  await db
    .updateTable('app_user')
    .set({
      oidc_issuer: identity.issuer,
      oidc_subject: identity.subject,
      status: sql`CASE WHEN status = 'invited' THEN 'active' ELSE status END`,
      updated_at: sql`now()`,
    })
    .where('tenant_id', '=', tenantId)
    .where('id', '=', userId)
    .execute();
}

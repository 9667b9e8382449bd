import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../../db/database.ts';
import type { OidcIdentity } from './oidc.client.ts';
import { linkOidcIdentity } from './oidc.repository.ts';
import { findUserByEmail, findUserByOidcSubject, type User } from './user.repository.ts';

type Db = Kysely<Database> | Transaction<Database>;

/** Why an identity the provider vouched for may not sign in to Signpost. */
export type OidcRefusal =
  | 'no-account'
  | 'disabled'
  | 'no-email'
  | 'email-not-verified'
  /** The account is already linked to another person at the same provider. */
  | 'identity-conflict';

export type OidcSigninResult =
  | { ok: true; user: User; linkedBy: 'subject' | 'email'; activated: boolean }
  | { ok: false; reason: OidcRefusal; userId: string | null };

/**
 * Finds the Signpost account for an identity from the OpenID provider. An account already linked to the
 * identity (issuer and `sub`) is used; otherwise an active or invited account with the provider's email
 * address is linked to it now (an invited one becomes active). Nobody gets an account by signing in: an
 * administrator must invite them first.
 * @param db - a transaction (the link commits with the sign-in)
 * @param tenantId - the tenant
 * @param identity - who the provider says signed in
 */
export async function resolveOidcSignin(
  db: Db,
  tenantId: string,
  identity: OidcIdentity,
): Promise<OidcSigninResult> {
  const linked = await findUserByOidcSubject(db, tenantId, identity.issuer, identity.subject);
  if (linked !== undefined) {
    if (linked.status === 'disabled') {
      return { ok: false, reason: 'disabled', userId: linked.id };
    }
    if (linked.status === 'invited') {
      await linkOidcIdentity(db, tenantId, linked.id, identity);
    }
    return { ok: true, user: linked, linkedBy: 'subject', activated: linked.status === 'invited' };
  }
  if (identity.email === null) {
    return { ok: false, reason: 'no-email', userId: null };
  }
  // A provider that says it has not checked the address cannot vouch for whose account it is.
  if (identity.emailVerified === false) {
    return { ok: false, reason: 'email-not-verified', userId: null };
  }
  const user = await findUserByEmail(db, tenantId, identity.email);
  if (user === undefined) {
    return { ok: false, reason: 'no-account', userId: null };
  }
  if (user.status === 'disabled') {
    return { ok: false, reason: 'disabled', userId: user.id };
  }
  if (user.oidcIssuer === identity.issuer && user.oidcSubject !== identity.subject) {
    return { ok: false, reason: 'identity-conflict', userId: user.id };
  }
  await linkOidcIdentity(db, tenantId, user.id, identity);
  return { ok: true, user, linkedBy: 'email', activated: user.status === 'invited' };
}

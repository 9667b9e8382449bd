import type { Kysely, Transaction } from 'kysely';
import type { Config } from '../../config.ts';
import type { Database } from '../../db/database.ts';
import { recordAudit } from '../audit/audit.repository.ts';
import { enqueueEmail } from '../notify/notify.service.ts';
import type { AuditActor } from './account.service.ts';
import type { AuthDeps } from './auth-context.ts';
import { claimAuthToken, insertAuthToken } from './auth-token.repository.ts';
import { hashPassword } from './password.ts';
import { findLinkHolder, type LinkLookup } from './password-link.service.ts';
import type { Tenant } from './tenant.repository.ts';
import { hashToken, newToken } from './tokens.ts';
import { findUserById, recordSuccessfulSignin, setPasswordHash } from './user.repository.ts';

// Invitations: an admin creates an account (status 'invited') and Signpost emails a single-use link to
// choose a password. Accepting it activates the account and signs the person in.

export const INVITATION_DAYS = 7;

/**
 * Sends an invited user a single-use link to choose a password (an `invitation` auth_token and an email
 * through the notify outbox), inside the caller's transaction. An earlier, unused invitation of the same
 * user stops working: only the newest link does.
 * @param db - the caller's transaction (or the database)
 * @param deps - configuration (PUBLIC_BASE_URL for the link) and tenant
 * @param user - the invited user
 * @param invitedBy - the display name of the admin who invited them, for the email
 */
export async function sendInvitation(
  db: Kysely<Database> | Transaction<Database>,
  deps: { config: Config; tenant: Tenant },
  user: { id: string; email: string; displayName: string },
  invitedBy: string,
): Promise<void> {
  const token = newToken();
  await insertAuthToken(db, deps.tenant.id, {
    tokenHash: hashToken(token),
    userId: user.id,
    purpose: 'invitation',
    lifetimeMinutes: INVITATION_DAYS * 24 * 60,
  });
  await enqueueEmail(db, deps.tenant.id, {
    to: user.email,
    subject: 'You have been invited to Signpost',
    text: [
      `Hello ${user.displayName},`,
      '',
      `${invitedBy} has given you an account on Signpost, the care navigation service of ${deps.tenant.name}.`,
      '',
      `To choose your password and sign in, open this link within ${String(INVITATION_DAYS)} days:`,
      `${deps.config.publicBaseUrl}/signin/invite/${token}`,
      '',
      'The link works once. If you were not expecting this email, you can ignore it.',
    ].join('\n'),
    template: 'account-invitation',
  });
}

/**
 * Who an invitation link is for, if it still works (unused, not expired, account still invited).
 * @param deps - database and tenant
 * @param token - the token from the link
 */
export async function findInvitation(deps: AuthDeps, token: string): Promise<LinkLookup> {
  return findLinkHolder(deps, token, { purpose: 'invitation', status: 'invited' });
}

/**
 * Accepts an invitation: in one transaction uses up the link, stores the password (which makes the
 * account active), records the sign-in time and the audit entry. The caller then starts a session.
 * @param deps - database, configuration and tenant
 * @param input - the token, the chosen password and the request's audit actor
 * @returns false when the link was used or expired meanwhile, or the account is no longer invited
 */
export async function acceptInvitation(
  deps: AuthDeps,
  input: { token: string; newPassword: string; actor: AuditActor },
): Promise<boolean> {
  const passwordHash = await hashPassword(input.newPassword);
  return deps.db
    .transaction()
    .execute(async (trx) => {
      const userId = await claimAuthToken(trx, deps.tenant.id, hashToken(input.token), 'invitation');
      const user = userId === undefined ? undefined : await findUserById(trx, deps.tenant.id, userId);
      if (user?.status !== 'invited') {
        // Roll back the claim too: an invitation of a disabled account stays unused, for the record.
        throw new InvitationNotLive();
      }
      await setPasswordHash(trx, deps.tenant.id, user.id, passwordHash);
      await recordSuccessfulSignin(trx, deps.tenant.id, user.id);
      await recordAudit(trx, deps.tenant.id, {
        ...input.actor,
        actorUserId: user.id,
        actorName: user.displayName,
        action: 'update',
        subjectType: 'user',
        subjectId: user.id,
        details: { field: 'password', via: 'invitation', status: 'active' },
      });
      return true;
    })
    .catch((error: unknown) => {
      if (error instanceof InvitationNotLive) {
        return false;
      }
      throw error;
    });
}

class InvitationNotLive extends Error {
  constructor() {
    super('The invitation was used, expired or withdrawn');
    this.name = 'InvitationNotLive';
  }
}

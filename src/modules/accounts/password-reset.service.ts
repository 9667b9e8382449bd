import { recordAudit } from '../audit/audit.repository.ts';
import { enqueueEmail } from '../notify/notify.service.ts';
import type { AuditActor } from './account.service.ts';
import type { AuthDeps } from './auth-context.ts';
import { claimAuthToken, insertAuthToken } from './auth-token.repository.ts';
import { findLinkHolder, type LinkHolder, type LinkLookup } from './password-link.service.ts';
import { hashPassword } from './password.ts';
import { deleteUserSessions } from './session.repository.ts';
import { hashToken, newToken } from './tokens.ts';
import { findUserByEmail, setPasswordHash } from './user.repository.ts';

// Password reset by a single-use link sent by email. The person asking is told the same thing whether or
// not the address has an account, so the form cannot be used to find out who works here.

export const RESET_LINK_MINUTES = 60;

/**
 * Sends a reset link to the address when it belongs to an active account (an auth_token and the email,
 * in one transaction); does nothing otherwise. The caller shows the same page either way.
 * @param deps - database, configuration (PUBLIC_BASE_URL) and tenant
 * @param email - the address typed
 */
export async function requestPasswordReset(deps: AuthDeps, email: string): Promise<void> {
  const user = await findUserByEmail(deps.db, deps.tenant.id, email);
  if (user?.status !== 'active') {
    return;
  }
  const token = newToken();
  const link = `${deps.config.publicBaseUrl}/signin/reset/${token}`;
  await deps.db.transaction().execute(async (trx) => {
    await insertAuthToken(trx, deps.tenant.id, {
      tokenHash: hashToken(token),
      userId: user.id,
      purpose: 'password-reset',
      lifetimeMinutes: RESET_LINK_MINUTES,
    });
    await enqueueEmail(trx, deps.tenant.id, {
      to: user.email,
      subject: 'Reset your Signpost password',
      text: [
        `Hello ${user.displayName},`,
        '',
        'Someone, probably you, asked to reset the password of your Signpost account.',
        '',
        `To choose a new password, open this link within ${String(RESET_LINK_MINUTES)} minutes:`,
        link,
        '',
        'The link works once. Choosing a new password signs you out of Signpost on every device.',
        '',
        'If you did not ask for this, you can ignore this email: your password has not changed.',
      ].join('\n'),
      template: 'password-reset',
    });
  });
}

/**
 * Who a reset link is for, if it still works (unused, not expired, account active).
 * @param deps - database and tenant
 * @param token - the token from the link
 */
export async function findPasswordResetLink(deps: AuthDeps, token: string): Promise<LinkLookup> {
  return findLinkHolder(deps, token, { purpose: 'password-reset', status: 'active' });
}

/**
 * Sets the new password: in one transaction, uses up the link (so it works once, even when two requests
 * race), stores the hash, ends every session of the user and records it in the audit trail.
 * @param deps - database, configuration and tenant
 * @param input - the token, the new password, who it is for and the request's audit actor
 * @returns false when the link was used or expired meanwhile
 */
export async function completePasswordReset(
  deps: AuthDeps,
  input: { token: string; newPassword: string; holder: LinkHolder; actor: AuditActor },
): Promise<boolean> {
  const passwordHash = await hashPassword(input.newPassword);
  return deps.db.transaction().execute(async (trx) => {
    const userId = await claimAuthToken(trx, deps.tenant.id, hashToken(input.token), 'password-reset');
    if (userId === undefined) {
      return false;
    }
    await setPasswordHash(trx, deps.tenant.id, userId, passwordHash);
    const ended = await deleteUserSessions(trx, deps.tenant.id, userId);
    await recordAudit(trx, deps.tenant.id, {
      ...input.actor,
      actorUserId: userId,
      actorName: input.holder.displayName,
      action: 'update',
      subjectType: 'user',
      subjectId: userId,
      details: { field: 'password', via: 'reset-link', sessionsEnded: ended },
    });
    return true;
  });
}

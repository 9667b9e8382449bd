import type { UserStatus } from './accounts.tables.ts';
import { findAuthToken, type AuthTokenPurpose } from './auth-token.repository.ts';
import type { AuthDeps } from './auth-context.ts';
import { hashToken } from './tokens.ts';
import { findUserById } from './user.repository.ts';

// Emailed single-use links to choose a password with (password reset, invitation): who a link is for.

/** The person a link is for: what the page may show and the password rules need. */
export interface LinkHolder {
  userId: string;
  email: string;
  displayName: string;
}

export type LinkLookup = { state: 'live'; holder: LinkHolder } | { state: 'unknown' | 'spent' };

/**
 * Who a link is for, if it still works: unused, not expired, and the account in the status the link
 * expects (a reset link needs an active account, an invitation an invited one; anything else is spent).
 * @param deps - database and tenant
 * @param token - the token from the link
 * @param expect - what the link is for, and the account status it needs
 */
export async function findLinkHolder(
  deps: AuthDeps,
  token: string,
  expect: { purpose: AuthTokenPurpose; status: UserStatus },
): Promise<LinkLookup> {
  const found = await findAuthToken(deps.db, deps.tenant.id, hashToken(token), expect.purpose);
  if (found.state !== 'live') {
    return found;
  }
  const user = await findUserById(deps.db, deps.tenant.id, found.userId);
  if (user?.status !== expect.status) {
    return { state: 'spent' };
  }
  return { state: 'live', holder: { userId: user.id, email: user.email, displayName: user.displayName } };
}

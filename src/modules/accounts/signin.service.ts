import type { Kysely } from 'kysely';
import type { Config } from '../../config.ts';
import type { Database } from '../../db/database.ts';
import { verifyAgainstDummy, verifyPassword } from './password.ts';
import { findUserByEmail, recordFailedSignin, recordSuccessfulSignin, type User } from './user.repository.ts';

export type PasswordSigninResult =
  | { ok: true; user: User; needsSecondFactor: boolean }
  | { ok: false; reason: 'unknown-user' | 'wrong-password' | 'locked' | 'not-active'; userId?: string };

/**
 * Checks an email address and password. Every failure costs the same time and gives the same message
 * to the person (the reason is for the audit trail only), so sign-in cannot be used to find accounts.
 * Repeated failures lock the account for a while (SIGNIN_MAX_FAILURES, SIGNIN_LOCKOUT_MINUTES).
 * @param db - the database
 * @param config - lock-out policy
 * @param tenantId - the tenant
 * @param credentials - the email address and password typed
 * @param now - the clock
 */
export async function checkPasswordSignin(
  db: Kysely<Database>,
  config: Pick<Config, 'signinMaxFailures' | 'signinLockoutMinutes'>,
  tenantId: string,
  credentials: { email: string; password: string },
  now: Date = new Date(),
): Promise<PasswordSigninResult> {
  const user = await findUserByEmail(db, tenantId, credentials.email);
  if (user?.passwordHash === null || user === undefined) {
    await verifyAgainstDummy(credentials.password);
    return { ok: false, reason: 'unknown-user' };
  }
  if (user.status !== 'active') {
    await verifyAgainstDummy(credentials.password);
    return { ok: false, reason: 'not-active', userId: user.id };
  }
  if (user.lockedUntil !== null && user.lockedUntil > now) {
    await verifyAgainstDummy(credentials.password);
    return { ok: false, reason: 'locked', userId: user.id };
  }
  if (!(await verifyPassword(user.passwordHash, credentials.password))) {
    await recordFailedSignin(db, tenantId, user.id, {
      maxFailures: config.signinMaxFailures,
      lockoutMinutes: config.signinLockoutMinutes,
    });
    return { ok: false, reason: 'wrong-password', userId: user.id };
  }
  // With two-step verification the failure count is cleared only after the code (two-step.service.ts):
  // otherwise signing in again with a stolen password would reset the lock-out between code guesses.
  if (!user.totpEnabled) {
    await recordSuccessfulSignin(db, tenantId, user.id);
  }
  return { ok: true, user, needsSecondFactor: user.totpEnabled };
}

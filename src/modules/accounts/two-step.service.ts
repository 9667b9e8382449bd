import QRCode from 'qrcode';
import { recordAudit } from '../audit/audit.repository.ts';
import type { AuditActor } from './account.service.ts';
import { checkCurrentPassword } from './account.service.ts';
import type { AuthDeps } from './auth-context.ts';
import { checkTotpCode, groupSecret, newTotpSecret, totpUri } from './totp.ts';
import { openTotpSecret, sealTotpSecret } from './totp-secret-box.ts';
import { clearTotp, enableTotp, setPendingTotpSecret, useTotpStep } from './two-step.repository.ts';
import { findUserById, recordFailedSignin, recordSuccessfulSignin, type User } from './user.repository.ts';

// Two-step verification with an authenticator app (TOTP): setting it up, turning it off, and the second
// step of signing in.

export type TwoStepSetup =
  { state: 'on' } | { state: 'pending'; groupedSecret: string; qrCodeDataUri: string };

function secretOf(deps: AuthDeps, user: User): string | null {
  return user.totpSecret === null
    ? null
    : openTotpSecret(user.totpSecret, { sessionSecret: deps.config.sessionSecret, userId: user.id });
}

/**
 * What the set-up page shows: that two-step verification is on, or the secret to add to an app (a QR
 * code and the key to type). A pending secret is kept, so reloading the page does not undo a scan.
 * @param deps - database, configuration (the key that seals secrets) and tenant
 * @param userId - the signed-in user
 */
export async function prepareTwoStepSetup(deps: AuthDeps, userId: string): Promise<TwoStepSetup> {
  const user = await findUserById(deps.db, deps.tenant.id, userId);
  if (user === undefined || user.totpEnabled) {
    return { state: 'on' };
  }
  let secret = secretOf(deps, user);
  if (secret === null) {
    secret = newTotpSecret();
    const sealed = sealTotpSecret(secret, { sessionSecret: deps.config.sessionSecret, userId });
    if (!(await setPendingTotpSecret(deps.db, deps.tenant.id, userId, sealed))) {
      return { state: 'on' };
    }
  }
  const svg = await QRCode.toString(totpUri(secret, user.email), {
    type: 'svg',
    errorCorrectionLevel: 'M',
    margin: 2,
    color: { dark: '#000000', light: '#ffffff' },
  });
  return {
    state: 'pending',
    groupedSecret: groupSecret(secret),
    qrCodeDataUri: `data:image/svg+xml;base64,${Buffer.from(svg, 'utf8').toString('base64')}`,
  };
}

export type TwoStepResult =
  | { ok: true }
  | {
      ok: false;
      /** not-enrolled: two-step verification is off; unreadable: SESSION_SECRET changed since set-up. */
      reason: 'wrong-code' | 'replayed' | 'not-pending' | 'not-enrolled' | 'unreadable' | 'locked';
    };

/**
 * Turns two-step verification on once the user proves their app makes the right codes (audited).
 * @param deps - database, configuration and tenant
 * @param input - the user, the code typed, the audit actor and the clock
 */
export async function confirmTwoStepSetup(
  deps: AuthDeps,
  input: { userId: string; code: string; actor: AuditActor; now?: Date },
): Promise<TwoStepResult> {
  const user = await findUserById(deps.db, deps.tenant.id, input.userId);
  const secret = user === undefined || user.totpEnabled ? null : secretOf(deps, user);
  if (user === undefined || secret === null) {
    return { ok: false, reason: 'not-pending' };
  }
  const check = checkTotpCode(secret, input.code, {
    lastStep: user.totpLastStep,
    now: input.now ?? new Date(),
  });
  if (!check.ok) {
    return check;
  }
  const enabled = await deps.db.transaction().execute(async (trx) => {
    if (!(await enableTotp(trx, deps.tenant.id, user.id, check.step))) {
      return false;
    }
    await recordAudit(trx, deps.tenant.id, {
      ...input.actor,
      action: 'update',
      subjectType: 'user',
      subjectId: user.id,
      details: { field: 'two-step', change: 'enabled' },
    });
    return true;
  });
  return enabled ? { ok: true } : { ok: false, reason: 'not-pending' };
}

/**
 * Turns two-step verification off after checking the user's password (audited).
 * @param deps - database, configuration and tenant
 * @param input - the user, the password typed and the audit actor
 */
export async function disableTwoStep(
  deps: AuthDeps,
  input: { userId: string; password: string; actor: AuditActor },
): Promise<{ ok: true } | { ok: false; reason: 'incorrect' | 'locked' | 'no-password' }> {
  const check = await checkCurrentPassword(deps, input.userId, input.password);
  if (!check.ok) {
    return check;
  }
  await deps.db.transaction().execute(async (trx) => {
    await clearTotp(trx, deps.tenant.id, input.userId);
    await recordAudit(trx, deps.tenant.id, {
      ...input.actor,
      action: 'update',
      subjectType: 'user',
      subjectId: input.userId,
      details: { field: 'two-step', change: 'disabled' },
    });
  });
  return { ok: true };
}

/**
 * The second step of signing in: a code from the user's app. A wrong or replayed code counts as a failed
 * sign-in (the lock-out applies); the failure count is cleared only now, not after the password alone.
 * Not audited here: the caller records the sign-in or its failure.
 * @param deps - database, configuration and tenant
 * @param input - the user, the code typed and the clock
 */
export async function verifySecondFactor(
  deps: AuthDeps,
  input: { userId: string; code: string; now?: Date },
): Promise<TwoStepResult> {
  const now = input.now ?? new Date();
  const user = await findUserById(deps.db, deps.tenant.id, input.userId);
  if (user?.totpEnabled !== true) {
    return { ok: false, reason: 'not-enrolled' };
  }
  const secret = secretOf(deps, user);
  if (secret === null) {
    return { ok: false, reason: 'unreadable' };
  }
  if (user.lockedUntil !== null && user.lockedUntil > now) {
    return { ok: false, reason: 'locked' };
  }
  const check = checkTotpCode(secret, input.code, { lastStep: user.totpLastStep, now });
  const fresh = check.ok && (await useTotpStep(deps.db, deps.tenant.id, user.id, check.step));
  if (!fresh) {
    await recordFailedSignin(deps.db, deps.tenant.id, user.id, {
      maxFailures: deps.config.signinMaxFailures,
      lockoutMinutes: deps.config.signinLockoutMinutes,
    });
    return { ok: false, reason: check.ok ? 'replayed' : check.reason };
  }
  await recordSuccessfulSignin(deps.db, deps.tenant.id, user.id);
  return { ok: true };
}

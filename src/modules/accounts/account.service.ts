import type { auditActor } from '../../http/request-audit.ts';
import { recordAudit } from '../audit/audit.repository.ts';
import type { AuthDeps } from './auth-context.ts';
import { hashPassword, verifyPassword } from './password.ts';
import { ROLE_LABELS } from './roles.ts';
import { deleteOtherUserSessions, deleteUserSessions } from './session.repository.ts';
import {
  findUserById,
  listRoleAssignments,
  recordFailedSignin,
  setPasswordHash,
  type User,
} from './user.repository.ts';

// The signed-in user's own account: what the account page shows, checking the current password,
// changing it, and signing out of every device.

/** The audit fields of the request being served (who, in which role, from where, which route). */
export type AuditActor = ReturnType<typeof auditActor>;

export interface AccountOverview {
  displayName: string;
  email: string;
  roles: { role: string; organisation: string }[];
  twoStepOn: boolean;
  hasPassword: boolean;
  /** "21 November 2026 at 2:05pm", London time; null when never signed in. */
  lastSignedIn: string | null;
}

/**
 * A date and time as the NHS.UK style guide writes it: "21 November 2026 at 2:05pm" (midnight and midday
 * in words), London time.
 * @param date - the instant
 */
export function formatDateTime(date: Date): string {
  const day = date.toLocaleDateString('en-GB', {
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    timeZone: 'Europe/London',
  });
  const parts = new Intl.DateTimeFormat('en-GB', {
    hour: 'numeric',
    minute: '2-digit',
    hourCycle: 'h23',
    timeZone: 'Europe/London',
  }).formatToParts(date);
  const hour = Number(parts.find((p) => p.type === 'hour')?.value ?? 0);
  const minute = parts.find((p) => p.type === 'minute')?.value ?? '00';
  if (minute === '00' && (hour === 0 || hour === 12)) {
    return `${day} at ${hour === 0 ? 'midnight' : 'midday'}`;
  }
  return `${day} at ${String(hour % 12 === 0 ? 12 : hour % 12)}:${minute}${hour < 12 ? 'am' : 'pm'}`;
}

/**
 * What the account page shows about the signed-in user.
 * @param deps - database and tenant
 * @param userId - the user
 */
export async function findAccountOverview(
  deps: AuthDeps,
  userId: string,
): Promise<AccountOverview | undefined> {
  const user = await findUserById(deps.db, deps.tenant.id, userId);
  if (user === undefined) {
    return undefined;
  }
  const assignments = await listRoleAssignments(deps.db, deps.tenant.id, userId);
  return {
    displayName: user.displayName,
    email: user.email,
    roles: assignments.map((a) => ({ role: ROLE_LABELS[a.role], organisation: a.organisationName })),
    twoStepOn: user.totpEnabled,
    hasPassword: user.passwordHash !== null,
    lastSignedIn: user.lastSignedInAt === null ? null : formatDateTime(user.lastSignedInAt),
  };
}

export type PasswordCheck =
  { ok: true; user: User } | { ok: false; reason: 'incorrect' | 'locked' | 'no-password' };

/**
 * Checks the signed-in user's password before a sensitive change. A wrong password counts as a failed
 * sign-in, so someone at an unlocked screen cannot guess it without locking the account.
 * @param deps - database, lock-out policy and tenant
 * @param userId - the user
 * @param password - the password typed
 * @param now - the clock
 */
export async function checkCurrentPassword(
  deps: AuthDeps,
  userId: string,
  password: string,
  now: Date = new Date(),
): Promise<PasswordCheck> {
  const user = await findUserById(deps.db, deps.tenant.id, userId);
  if (user?.passwordHash === null || user === undefined) {
    return { ok: false, reason: 'no-password' };
  }
  if (user.lockedUntil !== null && user.lockedUntil > now) {
    return { ok: false, reason: 'locked' };
  }
  if (!(await verifyPassword(user.passwordHash, password))) {
    await recordFailedSignin(deps.db, deps.tenant.id, user.id, {
      maxFailures: deps.config.signinMaxFailures,
      lockoutMinutes: deps.config.signinLockoutMinutes,
    });
    return { ok: false, reason: 'incorrect' };
  }
  return { ok: true, user };
}

/**
 * Changes the signed-in user's password: checks the current one, stores the new hash and ends every
 * other session of the user (a device someone else holds is signed out), audited, in one transaction.
 * @param deps - database, configuration and tenant
 * @param change - the user, the session that stays, both passwords and the audit actor
 */
export async function changePassword(
  deps: AuthDeps,
  change: {
    userId: string;
    tokenHash: string;
    currentPassword: string;
    newPassword: string;
    actor: AuditActor;
  },
): Promise<PasswordCheck> {
  const check = await checkCurrentPassword(deps, change.userId, change.currentPassword);
  if (!check.ok) {
    return check;
  }
  const passwordHash = await hashPassword(change.newPassword);
  await deps.db.transaction().execute(async (trx) => {
    await setPasswordHash(trx, deps.tenant.id, change.userId, passwordHash);
    const ended = await deleteOtherUserSessions(trx, deps.tenant.id, change.userId, change.tokenHash);
    await recordAudit(trx, deps.tenant.id, {
      ...change.actor,
      action: 'update',
      subjectType: 'user',
      subjectId: change.userId,
      details: { field: 'password', otherSessionsEnded: ended },
    });
  });
  return check;
}

/**
 * Ends every session of the user, on every device, audited in the same transaction.
 * @param deps - database and tenant
 * @param userId - the user
 * @param actor - the audit actor (the request's)
 * @returns how many sessions ended
 */
export async function signOutEverywhere(deps: AuthDeps, userId: string, actor: AuditActor): Promise<number> {
  return deps.db.transaction().execute(async (trx) => {
    const ended = await deleteUserSessions(trx, deps.tenant.id, userId);
    await recordAudit(trx, deps.tenant.id, {
      ...actor,
      action: 'signout',
      subjectType: 'user',
      subjectId: userId,
      details: { everywhere: true, sessionsEnded: ended },
    });
    return ended;
  });
}

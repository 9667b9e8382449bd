import { hash, verify } from '@node-rs/argon2';
import { dictionary } from '@zxcvbn-ts/language-common';

// Passwords follow NCSC guidance: a long minimum length, a deny-list of common passwords, no composition
// rules, no forced expiry. Hashes are Argon2id with OWASP's recommended parameters (19 MiB, 2 passes).

export const PASSWORD_MIN_LENGTH = 12;
export const PASSWORD_MAX_LENGTH = 256;

// `algorithm: 2` is Argon2id (the package's Algorithm enum is a const enum, which isolated modules cannot read).
const ARGON2_OPTIONS = { algorithm: 2, memoryCost: 19_456, timeCost: 2, parallelism: 1 };

// The zxcvbn-ts "passwords-common" list (MIT): about 49,000 passwords seen most often in breaches.
const COMMON = new Set(dictionary['passwords-common'].map((p) => p.toLowerCase()));

/**
 * Hashes a password with Argon2id.
 * @param password - the plain password
 */
export async function hashPassword(password: string): Promise<string> {
  return hash(password, ARGON2_OPTIONS);
}

/**
 * Checks a password against an Argon2id hash in constant time.
 * @param passwordHash - the stored hash
 * @param password - the password typed
 */
export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  try {
    return await verify(passwordHash, password);
  } catch {
    return false;
  }
}

let dummyHash: Promise<string> | undefined;
/**
 * Spends the time of one verification on a hash nobody has, so that a sign-in attempt for an unknown
 * email address takes as long as one for a known address.
 * @param password - the password typed
 */
export async function verifyAgainstDummy(password: string): Promise<void> {
  dummyHash ??= hashPassword('signpost-dummy-password-for-timing');
  await verifyPassword(await dummyHash, password);
}

/**
 * Why a new password is not acceptable, in words for the person choosing it; null when it is fine.
 * @param password - the new password
 * @param personal - the user's email address and name, which must not be the password
 */
export function passwordProblem(
  password: string,
  personal: { email?: string; name?: string } = {},
): string | null {
  if (password.length < PASSWORD_MIN_LENGTH) {
    return `Password must be ${String(PASSWORD_MIN_LENGTH)} characters or more. Three random words work well`;
  }
  if (password.length > PASSWORD_MAX_LENGTH) {
    return `Password must be ${String(PASSWORD_MAX_LENGTH)} characters or fewer`;
  }
  const lower = password.toLowerCase();
  const stem = lower.replace(/[\d\W_]+$/u, '');
  if (COMMON.has(lower) || (stem.length >= 4 && COMMON.has(stem)) || /^(.)\1+$/u.test(lower)) {
    return 'This password is too common. Choose one that is harder to guess, such as three random words';
  }
  const localPart = personal.email?.toLowerCase().split('@')[0] ?? '';
  const name = personal.name?.toLowerCase().replace(/\s+/g, '') ?? '';
  const squashed = lower.replace(/\s+/g, '');
  if (
    (localPart.length >= 4 && squashed.includes(localPart)) ||
    (name.length >= 4 && squashed.includes(name))
  ) {
    return 'Password must not contain your name or email address';
  }
  if (squashed.includes('signpost')) {
    return 'Password must not contain the name of this service';
  }
  return null;
}

import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto';

// TOTP secrets are encrypted at rest (AES-256-GCM) with a key derived from SESSION_SECRET, so a copy of
// the database (a backup, a dump shared for debugging) does not let anyone generate a user's codes.
// The user's id is the additional authenticated data: a sealed secret copied onto another account does
// not open. Without SESSION_SECRET the app has no stable key (it makes a random one at each start), so
// secrets are stored as plain base32, which also stay readable after SESSION_SECRET is set later.
// Changing SESSION_SECRET makes sealed secrets unreadable: those users need two-step verification reset.

const PREFIX = 'v1.';
const IV_BYTES = 12;
const TAG_BYTES = 16;

function keyFrom(sessionSecret: string): Buffer {
  return Buffer.from(hkdfSync('sha256', sessionSecret, 'signpost', 'totp-secret-v1', 32));
}

/**
 * The value to store for a TOTP secret: sealed when there is a session secret, else the secret itself.
 * @param secret - the base32 TOTP secret
 * @param options - SESSION_SECRET (or undefined) and the user the secret belongs to
 */
export function sealTotpSecret(
  secret: string,
  options: { sessionSecret: string | undefined; userId: string },
): string {
  if (options.sessionSecret === undefined) {
    return secret;
  }
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv('aes-256-gcm', keyFrom(options.sessionSecret), iv, {
    authTagLength: TAG_BYTES,
  });
  cipher.setAAD(Buffer.from(options.userId, 'utf8'));
  const sealed = Buffer.concat([cipher.update(secret, 'utf8'), cipher.final()]);
  return `${PREFIX}${Buffer.concat([iv, cipher.getAuthTag(), sealed]).toString('base64url')}`;
}

/**
 * The base32 TOTP secret from its stored value; null when it cannot be opened (no or another key, or the
 * value was changed or belongs to another user).
 * @param stored - the stored value
 * @param options - SESSION_SECRET (or undefined) and the user it should belong to
 */
export function openTotpSecret(
  stored: string,
  options: { sessionSecret: string | undefined; userId: string },
): string | null {
  if (!stored.startsWith(PREFIX)) {
    return stored;
  }
  if (options.sessionSecret === undefined) {
    return null;
  }
  const bytes = Buffer.from(stored.slice(PREFIX.length), 'base64url');
  if (bytes.length <= IV_BYTES + TAG_BYTES) {
    return null;
  }
  try {
    const decipher = createDecipheriv(
      'aes-256-gcm',
      keyFrom(options.sessionSecret),
      bytes.subarray(0, IV_BYTES),
      {
        authTagLength: TAG_BYTES,
      },
    );
    decipher.setAAD(Buffer.from(options.userId, 'utf8'));
    decipher.setAuthTag(bytes.subarray(IV_BYTES, IV_BYTES + TAG_BYTES));
    return Buffer.concat([decipher.update(bytes.subarray(IV_BYTES + TAG_BYTES)), decipher.final()]).toString(
      'utf8',
    );
  } catch {
    return null;
  }
}

import { createHash, randomBytes } from 'node:crypto';

/** A new random secret token (256 bits, URL-safe). */
export function newToken(): string {
  return randomBytes(32).toString('base64url');
}

/**
 * The SHA-256 of a token, as stored: the database never holds a usable session or reset token.
 * @param token - the token
 */
export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

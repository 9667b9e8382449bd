import { Secret, TOTP } from 'otpauth';

// Time-based one-time passwords (RFC 6238) as every authenticator app reads them: SHA-1, 6 digits, a new
// code every 30 seconds. A code is accepted one step either side of now (clock drift, slow typing), and
// a step once used is never accepted again (the caller stores it as totp_last_step).

export const TOTP_DIGITS = 6;
export const TOTP_PERIOD_SECONDS = 30;
const TOTP_ALGORITHM = 'SHA1';
/** The steps either side of now that are accepted. */
const TOTP_WINDOW = 1;
/** 160 bits, as RFC 4226 recommends: 32 base32 characters. */
const SECRET_BYTES = 20;

/** A new random TOTP secret, base32 (RFC 4648, no padding). */
export function newTotpSecret(): string {
  return new Secret({ size: SECRET_BYTES }).base32;
}

function totpFor(secret: string, label = 'Signpost'): TOTP {
  return new TOTP({
    issuer: 'Signpost',
    label,
    secret: Secret.fromBase32(secret),
    algorithm: TOTP_ALGORITHM,
    digits: TOTP_DIGITS,
    period: TOTP_PERIOD_SECONDS,
  });
}

/**
 * The `otpauth://` URI an authenticator app reads from the QR code.
 * @param secret - the base32 secret
 * @param accountName - what the app shows under "Signpost" (the user's email address)
 */
export function totpUri(secret: string, accountName: string): string {
  return totpFor(secret, accountName).toString();
}

/**
 * The secret in groups of four characters, for people who type it instead of scanning.
 * @param secret - the base32 secret
 */
export function groupSecret(secret: string): string {
  return (secret.match(/.{1,4}/g) ?? []).join(' ');
}

/**
 * The time step (number of periods since 1970) of an instant.
 * @param now - the instant
 */
export function totpStepAt(now: Date): number {
  return Math.floor(now.getTime() / 1000 / TOTP_PERIOD_SECONDS);
}

export type TotpCheck = { ok: true; step: number } | { ok: false; reason: 'wrong-code' | 'replayed' };

/**
 * Checks a code typed by the user: right for a step within one of now, and later than the last step
 * used (so a code seen over someone's shoulder or replayed from a log cannot be used again).
 * @param secret - the base32 secret
 * @param code - six digits (spaces already removed)
 * @param options - the last step used (null when none) and the clock
 * @returns the step the code belongs to, or why it is refused
 */
export function checkTotpCode(
  secret: string,
  code: string,
  options: { lastStep: number | null; now: Date },
): TotpCheck {
  const delta = totpFor(secret).validate({
    token: code,
    timestamp: options.now.getTime(),
    window: TOTP_WINDOW,
  });
  if (delta === null) {
    return { ok: false, reason: 'wrong-code' };
  }
  const step = totpStepAt(options.now) + delta;
  if (options.lastStep !== null && step <= options.lastStep) {
    return { ok: false, reason: 'replayed' };
  }
  return { ok: true, step };
}

/**
 * The code an authenticator app shows at an instant (for tests and the browser test's "phone").
 * @param secret - the base32 secret
 * @param now - the instant
 */
export function totpCodeAt(secret: string, now: Date): string {
  return totpFor(secret).generate({ timestamp: now.getTime() });
}

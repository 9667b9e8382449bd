import type { Kysely } from 'kysely';
import type { Database } from '../../src/db/database.ts';
import { createSmtpTransport } from '../../src/modules/notify/email.transport.ts';
import { deliverPending } from '../../src/modules/notify/notify.service.ts';
import { totpCodeAt } from '../../src/modules/accounts/totp.ts';
import type { TestAgent } from './accounts.ts';
import type { ReceivedEmail, TestSmtpServer } from './smtp-server.ts';

// Helpers of the account-security tests (two-step verification, password reset, invitations).

/** The TOTP secret the set-up page shows for typing (spaces removed). */
export function totpSecretFrom(html: string): string {
  const match = /id="totp-secret"[\s\S]*?<code class="nhsuk-code__content">([A-Z2-7 ]+)<\/code>/.exec(html);
  if (match?.[1] === undefined) {
    throw new Error('No TOTP secret on the page');
  }
  return match[1].replace(/ /g, '');
}

/**
 * The code the user's app shows a number of 30-second steps from now.
 * @param secret - the base32 secret
 * @param steps - steps from now (1: the next code, which the server accepts as clock drift)
 */
export function codeInSteps(secret: string, steps = 0): string {
  return totpCodeAt(secret, new Date(Date.now() + steps * 30_000));
}

/** A six-digit code that no step within two of now accepts. */
export function wrongCode(secret: string): string {
  const taken = new Set([-2, -1, 0, 1, 2].map((s) => codeInSteps(secret, s)));
  for (let n = 0; ; n += 1) {
    const code = String((123_456 + n * 7_919) % 1_000_000).padStart(6, '0');
    if (!taken.has(code)) {
      return code;
    }
  }
}

/**
 * Turns on two-step verification through the pages, as the agent's signed-in user; returns the secret
 * and the code that confirmed it. That code's step is used up, so sign-ins right after must use the next
 * code (`codeInSteps(secret, 1)`).
 * @param agent - a signed-in agent
 */
export async function enrolTotp(agent: TestAgent): Promise<{ secret: string; code: string }> {
  const page = await agent.get('/app/account/two-step');
  const secret = totpSecretFrom(page.body);
  const code = codeInSteps(secret);
  const response = await agent.post('/app/account/two-step', { code });
  if (response.headers.location !== '/app/account?updated=two-step-on') {
    throw new Error(`Two-step set-up failed with status ${String(response.statusCode)}`);
  }
  return { secret, code };
}

/** The audit entries about a user, oldest first. */
export async function auditAbout(
  db: Kysely<Database>,
  tenantId: string,
  userId: string,
): Promise<
  { action: string; outcome: string; actorUserId: string | null; route: string | null; details: unknown }[]
> {
  const rows = await db
    .selectFrom('audit_event')
    .select(['action', 'outcome', 'actor_user_id', 'route', 'details'])
    .where('tenant_id', '=', tenantId)
    .where('subject_id', '=', userId)
    .orderBy('seq')
    .execute();
  return rows.map((r) => ({
    action: r.action,
    outcome: r.outcome,
    actorUserId: r.actor_user_id,
    route: r.route,
    details: r.details,
  }));
}

/** How many sessions a user has in the database. */
export async function sessionCount(db: Kysely<Database>, tenantId: string, userId: string): Promise<number> {
  const rows = await db
    .selectFrom('user_session')
    .select('token_hash')
    .where('tenant_id', '=', tenantId)
    .where('user_id', '=', userId)
    .execute();
  return rows.length;
}

/**
 * Delivers the outbox to the test SMTP server and returns the newest message to an address.
 * @param db - the database
 * @param smtp - the test SMTP server
 * @param to - the recipient
 */
export async function deliverAndReceive(
  db: Kysely<Database>,
  smtp: TestSmtpServer,
  to: string,
): Promise<ReceivedEmail> {
  const toThem = (): ReceivedEmail[] => smtp.messages.filter((m) => m.envelope.to.includes(to));
  const before = toThem().length;
  // The server stores a message before it answers 250, so once the send returns the message is there.
  await deliverPending(db, createSmtpTransport(smtp.url, 'Signpost <no-reply@signpost.invalid>'), {
    limit: 50,
  });
  const newest = toThem().at(-1);
  if (newest === undefined || toThem().length <= before) {
    throw new Error('No new email arrived');
  }
  return newest;
}

/** The path of the first Signpost link of a purpose in an email's text. */
export function linkPathFrom(email: ReceivedEmail, kind: 'reset' | 'invite'): string {
  const match = new RegExp(`https?://[^\\s/]+(/signin/${kind}/[A-Za-z0-9_-]+)`).exec(email.text ?? '');
  if (match?.[1] === undefined) {
    throw new Error(`No ${kind} link in the email`);
  }
  return match[1];
}

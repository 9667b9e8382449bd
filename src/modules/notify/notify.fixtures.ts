import { sql, type Kysely } from 'kysely';
import { afterAll, beforeAll, beforeEach } from 'vitest';
import { startTestSmtpServer, type TestSmtpServer } from '../../../test/support/smtp-server.ts';
import { createTestDatabase, type TestDatabase } from '../../../test/support/test-db.ts';
import type { Database } from '../../db/database.ts';
import { createSmtpTransport, type EmailTransport } from './email.transport.ts';
import type { EmailMessage } from './notify.schema.ts';
import type { OutboxRow } from './notify.tables.ts';

// Shared by the notify integration tests: a migrated database, a real SMTP server, and builders.

export const TEST_FROM = 'Signpost <no-reply@signpost.invalid>';

/**
 * A valid email with typed overrides.
 * @param overrides - fields to change
 */
export function buildEmail(overrides: Partial<EmailMessage> = {}): EmailMessage {
  return {
    to: 'ada@example.com',
    subject: 'Reset your Signpost password',
    text: 'Use this link to reset your password: https://signpost.example/reset/abc',
    html: '<p>Use <a href="https://signpost.example/reset/abc">this link</a> to reset your password.</p>',
    template: 'password-reset',
    ...overrides,
  } satisfies EmailMessage;
}

export function minutesAfter(date: Date, minutes: number): Date {
  return new Date(date.getTime() + minutes * 60_000);
}

export interface OutboxTestContext {
  db: Kysely<Database>;
  tenantId: string;
  smtp: TestSmtpServer;
  /** An SMTP transport to `smtp`. */
  transport: EmailTransport;
  /** Every outbox row, oldest first. */
  rows(): Promise<OutboxRow[]>;
  row(id: string): Promise<OutboxRow>;
  /** When the message is due (a whole millisecond: see insertOutboxRow). */
  dueTime(id: string): Promise<Date>;
}

/**
 * Registers the hooks of a notify test file: one database and SMTP server for the file, an empty outbox
 * and inbox before each test. Read the fields inside tests (they are set in beforeAll).
 */
export function useOutboxTestContext(): OutboxTestContext {
  let testDb: TestDatabase | undefined;
  const ctx = {
    rows: () =>
      ctx.db.selectFrom('notify_outbox').selectAll().orderBy('created_at').orderBy('recipient').execute(),
    row: (id: string) =>
      ctx.db.selectFrom('notify_outbox').selectAll().where('id', '=', id).executeTakeFirstOrThrow(),
    dueTime: async (id: string) => (await ctx.row(id)).next_attempt_at,
  } as OutboxTestContext;

  beforeAll(async () => {
    testDb = await createTestDatabase();
    ctx.db = testDb.db;
    ctx.tenantId = testDb.tenant.id;
    ctx.smtp = await startTestSmtpServer();
    ctx.transport = createSmtpTransport(ctx.smtp.url, TEST_FROM);
  });
  afterAll(async () => {
    await ctx.smtp.close();
    await testDb?.close();
  });
  beforeEach(async () => {
    await sql`TRUNCATE notify_outbox`.execute(ctx.db);
    ctx.smtp.reset();
  });
  return ctx;
}

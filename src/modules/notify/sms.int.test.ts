import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  startTestNotifyServer,
  waitForMessage,
  type TestNotifyServer,
} from '../../../test/support/notify-server.ts';
import { createTestConfig } from '../../../test/support/test-config.ts';
import { configurationWarnings } from '../accounts/staff-home.routes.ts';
import { createNotifySmsTransport, type SmsTransport } from './notify-api.transport.ts';
import { buildEmail, minutesAfter, useOutboxTestContext } from './notify.fixtures.ts';
import { deliverPendingSms, enqueueEmail, enqueueSms, notifyStatus } from './notify.service.ts';
import { startOutboxWorker, type OutboxWorkerLogger } from './outbox.worker.ts';
import { InvalidSmsMessageError, type SmsMessage } from './sms.schema.ts';

const NUMBER = '+447700900982';
const TEXT = 'Walking group for Grace: Tuesdays at 10am, St Anne’s Hall. Reply STOP to opt out.';

function buildSms(overrides: Partial<SmsMessage> = {}): SmsMessage {
  return { to: '07700 900982', text: TEXT, template: 'signpost-copy', ...overrides };
}

function recordingLogger(): OutboxWorkerLogger & { lines: unknown[] } {
  const lines: unknown[] = [];
  const record = (obj: object, msg: string): void => {
    lines.push({ obj, msg });
  };
  return { lines, info: record, warn: record, error: record };
}

describe('text messages through GOV.UK Notify', () => {
  const ctx = useOutboxTestContext();
  let notify: TestNotifyServer;
  let transport: SmsTransport;

  beforeAll(async () => {
    notify = await startTestNotifyServer();
    transport = createNotifySmsTransport(notify.config);
  });
  afterAll(async () => {
    await notify.close();
  });
  beforeEach(() => {
    notify.reset();
  });

  describe('enqueueSms', () => {
    it('queues a message with the change that causes it, and nothing when that transaction rolls back', async () => {
      await expect(
        ctx.db.transaction().execute(async (trx) => {
          await enqueueSms(trx, ctx.tenantId, buildSms());
          throw new Error('the signpost was not saved');
        }),
      ).rejects.toThrow('the signpost was not saved');
      expect(await ctx.rows()).toEqual([]);

      const { id } = await ctx.db.transaction().execute((trx) => enqueueSms(trx, ctx.tenantId, buildSms()));
      expect(await ctx.rows()).toEqual([
        expect.objectContaining({
          id,
          channel: 'sms',
          recipient: NUMBER,
          subject: null,
          body_text: TEXT,
          body_html: null,
          template: 'signpost-copy',
          status: 'queued',
          attempts: 0,
        }),
      ]);
    });

    it('refuses a landline before storing anything, naming the field and not the number', async () => {
      const error = await enqueueSms(ctx.db, ctx.tenantId, buildSms({ to: '020 7946 0000' })).catch(
        (e: unknown) => e,
      );
      expect(error).toBeInstanceOf(InvalidSmsMessageError);
      expect((error as InvalidSmsMessageError).issues.map((i) => i.field)).toEqual(['to']);
      expect((error as Error).message).not.toContain('7946');
      expect(await ctx.rows()).toEqual([]);
    });
  });

  describe('deliverPendingSms', () => {
    it('sends a queued text with its row id as reference, marks it sent with Notify’s id, and keeps no body', async () => {
      const { id } = await enqueueSms(ctx.db, ctx.tenantId, buildSms());
      const email = await enqueueEmail(ctx.db, ctx.tenantId, buildEmail());
      expect(await deliverPendingSms(ctx.db, transport, { limit: 10 })).toEqual({
        sent: 1,
        retrying: 0,
        failed: 0,
      });

      const received = await waitForMessage(notify, (m) => m.reference === id);
      expect(received).toMatchObject({ type: 'sms', phoneNumber: NUMBER, body: TEXT });
      expect(await ctx.row(id)).toMatchObject({
        status: 'sent',
        attempts: 1,
        provider_message_id: received.id,
        last_error: null,
        body_text: '',
        recipient: NUMBER,
      });
      // Email is the other channel's business.
      expect(await ctx.row(email.id)).toMatchObject({ status: 'queued', attempts: 0 });
    });

    it('retries after a rate limit, stopping the run, and sends on the next attempt', async () => {
      const first = await enqueueSms(ctx.db, ctx.tenantId, buildSms());
      const second = await enqueueSms(ctx.db, ctx.tenantId, buildSms({ to: '07700 900123' }));
      const t0 = await ctx.dueTime(second.id);
      notify.rejectNext(1, 429);
      expect(await deliverPendingSms(ctx.db, transport, { limit: 10, now: t0 })).toEqual({
        sent: 0,
        retrying: 1,
        failed: 0,
        unavailable: 'NOTIFY 429 RateLimitError',
      });
      expect(await ctx.row(first.id)).toMatchObject({
        status: 'queued',
        attempts: 1,
        last_error: 'NOTIFY 429 RateLimitError',
        body_text: TEXT,
        next_attempt_at: minutesAfter(t0, 1),
      });
      expect(await ctx.row(second.id)).toMatchObject({ status: 'queued', attempts: 0 });

      expect(await deliverPendingSms(ctx.db, transport, { limit: 10, now: minutesAfter(t0, 1) })).toEqual({
        sent: 2,
        retrying: 0,
        failed: 0,
      });
      // Longest due first: the second message has waited since it was queued, the first only since its retry time.
      expect(notify.messages.map((m) => m.reference)).toEqual([second.id, first.id]);
    });

    it.each([
      [500, 'NOTIFY 500 Exception'],
      [403, 'NOTIFY 403 AuthError'],
    ])('puts the message back and stops the run on a %i', async (status, code) => {
      const first = await enqueueSms(ctx.db, ctx.tenantId, buildSms());
      const second = await enqueueSms(ctx.db, ctx.tenantId, buildSms());
      notify.rejectNext(1, status);
      expect(
        await deliverPendingSms(ctx.db, transport, { limit: 10, now: await ctx.dueTime(second.id) }),
      ).toEqual({
        sent: 0,
        retrying: 1,
        failed: 0,
        unavailable: code,
      });
      expect(await ctx.row(first.id)).toMatchObject({ status: 'queued', attempts: 1, last_error: code });
      expect(await ctx.row(second.id)).toMatchObject({ status: 'queued', attempts: 0 });
      expect(notify.messages).toEqual([]);
    });

    it('fails a message Notify refuses with a 400 at once, erasing its body, and goes on to the next', async () => {
      const refused = await enqueueSms(ctx.db, ctx.tenantId, buildSms());
      const next = await enqueueSms(ctx.db, ctx.tenantId, buildSms());
      notify.rejectNext(1, 400);
      expect(
        await deliverPendingSms(ctx.db, transport, { limit: 10, now: await ctx.dueTime(next.id) }),
      ).toEqual({
        sent: 1,
        retrying: 0,
        failed: 1,
      });
      expect(await ctx.row(refused.id)).toMatchObject({
        status: 'failed',
        attempts: 1,
        last_error: 'NOTIFY 400 ValidationError',
        body_text: '',
        sent_at: null,
      });
      expect(await ctx.row(next.id)).toMatchObject({ status: 'sent' });
    });
  });

  describe('the outbox worker', () => {
    it('delivers email and text messages in one run, logging counts and codes only', async () => {
      const logger = recordingLogger();
      const config = createTestConfig({ smtpUrl: ctx.smtp.url, notify: notify.config });
      const worker = startOutboxWorker({ db: ctx.db, config, logger, intervalMs: 60_000 });
      try {
        const sms = await ctx.db.transaction().execute((trx) => enqueueSms(trx, ctx.tenantId, buildSms()));
        const email = await enqueueEmail(ctx.db, ctx.tenantId, buildEmail());
        await worker.deliverNow();
        expect(await ctx.row(sms.id)).toMatchObject({ status: 'sent' });
        expect(await ctx.row(email.id)).toMatchObject({ status: 'sent' });
        expect(notify.messages).toMatchObject([{ reference: sms.id, phoneNumber: NUMBER }]);
        expect(ctx.smtp.messages).toMatchObject([{ to: 'ada@example.com' }]);
        expect(logger.lines).toEqual([
          { obj: { channel: 'email', sent: 1, retrying: 0, failed: 0 }, msg: 'Outbox delivery' },
          { obj: { channel: 'sms', sent: 1, retrying: 0, failed: 0 }, msg: 'Outbox delivery' },
        ]);
      } finally {
        await worker.stop();
      }
      expect(notifyStatus(config)).toEqual({ emailDelivery: 'smtp', smsDelivery: 'notify' });
      expect(configurationWarnings(config).join(' ')).not.toContain('Text messages');
    });

    it('without NOTIFY_API_KEY leaves text messages queued, says so, and the admin banner tells', async () => {
      const logger = recordingLogger();
      const config = createTestConfig({ smtpUrl: ctx.smtp.url, notify: undefined });
      const worker = startOutboxWorker({ db: ctx.db, config, logger, intervalMs: 60_000 });
      try {
        const { id } = await enqueueSms(ctx.db, ctx.tenantId, buildSms());
        await worker.deliverNow();
        expect(await ctx.row(id)).toMatchObject({ status: 'queued', attempts: 0 });
      } finally {
        await worker.stop();
      }
      expect(logger.lines).toEqual([
        {
          obj: {},
          msg: 'NOTIFY_API_KEY is not set: text messages stay queued in the outbox and are not delivered',
        },
      ]);
      expect(notifyStatus(config)).toEqual({ emailDelivery: 'smtp', smsDelivery: 'not-configured' });
      expect(configurationWarnings(config)).toContain(
        'Text messages are not being sent (NOTIFY_API_KEY is not set): they wait in the outbox until it is.',
      );
    });

    it('sends email through Notify when SMTP_URL is unset and NOTIFY_EMAIL_TEMPLATE_ID is set', async () => {
      const config = createTestConfig({ smtpUrl: undefined, notify: notify.config });
      const worker = startOutboxWorker({ db: ctx.db, config, logger: recordingLogger(), intervalMs: 60_000 });
      try {
        const { id } = await enqueueEmail(ctx.db, ctx.tenantId, buildEmail());
        await worker.deliverNow();
        const received = await waitForMessage(notify, (m) => m.reference === id);
        expect(received).toMatchObject({
          type: 'email',
          emailAddress: 'ada@example.com',
          subject: buildEmail().subject,
          body: buildEmail().text,
        });
        expect(await ctx.row(id)).toMatchObject({
          status: 'sent',
          provider_message_id: received.id,
          body_html: null,
        });
      } finally {
        await worker.stop();
      }
      expect(ctx.smtp.messages).toEqual([]);
      expect(notifyStatus(config)).toEqual({ emailDelivery: 'notify', smsDelivery: 'notify' });
    });
  });
});

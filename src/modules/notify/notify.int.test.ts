import { describe, expect, it } from 'vitest';
import { startTestSmtpServer, waitForMessage } from '../../../test/support/smtp-server.ts';
import { ensureTenant } from '../accounts/tenant.repository.ts';
import { createSmtpTransport, EmailSendError, type EmailTransport } from './email.transport.ts';
import { buildEmail, minutesAfter, TEST_FROM, useOutboxTestContext } from './notify.fixtures.ts';
import { InvalidEmailMessageError } from './notify.schema.ts';
import { deliverPending, enqueueEmail } from './notify.service.ts';

describe('notify outbox', () => {
  const ctx = useOutboxTestContext();

  describe('enqueueEmail', () => {
    it('queues a message with the change that causes it, and nothing when that transaction rolls back', async () => {
      await expect(
        ctx.db.transaction().execute(async (trx) => {
          await enqueueEmail(trx, ctx.tenantId, buildEmail());
          throw new Error('the password reset failed');
        }),
      ).rejects.toThrow('the password reset failed');
      expect(await ctx.rows()).toEqual([]);

      const { id } = await ctx.db
        .transaction()
        .execute((trx) => enqueueEmail(trx, ctx.tenantId, buildEmail()));
      expect(await ctx.rows()).toEqual([
        expect.objectContaining({
          tenant_id: ctx.tenantId,
          id,
          channel: 'email',
          recipient: 'ada@example.com',
          subject: 'Reset your Signpost password',
          body_text: buildEmail().text,
          body_html: buildEmail().html,
          template: 'password-reset',
          status: 'queued',
          attempts: 0,
          last_error: null,
          sent_at: null,
        }),
      ]);
      expect(ctx.smtp.messages).toEqual([]);
    });

    it('refuses a bad address before storing anything', async () => {
      const error = await enqueueEmail(
        ctx.db,
        ctx.tenantId,
        buildEmail({ to: 'ada@example.com, eve@example.com' }),
      ).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(InvalidEmailMessageError);
      expect((error as InvalidEmailMessageError).issues.map((i) => i.field)).toEqual(['to']);
      expect((error as Error).message).not.toContain('eve@example.com');
      expect(await ctx.rows()).toEqual([]);
    });
  });

  describe('deliverPending', () => {
    it('sends a queued message over SMTP and marks it sent, keeping no body', async () => {
      const { id } = await enqueueEmail(ctx.db, ctx.tenantId, buildEmail());
      const counts = await deliverPending(ctx.db, ctx.transport, { limit: 10 });
      expect(counts).toEqual({ sent: 1, retrying: 0, failed: 0 });

      expect(ctx.smtp.messages).toHaveLength(1);
      const received = await waitForMessage(ctx.smtp);
      expect(received).toMatchObject({
        to: 'ada@example.com',
        from: TEST_FROM,
        subject: 'Reset your Signpost password',
        text: buildEmail().text,
        html: buildEmail().html,
      });
      const sent = await ctx.row(id);
      expect(sent).toMatchObject({
        status: 'sent',
        attempts: 1,
        provider_message_id: received.headers['message-id'],
        recipient: 'ada@example.com',
        subject: 'Reset your Signpost password',
        template: 'password-reset',
        body_text: '',
        body_html: null,
        last_error: null,
      });
      expect(sent.sent_at).toBeInstanceOf(Date);

      expect(await deliverPending(ctx.db, ctx.transport, { limit: 10 })).toEqual({
        sent: 0,
        retrying: 0,
        failed: 0,
      });
      expect(ctx.smtp.messages).toHaveLength(1);
    });

    it('delivers every tenant’s messages, oldest first, up to the limit', async () => {
      const other = await ensureTenant(ctx.db, 'other-pcn', 'Other PCN');
      await enqueueEmail(ctx.db, ctx.tenantId, buildEmail({ to: 'first@example.com' }));
      await enqueueEmail(ctx.db, other.id, buildEmail({ to: 'second@example.com' }));
      await enqueueEmail(ctx.db, ctx.tenantId, buildEmail({ to: 'third@example.com' }));

      expect(await deliverPending(ctx.db, ctx.transport, { limit: 2 })).toMatchObject({ sent: 2 });
      expect(ctx.smtp.messages.map((m) => m.to)).toEqual(['first@example.com', 'second@example.com']);
      expect(await deliverPending(ctx.db, ctx.transport, { limit: 2 })).toMatchObject({ sent: 1 });
      expect(ctx.smtp.messages.map((m) => m.to)).toContain('third@example.com');
    });

    it('retries a temporary (4xx) refusal after the back-off, then sends', async () => {
      const { id } = await enqueueEmail(ctx.db, ctx.tenantId, buildEmail());
      const t0 = await ctx.dueTime(id);
      ctx.smtp.rejectNext(1, 451);

      expect(await deliverPending(ctx.db, ctx.transport, { limit: 10, now: t0 })).toEqual({
        sent: 0,
        retrying: 1,
        failed: 0,
      });
      expect(await ctx.row(id)).toMatchObject({
        status: 'queued',
        attempts: 1,
        last_error: 'EMESSAGE 451',
        next_attempt_at: minutesAfter(t0, 1),
      });
      expect(ctx.smtp.messages).toHaveLength(0);

      // Not due yet: nothing is tried.
      expect(
        await deliverPending(ctx.db, ctx.transport, { limit: 10, now: minutesAfter(t0, 0.5) }),
      ).toMatchObject({
        retrying: 0,
        sent: 0,
      });
      expect(
        await deliverPending(ctx.db, ctx.transport, { limit: 10, now: minutesAfter(t0, 1) }),
      ).toMatchObject({
        sent: 1,
      });
      expect(await ctx.row(id)).toMatchObject({ status: 'sent', attempts: 2, last_error: null });
      expect(ctx.smtp.messages).toHaveLength(1);
    });

    it.each([
      ['the message', 554, 'data', 'EMESSAGE 554'],
      ['the recipient', 550, 'rcpt', 'EENVELOPE 550'],
    ] as const)(
      'fails at once when the server permanently refuses %s',
      async (_what, code, stage, lastError) => {
        const { id } = await enqueueEmail(ctx.db, ctx.tenantId, buildEmail());
        ctx.smtp.rejectNext(1, code, stage);
        expect(await deliverPending(ctx.db, ctx.transport, { limit: 10 })).toEqual({
          sent: 0,
          retrying: 0,
          failed: 1,
        });
        const failed = await ctx.row(id);
        expect(failed).toMatchObject({ status: 'failed', attempts: 1, last_error: lastError, body_text: '' });
        expect(failed.last_error).not.toContain('ada@example.com');
        expect(failed.sent_at).toBeNull();
      },
    );

    it('fails a message after its fifth temporary refusal', async () => {
      const { id } = await enqueueEmail(ctx.db, ctx.tenantId, buildEmail());
      ctx.smtp.rejectNext(5, 450, 'rcpt');
      let now = await ctx.dueTime(id);
      const outcomes: string[] = [];
      for (let attempt = 1; attempt <= 5; attempt += 1) {
        const counts = await deliverPending(ctx.db, ctx.transport, { limit: 10, now });
        outcomes.push(counts.failed === 1 ? 'failed' : counts.retrying === 1 ? 'retrying' : 'nothing');
        const current = await ctx.row(id);
        expect(current.attempts).toBe(attempt);
        now = current.next_attempt_at;
      }
      expect(outcomes).toEqual(['retrying', 'retrying', 'retrying', 'retrying', 'failed']);
      expect(await ctx.row(id)).toMatchObject({ status: 'failed', attempts: 5, last_error: 'EENVELOPE 450' });
      expect(
        await deliverPending(ctx.db, ctx.transport, { limit: 10, now: minutesAfter(now, 600) }),
      ).toMatchObject({
        sent: 0,
      });
      expect(ctx.smtp.messages).toHaveLength(0);
    });

    it('stops the run when the server cannot be reached, leaving the rest queued', async () => {
      const gone = await startTestSmtpServer();
      await gone.close();
      const ids = [];
      for (const to of ['a@example.com', 'b@example.com', 'c@example.com']) {
        ids.push((await enqueueEmail(ctx.db, ctx.tenantId, buildEmail({ to }))).id);
      }
      const counts = await deliverPending(ctx.db, createSmtpTransport(gone.url, TEST_FROM), { limit: 10 });
      expect(counts).toEqual({ sent: 0, retrying: 1, failed: 0, unavailable: 'ESOCKET ECONNREFUSED' });
      const after = await ctx.rows();
      expect(after.map((r) => [r.status, r.attempts])).toEqual([
        ['queued', 1],
        ['queued', 0],
        ['queued', 0],
      ]);
      expect(after[0]?.last_error).toBe('ESOCKET ECONNREFUSED');
    });

    it('sends a message in the millisecond it was queued (JavaScript time has no microseconds)', async () => {
      const { id } = await enqueueEmail(ctx.db, ctx.tenantId, buildEmail());
      const queuedAt = (await ctx.row(id)).next_attempt_at;
      expect(await deliverPending(ctx.db, ctx.transport, { limit: 10, now: queuedAt })).toMatchObject({
        sent: 1,
      });
    });

    it('treats an unexpected transport error as temporary', async () => {
      const { id } = await enqueueEmail(ctx.db, ctx.tenantId, buildEmail());
      const broken: EmailTransport = {
        send: () => Promise.reject(new Error('ada@example.com could not be reached')),
      };
      expect(await deliverPending(ctx.db, broken, { limit: 10 })).toMatchObject({
        retrying: 1,
        unavailable: 'EUNKNOWN',
      });
      expect(await ctx.row(id)).toMatchObject({ status: 'queued', last_error: 'EUNKNOWN' });

      const deferring: EmailTransport = {
        send: () => Promise.reject(new EmailSendError('deferred', 'EGATEWAY')),
      };
      expect(
        await deliverPending(ctx.db, deferring, { limit: 10, now: minutesAfter(new Date(), 2) }),
      ).toEqual({
        sent: 0,
        retrying: 1,
        failed: 0,
      });
    });
  });
});

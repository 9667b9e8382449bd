import { describe, expect, inject, it } from 'vitest';
import type { EmailTransport } from './email.transport.ts';
import { buildEmail, minutesAfter, useOutboxTestContext } from './notify.fixtures.ts';
import { deliverPending, enqueueEmail } from './notify.service.ts';
import { CLAIM_MINUTES } from './outbox.delivery.ts';
import { claimNextDue, insertOutboxRow, markSent } from './outbox.repository.ts';

// Claims: how workers share the outbox without sending a message twice, and recover from one that died.
describe('outbox claims', () => {
  const ctx = useOutboxTestContext();

  it('takes back a message whose worker died mid-send once the claim lapses, and ignores the late worker', async () => {
    const { id } = await enqueueEmail(ctx.db, ctx.tenantId, buildEmail());
    const t0 = await ctx.dueTime(id);
    const claim = await claimNextDue(ctx.db, {
      channel: 'email',
      now: t0,
      claimUntil: minutesAfter(t0, CLAIM_MINUTES),
      maxAttempts: 5,
    });
    expect(claim).toMatchObject({ id, attempts: 1, to: 'ada@example.com' });
    expect(await ctx.row(id)).toMatchObject({ status: 'sending', attempts: 1 });

    expect(
      await deliverPending(ctx.db, ctx.transport, { limit: 10, now: minutesAfter(t0, 5) }),
    ).toMatchObject({
      sent: 0,
    });
    expect(
      await deliverPending(ctx.db, ctx.transport, { limit: 10, now: minutesAfter(t0, CLAIM_MINUTES + 1) }),
    ).toMatchObject({ sent: 1 });
    expect(await ctx.row(id)).toMatchObject({ status: 'sent', attempts: 2 });

    // The first worker wakes up and reports: its claim no longer stands, so nothing changes.
    expect(
      await markSent(
        ctx.db,
        { tenantId: ctx.tenantId, id, attempts: 1 },
        { sentAt: t0, providerMessageId: 'x' },
      ),
    ).toBe(false);
    expect(await ctx.row(id)).toMatchObject({ status: 'sent', attempts: 2 });
  });

  it('fails a message whose final attempt’s claim lapsed, without sending it again', async () => {
    const { id } = await insertOutboxRow(ctx.db, {
      tenant_id: ctx.tenantId,
      channel: 'email',
      recipient: 'ada@example.com',
      subject: 'S',
      body_text: 'T',
      template: 'password-reset',
      status: 'sending',
      attempts: 5,
      next_attempt_at: minutesAfter(new Date(), -1),
    });
    expect(await deliverPending(ctx.db, ctx.transport, { limit: 10 })).toEqual({
      sent: 0,
      retrying: 0,
      failed: 1,
    });
    expect(await ctx.row(id)).toMatchObject({ status: 'failed', last_error: 'ECLAIMLAPSED', body_text: '' });
    expect(ctx.smtp.messages).toHaveLength(0);
  });

  it('leaves other channels alone', async () => {
    const { id } = await insertOutboxRow(ctx.db, {
      tenant_id: ctx.tenantId,
      channel: 'sms',
      recipient: '07700900123',
      body_text: 'Your appointment is tomorrow',
      template: 'appointment-reminder',
    });
    expect(await deliverPending(ctx.db, ctx.transport, { limit: 10 })).toEqual({
      sent: 0,
      retrying: 0,
      failed: 0,
    });
    expect(await ctx.row(id)).toMatchObject({ status: 'queued', attempts: 0 });
  });

  it('never sends a message twice when two workers run at once', async () => {
    const recipients = Array.from(
      { length: 30 },
      (_, i) => `person${String(i).padStart(2, '0')}@example.com`,
    );
    for (const to of recipients) {
      await enqueueEmail(ctx.db, ctx.tenantId, buildEmail({ to }));
    }
    const sends = new Map<string, number>();
    const counting: EmailTransport = {
      send: async (message) => {
        sends.set(message.to, (sends.get(message.to) ?? 0) + 1);
        return ctx.transport.send(message);
      },
    };
    const [a, b] = await Promise.all([
      deliverPending(ctx.db, counting, { limit: 30 }),
      deliverPending(ctx.db, counting, { limit: 30 }),
    ]);
    expect(a.sent + b.sent).toBe(30);
    expect(a.sent).toBeGreaterThan(0);
    expect(b.sent).toBeGreaterThan(0);
    expect([...sends.values()].every((n) => n === 1)).toBe(true);
    expect(ctx.smtp.messages.map((m) => m.to).sort()).toEqual(recipients);
    expect((await ctx.rows()).every((r) => r.status === 'sent' && r.attempts === 1)).toBe(true);
  });

  it.runIf(inject('dbKind') === 'postgres')(
    'skips a row another transaction has locked instead of waiting for it',
    async () => {
      const locked = await enqueueEmail(ctx.db, ctx.tenantId, buildEmail({ to: 'locked@example.com' }));
      await enqueueEmail(ctx.db, ctx.tenantId, buildEmail({ to: 'free@example.com' }));
      await ctx.db.transaction().execute(async (trx) => {
        await trx.selectFrom('notify_outbox').select('id').where('id', '=', locked.id).forUpdate().execute();
        // A second connection (the pool's): it must not block on the lock held by trx.
        expect(await deliverPending(ctx.db, ctx.transport, { limit: 10 })).toMatchObject({ sent: 1 });
      });
      expect(ctx.smtp.messages.map((m) => m.to)).toEqual(['free@example.com']);
      expect(await ctx.row(locked.id)).toMatchObject({ status: 'queued', attempts: 0 });
    },
  );
});

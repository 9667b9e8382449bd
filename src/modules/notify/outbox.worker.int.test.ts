import { sql, type KyselyPlugin } from 'kysely';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  startTestSmtpServer,
  waitForMessage,
  type TestSmtpServer,
} from '../../../test/support/smtp-server.ts';
import { createTestConfig } from '../../../test/support/test-config.ts';
import { createTestDatabase, type TestDatabase } from '../../../test/support/test-db.ts';
import type { EmailTransport } from './email.transport.ts';
import { enqueueEmail, notifyStatus } from './notify.service.ts';
import { startOutboxWorker, type OutboxWorkerLogger } from './outbox.worker.ts';

const RECIPIENT = 'grace.hopper@example.com';
const SUBJECT = 'Your social prescription';
const BODY = 'Walking group, Tuesdays at 10am, for Grace';

interface LogLine {
  level: 'info' | 'warn' | 'error';
  obj: object;
  msg: string;
}

function recordingLogger(): OutboxWorkerLogger & { lines: LogLine[] } {
  const lines: LogLine[] = [];
  return {
    lines,
    info: (obj, msg) => lines.push({ level: 'info', obj, msg }),
    warn: (obj, msg) => lines.push({ level: 'warn', obj, msg }),
    error: (obj, msg) => lines.push({ level: 'error', obj, msg }),
  };
}

function expectNoPersonalData(lines: LogLine[]): void {
  const logged = JSON.stringify(lines);
  expect(logged).not.toContain(RECIPIENT);
  expect(logged).not.toContain(SUBJECT);
  expect(logged).not.toContain(BODY);
}

describe('startOutboxWorker', () => {
  let t: TestDatabase;
  let smtp: TestSmtpServer;

  beforeAll(async () => {
    t = await createTestDatabase();
    smtp = await startTestSmtpServer();
  });
  afterAll(async () => {
    await smtp.close();
    await t.close();
  });
  beforeEach(async () => {
    await sql`TRUNCATE notify_outbox`.execute(t.db);
    smtp.reset();
  });

  async function enqueue(): Promise<string> {
    const { id } = await enqueueEmail(t.db, t.tenant.id, {
      to: RECIPIENT,
      subject: SUBJECT,
      text: BODY,
      template: 'social-prescription',
    });
    return id;
  }

  async function statusOf(id: string): Promise<string> {
    const row = await t.db
      .selectFrom('notify_outbox')
      .select('status')
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    return row.status;
  }

  it('without SMTP_URL or NOTIFY_API_KEY warns once, delivers nothing and reports delivery as not configured', async () => {
    const config = createTestConfig({ smtpUrl: undefined, notify: undefined });
    const logger = recordingLogger();
    const worker = startOutboxWorker({ db: t.db, config, logger, intervalMs: 10 });
    const id = await enqueue();
    await worker.deliverNow();
    await new Promise((resolve) => setTimeout(resolve, 50));
    await worker.stop();

    expect(await statusOf(id)).toBe('queued');
    expect(logger.lines).toEqual([
      {
        level: 'warn',
        obj: {},
        msg: 'SMTP_URL is not set: email stays queued in the outbox and is not delivered',
      },
      {
        level: 'warn',
        obj: {},
        msg: 'NOTIFY_API_KEY is not set: text messages stay queued in the outbox and are not delivered',
      },
    ]);
    expect(notifyStatus(config)).toEqual({ emailDelivery: 'not-configured', smsDelivery: 'not-configured' });
    expect(notifyStatus(createTestConfig({ smtpUrl: smtp.url }))).toEqual({
      emailDelivery: 'smtp',
      smsDelivery: 'not-configured',
    });
  });

  it('delivers on request over the configured SMTP server, logging counts only', async () => {
    const logger = recordingLogger();
    const worker = startOutboxWorker({
      db: t.db,
      config: createTestConfig({ smtpUrl: smtp.url, mailFrom: 'Signpost <signpost@example.nhs.uk>' }),
      logger,
      intervalMs: 60_000,
    });
    try {
      const id = await enqueue();
      await worker.deliverNow();
      expect(await statusOf(id)).toBe('sent');
      expect(smtp.messages).toMatchObject([
        { to: RECIPIENT, from: 'Signpost <signpost@example.nhs.uk>', subject: SUBJECT, text: BODY },
      ]);
      expect(logger.lines.filter((l) => l.level === 'info')).toEqual([
        { level: 'info', obj: { channel: 'email', sent: 1, retrying: 0, failed: 0 }, msg: 'Outbox delivery' },
      ]);
      expectNoPersonalData(logger.lines);
    } finally {
      await worker.stop();
    }
  });

  it('polls: a queued message goes out without being asked for', async () => {
    const worker = startOutboxWorker({
      db: t.db,
      config: createTestConfig({ smtpUrl: smtp.url }),
      logger: recordingLogger(),
      intervalMs: 20,
    });
    try {
      await enqueue();
      const received = await waitForMessage(smtp, (m) => m.to === RECIPIENT);
      expect(received.subject).toBe(SUBJECT);
    } finally {
      await worker.stop();
    }
  });

  it('sends each message once however often delivery is asked for, and nothing after stop', async () => {
    const worker = startOutboxWorker({
      db: t.db,
      config: createTestConfig({ smtpUrl: smtp.url }),
      logger: recordingLogger(),
      intervalMs: 5,
      batchSize: 2,
    });
    for (let i = 0; i < 5; i += 1) {
      await enqueue();
    }
    await Promise.all([worker.deliverNow(), worker.deliverNow(), worker.deliverNow()]);
    expect(smtp.messages).toHaveLength(5);
    await worker.stop();

    const late = await enqueue();
    await worker.deliverNow();
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(await statusOf(late)).toBe('queued');
    expect(smtp.messages).toHaveLength(5);
  });

  it('logs an unusable server and a database failure by code, without personal data, and carries on', async () => {
    const logger = recordingLogger();
    const failing: EmailTransport = {
      send: () => Promise.reject(Object.assign(new Error(`Cannot reach ${RECIPIENT}`), { code: 'ESOCKET' })),
    };
    // A database error as pg reports it, with row values in `detail`.
    let failQueries = false;
    const flaky: KyselyPlugin = {
      transformQuery: (args) => {
        if (failQueries) {
          throw Object.assign(new Error('new row violates check constraint'), {
            code: '23514',
            detail: `Failing row contains (${RECIPIENT}, ${SUBJECT}, ${BODY})`,
          });
        }
        return args.node;
      },
      transformResult: (args) => Promise.resolve(args.result),
    };
    const db = t.db.withPlugin(flaky);
    const worker = startOutboxWorker({
      db,
      config: createTestConfig(),
      logger,
      intervalMs: 60_000,
      transport: failing,
    });
    try {
      const id = await enqueue();
      await worker.deliverNow();
      expect(await statusOf(id)).toBe('queued');
      failQueries = true;
      await worker.deliverNow();
      failQueries = false;
      expect(logger.lines.map((l) => [l.level, l.obj])).toEqual([
        ['warn', {}], // NOTIFY_API_KEY is not set
        ['info', { channel: 'email', sent: 0, retrying: 1, failed: 0 }],
        ['warn', { channel: 'email', code: 'ESOCKET' }],
        [
          'error',
          {
            channel: 'email',
            err: { name: 'Error', message: 'new row violates check constraint', code: '23514' },
          },
        ],
      ]);
      expectNoPersonalData(logger.lines);
    } finally {
      await worker.stop();
    }
  });
});

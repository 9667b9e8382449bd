import type { Kysely } from 'kysely';
import type { Config } from '../../config.ts';
import type { Database } from '../../db/database.ts';
import { createSmtpTransport, type EmailTransport } from './email.transport.ts';
import {
  createNotifyEmailTransport,
  createNotifySmsTransport,
  type SmsTransport,
} from './notify-api.transport.ts';
import { deliverPending, deliverPendingSms } from './notify.service.ts';
import type { DeliveryCounts } from './outbox.delivery.ts';

// Polls the outbox and delivers due email and text messages. Runs never overlap within a process; several
// processes may run workers at once (the claim query keeps them apart). Logs counts and error codes only.

/** The part of a pino / Fastify logger the worker uses (`app.log` fits). */
export interface OutboxWorkerLogger {
  info(obj: object, msg: string): void;
  warn(obj: object, msg: string): void;
  error(obj: object, msg: string): void;
}

export interface OutboxWorkerOptions {
  db: Kysely<Database>;
  config: Pick<Config, 'smtpUrl' | 'mailFrom' | 'notify'>;
  logger: OutboxWorkerLogger;
  /** Time between polls; default 5 seconds. */
  intervalMs?: number;
  /** Messages per claim loop; default 50. */
  batchSize?: number;
  /** Replaces the email transport chosen from the configuration (tests, another provider). */
  transport?: EmailTransport;
  /** Replaces the Notify SMS transport built from config.notify (tests). */
  smsTransport?: SmsTransport;
}

export interface OutboxWorker {
  /** Stops polling and waits for a run in progress to finish. */
  stop(): Promise<void>;
  /** Delivers what is due now (after any run in progress); call it after committing an urgent message. */
  deliverNow(): Promise<void>;
}

/** A full batch means more may be due; stop after this many in a row so one tick cannot run for ever. */
const MAX_BATCHES_PER_RUN = 20;

/** An error for the log without what it may carry (pg errors put row values in `detail`). */
function describeError(error: unknown): object {
  if (!(error instanceof Error)) {
    return { name: typeof error };
  }
  const code = (error as { code?: unknown }).code;
  return { name: error.name, message: error.message, ...(typeof code === 'string' ? { code } : {}) };
}

interface RunQueue {
  /** Runs `drain` after any run in progress; requests made while one waits share it. */
  request(): Promise<void>;
  /** Refuses further runs and waits for the current one. */
  close(): Promise<void>;
}

// One run at a time. A request made while a run is going queues one more run after it (the running one
// may have looked before the new message committed); requests made while that one waits share it.
function createRunQueue(drain: () => Promise<void>): RunQueue {
  let closed = false;
  let current: Promise<void> = Promise.resolve();
  let pending: Promise<void> | undefined;
  return {
    request: () => {
      if (closed) {
        return current;
      }
      if (pending !== undefined) {
        return pending;
      }
      const next = current.then(async () => {
        pending = undefined;
        await drain();
      });
      pending = next;
      current = next;
      return next;
    },
    close: async () => {
      closed = true;
      await current;
    },
  };
}

/** One channel the worker delivers: how to deliver a batch, and what to say when its provider is down. */
interface Channel {
  name: 'email' | 'sms';
  deliver(limit: number): Promise<DeliveryCounts>;
  unavailableMessage: string;
}

/** SMTP_URL first; without it, Notify when it has an email template (notifyStatus says the same). */
function emailTransportFor(config: OutboxWorkerOptions['config']): EmailTransport | undefined {
  if (config.smtpUrl !== undefined) {
    return createSmtpTransport(config.smtpUrl, config.mailFrom);
  }
  const notify = config.notify;
  return notify?.emailTemplateId === undefined
    ? undefined
    : createNotifyEmailTransport({ ...notify, emailTemplateId: notify.emailTemplateId });
}

function configuredChannels(options: OutboxWorkerOptions): Channel[] {
  const { db, config, logger } = options;
  const channels: Channel[] = [];
  const email = options.transport ?? emailTransportFor(config);
  if (email === undefined) {
    logger.warn({}, 'SMTP_URL is not set: email stays queued in the outbox and is not delivered');
  } else {
    channels.push({
      name: 'email',
      deliver: (limit) => deliverPending(db, email, { limit }),
      unavailableMessage: 'Email server unavailable; the outbox will try again',
    });
  }
  const sms = options.smsTransport ?? (config.notify && createNotifySmsTransport(config.notify));
  if (sms === undefined) {
    logger.warn(
      {},
      'NOTIFY_API_KEY is not set: text messages stay queued in the outbox and are not delivered',
    );
  } else {
    channels.push({
      name: 'sms',
      deliver: (limit) => deliverPendingSms(db, sms, { limit }),
      unavailableMessage: 'GOV.UK Notify unavailable; the outbox will try again',
    });
  }
  return channels;
}

/**
 * Starts the outbox worker: email over SMTP_URL (or Notify with NOTIFY_EMAIL_TEMPLATE_ID), text messages
 * through Notify. A channel without a provider (and no transport given) gets a warning in the log and is
 * left queued, and notifyStatus tells the admin pages.
 * @param options - database, configuration, logger, poll interval, and optionally transports
 */
export function startOutboxWorker(options: OutboxWorkerOptions): OutboxWorker {
  const { logger } = options;
  const channels = configuredChannels(options);
  if (channels.length === 0) {
    return { stop: () => Promise.resolve(), deliverNow: () => Promise.resolve() };
  }
  const batchSize = options.batchSize ?? 50;
  let stopped = false;

  // True when the batch was full and more may be due.
  const runBatch = async (channel: Channel): Promise<boolean> => {
    try {
      const { sent, retrying, failed, unavailable } = await channel.deliver(batchSize);
      if (sent + retrying + failed > 0) {
        logger.info({ channel: channel.name, sent, retrying, failed }, 'Outbox delivery');
      }
      if (unavailable !== undefined) {
        logger.warn({ channel: channel.name, code: unavailable }, channel.unavailableMessage);
      }
      return unavailable === undefined && sent + retrying + failed >= batchSize;
    } catch (error) {
      logger.error(
        { channel: channel.name, err: describeError(error) },
        'Outbox delivery failed; the outbox will try again',
      );
      return false;
    }
  };

  const runs = createRunQueue(async () => {
    let active = channels;
    for (let batch = 0; batch < MAX_BATCHES_PER_RUN && !stopped && active.length > 0; batch += 1) {
      const more: Channel[] = [];
      for (const channel of active) {
        if (await runBatch(channel)) {
          more.push(channel);
        }
      }
      active = more;
    }
  });

  let timer: NodeJS.Timeout | undefined;
  const schedule = (): void => {
    if (stopped) {
      return;
    }
    timer = setTimeout(() => {
      void runs.request().then(schedule);
    }, options.intervalMs ?? 5000);
    // The poll alone must not keep a process alive (a CLI, a test run).
    timer.unref();
  };
  schedule();

  return {
    stop: async () => {
      stopped = true;
      clearTimeout(timer);
      await runs.close();
    },
    deliverNow: () => runs.request(),
  };
}

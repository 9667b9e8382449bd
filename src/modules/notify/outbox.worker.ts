import type { Kysely } from 'kysely';
import type { Config } from '../../config.ts';
import type { Database } from '../../db/database.ts';
import { createSmtpTransport, type EmailTransport } from './email.transport.ts';
import { deliverPending } from './notify.service.ts';

// Polls the outbox and delivers due email. Runs never overlap within a process; several processes may
// run workers at once (the claim query keeps them apart). Logs counts and error codes only.

/** The part of a pino / Fastify logger the worker uses (`app.log` fits). */
export interface OutboxWorkerLogger {
  info(obj: object, msg: string): void;
  warn(obj: object, msg: string): void;
  error(obj: object, msg: string): void;
}

export interface OutboxWorkerOptions {
  db: Kysely<Database>;
  config: Pick<Config, 'smtpUrl' | 'mailFrom'>;
  logger: OutboxWorkerLogger;
  /** Time between polls; default 5 seconds. */
  intervalMs?: number;
  /** Messages per claim loop; default 50. */
  batchSize?: number;
  /** Replaces the SMTP transport built from config.smtpUrl (tests, another provider). */
  transport?: EmailTransport;
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

/**
 * Starts the outbox worker. Without SMTP_URL (and no transport given) it logs a warning and does
 * nothing: messages stay queued, and notifyStatus tells the admin pages.
 * @param options - database, configuration, logger, poll interval, and optionally a transport
 */
export function startOutboxWorker(options: OutboxWorkerOptions): OutboxWorker {
  const { db, config, logger } = options;
  if (options.transport === undefined && config.smtpUrl === undefined) {
    logger.warn({}, 'SMTP_URL is not set: email stays queued in the outbox and is not delivered');
    return { stop: () => Promise.resolve(), deliverNow: () => Promise.resolve() };
  }
  const transport = options.transport ?? createSmtpTransport(config.smtpUrl ?? '', config.mailFrom);
  const batchSize = options.batchSize ?? 50;
  let stopped = false;

  const runBatch = async (): Promise<boolean> => {
    const { sent, retrying, failed, unavailable } = await deliverPending(db, transport, { limit: batchSize });
    if (sent + retrying + failed > 0) {
      logger.info({ sent, retrying, failed }, 'Outbox delivery');
    }
    if (unavailable !== undefined) {
      logger.warn({ code: unavailable }, 'Email server unavailable; the outbox will try again');
    }
    return unavailable === undefined && sent + retrying + failed >= batchSize;
  };

  const runs = createRunQueue(async () => {
    try {
      for (let batch = 0; batch < MAX_BATCHES_PER_RUN && !stopped; batch += 1) {
        if (!(await runBatch())) {
          return;
        }
      }
    } catch (error) {
      logger.error({ err: describeError(error) }, 'Outbox delivery failed; the outbox will try again');
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

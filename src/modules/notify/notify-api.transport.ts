import axios from 'axios';
import { NotifyClient } from 'notifications-node-client';
import type { NotifyConfig } from '../../config.ts';
import type { EmailTransport } from './email.transport.ts';
import { SendError, type SendFailureKind } from './send-error.ts';

// Text messages (and, without SMTP_URL, email) through GOV.UK Notify's HTTP API with its official client.
// Each Notify template is a shell, `((body))` (and `((subject))` for email): the outbox holds the text.
// Errors keep Notify's status and error name only. Its messages can quote the number or the content, and the
// client's errors carry the request (number, text, signed token): none of it is stored, logged or rethrown.

/** What the SMS transport is asked to send. */
export interface OutboundSms {
  /** E.164, as enqueueSms stores it. */
  to: string;
  text: string;
  /** The outbox row id: Notify keeps it with the notification, so both sides can be matched. */
  reference: string;
}

/** Delivers one text message. Throws a SendError to say how it failed; anything else counts as `unavailable`. */
export interface SmsTransport {
  send(message: OutboundSms): Promise<{ messageId: string }>;
}

/** A failed send through Notify. */
export class NotifySendError extends SendError {
  constructor(kind: SendFailureKind, code: string) {
    super(kind, code, 'Notify message');
    this.name = 'NotifySendError';
  }
}

/** The client's own axios has no timeout: a hung connection would hold the worker's run for ever. */
const REQUEST_TIMEOUT_MS = 30_000;
const SAFE_CODE = /^[A-Z][A-Z0-9_]{0,39}$/;
const SAFE_ERROR_NAME = /^[A-Za-z][A-Za-z0-9]{0,39}$/;
/**
 * A 400 about our own setup rather than this message: a wrong or deleted template, a template with other
 * placeholders, a service not allowed to send texts. Every message would fail the same way.
 */
const SETUP_PROBLEM = /template|personalisation|cannot send/i;

function firstNotifyError(data: unknown): { name?: string; message: string } {
  const errors = (data as { errors?: unknown } | undefined)?.errors;
  const first: unknown = Array.isArray(errors) ? errors[0] : undefined;
  const { error, message } = (first ?? {}) as { error?: unknown; message?: unknown };
  return {
    ...(typeof error === 'string' && SAFE_ERROR_NAME.test(error) ? { name: error } : {}),
    message: typeof message === 'string' ? message : '',
  };
}

/**
 * Turns what the Notify client threw into a NotifySendError with a code safe to store
 * (`NOTIFY 400 ValidationError`, `NOTIFY 429 RateLimitError`, `NOTIFY ECONNREFUSED`).
 * - 400: this message is wrong (a number Notify will not text, content too long): `rejected`, unless the
 *   problem is our setup (template, personalisation, permission): `unavailable`, code ending in SETUP.
 * - 403 (bad key, clock), 429 (rate or daily limit), 5xx, no answer: `unavailable`, tried again later and
 *   the run stops, since the next message would meet the same answer.
 * @param error - what the client threw
 */
export function classifyNotifyError(error: unknown): SendError {
  if (error instanceof SendError) {
    return error;
  }
  if (!axios.isAxiosError(error)) {
    return new NotifySendError('unavailable', 'NOTIFY EUNKNOWN');
  }
  const status = error.response?.status;
  if (status === undefined) {
    const code = typeof error.code === 'string' && SAFE_CODE.test(error.code) ? error.code : 'EUNKNOWN';
    return new NotifySendError('unavailable', `NOTIFY ${code}`);
  }
  const first = firstNotifyError(error.response?.data);
  const code = ['NOTIFY', String(status), ...(first.name === undefined ? [] : [first.name])].join(' ');
  if (status !== 400) {
    return new NotifySendError('unavailable', code);
  }
  return SETUP_PROBLEM.test(first.message)
    ? new NotifySendError('unavailable', `${code} SETUP`)
    : new NotifySendError('rejected', code);
}

type NotifyRestClient = Parameters<NotifyClient['setClient']>[0];

function createClient(config: NotifyConfig): NotifyClient {
  const client = new NotifyClient(config.baseUrl, config.apiKey);
  // The client's types name axios's CommonJS declarations and this ES module gets axios's ES ones: one
  // AxiosInstance that TypeScript sees twice, hence the cast.
  client.setClient(
    axios.create({ timeout: REQUEST_TIMEOUT_MS, maxRedirects: 0 }) as unknown as NotifyRestClient,
  );
  return client;
}

async function notificationId(request: Promise<{ data: { id?: unknown } }>): Promise<{ messageId: string }> {
  let id: unknown;
  try {
    ({ id } = (await request).data);
  } catch (error) {
    throw classifyNotifyError(error);
  }
  if (typeof id !== 'string' || id === '') {
    throw new NotifySendError('unavailable', 'NOTIFY EBADRESPONSE');
  }
  return { messageId: id };
}

/**
 * Sends text messages through Notify: the template NOTIFY_SMS_TEMPLATE_ID with the text as `body` and the
 * outbox row id as `reference`.
 * @param config - the Notify settings (NOTIFY_API_KEY, NOTIFY_BASE_URL, NOTIFY_SMS_TEMPLATE_ID)
 */
export function createNotifySmsTransport(config: NotifyConfig): SmsTransport {
  const client = createClient(config);
  return {
    send: (message) =>
      notificationId(
        client.sendSms(config.smsTemplateId, message.to, {
          personalisation: { body: message.text },
          reference: message.reference,
        }),
      ),
  };
}

/**
 * Sends email through Notify: the template NOTIFY_EMAIL_TEMPLATE_ID with `subject` and `body` (the plain
 * text; Notify makes its own HTML, so an HTML body is not sent). For services without an SMTP relay.
 * @param config - the Notify settings, with an email template id
 */
export function createNotifyEmailTransport(
  config: NotifyConfig & { emailTemplateId: string },
): EmailTransport {
  const client = createClient(config);
  return {
    send: (message) =>
      notificationId(
        client.sendEmail(config.emailTemplateId, message.to, {
          personalisation: { subject: message.subject, body: message.text },
          ...(message.reference === undefined ? {} : { reference: message.reference }),
        }),
      ),
  };
}

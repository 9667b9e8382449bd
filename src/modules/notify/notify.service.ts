import type { Kysely, Transaction } from 'kysely';
import type { Config } from '../../config.ts';
import type { Database } from '../../db/database.ts';
import { classifySmtpError, type EmailTransport } from './email.transport.ts';
import { classifyNotifyError, type SmsTransport } from './notify-api.transport.ts';
import { InvalidEmailMessageError, validateEmailMessage, type EmailMessage } from './notify.schema.ts';
import { deliverChannel, type DeliverOptions, type DeliveryCounts } from './outbox.delivery.ts';
import { insertOutboxRow } from './outbox.repository.ts';
import { InvalidSmsMessageError, validateSmsMessage, type SmsMessage } from './sms.schema.ts';

// The one way Signpost sends a message: enqueue it in the transaction that causes it, and let the
// outbox worker deliver it after the commit. If the transaction rolls back, no message exists.

/**
 * Queues an email. Call it with the caller's transaction so the message commits or rolls back with the
 * change that causes it.
 * @param db - the database, or the caller's transaction
 * @param tenantId - the tenant the message belongs to
 * @param message - recipient, subject, text body, optional HTML body, and a template name for reporting
 * @returns the outbox row's id; throws InvalidEmailMessageError for a bad address or an empty field
 */
export async function enqueueEmail(
  db: Kysely<Database> | Transaction<Database>,
  tenantId: string,
  message: EmailMessage,
): Promise<{ id: string }> {
  const checked = validateEmailMessage(message);
  if (!checked.ok) {
    throw new InvalidEmailMessageError(checked.error);
  }
  const { to, subject, text, html, template } = checked.value;
  return insertOutboxRow(db, {
    tenant_id: tenantId,
    channel: 'email',
    recipient: to,
    subject,
    body_text: text,
    body_html: html ?? null,
    template,
  });
}

/**
 * Queues a text message. Call it with the caller's transaction so the message commits or rolls back with
 * the change that causes it. The number is stored in E.164 form (+447...).
 * @param db - the database, or the caller's transaction
 * @param tenantId - the tenant the message belongs to
 * @param message - a UK mobile number, the text (at most 918 characters), and a template name for reporting
 * @returns the outbox row's id; throws InvalidSmsMessageError for a number that is not a UK mobile, or bad text
 */
export async function enqueueSms(
  db: Kysely<Database> | Transaction<Database>,
  tenantId: string,
  message: SmsMessage,
): Promise<{ id: string }> {
  const checked = validateSmsMessage(message);
  if (!checked.ok) {
    throw new InvalidSmsMessageError(checked.error);
  }
  const { to, text, template } = checked.value;
  return insertOutboxRow(db, {
    tenant_id: tenantId,
    channel: 'sms',
    recipient: to,
    subject: null,
    body_text: text,
    body_html: null,
    template,
  });
}

/**
 * Sends due emails from the outbox (see deliverChannel). Logs nothing: the caller logs the counts.
 * @param db - the database (not a transaction: each claim must commit before its send)
 * @param transport - how to send
 * @param options - the most messages to try, and optionally a fixed clock
 */
export function deliverPending(
  db: Kysely<Database>,
  transport: EmailTransport,
  options: DeliverOptions,
): Promise<DeliveryCounts> {
  return deliverChannel(
    db,
    {
      channel: 'email',
      send: (claim) =>
        transport.send({
          to: claim.to,
          subject: claim.subject,
          text: claim.text,
          html: claim.html,
          reference: claim.id,
        }),
      classify: classifySmtpError,
    },
    options,
  );
}

/**
 * Sends due text messages from the outbox (see deliverChannel), each with its row id as Notify's reference.
 * @param db - the database (not a transaction: each claim must commit before its send)
 * @param transport - how to send
 * @param options - the most messages to try, and optionally a fixed clock
 */
export function deliverPendingSms(
  db: Kysely<Database>,
  transport: SmsTransport,
  options: DeliverOptions,
): Promise<DeliveryCounts> {
  return deliverChannel(
    db,
    {
      channel: 'sms',
      send: (claim) => transport.send({ to: claim.to, text: claim.text, reference: claim.id }),
      classify: classifyNotifyError,
    },
    options,
  );
}

export interface NotifyStatus {
  emailDelivery: 'smtp' | 'notify' | 'not-configured';
  smsDelivery: 'notify' | 'not-configured';
}

/**
 * How each channel leaves the outbox, for the worker and the admin banner. Email goes over SMTP_URL, else
 * through Notify when NOTIFY_EMAIL_TEMPLATE_ID is set; text messages through Notify. Not configured:
 * messages stay queued.
 * @param config - the configuration
 */
export function notifyStatus(config: Pick<Config, 'smtpUrl' | 'notify'>): NotifyStatus {
  const emailDelivery =
    config.smtpUrl !== undefined
      ? 'smtp'
      : config.notify?.emailTemplateId !== undefined
        ? 'notify'
        : 'not-configured';
  return { emailDelivery, smsDelivery: config.notify === undefined ? 'not-configured' : 'notify' };
}

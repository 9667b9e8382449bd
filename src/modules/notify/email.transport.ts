import nodemailer, { type NodemailerError } from 'nodemailer';
import { SendError, type SendFailureKind } from './send-error.ts';

/** What a transport is asked to send: one recipient; the sender comes from configuration. */
export interface OutboundEmail {
  to: string;
  subject: string;
  text: string;
  html?: string | undefined;
  /** The outbox row id, for a provider that keeps a reference (GOV.UK Notify); SMTP ignores it. */
  reference?: string;
}

/**
 * Delivers one email. Throws a SendError to say how it failed; any other error counts as `unavailable`.
 * Implemented over SMTP here and over GOV.UK Notify in notify-api.transport.ts.
 */
export interface EmailTransport {
  send(message: OutboundEmail): Promise<{ messageId: string }>;
}

/** A failed email send (see SendError); thrown by the SMTP transport. */
export class EmailSendError extends SendError {
  constructor(kind: SendFailureKind, code: string) {
    super(kind, code, 'Email');
    this.name = 'EmailSendError';
  }
}

const SAFE_CODE = /^[A-Z][A-Z0-9_]{0,39}$/;

function isNodemailerError(error: unknown): error is NodemailerError {
  return error instanceof Error;
}

/**
 * Turns an error from nodemailer into an EmailSendError. The SMTP reply text is dropped on purpose:
 * servers echo the recipient's address in it ("550 5.1.1 <name@example.com>: unknown user").
 * @param error - what sendMail threw
 */
export function classifySmtpError(error: unknown): SendError {
  if (error instanceof SendError) {
    return error;
  }
  if (!isNodemailerError(error)) {
    return new EmailSendError('unavailable', 'EUNKNOWN');
  }
  const codes = [error.code, error.originalCode].filter(
    (c): c is string => typeof c === 'string' && SAFE_CODE.test(c),
  );
  const responseCode = Number.isInteger(error.responseCode) ? error.responseCode : undefined;
  const code = [
    ...(codes.length > 0 ? codes : ['EUNKNOWN']),
    ...(responseCode ? [String(responseCode)] : []),
  ];
  // A reply about this message (its recipient or its content) decides its fate. A reply to MAIL FROM or
  // AUTH is about our account with the server and would hit every message, so it must not fail them all.
  const aboutMessage = error.command === 'RCPT TO' || error.command === 'DATA';
  if (responseCode === undefined || !aboutMessage) {
    return new EmailSendError('unavailable', code.join(' '));
  }
  return new EmailSendError(error.permanent === true ? 'rejected' : 'deferred', code.join(' '));
}

function isLoopback(hostname: string): boolean {
  return hostname === 'localhost' || hostname === '[::1]' || /^127\.\d+\.\d+\.\d+$/.test(hostname);
}

/**
 * An SMTP transport (nodemailer, a new connection per message).
 * Over `smtp://` to anything but this machine it insists on STARTTLS, since messages carry sign-in links;
 * add `?requireTLS=false` to the URL for a trusted relay without TLS (query options override these).
 * @param smtpUrl - `smtp://user:pass@host:587` or `smtps://user:pass@host:465` (SMTP_URL)
 * @param from - the sender, e.g. `Signpost <no-reply@example.nhs.uk>` (MAIL_FROM)
 */
export function createSmtpTransport(smtpUrl: string, from: string): EmailTransport {
  const url = new URL(smtpUrl);
  const mailer = nodemailer.createTransport(
    {
      url: smtpUrl,
      requireTLS: url.protocol === 'smtp:' && !isLoopback(url.hostname),
      connectionTimeout: 30_000,
      greetingTimeout: 30_000,
      socketTimeout: 60_000,
      // Message bodies are ours, but never let one read a file or fetch a URL as an attachment.
      disableFileAccess: true,
      disableUrlAccess: true,
    },
    { from },
  );
  return {
    async send(message) {
      try {
        const info = await mailer.sendMail({
          to: message.to,
          subject: message.subject,
          text: message.text,
          ...(message.html === undefined ? {} : { html: message.html }),
          // RFC 3834: stops out-of-office replies to an address nobody reads.
          headers: { 'Auto-Submitted': 'auto-generated' },
        });
        return { messageId: info.messageId };
      } catch (error) {
        throw classifySmtpError(error);
      }
    },
  };
}

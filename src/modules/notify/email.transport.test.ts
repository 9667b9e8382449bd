import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  startTestSmtpServer,
  waitForMessage,
  type TestSmtpServer,
} from '../../../test/support/smtp-server.ts';
import {
  classifySmtpError,
  createSmtpTransport,
  EmailSendError,
  type EmailTransport,
} from './email.transport.ts';
import type { SendFailureKind } from './send-error.ts';

const FROM = 'Signpost <no-reply@signpost.invalid>';

function smtpFailure(fields: {
  code?: string;
  responseCode?: number;
  command?: string;
  permanent?: boolean;
}): Error {
  return Object.assign(new Error('Recipient command failed: 550 5.1.1 <ada@example.com> unknown'), {
    response: '550 5.1.1 <ada@example.com> unknown',
    ...fields,
  });
}

describe('classifySmtpError', () => {
  it.each<[string, Parameters<typeof smtpFailure>[0], SendFailureKind, string]>([
    [
      'a 5xx to RCPT TO',
      { code: 'EENVELOPE', responseCode: 550, command: 'RCPT TO', permanent: true },
      'rejected',
      'EENVELOPE 550',
    ],
    [
      'a 5xx to DATA',
      { code: 'EMESSAGE', responseCode: 554, command: 'DATA', permanent: true },
      'rejected',
      'EMESSAGE 554',
    ],
    [
      'a 4xx to RCPT TO',
      { code: 'EENVELOPE', responseCode: 451, command: 'RCPT TO', permanent: false },
      'deferred',
      'EENVELOPE 451',
    ],
    [
      'a 503 to DATA',
      { code: 'EMESSAGE', responseCode: 503, command: 'DATA', permanent: false },
      'deferred',
      'EMESSAGE 503',
    ],
    [
      'a 5xx to MAIL FROM (our sender)',
      { code: 'EENVELOPE', responseCode: 550, command: 'MAIL FROM', permanent: true },
      'unavailable',
      'EENVELOPE 550',
    ],
    [
      'a failed sign-in',
      { code: 'EAUTH', responseCode: 535, command: 'AUTH PLAIN', permanent: true },
      'unavailable',
      'EAUTH 535',
    ],
    ['a refused connection', { code: 'ESOCKET' }, 'unavailable', 'ESOCKET'],
    ['a code that is not a code', { code: 'ada@example.com' }, 'unavailable', 'EUNKNOWN'],
  ])('%s', (_case, fields, kind, code) => {
    const result = classifySmtpError(smtpFailure(fields));
    expect({ kind: result.kind, code: result.code }).toEqual({ kind, code });
    expect(result.message).not.toContain('ada@example.com');
  });

  it('keeps the system error code under the nodemailer one', () => {
    const error = Object.assign(new Error('connect ECONNREFUSED'), {
      code: 'ESOCKET',
      originalCode: 'ECONNREFUSED',
    });
    expect(classifySmtpError(error).code).toBe('ESOCKET ECONNREFUSED');
  });

  it('passes an EmailSendError through and treats anything else as unavailable', () => {
    const own = new EmailSendError('deferred', 'EOTHER');
    expect(classifySmtpError(own)).toBe(own);
    expect(classifySmtpError('boom')).toMatchObject({ kind: 'unavailable', code: 'EUNKNOWN' });
  });
});

describe('createSmtpTransport against a real SMTP server', () => {
  let smtp: TestSmtpServer;
  let transport: EmailTransport;

  beforeAll(async () => {
    smtp = await startTestSmtpServer();
    transport = createSmtpTransport(smtp.url, FROM);
  });
  afterAll(async () => {
    await smtp.close();
  });
  beforeEach(() => {
    smtp.reset();
  });

  it('sends text and HTML with the configured sender, marked as automatic', async () => {
    const { messageId } = await transport.send({
      to: 'ada@example.com',
      subject: 'Café £5 — your link, in a subject long enough to be folded over several header lines',
      text: 'Hello Ada,\n\nUse this link: https://signpost.example/reset/abc\n' + 'A long line. '.repeat(20),
      html: '<p>Hello <b>Ada</b> £</p>',
    });
    const email = await waitForMessage(smtp, (m) => m.envelope.to.includes('ada@example.com'));
    expect(email.from).toBe(FROM);
    expect(email.to).toBe('ada@example.com');
    expect(email.envelope).toEqual({ from: 'no-reply@signpost.invalid', to: ['ada@example.com'] });
    expect(email.subject).toBe(
      'Café £5 — your link, in a subject long enough to be folded over several header lines',
    );
    expect(email.text).toBe(
      'Hello Ada,\n\nUse this link: https://signpost.example/reset/abc\n' + 'A long line. '.repeat(20),
    );
    expect(email.html).toBe('<p>Hello <b>Ada</b> £</p>');
    expect(email.headers['auto-submitted']).toBe('auto-generated');
    expect(email.headers['message-id']).toBe(messageId);
  });

  it('sends a text-only message as one part', async () => {
    await transport.send({ to: 'bob@example.com', subject: 'Plain', text: 'Just text' });
    const email = await waitForMessage(smtp);
    expect(email).toMatchObject({ text: 'Just text', html: undefined });
  });

  it.each<[string, number, 'rcpt' | 'data', SendFailureKind, string]>([
    ['a temporary refusal of the message', 451, 'data', 'deferred', 'EMESSAGE 451'],
    ['a permanent refusal of the message', 554, 'data', 'rejected', 'EMESSAGE 554'],
    ['an unknown recipient', 550, 'rcpt', 'rejected', 'EENVELOPE 550'],
    ['a full mailbox, for now', 452, 'rcpt', 'deferred', 'EENVELOPE 452'],
  ])('reports %s', async (_case, responseCode, stage, kind, code) => {
    smtp.rejectNext(1, responseCode, stage);
    const error = await transport
      .send({ to: 'ada@example.com', subject: 'S', text: 'T' })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(EmailSendError);
    expect(error).toMatchObject({ kind, code });
    expect(smtp.messages).toHaveLength(0);
    await transport.send({ to: 'ada@example.com', subject: 'S', text: 'T' });
    expect(smtp.messages).toHaveLength(1);
  });

  it('reports a server it cannot reach, or that refuses our credentials, as unavailable', async () => {
    const gone = await startTestSmtpServer();
    await gone.close();
    const unreachable = createSmtpTransport(gone.url, FROM);
    await expect(unreachable.send({ to: 'ada@example.com', subject: 'S', text: 'T' })).rejects.toMatchObject({
      kind: 'unavailable',
      code: 'ESOCKET ECONNREFUSED',
    });

    const guarded = await startTestSmtpServer({ auth: { user: 'signpost', pass: 'right' } });
    try {
      const wrong = createSmtpTransport(guarded.url.replace(':right@', ':wrong@'), FROM);
      await expect(wrong.send({ to: 'ada@example.com', subject: 'S', text: 'T' })).rejects.toMatchObject({
        kind: 'unavailable',
        code: 'EAUTH 535',
      });
      await createSmtpTransport(guarded.url, FROM).send({ to: 'ada@example.com', subject: 'S', text: 'T' });
      expect(guarded.messages).toHaveLength(1);
    } finally {
      await guarded.close();
    }
  });

  it('insists on STARTTLS for a server that is not on this machine, unless the URL says otherwise', async () => {
    // The same server, reached by an address the transport does not treat as loopback.
    const remote = `smtp://[::ffff:127.0.0.1]:${smtp.port}`;
    await expect(
      createSmtpTransport(remote, FROM).send({ to: 'ada@example.com', subject: 'S', text: 'T' }),
    ).rejects.toMatchObject({ kind: 'unavailable', code: expect.stringMatching(/^ETLS/) as unknown });
    expect(smtp.messages).toHaveLength(0);
    await createSmtpTransport(`${remote}?requireTLS=false`, FROM).send({
      to: 'ada@example.com',
      subject: 'S',
      text: 'T',
    });
    expect(smtp.messages).toHaveLength(1);
  });
});

import { SignJWT } from 'jose';
import { AxiosError, AxiosHeaders } from 'axios';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startTestNotifyServer, type TestNotifyServer } from '../../../test/support/notify-server.ts';
import {
  classifyNotifyError,
  createNotifyEmailTransport,
  createNotifySmsTransport,
  NotifySendError,
} from './notify-api.transport.ts';
import type { SendFailureKind } from './send-error.ts';

const NUMBER = '+447700900982';
const TEXT = 'Walking group for Grace: Tuesdays at 10am';
const REFERENCE = '1b4e28ba-2fa1-11d2-883f-0016d3cca427';

function notifyFailure(status: number | undefined, body?: unknown, code?: string): AxiosError {
  const config = { headers: new AxiosHeaders(), data: JSON.stringify({ phone_number: NUMBER }) };
  const response =
    status === undefined
      ? undefined
      : { status, statusText: '', headers: {}, config, data: body, request: undefined };
  return new AxiosError('Request failed', code, config, undefined, response);
}

function errorBody(status: number, error: string, message: string): object {
  return { status_code: status, errors: [{ error, message }] };
}

describe('classifyNotifyError', () => {
  it.each<[string, AxiosError, SendFailureKind, string]>([
    [
      'a number Notify will not text',
      notifyFailure(400, errorBody(400, 'ValidationError', `phone_number ${NUMBER} Not a UK mobile number`)),
      'rejected',
      'NOTIFY 400 ValidationError',
    ],
    [
      'a recipient a team key cannot reach',
      notifyFailure(
        400,
        errorBody(400, 'BadRequestError', "Can't send to this recipient using a team-only API key"),
      ),
      'rejected',
      'NOTIFY 400 BadRequestError',
    ],
    [
      'an unknown template (our setup)',
      notifyFailure(400, errorBody(400, 'BadRequestError', 'Template not found')),
      'unavailable',
      'NOTIFY 400 BadRequestError SETUP',
    ],
    [
      'a template with other placeholders (our setup)',
      notifyFailure(400, errorBody(400, 'BadRequestError', 'Missing personalisation: name')),
      'unavailable',
      'NOTIFY 400 BadRequestError SETUP',
    ],
    [
      'a bad key',
      notifyFailure(403, errorBody(403, 'AuthError', 'Invalid token: API key not found')),
      'unavailable',
      'NOTIFY 403 AuthError',
    ],
    [
      'the rate limit',
      notifyFailure(429, errorBody(429, 'RateLimitError', 'Exceeded rate limit')),
      'unavailable',
      'NOTIFY 429 RateLimitError',
    ],
    [
      'the daily limit',
      notifyFailure(429, errorBody(429, 'TooManyRequestsError', 'Exceeded send limits (250000) for today')),
      'unavailable',
      'NOTIFY 429 TooManyRequestsError',
    ],
    [
      'a server error',
      notifyFailure(500, errorBody(500, 'Exception', 'Internal server error')),
      'unavailable',
      'NOTIFY 500 Exception',
    ],
    ['a proxy error page', notifyFailure(502, '<html>Bad gateway</html>'), 'unavailable', 'NOTIFY 502'],
    ['no answer', notifyFailure(undefined, undefined, 'ECONNREFUSED'), 'unavailable', 'NOTIFY ECONNREFUSED'],
    ['a timeout', notifyFailure(undefined, undefined, 'ECONNABORTED'), 'unavailable', 'NOTIFY ECONNABORTED'],
    ['an odd error name', notifyFailure(400, errorBody(400, `Bad ${NUMBER}`, 'x')), 'rejected', 'NOTIFY 400'],
  ])('reads %s', (_label, error, kind, code) => {
    const failure = classifyNotifyError(error);
    expect(failure).toBeInstanceOf(NotifySendError);
    expect({ kind: failure.kind, code: failure.code }).toEqual({ kind, code });
    expect(failure.message).not.toContain(NUMBER);
  });

  it('passes a SendError through and treats anything else as unavailable', () => {
    const rejected = new NotifySendError('rejected', 'NOTIFY 400 ValidationError');
    expect(classifyNotifyError(rejected)).toBe(rejected);
    expect(classifyNotifyError(new Error(`oops ${NUMBER}`))).toMatchObject({
      kind: 'unavailable',
      code: 'NOTIFY EUNKNOWN',
    });
  });
});

describe('Notify transports against a local Notify API', () => {
  let notify: TestNotifyServer;

  beforeAll(async () => {
    notify = await startTestNotifyServer();
  });
  afterAll(async () => {
    await notify.close();
  });
  beforeEach(() => {
    notify.reset();
  });

  it('sends a text message with the template, the text as body, the reference, and a token Notify accepts', async () => {
    const sent = await createNotifySmsTransport(notify.config).send({
      to: NUMBER,
      text: TEXT,
      reference: REFERENCE,
    });
    expect(notify.messages).toEqual([
      {
        type: 'sms',
        id: sent.messageId,
        phoneNumber: NUMBER,
        emailAddress: undefined,
        templateId: notify.config.smsTemplateId,
        personalisation: { body: TEXT },
        reference: REFERENCE,
        body: TEXT,
        subject: undefined,
      },
    ]);
  });

  it('sends an email with subject and body, without the HTML', async () => {
    const sent = await createNotifyEmailTransport(notify.config).send({
      to: 'grace@example.com',
      subject: 'Your signpost',
      text: TEXT,
      html: '<p>ignored</p>',
      reference: REFERENCE,
    });
    expect(notify.messages).toMatchObject([
      {
        type: 'email',
        id: sent.messageId,
        emailAddress: 'grace@example.com',
        templateId: notify.config.emailTemplateId,
        personalisation: { subject: 'Your signpost', body: TEXT },
        reference: REFERENCE,
      },
    ]);
  });

  it.each<[number, SendFailureKind, string]>([
    [400, 'rejected', 'NOTIFY 400 ValidationError'],
    [403, 'unavailable', 'NOTIFY 403 AuthError'],
    [429, 'unavailable', 'NOTIFY 429 RateLimitError'],
    [500, 'unavailable', 'NOTIFY 500 Exception'],
  ])('reports a %i answer as %s (%s)', async (status, kind, code) => {
    notify.rejectNext(1, status);
    const error = await createNotifySmsTransport(notify.config)
      .send({ to: NUMBER, text: TEXT, reference: REFERENCE })
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ kind, code });
    expect(JSON.stringify(error)).not.toContain(NUMBER);
    expect(notify.messages).toEqual([]);
  });

  it('is refused with a key whose secret is wrong, and names a template Notify does not have as our setup', async () => {
    const [, name, service] = /^(\S+?)-(.{36})-.{36}$/.exec(notify.config.apiKey) ?? [];
    const wrongKey = `${name}-${service}-00000000-0000-4000-8000-000000000000`;
    const send = (config: typeof notify.config): Promise<unknown> =>
      createNotifySmsTransport(config)
        .send({ to: NUMBER, text: TEXT, reference: REFERENCE })
        .catch((e: unknown) => e);
    expect(await send({ ...notify.config, apiKey: wrongKey })).toMatchObject({
      kind: 'unavailable',
      code: 'NOTIFY 403 AuthError',
    });
    expect(await send({ ...notify.config, smsTemplateId: REFERENCE })).toMatchObject({
      kind: 'unavailable',
      code: 'NOTIFY 400 BadRequestError SETUP',
    });
    expect(notify.messages).toEqual([]);
  });

  it('refuses a token issued more than 30 seconds ago, as Notify does', async () => {
    const secret = notify.config.apiKey.slice(-36);
    const token = await new SignJWT({ iss: notify.serviceId, iat: Math.floor(Date.now() / 1000) - 60 })
      .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
      .sign(new TextEncoder().encode(secret));
    const response = await fetch(`${notify.baseUrl}/v2/notifications/sms`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({
        phone_number: NUMBER,
        template_id: notify.config.smsTemplateId,
        personalisation: { body: TEXT },
      }),
    });
    expect(response.status).toBe(403);
    expect(await response.json()).toEqual({
      status_code: 403,
      errors: [
        { error: 'AuthError', message: 'Error: Your system clock must be accurate to within 30 seconds' },
      ],
    });
  });

  it('reports a server it cannot reach as unavailable', async () => {
    const closed = await startTestNotifyServer();
    await closed.close();
    const error = await createNotifySmsTransport(closed.config)
      .send({ to: NUMBER, text: TEXT, reference: REFERENCE })
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ kind: 'unavailable', code: 'NOTIFY ECONNREFUSED' });
  });
});

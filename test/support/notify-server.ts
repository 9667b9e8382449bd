import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { decodeJwt, jwtVerify } from 'jose';
import { z } from 'zod';
import type { NotifyConfig } from '../../src/config.ts';

// A GOV.UK Notify API for tests and development, on 127.0.0.1 and a random port: POST
// /v2/notifications/sms and /v2/notifications/email, with Notify's authentication (a JWT signed HS256 with
// the API key's secret, `iss` = service id, `iat` within 30 seconds), request checks, and its response and
// error shapes. It keeps every notification it accepts and can refuse the next ones with a status.
//
//   const notify = await startTestNotifyServer();      // then createTestConfig({ notify: notify.config })
//   const sms = await waitForMessage(notify, (n) => n.phoneNumber === '+447700900982');

export interface ReceivedNotification {
  type: 'sms' | 'email';
  /** The id the server answered with (Notify's notification id). */
  id: string;
  /** As sent: phoneNumber for sms, emailAddress for email. */
  phoneNumber: string | undefined;
  emailAddress: string | undefined;
  templateId: string;
  personalisation: Record<string, string>;
  reference: string | null;
  /** The template filled in: `personalisation.body` (sms, email) and `subject` (email). */
  body: string;
  subject: string | undefined;
}

export interface TestNotifyServer {
  /** `http://127.0.0.1:<port>` (NOTIFY_BASE_URL). */
  baseUrl: string;
  /** `signpost_test-<service id>-<secret>` (NOTIFY_API_KEY). */
  apiKey: string;
  serviceId: string;
  /** Settings for this server, for createTestConfig({ notify }) or a transport. */
  config: NotifyConfig & { emailTemplateId: string };
  /** Every accepted notification, oldest first. */
  messages: ReceivedNotification[];
  /** Answers the next `count` requests with this status (400, 403, 429, 500) and Notify's error body. */
  rejectNext(count: number, status: number): void;
  /** Forgets messages and pending rejections. */
  reset(): void;
  onMessage(listener: (notification: ReceivedNotification) => void): () => void;
  close(): Promise<void>;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** Notify refuses a token issued more than 30 seconds before or after its own clock. */
const TOKEN_LEEWAY_SECONDS = 30;
const MAX_SMS_LENGTH = 918;

/** Notify's error body: `{ status_code, errors: [{ error, message }] }`. */
class NotifyApiError extends Error {
  constructor(
    readonly status: number,
    readonly error: string,
    message: string,
  ) {
    super(message);
  }
}

const CANNED_ERRORS: Partial<Record<number, [string, string]>> = {
  400: ['ValidationError', 'phone_number Not a UK mobile number'],
  403: ['AuthError', 'Invalid token: API key not found'],
  429: ['RateLimitError', 'Exceeded rate limit for key type LIVE of 3000 requests per 60 seconds'],
  500: ['Exception', 'Internal server error'],
};

function cannedError(status: number): NotifyApiError {
  const [error, message] = CANNED_ERRORS[status] ?? ['Exception', 'Error'];
  return new NotifyApiError(status, error, message);
}

async function authenticate(header: string | undefined, serviceId: string, secret: string): Promise<void> {
  const token = /^Bearer (\S+)$/.exec(header ?? '')?.[1];
  if (token === undefined) {
    throw new NotifyApiError(401, 'AuthError', 'Unauthorized: authentication token must be provided');
  }
  let iss: unknown;
  try {
    ({ iss } = decodeJwt(token));
  } catch {
    throw new NotifyApiError(403, 'AuthError', 'Invalid token: signature, api token is not valid');
  }
  if (iss !== serviceId) {
    throw new NotifyApiError(403, 'AuthError', 'Invalid token: service not found');
  }
  let iat: unknown;
  try {
    ({
      payload: { iat },
    } = await jwtVerify(token, new TextEncoder().encode(secret), { algorithms: ['HS256'] }));
  } catch {
    throw new NotifyApiError(403, 'AuthError', 'Invalid token: signature, api token not found');
  }
  if (typeof iat !== 'number' || Math.abs(Date.now() / 1000 - iat) > TOKEN_LEEWAY_SECONDS) {
    const message = 'Error: Your system clock must be accurate to within 30 seconds';
    throw new NotifyApiError(403, 'AuthError', message);
  }
}

/** Notify's own rule for UK mobiles: digits, spaces, ()-+; after 44 and 0, a 7 and ten digits in all. */
function isNotifyUkMobile(value: string): boolean {
  const digits = value.replace(/[\s()+-]/g, '');
  return (
    /^\d+$/.test(digits) && /^7\d{9}$/.test(digits.replace(/^0+/, '').replace(/^44/, '').replace(/^0+/, ''))
  );
}

async function readJson(request: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) {
    chunks.push(chunk as Buffer);
  }
  try {
    return JSON.parse(Buffer.concat(chunks).toString('utf8'));
  } catch {
    throw new NotifyApiError(400, 'ValidationError', 'Invalid JSON supplied in POST data');
  }
}

const uuid = z.string().regex(UUID, { error: 'is not a valid UUID' });
const personalisation = z.record(z.string(), z.union([z.string(), z.number()]).transform(String));
const requestSchemas = {
  sms: z.strictObject({
    phone_number: z.string(),
    template_id: uuid,
    personalisation: personalisation.optional(),
    reference: z.string().optional(),
  }),
  email: z.strictObject({
    email_address: z.email(),
    template_id: uuid,
    personalisation: personalisation.optional(),
    reference: z.string().optional(),
  }),
};

/** Checks a request as Notify does and returns the notification it would create. */
function notificationFrom(
  type: 'sms' | 'email',
  input: unknown,
  templates: { sms: string; email: string },
): ReceivedNotification {
  const parsed = requestSchemas[type].safeParse(input);
  if (!parsed.success) {
    const problem = parsed.error.issues.map((i) => `${i.path.join('.')} ${i.message}`).join('; ');
    throw new NotifyApiError(400, 'ValidationError', problem);
  }
  const body = parsed.data;
  if (body.template_id !== templates[type]) {
    throw new NotifyApiError(400, 'BadRequestError', 'Template not found');
  }
  // The templates are `((body))`, and for email a subject of `((subject))`.
  const fields: Partial<Record<string, string>> = body.personalisation ?? {};
  const missing = (type === 'sms' ? ['body'] : ['subject', 'body']).find(
    (name) => fields[name] === undefined,
  );
  if (missing !== undefined) {
    throw new NotifyApiError(400, 'BadRequestError', `Missing personalisation: ${missing}`);
  }
  const text = fields.body ?? '';
  if ('phone_number' in body && !isNotifyUkMobile(body.phone_number)) {
    throw new NotifyApiError(400, 'ValidationError', 'phone_number Not a UK mobile number');
  }
  if (type === 'sms' && text.length > MAX_SMS_LENGTH) {
    throw new NotifyApiError(
      400,
      'BadRequestError',
      `Text messages cannot be longer than ${MAX_SMS_LENGTH} characters`,
    );
  }
  return {
    type,
    id: randomUUID(),
    phoneNumber: 'phone_number' in body ? body.phone_number : undefined,
    emailAddress: 'email_address' in body ? body.email_address : undefined,
    templateId: body.template_id,
    personalisation: body.personalisation ?? {},
    reference: body.reference ?? null,
    body: text,
    subject: fields.subject,
  };
}

function notificationResponse(n: ReceivedNotification, baseUrl: string, serviceId: string): object {
  return {
    id: n.id,
    reference: n.reference,
    content:
      n.type === 'sms'
        ? { body: n.body, from_number: 'GOVUK' }
        : { body: n.body, subject: n.subject, from_email: 'signpost@notifications.service.gov.uk' },
    uri: `${baseUrl}/v2/notifications/${n.id}`,
    template: {
      id: n.templateId,
      version: 1,
      uri: `${baseUrl}/services/${serviceId}/templates/${n.templateId}`,
    },
  };
}

function sendJson(response: ServerResponse, status: number, body: object): void {
  response.writeHead(status, { 'content-type': 'application/json' });
  response.end(JSON.stringify(body));
}

/**
 * Starts a Notify API on 127.0.0.1 with a fresh service id, API key and template ids.
 * @param options - optionally a fixed port (for development)
 */
export async function startTestNotifyServer(options: { port?: number } = {}): Promise<TestNotifyServer> {
  const serviceId = randomUUID();
  const secret = randomUUID();
  const templates = { sms: randomUUID(), email: randomUUID() };
  const messages: ReceivedNotification[] = [];
  const listeners = new Set<(notification: ReceivedNotification) => void>();
  let rejection: { count: number; status: number } | undefined;
  let baseUrl = '';

  const handle = async (request: IncomingMessage): Promise<ReceivedNotification> => {
    const type = /^\/v2\/notifications\/(sms|email)$/.exec(request.url ?? '')?.[1] as
      'sms' | 'email' | undefined;
    if (request.method !== 'POST' || type === undefined) {
      throw new NotifyApiError(404, 'ResourceNotFound', 'The requested URL was not found on the server.');
    }
    await authenticate(request.headers.authorization, serviceId, secret);
    const body = await readJson(request);
    if (rejection !== undefined && rejection.count > 0) {
      rejection.count -= 1;
      throw cannedError(rejection.status);
    }
    return notificationFrom(type, body, templates);
  };

  const server = createServer((request, response) => {
    handle(request).then(
      (notification) => {
        messages.push(notification);
        for (const listener of listeners) {
          listener(notification);
        }
        sendJson(response, 201, notificationResponse(notification, baseUrl, serviceId));
      },
      (error: unknown) => {
        const failure = error instanceof NotifyApiError ? error : cannedError(500);
        sendJson(response, failure.status, {
          status_code: failure.status,
          errors: [{ error: failure.error, message: failure.message }],
        });
      },
    );
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', resolve);
  });
  const { port } = server.address() as AddressInfo;
  baseUrl = `http://127.0.0.1:${port}`;
  const apiKey = `signpost_test-${serviceId}-${secret}`;

  return {
    baseUrl,
    apiKey,
    serviceId,
    config: { apiKey, baseUrl, smsTemplateId: templates.sms, emailTemplateId: templates.email },
    messages,
    rejectNext(count, status) {
      rejection = { count, status };
    },
    reset() {
      messages.length = 0;
      rejection = undefined;
    },
    onMessage(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => {
          resolve();
        });
      }),
  };
}

/**
 * Waits until the server has accepted a notification that matches, including one already received.
 * @param server - the test Notify server
 * @param predicate - which notification to wait for
 * @param options - how long to wait (default 5 seconds)
 * @returns the first match; rejects on timeout
 */
export async function waitForMessage(
  server: TestNotifyServer,
  predicate: (notification: ReceivedNotification) => boolean = () => true,
  options: { timeoutMs?: number } = {},
): Promise<ReceivedNotification> {
  const existing = server.messages.find(predicate);
  if (existing !== undefined) {
    return existing;
  }
  const timeoutMs = options.timeoutMs ?? 5000;
  return new Promise<ReceivedNotification>((resolve, reject) => {
    const timer = setTimeout(() => {
      unsubscribe();
      reject(
        new Error(`No matching notification within ${timeoutMs} ms (${server.messages.length} received)`),
      );
    }, timeoutMs);
    const unsubscribe = server.onMessage((notification) => {
      if (predicate(notification)) {
        clearTimeout(timer);
        unsubscribe();
        resolve(notification);
      }
    });
  });
}

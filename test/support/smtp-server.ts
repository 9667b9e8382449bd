import type { AddressInfo } from 'node:net';
import { SMTPServer, type SMTPServerDataStream, type SMTPServerError } from 'smtp-server';

// A real SMTP server for tests (the smtp-server package) on 127.0.0.1 and a random port. It keeps every
// message it accepts, parsed just enough to assert on (headers, text and HTML bodies), and can be told
// to refuse the next messages with a 4xx or 5xx reply. No TLS: the transport only insists on it for
// servers that are not on this machine.
//
//   const smtp = await startTestSmtpServer();          // then createTestConfig({ smtpUrl: smtp.url })
//   const email = await waitForMessage(smtp, (m) => m.to === 'ada@example.com');

export interface ReceivedEmail {
  /** SMTP envelope sender and recipients (MAIL FROM / RCPT TO). */
  envelope: { from: string; to: string[] };
  /** Header values by lower-case name (the first of repeated headers), encoded words decoded. */
  headers: Partial<Record<string, string>>;
  from: string;
  /** The To header. */
  to: string;
  subject: string;
  /** The text/plain part, decoded, with \n line endings; undefined when there is none. */
  text: string | undefined;
  /** The text/html part, decoded, with \n line endings; undefined when there is none. */
  html: string | undefined;
  /** The message as received. */
  raw: string;
}

export type RejectStage = 'rcpt' | 'data';

export interface TestSmtpServer {
  /** `smtp://127.0.0.1:<port>`, with credentials when the server requires them. */
  url: string;
  port: number;
  /** Every accepted message, oldest first. */
  messages: ReceivedEmail[];
  /**
   * Refuses the next `count` messages with this reply code (e.g. 451 or 550), at RCPT TO or (default) DATA.
   */
  rejectNext(count: number, responseCode: number, stage?: RejectStage): void;
  /** Forgets received messages and pending rejections. */
  reset(): void;
  /** Calls the listener for each message accepted from now on; returns a function that unsubscribes. */
  onMessage(listener: (message: ReceivedEmail) => void): () => void;
  close(): Promise<void>;
}

export interface TestSmtpServerOptions {
  /** Require AUTH with these credentials (over plain text: a test server on 127.0.0.1 only). */
  auth?: { user: string; pass: string };
  /** The port to listen on; by default a free one. */
  port?: number;
}

const CRLF_BLANK_LINE = /\r?\n\r?\n/;

function decodeQuotedPrintable(input: string): Buffer {
  const soft = input.replace(/=\r?\n/g, '');
  const bytes: number[] = [];
  for (let i = 0; i < soft.length; i += 1) {
    const hex = soft.slice(i + 1, i + 3);
    if (soft[i] === '=' && /^[0-9A-Fa-f]{2}$/.test(hex)) {
      bytes.push(Number.parseInt(hex, 16));
      i += 2;
    } else {
      bytes.push(...Buffer.from(soft[i] ?? '', 'utf8'));
    }
  }
  return Buffer.from(bytes);
}

/** RFC 2047 encoded words (`=?UTF-8?Q?...?=`, `=?UTF-8?B?...?=`); assumes UTF-8, as nodemailer writes. */
function decodeEncodedWords(value: string): string {
  return value
    .replace(/(\?=)\s+(=\?)/g, '$1$2')
    .replace(/=\?[^?]+\?([BbQq])\?([^?]*)\?=/g, (_match, encoding: string, data: string) =>
      encoding.toUpperCase() === 'B'
        ? Buffer.from(data, 'base64').toString('utf8')
        : decodeQuotedPrintable(data.replace(/_/g, ' ')).toString('utf8'),
    );
}

function parseHeaders(block: string): Partial<Record<string, string>> {
  const headers: Partial<Record<string, string>> = {};
  for (const line of block.replace(/\r?\n[ \t]+/g, ' ').split(/\r?\n/)) {
    const colon = line.indexOf(':');
    if (colon > 0) {
      const name = line.slice(0, colon).trim().toLowerCase();
      headers[name] ??= decodeEncodedWords(line.slice(colon + 1).trim());
    }
  }
  return headers;
}

function decodeBody(body: string, headers: Partial<Record<string, string>>): string {
  const encoding = (headers['content-transfer-encoding'] ?? '7bit').toLowerCase();
  const bytes =
    encoding === 'base64'
      ? Buffer.from(body.replace(/\s+/g, ''), 'base64')
      : encoding === 'quoted-printable'
        ? decodeQuotedPrintable(body)
        : Buffer.from(body, 'utf8');
  return bytes.toString('utf8').replace(/\r\n/g, '\n');
}

/** Walks the MIME tree and keeps the first text/plain and text/html parts. */
function collectParts(entity: string, found: { text?: string; html?: string }): void {
  const split = CRLF_BLANK_LINE.exec(entity);
  const headers = parseHeaders(split === null ? entity : entity.slice(0, split.index));
  const body = split === null ? '' : entity.slice(split.index + split[0].length);
  const contentType = (headers['content-type'] ?? 'text/plain').toLowerCase();
  const boundary = /boundary="?([^";]+)"?/i.exec(headers['content-type'] ?? '')?.[1];
  if (contentType.startsWith('multipart/') && boundary !== undefined) {
    const sections = body.split(new RegExp(`\\r?\\n?--${boundary.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`));
    for (const section of sections.slice(1)) {
      if (section.startsWith('--')) {
        break;
      }
      collectParts(section.replace(/^[ \t]*\r?\n/, ''), found);
    }
  } else if (contentType.startsWith('text/html')) {
    found.html ??= decodeBody(body, headers);
  } else if (contentType.startsWith('text/plain')) {
    found.text ??= decodeBody(body, headers);
  }
}

/**
 * Parses a message just enough for tests: headers, and the text and HTML bodies (UTF-8, base64 or
 * quoted-printable). Not a general MIME parser.
 * @param raw - the message as received (RFC 5322)
 * @param envelope - the SMTP envelope
 */
export function parseReceivedEmail(raw: string, envelope: ReceivedEmail['envelope']): ReceivedEmail {
  const split = CRLF_BLANK_LINE.exec(raw);
  const headers = parseHeaders(split === null ? raw : raw.slice(0, split.index));
  const found: { text?: string; html?: string } = {};
  collectParts(raw, found);
  return {
    envelope,
    headers,
    from: headers.from ?? '',
    to: headers.to ?? '',
    subject: headers.subject ?? '',
    text: found.text?.replace(/\n$/, ''),
    html: found.html?.replace(/\n$/, ''),
    raw,
  };
}

async function readStream(stream: SMTPServerDataStream): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) {
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

function smtpError(responseCode: number): SMTPServerError {
  const error: SMTPServerError = new Error(responseCode < 500 ? 'Try again later' : 'Message refused');
  error.responseCode = responseCode;
  return error;
}

interface ServerHooks {
  /** The reply code to refuse with at this stage, if a rejection is pending. */
  takeRejection(stage: RejectStage): number | undefined;
  accept(message: ReceivedEmail): void;
}

function createServer(options: TestSmtpServerOptions, hooks: ServerHooks): SMTPServer {
  return new SMTPServer({
    logger: false,
    disableReverseLookup: true,
    authOptional: options.auth === undefined,
    allowInsecureAuth: true,
    disabledCommands: options.auth === undefined ? ['STARTTLS', 'AUTH'] : ['STARTTLS'],
    onAuth(auth, _session, callback) {
      const expected = options.auth;
      const ok = expected !== undefined && auth.username === expected.user && auth.password === expected.pass;
      callback(ok ? null : smtpError(535), ok ? { user: auth.username } : undefined);
    },
    onRcptTo(_address, _session, callback) {
      const code = hooks.takeRejection('rcpt');
      callback(code === undefined ? null : smtpError(code));
    },
    onData(stream, session, callback) {
      readStream(stream).then(
        (raw) => {
          const code = hooks.takeRejection('data');
          if (code !== undefined) {
            callback(smtpError(code));
            return;
          }
          const { mailFrom, rcptTo } = session.envelope;
          const envelope = {
            from: mailFrom === false ? '' : mailFrom.address,
            to: rcptTo.map((r) => r.address),
          };
          // Stored before the reply, so a test sees it as soon as the client's send resolves.
          hooks.accept(parseReceivedEmail(raw, envelope));
          callback(null);
        },
        (error: unknown) => {
          callback(error instanceof Error ? error : new Error('Could not read the message'));
        },
      );
    },
  });
}

/**
 * Starts an SMTP server on 127.0.0.1 and a free port.
 * @param options - optionally, credentials the server requires and a fixed port
 */
export async function startTestSmtpServer(options: TestSmtpServerOptions = {}): Promise<TestSmtpServer> {
  const messages: ReceivedEmail[] = [];
  const listeners = new Set<(message: ReceivedEmail) => void>();
  let rejections: { count: number; responseCode: number; stage: RejectStage } | undefined;
  const server = createServer(options, {
    takeRejection: (stage) => {
      if (rejections === undefined || rejections.stage !== stage || rejections.count <= 0) {
        return undefined;
      }
      rejections.count -= 1;
      return rejections.responseCode;
    },
    accept: (message) => {
      messages.push(message);
      for (const listener of listeners) {
        listener(message);
      }
    },
  });
  await new Promise<void>((resolve, reject) => {
    server.server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => {
      resolve();
    });
  });
  const { port } = server.server.address() as AddressInfo;
  const { auth } = options;
  const credentials =
    auth === undefined ? '' : `${encodeURIComponent(auth.user)}:${encodeURIComponent(auth.pass)}@`;

  return {
    url: `smtp://${credentials}127.0.0.1:${port}`,
    port,
    messages,
    rejectNext(count, responseCode, stage = 'data') {
      rejections = { count, responseCode, stage };
    },
    reset() {
      messages.length = 0;
      rejections = undefined;
    },
    onMessage(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => {
          resolve();
        });
      }),
  };
}

/**
 * Waits until the server has accepted a message that matches, including one already received.
 * @param server - the test SMTP server
 * @param predicate - which message to wait for
 * @param options - how long to wait (default 5 seconds)
 * @returns the first matching message; rejects on timeout
 */
export async function waitForMessage(
  server: TestSmtpServer,
  predicate: (message: ReceivedEmail) => boolean = () => true,
  options: { timeoutMs?: number } = {},
): Promise<ReceivedEmail> {
  const existing = server.messages.find(predicate);
  if (existing !== undefined) {
    return existing;
  }
  const timeoutMs = options.timeoutMs ?? 5000;
  return new Promise<ReceivedEmail>((resolve, reject) => {
    const timer = setTimeout(() => {
      unsubscribe();
      reject(new Error(`No matching email within ${timeoutMs} ms (${server.messages.length} received)`));
    }, timeoutMs);
    const unsubscribe = server.onMessage((message) => {
      if (predicate(message)) {
        clearTimeout(timer);
        unsubscribe();
        resolve(message);
      }
    });
  });
}

import Fastify, { type FastifyInstance } from 'fastify';
import { Writable } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import { defaultLogger } from '../app.ts';
import { newToken } from '../modules/accounts/tokens.ts';
import { registerErrorHandling } from './errors.ts';
import { loggableError, loggablePath } from './logging.ts';

/** A database error as node-postgres builds it from the server's answer. */
function checkViolation(): Error {
  return Object.assign(
    new Error('new row for relation "patient" violates check constraint "patient_nhs_number_check"'),
    {
      name: 'error',
      severity: 'ERROR',
      code: '23514',
      detail: 'Failing row contains (Jane Example, 1943-02-01, SW1A 1AA).',
      table: 'patient',
      constraint: 'patient_nhs_number_check',
      where: 'SQL statement "INSERT INTO patient VALUES (\'Jane Example\')"',
    },
  );
}

describe('loggablePath', () => {
  it('drops the query and replaces single-use tokens, keeping ids', () => {
    const token = newToken();
    expect(loggablePath(`/signin/reset/${token}`)).toBe('/signin/reset/:token');
    expect(loggablePath(`/signin/invite/${token}?x=1`)).toBe('/signin/invite/:token');
    expect(loggablePath('/directory?postcode=SW1A+1AA')).toBe('/directory');
    const id = '0b9d7c51-5b6e-4c8e-9e57-2a1c3f0f5a11';
    expect(loggablePath(`/app/people/${id}/edit`)).toBe(`/app/people/${id}/edit`);
  });
});

describe('loggableError', () => {
  it('keeps what a developer needs from a database error, and none of its values', () => {
    const logged = loggableError(checkViolation());
    expect(logged).toMatchObject({ code: '23514', table: 'patient', constraint: 'patient_nhs_number_check' });
    expect(logged.message).toBe('new row for relation "…" violates check constraint "…"');
    expect(JSON.stringify(logged)).not.toMatch(/Jane|SW1A|1943/);
  });

  it('keeps the message and stack of an error from the code', () => {
    const logged = loggableError(new TypeError('x is not a function'));
    expect(logged).toMatchObject({ type: 'TypeError', message: 'x is not a function' });
    expect(logged.stack).toContain('TypeError');
  });

  it('copes with things thrown that are not errors', () => {
    expect(loggableError('boom')).toEqual({ type: 'string', message: '' });
    expect(loggableError(null)).toEqual({ type: 'object', message: '' });
  });
});

describe('the logs of a running app', () => {
  let app: FastifyInstance | undefined;
  afterEach(async () => {
    await app?.close();
  });

  function logCapture(): { stream: Writable; text: () => string } {
    const lines: string[] = [];
    const stream = new Writable({
      write(chunk: Buffer, _encoding, done): void {
        lines.push(chunk.toString('utf8'));
        done();
      },
    });
    return { stream, text: () => lines.join('') };
  }

  it('log request paths without reset tokens, and 500s without the values in a database error', async () => {
    const logs = logCapture();
    const options = defaultLogger('info');
    app = Fastify({ logger: { ...(typeof options === 'object' ? options : {}), stream: logs.stream } });
    registerErrorHandling(app);
    app.get('/signin/reset/:token', async () => {
      throw checkViolation();
    });
    const token = newToken();
    const response = await app.inject({
      url: `/signin/reset/${token}`,
      headers: { accept: 'application/json' },
    });
    expect(response.statusCode).toBe(500);
    expect(response.body).not.toContain('Jane');
    const text = logs.text();
    expect(text).toContain('/signin/reset/:token');
    expect(text).toContain('23514');
    expect(text).not.toContain(token);
    expect(text).not.toMatch(/Jane|SW1A|1943/);
  });
});

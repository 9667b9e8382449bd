import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../src/app.ts';
import { createTestConfig } from './support/test-config.ts';
import { createTestDatabase, type TestDatabase } from './support/test-db.ts';

describe('health, errors and security headers', () => {
  let testDb: TestDatabase;
  let app: FastifyInstance;

  beforeAll(async () => {
    testDb = await createTestDatabase();
    app = await createApp({
      db: testDb.db,
      config: createTestConfig(),
      tenant: testDb.tenant,
      logger: false,
      extraRouteRules: {
        'GET /api/test-failure': { access: 'public' },
        'GET /test-failure': { access: 'public' },
        'GET /api/test-ip': { access: 'public' },
        'POST /api/test-validated': { access: 'public' },
      },
    });
    // Routes that fail on purpose, to exercise the one error handler.
    app.get('/api/test-failure', () => {
      throw new Error('secret internal detail');
    });
    app.get('/test-failure', () => {
      throw new Error('secret internal detail');
    });
    app.get('/api/test-ip', (request) => ({ ip: request.ip }));
    app.post(
      '/api/test-validated',
      { schema: { body: { type: 'object', required: ['name'], properties: { name: { type: 'string' } } } } },
      () => ({ ok: true }),
    );
  });
  afterAll(async () => {
    await app.close();
    await testDb.close();
  });

  it('reports liveness and readiness with migrations current', async () => {
    expect((await app.inject('/healthz')).json()).toEqual({ status: 'ok' });
    const ready = await app.inject('/readyz');
    expect(ready.statusCode).toBe(200);
    expect(ready.json()).toMatchObject({ checks: { database: 'ok', migrations: 'current' } });
  });

  it('answers an unknown API path with a JSON 404', async () => {
    const res = await app.inject('/api/nothing-here');
    expect(res.statusCode).toBe(404);
    expect(res.json()).toEqual({ error: { code: 'NotFound', message: 'Page not found' } });
  });

  it('answers an unknown page with the NHS.UK not-found page', async () => {
    const res = await app.inject({ url: '/nothing-here', headers: { accept: 'text/html' } });
    expect(res.statusCode).toBe(404);
    expect(res.body).toContain('<h1>Page not found</h1>');
  });

  it('turns an unexpected error into a generic 500 with no internals, as JSON and as a page', async () => {
    const api = await app.inject('/api/test-failure');
    expect(api.statusCode).toBe(500);
    expect(api.json()).toEqual({
      error: { code: 'InternalError', message: 'Something went wrong. The error has been logged.' },
    });
    const page = await app.inject({ url: '/test-failure', headers: { accept: 'text/html' } });
    expect(page.statusCode).toBe(500);
    expect(page.body).toContain('Sorry, there is a problem with the service');
    expect(page.body).not.toContain('secret internal detail');
  });

  it('answers a schema-invalid body with a 400 naming the field', async () => {
    const res = await app.inject({ method: 'POST', url: '/api/test-validated', payload: { other: 1 } });
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({ error: { code: 'ValidationFailed', issues: [{ field: 'name' }] } });
  });

  it('answers malformed JSON with a 400, not a 500', async () => {
    const res = await app.inject({
      method: 'POST',
      url: '/api/test-validated',
      headers: { 'content-type': 'application/json' },
      payload: '{"name": ',
    });
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({ error: { code: 'BadRequest' } });
  });

  it('sends security headers and a nonce-based CSP on pages', async () => {
    const res = await app.inject({ url: '/', headers: { accept: 'text/html' } });
    expect(res.statusCode).toBe(200);
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['strict-transport-security']).toBeDefined();
    const csp = String(res.headers['content-security-policy']);
    const nonce = /'nonce-([^']+)'/.exec(csp)?.[1];
    expect(nonce).toBeDefined();
    expect(res.body).toContain(`nonce="${String(nonce)}"`);
    expect(csp).toContain("frame-ancestors 'none'");
  });

  it('sends a deny-all CSP on JSON and does not trust X-Forwarded-For by default', async () => {
    const res = await app.inject({ url: '/api/test-ip', headers: { 'x-forwarded-for': '203.0.113.9' } });
    expect(res.headers['content-security-policy']).toBe("default-src 'none'; frame-ancestors 'none'");
    expect(res.json()).not.toEqual({ ip: '203.0.113.9' });
  });
});

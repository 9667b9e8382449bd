import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TestAgent } from '../support/accounts.ts';
import { createTestDatabase, type TestDatabase } from '../support/test-db.ts';
import { createTestApp, signedInAgent } from '../support/test-app.ts';

let t: TestDatabase;
let app: FastifyInstance;
let agent: TestAgent;

beforeAll(async () => {
  t = await createTestDatabase();
  app = await createTestApp(t);
  ({ agent } = await signedInAgent(app, t, { roles: ['tenant_admin'] }));
});

afterAll(async () => {
  await app.close();
  await t.close();
});

describe('security headers on staff pages', () => {
  it.each([
    ['/signin', false],
    ['/app', true],
    ['/app/admin/audit', true],
  ])('%s has a nonce CSP, no framing, no caching, no sniffing', async (url, signedIn) => {
    const response = signedIn ? await agent.get(url) : await new TestAgent(app).get(url);
    expect(response.statusCode).toBe(200);
    const csp = String(response.headers['content-security-policy']);
    expect(csp).toMatch(/script-src 'self' 'nonce-[A-Za-z0-9+/=]+'/);
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toContain("form-action 'self'");
    expect(response.headers['x-content-type-options']).toBe('nosniff');
    expect(response.headers['x-frame-options']).toBe('SAMEORIGIN');
    expect(response.headers['strict-transport-security']).toContain('max-age=');
    expect(response.headers['referrer-policy']).toBe('no-referrer');
    expect(response.headers['cache-control']).toBe('no-store');
  });

  it('lets public directory pages be cached', async () => {
    const response = await app.inject({ method: 'GET', url: '/directory', headers: { accept: 'text/html' } });
    expect(response.headers['cache-control']).not.toBe('no-store');
  });

  it('sets the CSRF cookie HttpOnly, Secure, SameSite=Strict and signed', async () => {
    const response = await app.inject({ method: 'GET', url: '/signin', headers: { accept: 'text/html' } });
    const csrf = response.cookies.find((c) => c.name === '__Host-signpost-csrf');
    expect(csrf).toMatchObject({ httpOnly: true, secure: true, sameSite: 'Strict', path: '/' });
    expect(csrf?.value).toMatch(/^[\w-]+\.[\w+/=-]+$/);
  });
});

import helmet from '@fastify/helmet';
import type { FastifyInstance } from 'fastify';

/**
 * Security headers on every response: helmet's defaults plus a nonce-based Content Security Policy
 * (the NHS.UK template's one inline script carries the nonce). ORUK and other public APIs get CORS `*`.
 * @param app - the Fastify instance
 */
export async function registerSecurity(app: FastifyInstance): Promise<void> {
  await app.register(helmet, {
    contentSecurityPolicy: false,
    crossOriginResourcePolicy: { policy: 'same-site' },
  });
  app.addHook('onSend', async (request, reply, payload) => {
    const type = String(reply.getHeader('content-type') ?? '');
    if (type.startsWith('text/html')) {
      reply.header(
        'content-security-policy',
        [
          "default-src 'self'",
          `script-src 'self' 'nonce-${reply.scriptNonce}'`,
          "style-src 'self'",
          "img-src 'self' data:",
          "font-src 'self' https://assets.nhs.uk",
          "form-action 'self'",
          "frame-ancestors 'none'",
          "base-uri 'self'",
          "object-src 'none'",
        ].join('; '),
      );
    } else {
      // JSON, CSS, images: nothing in them should ever run or be framed.
      reply.header('content-security-policy', "default-src 'none'; frame-ancestors 'none'");
    }
    // Staff pages and sign-in forms hold personal data or secrets: never stored by a browser or proxy.
    if (request.url.startsWith('/app') || request.url.startsWith('/signin') || request.auth !== null) {
      reply.header('cache-control', 'no-store');
    }
    if (request.url === '/oruk' || request.url.startsWith('/oruk/') || request.url.startsWith('/oruk?')) {
      reply.header('access-control-allow-origin', '*');
      reply.header('cross-origin-resource-policy', 'cross-origin');
    }
    return payload;
  });
}

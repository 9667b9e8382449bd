import { randomBytes } from 'node:crypto';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FastifyInstance, FastifyReply } from 'fastify';
import nunjucks from 'nunjucks';
import { ROLE_LABELS } from '../modules/accounts/roles.ts';

const require = createRequire(import.meta.url);
const srcDir = join(dirname(fileURLToPath(import.meta.url)), '..');
/** nhsuk-frontend's dist folder: its templates are imported as `nhsuk/components/...`. */
export const nhsukDist = join(dirname(require.resolve('nhsuk-frontend/package.json')), 'dist');

declare module 'fastify' {
  interface FastifyReply {
    /** Renders a Nunjucks template (path relative to `src/`, or to `src/views/`) as the reply. */
    view: (template: string, context?: Record<string, unknown>) => FastifyReply;
    scriptNonce: string;
  }
}

export interface ViewGlobals {
  serviceName: string;
  publicBaseUrl: string;
}

/**
 * Creates the Nunjucks environment: module views under `src/modules/<module>/views`, the shared layout
 * under `src/views`, and the nhsuk-frontend macros. Autoescape stays on.
 * @param globals - values every template can read
 */
export function createViewEnvironment(globals: ViewGlobals): nunjucks.Environment {
  const env = new nunjucks.Environment(
    new nunjucks.FileSystemLoader([join(srcDir, 'views'), join(srcDir, 'modules'), nhsukDist], {
      noCache: false,
    }),
    { autoescape: true, throwOnUndefined: false, trimBlocks: true, lstripBlocks: true },
  );
  for (const [key, value] of Object.entries(globals)) {
    env.addGlobal(key, value);
  }
  env.addFilter('date', (value: unknown, style: 'long' | 'short' = 'long') => {
    if (value === null || value === undefined || value === '') {
      return '';
    }
    if (!(value instanceof Date) && typeof value !== 'string' && typeof value !== 'number') {
      return '';
    }
    const date = value instanceof Date ? value : new Date(value);
    if (Number.isNaN(date.getTime())) {
      return String(value);
    }
    return date.toLocaleDateString('en-GB', {
      day: 'numeric',
      month: style === 'long' ? 'long' : 'short',
      year: 'numeric',
      timeZone: 'Europe/London',
    });
  });
  return env;
}

/**
 * Decorates replies with `view()` and a per-response CSP nonce.
 * @param app - the Fastify instance
 * @param env - the Nunjucks environment
 */
export function registerViews(app: FastifyInstance, env: nunjucks.Environment): void {
  app.decorateReply('scriptNonce', '');
  app.addHook('onRequest', async (_request, reply) => {
    reply.scriptNonce = randomBytes(16).toString('base64');
  });
  app.decorateReply(
    'view',
    function (this: FastifyReply, template: string, context: Record<string, unknown> = {}) {
      const auth = this.request.auth;
      const html = env.render(template, {
        ...context,
        cspNonce: this.scriptNonce,
        currentPath: this.request.url,
        // Signed-in pages show who is signed in, in which role, and a sign-out button (which needs a token).
        signedIn:
          auth?.stage === 'active'
            ? {
                name: auth.user.displayName,
                role: auth.acting === null ? null : ROLE_LABELS[auth.acting.role],
                organisation: auth.acting?.organisationName ?? null,
                canSwitchRole: auth.assignments.length > 1,
                signOutAction: `/signout?_csrf=${encodeURIComponent(this.csrfToken())}`,
              }
            : null,
      });
      return this.type('text/html; charset=utf-8').send(html);
    },
  );
}

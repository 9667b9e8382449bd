import formbody from '@fastify/formbody';
import fastifyStatic from '@fastify/static';
import Fastify, { type FastifyInstance, type FastifyServerOptions } from 'fastify';
import type { Kysely } from 'kysely';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Config } from './config.ts';
import type { Database } from './db/database.ts';
import { registerErrorHandling } from './http/errors.ts';
import { healthRoutes } from './http/health.routes.ts';
import { openApiRoutes } from './http/openapi.routes.ts';
import { registerSecurity } from './http/security.ts';
import { createViewEnvironment, nhsukDist, registerViews } from './http/views.ts';
import type { Tenant } from './modules/accounts/tenant.repository.ts';
import { directoryPagesRouter } from './modules/directory/directory-pages.routes.ts';
import { orukRoutes } from './modules/directory/oruk/oruk.routes.ts';
import { searchOpenApiPaths, searchOpenApiSchemas } from './modules/directory/search/search.openapi.ts';
import { directorySearchApiRouter } from './modules/directory/search/search.routes.ts';
import { homeRoutes } from './modules/home/home.routes.ts';

export interface AppDependencies {
  db: Kysely<Database>;
  config: Config;
  /** The tenant (PCN or ICB) whose directory this instance publishes. */
  tenant: Tenant;
  logger?: FastifyServerOptions['logger'];
}

const publicDir = join(dirname(fileURLToPath(import.meta.url)), 'public');

/** Request logs carry the method and path only: query strings can hold postcodes or names. */
export function defaultLogger(level: string): FastifyServerOptions['logger'] {
  return {
    level,
    redact: ['req.headers.cookie', 'req.headers.authorization'],
    serializers: {
      req: (req: { method: string; url: string; id: string }) => ({
        id: req.id,
        method: req.method,
        path: req.url.split('?')[0],
      }),
    },
  };
}

/**
 * The composition root: wires configuration, database and every module into one Fastify app.
 * @param deps - database, configuration and tenant
 */
export async function createApp(deps: AppDependencies): Promise<FastifyInstance> {
  const app = Fastify({
    logger: deps.logger ?? defaultLogger(deps.config.logLevel),
    trustProxy: deps.config.trustProxy,
    bodyLimit: 1_048_576,
  });
  await registerSecurity(app);
  await app.register(formbody);
  // nhsuk-frontend's CSS refers to `/assets/images/...`, so its assets folder is served at `/assets/`.
  await app.register(fastifyStatic, {
    root: [join(nhsukDist, 'nhsuk', 'assets'), join(nhsukDist, 'nhsuk')],
    prefix: '/assets/',
    maxAge: '1d',
    allowedPath: (path) => /^\/(images\/[\w.-]+|manifest\.json|nhsuk-frontend\.min\.(css|js))$/.test(path),
  });
  await app.register(fastifyStatic, { root: publicDir, prefix: '/assets/signpost/', decorateReply: false });
  registerViews(
    app,
    createViewEnvironment({ serviceName: 'Signpost', publicBaseUrl: deps.config.publicBaseUrl }),
  );
  registerErrorHandling(app);

  healthRoutes(app, deps.db);
  homeRoutes(app);
  orukRoutes(app, deps);
  directorySearchApiRouter(app, deps);
  openApiRoutes(app, {
    publicBaseUrl: deps.config.publicBaseUrl,
    fragments: [{ paths: searchOpenApiPaths, schemas: searchOpenApiSchemas }],
  });
  directoryPagesRouter(app, deps);
  return app;
}

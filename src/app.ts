import formbody from '@fastify/formbody';
import rateLimit from '@fastify/rate-limit';
import fastifyStatic from '@fastify/static';
import Fastify, { type FastifyInstance, type FastifyServerOptions } from 'fastify';
import type { Kysely } from 'kysely';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Config } from './config.ts';
import type { Database } from './db/database.ts';
import { registerErrorHandling } from './http/errors.ts';
import { loggablePath } from './http/logging.ts';
import { healthRoutes } from './http/health.routes.ts';
import { openApiRoutes } from './http/openapi.routes.ts';
import { registerAccessControl, type RouteRule } from './http/route-access.ts';
import { registerSecurity } from './http/security.ts';
import { createViewEnvironment, nhsukDist, registerViews } from './http/views.ts';
import { accountRoutes } from './modules/accounts/account.routes.ts';
import { adminRoutes } from './modules/accounts/admin.routes.ts';
import { registerAuth } from './modules/accounts/auth-context.ts';
import { oidcRoutes } from './modules/accounts/oidc.routes.ts';
import { signinRoutes } from './modules/accounts/signin.routes.ts';
import { staffHomeRoutes } from './modules/accounts/staff-home.routes.ts';
import type { Tenant } from './modules/accounts/tenant.repository.ts';
import { directoryPagesRouter } from './modules/directory/directory-pages.routes.ts';
import { auditPagesRoutes } from './modules/audit/audit-pages.routes.ts';
import { caseworkRoutes } from './modules/casework/casework.routes.ts';
import { codesAdminRoutes } from './modules/casework/codes-admin.routes.ts';
import { navigateRoutes } from './modules/navigation/navigate.routes.ts';
import { protocolRoutes } from './modules/navigation/protocol.routes.ts';
import { navigationReportRoutes } from './modules/navigation/reports.routes.ts';
import { trainingRoutes } from './modules/navigation/training.routes.ts';
import { orukRoutes } from './modules/directory/oruk/oruk.routes.ts';
import { peopleRoutes } from './modules/people/people.routes.ts';
import { referralOpenApi, referralsRoutes } from './modules/referrals/referrals.routes.ts';
import { searchOpenApiPaths, searchOpenApiSchemas } from './modules/directory/search/search.openapi.ts';
import { directorySearchApiRouter } from './modules/directory/search/search.routes.ts';
import { homeRoutes } from './modules/home/home.routes.ts';

export interface AppDependencies {
  db: Kysely<Database>;
  config: Config;
  /** The tenant (PCN or ICB) whose directory this instance publishes. */
  tenant: Tenant;
  logger?: FastifyServerOptions['logger'];
  /** Access rules for routes added outside Signpost's modules (tests' probe routes). Product routes use ROUTE_RULES. */
  extraRouteRules?: Readonly<Record<string, RouteRule>>;
}

const publicDir = join(dirname(fileURLToPath(import.meta.url)), 'public');

/** Request logs carry the method and path only, without single-use tokens: a query can hold a postcode or name. */
export function defaultLogger(level: string): FastifyServerOptions['logger'] {
  return {
    level,
    redact: ['req.headers.cookie', 'req.headers.authorization'],
    serializers: {
      req: (req: { method: string; url: string; id: string }) => ({
        id: req.id,
        method: req.method,
        path: loggablePath(req.url),
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
  await app.register(rateLimit, { global: false });
  const auth = await registerAuth(app, deps);
  registerAccessControl(app, auth, deps.extraRouteRules);
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
    fragments: [{ paths: searchOpenApiPaths, schemas: searchOpenApiSchemas }, referralOpenApi],
  });
  directoryPagesRouter(app, deps);
  signinRoutes(app, deps);
  accountRoutes(app, deps);
  oidcRoutes(app, deps);
  staffHomeRoutes(app, deps);
  adminRoutes(app, deps);
  auditPagesRoutes(app, deps);
  caseworkRoutes(app, deps);
  peopleRoutes(app, deps);
  referralsRoutes(app, deps);
  codesAdminRoutes(app, deps);
  navigateRoutes(app, deps);
  protocolRoutes(app, deps);
  trainingRoutes(app, deps);
  navigationReportRoutes(app, deps);
  return app;
}

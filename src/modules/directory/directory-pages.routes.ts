import type { FastifyInstance } from 'fastify';
import type { Kysely } from 'kysely';
import type { Config } from '../../config.ts';
import type { Database } from '../../db/database.ts';
import type { Tenant } from '../accounts/tenant.repository.ts';
import { directorySearchGet } from './directory-search.controller.ts';
import { servicePageGet, servicePrintGet } from './service-page.controller.ts';

export interface DirectoryPagesDeps {
  db: Kysely<Database>;
  tenant: Tenant;
  config: Config;
  /** The clock, injectable so tests can fix "today". */
  now?: () => Date;
}

export const PATHS = {
  search: '/directory',
  service: '/directory/services/:id',
  servicePrint: '/directory/services/:id/print',
  dataSources: '/about/data',
} as const;

/**
 * The public directory pages: search, service page, print view, and the data sources page.
 * Server-rendered with nhsuk-frontend macros; every page works with JavaScript off.
 * @param app - the Fastify instance
 * @param deps - database, tenant and configuration
 */
export function directoryPagesRouter(app: FastifyInstance, deps: DirectoryPagesDeps): void {
  const withClock = { ...deps, now: deps.now ?? ((): Date => new Date()) };
  app.get(PATHS.search, async (request, reply) => directorySearchGet(withClock, request, reply));
  app.get(PATHS.service, async (request, reply) => servicePageGet(withClock, request, reply));
  app.get(PATHS.servicePrint, async (request, reply) => servicePrintGet(withClock, request, reply));
  app.get(PATHS.dataSources, async (_request, reply) =>
    reply.view('directory/views/data-sources.njk', { tenantName: deps.tenant.name }),
  );
}

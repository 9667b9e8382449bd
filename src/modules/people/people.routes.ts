import type { FastifyInstance } from 'fastify';
import { peoplePagesRoutes } from './people-pages.routes.ts';
import { personFormRoutes } from './person-form.routes.ts';
import type { PagesDeps } from './staff-request.ts';

/**
 * Every page of the people module (`/app/people...`).
 * @param app - the Fastify instance
 * @param deps - database, configuration, tenant and clock
 */
export function peopleRoutes(app: FastifyInstance, deps: PagesDeps): void {
  personFormRoutes(app, deps);
  peoplePagesRoutes(app, deps);
}

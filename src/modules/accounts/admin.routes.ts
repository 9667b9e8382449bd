import type { FastifyInstance } from 'fastify';
import { adminOrganisationRoutes } from './admin-organisations.routes.ts';
import { adminUserRoutes } from './admin-users.routes.ts';
import type { AuthDeps } from './auth-context.ts';

/**
 * The administration pages: users and their roles (admin-users.routes.ts), organisations and practices
 * (admin-organisations.routes.ts). Their access rules are under "Administration" in ROUTE_RULES.
 * @param app - the Fastify instance
 * @param deps - database, configuration and tenant
 */
export function adminRoutes(app: FastifyInstance, deps: AuthDeps): void {
  adminUserRoutes(app, deps);
  adminOrganisationRoutes(app, deps);
}

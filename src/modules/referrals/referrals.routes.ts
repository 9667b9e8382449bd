import type { FastifyInstance } from 'fastify';
import type { OpenApiFragment } from '../../http/openapi.routes.ts';
import type { PagesDeps } from '../people/staff-request.ts';
import { referralApiRoutes } from './referral-api.routes.ts';
import { referralOpenApiPaths, referralOpenApiSchemas } from './referral.openapi.ts';
import { referralPagesRoutes } from './referral-pages.routes.ts';
import { selfReferralRoutes } from './self-referral.routes.ts';
import { triageRoutes } from './triage.routes.ts';

/** The referrals API's part of /api/openapi.json. */
export const referralOpenApi: OpenApiFragment = {
  paths: referralOpenApiPaths,
  schemas: referralOpenApiSchemas,
};

/**
 * Every route of the referrals module: the staff and partner form, the public self-referral form, the
 * JSON API, triage and the team page.
 * @param app - the Fastify instance
 * @param deps - database, configuration, tenant and clock
 */
export function referralsRoutes(app: FastifyInstance, deps: PagesDeps): void {
  referralPagesRoutes(app, deps);
  selfReferralRoutes(app, deps);
  referralApiRoutes(app, deps);
  triageRoutes(app, deps);
}

import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Kysely } from 'kysely';
import type { Config } from '../../../config.ts';
import type { Database } from '../../../db/database.ts';
import type { Tenant } from '../../accounts/tenant.repository.ts';
import {
  idParamsSchema,
  organizationQuerySchema,
  organizationsQuerySchema,
  parseQuery,
  serviceAtLocationsQuerySchema,
  servicesQuerySchema,
  taxonomiesQuerySchema,
  taxonomyTermsQuerySchema,
} from './oruk-query.schema.ts';
import { PageBoundaryCache } from './oruk-list-pages.ts';
import { buildOrukOpenApi } from './oruk.openapi.ts';
import {
  getOrganization,
  getService,
  getServiceAtLocation,
  getTaxonomy,
  getTaxonomyTerm,
  listOrganizations,
  listServiceAtLocations,
  listServices,
  listTaxonomies,
  listTaxonomyTerms,
  type OrukContext,
} from './oruk.service.ts';

// The Open Referral UK 3.0 API: public, read-only, no key. `Access-Control-Allow-Origin: *` is added to every
// /oruk response (preflights and errors included) by src/http/security.ts.

export const ORUK_PATHS = {
  root: '/oruk/',
  openapi: '/oruk/openapi.json',
  services: '/oruk/services',
  service: '/oruk/services/:id',
  serviceAtLocations: '/oruk/service_at_locations',
  serviceAtLocation: '/oruk/service_at_locations/:id',
  organizations: '/oruk/organizations',
  organization: '/oruk/organizations/:id',
  taxonomies: '/oruk/taxonomies',
  taxonomy: '/oruk/taxonomies/:id',
  taxonomyTerms: '/oruk/taxonomy_terms',
  taxonomyTerm: '/oruk/taxonomy_terms/:id',
} as const;

/** The version string the official validator parses ("HSDS-UK-" + the spec version it loads). */
export const ORUK_VERSION = 'HSDS-UK-3.0';
export const ORUK_PROFILE_URL = 'https://raw.githubusercontent.com/OpenReferralUK/uk-profile/main/profile';

export interface OrukRouteDeps {
  db: Kysely<Database>;
  config: Config;
  tenant: Tenant;
}

function preflight(request: FastifyRequest, reply: FastifyReply): FastifyReply {
  const requested = request.headers['access-control-request-headers'];
  return reply
    .status(204)
    .header('access-control-allow-methods', 'GET, HEAD, OPTIONS')
    .header(
      'access-control-allow-headers',
      typeof requested === 'string' ? requested : 'Accept, Content-Type',
    )
    .header('access-control-max-age', '86400')
    .send();
}

const id = (request: FastifyRequest): string => parseQuery(idParamsSchema, request.params).id;

/**
 * Registers the /oruk/ endpoints.
 * @param app - the Fastify instance
 * @param deps - database, configuration and the tenant whose directory is published
 */
export function orukRoutes(app: FastifyInstance, deps: OrukRouteDeps): void {
  const ctx: OrukContext = { db: deps.db, tenantId: deps.tenant.id, pageBoundaries: new PageBoundaryCache() };
  const root = {
    version: ORUK_VERSION,
    profile: ORUK_PROFILE_URL,
    openapi_url: `${deps.config.publicBaseUrl}${ORUK_PATHS.openapi}`,
  };
  const openapi = buildOrukOpenApi(deps.config.publicBaseUrl);

  app.options('/oruk', preflight);
  app.options('/oruk/*', preflight);
  app.get('/oruk', async () => root);
  app.get(ORUK_PATHS.root, async () => root);
  app.get(ORUK_PATHS.openapi, async () => openapi);

  app.get(ORUK_PATHS.services, async (request) =>
    listServices(ctx, parseQuery(servicesQuerySchema, request.query)),
  );
  app.get(ORUK_PATHS.service, async (request) => getService(ctx, id(request)));
  app.get(ORUK_PATHS.serviceAtLocations, async (request) =>
    listServiceAtLocations(ctx, parseQuery(serviceAtLocationsQuerySchema, request.query)),
  );
  app.get(ORUK_PATHS.serviceAtLocation, async (request) => getServiceAtLocation(ctx, id(request)));
  app.get(ORUK_PATHS.organizations, async (request) =>
    listOrganizations(ctx, parseQuery(organizationsQuerySchema, request.query)),
  );
  app.get(ORUK_PATHS.organization, async (request) =>
    getOrganization(ctx, id(request), parseQuery(organizationQuerySchema, request.query).full_service),
  );
  app.get(ORUK_PATHS.taxonomies, async (request) =>
    listTaxonomies(ctx, parseQuery(taxonomiesQuerySchema, request.query)),
  );
  app.get(ORUK_PATHS.taxonomy, async (request) => getTaxonomy(ctx, id(request)));
  app.get(ORUK_PATHS.taxonomyTerms, async (request) =>
    listTaxonomyTerms(ctx, parseQuery(taxonomyTermsQuerySchema, request.query)),
  );
  app.get(ORUK_PATHS.taxonomyTerm, async (request) => getTaxonomyTerm(ctx, id(request)));
}

import type { Kysely } from 'kysely';
import type { Database } from '../../../db/database.ts';
import { ApiError } from '../../../http/errors.ts';
import { boundingBox, resolvePostcode } from '../../geo/geo.service.ts';
import {
  loadOrganizationGraphs,
  loadServiceGraphs,
  loadServiceSummaries,
} from '../directory-read.repository.ts';
import type { ServiceGraph } from '../directory-read.model.ts';
import { toOrukPage, type OrukPage } from './oruk-page.ts';
import { pageAllServiceAtLocations, pageAllServiceIds, type PageBoundaryCache } from './oruk-list-pages.ts';
import type {
  OrganizationsQuery,
  ServiceAtLocationsQuery,
  ServiceFilterQuery,
  ServicesQuery,
  TaxonomiesQuery,
  TaxonomyTermsQuery,
} from './oruk-query.schema.ts';
import {
  findServiceIdOfServiceAtLocation,
  findTaxonomy,
  findTaxonomyTerms,
  listServicesOfOrganizations,
  pageOrganizationIds,
  pageServiceAtLocations,
  pageServiceIds,
  pageTaxonomies,
  pageTaxonomyTerms,
  type GeoFilter,
} from './oruk.repository.ts';
import type { OrukService, OrukTaxonomy, OrukTaxonomyTerm } from './oruk.schema.ts';
import {
  compact,
  serializeOrganization,
  serializeOrganizationSummary,
  serializeService,
  serializeServiceAtLocation,
  serializeServiceAtLocationSummary,
  serializeServiceSummary,
  serializeTaxonomy,
  serializeTaxonomyTerm,
  type OrukOrganizationOut,
  type OrukServiceAtLocationOut,
} from './oruk.serializer.ts';

// The ORUK read use cases: validate nothing (the routes did), query one page, load records for that page,
// serialize. Unknown ids throw a 404 ApiError; everything is scoped to the instance's tenant.

export interface OrukContext {
  db: Kysely<Database>;
  tenantId: string;
  /** Page boundaries of the unfiltered lists, kept for this app instance. */
  pageBoundaries: PageBoundaryCache;
}

function filtersOf(query: ServicesQuery | ServiceAtLocationsQuery): ServiceFilterQuery {
  return {
    search: query.search,
    taxonomy_term_id: query.taxonomy_term_id,
    taxonomy_id: query.taxonomy_id,
    organization_id: query.organization_id,
    modified_after: query.modified_after,
    minimum_age: query.minimum_age,
    maximum_age: query.maximum_age,
    start_time: query.start_time,
    end_time: query.end_time,
    day: query.day,
  };
}

function isUnfiltered(filters: ServiceFilterQuery): boolean {
  return Object.values(filters).every((value) => value === undefined);
}

function notFound(kind: string, id: string): ApiError {
  return ApiError.notFound(`No ${kind} with id ${id}`);
}

/**
 * `/services`: a page of services, as one-to-one fields with their organization (default), fully nested
 * (`full=true`), or just id, name, status and last_modified (`minimal=true`).
 * @param ctx - database and tenant
 * @param query - validated query parameters
 */
export async function listServices(ctx: OrukContext, query: ServicesQuery): Promise<OrukPage<OrukService>> {
  const paging = { page: query.page, perPage: query.per_page };
  const filters = filtersOf(query);
  // The unfiltered list is how consumers crawl the whole feed: it pages by seek, not OFFSET.
  const { total, items: ids } = isUnfiltered(filters)
    ? await pageAllServiceIds(ctx.db, ctx.tenantId, { ...paging, cache: ctx.pageBoundaries })
    : await pageServiceIds(ctx.db, ctx.tenantId, filters, paging);
  let contents: OrukService[];
  if (query.full) {
    const graphs = await loadServiceGraphs(ctx.db, ctx.tenantId, ids);
    contents = ids.flatMap((id) => {
      const graph = graphs.get(id);
      return graph === undefined ? [] : [serializeService(ctx.tenantId, graph)];
    });
  } else {
    const summaries = await loadServiceSummaries(ctx.db, ctx.tenantId, ids);
    contents = ids.flatMap((id) => {
      const summary = summaries.get(id);
      if (summary === undefined) {
        return [];
      }
      // `minimal`: the spec asks for "just id and modified date"; name and status stay because the list
      // schema requires them.
      return [
        query.minimal
          ? compact({
              id: summary.id,
              name: summary.name,
              status: summary.status,
              last_modified: summary.lastModified?.toISOString(),
            })
          : serializeServiceSummary(summary),
      ];
    });
  }
  return toOrukPage(contents, { total, ...paging });
}

/**
 * `/services/{id}`: one fully nested service.
 * @param ctx - database and tenant
 * @param id - the service id
 */
export async function getService(ctx: OrukContext, id: string): Promise<OrukService> {
  const graph = (await loadServiceGraphs(ctx.db, ctx.tenantId, [id])).get(id);
  if (graph === undefined) {
    throw notFound('service', id);
  }
  return serializeService(ctx.tenantId, graph);
}

async function geoFilterFor(
  ctx: OrukContext,
  query: ServiceAtLocationsQuery,
): Promise<GeoFilter | undefined> {
  if (query.postcode === undefined) {
    return undefined;
  }
  const resolved = await resolvePostcode(ctx.db, query.postcode);
  if (!resolved.ok) {
    throw ApiError.validation([{ field: 'postcode', message: resolved.message }]);
  }
  const origin = { latitude: resolved.value.latitude, longitude: resolved.value.longitude };
  if (query.proximity === undefined) {
    return origin;
  }
  const withinKm = query.proximity / 1000;
  return { ...origin, withinKm, box: boundingBox(origin, withinKm) };
}

/**
 * `/service_at_locations`: a page of service_at_locations whose services match the filters; with `postcode`
 * nearest first, and with `proximity` (metres) only those within that distance of the postcode.
 * @param ctx - database and tenant
 * @param query - validated query parameters
 */
export async function listServiceAtLocations(
  ctx: OrukContext,
  query: ServiceAtLocationsQuery,
): Promise<OrukPage<OrukServiceAtLocationOut>> {
  const paging = { page: query.page, perPage: query.per_page };
  const geo = await geoFilterFor(ctx, query);
  const filters = filtersOf(query);
  const { total, items } =
    geo === undefined && isUnfiltered(filters)
      ? await pageAllServiceAtLocations(ctx.db, ctx.tenantId, { ...paging, cache: ctx.pageBoundaries })
      : await pageServiceAtLocations(ctx.db, ctx.tenantId, {
          filters,
          ...(geo === undefined ? {} : { geo }),
          page: paging,
        });
  const serviceIds = items.map((i) => i.serviceId);
  let contents: OrukServiceAtLocationOut[];
  if (query.full) {
    const graphs = await loadServiceGraphs(ctx.db, ctx.tenantId, serviceIds);
    contents = items.flatMap((item) => {
      const graph = graphs.get(item.serviceId);
      const sal = graph?.serviceAtLocations.find((s) => s.id === item.id);
      return graph === undefined || sal === undefined
        ? []
        : [serializeServiceAtLocation(ctx.tenantId, graph, sal)];
    });
  } else {
    const summaries = await loadServiceSummaries(ctx.db, ctx.tenantId, serviceIds);
    contents = items.flatMap((item) => {
      const summary = summaries.get(item.serviceId);
      return summary === undefined ? [] : [serializeServiceAtLocationSummary(item, item.location, summary)];
    });
  }
  return toOrukPage(contents, { total, ...paging });
}

/**
 * `/service_at_locations/{id}`: the location and the service, both fully nested.
 * @param ctx - database and tenant
 * @param id - the service_at_location id
 */
export async function getServiceAtLocation(ctx: OrukContext, id: string): Promise<OrukServiceAtLocationOut> {
  const serviceId = await findServiceIdOfServiceAtLocation(ctx.db, ctx.tenantId, id);
  const graph =
    serviceId === undefined
      ? undefined
      : (await loadServiceGraphs(ctx.db, ctx.tenantId, [serviceId])).get(serviceId);
  const sal = graph?.serviceAtLocations.find((s) => s.id === id);
  if (graph === undefined || sal === undefined) {
    throw notFound('service_at_location', id);
  }
  return serializeServiceAtLocation(ctx.tenantId, graph, sal);
}

async function organizationsWithServices(
  ctx: OrukContext,
  ids: readonly string[],
  fullService: boolean,
): Promise<OrukOrganizationOut[]> {
  const [organizations, services] = await Promise.all([
    loadOrganizationGraphs(ctx.db, ctx.tenantId, ids),
    listServicesOfOrganizations(ctx.db, ctx.tenantId, ids),
  ]);
  const graphs = fullService
    ? await loadServiceGraphs(
        ctx.db,
        ctx.tenantId,
        [...services.values()].flatMap((list) => list.map((s) => s.id)),
      )
    : new Map<string, ServiceGraph>();
  return ids.flatMap((id) => {
    const organization = organizations.get(id);
    if (organization === undefined) {
      return [];
    }
    const own = services.get(id) ?? [];
    return [
      serializeOrganization(
        ctx.tenantId,
        organization,
        fullService ? { graphs: own.flatMap((s) => graphs.get(s.id) ?? []) } : { summaries: own },
      ),
    ];
  });
}

/**
 * `/organizations`: a page of organizations, own fields only unless `full` or `full_service`.
 * @param ctx - database and tenant
 * @param query - validated query parameters
 */
export async function listOrganizations(
  ctx: OrukContext,
  query: OrganizationsQuery,
): Promise<OrukPage<OrukOrganizationOut>> {
  const paging = { page: query.page, perPage: query.per_page };
  const { total, items: ids } = await pageOrganizationIds(ctx.db, ctx.tenantId, {
    search: query.search,
    page: paging,
  });
  let contents: OrukOrganizationOut[];
  if (query.full || query.full_service) {
    contents = await organizationsWithServices(ctx, ids, query.full_service);
  } else {
    const organizations = await loadOrganizationGraphs(ctx.db, ctx.tenantId, ids);
    contents = ids.flatMap((id) => {
      const organization = organizations.get(id);
      return organization === undefined ? [] : [serializeOrganizationSummary(organization)];
    });
  }
  return toOrukPage(contents, { total, ...paging });
}

/**
 * `/organizations/{id}`: the organization with identifiers, attributes and its services (one-to-one fields,
 * or fully nested with `full_service`).
 * @param ctx - database and tenant
 * @param id - the organization id
 * @param fullService - nest each service in full
 */
export async function getOrganization(
  ctx: OrukContext,
  id: string,
  fullService: boolean,
): Promise<OrukOrganizationOut> {
  const organization = (await organizationsWithServices(ctx, [id], fullService)).at(0);
  if (organization === undefined) {
    throw notFound('organization', id);
  }
  return organization;
}

/**
 * `/taxonomies`: a page of taxonomies (without their terms).
 * @param ctx - database and tenant
 * @param query - validated query parameters
 */
export async function listTaxonomies(
  ctx: OrukContext,
  query: TaxonomiesQuery,
): Promise<OrukPage<OrukTaxonomy>> {
  const paging = { page: query.page, perPage: query.per_page };
  const { total, items } = await pageTaxonomies(ctx.db, ctx.tenantId, { search: query.search, page: paging });
  return toOrukPage(
    items.map((t) => serializeTaxonomy(t)),
    { total, ...paging },
  );
}

/**
 * `/taxonomies/{id}`: a taxonomy with all its terms.
 * @param ctx - database and tenant
 * @param id - the taxonomy id
 */
export async function getTaxonomy(ctx: OrukContext, id: string): Promise<OrukTaxonomy> {
  const [taxonomy, terms] = await Promise.all([
    findTaxonomy(ctx.db, ctx.tenantId, id),
    findTaxonomyTerms(ctx.db, ctx.tenantId, { taxonomyId: id }),
  ]);
  if (taxonomy === undefined) {
    throw notFound('taxonomy', id);
  }
  return serializeTaxonomy(taxonomy, terms);
}

/**
 * `/taxonomy_terms`: a page of terms, by taxonomy, parent, top level only (`top_only`) and text.
 * @param ctx - database and tenant
 * @param query - validated query parameters
 */
export async function listTaxonomyTerms(
  ctx: OrukContext,
  query: TaxonomyTermsQuery,
): Promise<OrukPage<OrukTaxonomyTerm>> {
  const paging = { page: query.page, perPage: query.per_page };
  const { total, items } = await pageTaxonomyTerms(ctx.db, ctx.tenantId, {
    filters: {
      search: query.search,
      taxonomyId: query.taxonomy_id,
      parentId: query.parent_id,
      topOnly: query.top_only,
    },
    page: paging,
  });
  return toOrukPage(
    items.map((t) => serializeTaxonomyTerm(t)),
    { total, ...paging },
  );
}

/**
 * `/taxonomy_terms/{id}`: one term.
 * @param ctx - database and tenant
 * @param id - the term id
 */
export async function getTaxonomyTerm(ctx: OrukContext, id: string): Promise<OrukTaxonomyTerm> {
  const term = (await findTaxonomyTerms(ctx.db, ctx.tenantId, { id })).at(0);
  if (term === undefined) {
    throw notFound('taxonomy_term', id);
  }
  return serializeTaxonomyTerm(term);
}

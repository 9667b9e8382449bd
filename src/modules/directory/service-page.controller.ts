import type { FastifyReply, FastifyRequest } from 'fastify';
import type { DirectoryPagesDeps } from './directory-pages.routes.ts';
import { loadServiceGraphs } from './directory-read.repository.ts';
import { formatLongDate } from './directory-format.ts';
import { isEmptySearch, readSearchForm, searchFormToQueryString } from './directory-search.form.ts';
import { buildServicePageView, type ServicePageView } from './service-page.view-model.ts';

const UUID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function serviceIdFrom(request: FastifyRequest): string | null {
  const { id } = request.params as { id?: unknown };
  return typeof id === 'string' && UUID_PATTERN.test(id) ? id.toLowerCase() : null;
}

async function loadServiceView(
  deps: Required<DirectoryPagesDeps>,
  request: FastifyRequest,
): Promise<ServicePageView | null> {
  const id = serviceIdFrom(request);
  if (id === null) {
    return null;
  }
  const graph = (await loadServiceGraphs(deps.db, deps.tenant.id, [id])).get(id);
  if (graph === undefined) {
    return null;
  }
  return buildServicePageView(graph, {
    now: deps.now(),
    capacityStaleDays: deps.config.capacityStaleDays,
    listingStaleDays: deps.config.listingStaleDays,
  });
}

function notFound(reply: FastifyReply): FastifyReply {
  return reply.status(404).view('errors/not-found.njk');
}

/**
 * GET /directory/services/:id: everything a navigator needs to explain one service. The search that led
 * here travels in the query string, so the breadcrumb goes back to the same results.
 * @param deps - database, tenant, configuration and clock
 * @param request - the request
 * @param reply - the reply
 */
export async function servicePageGet(
  deps: Required<DirectoryPagesDeps>,
  request: FastifyRequest,
  reply: FastifyReply,
): Promise<FastifyReply> {
  const service = await loadServiceView(deps, request);
  if (service === null) {
    return notFound(reply);
  }
  const form = readSearchForm(request.query);
  const queryString = searchFormToQueryString(form);
  return reply.view('directory/views/service.njk', {
    service,
    hasSearch: !isEmptySearch(form),
    backHref: queryString === '' ? '/directory' : `/directory?${queryString}`,
    printHref: `/directory/services/${service.id}/print`,
  });
}

/**
 * GET /directory/services/:id/print: the same information as a plain one-page handout.
 * @param deps - database, tenant, configuration and clock
 * @param request - the request
 * @param reply - the reply
 */
export async function servicePrintGet(
  deps: Required<DirectoryPagesDeps>,
  request: FastifyRequest,
  reply: FastifyReply,
): Promise<FastifyReply> {
  const service = await loadServiceView(deps, request);
  if (service === null) {
    return notFound(reply);
  }
  return reply.view('directory/views/service-print.njk', {
    service,
    serviceHref: `/directory/services/${service.id}`,
    printedOn: formatLongDate(deps.now()),
  });
}

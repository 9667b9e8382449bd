import { API_ERROR_JSON_SCHEMA } from '../../../http/errors.ts';
import { DEFAULT_PER_PAGE, MAX_PER_PAGE, MAX_PROXIMITY_METRES } from './oruk-query.schema.ts';

// The OpenAPI document served at /oruk/openapi.json: an adapted copy of the Open Referral UK 3.0 OpenAPI
// (OpenReferralUK/uk-profile schema/openapi.json, commit ecdfabf, CC BY-SA 4.0, © Open Referral UK), so it is
// shared under the same licence. Changes from the original, each to describe what this API really does:
// - `servers` points at this instance; `openapi` is 3.1.0, the version that allows `jsonSchemaDialect`;
// - adds /organizations and /organizations/{id} (from the HSDS 3.0 and ORUK validator specifications);
// - lists every query parameter each endpoint accepts (the union of both specifications), with bounds;
// - /service_at_locations/{id} answers with compiled/service_at_location.json, not compiled/service.json
//   (a known defect of the original);
// - start_time / end_time are `"type": "string"` with a pattern, not the invalid `"type": "time"`;
// - 400 and 404 responses with Signpost's error body.
// Response schemas are referenced by their raw GitHub URLs, as in the original.

const PROFILE_SCHEMAS = 'https://raw.githubusercontent.com/openreferral/uk-profile/main/schema/';

type Json = Record<string, unknown>;

const param = (name: string, description: string, schema: Json): Json => ({
  name,
  in: 'query',
  required: false,
  description,
  schema,
});

const parameters: Record<string, Json> = {
  search: param('search', 'Full text search (English stemming; quoted phrases, `or` and `-word` allowed).', {
    type: 'string',
    maxLength: 200,
  }),
  page: param('page', 'Page number of paginated result, from 1.', {
    type: 'integer',
    minimum: 1,
    default: 1,
  }),
  per_page: param('per_page', `Number of results requested in a single page (at most ${MAX_PER_PAGE}).`, {
    type: 'integer',
    minimum: 1,
    maximum: MAX_PER_PAGE,
    default: DEFAULT_PER_PAGE,
  }),
  format: param('format', 'Return results in the specified format. Only `json` is offered.', {
    type: 'string',
    enum: ['json'],
  }),
  minimal: param(
    'minimal',
    'Return just each service `id`, `name`, `status` and `last_modified` (name and status stay because the list schema requires them).',
    { type: 'boolean' },
  ),
  full: param('full', 'Return fully nested services, service_at_locations or organizations.', {
    type: 'boolean',
  }),
  full_service: param('full_service', 'Nest each of the organization’s services in full.', {
    type: 'boolean',
  }),
  modified_after: param(
    'modified_after',
    'Return services whose `last_modified` is on or after this date-time (a date alone, or no offset, means UTC).',
    { type: 'string', format: 'date-time' },
  ),
  taxonomy_term_id: param('taxonomy_term_id', 'Services with an attribute of this taxonomy term.', {
    type: 'string',
    format: 'uuid',
  }),
  taxonomy_id: param('taxonomy_id', 'Services with an attribute of any term of this taxonomy.', {
    type: 'string',
    format: 'uuid',
  }),
  organization_id: param('organization_id', 'Services provided by this organization.', {
    type: 'string',
    format: 'uuid',
  }),
  minimum_age: param('minimum_age', 'Services with a minimum age of at least this value.', {
    type: 'number',
    minimum: 0,
    maximum: 150,
  }),
  maximum_age: param('maximum_age', 'Services with a maximum age equal to or below this value.', {
    type: 'number',
    minimum: 0,
    maximum: 150,
  }),
  start_time: param(
    'start_time',
    'Services with a schedule opening at or after this time (HH:MM or HH:MM:SS).',
    {
      type: 'string',
      pattern: '^([01]?[0-9]|2[0-3]):[0-5][0-9](:[0-5][0-9])?$',
    },
  ),
  end_time: param(
    'end_time',
    'Services with a schedule closing at or before this time (HH:MM or HH:MM:SS).',
    {
      type: 'string',
      pattern: '^([01]?[0-9]|2[0-3]):[0-5][0-9](:[0-5][0-9])?$',
    },
  ),
  day: param(
    'day',
    'Services with a schedule on this day: MO, TU, WE, TH, FR, SA or SU (or the day’s name).',
    {
      type: 'string',
    },
  ),
  postcode: param(
    'postcode',
    'A UK postcode, sector or district. Results are ordered nearest first; with `proximity`, limited to that distance. Service areas are not consulted.',
    { type: 'string' },
  ),
  proximity: param('proximity', 'Return results within this many metres of the postcode’s centroid.', {
    type: 'number',
    exclusiveMinimum: 0,
    maximum: MAX_PROXIMITY_METRES,
  }),
  taxonomy_id_terms: param('taxonomy_id', 'Terms of this taxonomy.', { type: 'string', format: 'uuid' }),
  top_only: param('top_only', 'Only terms without a parent (top-level terms).', { type: 'boolean' }),
  parent_id: param('parent_id', 'Terms whose parent is this term.', { type: 'string', format: 'uuid' }),
};

const ref = (name: string): Json => ({ $ref: `#/components/parameters/${name}` });
const refs = (...names: string[]): Json[] => names.map(ref);

const errors: Json = {
  '400': { $ref: '#/components/responses/BadRequest' },
};
const errorsWithNotFound: Json = { ...errors, '404': { $ref: '#/components/responses/NotFound' } };

function json(description: string, schema: Json): Json {
  return { description, content: { 'application/json': { schema } } };
}

function pageOf(items: string): Json {
  return {
    allOf: [{ $ref: '#/components/schemas/Page' }],
    properties: { contents: { type: 'array', items: { $ref: PROFILE_SCHEMAS + items } } },
  };
}

function get(operationId: string, summary: string, params: Json[], response: Json, responses = errors): Json {
  return { get: { operationId, summary, parameters: params, responses: { '200': response, ...responses } } };
}

const idParameter = (what: string): Json => ({
  in: 'path',
  name: 'id',
  required: true,
  description: `The id of the ${what}.`,
  schema: { type: 'string', format: 'uuid' },
});

function byId(what: string, operationId: string, schema: string, params: Json[] = []): Json {
  const path = get(
    operationId,
    `Retrieve one ${what} by id.`,
    params,
    json(`The ${what}.`, { $ref: PROFILE_SCHEMAS + schema }),
    errorsWithNotFound,
  );
  return { parameters: [idParameter(what)], ...path };
}

const serviceFilters = [
  'search',
  'page',
  'per_page',
  'format',
  'taxonomy_term_id',
  'taxonomy_id',
  'organization_id',
  'modified_after',
  'minimum_age',
  'maximum_age',
  'start_time',
  'end_time',
  'day',
  'full',
];

/**
 * The OpenAPI 3.1 document for this instance's /oruk/ API.
 * @param publicBaseUrl - the instance's public base URL, without a trailing slash
 */
export function buildOrukOpenApi(publicBaseUrl: string): Json {
  return {
    openapi: '3.1.0',
    info: {
      title: 'Signpost Open Referral UK API',
      version: 'HSDS-UK-3.0',
      description:
        'Open Referral UK 3.0 (HSDS 3.0 with the UK profile), read-only. Public, no key; CORS `*`. Adapted from the Open Referral UK Profile OpenAPI (OpenReferralUK/uk-profile), © Open Referral UK, licensed CC BY-SA 4.0.',
      license: { name: 'CC BY-SA 4.0', url: 'https://creativecommons.org/licenses/by-sa/4.0/' },
    },
    jsonSchemaDialect: 'https://json-schema.org/draft/2020-12/schema',
    servers: [{ url: `${publicBaseUrl}/oruk` }],
    paths: {
      '/': get(
        'getAPIMetaInformation',
        'Information about this API and its relationship with HSDS.',
        [],
        json('API information.', {
          type: 'object',
          required: ['version', 'profile', 'openapi_url'],
          properties: {
            version: { type: 'string' },
            profile: { type: 'string', format: 'uri' },
            openapi_url: { type: 'string', format: 'uri' },
          },
        }),
      ),
      '/services': get(
        'getPaginatedListOfServices',
        'A page of services (one-to-one fields and organization).',
        refs(...serviceFilters, 'minimal'),
        json('A page of services.', pageOf('compiled/service_list.json')),
      ),
      '/services/{id}': byId('service', 'getFullyNestedServiceById', 'compiled/service.json'),
      '/service_at_locations': get(
        'getPaginatedListOfServiceAtLocation',
        'A page of service_at_locations.',
        refs(...serviceFilters, 'postcode', 'proximity'),
        json('A page of service_at_locations.', pageOf('compiled/service_at_location_list.json')),
      ),
      '/service_at_locations/{id}': byId(
        'service_at_location',
        'getServiceAtLocationWithNestedDataById',
        'compiled/service_at_location.json',
      ),
      '/organizations': get(
        'getPaginatedListOfOrganizations',
        'A page of organizations.',
        refs('search', 'page', 'per_page', 'format', 'full', 'full_service'),
        json('A page of organizations.', pageOf('compiled/organization_list.json')),
      ),
      '/organizations/{id}': byId(
        'organization',
        'getOrganizationById',
        'compiled/organization.json',
        refs('full_service'),
      ),
      '/taxonomies': get(
        'getPaginatedListOfTaxonomies',
        'A page of taxonomies.',
        refs('search', 'page', 'per_page', 'format'),
        json('A page of taxonomies.', pageOf('taxonomy.json')),
      ),
      '/taxonomies/{id}': byId('taxonomy', 'getTaxonomyById', 'taxonomy.json'),
      '/taxonomy_terms': get(
        'getPaginatedListOfTaxonomyTerms',
        'A page of taxonomy terms.',
        refs('search', 'page', 'per_page', 'format', 'taxonomy_id_terms', 'top_only', 'parent_id'),
        json('A page of taxonomy terms.', pageOf('taxonomy_term.json')),
      ),
      '/taxonomy_terms/{id}': byId('taxonomy term', 'getTaxonomyTermById', 'taxonomy_term.json'),
    },
    components: {
      parameters,
      schemas: {
        Page: {
          type: 'object',
          properties: {
            total_items: { type: 'integer', description: 'The total number of entities matching the query.' },
            total_pages: { type: 'integer', description: 'Count of total pages (0 when nothing matches).' },
            page_number: { type: 'integer', description: 'The number of the current page, from 1.' },
            size: { type: 'integer', description: 'The number of entities in the current page.' },
            first_page: { type: 'boolean', description: 'Whether this is the first page.' },
            last_page: { type: 'boolean', description: 'Whether this is the last page (or past it).' },
            empty: { type: 'boolean', description: 'Whether this page has no entities.' },
          },
        },
        Error: API_ERROR_JSON_SCHEMA,
      },
      responses: {
        BadRequest: json('A query parameter is not valid; `issues` names each one.', {
          $ref: '#/components/schemas/Error',
        }),
        NotFound: json('No record with that id.', { $ref: '#/components/schemas/Error' }),
      },
    },
  };
}

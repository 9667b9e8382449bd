import { CAPACITY_STATUSES, DELIVERY_MODES, NEED_CODES, REFERRAL_ROUTES } from '../vocabulary.ts';
import { SEARCH_API_PATHS } from './search.routes.ts';

// The OpenAPI description of `GET /api/directory/search`, served within /api/openapi.json. The response
// schema mirrors search.types.ts; the route test validates real responses against it.

const nullable = (schema: Record<string, unknown>): Record<string, unknown> => ({
  anyOf: [schema, { type: 'null' }],
});

const facet = {
  type: 'array',
  items: {
    type: 'object',
    required: ['value', 'count'],
    properties: { value: { type: 'string' }, count: { type: 'integer', minimum: 0 } },
  },
};

const hit = {
  type: 'object',
  required: [
    'id',
    'name',
    'status',
    'capacity',
    'deliveryModes',
    'referralRoutes',
    'needs',
    'needsChecking',
    'score',
  ],
  properties: {
    id: { type: 'string', format: 'uuid' },
    name: { type: 'string' },
    organizationName: nullable({ type: 'string' }),
    description: nullable({ type: 'string' }),
    status: { type: 'string' },
    capacity: {
      type: 'object',
      required: ['effective', 'recorded', 'waitWeeks', 'updatedAt', 'updatedBy'],
      properties: {
        effective: { enum: [...CAPACITY_STATUSES] },
        recorded: { enum: [...CAPACITY_STATUSES] },
        waitWeeks: nullable({ type: 'integer', minimum: 0 }),
        updatedAt: nullable({ type: 'string', format: 'date-time' }),
        updatedBy: nullable({ type: 'string' }),
      },
    },
    deliveryModes: { type: 'array', items: { enum: [...DELIVERY_MODES] } },
    referralRoutes: { type: 'array', items: { enum: [...REFERRAL_ROUTES] } },
    needs: { type: 'array', items: { enum: NEED_CODES } },
    minimumAge: nullable({ type: 'number' }),
    maximumAge: nullable({ type: 'number' }),
    free: nullable({ type: 'boolean' }),
    distanceKm: nullable({ type: 'number', minimum: 0 }),
    locality: nullable({ type: 'string' }),
    postcode: nullable({ type: 'string' }),
    assuredDate: nullable({ type: 'string', format: 'date' }),
    needsChecking: { type: 'boolean' },
    lastModified: nullable({ type: 'string', format: 'date-time' }),
    score: { type: 'number' },
  },
};

export const searchOpenApiSchemas = {
  DirectorySearchResult: {
    type: 'object',
    required: ['hits', 'total', 'page', 'perPage', 'totalPages', 'facets', 'origin'],
    properties: {
      hits: { type: 'array', items: hit },
      total: { type: 'integer', minimum: 0 },
      page: { type: 'integer', minimum: 1 },
      perPage: { type: 'integer', minimum: 1, maximum: 100 },
      totalPages: { type: 'integer', minimum: 0 },
      facets: {
        type: 'object',
        required: ['needs', 'deliveryModes', 'capacity', 'cost'],
        properties: { needs: facet, deliveryModes: facet, capacity: facet, cost: facet },
      },
      origin: nullable({
        type: 'object',
        required: ['postcode', 'latitude', 'longitude', 'precision'],
        properties: {
          postcode: { type: 'string' },
          latitude: { type: 'number' },
          longitude: { type: 'number' },
          precision: { enum: ['postcode', 'sector', 'district'] },
        },
      }),
    },
  },
};

const listParameter = (
  name: string,
  description: string,
  values?: readonly string[],
): Record<string, unknown> => ({
  name,
  in: 'query',
  description: `${description} Repeat the parameter or separate values with commas.`,
  schema: { type: 'array', items: values ? { enum: [...values] } : { type: 'string' } },
  style: 'form',
  explode: true,
});

export const searchOpenApiPaths = {
  [SEARCH_API_PATHS.search]: {
    get: {
      summary: 'Search the community directory',
      description:
        'Free text (stemmed, typo-tolerant, need synonyms), filters combined with AND, distance from a postcode, ranked by relevance, distance and capacity, with facet counts.',
      parameters: [
        { name: 'q', in: 'query', schema: { type: 'string', maxLength: 200 } },
        listParameter('need', 'Need codes.', NEED_CODES),
        listParameter('taxonomy_term_id', 'Taxonomy term ids (a term includes the terms below it).'),
        listParameter('delivery_mode', 'Delivery modes.', DELIVERY_MODES),
        listParameter('capacity', 'Effective capacity statuses.', CAPACITY_STATUSES),
        { name: 'age', in: 'query', schema: { type: 'integer', minimum: 0, maximum: 120 } },
        { name: 'cost', in: 'query', schema: { enum: ['free', 'paid'] } },
        {
          name: 'postcode',
          in: 'query',
          description: 'Full postcode, sector or district.',
          schema: { type: 'string' },
        },
        { name: 'radius_km', in: 'query', schema: { type: 'number', exclusiveMinimum: 0, maximum: 200 } },
        { name: 'page', in: 'query', schema: { type: 'integer', minimum: 1, maximum: 10000, default: 1 } },
        { name: 'per_page', in: 'query', schema: { type: 'integer', minimum: 1, maximum: 100, default: 20 } },
      ],
      responses: {
        '200': {
          description: 'A page of results with facet counts',
          content: { 'application/json': { schema: { $ref: '#/components/schemas/DirectorySearchResult' } } },
        },
        '400': {
          description: 'Invalid input, naming each field',
          content: { 'application/json': { schema: { $ref: '#/components/schemas/ApiError' } } },
        },
      },
    },
  },
};

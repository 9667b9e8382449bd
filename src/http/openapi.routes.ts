import type { FastifyInstance } from 'fastify';
import { API_ERROR_JSON_SCHEMA } from './errors.ts';

export interface OpenApiFragment {
  paths: Record<string, unknown>;
  schemas: Record<string, unknown>;
}

/**
 * Serves `/api/openapi.json`: one OpenAPI 3.1 document built from the modules' fragments.
 * (The ORUK API describes itself at `/oruk/openapi.json`.)
 * @param app - the Fastify instance
 * @param options - the public base URL and the modules' fragments
 */
export function openApiRoutes(
  app: FastifyInstance,
  options: { publicBaseUrl: string; fragments: OpenApiFragment[] },
): void {
  const document = {
    openapi: '3.1.0',
    info: {
      title: 'Signpost API',
      version: '0.1.0',
      description: 'JSON APIs of Signpost. Errors share one shape: { error: { code, message, issues? } }.',
    },
    servers: [{ url: options.publicBaseUrl }],
    paths: Object.assign({}, ...options.fragments.map((f) => f.paths)) as Record<string, unknown>,
    components: {
      schemas: Object.assign(
        { ApiError: API_ERROR_JSON_SCHEMA },
        ...options.fragments.map((f) => f.schemas),
      ) as Record<string, unknown>,
    },
  };
  app.get('/api/openapi.json', async () => document);
}

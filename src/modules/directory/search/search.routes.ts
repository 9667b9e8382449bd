import type { FastifyInstance } from 'fastify';
import type { Kysely } from 'kysely';
import type { Config } from '../../../config.ts';
import type { Database } from '../../../db/database.ts';
import { ApiError } from '../../../http/errors.ts';
import type { Tenant } from '../../accounts/tenant.repository.ts';
import { parseDirectorySearchQuery } from './search.schema.ts';
import { searchDirectory } from './search.service.ts';
import type { DirectorySearchResult } from './search.types.ts';

export interface DirectorySearchApiDeps {
  db: Kysely<Database>;
  tenant: Tenant;
  config: Config;
  /** The clock, injectable so tests can fix "today". */
  now?: () => Date;
}

export const SEARCH_API_PATHS = { search: '/api/directory/search' } as const;

/**
 * The JSON directory search API: `GET /api/directory/search?q=&need=&taxonomy_term_id=&delivery_mode=
 * &capacity=&age=&cost=&postcode=&radius_km=&page=&per_page=` (list parameters repeat or take commas).
 * Bad input is a 400 `ValidationFailed` naming each field.
 * @param app - the Fastify instance
 * @param deps - database, tenant, configuration and clock
 */
export function directorySearchApiRouter(app: FastifyInstance, deps: DirectorySearchApiDeps): void {
  const now = deps.now ?? ((): Date => new Date());
  app.get(SEARCH_API_PATHS.search, async (request): Promise<DirectorySearchResult> => {
    const parsed = parseDirectorySearchQuery(request.query as Record<string, unknown>);
    if (!parsed.ok) {
      throw ApiError.validation(parsed.issues);
    }
    const result = await searchDirectory(deps.db, {
      tenantId: deps.tenant.id,
      query: parsed.value,
      now: now(),
      capacityStaleDays: deps.config.capacityStaleDays,
      listingStaleDays: deps.config.listingStaleDays,
    });
    if (!result.ok) {
      throw ApiError.validation([{ field: result.error.field, message: result.error.message }]);
    }
    return result.value;
  });
}

import { readFileSync } from 'node:fs';
import Fastify, { type FastifyInstance } from 'fastify';

// A tiny ORUK 3.0 feed on 127.0.0.1 (random port) that serves fixture files the way the validator's
// mock feeds do: every page of a list is the same file, and every /{id} is the same "full" file.

export const ORUK_FIXTURES = new URL('../fixtures/oruk/', import.meta.url);
export const VALIDATOR_MOCKS = 'OpenReferralUK+oruk-validator/OpenReferralApi/Mocks/';
export const UK_PROFILE_EXAMPLES = 'OpenReferralUK+uk-profile/examples/';

export interface MockFeed {
  baseUrl: string;
  /** Every request path (with query) in order. */
  requests: string[];
  close: () => Promise<void>;
}

export interface MockFeedFiles {
  /** Path under test/fixtures/oruk/ of the folder with the files below. */
  folder: string;
  /** File for `/`; absent: 404. */
  root?: string;
  services?: string;
  service?: string;
  taxonomies?: string;
  taxonomyTerms?: string;
}

/** The validator mock folder's files (V3.0-UK-Default, -Fail, -Warn, -Test). */
export function validatorMock(name: 'Default' | 'Fail' | 'Warn' | 'Test'): MockFeedFiles {
  return {
    folder: `${VALIDATOR_MOCKS}V3.0-UK-${name}/`,
    root: 'api_details.json',
    services: 'service_list.json',
    service: 'service_full.json',
    taxonomies: 'taxonomy_list.json',
    taxonomyTerms: 'taxonomy_term_list.json',
  };
}

/**
 * Starts the mock feed.
 * @param files - which fixture answers which endpoint
 */
export async function startMockFeed(files: MockFeedFiles): Promise<MockFeed> {
  const app: FastifyInstance = Fastify({ logger: false });
  const requests: string[] = [];
  app.addHook('onRequest', async (request) => {
    requests.push(request.url);
  });
  const serve = (path: string, file: string | undefined): void => {
    app.get(path, async (_request, reply) => {
      if (file === undefined) {
        return reply.status(404).send({ error: 'not offered' });
      }
      return reply
        .type('application/json')
        .send(readFileSync(new URL(`${files.folder}${file}`, ORUK_FIXTURES)));
    });
  };
  serve('/', files.root);
  serve('/services', files.services);
  serve('/services/:id', files.service);
  serve('/taxonomies', files.taxonomies);
  serve('/taxonomy_terms', files.taxonomyTerms);
  const address = await app.listen({ host: '127.0.0.1', port: 0 });
  return { baseUrl: address, requests, close: () => app.close() };
}

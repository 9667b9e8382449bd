import type { FastifyInstance } from 'fastify';

/**
 * The public home page.
 * @param app - the Fastify instance
 */
export function homeRoutes(app: FastifyInstance): void {
  app.get('/', async (_request, reply) => reply.view('home/views/home.njk'));
}

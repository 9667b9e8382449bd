import { sql, type Kysely } from 'kysely';
import type { FastifyInstance } from 'fastify';
import type { Database } from '../db/database.ts';
import { migrationsAreCurrent } from '../db/migrate.ts';

/**
 * `/healthz` (the process is alive) and `/readyz` (the database answers and migrations are current).
 * @param app - the Fastify instance
 * @param db - the database
 */
export function healthRoutes(app: FastifyInstance, db: Kysely<Database>): void {
  app.get('/healthz', async () => ({ status: 'ok' }));
  app.get('/readyz', async (_request, reply) => {
    try {
      await sql`SELECT 1`.execute(db);
      const current = await migrationsAreCurrent(db);
      if (!current) {
        return await reply
          .status(503)
          .send({ status: 'unavailable', checks: { database: 'ok', migrations: 'pending' } });
      }
      return { status: 'ok', checks: { database: 'ok', migrations: 'current' } };
    } catch {
      return reply.status(503).send({ status: 'unavailable', checks: { database: 'unreachable' } });
    }
  });
}

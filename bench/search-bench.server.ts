import Fastify, { type FastifyInstance } from 'fastify';
import { createApp } from '../src/app.ts';
import { loadConfig } from '../src/config.ts';
import { openDatabase } from '../src/db/connect.ts';
import { ensureTenant } from '../src/modules/accounts/tenant.repository.ts';

// A server for the HTTP part of bench/search.bench.ts, run as a child process so the load generator
// does not share its event loop: `node --import tsx bench/search-bench.server.ts oruk <database-url> <tenant>`
// or `... hello`. Prints {"port": n} once listening; stops on SIGTERM.

async function start(): Promise<{ app: FastifyInstance; close: () => Promise<void> }> {
  const argv = process.argv.slice(2);
  const [kind, url, slug] = [argv.at(0), argv.at(1), argv.at(2) ?? 'bench'];
  if (kind === 'hello') {
    const app = Fastify({ logger: false });
    app.get('/', async () => ({ hello: 'world' }));
    return { app, close: () => app.close() };
  }
  if (kind !== 'oruk' || url === undefined) {
    throw new Error('usage: search-bench.server.ts oruk <database-url> [tenant-slug] | hello');
  }
  const config = loadConfig({ DATABASE_URL: url, LOG_LEVEL: 'silent', TENANT_SLUG: slug });
  const handle = await openDatabase({ url, poolSize: config.dbPoolSize });
  const tenant = await ensureTenant(handle.db, slug, 'Bench');
  const app = await createApp({ db: handle.db, config, tenant, logger: false });
  return {
    app,
    close: async () => {
      await app.close();
      await handle.close();
    },
  };
}

const { app, close } = await start();
await app.listen({ port: 0, host: '127.0.0.1' });
const address = app.server.address();
console.log(JSON.stringify({ port: typeof address === 'object' && address !== null ? address.port : 0 }));
process.once('SIGTERM', () => {
  void close().then(() => process.exit(0));
});

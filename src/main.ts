import { createApp, defaultLogger } from './app.ts';
import { ConfigError, loadConfig, type Config } from './config.ts';
import { openConfiguredDatabase } from './db/open-configured.ts';
import { ensureTenant } from './modules/accounts/tenant.repository.ts';
import { ensurePostcodeReferenceData } from './modules/geo/geo.service.ts';
import { defaultTenantName } from './seed/demo-areas.data.ts';
import { seedDemoIfEmpty } from './seed/demo.ts';

function readConfig(): Config {
  try {
    return loadConfig(process.env);
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`${error.message}\n`);
      process.exit(1);
    }
    throw error;
  }
}

const config = readConfig();
const handle = await openConfiguredDatabase(config);
await ensurePostcodeReferenceData(handle.db);
const tenant = await ensureTenant(handle.db, config.tenantSlug, defaultTenantName(config.seedDemo));
// SEED_DEMO=true (the default): a fresh database gets the demo PCN and directory; a filled one is left alone.
const seeded = config.seedDemo ? await seedDemoIfEmpty(handle.db, tenant) : null;
const app = await createApp({ db: handle.db, config, tenant, logger: defaultLogger(config.logLevel) });
if (seeded !== null) {
  app.log.info(seeded, 'Seeded the demo directory (SEED_DEMO=true and the directory was empty)');
}

const shutdown = async (): Promise<void> => {
  await app.close();
  await handle.close();
  process.exit(0);
};
process.once('SIGINT', () => void shutdown());
process.once('SIGTERM', () => void shutdown());

await app.listen({ port: config.port, host: config.host });
app.log.info(
  { database: handle.kind === 'pglite' ? `embedded PGlite in ${config.dataDir}` : 'PostgreSQL' },
  `Signpost is running at ${config.publicBaseUrl}`,
);

import { createApp, defaultLogger } from './app.ts';
import { ConfigError, loadConfig, type Config } from './config.ts';
import { bindToTenant, openConfiguredDatabase } from './db/open-configured.ts';
import { ensureTenant } from './modules/accounts/tenant.repository.ts';
import { ensureSnomedCodes } from './modules/casework/snomed-codes.ts';
import { ensurePostcodeReferenceData } from './modules/geo/geo.service.ts';
import { startOutboxWorker } from './modules/notify/outbox.worker.ts';
import { ensureDemoAccounts } from './seed/demo-accounts.ts';
import { ensureDemoCasework } from './seed/demo-casework.ts';
import { ensureDemoNavigation } from './seed/demo-navigation.ts';
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
const opened = await openConfiguredDatabase(config);
await ensurePostcodeReferenceData(opened.db);
const tenant = await ensureTenant(opened.db, config.tenantSlug, defaultTenantName(config.seedDemo));
// The SNOMED CT code table (DOMAIN.md 3.4): rows added where missing, an administrator's choices kept.
await ensureSnomedCodes(opened.db, tenant.id);
// From here on every connection carries the tenant, for PostgreSQL row-level security.
const handle = await bindToTenant(opened, config, tenant.id);
// SEED_DEMO=true (the default): a fresh database gets the demo PCN and directory; a filled one is left alone.
const seeded = config.seedDemo ? await seedDemoIfEmpty(handle.db, tenant) : null;
// ...and the demo's organisations and one user per role, where missing (the sign-in page lists them).
const demoAccounts = config.seedDemo ? await ensureDemoAccounts(handle.db, tenant) : null;
const app = await createApp({ db: handle.db, config, tenant, logger: defaultLogger(config.logLevel) });
if (seeded !== null) {
  app.log.info(seeded, 'Seeded the demo directory (SEED_DEMO=true and the directory was empty)');
}
if (demoAccounts !== null && demoAccounts.usersCreated + demoAccounts.organisationsCreated > 0) {
  app.log.info(demoAccounts, 'Created the demo organisations and accounts (SEED_DEMO=true)');
}
// ...and the demo caseload (four link workers, about 300 people at every stage), once: a minute or so.
if (config.seedDemo) {
  const demoCasework = await ensureDemoCasework(handle.db, tenant, {
    publicBaseUrl: config.publicBaseUrl,
    capacityStaleDays: config.capacityStaleDays,
    listingStaleDays: config.listingStaleDays,
    onProgress: (done, total) => {
      app.log.info(`Seeding the demo caseload: ${String(done)} of ${String(total)} referrals`);
    },
  });
  if (demoCasework.referralsCreated > 0) {
    app.log.info(demoCasework, 'Seeded the demo caseload (SEED_DEMO=true)');
  }
  const demoNavigation = await ensureDemoNavigation(handle.db, tenant);
  if (demoNavigation.recordsCreated > 0) {
    app.log.info(demoNavigation, 'Seeded the demo navigation history (SEED_DEMO=true)');
  }
}
// Delivers the outbox: email over SMTP_URL, text messages through GOV.UK Notify (NOTIFY_API_KEY); a channel
// without its settings logs a warning and leaves its messages queued.
const outbox = startOutboxWorker({ db: handle.db, config, logger: app.log });

const shutdown = async (): Promise<void> => {
  await outbox.stop();
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

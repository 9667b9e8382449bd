import { parseArgs } from 'node:util';
import { pathToFileURL } from 'node:url';
import { ConfigError, loadConfig } from '../src/config.ts';
import { openConfiguredDatabase } from '../src/db/open-configured.ts';
import { defaultTenantName } from '../src/seed/demo-areas.data.ts';
import { ensureTenant } from '../src/modules/accounts/tenant.repository.ts';
import { importServices } from '../src/modules/directory/import/service-import.service.ts';
import { ensurePostcodeReferenceData } from '../src/modules/geo/geo.service.ts';
import { generateServices, toOrukRecord } from './synthetic-directory.ts';

// `npm run generate:directory -- --count 200000 [--seed 42] [--batch 1000] [--as-of 2026-11-21]`
// Loads a deterministic synthetic directory into the configured database (DATABASE_URL, or PGlite in
// DATA_DIR) for TENANT_SLUG, through the ORUK import path (importServices: validation, then
// upsertServiceGraphs and refreshServiceSearch, one transaction per batch), with Signpost's fields as
// Signpost attributes. Re-running with the same arguments changes nothing.

export { generateServices, toOrukRecord } from './synthetic-directory.ts';

function positiveInteger(name: string, value: string | undefined, fallback: number): number {
  if (value === undefined) {
    return fallback;
  }
  const n = Number(value);
  if (!Number.isInteger(n) || n <= 0) {
    throw new Error(`--${name} must be a whole number greater than 0, not "${value}"`);
  }
  return n;
}

function startOfTodayUtc(): Date {
  const now = new Date();
  return new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()));
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      count: { type: 'string' },
      seed: { type: 'string' },
      batch: { type: 'string' },
      'as-of': { type: 'string' },
    },
  });
  const count = positiveInteger('count', values.count, 1000);
  const seed = positiveInteger('seed', values.seed, 42);
  const batch = positiveInteger('batch', values.batch, 1000);
  const asOf = values['as-of'] === undefined ? startOfTodayUtc() : new Date(`${values['as-of']}T00:00:00Z`);
  if (Number.isNaN(asOf.getTime())) {
    throw new Error('--as-of must be a date like 2026-11-21');
  }
  const config = loadConfig(process.env);
  // Batches of 1,000 on a loaded machine can outlast the server's default statement timeout.
  const handle = await openConfiguredDatabase(config, { poolSize: 2, minStatementTimeoutMs: 120_000 });
  try {
    await ensurePostcodeReferenceData(handle.db);
    const tenant = await ensureTenant(handle.db, config.tenantSlug, defaultTenantName(false));
    console.log(`Generating ${count} services (seed ${seed}) into ${handle.kind} for tenant ${tenant.slug}`);
    let reported = 0;
    const records = (function* () {
      for (const item of generateServices(count, seed, { asOf })) {
        yield toOrukRecord(tenant.id, item);
      }
    })();
    const report = await importServices(handle.db, tenant.id, records, {
      batchSize: batch,
      onProgress: ({ imported }) => {
        if (imported - reported >= 10_000) {
          reported = imported;
          console.log(`  ${imported} services`);
        }
      },
    });
    console.log(
      `Imported ${report.imported} services (${report.changed} new or changed) in ${report.seconds.toFixed(1)} s: ` +
        `${report.servicesPerSecond} services/s; ${report.rejected.length} rejected, ${report.failedBatches.length} failed batches.`,
    );
    for (const failed of report.failedBatches.slice(0, 3)) {
      console.error(`  batch ${failed.first}..${failed.last} failed: ${failed.message}`);
    }
    for (const rejected of report.rejected.slice(0, 3)) {
      console.error(`  rejected ${rejected.ref}: ${JSON.stringify(rejected.issues)}`);
    }
  } finally {
    await handle.close();
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  main().catch((error: unknown) => {
    console.error(error instanceof ConfigError || error instanceof Error ? error.message : error);
    process.exit(1);
  });
}

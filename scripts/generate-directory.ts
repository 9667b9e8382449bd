import { parseArgs } from 'node:util';
import { pathToFileURL } from 'node:url';
import type { Kysely } from 'kysely';
import { ConfigError, loadConfig } from '../src/config.ts';
import { openDatabase } from '../src/db/connect.ts';
import type { Database } from '../src/db/database.ts';
import { migrateToLatest } from '../src/db/migrate.ts';
import { ensureTenant } from '../src/modules/accounts/tenant.repository.ts';
import { upsertServiceGraphs, type ImportedService } from '../src/modules/directory/directory.repository.ts';
import { refreshServiceSearch } from '../src/modules/directory/search/search.repository.ts';
import { ensurePostcodeReferenceData } from '../src/modules/geo/geo.service.ts';
import { generateServices, inBatches } from './synthetic-directory.ts';

// `npm run generate:directory -- --count 200000 [--seed 42] [--batch 1000] [--as-of 2026-11-21]`
// Loads a deterministic synthetic directory into the configured database (DATABASE_URL, or PGlite in
// DATA_DIR) for TENANT_SLUG, through the import write path: upsertServiceGraphs and refreshServiceSearch,
// one transaction per batch. Re-running with the same arguments changes nothing.

export { generateServices, inBatches } from './synthetic-directory.ts';

export interface LoadProgress {
  loaded: number;
  elapsedMs: number;
}

/**
 * Writes services batch by batch, each batch in its own transaction, as the ORUK import does.
 * @param db - the database
 * @param tenantId - the tenant
 * @param batches - the services, batched
 * @param onBatch - called after each batch with the running total
 * @returns how many services were written
 */
export async function loadServices(
  db: Kysely<Database>,
  tenantId: string,
  batches: Iterable<ImportedService[]>,
  onBatch?: (progress: LoadProgress) => void,
): Promise<number> {
  const started = performance.now();
  let loaded = 0;
  for (const batch of batches) {
    await db.transaction().execute(async (trx) => {
      const result = await upsertServiceGraphs(trx, tenantId, batch);
      await refreshServiceSearch(trx, tenantId, result.changedServiceIds);
    });
    loaded += batch.length;
    onBatch?.({ loaded, elapsedMs: performance.now() - started });
  }
  return loaded;
}

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
  const handle = await openDatabase({ url: config.databaseUrl, dataDir: config.dataDir, poolSize: 2 });
  try {
    await migrateToLatest(handle.db);
    await ensurePostcodeReferenceData(handle.db);
    const tenant = await ensureTenant(handle.db, config.tenantSlug, 'Demo Primary Care Network');
    console.log(`Generating ${count} services (seed ${seed}) into ${handle.kind} for tenant ${tenant.slug}`);
    let reported = 0;
    const loaded = await loadServices(
      handle.db,
      tenant.id,
      inBatches(generateServices(count, seed, { asOf }), batch),
      ({ loaded: done, elapsedMs }) => {
        if (done - reported >= 10_000 || done === count) {
          reported = done;
          console.log(`  ${done} services, ${Math.round(done / (elapsedMs / 1000))} services/s`);
        }
      },
    );
    console.log(`Loaded ${loaded} services.`);
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

import { sql } from 'kysely';
import type { Config } from '../config.ts';
import { openDatabase, type DatabaseHandle } from './connect.ts';
import { migrateToLatest } from './migrate.ts';

export interface OpenConfiguredOptions {
  poolSize?: number;
  /** Long-running commands (imports, rebuilds) raise the statement timeout to at least this. */
  minStatementTimeoutMs?: number;
}

/**
 * Opens the database the configuration names (PostgreSQL or the embedded PGlite) and runs pending
 * migrations: the first step of the server and of every command-line tool.
 * @param config - the validated configuration
 * @param options - pool size and a minimum statement timeout
 */
export async function openConfiguredDatabase(
  config: Config,
  options: OpenConfiguredOptions = {},
): Promise<DatabaseHandle> {
  if (config.migrationDatabaseUrl !== undefined) {
    await migrateWithOwner(config.migrationDatabaseUrl);
  }
  const handle = await openDatabase({
    url: config.databaseUrl,
    dataDir: config.dataDir,
    poolSize: options.poolSize ?? config.dbPoolSize,
    statementTimeoutMs: Math.max(config.dbStatementTimeoutMs, options.minStatementTimeoutMs ?? 0),
  });
  if (config.migrationDatabaseUrl !== undefined) {
    return handle;
  }
  try {
    await migrateToLatest(handle.db);
  } catch (error) {
    await handle.close();
    throw error;
  }
  return handle;
}

/**
 * Runs pending migrations as the schema owner (MIGRATION_DATABASE_URL) on a connection of its own.
 * @param url - the owner's PostgreSQL URL
 * @returns the migrations that ran
 */
export async function migrateWithOwner(url: string): Promise<string[]> {
  const owner = await openDatabase({ url, poolSize: 1 });
  try {
    return await migrateToLatest(owner.db);
  } finally {
    await owner.close();
  }
}

/**
 * Binds every connection to one tenant (`signpost.tenant_id`), so PostgreSQL row-level security shows a
 * non-owner database role only that tenant's rows. The embedded PGlite has one connection, set in place;
 * a PostgreSQL pool is reopened with the setting in its connection options.
 * @param handle - the open database
 * @param config - the validated configuration
 * @param tenantId - the tenant this process serves
 * @returns the handle to use from now on (the same one for PGlite)
 */
export async function bindToTenant(
  handle: DatabaseHandle,
  config: Config,
  tenantId: string,
): Promise<DatabaseHandle> {
  if (handle.kind === 'pglite') {
    await sql`SELECT set_config('signpost.tenant_id', ${tenantId}, false)`.execute(handle.db);
    return handle;
  }
  await handle.close();
  return openDatabase({
    url: config.databaseUrl,
    poolSize: config.dbPoolSize,
    statementTimeoutMs: config.dbStatementTimeoutMs,
    tenantId,
  });
}

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
  const handle = await openDatabase({
    url: config.databaseUrl,
    dataDir: config.dataDir,
    poolSize: options.poolSize ?? config.dbPoolSize,
    statementTimeoutMs: Math.max(config.dbStatementTimeoutMs, options.minStatementTimeoutMs ?? 0),
  });
  try {
    await migrateToLatest(handle.db);
  } catch (error) {
    await handle.close();
    throw error;
  }
  return handle;
}

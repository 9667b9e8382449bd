import { Migrator, sql, type Kysely, type MigrationResultSet } from 'kysely';
import type { Database } from './database.ts';
import { migrations } from './migrations/index.ts';

// Any constant shared by every Signpost instance: two instances starting at once queue on it.
const MIGRATION_LOCK_KEY = 727_100_001;

/**
 * Runs every pending migration under a PostgreSQL advisory lock, on one connection.
 * @param db - the database
 * @returns the names of the migrations that ran
 */
export async function migrateToLatest(db: Kysely<Database>): Promise<string[]> {
  return db.connection().execute(async (conn) => {
    await sql`SELECT pg_advisory_lock(${MIGRATION_LOCK_KEY})`.execute(conn);
    try {
      const migrator = new Migrator({
        db: conn,
        provider: { getMigrations: () => Promise.resolve(migrations) },
      });
      const result: MigrationResultSet = await migrator.migrateToLatest();
      if (result.error !== undefined) {
        const failed = result.results?.find((r) => r.status === 'Error')?.migrationName ?? 'unknown';
        throw new Error(`Migration ${failed} failed`, { cause: result.error });
      }
      return (result.results ?? []).map((r) => r.migrationName);
    } finally {
      await sql`SELECT pg_advisory_unlock(${MIGRATION_LOCK_KEY})`.execute(conn);
    }
  });
}

/**
 * Whether every known migration has been applied (used by /readyz).
 * @param db - the database
 */
export async function migrationsAreCurrent(db: Kysely<Database>): Promise<boolean> {
  const migrator = new Migrator({ db, provider: { getMigrations: () => Promise.resolve(migrations) } });
  const all = await migrator.getMigrations();
  return all.every((m) => m.executedAt !== undefined);
}

import { mkdirSync } from 'node:fs';
import { PGlite } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { unaccent } from '@electric-sql/pglite/contrib/unaccent';
import { createPgConfig } from '@electric-sql/pglite/node-postgres';
import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import type { Database } from './database.ts';

// DATE and NUMERIC arrive as strings we control: ORUK dates are plain `YYYY-MM-DD`, never a JS Date
// shifted by the server's time zone, and numerics are converted where they are read.
pg.types.setTypeParser(pg.types.builtins.DATE, (v) => v);
pg.types.setTypeParser(pg.types.builtins.INT8, (v) => Number(v));

export type DatabaseKind = 'pglite' | 'postgres';

export interface DatabaseHandle {
  db: Kysely<Database>;
  kind: DatabaseKind;
  close: () => Promise<void>;
}

export interface OpenDatabaseOptions {
  /** A PostgreSQL URL; when absent the embedded PGlite database is used. */
  url?: string | undefined;
  /** PGlite data directory, or `memory://` for a throwaway in-memory database. */
  dataDir?: string;
  poolSize?: number;
  statementTimeoutMs?: number;
  /**
   * Sets `signpost.tenant_id` on every connection: PostgreSQL row-level security policies then show a
   * non-owner database role only this tenant's rows (see src/db/tenant-isolation.ts).
   */
  tenantId?: string;
}

/**
 * Opens the one SQL dialect Signpost speaks, PostgreSQL, either embedded (PGlite) or over the network.
 * @param options - where the database lives
 * @returns a Kysely instance over a pg Pool, and a close function
 */
export async function openDatabase(options: OpenDatabaseOptions): Promise<DatabaseHandle> {
  const statementTimeoutMs = options.statementTimeoutMs ?? 15000;
  if (options.url) {
    const pool = new pg.Pool({
      connectionString: options.url,
      max: options.poolSize ?? 10,
      options: [
        `-c statement_timeout=${String(statementTimeoutMs)}`,
        ...(options.tenantId === undefined ? [] : [`-c signpost.tenant_id=${uuidOnly(options.tenantId)}`]),
      ].join(' '),
    });
    const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
    return { db, kind: 'postgres', close: () => db.destroy() };
  }
  const dataDir = options.dataDir ?? './data';
  if (!dataDir.startsWith('memory://')) {
    mkdirSync(dataDir, { recursive: true });
  }
  const pglite = await PGlite.create(dataDir, { extensions: { pg_trgm, unaccent } });
  await pglite.exec(`SET statement_timeout = ${String(statementTimeoutMs)}`);
  if (options.tenantId !== undefined) {
    await pglite.query(`SELECT set_config('signpost.tenant_id', $1, false)`, [uuidOnly(options.tenantId)]);
  }
  // PGlite is one connection on this thread; createPgConfig already sets poolSize 1.
  const pool = new pg.Pool(createPgConfig(pglite));
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  return {
    db,
    kind: 'pglite',
    close: async () => {
      await db.destroy();
      await pglite.close();
    },
  };
}

function uuidOnly(value: string): string {
  if (!/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(value)) {
    throw new Error('tenantId must be a UUID');
  }
  return value;
}

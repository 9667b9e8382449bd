import { randomBytes } from 'node:crypto';
import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { openDatabase } from '../../src/db/connect.ts';
import { migrateToLatest } from '../../src/db/migrate.ts';

/** The PostgreSQL server tests run against; CI starts it (see .ci/run). */
export const TEST_POSTGRES_ADMIN_URL =
  process.env.TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

declare module 'vitest' {
  export interface ProvidedContext {
    dbKind: 'pglite' | 'postgres';
    postgresTemplate: string;
    postgresAdminUrl: string;
  }
}

// Creates one throwaway, migrated template database for this run; each test file clones it
// (CREATE DATABASE ... TEMPLATE), and every database this run made is dropped at the end.
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const runId = `signpost_test_${Date.now().toString(36)}_${randomBytes(3).toString('hex')}`;
  const template = `${runId}_tpl`;
  const admin = new pg.Client({ connectionString: TEST_POSTGRES_ADMIN_URL });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${template}`);
  await admin.end();
  const url = new URL(TEST_POSTGRES_ADMIN_URL);
  url.pathname = `/${template}`;
  const handle = await openDatabase({ url: url.toString() });
  await migrateToLatest(handle.db);
  await handle.close();
  project.provide('postgresTemplate', template);
  project.provide('postgresAdminUrl', TEST_POSTGRES_ADMIN_URL);

  return async () => {
    const client = new pg.Client({ connectionString: TEST_POSTGRES_ADMIN_URL });
    await client.connect();
    const { rows } = await client.query<{ datname: string }>(
      `SELECT datname FROM pg_database WHERE datname LIKE $1 ORDER BY datname = $2`,
      [`${runId}%`, template],
    );
    for (const { datname } of rows) {
      await client.query(`DROP DATABASE IF EXISTS ${datname} WITH (FORCE)`);
    }
    await client.end();
  };
}

import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { inject } from 'vitest';
import { openDatabase, type DatabaseHandle } from '../../src/db/connect.ts';
import { migrateToLatest } from '../../src/db/migrate.ts';
import { ensureTenant, type Tenant } from '../../src/modules/accounts/tenant.repository.ts';

export interface TestDatabase extends DatabaseHandle {
  tenant: Tenant;
}

/**
 * A fresh, migrated database for one test file, on the engine this vitest project runs against:
 * an in-memory PGlite, or a clone of the run's PostgreSQL template database.
 * Call `close()` in afterAll.
 */
export async function createTestDatabase(): Promise<TestDatabase> {
  const kind = inject('dbKind');
  let handle: DatabaseHandle;
  if (kind === 'postgres') {
    const template = inject('postgresTemplate');
    const adminUrl = inject('postgresAdminUrl');
    const name = `${template.replace(/_tpl$/, '')}_${randomBytes(4).toString('hex')}`;
    const admin = new pg.Client({ connectionString: adminUrl });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${name} TEMPLATE ${template}`);
    await admin.end();
    const url = new URL(adminUrl);
    url.pathname = `/${name}`;
    handle = await openDatabase({ url: url.toString(), poolSize: 4 });
  } else {
    handle = await openDatabase({ dataDir: 'memory://' });
    await migrateToLatest(handle.db);
  }
  const tenant = await ensureTenant(handle.db, 'test-pcn', 'Test PCN');
  return { ...handle, tenant };
}

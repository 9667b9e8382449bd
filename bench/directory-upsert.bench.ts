import { randomBytes, randomUUID } from 'node:crypto';
import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import type { Database } from '../src/db/database.ts';
import { openDatabase, type DatabaseHandle } from '../src/db/connect.ts';
import { migrateToLatest } from '../src/db/migrate.ts';
import { ensureTenant } from '../src/modules/accounts/tenant.repository.ts';
import {
  analyzeReferencedTables,
  upsertServiceGraphs,
} from '../src/modules/directory/directory.repository.ts';
import { importWriters } from '../src/modules/directory/import/import-cli.ts';
import { importServices } from '../src/modules/directory/import/service-import.service.ts';
import type { OrukService } from '../src/modules/directory/oruk/oruk.schema.ts';
import { dropBenchDatabase } from './search-bench.repository.ts';

// Throughput of upsertServiceGraphs for typical services (1 organization, 1 location, 1 address,
// 1-2 schedules, 3-6 attributes). Usage:
//   npx tsx bench/directory-upsert.bench.ts [services=20000] [batch=1000] [--pglite] [--raw] [--profile]
// By default it measures the importer (importServices: validation, upsert, search refresh, ANALYZE while
// the tables grow); --raw measures upsertServiceGraphs alone. On PostgreSQL (TEST_POSTGRES_URL or
// postgres://postgres@127.0.0.1:5432/postgres) it creates and drops a throwaway database.

const profile = new Map<string, number>();
const args = process.argv.slice(2);
const flags = new Set(args.filter((a) => a.startsWith('--')));
const [total = 20000, batchSize = 1000] = args.filter((a) => !a.startsWith('--')).map(Number);
const adminUrl = process.env.TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

const TERMS = Array.from({ length: 40 }, (_, i) => ({
  id: randomUUID(),
  name: `Service type ${i}`,
  description: `LGA service type ${i}`,
  taxonomy: 'esdServiceType',
  term: String(100 + i),
}));

function typicalService(i: number): OrukService {
  const orgId = randomUUID();
  const attributes = Array.from({ length: 3 + (i % 4) }, (_, k) => ({
    id: randomUUID(),
    taxonomy_term: TERMS[(i + k * 7) % TERMS.length] ?? TERMS[0],
  }));
  return {
    id: randomUUID(),
    name: `Community service ${i}`,
    description: 'A community service offering support, advice and activities for local people.',
    status: 'active',
    url: `https://example.org/services/${i}`,
    email: `service${i}@example.org`,
    minimum_age: 18,
    assured_date: '2026-01-15',
    last_modified: '2026-10-01T09:00:00.000Z',
    organization: { id: orgId, name: `Organisation ${i}`, description: 'A local charity.' },
    service_at_locations: [
      {
        id: randomUUID(),
        location: {
          id: randomUUID(),
          location_type: 'physical',
          name: `Centre ${i}`,
          latitude: 53.8 + (i % 100) / 1000,
          longitude: -1.55 + (i % 100) / 1000,
          addresses: [
            {
              id: randomUUID(),
              address_1: `${i} High Street`,
              city: 'Leeds',
              state_province: 'West Yorkshire',
              postal_code: 'LS1 4AP',
              country: 'GB',
              address_type: 'physical',
            },
          ],
        },
      },
    ],
    schedules: Array.from({ length: 1 + (i % 2) }, (_, k) => ({
      id: randomUUID(),
      freq: 'WEEKLY' as const,
      byday: k === 0 ? 'MO' : 'TH',
      opens_at: '10:00',
      closes_at: '16:00',
    })),
    attributes,
  };
}

async function open(): Promise<{ handle: DatabaseHandle; drop: () => Promise<void> }> {
  if (flags.has('--pglite')) {
    const handle = await openDatabase({ dataDir: 'memory://' });
    return { handle, drop: async () => undefined };
  }
  const name = `signpost_bench_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  const handle = await openDatabase({ url: url.toString(), statementTimeoutMs: 120_000 });
  if (flags.has('--profile')) {
    const pool = new pg.Pool({ connectionString: url.toString(), max: 3 });
    const db = new Kysely<Database>({
      dialect: new PostgresDialect({ pool }),
      log: (event) => {
        const key = event.query.sql.replace(/\s+/g, ' ').slice(0, 60);
        profile.set(key, (profile.get(key) ?? 0) + event.queryDurationMillis);
      },
    });
    return {
      handle: {
        ...handle,
        db,
        close: async () => {
          await db.destroy();
          await handle.close();
        },
      },
      drop: async () => {
        await dropBenchDatabase(admin, name);
        await admin.end();
      },
    };
  }
  return {
    handle,
    drop: async () => {
      await dropBenchDatabase(admin, name);
      await admin.end();
    },
  };
}

async function run(
  label: string,
  handle: DatabaseHandle,
  tenantId: string,
  services: OrukService[],
): Promise<void> {
  if (flags.has('--raw')) {
    // upsertServiceGraphs alone: no validation, no search refresh.
    const started = performance.now();
    for (let i = 0; i < services.length; i += batchSize) {
      const batch = services.slice(i, i + batchSize).map((service) => ({ service }));
      await handle.db.transaction().execute((trx) => upsertServiceGraphs(trx, tenantId, batch));
      if ([1, 2, 4, 8].includes(i / batchSize + 1)) {
        await analyzeReferencedTables(handle.db); // as importServices does while the tables grow
      }
    }
    const seconds = (performance.now() - started) / 1000;
    console.log(
      `${label}: ${services.length} services in ${seconds.toFixed(2)} s = ${Math.round(services.length / seconds)} services/s`,
    );
    printProfile();
    return;
  }
  const report = await importServices(handle.db, tenantId, services, {
    batchSize,
    writers: importWriters(handle.kind),
  });
  console.log(
    `${label}: ${report.imported} services in ${report.seconds.toFixed(2)} s = ${report.servicesPerSecond} services/s (${report.changed} changed, ${report.unchanged} unchanged, ${report.rejected.length} rejected)`,
  );
  printProfile();
}

/** With --profile: the SQL time of the run just measured, per statement, then reset. */
function printProfile(): void {
  const sorted = [...profile.entries()].sort((a, b) => b[1] - a[1]);
  const total = sorted.reduce((sum, [, ms]) => sum + ms, 0);
  if (sorted.length > 0) {
    console.log(`${Math.round(total).toString().padStart(7)} ms  all statements`);
  }
  for (const [key, ms] of sorted.filter(([, ms]) => ms >= 1)) {
    console.log(`${Math.round(ms).toString().padStart(7)} ms  ${key}`);
  }
  profile.clear();
}

const { handle, drop } = await open();
try {
  await migrateToLatest(handle.db);
  const tenant = await ensureTenant(handle.db, 'bench', 'Bench');
  const services = Array.from({ length: total }, (_, i) => typicalService(i));
  console.log(
    `${handle.kind}, batch ${batchSize}${flags.has('--raw') ? ', upsertServiceGraphs only' : ', importServices'}`,
  );
  profile.clear(); // migrations
  await run('first import', handle, tenant.id, services);
  await run('same again', handle, tenant.id, services);
  const edited = services.map((service, i) =>
    i % 10 === 0 ? { ...service, name: `${service.name} (edited)` } : service,
  );
  await run('10% edited', handle, tenant.id, edited);
} finally {
  await handle.close();
  await drop();
}

import { sql, type Kysely } from 'kysely';
import type { Database } from '../src/db/database.ts';
import { ensureTenant, type Tenant } from '../src/modules/accounts/tenant.repository.ts';
import { HELPERS, STEPS, type ShapeNumbers } from './generate-casework.sql.ts';

// A large synthetic caseload for `npm run bench:casework`, loaded with set-based SQL into a throwaway
// PostgreSQL database (never a real one: it switches off foreign key triggers while it loads).
// Deterministic: the same options give the same rows.
//
// Shape (the defaults): 4 tenants (e.g. four ICB-sized deployments sharing one database), each with 100
// link workers, 50 practices and 8 years of referrals: 1,000,000 referrals in all, about 72% accepted, so
// each link worker takes on about 225 people a year (NHS England's 200-250) and has about 35 open cases
// (episodes of 15 to 100 days), with around 1,800 past cases behind them; exactly 5,000,000 contacts
// (about 7 a case; 6-12 is the norm); a goal and two actions per contacted case; safeguarding flags on 1%
// of cases; the last 10 days' referrals (about 850 a tenant) waiting in the triage queue. One tenant with
// 1,000,000 referrals and 100 link workers would give each worker 7,500 cases (33 years at 225 a year),
// which no real caseload has.

export interface CaseworkShape {
  tenants: number;
  linkWorkersPerTenant: number;
  practicesPerTenant: number;
  referrals: number;
  contacts: number;
  years: number;
  /** The generator's "now": referrals are received up to it, episodes end before it or are still open. */
  asOf: Date;
}

export const DEFAULT_SHAPE: CaseworkShape = {
  tenants: 4,
  linkWorkersPerTenant: 100,
  practicesPerTenant: 50,
  referrals: 1_000_000,
  contacts: 5_000_000,
  years: 8,
  asOf: new Date('2026-11-20T12:00:00Z'),
};

/** Tables the generator fills. */
export const CASEWORK_BENCH_TABLES = STEPS.map(([table]) => table);

export interface GeneratedCasework {
  tenants: Tenant[];
  /** Link worker ids by tenant id. */
  linkWorkers: Map<string, string[]>;
  /** Seconds per step, in order. */
  seconds: [step: string, seconds: number][];
}

const DAY_MS = 86_400_000;

async function timed(
  seconds: [string, number][],
  step: string,
  run: () => Promise<unknown>,
  log: (line: string) => void,
): Promise<void> {
  const started = performance.now();
  await run();
  const took = (performance.now() - started) / 1000;
  seconds.push([step, took]);
  log(`  ${step}: ${took.toFixed(1)} s`);
}

/**
 * Fills a fresh, migrated benchmark database with the casework of `shape` (see the file comment).
 * @param db - the benchmark database (a superuser connection: it switches off triggers while loading)
 * @param shape - how much, over how long, as of when
 * @param log - progress lines
 */
export async function generateCasework(
  db: Kysely<Database>,
  shape: CaseworkShape,
  log: (line: string) => void = () => undefined,
): Promise<GeneratedCasework> {
  const tenants: Tenant[] = [];
  for (let t = 1; t <= shape.tenants; t++) {
    tenants.push(await ensureTenant(db, `bench-${String(t)}`, `Bench ICB ${String(t)}`));
  }
  const perTenant = Math.floor(shape.referrals / shape.tenants);
  const numbers: ShapeNumbers = {
    practicesPerTenant: shape.practicesPerTenant,
    linkWorkersPerTenant: shape.linkWorkersPerTenant,
    perTenant,
    patientsPerTenant: Math.round(perTenant / 1.25),
    years: shape.years,
    asOf: shape.asOf,
  };
  const spanSeconds = Math.round((shape.years * 365.25 * DAY_MS) / 1000);
  const seconds: [string, number][] = [];
  await db.connection().execute(async (conn) => {
    // One connection: these settings hold for the whole load. Foreign key triggers are off (the data is
    // consistent by construction), and secondary indexes are built once at the end, not row by row.
    await sql`SET session_replication_role = replica`.execute(conn);
    await sql`SET statement_timeout = 0`.execute(conn);
    // JIT compiles the generator's long expressions for longer than it takes to run them.
    await sql`SET jit = off`.execute(conn);
    await sql`SET synchronous_commit = off`.execute(conn);
    await sql`SET maintenance_work_mem = '512MB'`.execute(conn);
    const indexes = await dropSecondaryIndexes(conn);
    await sql`SET work_mem = '256MB'`.execute(conn);
    await HELPERS.hash.execute(conn);
    await HELPERS.tenants(tenants.map((t) => t.id)).execute(conn);
    await HELPERS.nhsNumbers(numbers.patientsPerTenant).execute(conn);
    await timed(
      seconds,
      'plan referrals',
      () =>
        HELPERS.referrals({
          ...numbers,
          start: new Date(shape.asOf.getTime() - spanSeconds * 1000),
          newSince: new Date(shape.asOf.getTime() - 10 * DAY_MS),
          spanSeconds,
        }).execute(conn),
      log,
    );
    for (const [table, step] of STEPS) {
      if (table === 'case_contact') {
        await timed(seconds, 'plan contacts', () => planContacts(conn, shape), log);
      }
      await timed(seconds, table, () => step(numbers).execute(conn), log);
    }
    await HELPERS.dropTables.execute(conn);
    await HELPERS.dropHash.execute(conn);
    await sql`RESET session_replication_role`.execute(conn);
    await timed(seconds, 'indexes', () => recreateIndexes(conn, indexes), log);
    await timed(seconds, 'vacuum analyze', () => sql`VACUUM ANALYZE`.execute(conn), log);
  });
  return { tenants, linkWorkers: await listLinkWorkers(db, tenants), seconds };
}

async function planContacts(conn: Kysely<Database>, shape: CaseworkShape): Promise<void> {
  const { rows } = await sql<{ n: string }>`
    SELECT count(*)::text AS n FROM bench_ref WHERE first_contact_at IS NOT NULL`.execute(conn);
  const contacted = Number(rows[0]?.n ?? 0);
  // 1 + floor(u * spread) has mean (1 + spread) / 2; a little over the target, then trimmed to it exactly.
  const spread = (2 * shape.contacts) / Math.max(contacted, 1) - 0.5;
  await HELPERS.contactPlan({ asOf: shape.asOf, spread, total: shape.contacts }).execute(conn);
}

interface SavedIndex {
  name: string;
  definition: string;
}

async function dropSecondaryIndexes(conn: Kysely<Database>): Promise<SavedIndex[]> {
  const { rows } = await sql<SavedIndex>`
    SELECT i.indexrelid::regclass::text AS name, pg_get_indexdef(i.indexrelid) AS definition
      FROM pg_index i JOIN pg_class t ON t.oid = i.indrelid
     WHERE t.relname = ANY(${CASEWORK_BENCH_TABLES}::text[])
       AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = i.indexrelid)`.execute(conn);
  for (const index of rows) {
    await sql`DROP INDEX ${sql.raw(index.name)}`.execute(conn);
  }
  return rows;
}

async function recreateIndexes(conn: Kysely<Database>, indexes: SavedIndex[]): Promise<void> {
  for (const index of indexes) {
    await sql.raw(index.definition).execute(conn);
  }
}

async function listLinkWorkers(db: Kysely<Database>, tenants: Tenant[]): Promise<Map<string, string[]>> {
  const workers = new Map<string, string[]>();
  for (const tenant of tenants) {
    const rows = await db
      .selectFrom('app_user')
      .select('id')
      .where('tenant_id', '=', tenant.id)
      .where('email', 'like', 'lw%')
      .orderBy('email')
      .execute();
    workers.set(
      tenant.id,
      rows.map((r) => r.id),
    );
  }
  return workers;
}

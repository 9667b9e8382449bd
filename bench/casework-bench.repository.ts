import { sql, type Kysely, type Transaction } from 'kysely';
import type { Database } from '../src/db/database.ts';
import type { TriageCursor } from '../src/modules/referrals/triage.service.ts';

// SQL used only by bench/casework.bench.ts: dataset sizes, the triage queue's cursors to page from, and
// the "without the indexes" baselines (indexes dropped inside a transaction that is rolled back).

/** The indexes the caseload dashboard was designed around (casework migrations); primary keys stay. */
export const DASHBOARD_INDEXES = [
  'sp_case_caseload_idx',
  'sp_case_worker_allocated_idx',
  'sp_case_waiting_idx',
  'plan_action_due_idx',
  'plan_action_case_idx',
  'safeguarding_flag_case_idx',
  'safeguarding_flag_open_idx',
] as const;

/** The triage queue's own index (the queue then has only referral_triage_idx, the first design). */
export const TRIAGE_INDEXES = ['referral_triage_queue_idx'] as const;

/**
 * Rows in each table, and the database's size.
 * @param db - the benchmark database
 * @param tables - the tables to count
 */
export async function datasetSize(
  db: Kysely<Database>,
  tables: readonly string[],
): Promise<{ rows: Record<string, number>; bytes: number }> {
  const rows: Record<string, number> = {};
  for (const table of tables) {
    const { rows: counted } = await sql<{ n: string }>`
      SELECT count(*)::text AS n FROM ${sql.table(table)}`.execute(db);
    rows[table] = Number(counted[0]?.n ?? 0);
  }
  const { rows: size } = await sql<{ bytes: string }>`
    SELECT pg_database_size(current_database())::text AS bytes`.execute(db);
  return { rows, bytes: Number(size[0]?.bytes ?? 0) };
}

/**
 * Every referral waiting in a tenant's triage queue, as a cursor to start a page after.
 * @param db - the benchmark database
 * @param tenantId - the tenant
 */
export async function triageCursors(db: Kysely<Database>, tenantId: string): Promise<TriageCursor[]> {
  const rows = await db
    .selectFrom('referral')
    .select(['id', 'flagged_for_clinician', 'urgency', 'received_at'])
    .where('tenant_id', '=', tenantId)
    .where('status', '=', 'new')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    flagged: r.flagged_for_clinician,
    urgency: r.urgency,
    receivedAt: r.received_at,
  }));
}

class Rollback extends Error {}

/**
 * Runs `measure` in a transaction in which `indexes` are dropped, then rolls it back (the indexes are
 * never really gone for anyone else, who would wait on the transaction's lock anyway).
 * @param db - the benchmark database
 * @param indexes - the indexes to drop
 * @param measure - what to run without them, on the transaction
 */
export async function withoutIndexes<T>(
  db: Kysely<Database>,
  indexes: readonly string[],
  measure: (trx: Transaction<Database>) => Promise<T>,
): Promise<T> {
  let result: T | undefined;
  try {
    await db.transaction().execute(async (trx) => {
      await sql`SET LOCAL statement_timeout = 0`.execute(trx);
      for (const index of indexes) {
        await sql`DROP INDEX ${sql.ref(index)}`.execute(trx);
      }
      result = await measure(trx);
      throw new Rollback();
    });
  } catch (error) {
    if (!(error instanceof Rollback)) {
      throw error;
    }
  }
  if (result === undefined) {
    throw new Error('withoutIndexes: the measurement returned nothing');
  }
  return result;
}

export interface WorkerLoad {
  workers: number;
  /** Open (waiting or active) cases per link worker: smallest, median, largest. */
  open: [number, number, number];
  /** People allocated in the 12 months before `asOf`, per link worker: smallest, median, largest. */
  lastYear: [number, number, number];
  /** All cases ever, per link worker: median. */
  allTimeMedian: number;
}

/**
 * How the generated cases spread over the link workers (the dashboard's work depends on it).
 * @param db - the benchmark database
 * @param asOf - the generator's "now"
 */
export async function workerLoad(db: Kysely<Database>, asOf: Date): Promise<WorkerLoad> {
  const { rows } = await sql<{
    workers: number;
    open_min: number;
    open_median: number;
    open_max: number;
    year_min: number;
    year_median: number;
    year_max: number;
    all_median: number;
  }>`
    WITH w AS (
      SELECT link_worker_id,
             count(*) FILTER (WHERE status IN ('waiting', 'active')) AS open,
             count(*) FILTER (WHERE allocated_at >= ${asOf}::timestamptz - interval '1 year') AS year,
             count(*) AS all_time
        FROM sp_case WHERE link_worker_id IS NOT NULL GROUP BY link_worker_id
    )
    SELECT count(*)::int AS workers,
           min(open)::int AS open_min, percentile_disc(0.5) WITHIN GROUP (ORDER BY open)::int AS open_median,
           max(open)::int AS open_max,
           min(year)::int AS year_min, percentile_disc(0.5) WITHIN GROUP (ORDER BY year)::int AS year_median,
           max(year)::int AS year_max,
           percentile_disc(0.5) WITHIN GROUP (ORDER BY all_time)::int AS all_median
      FROM w`.execute(db);
  const r = rows.at(0);
  if (r === undefined) {
    throw new Error('No link workers with cases');
  }
  return {
    workers: r.workers,
    open: [r.open_min, r.open_median, r.open_max],
    lastYear: [r.year_min, r.year_median, r.year_max],
    allTimeMedian: r.all_median,
  };
}

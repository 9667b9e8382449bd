import { randomBytes } from 'node:crypto';
import { cpus, loadavg, totalmem } from 'node:os';
import { parseArgs } from 'node:util';
import { sql } from 'kysely';
import pg from 'pg';
import { openDatabase, type DatabaseHandle } from '../src/db/connect.ts';
import { migrateToLatest } from '../src/db/migrate.ts';
import { loadCaseloadDashboard } from '../src/modules/casework/caseload.service.ts';
import { londonDate } from '../src/modules/casework/working-days.ts';
import { listTriageQueue } from '../src/modules/referrals/triage.service.ts';
import { createRandom } from '../scripts/synthetic-directory.ts';
import { CASEWORK_BENCH_TABLES, DEFAULT_SHAPE, generateCasework } from '../scripts/generate-casework.ts';
import {
  measureDashboard,
  measureRoundTrip,
  measureTriage,
  measureTriageCount,
  type QueueTenant,
  type Target,
  type Timing,
} from './casework-bench.measure.ts';
import { explainCalls } from './casework-bench.explain.ts';
import {
  DASHBOARD_INDEXES,
  datasetSize,
  TRIAGE_INDEXES,
  triageCursors,
  withoutIndexes,
  workerLoad,
} from './casework-bench.repository.ts';
import { dropBenchDatabase } from './search-bench.repository.ts';

// `npm run bench:casework -- [--referrals 1000000] [--contacts 5000000] [--tenants 4] [--workers 100]
//   [--calls 1000] [--baseline-calls 20] [--seed 42] [--keep] [--explain]`
// On a throwaway PostgreSQL database (created on TEST_POSTGRES_URL's or DATABASE_URL's server, dropped at
// the end unless --keep): generates the caseload of scripts/generate-casework.ts with set-based SQL,
// VACUUM ANALYZE, then times, one call at a time after a warm-up:
// - loadCaseloadDashboard (the link worker's caseload page) for a random link worker each call;
// - listTriageQueue pages of 50 (half first pages, half after a random referral in the queue), and
//   countTriageQueue (the queue's length on the same page);
// against baselines measured in the same run: a `SELECT 1` round trip through the same pool, and the
// same functions with their own indexes dropped (in a transaction that is rolled back).
// Target (issue #4): p95 <= 50 ms for the dashboard and the triage queue. --explain prints the plan of
// every query of one dashboard and one triage page.

const ADMIN_URL =
  process.env.TEST_POSTGRES_URL ?? process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const TARGET_P95_MS = 50;

const { values: args } = parseArgs({
  options: {
    referrals: { type: 'string', default: String(DEFAULT_SHAPE.referrals) },
    contacts: { type: 'string', default: String(DEFAULT_SHAPE.contacts) },
    tenants: { type: 'string', default: String(DEFAULT_SHAPE.tenants) },
    workers: { type: 'string', default: String(DEFAULT_SHAPE.linkWorkersPerTenant) },
    calls: { type: 'string', default: '1000' },
    'baseline-calls': { type: 'string', default: '20' },
    seed: { type: 'string', default: '42' },
    keep: { type: 'boolean', default: false },
    explain: { type: 'boolean', default: false },
  },
});
const SHAPE = {
  ...DEFAULT_SHAPE,
  referrals: Number(args.referrals),
  contacts: Number(args.contacts),
  tenants: Number(args.tenants),
  linkWorkersPerTenant: Number(args.workers),
  practicesPerTenant: Math.max(1, Math.round(Number(args.workers) / 2)),
};
const CALLS = Number(args.calls);
const BASELINE_CALLS = Number(args['baseline-calls']);
const WARM_UP = 50;

const fmt = (n: number, digits = 1): string =>
  Number.isFinite(n) ? n.toLocaleString('en-GB', { maximumFractionDigits: digits }) : '-';
const ms = (t: Timing): string[] => [fmt(t.calls, 0), fmt(t.p50, 2), fmt(t.p95, 2), fmt(t.p99, 2)];
const verdict = (t: Timing): string =>
  `p95 <= ${TARGET_P95_MS}: ${t.p95 <= TARGET_P95_MS ? 'met' : 'NOT met'}`;

function printTable(title: string, header: string[], rows: string[][]): void {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: string[]): string =>
    `| ${cells.map((c, i) => c.padEnd(widths[i] ?? 10)).join(' | ')} |`;
  console.log(`\n${title}`);
  console.log(line(header));
  console.log(line(widths.map((w) => '-'.repeat(w))));
  rows.forEach((r) => {
    console.log(line(r));
  });
}

async function withPostgres<T>(run: (handle: DatabaseHandle, name: string) => Promise<T>): Promise<T> {
  const name = `signpost_bench_casework_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: ADMIN_URL });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  const url = new URL(ADMIN_URL);
  url.pathname = `/${name}`;
  const handle = await openDatabase({ url: url.toString(), poolSize: 4, statementTimeoutMs: 120_000 });
  try {
    return await run(handle, name);
  } finally {
    await handle.close();
    if (args.keep) {
      console.log(`\nKept the database ${name} (--keep); drop it with: DROP DATABASE ${name}`);
    } else {
      await dropBenchDatabase(admin, name);
    }
    await admin.end();
  }
}

console.log(
  `Signpost casework benchmark: ${fmt(SHAPE.referrals, 0)} referrals, ${fmt(SHAPE.contacts, 0)} contacts, ` +
    `${String(SHAPE.tenants)} tenants x ${String(SHAPE.linkWorkersPerTenant)} link workers, ` +
    `${String(SHAPE.years)} years to ${SHAPE.asOf.toISOString().slice(0, 10)}; ${fmt(CALLS, 0)} calls each, seed ${args.seed}`,
);
await withPostgres(async (handle) => {
  const { db } = handle;
  await migrateToLatest(db);
  console.log('PostgreSQL: generating (set-based INSERT ... SELECT)...');
  const started = performance.now();
  const generated = await generateCasework(db, SHAPE, (line) => {
    console.log(line);
  });
  const loadSeconds = (performance.now() - started) / 1000;
  const size = await datasetSize(db, CASEWORK_BENCH_TABLES);
  const load = await workerLoad(db, SHAPE.asOf);
  const [{ version } = { version: '' }] = (
    await sql<{ version: string }>`SELECT current_setting('server_version') AS version`.execute(db)
  ).rows;

  const random = createRandom(Number(args.seed));
  const today = londonDate(SHAPE.asOf);
  const targets: Target[] = generated.tenants.flatMap((t) =>
    (generated.linkWorkers.get(t.id) ?? []).map((workerId) => ({ tenantId: t.id, workerId })),
  );
  const queues: QueueTenant[] = [];
  for (const t of generated.tenants) {
    queues.push({ tenantId: t.id, cursors: await triageCursors(db, t.id) });
  }
  const options = { calls: CALLS, warmUp: WARM_UP, random };
  console.log(`Timing ${fmt(CALLS, 0)} calls of each...`);
  const loadBefore = loadavg()[0] ?? 0;
  const roundTrip = await measureRoundTrip(db, options);
  const dashboard = await measureDashboard(db, { ...options, targets, today });
  const triage = await measureTriage(db, { ...options, tenants: queues });
  const triageCount = await measureTriageCount(db, { ...options, tenants: queues });
  console.log(`Baselines without the indexes (${fmt(BASELINE_CALLS, 0)} calls each)...`);
  const slow = { calls: BASELINE_CALLS, warmUp: 2, random };
  const dashboardBare = await withoutIndexes(db, DASHBOARD_INDEXES, (trx) =>
    measureDashboard(trx, { ...slow, targets, today }),
  );
  const triageBare = await withoutIndexes(db, TRIAGE_INDEXES, (trx) =>
    measureTriage(trx, { ...slow, tenants: queues }),
  );

  printTable(
    `Dataset (generated in ${fmt(loadSeconds)} s; database ${fmt(size.bytes / 1024 ** 3, 2)} GB)`,
    ['table', 'rows'],
    Object.entries(size.rows).map(([table, n]) => [table, fmt(n, 0)]),
  );
  const loadAfter = loadavg()[0] ?? 0;
  console.log(
    `Link workers with cases: ${fmt(load.workers, 0)}; open cases each (min/median/max) ` +
      `${load.open.join('/')}; people allocated in the last 12 months ${load.lastYear.join('/')}; ` +
      `median cases ever ${fmt(load.allTimeMedian, 0)}.`,
  );
  printTable(
    'Timings (milliseconds per call, one call at a time)',
    ['what', 'calls', 'p50', 'p95', 'p99', 'target'],
    [
      ['loadCaseloadDashboard (random link worker)', ...ms(dashboard), verdict(dashboard)],
      ['listTriageQueue, 50 a page (random tenant and page)', ...ms(triage), verdict(triage)],
      ['countTriageQueue (same page)', ...ms(triageCount), verdict(triageCount)],
      ['baseline: SELECT 1 round trip', ...ms(roundTrip), '-'],
      ['baseline: dashboard without its indexes (a)', ...ms(dashboardBare), '-'],
      ['baseline: triage queue without its index (b)', ...ms(triageBare), '-'],
    ],
  );
  console.log(`(a) without ${DASHBOARD_INDEXES.join(', ')}; (b) without ${TRIAGE_INDEXES.join(', ')}.`);
  console.log(
    `\ndashboard p50 = ${fmt(dashboard.p50 / roundTrip.p50)} round trips; ` +
      `without its indexes p50 is ${fmt(dashboardBare.p50 / dashboard.p50)}x slower. ` +
      `Triage page p50 = ${fmt(triage.p50 / roundTrip.p50)} round trips; without its index ` +
      `${fmt(triageBare.p50 / triage.p50)}x slower.`,
  );
  console.log(
    `Per dashboard: ${fmt(dashboard.meanOpen)} open cases, ${fmt(dashboard.meanNeedsContact)} needing contact, ` +
      `${fmt(dashboard.meanOverdueActions)} overdue actions (means). Triage pages: ${fmt(triage.meanItems)} ` +
      `referrals each; ${fmt(
        queues.reduce((n, q) => n + q.cursors.length, 0),
        0,
      )} referrals waiting in all.`,
  );
  const target = targets.at(0);
  const queue = queues.at(0);
  if (args.explain && target !== undefined && queue !== undefined) {
    await explainCalls(db, 'loadCaseloadDashboard', (recorded) =>
      loadCaseloadDashboard(recorded, target.tenantId, target.workerId, today),
    );
    const after = queue.cursors.at(Math.floor(queue.cursors.length / 2));
    await explainCalls(db, 'listTriageQueue, a page from the middle of the queue', (recorded) =>
      listTriageQueue(recorded, queue.tenantId, { limit: 50, ...(after === undefined ? {} : { after }) }),
    );
  }
  const cpu = cpus()[0]?.model ?? 'unknown CPU';
  console.log(
    `Machine: ${cpu}, ${String(cpus().length)} cores, ${fmt(totalmem() / 1024 ** 3, 0)} GB; PostgreSQL ${version}; ` +
      `Node ${process.version}; ${new Date().toISOString().slice(0, 10)}; load average ` +
      `${fmt(loadBefore, 2)} before timing, ${fmt(loadAfter, 2)} after.`,
  );
});

import { sql, type Kysely } from 'kysely';
import type { Database } from '../src/db/database.ts';
import { loadCaseloadDashboard } from '../src/modules/casework/caseload.service.ts';
import {
  countTriageQueue,
  listTriageQueue,
  type TriageCursor,
} from '../src/modules/referrals/triage.service.ts';
import { percentiles, type Percentiles } from './search-bench.queries.ts';

// The measurements of bench/casework.bench.ts: each function called one at a time, after a warm-up, and
// timed end to end through Kysely and the pool (what a page handler pays).

export interface Timing extends Percentiles {
  calls: number;
}

export interface Target {
  tenantId: string;
  workerId: string;
}

export interface QueueTenant {
  tenantId: string;
  cursors: TriageCursor[];
}

/**
 * Times `calls` runs of `run(i)` after `warmUp` untimed ones.
 * @param options - how many calls and warm-up calls
 * @param run - one call (given its number)
 */
export async function timeCalls(
  options: { calls: number; warmUp: number },
  run: (i: number) => Promise<unknown>,
): Promise<Timing> {
  for (let i = 0; i < options.warmUp; i++) {
    await run(-1 - i);
  }
  const times: number[] = [];
  for (let i = 0; i < options.calls; i++) {
    const started = performance.now();
    await run(i);
    times.push(performance.now() - started);
  }
  return { ...percentiles(times), calls: times.length };
}

/**
 * The floor: a `SELECT 1` round trip through the same pool.
 * @param db - the database
 * @param options - calls and warm-up
 */
export async function measureRoundTrip(
  db: Kysely<Database>,
  options: { calls: number; warmUp: number },
): Promise<Timing> {
  return timeCalls(options, () => sql`SELECT 1`.execute(db));
}

export interface DashboardTiming extends Timing {
  /** Mean counts per dashboard, to show the work was real. */
  meanOpen: number;
  meanNeedsContact: number;
  meanOverdueActions: number;
}

/**
 * loadCaseloadDashboard for a random link worker each call.
 * @param db - the database (or a transaction)
 * @param options - calls, warm-up, the link workers to pick from, the random source and today
 */
export async function measureDashboard(
  db: Kysely<Database>,
  options: { calls: number; warmUp: number; targets: Target[]; random: () => number; today: string },
): Promise<DashboardTiming> {
  const totals = { open: 0, needsContact: 0, overdue: 0, n: 0 };
  const timing = await timeCalls(options, async (i) => {
    const target = options.targets.at(Math.floor(options.random() * options.targets.length));
    if (target === undefined) {
      throw new Error('No link workers to measure');
    }
    const d = await loadCaseloadDashboard(db, target.tenantId, target.workerId, options.today);
    if (i >= 0) {
      totals.open += d.counts.open;
      totals.needsContact += d.needsContact.length;
      totals.overdue += d.overdueActions.length;
      totals.n += 1;
    }
  });
  const n = Math.max(totals.n, 1);
  return {
    ...timing,
    meanOpen: totals.open / n,
    meanNeedsContact: totals.needsContact / n,
    meanOverdueActions: totals.overdue / n,
  };
}

export interface TriageTiming extends Timing {
  meanItems: number;
}

/**
 * listTriageQueue pages of 50 for a random tenant each call: half the first page, half the page after a
 * random referral in the queue (keyset paging from anywhere in it).
 * @param db - the database (or a transaction)
 * @param options - calls, warm-up, the tenants with their queue cursors, and the random source
 */
export async function measureTriage(
  db: Kysely<Database>,
  options: { calls: number; warmUp: number; tenants: QueueTenant[]; random: () => number },
): Promise<TriageTiming> {
  let items = 0;
  let counted = 0;
  const timing = await timeCalls(options, async (i) => {
    const tenant = options.tenants.at(Math.floor(options.random() * options.tenants.length));
    if (tenant === undefined) {
      throw new Error('No tenants to measure');
    }
    const after =
      options.random() < 0.5
        ? undefined
        : tenant.cursors.at(Math.floor(options.random() * tenant.cursors.length));
    const page = await listTriageQueue(db, tenant.tenantId, {
      limit: 50,
      ...(after === undefined ? {} : { after }),
    });
    if (i >= 0) {
      items += page.length;
      counted += 1;
    }
  });
  return { ...timing, meanItems: items / Math.max(counted, 1) };
}

/**
 * countTriageQueue (the queue's length, shown on the same page) for a random tenant each call.
 * @param db - the database
 * @param options - calls, warm-up, tenants and the random source
 */
export async function measureTriageCount(
  db: Kysely<Database>,
  options: { calls: number; warmUp: number; tenants: QueueTenant[]; random: () => number },
): Promise<Timing> {
  return timeCalls(options, () => {
    const tenant = options.tenants.at(Math.floor(options.random() * options.tenants.length));
    return countTriageQueue(db, tenant?.tenantId ?? '');
  });
}

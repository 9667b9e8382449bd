import {
  sql,
  type AggregateFunctionBuilder,
  type ExpressionBuilder,
  type Kysely,
  type SelectQueryBuilder,
} from 'kysely';
import type { Database } from '../../db/database.ts';
import type { FollowUpAnswer, NavigationOutcome, RedFlagResult } from './navigation.tables.ts';
import type { ReportFilter } from './reports-filter.ts';

// The reports' aggregate queries: counts only, grouped, over navigation_record (names from app_user and
// practice). No patient column is ever selected, so nothing here can carry person data to a page.

export interface DayCount {
  day: string;
  started: number;
  completed: number;
}

export interface NavigatorCount {
  userId: string;
  name: string;
  total: number;
  elsewhere: number;
  gp: number;
  redFlags: number;
}

export interface DestinationCount {
  kind: 'protocol' | 'service';
  name: string;
  count: number;
}

export interface OutcomeCount {
  outcome: NavigationOutcome;
  gpReason: 'patient-preferred' | 'needed' | null;
  count: number;
}

export interface RedFlagCount {
  outcome: Exclude<RedFlagResult, 'none'>;
  source: 'screen' | 'free-text';
  count: number;
}

export interface PracticeChoiceCount {
  practiceName: string | null;
  /** Completed without a red flag: those who were offered options. */
  completed: number;
  choseGp: number;
}

export interface TurnedAwayCount {
  name: string;
  answer: Extract<FollowUpAnswer, 'service_full' | 'couldnt_get_in'>;
  count: number;
}

export interface NavigationAggregates {
  days: DayCount[];
  navigators: NavigatorCount[];
  destinations: DestinationCount[];
  outcomes: OutcomeCount[];
  redFlags: RedFlagCount[];
  choseGp: PracticeChoiceCount[];
  turnedAway: TurnedAwayCount[];
}

type Db = Kysely<Database>;
type RecordQuery = SelectQueryBuilder<Database, 'navigation_record', object>;

function inFilter(db: Db, tenantId: string, filter: ReportFilter): RecordQuery {
  let query = db
    .selectFrom('navigation_record')
    .where('navigation_record.tenant_id', '=', tenantId)
    .where(
      'navigation_record.started_at',
      '>=',
      sql<Date>`(${filter.from}::date)::timestamp AT TIME ZONE 'Europe/London'`,
    )
    .where(
      'navigation_record.started_at',
      '<',
      sql<Date>`(${filter.to}::date + 1)::timestamp AT TIME ZONE 'Europe/London'`,
    );
  if (filter.practiceId !== null) {
    query = query.where('navigation_record.practice_id', '=', filter.practiceId);
  }
  return query;
}

const countWhere = (
  eb: ExpressionBuilder<Database, 'navigation_record'>,
  outcomes: readonly NavigationOutcome[],
): AggregateFunctionBuilder<Database, 'navigation_record', string> =>
  eb.fn.countAll<string>().filterWhere('navigation_record.outcome', 'in', outcomes);

async function countDays(db: Db, tenantId: string, filter: ReportFilter): Promise<DayCount[]> {
  const day = sql<string>`((navigation_record.started_at AT TIME ZONE 'Europe/London')::date)::text`;
  const rows = await inFilter(db, tenantId, filter)
    .select((eb) => [
      day.as('day'),
      eb.fn.countAll<string>().as('started'),
      eb.fn.count<string>('navigation_record.completed_at').as('completed'),
    ])
    .groupBy(day)
    .orderBy(day)
    .execute();
  return rows.map((r) => ({ day: r.day, started: Number(r.started), completed: Number(r.completed) }));
}

async function countNavigators(db: Db, tenantId: string, filter: ReportFilter): Promise<NavigatorCount[]> {
  const rows = await inFilter(db, tenantId, filter)
    .innerJoin('app_user', (join) =>
      join
        .onRef('app_user.tenant_id', '=', 'navigation_record.tenant_id')
        .onRef('app_user.id', '=', 'navigation_record.navigator_user_id'),
    )
    .select((eb) => [
      'navigation_record.navigator_user_id as userId',
      'app_user.display_name as name',
      eb.fn.countAll<string>().as('total'),
      countWhere(eb, ['signposted', 'referred-link-worker']).as('elsewhere'),
      countWhere(eb, ['gp']).as('gp'),
      countWhere(eb, ['red-flag']).as('redFlags'),
    ])
    .groupBy(['navigation_record.navigator_user_id', 'app_user.display_name'])
    .orderBy('app_user.display_name')
    .execute();
  return rows.map((r) => ({
    userId: r.userId,
    name: r.name,
    total: Number(r.total),
    elsewhere: Number(r.elsewhere),
    gp: Number(r.gp),
    redFlags: Number(r.redFlags),
  }));
}

async function countDestinations(
  db: Db,
  tenantId: string,
  filter: ReportFilter,
): Promise<DestinationCount[]> {
  const rows = await inFilter(db, tenantId, filter)
    .where('navigation_record.outcome', 'in', ['signposted', 'referred-link-worker', 'gp'])
    .where('navigation_record.destination_name', 'is not', null)
    .where('navigation_record.destination_kind', 'is not', null)
    .select((eb) => [
      'navigation_record.destination_kind as kind',
      'navigation_record.destination_name as name',
      eb.fn.countAll<string>().as('count'),
    ])
    .groupBy(['navigation_record.destination_kind', 'navigation_record.destination_name'])
    .orderBy('count', 'desc')
    .orderBy('navigation_record.destination_name')
    .execute();
  return rows.map((r) => ({ kind: r.kind ?? 'protocol', name: r.name ?? '', count: Number(r.count) }));
}

async function countOutcomes(db: Db, tenantId: string, filter: ReportFilter): Promise<OutcomeCount[]> {
  const rows = await inFilter(db, tenantId, filter)
    .where('navigation_record.outcome', 'is not', null)
    .select((eb) => [
      'navigation_record.outcome as outcome',
      'navigation_record.gp_reason as gpReason',
      eb.fn.countAll<string>().as('count'),
    ])
    .groupBy(['navigation_record.outcome', 'navigation_record.gp_reason'])
    .execute();
  return rows.flatMap((r) =>
    r.outcome === null ? [] : [{ outcome: r.outcome, gpReason: r.gpReason, count: Number(r.count) }],
  );
}

async function countRedFlags(db: Db, tenantId: string, filter: ReportFilter): Promise<RedFlagCount[]> {
  const rows = await inFilter(db, tenantId, filter)
    .where('navigation_record.red_flag_outcome', 'is not', null)
    .where('navigation_record.red_flag_outcome', '<>', 'none')
    .select((eb) => [
      'navigation_record.red_flag_outcome as outcome',
      'navigation_record.red_flag_source as source',
      eb.fn.countAll<string>().as('count'),
    ])
    .groupBy(['navigation_record.red_flag_outcome', 'navigation_record.red_flag_source'])
    .execute();
  return rows.flatMap((r) =>
    r.outcome === null || r.outcome === 'none'
      ? []
      : [{ outcome: r.outcome, source: r.source ?? 'screen', count: Number(r.count) }],
  );
}

async function countGpChoices(
  db: Db,
  tenantId: string,
  filter: ReportFilter,
): Promise<PracticeChoiceCount[]> {
  const rows = await inFilter(db, tenantId, filter)
    .leftJoin('practice', (join) =>
      join
        .onRef('practice.tenant_id', '=', 'navigation_record.tenant_id')
        .onRef('practice.id', '=', 'navigation_record.practice_id'),
    )
    .where('navigation_record.completed_at', 'is not', null)
    .where('navigation_record.outcome', '<>', 'red-flag')
    .select((eb) => [
      'practice.name as practiceName',
      eb.fn.countAll<string>().as('completed'),
      eb.fn.countAll<string>().filterWhere('navigation_record.patient_choice', '=', 'chose_gp').as('choseGp'),
    ])
    .groupBy('practice.name')
    .orderBy('practice.name')
    .execute();
  return rows.map((r) => ({
    practiceName: r.practiceName,
    completed: Number(r.completed),
    choseGp: Number(r.choseGp),
  }));
}

async function countTurnedAway(db: Db, tenantId: string, filter: ReportFilter): Promise<TurnedAwayCount[]> {
  const rows = await inFilter(db, tenantId, filter)
    .where('navigation_record.follow_up', 'in', ['service_full', 'couldnt_get_in'])
    .select((eb) => [
      'navigation_record.destination_name as name',
      'navigation_record.follow_up as answer',
      eb.fn.countAll<string>().as('count'),
    ])
    .groupBy(['navigation_record.destination_name', 'navigation_record.follow_up'])
    .orderBy('navigation_record.destination_name')
    .execute();
  return rows.flatMap((r) =>
    r.answer === 'service_full' || r.answer === 'couldnt_get_in'
      ? [{ name: r.name ?? 'Not recorded', answer: r.answer, count: Number(r.count) }]
      : [],
  );
}

/**
 * Every count the reports show, for one set of filters.
 * @param db - the database
 * @param tenantId - the tenant
 * @param filter - practice and dates
 * @param withNavigators - whether to count per navigator (only for viewers allowed to see staff names)
 */
export async function findNavigationAggregates(
  db: Db,
  tenantId: string,
  filter: ReportFilter,
  withNavigators: boolean,
): Promise<NavigationAggregates> {
  return {
    days: await countDays(db, tenantId, filter),
    navigators: withNavigators ? await countNavigators(db, tenantId, filter) : [],
    destinations: await countDestinations(db, tenantId, filter),
    outcomes: await countOutcomes(db, tenantId, filter),
    redFlags: await countRedFlags(db, tenantId, filter),
    choseGp: await countGpChoices(db, tenantId, filter),
    turnedAway: await countTurnedAway(db, tenantId, filter),
  };
}

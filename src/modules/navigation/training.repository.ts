import type { Kysely, Selectable, Transaction, Updateable } from 'kysely';
import type { Database } from '../../db/database.ts';
import type { RedFlagResult } from './navigation.tables.ts';
import type { CompletedAttempt } from './training-competency.ts';
import type { TrainingAttemptTable, TrainingStep } from './training.tables.ts';

// training_attempt rows. An attempt moves one step at a time: every update names the step it expects the
// attempt to be at, so a form posted twice (or from an old tab) changes nothing.

type Db = Kysely<Database> | Transaction<Database>;
type AttemptRow = Selectable<TrainingAttemptTable>;

export interface TrainingAttempt {
  id: string;
  userId: string;
  scenarioKey: string;
  protocolId: string;
  startedAt: Date;
  step: TrainingStep;
  redFlagAnswer: RedFlagResult | null;
  redFlagKey: string | null;
  redFlagSource: 'screen' | 'free-text' | null;
  needPicks: string[];
  needText: string | null;
  chosenDestination: string | null;
  correct: boolean | null;
  missedRedFlag: boolean | null;
  completedAt: Date | null;
}

function attemptRowToAttempt(r: AttemptRow): TrainingAttempt {
  return {
    id: r.id,
    userId: r.user_id,
    scenarioKey: r.scenario_key,
    protocolId: r.protocol_id,
    startedAt: r.started_at,
    step: r.step,
    redFlagAnswer: r.red_flag_answer,
    redFlagKey: r.red_flag_key,
    redFlagSource: r.red_flag_source,
    needPicks: r.need_picks,
    needText: r.need_text,
    chosenDestination: r.chosen_destination,
    correct: r.correct,
    missedRedFlag: r.missed_red_flag,
    completedAt: r.completed_at,
  };
}

/**
 * Starts an attempt at a scenario.
 * @param db - the database or a transaction
 * @param tenantId - the tenant
 * @param attempt - who, which scenario, with which protocol version
 */
export async function insertAttempt(
  db: Db,
  tenantId: string,
  attempt: { userId: string; scenarioKey: string; protocolId: string; startedAt?: Date },
): Promise<TrainingAttempt> {
  const row = await db
    .insertInto('training_attempt')
    .values({
      tenant_id: tenantId,
      user_id: attempt.userId,
      scenario_key: attempt.scenarioKey,
      protocol_id: attempt.protocolId,
      started_at: attempt.startedAt,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  return attemptRowToAttempt(row);
}

/**
 * An attempt by id.
 * @param db - the database or a transaction
 * @param tenantId - the tenant
 * @param id - the attempt's id (a valid UUID)
 */
export async function findAttempt(
  db: Db,
  tenantId: string,
  id: string,
): Promise<TrainingAttempt | undefined> {
  const row = await db
    .selectFrom('training_attempt')
    .selectAll()
    .where('tenant_id', '=', tenantId)
    .where('id', '=', id)
    .executeTakeFirst();
  return row === undefined ? undefined : attemptRowToAttempt(row);
}

/**
 * The navigator's unfinished attempt at a scenario, if any (the latest).
 * @param db - the database or a transaction
 * @param tenantId - the tenant
 * @param query - the navigator and the scenario
 */
export async function findOpenAttempt(
  db: Db,
  tenantId: string,
  query: { userId: string; scenarioKey: string },
): Promise<TrainingAttempt | undefined> {
  const row = await db
    .selectFrom('training_attempt')
    .selectAll()
    .where('tenant_id', '=', tenantId)
    .where('user_id', '=', query.userId)
    .where('scenario_key', '=', query.scenarioKey)
    .where('completed_at', 'is', null)
    .orderBy('started_at', 'desc')
    .limit(1)
    .executeTakeFirst();
  return row === undefined ? undefined : attemptRowToAttempt(row);
}

/**
 * Moves an attempt on from the step it is at.
 * @param db - the database or a transaction
 * @param tenantId - the tenant
 * @param change - the attempt, the step it must be at, and what to set
 * @returns false when the attempt was not at that step (nothing changed)
 */
export async function advanceAttempt(
  db: Db,
  tenantId: string,
  change: { id: string; from: TrainingStep; set: Updateable<TrainingAttemptTable> },
): Promise<boolean> {
  const result = await db
    .updateTable('training_attempt')
    .set(change.set)
    .where('tenant_id', '=', tenantId)
    .where('id', '=', change.id)
    .where('step', '=', change.from)
    .where('completed_at', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/**
 * The completed attempts of some navigators, by navigator.
 * @param db - the database or a transaction
 * @param tenantId - the tenant
 * @param userIds - the navigators
 */
export async function listCompletedAttempts(
  db: Db,
  tenantId: string,
  userIds: readonly string[],
): Promise<Map<string, CompletedAttempt[]>> {
  const result = new Map<string, CompletedAttempt[]>(userIds.map((id) => [id, []]));
  if (userIds.length === 0) {
    return result;
  }
  const rows = await db
    .selectFrom('training_attempt')
    .select(['user_id', 'scenario_key', 'correct', 'missed_red_flag', 'completed_at'])
    .where('tenant_id', '=', tenantId)
    .where('user_id', 'in', [...userIds])
    .where('completed_at', 'is not', null)
    .orderBy('completed_at')
    .execute();
  for (const r of rows) {
    if (r.completed_at !== null) {
      result.get(r.user_id)?.push({
        scenarioKey: r.scenario_key,
        correct: r.correct === true,
        missedRedFlag: r.missed_red_flag === true,
        completedAt: r.completed_at,
      });
    }
  }
  return result;
}

/**
 * The scenarios a navigator has an unfinished attempt at.
 * @param db - the database or a transaction
 * @param tenantId - the tenant
 * @param userId - the navigator
 */
export async function listOpenScenarioKeys(db: Db, tenantId: string, userId: string): Promise<Set<string>> {
  const rows = await db
    .selectFrom('training_attempt')
    .select('scenario_key')
    .distinct()
    .where('tenant_id', '=', tenantId)
    .where('user_id', '=', userId)
    .where('completed_at', 'is', null)
    .execute();
  return new Set(rows.map((r) => r.scenario_key));
}

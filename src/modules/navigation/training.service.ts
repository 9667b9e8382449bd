import type { Kysely, Transaction, Updateable } from 'kysely';
import type { Database } from '../../db/database.ts';
import type { FieldIssue } from '../../http/errors.ts';
import { findOrganisationById } from '../accounts/organisation.repository.ts';
import type { Destination, NavigationProtocol, NavigationProtocolContent } from './protocol.model.ts';
import { protocolContentSchema } from './protocol.model.ts';
import { findProtocolInForce, findProtocolVersion } from './protocol.repository.ts';
import { detectRedFlags, type RedFlagMatch } from './red-flag-detector.ts';
import { scoreAttempt, type AttemptAnswer } from './training-competency.ts';
import { scenariosFor, type TrainingScenario } from './training-scenarios.ts';
import { trainingMessage as m, type TrainingMessageKey } from './training.content.ts';
import type { TrainingAttemptTable } from './training.tables.ts';
import {
  advanceAttempt,
  findOpenAttempt,
  insertAttempt,
  type TrainingAttempt,
} from './training.repository.ts';

// The training mode of the navigation flow. An attempt walks the live flow's steps with the protocol that
// was in force when it started: the red-flag check first, then needs (quick picks, and free text that the
// red-flag detector reads), then the options (the picked quick picks' destinations and the GP), then the
// choice. Nothing here touches a patient, a task, a code or a message: it writes training_attempt only.

type Db = Kysely<Database>;
type Trx = Transaction<Database>;

export type StepResult = { ok: true } | { ok: false; issues: FieldIssue[] } | { ok: false; stale: true };

/**
 * The protocol in force for a navigator: their practice's, else the PCN's.
 * @param db - the database
 * @param tenantId - the tenant
 * @param organisationId - the organisation the navigator is acting for, if any
 */
export async function protocolForNavigator(
  db: Db,
  tenantId: string,
  organisationId: string | null,
): Promise<NavigationProtocol> {
  const org = organisationId === null ? undefined : await findOrganisationById(db, tenantId, organisationId);
  return findProtocolInForce(db, tenantId, org?.practiceId ?? null);
}

/**
 * The protocol version an attempt uses.
 * @param db - the database
 * @param tenantId - the tenant
 * @param attempt - the attempt
 */
export async function protocolOfAttempt(
  db: Db,
  tenantId: string,
  attempt: TrainingAttempt,
): Promise<NavigationProtocolContent> {
  const row = await findProtocolVersion(db, tenantId, attempt.protocolId);
  if (row === undefined) {
    throw new Error('A training attempt names a protocol version that does not exist');
  }
  return protocolContentSchema.parse(row.content);
}

/**
 * Starts an attempt at a scenario, or resumes the navigator's unfinished one.
 * @param trx - the transaction
 * @param tenantId - the tenant
 * @param start - the navigator, the scenario's key, the protocol in force and the time
 * @returns the attempt's id, or undefined when the protocol in force has no such scenario
 */
export async function startAttempt(
  trx: Trx,
  tenantId: string,
  start: { userId: string; scenarioKey: string; protocol: NavigationProtocol; now: Date },
): Promise<string | undefined> {
  if (!scenariosFor(start.protocol.content).some((s) => s.key === start.scenarioKey)) {
    return undefined;
  }
  const open = await findOpenAttempt(trx, tenantId, start);
  if (open !== undefined) {
    return open.id;
  }
  const created = await insertAttempt(trx, tenantId, {
    userId: start.userId,
    scenarioKey: start.scenarioKey,
    protocolId: start.protocol.id,
    startedAt: start.now,
  });
  return created.id;
}

/**
 * The options a navigator sees for the picked quick picks: their destinations (switched on, best first,
 * each once), then the GP, whom the patient can always choose.
 * @param protocol - the attempt's protocol
 * @param picks - the quick picks chosen
 */
export function trainingOptions(
  protocol: NavigationProtocolContent,
  picks: readonly string[],
): Destination[] {
  const byKey = new Map(protocol.destinations.filter((d) => d.enabled).map((d) => [d.key, d]));
  const keys = protocol.quickPicks.filter((p) => picks.includes(p.key)).flatMap((p) => p.destinations);
  const options = [...new Set(keys)].flatMap((k) => byKey.get(k) ?? []).filter((d) => d.kind !== 'gp');
  return [...options, ...protocol.destinations.filter((d) => d.kind === 'gp' && d.enabled)];
}

function finish(
  scenario: TrainingScenario,
  answer: AttemptAnswer,
  now: Date,
): Pick<Updateable<TrainingAttemptTable>, 'step' | 'correct' | 'missed_red_flag' | 'completed_at'> {
  const score = scoreAttempt(scenario, answer);
  return { step: 'done', correct: score.correct, missed_red_flag: score.missedRedFlag, completed_at: now };
}

const issue = (field: string, key: TrainingMessageKey): StepResult => ({
  ok: false,
  issues: [{ field, message: m(key) }],
});

interface StepInput {
  attempt: TrainingAttempt;
  scenario: TrainingScenario;
  protocol: NavigationProtocolContent;
  now: Date;
}

const stale = { ok: false, stale: true } as const;

/**
 * Step 1: the red-flag check. A flag raised ends the attempt, as it stops the live flow.
 * @param trx - the transaction
 * @param tenantId - the tenant
 * @param input - the attempt, its scenario and protocol, the time, and the flag's key or 'none'
 */
export async function answerRedFlags(
  trx: Trx,
  tenantId: string,
  input: StepInput & { redFlag: string },
): Promise<StepResult> {
  const { attempt, scenario, now } = input;
  if (input.redFlag === 'none') {
    const moved = await advanceAttempt(trx, tenantId, {
      id: attempt.id,
      from: 'red-flags',
      set: { step: 'needs', red_flag_answer: 'none' },
    });
    return moved ? { ok: true } : stale;
  }
  const flag = input.protocol.redFlags.find((f) => f.key === input.redFlag);
  if (flag === undefined) {
    return issue('redFlag', 'pages.trainingRedFlags.redFlag.validationError.required');
  }
  const outcome = { redFlagAnswer: flag.outcome, chosenDestination: null };
  const moved = await advanceAttempt(trx, tenantId, {
    id: attempt.id,
    from: 'red-flags',
    set: {
      red_flag_answer: flag.outcome,
      red_flag_key: flag.key,
      red_flag_source: 'screen',
      ...finish(scenario, outcome, now),
    },
  });
  return moved ? { ok: true } : stale;
}

/**
 * Step 2: what the patient needs help with. The free text goes through the red-flag detector first: a
 * match ends the attempt as a red flag, as it interrupts the live flow.
 * @param trx - the transaction
 * @param tenantId - the tenant
 * @param input - the attempt, its scenario and protocol, the time, the quick picks and the free text
 */
export async function answerNeeds(
  trx: Trx,
  tenantId: string,
  input: StepInput & { picks: string[]; needText: string | null },
): Promise<StepResult> {
  const { attempt, scenario, protocol, now } = input;
  const known = new Set(protocol.quickPicks.map((p) => p.key));
  const detected: RedFlagMatch | undefined = detectRedFlags([input.needText], protocol).decisive;
  if (detected !== undefined) {
    const outcome = { redFlagAnswer: detected.flag.outcome, chosenDestination: null };
    const moved = await advanceAttempt(trx, tenantId, {
      id: attempt.id,
      from: 'needs',
      set: {
        need_picks: input.picks.filter((p) => known.has(p)),
        need_text: input.needText,
        red_flag_answer: detected.flag.outcome,
        red_flag_key: detected.flag.key,
        red_flag_source: 'free-text',
        ...finish(scenario, outcome, now),
      },
    });
    return moved ? { ok: true } : stale;
  }
  if (input.picks.length === 0 || input.picks.some((p) => !known.has(p))) {
    return issue('quickPick', 'pages.trainingNeeds.quickPick.validationError.required');
  }
  const moved = await advanceAttempt(trx, tenantId, {
    id: attempt.id,
    from: 'needs',
    set: { step: 'choose', need_picks: input.picks, need_text: input.needText },
  });
  return moved ? { ok: true } : stale;
}

/**
 * Step 3: the patient's choice among the options, which ends the attempt.
 * @param trx - the transaction
 * @param tenantId - the tenant
 * @param input - the attempt, its scenario and protocol, the time, and the destination chosen
 */
export async function chooseDestination(
  trx: Trx,
  tenantId: string,
  input: StepInput & { destination: string },
): Promise<StepResult> {
  const { attempt, scenario, protocol, now } = input;
  const offered = trainingOptions(protocol, attempt.needPicks).some((d) => d.key === input.destination);
  if (!offered) {
    return issue('destination', 'pages.trainingChoose.destination.validationError.required');
  }
  const answer = { redFlagAnswer: 'none' as const, chosenDestination: input.destination };
  const moved = await advanceAttempt(trx, tenantId, {
    id: attempt.id,
    from: 'choose',
    set: { chosen_destination: input.destination, ...finish(scenario, answer, now) },
  });
  return moved ? { ok: true } : stale;
}

import type { NavigationChannel } from './navigation.tables.ts';
import type { NavigationProtocolContent, RedFlagOutcome } from './protocol.model.ts';
import { RED_FLAG_SCENARIOS } from './training-scenarios-red-flag.data.ts';
import { SIGNPOST_SCENARIOS } from './training-scenarios-signpost.data.ts';

// The scenario cards of navigator training: a fictional patient's words, the right outcome and why. They
// are written against the shipped default protocol (default-protocol.ts) and a unit test checks every key
// they name exists there, that every destination and every red-flag outcome is covered, and that the
// red-flag phrase detector agrees with each card.

/** A red flag the navigator must catch: the outcome the flow must end in, and the flag that gives it. */
export interface RedFlagAnswer {
  kind: 'red-flag';
  outcome: RedFlagOutcome;
  /** The default protocol's flag whose question fits. */
  flag: string;
  /**
   * True when the red flag is only in passing, in the patient's own words, behind a routine request: the
   * phrase detector must find it in those words.
   */
  hidden: boolean;
}

/** No red flag: the quick picks that fit and the destinations that are a right choice. */
export interface SignpostAnswer {
  kind: 'signpost';
  quickPicks: readonly string[];
  destinations: readonly string[];
}

export interface TrainingScenario {
  key: string;
  title: string;
  /** What the patient says, at the desk or on the phone. */
  patientWords: string;
  channel: Exclude<NavigationChannel, 'online'>;
  answer: RedFlagAnswer | SignpostAnswer;
  /** The teaching: why that is the right outcome. */
  why: string;
}

/**
 * The red-flag cards spread evenly among the others, so the list's order gives nothing away.
 * @param routine - the signpost cards
 * @param urgent - the red-flag cards
 */
function spread(
  routine: readonly TrainingScenario[],
  urgent: readonly TrainingScenario[],
): TrainingScenario[] {
  const gap = (routine.length + 1) / (urgent.length + 1);
  const result = [...routine];
  urgent.forEach((card, i) => {
    result.splice(Math.round(gap * (i + 1)) + i, 0, card);
  });
  return result;
}

/** Every shipped card, in the order navigators see them. */
export const TRAINING_SCENARIOS: readonly TrainingScenario[] = spread(SIGNPOST_SCENARIOS, RED_FLAG_SCENARIOS);

/**
 * A shipped scenario by key.
 * @param key - the scenario's key
 */
export function findScenario(key: string): TrainingScenario | undefined {
  return TRAINING_SCENARIOS.find((s) => s.key === key);
}

/**
 * The scenarios a protocol can be trained on: red-flag cards whose outcome some flag of the protocol
 * gives, and signpost cards with at least one right destination the protocol has switched on (a practice
 * that has no health coach is not tested on sending people to one).
 * @param protocol - the protocol in force
 */
export function scenariosFor(
  protocol: Pick<NavigationProtocolContent, 'redFlags' | 'destinations'>,
): TrainingScenario[] {
  const outcomes = new Set(protocol.redFlags.map((f) => f.outcome));
  const enabled = new Set(protocol.destinations.filter((d) => d.enabled).map((d) => d.key));
  return TRAINING_SCENARIOS.filter((s) =>
    s.answer.kind === 'red-flag'
      ? outcomes.has(s.answer.outcome)
      : s.answer.destinations.some((d) => enabled.has(d)),
  );
}

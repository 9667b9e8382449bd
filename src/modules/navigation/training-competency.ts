import type { RedFlagResult } from './navigation.tables.ts';
import { RED_FLAG_OUTCOMES } from './protocol.model.ts';
import type { TrainingScenario } from './training-scenarios.ts';

// Scoring of one attempt, and the competency framework navigators are measured against. HEE's Care
// Navigation Competency Framework (2016) has levels, but their names are unconfirmed (DOMAIN.md 2.1), so
// Signpost uses plain names of its own, defined here and nowhere else:
//
//   Not started     no scenario completed yet
//   In training     some scenarios completed, but not yet red-flags safe
//   Red flags safe  every red-flag scenario caught on the latest attempt at it
//   Competent       every scenario completed, at least 80 % right first time, and red-flags safe
//
// A red flag is "missed" when the attempt ends without escalating, or escalates less urgently than the
// scenario needs. A missed red flag is always wrong. Escalating more urgently than needed is wrong too
// (the answer is not the protocol's), but it is not a miss.

export interface AttemptAnswer {
  /** 'none', or the outcome of the red flag raised (on the screen or from free text). */
  redFlagAnswer: RedFlagResult;
  /** The destination chosen, when no red flag stopped the attempt. */
  chosenDestination: string | null;
}

export interface AttemptScore {
  correct: boolean;
  missedRedFlag: boolean;
}

const urgency = (result: RedFlagResult): number =>
  result === 'none' ? RED_FLAG_OUTCOMES.length : RED_FLAG_OUTCOMES.indexOf(result);

/**
 * Whether an attempt got the scenario right, and whether it missed a red flag.
 * @param scenario - the scenario card
 * @param answer - how the attempt ended
 */
export function scoreAttempt(scenario: TrainingScenario, answer: AttemptAnswer): AttemptScore {
  const expected = scenario.answer;
  if (expected.kind === 'red-flag') {
    return {
      correct: answer.redFlagAnswer === expected.outcome,
      missedRedFlag: urgency(answer.redFlagAnswer) > urgency(expected.outcome),
    };
  }
  return {
    correct:
      answer.redFlagAnswer === 'none' &&
      answer.chosenDestination !== null &&
      expected.destinations.includes(answer.chosenDestination),
    missedRedFlag: false,
  };
}

export const COMPETENCY_LEVELS = ['not-started', 'in-training', 'red-flags-safe', 'competent'] as const;
export type CompetencyLevel = (typeof COMPETENCY_LEVELS)[number];

export const COMPETENCY_LABELS: Readonly<Record<CompetencyLevel, { label: string; meaning: string }>> = {
  'not-started': { label: 'Not started', meaning: 'No scenario completed yet.' },
  'in-training': {
    label: 'In training',
    meaning: 'Some scenarios completed, but not every red-flag scenario caught on the latest attempt.',
  },
  'red-flags-safe': {
    label: 'Red flags safe',
    meaning: 'Every red-flag scenario caught on the latest attempt at it.',
  },
  competent: {
    label: 'Competent',
    meaning:
      'Every scenario completed, at least 80% right first time, and every red-flag scenario caught on the latest attempt.',
  },
};

/** The share of scenarios that must be right on the first attempt for "Competent". */
export const COMPETENT_FIRST_TRY_SHARE = 0.8;

/** A completed attempt, as competency needs it. */
export interface CompletedAttempt {
  scenarioKey: string;
  correct: boolean;
  missedRedFlag: boolean;
  completedAt: Date;
}

export interface ScenarioProgress {
  attempts: number;
  first: CompletedAttempt;
  latest: CompletedAttempt;
}

export interface TrainingProgress {
  level: CompetencyLevel;
  /** Scenarios in the framework (those the protocol in force can be trained on). */
  total: number;
  completed: number;
  firstTryRight: number;
  /** Whole per cent of completed scenarios right first time, or null before any. */
  firstTryPercent: number | null;
  redFlagTotal: number;
  /** Red-flag scenarios caught on the latest attempt at them. */
  redFlagCaught: number;
  lastTrainedAt: Date | null;
  byScenario: ReadonlyMap<string, ScenarioProgress>;
}

function progressByScenario(
  scenarios: readonly TrainingScenario[],
  attempts: readonly CompletedAttempt[],
): Map<string, ScenarioProgress> {
  const keys = new Set(scenarios.map((s) => s.key));
  const sorted = [...attempts].sort((a, b) => a.completedAt.getTime() - b.completedAt.getTime());
  const result = new Map<string, ScenarioProgress>();
  for (const attempt of sorted) {
    if (!keys.has(attempt.scenarioKey)) {
      continue;
    }
    const seen = result.get(attempt.scenarioKey);
    result.set(attempt.scenarioKey, {
      attempts: (seen?.attempts ?? 0) + 1,
      first: seen?.first ?? attempt,
      latest: attempt,
    });
  }
  return result;
}

/**
 * A navigator's scores and competency level against a set of scenarios.
 * @param scenarios - the scenarios of the framework (scenariosFor the protocol in force)
 * @param attempts - the navigator's completed attempts (attempts at other scenarios are ignored)
 */
export function assessProgress(
  scenarios: readonly TrainingScenario[],
  attempts: readonly CompletedAttempt[],
): TrainingProgress {
  const byScenario = progressByScenario(scenarios, attempts);
  const done = [...byScenario.values()];
  const redFlagKeys = scenarios.filter((s) => s.answer.kind === 'red-flag').map((s) => s.key);
  const redFlagCaught = redFlagKeys.filter((k) => byScenario.get(k)?.latest.missedRedFlag === false).length;
  const firstTryRight = done.filter((p) => p.first.correct).length;
  const redFlagsSafe = redFlagKeys.length > 0 && redFlagCaught === redFlagKeys.length;
  const allDone = scenarios.length > 0 && done.length === scenarios.length;
  let level: CompetencyLevel = 'in-training';
  if (done.length === 0) {
    level = 'not-started';
  } else if (allDone && redFlagsSafe && firstTryRight >= COMPETENT_FIRST_TRY_SHARE * scenarios.length) {
    level = 'competent';
  } else if (redFlagsSafe) {
    level = 'red-flags-safe';
  }
  const last = done.reduce<Date | null>(
    (max, p) => (max === null || p.latest.completedAt > max ? p.latest.completedAt : max),
    null,
  );
  return {
    level,
    total: scenarios.length,
    completed: done.length,
    firstTryRight,
    firstTryPercent: done.length === 0 ? null : Math.round((100 * firstTryRight) / done.length),
    redFlagTotal: redFlagKeys.length,
    redFlagCaught,
    lastTrainedAt: last,
    byScenario,
  };
}

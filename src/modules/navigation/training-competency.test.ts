import { describe, expect, it } from 'vitest';
import {
  assessProgress,
  scoreAttempt,
  type AttemptAnswer,
  type CompletedAttempt,
} from './training-competency.ts';
import { findScenario, TRAINING_SCENARIOS, type TrainingScenario } from './training-scenarios.ts';

function scenario(key: string): TrainingScenario {
  const found = findScenario(key);
  if (found === undefined) {
    throw new Error(`No scenario ${key}`);
  }
  return found;
}

const none = (chosenDestination: string | null): AttemptAnswer => ({
  redFlagAnswer: 'none',
  chosenDestination,
});

describe('scoreAttempt', () => {
  it.each([
    ['want-to-end-it-all', { redFlagAnswer: 'duty-gp-now', chosenDestination: null }, true, false],
    ['want-to-end-it-all', none('talking-therapies'), false, true],
    ['want-to-end-it-all', { redFlagAnswer: 'same-day-gp', chosenDestination: null }, false, true],
    ['want-to-end-it-all', { redFlagAnswer: 'call-999', chosenDestination: null }, false, false],
    ['friday-earache', { redFlagAnswer: 'nhs-111', chosenDestination: null }, true, false],
    ['friday-earache', none('community-pharmacy'), false, true],
    ['anxious-for-months', none('talking-therapies'), true, false],
    ['anxious-for-months', none('mental-health-practitioner'), true, false],
    ['anxious-for-months', none('gp'), false, false],
    ['anxious-for-months', { redFlagAnswer: 'duty-gp-now', chosenDestination: null }, false, false],
    ['insists-on-the-gp', none('gp'), true, false],
    ['insists-on-the-gp', none('community-pharmacy'), false, false],
  ] satisfies [string, AttemptAnswer, boolean, boolean][])(
    '%s answered %j: correct %s, missed red flag %s',
    (key, answer, correct, missedRedFlag) => {
      expect(scoreAttempt(scenario(key), answer)).toEqual({ correct, missedRedFlag });
    },
  );
});

const scenarios = ['dad-in-the-car', 'want-to-end-it-all', 'sore-throat', 'toothache', 'new-in-town'].map(
  scenario,
);
let clock = Date.parse('2026-11-01T09:00:00Z');
const done = (scenarioKey: string, correct: boolean, missedRedFlag = false): CompletedAttempt => ({
  scenarioKey,
  correct,
  missedRedFlag,
  completedAt: new Date((clock += 60_000)),
});

describe('assessProgress', () => {
  it('is "Not started" with no attempts', () => {
    expect(assessProgress(scenarios, [])).toMatchObject({
      level: 'not-started',
      total: 5,
      completed: 0,
      firstTryPercent: null,
      lastTrainedAt: null,
    });
  });

  it('is "In training" while a red-flag scenario is missed on its latest attempt', () => {
    const progress = assessProgress(scenarios, [
      done('dad-in-the-car', true),
      done('want-to-end-it-all', false, true),
      done('sore-throat', true),
    ]);
    expect(progress).toMatchObject({ level: 'in-training', completed: 3, redFlagTotal: 2, redFlagCaught: 1 });
    expect(progress.firstTryPercent).toBe(67);
  });

  it('is "Red flags safe" once every red flag is caught on the latest attempt, first tries still count', () => {
    const missed = done('want-to-end-it-all', false, true);
    const dad = done('dad-in-the-car', true);
    const last = done('want-to-end-it-all', true);
    const progress = assessProgress(scenarios, [last, missed, dad]);
    expect(progress).toMatchObject({ level: 'red-flags-safe', firstTryRight: 1, redFlagCaught: 2 });
    expect(progress.byScenario.get('want-to-end-it-all')?.attempts).toBe(2);
    expect(progress.lastTrainedAt).toEqual(last.completedAt);
  });

  it('is "Competent" with all done, 80% right first time and red flags safe', () => {
    const attempts = [
      done('dad-in-the-car', true),
      done('want-to-end-it-all', true),
      done('sore-throat', true),
      done('toothache', true),
      done('new-in-town', false),
      done('new-in-town', true),
    ];
    expect(assessProgress(scenarios, attempts).level).toBe('competent');
  });

  it('is not "Competent" below 80% right first time, nor with a red flag missed last time', () => {
    const base = [done('dad-in-the-car', true), done('want-to-end-it-all', true), done('sore-throat', true)];
    const twoWrong = [...base, done('toothache', false), done('new-in-town', false)];
    expect(assessProgress(scenarios, twoWrong).level).toBe('red-flags-safe');
    const missedLast = [
      ...base,
      done('toothache', true),
      done('new-in-town', true),
      done('dad-in-the-car', false, true),
    ];
    expect(assessProgress(scenarios, missedLast).level).toBe('in-training');
  });

  it('is not "Competent" until every scenario is done, and ignores unknown scenarios', () => {
    const attempts = ['dad-in-the-car', 'want-to-end-it-all', 'sore-throat', 'toothache', 'retired-card'].map(
      (k) => done(k, true),
    );
    expect(assessProgress(scenarios, attempts)).toMatchObject({ level: 'red-flags-safe', completed: 4 });
    expect(assessProgress(TRAINING_SCENARIOS, attempts).total).toBe(TRAINING_SCENARIOS.length);
  });
});

import { DEFAULT_PROTOCOL } from './default-protocol.ts';
import { RED_FLAG_ACTIONS, type NavigationProtocolContent } from './protocol.model.ts';
import { COMPETENCY_LABELS, COMPETENCY_LEVELS, type TrainingProgress } from './training-competency.ts';
import type { TrainingScenario } from './training-scenarios.ts';
import type { TrainingAttempt } from './training.repository.ts';
import { trainingOptions } from './training.service.ts';

// What the training pages show, from the domain: the scenario list with status, an attempt's step, and
// an attempt's result with the right answer and why.

export const CHANNEL_LABELS = { desk: 'At the desk', phone: 'On the phone' } as const;

export interface ScenarioRow {
  key: string;
  title: string;
  channel: string;
  status: { text: string; colour: string };
  attempts: number;
  action: string;
  button: string;
}

/**
 * The navigator's scenarios, with where each stands and what they can do next.
 * @param scenarios - the scenarios of the protocol in force
 * @param progress - their progress against them
 * @param open - keys of the scenarios they have an unfinished attempt at
 */
export function scenarioRows(
  scenarios: readonly TrainingScenario[],
  progress: TrainingProgress,
  open: ReadonlySet<string>,
): ScenarioRow[] {
  return scenarios.map((s) => {
    const p = progress.byScenario.get(s.key);
    let status = { text: 'Not tried', colour: 'grey' };
    if (p !== undefined && p.latest.missedRedFlag) {
      status = { text: 'Missed red flag', colour: 'red' };
    } else if (p !== undefined) {
      status = p.latest.correct
        ? { text: p.first.correct ? 'Right first time' : 'Right', colour: 'green' }
        : { text: 'Not right', colour: 'orange' };
    }
    return {
      key: s.key,
      title: s.title,
      channel: CHANNEL_LABELS[s.channel],
      status: open.has(s.key) ? { text: 'In progress', colour: 'blue' } : status,
      attempts: p?.attempts ?? 0,
      action: `/app/training/scenarios/${s.key}`,
      button: open.has(s.key) ? 'Continue' : p === undefined ? 'Start' : 'Try again',
    };
  });
}

/**
 * The competency summary shown to a navigator and their supervisor.
 * @param progress - their progress
 */
export function progressView(progress: TrainingProgress): Record<string, unknown> {
  const level = COMPETENCY_LABELS[progress.level];
  const colours = {
    'not-started': 'grey',
    'in-training': 'yellow',
    'red-flags-safe': 'blue',
    competent: 'green',
  };
  return {
    level: level.label,
    levelMeaning: level.meaning,
    levelColour: colours[progress.level],
    completed: progress.completed,
    total: progress.total,
    firstTry: progress.firstTryPercent === null ? 'None yet' : `${progress.firstTryPercent}%`,
    redFlags: `${progress.redFlagCaught} of ${progress.redFlagTotal}`,
    lastTrainedAt: progress.lastTrainedAt,
  };
}

/** The competency levels, in order, with what each means (shown on the training pages). */
export const LEVEL_LIST = COMPETENCY_LEVELS.map((level) => COMPETENCY_LABELS[level]);

const nameOf = (protocol: NavigationProtocolContent, key: string): string =>
  [...protocol.destinations, ...DEFAULT_PROTOCOL.destinations].find((d) => d.key === key)?.name ?? key;
const pickLabel = (protocol: NavigationProtocolContent, key: string): string =>
  [...protocol.quickPicks, ...DEFAULT_PROTOCOL.quickPicks].find((p) => p.key === key)?.label ?? key;

/**
 * The page of a step of an attempt that is not finished.
 * @param protocol - the attempt's protocol
 * @param attempt - the attempt
 */
export function stepView(
  protocol: NavigationProtocolContent,
  attempt: TrainingAttempt,
): Record<string, unknown> {
  const gp = protocol.destinations.find((d) => d.kind === 'gp' && d.enabled);
  return {
    redFlags: protocol.redFlags.map((f) => ({
      value: f.key,
      text: f.question,
      hint: { text: `If yes: ${RED_FLAG_ACTIONS[f.outcome].title}` },
    })),
    quickPicks: protocol.quickPicks.map((p) => ({ value: p.key, text: p.label })),
    options: trainingOptions(protocol, attempt.needPicks).map((d) => ({
      value: d.key,
      text: d.name,
      hint: { text: `${d.readAloud} How to get it: ${d.howToAccess}` },
    })),
    gpReadAloud: gp?.readAloud ?? null,
  };
}

/**
 * The result of a finished attempt: right or not, the right answer, why, and what was done.
 * @param protocol - the attempt's protocol
 * @param attempt - the finished attempt
 * @param scenario - its scenario
 */
export function resultView(
  protocol: NavigationProtocolContent,
  attempt: TrainingAttempt,
  scenario: TrainingScenario,
): Record<string, unknown> {
  const expected = scenario.answer;
  const raised =
    attempt.redFlagAnswer !== null && attempt.redFlagAnswer !== 'none' ? attempt.redFlagAnswer : null;
  const flag = protocol.redFlags.find((f) => f.key === attempt.redFlagKey);
  let yourAnswer = `Signposted to: ${nameOf(protocol, attempt.chosenDestination ?? '')}`;
  if (raised !== null) {
    const how =
      attempt.redFlagSource === 'free-text'
        ? `The red-flag check caught it in the words you typed (“${attempt.needText ?? ''}”)`
        : 'You raised it on the red-flag check';
    yourAnswer = `Red flag: ${RED_FLAG_ACTIONS[raised].title}. ${how}${flag === undefined ? '' : `: ${flag.question}`}`;
  }
  const rightAnswer =
    expected.kind === 'red-flag'
      ? {
          title: `Red flag: ${RED_FLAG_ACTIONS[expected.outcome].title}`,
          detail: DEFAULT_PROTOCOL.redFlags.find((f) => f.key === expected.flag)?.question ?? null,
        }
      : {
          title: `No red flag. ${expected.destinations.map((d) => nameOf(protocol, d)).join(' or ')}`,
          detail: `Quick pick: ${expected.quickPicks.map((p) => pickLabel(protocol, p)).join(', ')}`,
        };
  return {
    correct: attempt.correct === true,
    missedRedFlag: attempt.missedRedFlag === true,
    yourAnswer,
    yourPicks: attempt.needPicks.map((p) => pickLabel(protocol, p)).join(', '),
    rightAnswer,
    why: scenario.why,
    action: raised === null ? null : RED_FLAG_ACTIONS[raised],
    tryAgain: `/app/training/scenarios/${scenario.key}`,
  };
}

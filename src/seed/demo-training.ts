import type { Insertable, Kysely } from 'kysely';
import type { Database } from '../db/database.ts';
import { findProtocolInForce } from '../modules/navigation/protocol.repository.ts';
import { scoreAttempt, type AttemptAnswer } from '../modules/navigation/training-competency.ts';
import { scenariosFor, type TrainingScenario } from '../modules/navigation/training-scenarios.ts';
import type { TrainingAttemptTable } from '../modules/navigation/training.tables.ts';
import { DemoRandom, demoId } from './demo-random.ts';

// Demo navigator training (issue #5): the demo navigators get a believable mix of completed attempts over
// the last few weeks against the PCN's protocol in force. Navigators take turns at four profiles: one
// competent (every scenario, a few wrong first time and then right), one red-flags safe (every red-flag
// scenario and some others, one red flag missed and then caught), one in training (a handful done, a
// hidden red flag still missed), one not started.
// Idempotent: attempt ids are deterministic and existing ones are left alone (completed attempts are final).

type Profile = 'competent' | 'red-flags-safe' | 'in-training' | 'not-started';
const PROFILES: readonly Profile[] = ['competent', 'red-flags-safe', 'in-training', 'not-started'];
const DAY_MS = 86_400_000;

/** What a navigator who misses a hidden red flag does instead: the routine pick and destination it hides behind. */
const TEMPTING_MISSES: Readonly<Record<string, [string, string]>> = {
  'want-to-end-it-all': ['mental-wellbeing', 'talking-therapies'],
  'repeat-and-tight-chest': ['medication', 'community-pharmacy'],
  'hay-fever-and-tongue': ['minor-illness', 'community-pharmacy'],
  'bleach-in-the-eye': ['eyes', 'optometrist'],
};

interface Planned {
  scenario: TrainingScenario;
  right: boolean;
}

function answerFor(scenario: TrainingScenario, right: boolean): AttemptAnswer & { picks: string[] } {
  const a = scenario.answer;
  if (a.kind === 'red-flag') {
    const [pick, destination] = TEMPTING_MISSES[scenario.key] ?? ['something-else', 'gp'];
    return right
      ? { redFlagAnswer: a.outcome, chosenDestination: null, picks: [] }
      : { redFlagAnswer: 'none', chosenDestination: destination, picks: [pick] };
  }
  const wrong = a.destinations.includes('gp') ? 'link-worker' : 'gp';
  return {
    redFlagAnswer: 'none',
    chosenDestination: right ? (a.destinations[0] ?? 'gp') : wrong,
    picks: [...a.quickPicks],
  };
}

function plan(profile: Profile, scenarios: readonly TrainingScenario[], random: DemoRandom): Planned[][] {
  const redFlags = scenarios.filter((s) => s.answer.kind === 'red-flag');
  const signposts = scenarios.filter((s) => s.answer.kind === 'signpost');
  const missable = redFlags.filter((s) => s.key in TEMPTING_MISSES);
  const attempts = (s: TrainingScenario, rightFirst: boolean, retry: boolean): Planned[] =>
    rightFirst
      ? [{ scenario: s, right: true }]
      : [{ scenario: s, right: false }, ...(retry ? [{ scenario: s, right: true }] : [])];
  switch (profile) {
    case 'competent': {
      const wrongFirst = new Set(random.sample(signposts, 3).map((s) => s.key));
      return scenarios.map((s) => attempts(s, !wrongFirst.has(s.key), true));
    }
    case 'red-flags-safe': {
      const missedOnce = random.pick(missable).key;
      const wrong = new Set(random.sample(signposts, 2).map((s) => s.key));
      return [
        ...redFlags.map((s) => attempts(s, s.key !== missedOnce, true)),
        ...random
          .sample(signposts, Math.ceil(signposts.length / 2))
          .map((s) => attempts(s, !wrong.has(s.key), false)),
      ];
    }
    case 'in-training': {
      const missed = random.pick(missable);
      return [
        attempts(missed, false, false),
        ...random
          .sample(
            redFlags.filter((s) => s !== missed),
            2,
          )
          .map((s) => attempts(s, true, false)),
        ...random.sample(signposts, 5).map((s) => attempts(s, random.chance(0.7), false)),
      ];
    }
    case 'not-started':
      return [];
  }
}

function rows(
  tenantId: string,
  navigator: { userId: string; protocolId: string; now: Date },
  planned: Planned[][],
  random: DemoRandom,
): Insertable<TrainingAttemptTable>[] {
  const total = planned.flat().length;
  let at = navigator.now.getTime() - random.int(21, 35) * DAY_MS;
  const step = total === 0 ? 0 : (navigator.now.getTime() - 2 * DAY_MS - at) / total;
  const shuffled = planned
    .map((group) => ({ group, order: random.next() }))
    .sort((a, b) => a.order - b.order)
    .flatMap(({ group }) => group.map((p, n) => ({ ...p, n })));
  return shuffled.map((p) => {
    const answer = answerFor(p.scenario, p.right);
    const score = scoreAttempt(p.scenario, answer);
    const flag =
      p.scenario.answer.kind === 'red-flag' && answer.redFlagAnswer !== 'none' ? p.scenario.answer : null;
    at += step;
    const startedAt = new Date(at - random.int(60, 240) * 1000);
    return {
      tenant_id: tenantId,
      id: demoId(tenantId, 'training-attempt', `${navigator.userId}:${p.scenario.key}:${String(p.n)}`),
      user_id: navigator.userId,
      scenario_key: p.scenario.key,
      protocol_id: navigator.protocolId,
      started_at: startedAt,
      step: 'done' as const,
      red_flag_answer: answer.redFlagAnswer,
      red_flag_key: flag?.flag ?? null,
      red_flag_source: flag === null ? null : flag.hidden ? ('free-text' as const) : ('screen' as const),
      need_picks: answer.picks,
      chosen_destination: answer.chosenDestination,
      correct: score.correct,
      missed_red_flag: score.missedRedFlag,
      completed_at: new Date(at),
    };
  });
}

/**
 * Gives the demo navigators a believable mix of completed training attempts.
 * @param db - the database
 * @param tenantId - the tenant
 * @param navigators - the navigators' user ids, in a stable order (each takes the next profile in turn)
 * @param now - the seeding moment (attempts fall in the weeks before it)
 * @returns how many attempts were written (0 on a second run)
 */
export async function seedDemoTraining(
  db: Kysely<Database>,
  tenantId: string,
  navigators: readonly string[],
  now: Date = new Date(),
): Promise<number> {
  const protocol = await findProtocolInForce(db, tenantId, null);
  const scenarios = scenariosFor(protocol.content);
  const all = navigators.flatMap((userId, i) => {
    const random = new DemoRandom(`training:${tenantId}:${userId}`);
    const profile = PROFILES[i % PROFILES.length] ?? 'not-started';
    return rows(tenantId, { userId, protocolId: protocol.id, now }, plan(profile, scenarios, random), random);
  });
  if (all.length === 0) {
    return 0;
  }
  const result = await db
    .insertInto('training_attempt')
    .values(all)
    .onConflict((oc) => oc.columns(['tenant_id', 'id']).doNothing())
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0);
}

import type { ReferralSource, ReferralUrgency } from '../modules/referrals/referral.service.ts';
import type { TriageDeclineReason } from '../modules/referrals/triage.service.ts';
import { addDays, addWorkingDays, londonDate } from '../modules/casework/working-days.ts';
import { DemoNhsNumbers, buildDemoPerson } from './demo-casework-people.ts';
import { RISK_NOTES } from './demo-casework-people.data.ts';
import {
  DECLINE_NOTES,
  DISCHARGE_SUMMARIES,
  FLAGGED_REASON,
  FLAGGED_RISK,
  REASONS,
  REDIRECTED_TO,
  RELATED_NEEDS,
  SAFEGUARDING,
} from './demo-casework-words.data.ts';
import {
  buildContacts,
  buildOnward,
  buildPlan,
  demoClock,
  DISCHARGE_MIX,
  workingDayOnOrBefore,
  type DemoClock,
} from './demo-casework-episode.ts';
import type {
  DemoContact,
  DemoPerson,
  DemoReferral,
  DemoStage,
  DemoStory,
  StaffKey,
} from './demo-casework.types.ts';
import { DemoRandom } from './demo-random.ts';
import type { VenuePostcodes } from './demo-venues.ts';

// The demo caseload (pure and deterministic for a seeding moment): 300 referrals to the PCN's four link
// workers at every stage, relative to the seeding day. Stories are in an order the seed can write them in:
// discharged first (a few of those people are referred again later), new referrals last.

export const DEMO_STAGE_COUNTS: readonly (readonly [DemoStage, number])[] = [
  ['discharged', 96],
  ['declined', 16],
  ['redirected', 8],
  ['active', 120],
  ['allocated', 18],
  ['waiting', 14],
  ['new', 28],
];

export const DEMO_LINK_WORKERS = ['lw1', 'lw2', 'lw3', 'lw4'] as const;
type LinkWorker = (typeof DEMO_LINK_WORKERS)[number];

/** The practices each link worker mostly covers (they all work PCN-wide). */
const WORKER_PRACTICES: Record<LinkWorker, readonly string[]> = {
  lw1: ['weetwood-green', 'headingley-lane'],
  lw2: ['kirkstall-bridge', 'headingley-lane'],
  lw3: ['horsforth-moor', 'aireborough'],
  lw4: ['wharfe-valley', 'aireborough'],
};
const PRACTICES = [
  'weetwood-green',
  'kirkstall-bridge',
  'headingley-lane',
  'horsforth-moor',
  'aireborough',
  'wharfe-valley',
];
const CLINICIAN_AT: Record<string, StaffKey> = {
  'weetwood-green': 'gp1',
  'kirkstall-bridge': 'gp2',
  'headingley-lane': 'nurse',
  'horsforth-moor': 'gp3',
  aireborough: 'gp3',
  'wharfe-valley': 'gp1',
};

const NEED_WEIGHTS: readonly [string, number][] = [
  ['loneliness', 18],
  ['mental_wellbeing', 12],
  ['money_debt', 10],
  ['housing', 8],
  ['physical_activity', 8],
  ['benefits', 7],
  ['carer_support', 7],
  ['bereavement', 7],
  ['long_term_condition', 6],
  ['employment', 4],
  ['healthy_eating', 3],
  ['community_groups', 3],
  ['digital_inclusion', 3],
  ['substance_use', 2],
  ['domestic_abuse', 2],
  ['legal_advice', 1],
];

const DECLINES: readonly TriageDeclineReason[] = [
  'declined_by_patient',
  'not_eligible',
  'declined_by_patient',
  'needs_clinical_care',
  'declined_by_patient',
  'unable_to_contact',
  'other',
  'declined_by_patient',
  'not_eligible',
  'duplicate',
  'declined_by_patient',
  'needs_clinical_care',
  'unable_to_contact',
  'declined_by_patient',
  'not_eligible',
  'other',
];

/** Returning people: [stage, index in stage] referred again, and the discharged story (by index) they were. */
const RETURNING: readonly { stage: DemoStage; index: number; was: number }[] = [
  { stage: 'new', index: 1, was: 0 },
  { stage: 'new', index: 2, was: 1 },
  { stage: 'active', index: 6, was: 2 },
];

interface Context {
  clock: DemoClock;
  nhsNumbers: DemoNhsNumbers;
  postcodes: VenuePostcodes;
  people: Map<string, DemoPerson>;
  keys: string[];
  onwardPath: number;
}

function needsFor(rng: DemoRandom): string[] {
  const total = NEED_WEIGHTS.reduce((sum, [, w]) => sum + w, 0);
  let roll = rng.next() * total;
  const main = NEED_WEIGHTS.find(([, w]) => (roll -= w) < 0)?.[0] ?? 'loneliness';
  return [main, ...rng.sample(RELATED_NEEDS[main] ?? [], rng.int(0, 2))];
}

/** `days` working days after `from`, but never on or after `before` (then `from` itself). */
function laterWorkingDay(from: string, days: number, before: string): string {
  for (let d = days; d > 0; d--) {
    const day = addWorkingDays(from, d);
    if (day < before) {
      return day;
    }
  }
  return from;
}

function sourceFor(
  rng: DemoRandom,
  practiceKey: string,
  worker: StaffKey | null,
): {
  source: ReferralSource;
  referrer: StaffKey | null;
} {
  const roll = rng.next();
  if (roll < 0.1) {
    return { source: 'self', referrer: null };
  }
  if (roll < 0.28) {
    return { source: 'care-navigator', referrer: practiceKey === 'aireborough' ? 'nav2' : 'nav1' };
  }
  if (roll < 0.33) {
    return { source: 'vcse', referrer: 'provider' };
  }
  if (roll < 0.37) {
    return { source: 'practice-staff', referrer: worker ?? 'lw1' };
  }
  if (roll < 0.39) {
    return { source: 'housing', referrer: null };
  }
  return { source: 'clinician', referrer: CLINICIAN_AT[practiceKey] ?? 'gp1' };
}

function urgencyFor(rng: DemoRandom, stage: DemoStage, index: number): ReferralUrgency {
  if (stage === 'new') {
    return index <= 3 ? 'urgent' : index <= 9 ? 'soon' : 'routine';
  }
  const roll = rng.next();
  return roll < 0.07 ? 'urgent' : roll < 0.25 ? 'soon' : 'routine';
}

function referralFor(
  rng: DemoRandom,
  person: DemoPerson,
  story: { stage: DemoStage; index: number; receivedOn: string; worker: StaffKey | null; ctx: Context },
): DemoReferral {
  const flagged = story.stage === 'new' && story.index === 0;
  const needs = flagged ? ['housing', 'mental_wellbeing'] : needsFor(rng);
  const { source, referrer } = sourceFor(rng, person.practiceKey, story.worker);
  const receivedOn = source === 'self' ? story.receivedOn : workingDayOnOrBefore(story.receivedOn);
  return {
    receivedAt: story.ctx.clock.at(receivedOn, rng),
    source,
    referrer,
    practiceKey: person.practiceKey,
    reason: flagged ? FLAGGED_REASON : rng.pick(REASONS[needs[0] ?? 'loneliness'] ?? []),
    needs,
    urgency: flagged ? 'urgent' : urgencyFor(rng, story.stage, story.index),
    riskInformation: flagged ? FLAGGED_RISK : rng.chance(0.15) ? rng.pick(RISK_NOTES) : null,
    smsConsent: person.preferredContact === 'sms' || rng.chance(0.4),
    emailConsent: person.email !== null && rng.chance(0.7),
  };
}

function empty(
  key: string,
  stage: DemoStage,
  person: DemoStory['person'],
  referral: DemoReferral,
): DemoStory {
  return {
    key,
    stage,
    person,
    referral,
    triage: null,
    worker: null,
    contacts: [],
    plan: null,
    onward: [],
    safeguarding: null,
    discharge: null,
  };
}

/** How far back each stage's referrals were received (calendar days before the seeding day). */
const RECEIVED_DAYS_AGO: Record<DemoStage, [number, number]> = {
  discharged: [60, 420],
  declined: [10, 360],
  redirected: [10, 300],
  active: [20, 170],
  allocated: [3, 20],
  waiting: [5, 25],
  new: [0, 12],
};

function triagedBy(rng: DemoRandom, worker: StaffKey | null): StaffKey {
  return rng.chance(0.6) ? 'manager' : (worker ?? 'lw1');
}

function buildStory(ctx: Context, stage: DemoStage, index: number): DemoStory {
  const key = `s${String(ctx.keys.length + 1).padStart(3, '0')}`;
  const rng = new DemoRandom(`demo-casework:${key}`);
  const { today } = ctx.clock;
  const allocates = stage === 'discharged' || stage === 'active' || stage === 'allocated';
  const worker: LinkWorker | null = allocates ? (DEMO_LINK_WORKERS[index % 4] ?? 'lw1') : null;
  const returning = RETURNING.find((r) => r.stage === stage && r.index === index);
  const earlierKey = returning === undefined ? undefined : ctx.keys[returning.was];
  const earlier = earlierKey === undefined ? undefined : ctx.people.get(earlierKey);
  const practiceKey = rng.pick(worker === null ? PRACTICES : WORKER_PRACTICES[worker]);
  const person =
    earlier ??
    buildDemoPerson(rng, {
      key,
      index: ctx.keys.length,
      practiceKey,
      today,
      selfReferred: false,
      nhsNumbers: ctx.nhsNumbers,
      postcodes: ctx.postcodes,
    });
  ctx.people.set(key, person);
  ctx.keys.push(key);
  const [near, far] = stage === 'discharged' && index < 3 ? [380, 420] : RECEIVED_DAYS_AGO[stage];
  const receivedOn = addDays(today, -rng.int(near, far));
  const referral = referralFor(rng, person, { stage, index, receivedOn, worker, ctx });
  const story = empty(key, stage, earlierKey === undefined ? person : { sameAs: earlierKey }, referral);
  if (referral.source === 'self' && earlier === undefined) {
    person.nhsNumberStatus = '02';
  }
  return stage === 'new' ? story : triage(ctx, rng, { story, stage, index, worker });
}

function triage(
  ctx: Context,
  rng: DemoRandom,
  s: { story: DemoStory; stage: DemoStage; index: number; worker: LinkWorker | null },
): DemoStory {
  const { story, stage, index, worker } = s;
  const received = londonDate(story.referral.receivedAt);
  const on = laterWorkingDay(received, rng.int(1, stage === 'declined' ? 4 : 3), ctx.clock.today);
  const at = ctx.clock.at(on, rng);
  const by = triagedBy(rng, worker);
  if (stage === 'declined') {
    const reason = DECLINES[index % DECLINES.length] ?? 'other';
    const note = reason === 'other' ? (DECLINE_NOTES[index % DECLINE_NOTES.length] ?? null) : null;
    return { ...story, triage: { at, by, decision: { kind: 'decline', reason, note } } };
  }
  if (stage === 'redirected') {
    const to = REDIRECTED_TO[index % REDIRECTED_TO.length] ?? 'Another service';
    return { ...story, triage: { at, by, decision: { kind: 'redirect', to } } };
  }
  const accepted = { ...story, worker, triage: { at, by, decision: { kind: 'accept' as const, worker } } };
  return worker === null ? accepted : episode(ctx, rng, { story: accepted, stage, index, allocatedOn: on });
}

function episode(
  ctx: Context,
  rng: DemoRandom,
  e: { story: DemoStory; stage: DemoStage; index: number; allocatedOn: string },
): DemoStory {
  const { story, stage, index, allocatedOn } = e;
  const { today } = ctx.clock;
  if (stage === 'allocated') {
    const attempt = laterWorkingDay(allocatedOn, rng.int(1, 3), today);
    const missed = index % 4 === 0 && attempt > allocatedOn;
    return missed
      ? {
          ...story,
          contacts: buildContacts(rng, {
            allocatedOn,
            before: addDays(attempt, 1),
            count: 1,
            neverEngaged: true,
          }),
        }
      : story;
  }
  const discharged = stage === 'discharged';
  const neverEngaged = discharged && index % 32 === 7;
  const contacts = nextContactAgreed(
    rng,
    buildContacts(rng, {
      allocatedOn,
      before: discharged ? addDays(today, -5) : today,
      count: discharged ? rng.int(3, 10) : 12,
      neverEngaged,
    }),
    discharged ? null : today,
  );
  const lastDay = contacts.at(-1)?.date ?? allocatedOn;
  const dischargeOn = discharged ? minDay(addDays(lastDay, rng.int(1, 10)), addDays(today, -3)) : null;
  const attended = contacts.filter((c) => !c.didNotAttend);
  const planDay = attended.at(1)?.date;
  const plan =
    planDay !== undefined && rng.chance(discharged ? 0.75 : 0.85)
      ? buildPlan(rng, { date: planDay, needs: story.referral.needs, today, open: !discharged })
      : null;
  const onward =
    plan !== null && rng.chance(0.65)
      ? buildOnward(rng, {
          clock: ctx.clock,
          planDate: plan.date,
          needs: story.referral.needs,
          count: rng.int(1, 2),
          path: (ctx.onwardPath += 2),
          before: dischargeOn ?? today,
        })
      : [];
  const reason = neverEngaged ? 'unable_to_contact' : rng.pick(DISCHARGE_MIX);
  return {
    ...story,
    contacts,
    plan,
    onward,
    safeguarding: safeguardingFor(ctx, rng, { stage, index, contacts: attended.map((c) => c.date) }),
    discharge:
      dischargeOn === null
        ? null
        : { at: ctx.clock.at(dischargeOn, rng), reason, summary: DISCHARGE_SUMMARIES[reason] ?? '' },
  };
}

function minDay(a: string, b: string): string {
  return a <= b ? a : b;
}

/**
 * On an open case, the next contact agreed at the last one falls mostly in the coming fortnight, a few days
 * overdue for some (so the dashboard's "needs contact" list is a handful, not half the caseload).
 */
function nextContactAgreed(rng: DemoRandom, contacts: DemoContact[], today: string | null): DemoContact[] {
  const last = contacts.at(-1);
  if (today === null || last === undefined || last.didNotAttend) {
    return contacts;
  }
  const soonest = addDays(last.date, 2);
  const agreed = addDays(today, rng.int(-5, 14));
  return [...contacts.slice(0, -1), { ...last, nextDue: agreed < soonest ? soonest : agreed }];
}

function safeguardingFor(
  ctx: Context,
  rng: DemoRandom,
  s: { stage: DemoStage; index: number; contacts: string[] },
): DemoStory['safeguarding'] {
  const day = s.contacts.at(s.stage === 'discharged' ? 1 : -1);
  if (day === undefined) {
    return null;
  }
  // Open concerns for the first two link workers' first active cases; one resolved on a past case.
  if (s.stage === 'active' && s.index < 2) {
    const clinician = s.index === 0 ? 'gp1' : 'gp2';
    return { at: ctx.clock.at(day, rng), description: SAFEGUARDING.open, clinician, resolved: null };
  }
  if (s.stage === 'discharged' && s.index === 10) {
    const resolvedOn = addDays(day, 3);
    return {
      at: ctx.clock.at(day, rng),
      description: SAFEGUARDING.resolved,
      clinician: 'gp2',
      resolved: { at: ctx.clock.at(resolvedOn, rng), resolution: SAFEGUARDING.resolution },
    };
  }
  return null;
}

/**
 * The whole demo caseload for a seeding moment.
 * @param options - the seeding moment and the venue postcode lookup
 */
export function buildDemoStories(options: { now: Date; postcodes: VenuePostcodes }): DemoStory[] {
  const today = londonDate(options.now);
  const ctx: Context = {
    clock: demoClock(options.now, today),
    nhsNumbers: new DemoNhsNumbers(new DemoRandom('demo-casework:nhs-numbers')),
    postcodes: options.postcodes,
    people: new Map(),
    keys: [],
    onwardPath: 0,
  };
  return DEMO_STAGE_COUNTS.flatMap(([stage, count]) =>
    Array.from({ length: count }, (_, index) => buildStory(ctx, stage, index)),
  );
}

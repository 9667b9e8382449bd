import type { ContactMode } from '../modules/casework/casework.tables.ts';
import type {
  DischargeReason,
  OnwardDeclineReason,
  PcspCriterion,
} from '../modules/casework/casework.vocabulary.ts';
import { PCSP_CRITERION_KEYS } from '../modules/casework/casework.vocabulary.ts';
import { addDays, addWorkingDays, isWorkingDay } from '../modules/casework/working-days.ts';
import {
  FIRST_CONTACT_NOTES,
  FOLLOW_UP_NOTES,
  GOALS,
  MISSED_NOTES,
  ONWARD_REASONS,
  WHAT_MATTERS,
} from './demo-casework-words.data.ts';
import type { DemoContact, DemoOnward, DemoOnwardStep, DemoPlan } from './demo-casework.types.ts';
import type { DemoRandom } from './demo-random.ts';

// The parts of a demo episode after acceptance (pure): contacts, the plan with goals and actions, onward
// referrals with their closed-loop statuses (DOMAIN.md 3.6). Dates are 'YYYY-MM-DD' in England; instants
// are made by the clock, which keeps every one of them before the seeding moment.

/** The seeding day and a way to make instants on a day, never later than the seeding moment. */
export interface DemoClock {
  today: string;
  at: (date: string, rng: DemoRandom) => Date;
}

/**
 * A clock for the seeding moment: instants on a day fall in working hours, capped at a minute before now.
 * @param now - the seeding moment
 * @param today - its day in England
 */
export function demoClock(now: Date, today: string): DemoClock {
  return {
    today,
    at: (date, rng) => {
      const minutes = rng.int(8 * 60 + 30, 16 * 60 + 30);
      const hh = String(Math.floor(minutes / 60)).padStart(2, '0');
      const mm = String(minutes % 60).padStart(2, '0');
      const instant = new Date(`${date}T${hh}:${mm}:00Z`);
      return instant < now ? instant : new Date(now.getTime() - 60_000);
    },
  };
}

/**
 * The working day on or before a date.
 * @param date - 'YYYY-MM-DD'
 */
export function workingDayOnOrBefore(date: string): string {
  let day = date;
  while (!isWorkingDay(day)) {
    day = addDays(day, -1);
  }
  return day;
}

const MINUTES: Record<ContactMode, [number, number]> = {
  'face-to-face': [40, 60],
  phone: [10, 30],
  video: [25, 45],
  'home-visit': [60, 90],
  group: [90, 120],
};

function contact(rng: DemoRandom, date: string, kind: 'first' | 'follow-up' | 'missed'): DemoContact {
  const mode: ContactMode =
    kind === 'first'
      ? rng.pick(['face-to-face', 'phone', 'home-visit'])
      : rng.pick(['face-to-face', 'face-to-face', 'phone', 'phone', 'home-visit', 'video', 'group']);
  const [low, high] = MINUTES[mode];
  return {
    date,
    mode,
    minutes: kind === 'missed' ? 0 : rng.int(low, high),
    didNotAttend: kind === 'missed',
    notes:
      kind === 'first'
        ? rng.pick(FIRST_CONTACT_NOTES)
        : kind === 'missed'
          ? rng.pick(MISSED_NOTES)
          : rng.pick(FOLLOW_UP_NOTES),
    nextDue: addDays(date, kind === 'missed' ? rng.int(2, 5) : rng.int(7, 21)),
  };
}

/**
 * The contacts of an episode: maybe a missed first attempt, the first attended contact, then contacts
 * every one to three weeks (some missed) while `before` allows and until `count` is reached.
 * @param rng - the random source
 * @param options - allocation day, the first day nothing may happen on, how many contacts at most, and
 *   whether the person never engaged (only missed contacts)
 */
export function buildContacts(
  rng: DemoRandom,
  options: { allocatedOn: string; before: string; count: number; neverEngaged?: boolean },
): DemoContact[] {
  const contacts: DemoContact[] = [];
  let day = addWorkingDays(options.allocatedOn, rng.int(1, 3));
  if (options.neverEngaged === true || rng.chance(0.15)) {
    while (day < options.before && contacts.length < (options.neverEngaged === true ? 3 : 1)) {
      contacts.push(contact(rng, day, 'missed'));
      day = addWorkingDays(day, rng.int(2, 5));
    }
  }
  if (options.neverEngaged === true) {
    return contacts;
  }
  day = addWorkingDays(day, rng.int(0, 5));
  let first = true;
  while (day < options.before && contacts.length < options.count) {
    contacts.push(contact(rng, day, first ? 'first' : rng.chance(0.1) ? 'missed' : 'follow-up'));
    first = false;
    day = workingDayOnOrBefore(addDays(day, rng.int(7, 21)));
  }
  return contacts;
}

function criteria(rng: DemoRandom): PcspCriterion[] {
  if (rng.chance(0.75)) {
    return [...PCSP_CRITERION_KEYS];
  }
  // Never without the person at the centre; one or two of the others not yet met.
  const missing = rng.sample(PCSP_CRITERION_KEYS.slice(1), rng.int(1, 2));
  return PCSP_CRITERION_KEYS.filter((k) => !missing.includes(k));
}

/**
 * A personalised care and support plan written on `date`: what matters, goals for the main needs with
 * actions (due dates after the plan; some done, some overdue by the seeding day). The plan of an open case
 * whose first review date has passed was reviewed: it shows the next review date.
 * @param rng - the random source
 * @param options - the day, the needs (the first is the main one), the seeding day, and whether the case
 *   is still open
 */
export function buildPlan(
  rng: DemoRandom,
  options: { date: string; needs: string[]; today: string; open: boolean },
): DemoPlan {
  const chosen = criteria(rng);
  const needs = options.needs.slice(0, rng.chance(0.5) ? 2 : 1);
  const firstReview = addDays(options.date, rng.int(42, 70));
  const reviewDate =
    options.open && firstReview < options.today ? addDays(options.today, rng.int(-7, 42)) : firstReview;
  return {
    date: options.date,
    whatMatters: WHAT_MATTERS[options.needs[0] ?? 'loneliness'] ?? 'Feeling more like myself again.',
    needs: options.needs,
    criteria: chosen,
    reviewDate,
    agreed: chosen.length === PCSP_CRITERION_KEYS.length || rng.chance(0.5),
    sharedWith: rng.chance(0.4) ? ['person', 'gp', 'referrer'] : ['person', 'gp'],
    goals: needs.flatMap((need) => {
      const words = GOALS[need];
      if (words === undefined) {
        return [];
      }
      return [
        {
          text: words.goal,
          actions: words.actions.map((a) => {
            const due = addDays(options.date, rng.int(7, 42));
            // Most actions long past their date are done; recent ones less often.
            const done = due < options.today && rng.chance(due < addDays(options.today, -21) ? 0.9 : 0.6);
            return { ...a, due, doneOn: done ? addDays(due, -rng.int(0, 5)) : null };
          }),
        },
      ];
    }),
  };
}

/** Closed-loop paths an onward referral takes after 'sent', each with the days each step comes after the last. */
const PATHS: readonly (readonly [DemoOnwardStep['status'], number][])[] = [
  [],
  [['accepted', 3]],
  [
    ['accepted', 3],
    ['attended', 9],
  ],
  [
    ['accepted', 2],
    ['attended', 8],
    ['completed', 42],
  ],
  [['waitlisted', 4]],
  [['declined', 5]],
  [
    ['accepted', 3],
    ['not_attended', 10],
  ],
  [['cancelled', 6]],
  [
    ['waitlisted', 4],
    ['accepted', 20],
    ['attended', 10],
  ],
];

const DECLINES: readonly OnwardDeclineReason[] = [
  'at_capacity',
  'not_eligible',
  'out_of_area',
  'unable_to_contact',
];

function steps(rng: DemoRandom, clock: DemoClock, from: string, path: number): DemoOnwardStep[] {
  const result: DemoOnwardStep[] = [];
  let day = from;
  for (const [status, after] of PATHS[path % PATHS.length] ?? []) {
    day = addDays(day, after + rng.int(0, 3));
    if (day >= clock.today) {
      break;
    }
    result.push({
      status,
      at: clock.at(day, rng),
      declineReason: status === 'declined' ? rng.pick(DECLINES) : null,
      weeks: status === 'waitlisted' ? rng.int(2, 8) : null,
      note: status === 'cancelled' ? 'The person decided not to go ahead for now.' : null,
    });
  }
  // A referral the provider never answered is marked expired once its 14-day deadline passes.
  const sentOnly = result.length === 0;
  const overdue = addDays(from, 15);
  if (sentOnly && overdue < clock.today) {
    result.push({
      status: 'expired',
      at: clock.at(overdue, rng),
      declineReason: null,
      weeks: null,
      note: null,
    });
  }
  return result;
}

/**
 * Onward referrals and signposts made after the plan, taking the given closed-loop paths in turn.
 * @param rng - the random source
 * @param options - the clock, the day of the plan, the needs, how many, the index of the first path, and
 *   the first day none may be made on (the discharge)
 */
export function buildOnward(
  rng: DemoRandom,
  options: {
    clock: DemoClock;
    planDate: string;
    needs: string[];
    count: number;
    path: number;
    before: string;
  },
): DemoOnward[] {
  return options.needs.slice(0, options.count).flatMap((need, i) => {
    const day = addDays(options.planDate, rng.int(0, 7));
    if (day >= options.clock.today || day >= options.before) {
      return [];
    }
    return [
      {
        at: options.clock.at(day, rng),
        need,
        kind: rng.chance(0.7) ? ('referral' as const) : ('signpost' as const),
        reason: ONWARD_REASONS[need] ?? 'Support that matches what matters to them.',
        steps: steps(rng, options.clock, day, options.path + i),
      },
    ];
  });
}

/** Discharge reasons, weighted roughly as link workers report them. */
export const DISCHARGE_MIX: readonly DischargeReason[] = [
  'goals_met',
  'goals_met',
  'goals_met',
  'goals_met',
  'goals_met',
  'declined_further_support',
  'moved_away',
  'needs_clinical_care',
  'unable_to_contact',
  'other',
];

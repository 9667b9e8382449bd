import type { SignpostFields } from '../modules/directory/oruk/signpost-attributes.ts';
import type { CapacityStatus } from '../modules/directory/vocabulary.ts';
import type { ServiceStatus } from '../db/database.ts';
import type { DemoContact } from './demo-contacts.ts';
import type { DemoRandom } from './demo-random.ts';
import type { DemoService } from './demo.types.ts';

// A realistic spread of capacity and freshness: most services accepting and recently confirmed, some with
// waiting lists, a few paused or full, some whose capacity was last confirmed weeks ago (so it shows as
// unknown) and some listings not re-assured for over six months (so they show "needs checking").
// Dates are relative to a clock fixed to a day, so seeding twice on one day writes identical rows.

const DAY_MS = 86_400_000;

export interface DemoClock {
  /** Midnight UTC of the seeding day. */
  today: Date;
  /** A moment `days` days before today, at `minutes` past 08:00 UTC. */
  daysAgo: (days: number, minutes?: number) => Date;
  /** An assured date (YYYY-MM-DD): mostly within the last five months, one in seven over six months old. */
  assuredDate: (rng: DemoRandom) => string;
}

/**
 * A clock fixed to the day of `now`.
 * @param now - any moment of the seeding day
 */
export function demoClock(now: Date): DemoClock {
  const today = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()));
  const daysAgo = (days: number, minutes = 0): Date =>
    new Date(today.getTime() - days * DAY_MS + (8 * 60 + minutes) * 60_000);
  return {
    today,
    daysAgo,
    assuredDate: (rng) => {
      const days = rng.chance(1 / 7) ? rng.int(190, 420) : rng.int(3, 150);
      return daysAgo(days).toISOString().slice(0, 10);
    },
  };
}

interface CapacityChoice {
  status: CapacityStatus;
  waitWeeks: number | null;
  daysAgo: number;
}

function chooseCapacity(service: DemoService, rng: DemoRandom): CapacityChoice {
  const fresh = (): number => rng.int(0, 12);
  const r = rng.next();
  // One in eight: last confirmed 3 to 12 weeks ago, so it has aged to unknown.
  if (r < 0.125) {
    return { status: rng.chance(0.7) ? 'accepting' : 'waitlist', waitWeeks: null, daysAgo: rng.int(20, 85) };
  }
  // Drop-in groups do not run waiting lists or assessments.
  const dropIn = !service.referralRoutes.includes('direct_referral');
  if (r < 0.17) {
    return { status: 'paused', waitWeeks: null, daysAgo: rng.int(1, 10) };
  }
  if (r < 0.19) {
    return { status: 'closed', waitWeeks: null, daysAgo: rng.int(1, 12) };
  }
  if (!dropIn && r < 0.33) {
    return { status: 'waitlist', waitWeeks: rng.int(2, 14), daysAgo: fresh() };
  }
  if (!dropIn && r < 0.37) {
    return { status: 'assessment_required', waitWeeks: null, daysAgo: fresh() };
  }
  return { status: 'accepting', waitWeeks: null, daysAgo: fresh() };
}

/**
 * Signpost's own fields for a demo service.
 * @param input - the service, its contact, the clock and the service's random stream
 */
export function demoSignpostFields(input: {
  service: DemoService;
  contact: DemoContact;
  clock: DemoClock;
  rng: DemoRandom;
}): SignpostFields & { capacityUpdatedAt: Date } {
  const { service, contact, clock, rng } = input;
  const capacity = chooseCapacity(service, rng);
  return {
    capacityStatus: capacity.status,
    capacityWaitWeeks: capacity.status === 'waitlist' ? (capacity.waitWeeks ?? rng.int(2, 8)) : null,
    capacityUpdatedAt: clock.daysAgo(capacity.daysAgo, rng.int(0, 9 * 60)),
    capacityUpdatedBy: `${contact.name}, ${contact.title}`,
    deliveryModes: [...service.deliveryModes],
    referralRoutes: [...service.referralRoutes],
    needs: [...service.needs],
    accessCriteria: service.accessCriteria,
    redFlags: service.redFlags ?? null,
    listingOwner: contact.owner,
  };
}

const PAUSE_REASONS = [
  'while we recruit and train new volunteers',
  'while the venue is refurbished',
  'while a staff vacancy is filled',
  'while we work through the people already waiting',
];

/**
 * The ORUK status and alert text that go with a capacity status.
 * @param capacity - the recorded capacity
 * @param rng - the service's random stream
 * @param clock - the seeding clock
 */
export function demoStatusAndAlert(
  capacity: CapacityStatus,
  rng: DemoRandom,
  clock: DemoClock,
): { status: ServiceStatus; alert?: string } {
  if (capacity === 'paused') {
    const until = new Date(clock.today.getTime() + rng.int(4, 10) * 7 * DAY_MS);
    const month = new Intl.DateTimeFormat('en-GB', {
      month: 'long',
      year: 'numeric',
      timeZone: 'UTC',
    }).format(until);
    return {
      status: rng.chance(0.35) ? 'temporarily closed' : 'active',
      alert: `Not taking new people until ${month}, ${rng.pick(PAUSE_REASONS)}.`,
    };
  }
  if (capacity === 'closed') {
    return {
      status: 'active',
      alert: 'Full: not taking new members at the moment. Ask to join the waiting list for next term.',
    };
  }
  return { status: 'active' };
}

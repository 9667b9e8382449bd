import type { Gender, PreferredContact } from '../modules/people/people.service.ts';
import { nhsCheckDigit } from '../modules/people/nhs-number.ts';
import { DEMO_AREAS, DEMO_PRACTICES } from './demo-areas.data.ts';
import {
  COMMUNICATION_NEEDS,
  NAME_POOLS,
  PRACTICE_AREAS,
  type NamePool,
} from './demo-casework-people.data.ts';
import type { DemoRandom } from './demo-random.ts';
import type { DemoPerson } from './demo-casework.types.ts';
import type { VenuePostcodes } from './demo-venues.ts';

// Invented people for the demo caseload (pure and deterministic given the random source): names of
// varied backgrounds, ages weighted to those link workers see most, addresses on real roads of the areas
// around their practice with real postcodes of those areas, NHS numbers from the never-issued 999 range
// that pass modulus 11, and phone numbers from Ofcom's range for drama (07700 900000 to 900999).

const AGE_BANDS: readonly { from: number; to: number; weight: number }[] = [
  { from: 18, to: 29, weight: 12 },
  { from: 30, to: 44, weight: 15 },
  { from: 45, to: 64, weight: 30 },
  { from: 65, to: 79, weight: 28 },
  { from: 80, to: 96, weight: 15 },
];

function weighted<T extends { weight: number }>(rng: DemoRandom, items: readonly T[]): T {
  const total = items.reduce((sum, item) => sum + item.weight, 0);
  let roll = rng.next() * total;
  for (const item of items) {
    roll -= item.weight;
    if (roll < 0) {
      return item;
    }
  }
  return items[items.length - 1] ?? rng.pick(items);
}

/** Hands out distinct NHS numbers from 999 000 0000 to 999 999 9999 that pass the modulus 11 check. */
export class DemoNhsNumbers {
  private readonly used = new Set<string>();

  constructor(private readonly rng: DemoRandom) {}

  next(): string {
    for (;;) {
      const nine = `999${String(this.rng.int(0, 999_999)).padStart(6, '0')}`;
      const check = nhsCheckDigit(nine);
      const number = check === null ? null : `${nine}${String(check)}`;
      if (number !== null && !this.used.has(number)) {
        this.used.add(number);
        return number;
      }
    }
  }
}

function dateOfBirth(rng: DemoRandom, today: string): string {
  const band = weighted(rng, AGE_BANDS);
  const age = rng.int(band.from, band.to);
  const year = Number(today.slice(0, 4)) - age - 1;
  const dayOfYear = rng.int(0, 364);
  return new Date(Date.UTC(year, 0, 1 + dayOfYear)).toISOString().slice(0, 10);
}

function address(
  rng: DemoRandom,
  practiceKey: string,
  postcodes: VenuePostcodes,
  key: string,
): { addressLine1: string; town: string; postcode: string } {
  const home = rng.pick(PRACTICE_AREAS[practiceKey] ?? [{ area: 'headingley', town: 'Leeds' }]);
  const area = DEMO_AREAS.find((a) => a.key === home.area);
  const venue = rng.pick(area?.venues ?? DEMO_PRACTICES.map((p) => p.venue));
  const flat = rng.chance(0.2) ? `Flat ${String(rng.int(1, 12))}, ` : '';
  return {
    addressLine1: `${flat}${String(rng.int(1, 180))} ${venue.street}`,
    town: home.town,
    // A real postcode of the venue's sector, chosen by the person's key.
    postcode: postcodes.forVenue({ ...venue, key: `person:${key}` }).postcode,
  };
}

function emailFor(given: string, family: string): string {
  const clean = (s: string): string => s.toLowerCase().replace(/[^a-z]/g, '');
  return `${clean(given)}.${clean(family)}@example.com`;
}

function language(
  rng: DemoRandom,
  pool: NamePool,
): { preferredLanguage: string; interpreterNeeded: boolean } {
  if (pool.languages.length === 0 || !rng.chance(0.3)) {
    return { preferredLanguage: 'English', interpreterNeeded: false };
  }
  return { preferredLanguage: rng.pick(pool.languages), interpreterNeeded: rng.chance(0.5) };
}

/**
 * One invented person registered at a demo practice.
 * @param rng - the random source (one per person, seeded by their key)
 * @param options - the person's key and index, their practice, the seeding day, NHS numbers and postcodes
 */
export function buildDemoPerson(
  rng: DemoRandom,
  options: {
    key: string;
    index: number;
    practiceKey: string;
    today: string;
    selfReferred: boolean;
    nhsNumbers: DemoNhsNumbers;
    postcodes: VenuePostcodes;
  },
): DemoPerson {
  const pool = weighted(rng, NAME_POOLS);
  const gender: Gender = rng.chance(0.54) ? 'female' : 'male';
  const givenName = rng.pick(gender === 'female' ? pool.female : pool.male);
  const familyName = rng.pick(pool.family);
  const hasEmail = rng.chance(0.35);
  const preferredContact: PreferredContact =
    hasEmail && rng.chance(0.3) ? 'email' : rng.pick(['phone', 'sms']);
  return {
    nhsNumber: options.nhsNumbers.next(),
    // Numbers from a GP record are verified; one given on a self-referral form is not traced yet.
    nhsNumberStatus: options.selfReferred ? '02' : '01',
    givenName,
    familyName,
    preferredName: null,
    dateOfBirth: dateOfBirth(rng, options.today),
    gender: rng.chance(0.01) ? 'other' : gender,
    ethnicity: rng.pick(pool.ethnicity),
    ...address(rng, options.practiceKey, options.postcodes, options.key),
    addressLine2: null,
    phone: `07700 ${String(900_000 + (options.index % 1000))}`,
    email: hasEmail ? emailFor(givenName, familyName) : null,
    preferredContact,
    ...language(rng, pool),
    communicationNeeds: rng.chance(0.05) ? rng.pick(COMMUNICATION_NEEDS) : null,
    practiceKey: options.practiceKey,
  };
}

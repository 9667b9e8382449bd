import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Database } from '../../src/db/database.ts';
import type { OrukTaxonomyTerm } from '../../src/modules/directory/oruk/oruk.schema.ts';
import { upsertTaxonomies } from '../../src/modules/directory/taxonomy.repository.ts';
import { createTestService } from './builders.ts';

// Named directory fixtures shared by the page integration tests, the axe checks and the screenshots
// (STYLE.md 31): the same services in every state, so a screenshot shows what the tests assert.

const DAY_MS = 86_400_000;

function isoDate(daysAgo: number, now: Date): string {
  return new Date(now.getTime() - daysAgo * DAY_MS).toISOString().slice(0, 10);
}

export interface DirectoryFixtures {
  /** Everything filled in: alert, red flags, phones, schedules, cost, capacity updated 2 days ago. */
  friendshipCafe: string;
  /** Waiting list, phone and video, a paid option. */
  moneyAdvice: string;
  /** Capacity last updated 30 days ago (so "Capacity unknown"), listing not checked for two years. */
  walkingGroup: string;
  /** Online and by phone only. */
  carersHelpline: string;
  /** Only the required fields: no organisation, description, location, schedule or contact. */
  minimal: string;
  /** How many services exist in total. */
  total: number;
  /** Service-type terms (a local taxonomy, two levels), by their code. */
  serviceTypes: {
    /** Group; the walking group is tagged with it directly. */
    connection: string;
    /** Under `connection`; the friendship café. */
    socialGroups: string;
    /** Group. */
    advice: string;
    /** Under `advice`; the money advice service. */
    debtAdvice: string;
  };
}

/** A two-level local service-type taxonomy, like the demo seed's `localServiceType`. */
async function seedServiceTypes(
  db: Kysely<Database>,
  tenantId: string,
): Promise<DirectoryFixtures['serviceTypes']> {
  const ids = {
    connection: randomUUID(),
    socialGroups: randomUUID(),
    advice: randomUUID(),
    debtAdvice: randomUUID(),
  };
  const term = (id: string, code: string, name: string, parentId?: string): OrukTaxonomyTerm => ({
    id,
    code,
    term: code,
    name,
    description: `${name}.`,
    taxonomy: 'localServiceType',
    ...(parentId === undefined ? {} : { parent_id: parentId }),
  });
  await upsertTaxonomies(db, tenantId, [
    {
      id: randomUUID(),
      name: 'localServiceType',
      description: 'Service types for page tests.',
      taxonomy_terms: [
        term(ids.connection, 'connection', 'Social connection'),
        term(ids.advice, 'advice', 'Advice and money'),
        term(ids.socialGroups, 'social-group', 'Social groups', ids.connection),
        term(ids.debtAdvice, 'debt', 'Debt advice', ids.advice),
      ],
    },
  ]);
  return ids;
}

function tagged(termId: string): { id: string; taxonomy_term_id: string }[] {
  return [{ id: randomUUID(), taxonomy_term_id: termId }];
}

/** How many extra "Community Gardening Club" services pad the directory so results run to two pages. */
export const GARDENING_CLUBS = 22;

/**
 * Seeds the named services (plus GARDENING_CLUBS padding services) for page tests.
 * @param db - the database
 * @param tenantId - the tenant
 * @param now - the clock the app under test uses
 */
export async function seedDirectoryFixtures(
  db: Kysely<Database>,
  tenantId: string,
  now: Date = new Date(),
): Promise<DirectoryFixtures> {
  const serviceTypes = await seedServiceTypes(db, tenantId);
  const friendshipCafe = await createTestService(db, tenantId, {
    name: 'Chapel Allerton Friendship Café',
    description:
      'A weekly drop-in café for people who feel lonely or isolated. Tea, cake and company with trained volunteers.\nNew people are welcomed at the door and introduced to others.',
    alert: 'The café is closed on 24 December and reopens on 6 January.',
    minimum_age: 18,
    assured_date: isoDate(20, now),
    email: 'cafe@leeds-community.example.org',
    url: 'https://leeds-community.example.org/friendship-cafe',
    phones: [{ id: randomUUID(), number: '0113 496 0000', description: 'Monday to Friday, 9am to 5pm' }],
    schedules: [
      {
        id: randomUUID(),
        freq: 'WEEKLY',
        byday: 'TU,TH',
        opens_at: '10:00',
        closes_at: '12:00',
        description: 'Drop in any time during the session.',
      },
    ],
    cost_options: [
      { id: randomUUID(), option: 'Tea and cake', amount: 0, amount_description: 'Donations welcome' },
    ],
    languages: [
      { id: randomUUID(), name: 'English', code: 'en' },
      { id: randomUUID(), name: 'Urdu', code: 'ur' },
    ],
    attributes: tagged(serviceTypes.socialGroups),
    signpost: {
      capacityStatus: 'accepting',
      capacityUpdatedAt: new Date(now.getTime() - 2 * DAY_MS - 3_600_000),
      capacityUpdatedBy: 'Priya, café coordinator',
      deliveryModes: ['in_person'],
      referralRoutes: ['self_referral', 'direct_referral'],
      needs: ['loneliness', 'community_groups'],
      accessCriteria: 'Adults living in north Leeds. Carers are welcome to come along.',
      redFlags: 'Not suitable for people who need personal care during the session.',
    },
  });
  const moneyAdvice = await createTestService(db, tenantId, {
    name: 'Leeds Money Advice',
    description:
      'Free, confidential help with debts, bills, budgeting and benefit claims, by phone or video call.',
    assured_date: isoDate(60, now),
    service_at_locations: [],
    schedules: [
      { id: randomUUID(), freq: 'WEEKLY', byday: 'MO,TU,WE,TH,FR', opens_at: '09:00', closes_at: '17:00' },
    ],
    cost_options: [{ id: randomUUID(), option: 'Home visit', amount: 15, amount_description: 'per visit' }],
    attributes: tagged(serviceTypes.debtAdvice),
    signpost: {
      capacityStatus: 'waitlist',
      capacityWaitWeeks: 6,
      capacityUpdatedAt: new Date(now.getTime() - 5 * DAY_MS),
      capacityUpdatedBy: null,
      deliveryModes: ['phone', 'video'],
      referralRoutes: ['self_referral'],
      needs: ['money_debt', 'benefits'],
    },
  });
  const walkingGroup = await createTestService(db, tenantId, {
    name: 'Headingley Walking Group',
    description: 'Gentle guided walks around Headingley for people who want to be more active.',
    assured_date: isoDate(730, now),
    attributes: tagged(serviceTypes.connection),
    signpost: {
      capacityStatus: 'accepting',
      capacityUpdatedAt: new Date(now.getTime() - 30 * DAY_MS),
      deliveryModes: ['in_person'],
      needs: ['physical_activity'],
    },
  });
  const carersHelpline = await createTestService(db, tenantId, {
    name: 'Carers Support Line',
    description: 'A phone line for unpaid carers: someone to talk to, and help finding a break.',
    assured_date: isoDate(10, now),
    service_at_locations: [
      { id: randomUUID(), location: { id: randomUUID(), location_type: 'virtual', name: 'Phone line' } },
    ],
    signpost: {
      capacityStatus: 'accepting',
      capacityUpdatedAt: new Date(now.getTime() - DAY_MS),
      deliveryModes: ['phone'],
      referralRoutes: ['self_referral'],
      needs: ['carer_support'],
    },
  });
  const minimal = await createTestService(db, tenantId, {
    name: 'Minimal Listing',
    description: undefined,
    url: undefined,
    email: undefined,
    minimum_age: undefined,
    assured_date: undefined,
    assurer_email: undefined,
    organization: undefined,
    organization_id: undefined,
    service_at_locations: [],
    schedules: [],
  });
  for (let n = 1; n <= GARDENING_CLUBS; n += 1) {
    await createTestService(db, tenantId, {
      name: `Community Gardening Club ${n}`,
      description: 'Grow vegetables and flowers with neighbours on a shared allotment.',
      assured_date: isoDate(30, now),
      signpost: { capacityStatus: 'accepting', capacityUpdatedAt: now, needs: ['community_groups'] },
    });
  }
  return {
    friendshipCafe: friendshipCafe.id,
    moneyAdvice: moneyAdvice.id,
    walkingGroup: walkingGroup.id,
    carersHelpline: carersHelpline.id,
    minimal: minimal.id,
    total: 5 + GARDENING_CLUBS,
    serviceTypes,
  };
}

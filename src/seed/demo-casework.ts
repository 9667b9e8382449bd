import type { Kysely } from 'kysely';
import type { Database } from '../db/database.ts';
import { findPractice } from '../modules/accounts/practice.repository.ts';
import type { Tenant } from '../modules/accounts/tenant.repository.ts';
import { loadCaseworkSettings } from '../modules/casework/case.repository.ts';
import { findCaseProgress } from '../modules/casework/case.service.ts';
import { ensureSnomedCodes } from '../modules/casework/snomed-codes.ts';
import type { DirectorySearchHit } from '../modules/directory/search/search.types.ts';
import { DEMO_PRACTICES } from './demo-areas.data.ts';
import { writeCaseSteps, type CaseDeps } from './demo-casework-case-steps.ts';
import { ensureDemoCaseworkStaff } from './demo-casework-staff.ts';
import { demoReferralKey, writeIntake, writeTriage } from './demo-casework-steps.ts';
import { buildDemoStories, DEMO_STAGE_COUNTS } from './demo-casework-stories.ts';
import { referralKeyExists } from './demo-casework.repository.ts';
import type { DemoPerson, DemoStory } from './demo-casework.types.ts';
import { loadVenuePostcodes } from './demo-venues.ts';

// The demo caseload (issue #4): the demo PCN's four link workers with about 300 people referred to social
// prescribing at every stage, relative to the seeding day: new referrals in triage (some urgent, one
// flagged for a clinician), declined with coded reasons, redirected, accepted and waiting, allocated
// before first contact, active with contacts, plans, overdue actions, onward referrals to the demo
// directory's services in every closed-loop status and an open safeguarding concern, and discharged with
// their messages back. Every NHS number is from the never-issued 999 range and passes modulus 11.
// Runs after ensureDemoAccounts (and, for onward referrals, the demo directory seed).
//
// Idempotent: each referral has an idempotency key made from its story's key, and each later step of a
// story checks whether it is done before doing it, so a second run (or a run after an interrupted one)
// writes only what is missing. Once the last story is written, a run is one query. Ids are the services'
// own (random), not deterministic: the services make them. Dates stay those of the first seeding day.

export interface DemoCaseworkOptions {
  /** The seeding moment: the caseload's dates are relative to its day. Defaults to now. */
  now?: Date;
  /** The site's address, for the link in the safeguarding escalation email. */
  publicBaseUrl?: string;
  capacityStaleDays?: number;
  listingStaleDays?: number;
  /** Told how many stories are done so far, before the first and after every 50 (a first run is slow). */
  onProgress?: (done: number, total: number) => void;
}

export interface DemoCaseworkSummary {
  /** Extra staff accounts created (three link workers and four referrers on a first run). */
  staffCreated: number;
  /** Referrals written by this run (300 on a first run, 0 after). */
  referralsCreated: number;
}

/** The key of the story written last: when its referral exists, the whole caseload does. */
function lastStoryKey(): string {
  const total = DEMO_STAGE_COUNTS.reduce((sum, [, count]) => sum + count, 0);
  return demoReferralKey({ key: `s${String(total).padStart(3, '0')}` });
}

async function practiceIds(db: Kysely<Database>, tenantId: string): Promise<Map<string, string>> {
  const ids = new Map<string, string>();
  for (const p of DEMO_PRACTICES) {
    const practice = await findPractice(db, tenantId, { odsCode: p.odsCode });
    if (practice !== undefined) {
      ids.set(p.key, practice.id);
    }
  }
  return ids;
}

function personOf(stories: ReadonlyMap<string, DemoStory>, story: DemoStory): DemoPerson {
  const person = 'sameAs' in story.person ? stories.get(story.person.sameAs)?.person : story.person;
  if (person === undefined || 'sameAs' in person) {
    throw new Error(`Demo story ${story.key} has no person`);
  }
  return person;
}

/**
 * Seeds the demo caseload where it is missing (see the file comment). Safe to run at every start-up.
 * @param db - the database
 * @param tenant - the demo tenant (with the demo accounts already seeded)
 * @param options - the seeding moment and settings
 * @returns how many staff accounts and referrals were created
 */
export async function ensureDemoCasework(
  db: Kysely<Database>,
  tenant: Tenant,
  options: DemoCaseworkOptions = {},
): Promise<DemoCaseworkSummary> {
  await ensureSnomedCodes(db, tenant.id);
  if (await referralKeyExists(db, tenant.id, lastStoryKey())) {
    return { staffCreated: 0, referralsCreated: 0 };
  }
  const now = options.now ?? new Date();
  const { staff, created: staffCreated } = await db
    .transaction()
    .execute((trx) => ensureDemoCaseworkStaff(trx, tenant));
  const stories = buildDemoStories({ now, postcodes: await loadVenuePostcodes() });
  const byKey = new Map(stories.map((s) => [s.key, s]));
  const deps: CaseDeps = {
    db,
    tenantId: tenant.id,
    staff,
    practices: await practiceIds(db, tenant.id),
    patients: new Map(),
    services: new Map<string, DirectorySearchHit[]>(),
    settings: {
      now,
      onwardResponseDays: (await loadCaseworkSettings(db, tenant.id)).onwardResponseDays,
      capacityStaleDays: options.capacityStaleDays ?? 14,
      listingStaleDays: options.listingStaleDays ?? 183,
      publicBaseUrl: options.publicBaseUrl ?? 'http://localhost:3000',
    },
  };
  let referralsCreated = 0;
  for (const [done, story] of stories.entries()) {
    if (done % 50 === 0) {
      options.onProgress?.(done, stories.length);
    }
    const { referral, created } = await writeIntake(deps, story);
    referralsCreated += created ? 1 : 0;
    await writeTriage(deps, story, referral);
    const progress = story.worker === null ? undefined : await findCaseProgress(db, tenant.id, referral.id);
    if (progress !== undefined) {
      const postcode = personOf(byKey, story).postcode ?? 'LS6 1AN';
      await writeCaseSteps(deps, story, { caseId: progress.caseId, postcode });
    }
  }
  return { staffCreated, referralsCreated };
}

import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../db/database.ts';
import { findOrganisationByOdsCode } from '../modules/accounts/organisation.repository.ts';
import type { Tenant } from '../modules/accounts/tenant.repository.ts';
import { findUserByEmail } from '../modules/accounts/user.repository.ts';
import { londonDate } from '../modules/casework/working-days.ts';
import { findProtocolInForce } from '../modules/navigation/protocol.repository.ts';
import { insertDemoUser } from './demo-accounts.ts';
import { DEMO_CASEWORK_STAFF } from './demo-casework-staff.ts';
import {
  buildDemoNavigationRows,
  demoNavigationId,
  type DemoNavigationService,
  type DemoNavigator,
} from './demo-navigation-rows.ts';
import { seedDemoTraining } from './demo-training.ts';
import { DEMO_EXTRA_NAVIGATORS, DEMO_USERS, type DemoUser } from './demo-users.data.ts';

// The demo's care navigation history (issue #5): five care navigators at five of the demo practices
// (navigator@, the casework seed's navigator2@, and navigator3@ to navigator5@, created here where
// missing) with four weeks of navigation records before the seeding day, inserted in batches, and their
// training record (seedDemoTraining: one of each competency level). Written once: a later run (on any
// day) finds the first week's records and stops. Runs after ensureDemoAccounts
// (the practices' organisations), and best after the directory and casework seeds (services to
// signpost to, patients to reuse).

export const DEMO_NAVIGATION_DAYS = 28;
const BATCH = 250;

export interface DemoNavigationOptions {
  /** The seeding moment: the history ends the day before. Defaults to now. */
  now?: Date;
}

export interface DemoNavigationSummary {
  navigatorsCreated: number;
  recordsCreated: number;
  trainingAttemptsCreated: number;
}

const NAVIGATOR_EMAILS = [
  'navigator@demo.signpost.invalid',
  'navigator2@demo.signpost.invalid',
  ...DEMO_EXTRA_NAVIGATORS.map((u) => u.email),
];

function demoUserOf(email: string): DemoUser {
  const user = [...DEMO_USERS, ...DEMO_CASEWORK_STAFF, ...DEMO_EXTRA_NAVIGATORS].find(
    (u) => u.email === email,
  );
  if (user === undefined) {
    throw new Error(`No demo user ${email}`);
  }
  return user;
}

async function ensureNavigators(
  trx: Transaction<Database>,
  tenant: Tenant,
): Promise<{ navigators: { userId: string; practiceId: string }[]; created: number }> {
  const navigators: { userId: string; practiceId: string }[] = [];
  let created = 0;
  for (const email of NAVIGATOR_EMAILS) {
    const demo = demoUserOf(email);
    const organisation = await findOrganisationByOdsCode(trx, tenant.id, demo.organisation);
    const practiceId = organisation?.practiceId ?? null;
    if (organisation === undefined || practiceId === null) {
      throw new Error(`The demo practice ${demo.organisation} is missing: run ensureDemoAccounts first`);
    }
    let user = await findUserByEmail(trx, tenant.id, email);
    if (user === undefined) {
      user = await insertDemoUser(trx, tenant.id, { ...demo, role: 'care_navigator' }, organisation.id);
      created += 1;
    }
    navigators.push({ userId: user.id, practiceId });
  }
  return { navigators, created };
}

async function alreadySeeded(db: Kysely<Database>, tenantId: string): Promise<boolean> {
  // The first navigator has at least two records on every weekday, and a week always has weekdays.
  const ids = [1, 2, 3, 4, 5, 6, 7].map((d) => demoNavigationId(tenantId, `${String(d)}-0-0`));
  const row = await db
    .selectFrom('navigation_record')
    .select('id')
    .where('tenant_id', '=', tenantId)
    .where('id', 'in', ids)
    .executeTakeFirst();
  return row !== undefined;
}

async function loadServices(db: Kysely<Database>, tenantId: string): Promise<DemoNavigationService[]> {
  const rows = await db
    .selectFrom('service')
    .select(['id', 'name', 'needs', 'capacity_status'])
    .where('tenant_id', '=', tenantId)
    .where('status', '=', 'active')
    .orderBy('id')
    .execute();
  return rows
    .filter((r) => r.needs.length > 0)
    .map((r) => ({ id: r.id, name: r.name, needs: r.needs, capacity: r.capacity_status }));
}

async function withProtocolAndPatients(
  db: Kysely<Database>,
  tenantId: string,
  navigator: { userId: string; practiceId: string },
): Promise<DemoNavigator> {
  const protocol = await findProtocolInForce(db, tenantId, navigator.practiceId);
  const patients = await db
    .selectFrom('patient')
    .select(['id', 'postcode'])
    .where('tenant_id', '=', tenantId)
    .where('practice_id', '=', navigator.practiceId)
    .orderBy('id')
    .limit(60)
    .execute();
  return { ...navigator, protocolId: protocol.id, protocol: protocol.content, patients };
}

/**
 * Seeds the demo navigators and their navigation history where missing (see the file comment).
 * @param db - the database
 * @param tenant - the demo tenant (with the demo accounts already seeded)
 * @param options - the seeding moment
 * @returns how many navigator accounts, navigation records and training attempts were created
 */
export async function ensureDemoNavigation(
  db: Kysely<Database>,
  tenant: Tenant,
  options: DemoNavigationOptions = {},
): Promise<DemoNavigationSummary> {
  return db.transaction().execute(async (trx) => {
    const { navigators, created } = await ensureNavigators(trx, tenant);
    const now = options.now ?? new Date();
    const training = await seedDemoTraining(
      trx,
      tenant.id,
      navigators.map((n) => n.userId),
      now,
    );
    const summary = { navigatorsCreated: created, recordsCreated: 0, trainingAttemptsCreated: training };
    if (await alreadySeeded(trx, tenant.id)) {
      return summary;
    }
    const full: DemoNavigator[] = [];
    for (const navigator of navigators) {
      full.push(await withProtocolAndPatients(trx, tenant.id, navigator));
    }
    const rows = buildDemoNavigationRows({
      tenantId: tenant.id,
      today: londonDate(now),
      days: DEMO_NAVIGATION_DAYS,
      navigators: full,
      services: await loadServices(trx, tenant.id),
    });
    for (let i = 0; i < rows.length; i += BATCH) {
      await trx
        .insertInto('navigation_record')
        .values(rows.slice(i, i + BATCH))
        .onConflict((oc) => oc.columns(['tenant_id', 'id']).doNothing())
        .execute();
    }
    return { ...summary, recordsCreated: rows.length };
  });
}

import type { Transaction } from 'kysely';
import type { Database } from '../db/database.ts';
import {
  findOrganisationById,
  findOrganisationByOdsCode,
  type Organisation,
} from '../modules/accounts/organisation.repository.ts';
import type { Tenant } from '../modules/accounts/tenant.repository.ts';
import { findUserByEmail } from '../modules/accounts/user.repository.ts';
import { DEMO_VCSE_KEYS, insertDemoUser } from './demo-accounts.ts';
import type { StaffKey } from './demo-casework.types.ts';
import { demoId } from './demo-random.ts';
import { DEMO_USERS, type DemoUser } from './demo-users.data.ts';

// The staff of the demo caseload: the demo accounts' link worker, clinician, navigator, VCSE partner and
// supervisor (demo-users.data.ts), plus three more link workers (four in all, as issue #4 asks), two
// more GPs, a practice nurse and a second care navigator as referrers. The extra accounts sign in with the
// same demo password; the sign-in page lists only the one-per-role accounts.

export const DEMO_CASEWORK_STAFF: readonly (DemoUser & { key: StaffKey })[] = [
  {
    key: 'lw2',
    email: 'linkworker2@demo.signpost.invalid',
    displayName: 'Aisha Begum',
    role: 'link_worker',
    organisation: 'pcn',
  },
  {
    key: 'lw3',
    email: 'linkworker3@demo.signpost.invalid',
    displayName: 'Tomasz Nowicki',
    role: 'link_worker',
    organisation: 'pcn',
  },
  {
    key: 'lw4',
    email: 'linkworker4@demo.signpost.invalid',
    displayName: 'Bethan Rhys',
    role: 'link_worker',
    organisation: 'pcn',
  },
  {
    key: 'gp2',
    email: 'gp2@demo.signpost.invalid',
    displayName: 'Dr Tunde Okafor',
    role: 'clinician',
    organisation: 'B9D002',
  },
  {
    key: 'gp3',
    email: 'gp3@demo.signpost.invalid',
    displayName: 'Dr Rachel Goldberg',
    role: 'clinician',
    organisation: 'B9D004',
  },
  {
    key: 'nurse',
    email: 'nurse@demo.signpost.invalid',
    displayName: 'Siobhan Kelly',
    role: 'clinician',
    organisation: 'B9D003',
  },
  {
    key: 'nav2',
    email: 'navigator2@demo.signpost.invalid',
    displayName: 'Kamran Hussain',
    role: 'care_navigator',
    organisation: 'B9D005',
  },
];

/** The one-per-role demo accounts the caseload uses, by their key here. */
const EXISTING: Readonly<Partial<Record<string, StaffKey>>> = {
  'linkworker@demo.signpost.invalid': 'lw1',
  'gp@demo.signpost.invalid': 'gp1',
  'navigator@demo.signpost.invalid': 'nav1',
  'provider@demo.signpost.invalid': 'provider',
  'manager@demo.signpost.invalid': 'manager',
};

export interface DemoStaffMember {
  userId: string;
  displayName: string;
  email: string;
  /** Where they work (the referrer's organisation on a referral). */
  organisationName: string;
}

async function organisationOf(
  trx: Transaction<Database>,
  tenant: Tenant,
  user: DemoUser,
): Promise<Organisation> {
  // The ids ensureDemoAccounts gives the PCN and the first VCSE organisation; practices by ODS code.
  const byId = new Map([
    ['pcn', 'pcn'],
    ['icb', 'icb'],
    ['vcse', `vcse-${DEMO_VCSE_KEYS[0]}`],
  ]).get(user.organisation);
  const found =
    byId === undefined
      ? await findOrganisationByOdsCode(trx, tenant.id, user.organisation)
      : await findOrganisationById(trx, tenant.id, demoId(tenant.id, 'account-organisation', byId));
  if (found === undefined) {
    throw new Error(`The demo organisation ${user.organisation} is missing: run ensureDemoAccounts first`);
  }
  return found;
}

/**
 * The demo caseload's staff by key, creating the extra accounts (password DEMO_PASSWORD) where missing.
 * The one-per-role accounts must exist already (ensureDemoAccounts).
 * @param trx - a transaction
 * @param tenant - the demo tenant
 * @returns the staff by key, and how many accounts were created
 */
export async function ensureDemoCaseworkStaff(
  trx: Transaction<Database>,
  tenant: Tenant,
): Promise<{ staff: Map<StaffKey, DemoStaffMember>; created: number }> {
  const staff = new Map<StaffKey, DemoStaffMember>();
  let created = 0;
  const wanted = [
    ...DEMO_USERS.flatMap((u) => {
      const key = EXISTING[u.email];
      return key === undefined ? [] : [{ ...u, key }];
    }),
    ...DEMO_CASEWORK_STAFF,
  ];
  for (const demo of wanted) {
    const organisation = await organisationOf(trx, tenant, demo);
    let user = await findUserByEmail(trx, tenant.id, demo.email);
    if (user === undefined) {
      if (!DEMO_CASEWORK_STAFF.includes(demo)) {
        throw new Error(`The demo account ${demo.email} is missing: run ensureDemoAccounts first`);
      }
      user = await insertDemoUser(trx, tenant.id, demo, organisation.id);
      created += 1;
    }
    staff.set(demo.key, {
      userId: user.id,
      displayName: user.displayName,
      email: user.email,
      organisationName: organisation.name,
    });
  }
  return { staff, created };
}

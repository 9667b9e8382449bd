import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../db/database.ts';
import {
  findOrganisationById,
  findOrganisationByOdsCode,
  grantRole,
  insertOrganisationIfAbsent,
  updateOrganisation,
} from '../modules/accounts/organisation.repository.ts';
import { hashPassword } from '../modules/accounts/password.ts';
import { findPractice, upsertPractices } from '../modules/accounts/practice.repository.ts';
import type { Tenant } from '../modules/accounts/tenant.repository.ts';
import { findUserByEmail, insertUser, type User } from '../modules/accounts/user.repository.ts';
import { findOrganizationName } from '../modules/directory/organization-names.repository.ts';
import { DEMO_PRACTICES } from './demo-areas.data.ts';
import { DEMO_ORGANISATIONS } from './demo-catalogue.ts';
import { demoId } from './demo-random.ts';
import { DEMO_PASSWORD, DEMO_USERS, type DemoUser } from './demo-users.data.ts';
import { loadVenuePostcodes } from './demo-venues.ts';

// The demo's organisation tree and staff accounts: an ICB, the PCN (named like the tenant), its six GP
// practices (linked to the practice rows the directory seed writes, or written here when the directory has
// not been seeded), three VCSE organisations (linked to their demo directory listings when those exist),
// and one user per role with the documented demo password.
// Idempotent: organisations have deterministic ids, users are found by email, and nothing that exists is
// changed, so an administrator's edits to the demo survive a restart.

export const DEMO_ICB_NAME = 'West Yorkshire ICB (demo)';

/** Demo directory organisations that get a VCSE organisation of their own; the first hosts the demo provider. */
export const DEMO_VCSE_KEYS = ['network-headingley', 'money-advice', 'calm-minds'] as const;

export interface DemoAccountsSummary {
  organisationsCreated: number;
  usersCreated: number;
}

type Trx = Transaction<Database>;

const orgId = (tenant: Tenant, key: string): string => demoId(tenant.id, 'account-organisation', key);

async function ensurePracticeOrganisations(
  trx: Trx,
  tenant: Tenant,
  pcnId: string,
): Promise<Map<string, string>> {
  const byOdsCode = new Map<string, string>();
  let postcodes: Awaited<ReturnType<typeof loadVenuePostcodes>> | undefined;
  for (const p of DEMO_PRACTICES) {
    const id = orgId(tenant, `practice-${p.key}`);
    // An administrator may have added the practice before the seed ran: that organisation is used.
    const existing =
      (await findOrganisationById(trx, tenant.id, id)) ??
      (await findOrganisationByOdsCode(trx, tenant.id, p.odsCode));
    if (existing !== undefined) {
      byOdsCode.set(p.odsCode, existing.id);
      continue;
    }
    let practice = await findPractice(trx, tenant.id, { odsCode: p.odsCode });
    if (practice === undefined) {
      postcodes ??= await loadVenuePostcodes();
      const point = postcodes.forVenue(p.venue);
      // The same id and values as the directory seed's, so seeding the directory later changes nothing.
      practice = { id: demoId(tenant.id, 'practice', p.key), odsCode: p.odsCode, name: p.name, ...point };
      await upsertPractices(trx, tenant.id, [practice]);
    }
    await insertOrganisationIfAbsent(trx, tenant.id, {
      id,
      kind: 'practice',
      name: p.name,
      odsCode: p.odsCode,
      parentId: pcnId,
      practiceId: practice.id,
    });
    byOdsCode.set(p.odsCode, id);
  }
  return byOdsCode;
}

async function ensureVcseOrganisations(trx: Trx, tenant: Tenant): Promise<string[]> {
  const ids: string[] = [];
  for (const key of DEMO_VCSE_KEYS) {
    const spec = DEMO_ORGANISATIONS.find((o) => o.key === key);
    if (spec === undefined) {
      throw new Error(`Demo organisation ${key} is missing from the catalogue`);
    }
    const id = orgId(tenant, `vcse-${key}`);
    const listing = await findOrganizationName(trx, tenant.id, demoId(tenant.id, 'organization', key));
    await insertOrganisationIfAbsent(trx, tenant.id, {
      id,
      kind: 'vcse',
      name: spec.name,
      directoryOrganizationId: listing?.id ?? null,
    });
    // Created before the directory was seeded: link it now that its listing exists.
    const org = await findOrganisationById(trx, tenant.id, id);
    if (listing !== undefined && org?.directoryOrganizationId === null) {
      await updateOrganisation(trx, tenant.id, id, { directoryOrganizationId: listing.id });
    }
    ids.push(id);
  }
  return ids;
}

async function countOrganisations(trx: Trx, tenantId: string): Promise<number> {
  const row = await trx
    .selectFrom('organisation')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .where('tenant_id', '=', tenantId)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/**
 * Creates the demo organisation tree and one user per role (password DEMO_PASSWORD) where they are
 * missing. Safe to run at every start-up.
 * @param db - the database
 * @param tenant - the demo tenant
 * @returns how many organisations and users were created
 */
/**
 * Creates one demo account, with the demo password and one role in one organisation.
 * @param trx - a transaction
 * @param tenantId - the demo tenant
 * @param demo - who, and in which role
 * @param organisationId - where they hold the role
 */
export async function insertDemoUser(
  trx: Trx,
  tenantId: string,
  demo: Pick<DemoUser, 'email' | 'displayName' | 'role'>,
  organisationId: string,
): Promise<User> {
  const user = await insertUser(trx, tenantId, {
    email: demo.email,
    displayName: demo.displayName,
    status: 'active',
    passwordHash: await hashPassword(DEMO_PASSWORD),
  });
  await grantRole(trx, tenantId, { userId: user.id, organisationId, role: demo.role });
  return user;
}

export async function ensureDemoAccounts(db: Kysely<Database>, tenant: Tenant): Promise<DemoAccountsSummary> {
  return db.transaction().execute(async (trx) => {
    const before = await countOrganisations(trx, tenant.id);
    const icbId = orgId(tenant, 'icb');
    const pcnId = orgId(tenant, 'pcn');
    await insertOrganisationIfAbsent(trx, tenant.id, { id: icbId, kind: 'icb', name: DEMO_ICB_NAME });
    await insertOrganisationIfAbsent(trx, tenant.id, {
      id: pcnId,
      kind: 'pcn',
      name: tenant.name,
      parentId: icbId,
    });
    const practices = await ensurePracticeOrganisations(trx, tenant, pcnId);
    const [firstVcse] = await ensureVcseOrganisations(trx, tenant);
    const organisationFor = (user: DemoUser): string | undefined =>
      user.organisation === 'pcn'
        ? pcnId
        : user.organisation === 'icb'
          ? icbId
          : user.organisation === 'vcse'
            ? firstVcse
            : practices.get(user.organisation);
    let usersCreated = 0;
    for (const demo of DEMO_USERS) {
      if ((await findUserByEmail(trx, tenant.id, demo.email)) !== undefined) {
        continue;
      }
      const organisationId = organisationFor(demo);
      if (organisationId === undefined) {
        throw new Error(`Demo user ${demo.email} names an unknown organisation ${demo.organisation}`);
      }
      await insertDemoUser(trx, tenant.id, demo, organisationId);
      usersCreated += 1;
    }
    return { organisationsCreated: (await countOrganisations(trx, tenant.id)) - before, usersCreated };
  });
}

import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../app.ts';
import { TestAgent } from '../../test/support/accounts.ts';
import { createTestConfig } from '../../test/support/test-config.ts';
import { createTestDatabase, type TestDatabase } from '../../test/support/test-db.ts';
import { ROLE_LABELS } from '../modules/accounts/roles.ts';
import { DEMO_ICB_NAME, DEMO_VCSE_KEYS, ensureDemoAccounts } from './demo-accounts.ts';
import { DEMO_PRACTICES } from './demo-areas.data.ts';
import { demoId } from './demo-random.ts';
import { DEMO_PASSWORD, DEMO_USERS } from './demo-users.data.ts';

let t: TestDatabase;
let app: FastifyInstance;

beforeAll(async () => {
  t = await createTestDatabase();
  app = await createApp({
    db: t.db,
    config: createTestConfig({ sessionSecret: 'x'.repeat(32), formRateLimitPerMinute: 1000, seedDemo: true }),
    tenant: t.tenant,
    logger: false,
  });
});

afterAll(async () => {
  await app.close();
  await t.close();
});

async function counts(): Promise<Record<string, number>> {
  const count = async (
    table: 'organisation' | 'app_user' | 'role_assignment' | 'practice',
  ): Promise<number> => {
    const row = await t.db
      .selectFrom(table)
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .where('tenant_id', '=', t.tenant.id)
      .executeTakeFirstOrThrow();
    return Number(row.n);
  };
  return {
    organisations: await count('organisation'),
    users: await count('app_user'),
    roles: await count('role_assignment'),
    practices: await count('practice'),
  };
}

describe('ensureDemoAccounts', () => {
  it('links VCSE organisations to demo listings, now or on a later run, and keeps existing practice rows', async () => {
    // The directory seed has written one practice row and one listing; the others come later.
    const [first] = DEMO_PRACTICES;
    const practiceId = demoId(t.tenant.id, 'practice', first.key);
    await t.db
      .insertInto('practice')
      .values({
        tenant_id: t.tenant.id,
        id: practiceId,
        ods_code: first.odsCode,
        name: first.name,
        postcode: 'LS16 5AA',
      })
      .execute();
    const listing = (key: string): string => demoId(t.tenant.id, 'organization', key);
    const [headingley, money] = DEMO_VCSE_KEYS;
    await t.db
      .insertInto('organization')
      .values({
        tenant_id: t.tenant.id,
        id: listing(headingley),
        name: 'Listing',
        description: 'Demo listing',
      })
      .execute();

    expect(await ensureDemoAccounts(t.db, t.tenant)).toEqual({ organisationsCreated: 11, usersCreated: 7 });
    const vcse = await t.db
      .selectFrom('organisation')
      .select(['name', 'directory_organization_id'])
      .where('tenant_id', '=', t.tenant.id)
      .where('kind', '=', 'vcse')
      .orderBy('name')
      .execute();
    expect(vcse).toHaveLength(3);
    expect(vcse.filter((o) => o.directory_organization_id !== null)).toEqual([
      { name: 'Headingley Good Neighbours', directory_organization_id: listing(headingley) },
    ]);
    const practiceOrg = await t.db
      .selectFrom('organisation')
      .select(['practice_id', 'parent_id'])
      .where('ods_code', '=', first.odsCode)
      .executeTakeFirstOrThrow();
    expect(practiceOrg.practice_id).toBe(practiceId);

    await t.db
      .insertInto('organization')
      .values({ tenant_id: t.tenant.id, id: listing(money), name: 'Listing 2', description: 'Demo listing' })
      .execute();
    const before = await counts();
    expect(await ensureDemoAccounts(t.db, t.tenant)).toEqual({ organisationsCreated: 0, usersCreated: 0 });
    expect(await counts()).toEqual(before);
    expect(before).toEqual({ organisations: 11, users: 7, roles: 7, practices: 6 });
    const linked = await t.db
      .selectFrom('organisation')
      .select('directory_organization_id')
      .where('directory_organization_id', '=', listing(money))
      .execute();
    expect(linked).toHaveLength(1);
  });

  it('builds the tree ICB > PCN (named like the tenant) > six practices', async () => {
    const icb = await t.db
      .selectFrom('organisation')
      .select(['id', 'parent_id'])
      .where('tenant_id', '=', t.tenant.id)
      .where('name', '=', DEMO_ICB_NAME)
      .executeTakeFirstOrThrow();
    const pcn = await t.db
      .selectFrom('organisation')
      .select(['id', 'parent_id', 'kind'])
      .where('tenant_id', '=', t.tenant.id)
      .where('name', '=', t.tenant.name)
      .executeTakeFirstOrThrow();
    expect(pcn).toMatchObject({ kind: 'pcn', parent_id: icb.id });
    const practices = await t.db
      .selectFrom('organisation')
      .select(['ods_code', 'parent_id'])
      .where('tenant_id', '=', t.tenant.id)
      .where('kind', '=', 'practice')
      .orderBy('ods_code')
      .execute();
    expect(practices).toEqual(DEMO_PRACTICES.map((p) => ({ ods_code: p.odsCode, parent_id: pcn.id })));
  });

  it.each(DEMO_USERS.map((u) => [u.email, u] as const))(
    '%s signs in with the demo password and acts in their role',
    async (_email, demo) => {
      const agent = new TestAgent(app);
      const signedIn = await agent.signIn(demo.email, DEMO_PASSWORD);
      expect(signedIn.statusCode).toBe(303);
      expect(signedIn.headers.location).toBe('/app');
      const home = await agent.get('/app');
      expect(home.statusCode).toBe(200);
      expect(home.body).toContain(`<h1>${ROLE_LABELS[demo.role]}</h1>`);
    },
  );

  it('lists the demo users on the sign-in page in demo mode', async () => {
    const page = await new TestAgent(app).get('/signin');
    for (const demo of DEMO_USERS) {
      expect(page.body).toContain(demo.email);
    }
  });
});

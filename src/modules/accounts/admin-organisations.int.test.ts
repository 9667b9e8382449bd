import type { FastifyInstance } from 'fastify';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { csrfFrom, type TestAgent } from '../../../test/support/accounts.ts';
import { createTestDatabase, type TestDatabase } from '../../../test/support/test-db.ts';
import { createTestApp, signedInAgent } from '../../../test/support/test-app.ts';
import { ensurePostcodeReferenceData } from '../geo/geo.service.ts';
import { findOrganisationById, insertOrganisation, type Organisation } from './organisation.repository.ts';
import { upsertPractices } from './practice.repository.ts';
import { ensureTenant } from './tenant.repository.ts';

let t: TestDatabase;
let app: FastifyInstance;
let agent: TestAgent;
let adminOrganisationId: string;

beforeAll(async () => {
  t = await createTestDatabase();
  await ensurePostcodeReferenceData(t.db);
  app = await createTestApp(t);
  const admin = await signedInAgent(app, t, { roles: ['tenant_admin'] });
  agent = admin.agent;
  adminOrganisationId = admin.user.organisationId;
});

afterAll(async () => {
  await app.close();
  await t.close();
});

const NEW = '/app/admin/organisations/new';

async function findOrg(name: string): Promise<Organisation> {
  const { id } = await t.db
    .selectFrom('organisation')
    .select('id')
    .where('tenant_id', '=', t.tenant.id)
    .where('name', '=', name)
    .executeTakeFirstOrThrow();
  const org = await findOrganisationById(t.db, t.tenant.id, id);
  if (org === undefined) {
    throw new Error(`No organisation ${name}`);
  }
  return org;
}

async function create(
  form: Record<string, string>,
): Promise<{ statusCode: number; body: string; location?: string }> {
  const response = await agent.post('/app/admin/organisations', form, NEW);
  return { statusCode: response.statusCode, body: response.body, location: response.headers.location };
}

function summaryHrefs(body: string): string[] {
  const summary = body.slice(
    body.indexOf('nhsuk-error-summary'),
    body.indexOf('</ul>', body.indexOf('nhsuk-error-summary')),
  );
  return [...summary.matchAll(/href="#(\w+)"/g)].map((m) => m[1]);
}

describe('adding organisations', () => {
  it('builds ICB > PCN > practice (with its practice row) and shows the tree, VCSE apart', async () => {
    expect((await agent.get(NEW)).statusCode).toBe(200);
    const icb = await create({ kind: 'icb', name: 'Tree ICB', odsCode: 'qt1' });
    expect(icb.statusCode).toBe(303);
    expect(icb.location).toBe('/app/admin/organisations?done=created');
    const icbRow = await findOrg('Tree ICB');
    expect(icbRow).toMatchObject({ kind: 'icb', odsCode: 'QT1', parentId: null });
    await create({ kind: 'pcn', name: 'Tree PCN', parentIcbId: icbRow.id, parentPcnId: icbRow.id });
    const pcnRow = await findOrg('Tree PCN');
    expect(pcnRow.parentId).toBe(icbRow.id);
    const practice = await create({
      kind: 'practice',
      name: 'Tree Surgery',
      odsCode: 'y12345',
      parentPcnId: pcnRow.id,
      postcode: 'ls6 1an',
    });
    expect(practice.statusCode).toBe(303);
    const practiceRow = await findOrg('Tree Surgery');
    expect(practiceRow).toMatchObject({ kind: 'practice', odsCode: 'Y12345', parentId: pcnRow.id });
    const stored = await t.db
      .selectFrom('practice')
      .selectAll()
      .where('id', '=', practiceRow.practiceId ?? '')
      .executeTakeFirstOrThrow();
    expect(stored).toMatchObject({ ods_code: 'Y12345', name: 'Tree Surgery', postcode: 'LS6 1AN' });
    expect(stored.latitude).toBeCloseTo(53.8, 0);
    await create({ kind: 'vcse', name: 'Tree Friends', parentIcbId: icbRow.id });
    expect((await findOrg('Tree Friends')).parentId).toBeNull();

    const audit = await t.db
      .selectFrom('audit_event')
      .select(['action', 'subject_type', 'details'])
      .where('subject_id', '=', practiceRow.id)
      .execute();
    expect(audit).toEqual([
      { action: 'create', subject_type: 'organisation', details: { kind: 'practice' } },
    ]);

    const list = await agent.get('/app/admin/organisations?done=created');
    expect(list.statusCode).toBe(200);
    expect(list.body).toContain('Organisation added');
    const body = list.body;
    const at = (text: string): number => body.indexOf(text);
    expect(at('Tree ICB')).toBeLessThan(at('Tree PCN'));
    expect(at('Tree PCN')).toBeLessThan(at('Tree Surgery'));
    expect(at('VCSE organisations')).toBeLessThan(at('Tree Friends'));
    expect(at('ODS code Y12345')).toBeGreaterThan(0);
  });

  it('takes over a practice row that already exists for the ODS code (written by the directory seed)', async () => {
    const pcn = await insertOrganisation(t.db, t.tenant.id, { kind: 'pcn', name: 'Seeded PCN' });
    const id = randomUUID();
    await upsertPractices(t.db, t.tenant.id, [
      { id, odsCode: 'S00001', name: 'Old name', postcode: 'LS5 3AA', latitude: null, longitude: null },
    ]);
    const response = await create({
      kind: 'practice',
      name: 'Seeded Surgery',
      odsCode: 'S00001',
      parentPcnId: pcn.id,
      postcode: 'LS5 3BT',
    });
    expect(response.statusCode).toBe(303);
    expect((await findOrg('Seeded Surgery')).practiceId).toBe(id);
    const rows = await t.db
      .selectFrom('practice')
      .select(['id', 'name', 'postcode'])
      .where('ods_code', '=', 'S00001')
      .execute();
    expect(rows).toEqual([{ id, name: 'Seeded Surgery', postcode: 'LS5 3BT' }]);
  });

  it('links a VCSE organisation to the directory organisation it runs', async () => {
    const directoryId = randomUUID();
    await t.db
      .insertInto('organization')
      .values({
        tenant_id: t.tenant.id,
        id: directoryId,
        name: 'Listed Friends Trust',
        description: 'A listing',
      })
      .execute();
    const form = await agent.get(NEW);
    expect(form.body).toContain('Listed Friends Trust');
    const response = await create({
      kind: 'vcse',
      name: 'Listed Friends',
      directoryOrganizationId: directoryId,
    });
    expect(response.statusCode).toBe(303);
    expect((await findOrg('Listed Friends')).directoryOrganizationId).toBe(directoryId);
  });

  it('shows every problem of a practice in the error summary with a 400, keeping what was typed', async () => {
    const response = await create({
      kind: 'practice',
      name: 'Half Surgery',
      odsCode: '',
      parentPcnId: '',
      postcode: 'nowhere',
    });
    expect(response.statusCode).toBe(400);
    expect(response.body).toContain('<title>Error: Add an organisation - Signpost</title>');
    expect(summaryHrefs(response.body)).toEqual(['odsCode', 'parentPcnId', 'postcode']);
    expect(response.body).toContain('Enter the practice’s ODS code');
    expect(response.body).toContain('Select the PCN this practice belongs to');
    expect(response.body).toContain('Enter a real postcode, like LS1 4AP');
    expect(response.body).toContain('value="Half Surgery"');
    expect(response.body).toContain('value="nowhere"');
    expect(response.body).toMatch(/value="practice" checked/);
  });

  it("lists a practice's own problems too when another field is wrong", async () => {
    const response = await create({ kind: 'practice', name: '', odsCode: '', parentPcnId: '', postcode: '' });
    expect(response.statusCode).toBe(400);
    expect(summaryHrefs(response.body)).toEqual(['name', 'odsCode', 'parentPcnId', 'postcode']);
    expect(response.body).toContain('Enter a postcode');
  });

  it.each([
    ['no kind and no name', { kind: '', name: ' ' }, ['kind', 'name'], 'Select the type of organisation'],
    [
      'a bad ODS code',
      { kind: 'icb', name: 'Bad code ICB', odsCode: 'A-1' },
      ['odsCode'],
      'ODS code must be 3 to 10',
    ],
    [
      'a PCN under a PCN',
      { kind: 'pcn', name: 'Nested PCN', parentIcbId: 'PCN' },
      ['parentIcbId'],
      'A PCN belongs to an ICB',
    ],
    [
      'a parent that is not an id',
      { kind: 'pcn', name: 'Odd PCN', parentIcbId: 'x' },
      ['parentIcbId'],
      'Select an organisation from the list',
    ],
    [
      'a directory organisation that does not exist',
      { kind: 'vcse', name: 'Ghost', directoryOrganizationId: randomUUID() },
      ['directoryOrganizationId'],
      'Select a directory organisation',
    ],
  ])('rejects %s', async (_name, form, fields, message) => {
    const pcn = await insertOrganisation(t.db, t.tenant.id, { kind: 'pcn', name: `Parent ${randomUUID()}` });
    const filled = Object.fromEntries(
      Object.entries(form).map(([k, v]) => [k, v === 'PCN' ? pcn.id : v]),
    ) as Record<string, string>;
    const response = await create(filled);
    expect(response.statusCode).toBe(400);
    expect(summaryHrefs(response.body)).toEqual(fields);
    expect(response.body).toContain(message);
  });

  it('refuses an ODS code already used, and a parent from another tenant', async () => {
    await insertOrganisation(t.db, t.tenant.id, { kind: 'icb', name: 'Coded ICB', odsCode: 'QXX' });
    const taken = await create({ kind: 'icb', name: 'Copy ICB', odsCode: 'qxx' });
    expect(taken.statusCode).toBe(400);
    expect(taken.body).toContain('Another organisation or practice already has this ODS code');
    const other = await ensureTenant(t.db, 'other-org-tenant', 'Other');
    const foreign = await insertOrganisation(t.db, other.id, { kind: 'icb', name: 'Foreign ICB' });
    const response = await create({ kind: 'pcn', name: 'Foreign child', parentIcbId: foreign.id });
    expect(response.statusCode).toBe(400);
    expect(response.body).toContain('Select an organisation from the list');
  });
});

describe('changing an organisation', () => {
  async function tree(
    prefix: string,
  ): Promise<{ icb: Organisation; pcn: Organisation; practice: Organisation }> {
    const icb = await insertOrganisation(t.db, t.tenant.id, { kind: 'icb', name: `${prefix} ICB` });
    const pcn = await insertOrganisation(t.db, t.tenant.id, {
      kind: 'pcn',
      name: `${prefix} PCN`,
      parentId: icb.id,
    });
    const code = `P${randomUUID().slice(0, 6).toUpperCase()}`;
    const practiceId = randomUUID();
    await upsertPractices(t.db, t.tenant.id, [
      {
        id: practiceId,
        odsCode: code,
        name: `${prefix} Surgery`,
        postcode: 'LS6 1AN',
        latitude: null,
        longitude: null,
      },
    ]);
    const practice = await insertOrganisation(t.db, t.tenant.id, {
      kind: 'practice',
      name: `${prefix} Surgery`,
      odsCode: code,
      parentId: pcn.id,
      practiceId,
    });
    return { icb, pcn, practice };
  }

  it('changes name, ODS code, PCN and postcode; the practice row follows; audited', async () => {
    const { practice } = await tree('Edit');
    const { pcn: otherPcn } = await tree('Other');
    const url = `/app/admin/organisations/${practice.id}`;
    const page = await agent.get(url);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('value="LS6 1AN"');
    const response = await agent.post(
      url,
      {
        name: 'Renamed Surgery',
        odsCode: 'r99999',
        parentId: otherPcn.id,
        postcode: 'LS5 3BT',
        active: 'yes',
      },
      url,
    );
    expect(response.statusCode).toBe(303);
    expect(response.headers.location).toBe(`${url}?done=updated`);
    expect(await findOrg('Renamed Surgery')).toMatchObject({ odsCode: 'R99999', parentId: otherPcn.id });
    const row = await t.db
      .selectFrom('practice')
      .select(['ods_code', 'name', 'postcode'])
      .where('id', '=', practice.practiceId ?? '')
      .executeTakeFirst();
    expect(row).toEqual({ ods_code: 'R99999', name: 'Renamed Surgery', postcode: 'LS5 3BT' });
    const audit = await t.db
      .selectFrom('audit_event')
      .select(['action', 'details'])
      .where('subject_id', '=', practice.id)
      .execute();
    expect(audit).toEqual([{ action: 'update', details: { fields: ['name', 'odsCode', 'parentId'] } }]);
    expect((await agent.get(`${url}?done=updated`)).body).toContain('Organisation updated');
  });

  it('will not make a PCN inactive while its practices are active, nor put a practice under an ICB', async () => {
    const { icb, pcn, practice } = await tree('Guard');
    const pcnUrl = `/app/admin/organisations/${pcn.id}`;
    const refused = await agent.post(pcnUrl, { name: pcn.name, parentId: icb.id, active: 'no' }, pcnUrl);
    expect(refused.statusCode).toBe(400);
    expect(refused.body).toContain(
      'Make the organisations that belong to this one inactive, or move them, first',
    );
    expect(refused.body).toMatch(/value="no" checked/);
    const practiceUrl = `/app/admin/organisations/${practice.id}`;
    const wrong = await agent.post(
      practiceUrl,
      {
        name: practice.name,
        odsCode: practice.odsCode ?? '',
        parentId: icb.id,
        postcode: 'LS6 1AN',
        active: 'yes',
      },
      practiceUrl,
    );
    expect(wrong.statusCode).toBe(400);
    expect(wrong.body).toContain('A PCN belongs to an ICB, and a GP practice belongs to a PCN');
    const off = await agent.post(
      practiceUrl,
      {
        name: practice.name,
        odsCode: practice.odsCode ?? '',
        parentId: pcn.id,
        postcode: 'LS6 1AN',
        active: 'no',
      },
      practiceUrl,
    );
    expect(off.statusCode).toBe(303);
    expect(
      (await agent.post(pcnUrl, { name: pcn.name, parentId: icb.id, active: 'no' }, pcnUrl)).statusCode,
    ).toBe(303);
    expect((await findOrg(pcn.name)).active).toBe(false);
  });

  it("will not make inactive the organisation holding the tenant's last administrator role", async () => {
    const url = `/app/admin/organisations/${adminOrganisationId}`;
    const org = await t.db
      .selectFrom('organisation')
      .select('name')
      .where('id', '=', adminOrganisationId)
      .executeTakeFirstOrThrow();
    const response = await agent.post(url, { name: org.name, active: 'no' }, url);
    expect(response.statusCode).toBe(400);
    expect(response.body).toContain('This organisation holds the last administrator roles');
    expect((await findOrg(org.name)).active).toBe(true);
  });

  it("gives 404 for another tenant's organisation and an id that is not one", async () => {
    const other = await ensureTenant(t.db, 'other-org-tenant', 'Other');
    const foreign = await insertOrganisation(t.db, other.id, { kind: 'icb', name: 'Far ICB' });
    const token = csrfFrom((await agent.get(NEW)).body);
    for (const id of [foreign.id, 'nope']) {
      expect((await agent.get(`/app/admin/organisations/${id}`)).statusCode).toBe(404);
      const post = await agent.postWithToken(
        `/app/admin/organisations/${id}`,
        { name: 'Taken over', active: 'yes' },
        token,
      );
      expect(post.statusCode).toBe(404);
    }
    const row = await t.db
      .selectFrom('organisation')
      .select('name')
      .where('id', '=', foreign.id)
      .executeTakeFirst();
    expect(row?.name).toBe('Far ICB');
  });

  it('is refused to a role without organisations:manage', async () => {
    const { agent: theirs } = await signedInAgent(app, t, { roles: ['clinician'] });
    expect((await theirs.get('/app/admin/organisations')).statusCode).toBe(403);
  });
});

import type { FastifyInstance } from 'fastify';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildUser, csrfFrom, TestAgent } from '../../../test/support/accounts.ts';
import { buildCase, buildPractice, buildReferral } from '../../../test/support/casework-builders.ts';
import { createTestConfig } from '../../../test/support/test-config.ts';
import { createTestDatabase, type TestDatabase } from '../../../test/support/test-db.ts';
import { createApp } from '../../app.ts';
import { grantRole, insertOrganisation } from '../accounts/organisation.repository.ts';
import { searchAudit } from '../audit/audit.repository.ts';
import { ensureSnomedCodes } from '../casework/snomed-codes.ts';
import { findReferral } from './referral.service.ts';
import { cursorAfter, listTriageQueue } from './triage.service.ts';

// Triage over HTTP on a real database: the queue's order and paging, the decision (accept with or without
// allocation, decline with a coded reason, redirect), the case and message back it leaves, allocation from
// the waiting list, two triagers at once, the team page, and the audit entries.

let t: TestDatabase;
let app: FastifyInstance;
let triager: TestAgent;
let triagerId: string;
let practiceId: string;
const workers: Record<'inPractice' | 'inPcn' | 'elsewhere', string> = {
  inPractice: '',
  inPcn: '',
  elsewhere: '',
};
const DAY = 86_400_000;

beforeAll(async () => {
  t = await createTestDatabase();
  await ensureSnomedCodes(t.db, t.tenant.id);
  app = await createApp({
    db: t.db,
    config: createTestConfig({ sessionSecret: 't'.repeat(32), formRateLimitPerMinute: 1000 }),
    tenant: t.tenant,
    logger: false,
  });
  // A PCN with one practice; another PCN elsewhere.
  const pcn = await insertOrganisation(t.db, t.tenant.id, { kind: 'pcn', name: 'North PCN' });
  const otherPcn = await insertOrganisation(t.db, t.tenant.id, { kind: 'pcn', name: 'South PCN' });
  practiceId = (await buildPractice(t.db, t.tenant.id, { name: 'Oak Surgery' })).id;
  const practiceOrg = await insertOrganisation(t.db, t.tenant.id, {
    kind: 'practice',
    name: 'Oak Surgery',
    practiceId,
    parentId: pcn.id,
  });
  const worker = async (name: string, organisationId: string): Promise<string> => {
    const user = await buildUser(t.db, t.tenant.id, { displayName: name });
    await grantRole(t.db, t.tenant.id, { userId: user.id, organisationId, role: 'link_worker' });
    return user.id;
  };
  workers.inPractice = await worker('Ann Practice', practiceOrg.id);
  workers.inPcn = await worker('Bob Network', pcn.id);
  workers.elsewhere = await worker('Cat Elsewhere', otherPcn.id);
  // Ann already has two open cases, Bob one: Bob is the suggestion for Oak Surgery.
  await buildCase(t.db, t.tenant.id, { linkWorkerId: workers.inPractice, practiceId });
  await buildCase(t.db, t.tenant.id, { linkWorkerId: workers.inPractice, practiceId });
  await buildCase(t.db, t.tenant.id, { linkWorkerId: workers.inPcn, practiceId });
  const supervisor = await buildUser(t.db, t.tenant.id, {
    roles: ['supervisor'],
    displayName: 'Sue Supervisor',
  });
  triagerId = supervisor.id;
  triager = new TestAgent(app);
  await triager.signIn(supervisor.email);
});

afterAll(async () => {
  await app.close();
  await t.close();
});

async function decide(
  referralId: string,
  form: Record<string, string>,
  agent = triager,
): Promise<{ status: number; location: string; body: string }> {
  const page = await agent.get(`/app/triage/${referralId}`);
  const version = /name="version" value="(\d+)"/.exec(page.body)?.[1] ?? '1';
  const res = await agent.postWithToken(
    `/app/triage/${referralId}`,
    { version, ...form },
    csrfFrom(page.body),
  );
  return { status: res.statusCode, location: res.headers.location ?? '', body: res.body };
}

describe('the triage queue', () => {
  it('lists new referrals flagged first, then urgent, then soon, then oldest; pages by keyset', async () => {
    const now = Date.now();
    const oldRoutine = await buildReferral(t.db, t.tenant.id, {
      receivedAt: new Date(now - 20 * DAY),
      practice_id: practiceId,
    });
    const newRoutine = await buildReferral(t.db, t.tenant.id, { receivedAt: new Date(now - 1 * DAY) });
    const soon = await buildReferral(t.db, t.tenant.id, {
      urgency: 'soon',
      receivedAt: new Date(now - 2 * DAY),
    });
    const urgent = await buildReferral(t.db, t.tenant.id, {
      urgency: 'urgent',
      receivedAt: new Date(now - 3 * DAY),
    });
    const flagged = await buildReferral(t.db, t.tenant.id, {
      flagged_for_clinician: true,
      receivedAt: new Date(now - 1 * DAY),
    });
    await buildReferral(t.db, t.tenant.id, { status: 'declined', receivedAt: new Date(now - 30 * DAY) });
    const all = await listTriageQueue(t.db, t.tenant.id, { limit: 200 });
    const mine = [flagged, urgent, soon, oldRoutine, newRoutine].map((r) => r.id);
    expect(all.map((i) => i.id).filter((id) => mine.includes(id))).toEqual(mine);
    // Keyset paging: two pages of two continue exactly where the first stopped.
    const first = await listTriageQueue(t.db, t.tenant.id, { limit: 2 });
    const last = first.at(-1);
    const second = await listTriageQueue(t.db, t.tenant.id, {
      limit: 2,
      ...(last === undefined ? {} : { after: cursorAfter(last) }),
    });
    expect([...first, ...second].map((i) => i.id)).toEqual(all.slice(0, 4).map((i) => i.id));

    const page = await triager.get('/app/triage');
    expect(page.statusCode).toBe(200);
    expect(page.body.indexOf(`/app/triage/${flagged.id}`)).toBeLessThan(
      page.body.indexOf(`/app/triage/${urgent.id}`),
    );
    expect(page.body).toContain('Clinician review: urgent words');
    expect(page.body).toContain('Oak Surgery');
    expect(page.body).toContain('Missed');
    const audit = await searchAudit(t.db, t.tenant.id, { action: 'read', subjectType: 'referral', limit: 5 });
    expect(audit.records[0]).toMatchObject({ subjectLabel: 'Triage queue', actorUserId: triagerId });
  });

  it('links to the next 50 when there are more', async () => {
    for (let i = 0; i < 51; i++) {
      await buildReferral(t.db, t.tenant.id, { receivedAt: new Date(Date.now() - 400 * DAY) });
    }
    const page = await triager.get('/app/triage');
    const next = /href="(\/app\/triage\?after=[^"]+)"/.exec(page.body)?.[1] ?? '';
    expect(next).not.toBe('');
    const second = await triager.get(next.replace(/&amp;/g, '&'));
    expect(second.statusCode).toBe(200);
    expect(second.body).toContain('Back to the start of the queue');
    // A cursor that is not one is ignored (the first page), not an error.
    expect((await triager.get('/app/triage?after=garbage')).statusCode).toBe(200);
  });
});

describe('a triage decision', () => {
  it('suggests the link worker covering the practice with the fewest open cases', async () => {
    const referral = await buildReferral(t.db, t.tenant.id, { practice_id: practiceId });
    const page = await triager.get(`/app/triage/${referral.id}`);
    expect(page.statusCode).toBe(200);
    expect(page.body).toMatch(
      new RegExp(`<option value="${workers.inPcn}" selected>Bob Network \\(suggested\\): 1/40 open`),
    );
    expect(page.body).toContain('Ann Practice: 2/40 open, 2/225 this year, covers the practice');
    expect(page.body).not.toMatch(/Cat Elsewhere[^<]*covers the practice/);
  });

  it('accepts and allocates now: an active case for the link worker, the message back, an audit entry', async () => {
    const referral = await buildReferral(t.db, t.tenant.id, { practice_id: practiceId });
    const res = await decide(referral.id, { decision: 'accept', linkWorkerId: workers.inPractice });
    expect(res.status).toBe(303);
    expect(res.location).toBe(`/app/triage/${referral.id}?done=accepted`);
    expect(await findReferral(t.db, t.tenant.id, referral.id)).toMatchObject({
      status: 'accepted',
      triagedBy: triagerId,
      version: 2,
    });
    const spCase = await t.db
      .selectFrom('sp_case')
      .selectAll()
      .where('referral_id', '=', referral.id)
      .executeTakeFirstOrThrow();
    expect(spCase).toMatchObject({ status: 'active', link_worker_id: workers.inPractice });
    const messages = await t.db
      .selectFrom('message_back')
      .select('stage')
      .where('referral_id', '=', referral.id)
      .execute();
    expect(messages).toEqual([{ stage: 'accepted' }]);
    const audit = await searchAudit(t.db, t.tenant.id, {
      subjectType: 'referral',
      subjectId: referral.id,
      action: 'update',
      limit: 5,
    });
    expect(audit.records[0]?.details).toMatchObject({
      decision: 'accepted',
      allocatedTo: workers.inPractice,
    });
    const after = await triager.get(res.location);
    expect(after.body).toContain('Referral accepted');
    expect(after.body).toContain('Allocated to Ann Practice');
  });

  it('accepts onto the waiting list, then allocates from it', async () => {
    const referral = await buildReferral(t.db, t.tenant.id, { practice_id: practiceId });
    expect((await decide(referral.id, { decision: 'accept', linkWorkerId: 'later' })).status).toBe(303);
    const waiting = await t.db
      .selectFrom('sp_case')
      .selectAll()
      .where('referral_id', '=', referral.id)
      .executeTakeFirstOrThrow();
    expect(waiting).toMatchObject({ status: 'waiting', link_worker_id: null });
    const page = await triager.get(`/app/triage/${referral.id}`);
    expect(page.body).toMatch(/Position \d+ on the waiting list/);
    const team = await triager.get('/app/team');
    expect(team.body).toContain(`/app/triage/${referral.id}`);
    const missing = await triager.postWithToken(
      `/app/triage/${referral.id}`,
      { action: 'allocate', version: String(waiting.version), linkWorkerId: randomUUID() },
      csrfFrom(page.body),
    );
    expect(missing.statusCode).toBe(400);
    expect(missing.body).toContain('Select a link worker from the list');
    const res = await triager.postWithToken(
      `/app/triage/${referral.id}`,
      { action: 'allocate', version: String(waiting.version), linkWorkerId: workers.inPcn },
      csrfFrom(page.body),
    );
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe(`/app/triage/${referral.id}?done=allocated`);
    const allocated = await t.db
      .selectFrom('sp_case')
      .selectAll()
      .where('referral_id', '=', referral.id)
      .executeTakeFirstOrThrow();
    expect(allocated).toMatchObject({ status: 'active', link_worker_id: workers.inPcn });
    // Allocating again with the old version is refused (the case changed).
    const stale = await triager.postWithToken(
      `/app/triage/${referral.id}`,
      { action: 'allocate', version: String(waiting.version), linkWorkerId: workers.inPractice },
      csrfFrom(page.body),
    );
    expect(stale.statusCode).toBe(409);
  });

  it('declines because the person declined: the SNOMED code 871711000000103 and the message back', async () => {
    const referral = await buildReferral(t.db, t.tenant.id, { practice_id: practiceId });
    const res = await decide(referral.id, { decision: 'decline', declineReason: 'declined_by_patient' });
    expect(res.status).toBe(303);
    expect(await findReferral(t.db, t.tenant.id, referral.id)).toMatchObject({
      status: 'declined',
      declineReason: 'declined_by_patient',
    });
    const codes = await t.db
      .selectFrom('coded_event')
      .select('snomed_code')
      .where('referral_id', '=', referral.id)
      .execute();
    expect(codes).toEqual([{ snomed_code: '871711000000103' }]);
    const messages = await t.db
      .selectFrom('message_back')
      .select('stage')
      .where('referral_id', '=', referral.id)
      .execute();
    expect(messages).toEqual([{ stage: 'declined' }]);
    expect(
      await t.db.selectFrom('sp_case').select('id').where('referral_id', '=', referral.id).execute(),
    ).toEqual([]);
  });

  it('declines for another reason with the explanation, and writes no code', async () => {
    const referral = await buildReferral(t.db, t.tenant.id);
    const res = await decide(referral.id, {
      decision: 'decline',
      declineReason: 'other',
      declineNote: 'Already supported by the community mental health team',
    });
    expect(res.status).toBe(303);
    expect(await findReferral(t.db, t.tenant.id, referral.id)).toMatchObject({
      declineReason: 'other',
      triageNote: 'Already supported by the community mental health team',
    });
    expect(
      await t.db.selectFrom('coded_event').select('id').where('referral_id', '=', referral.id).execute(),
    ).toEqual([]);
  });

  it('redirects to another service', async () => {
    const referral = await buildReferral(t.db, t.tenant.id);
    expect(
      (await decide(referral.id, { decision: 'redirect', redirectedTo: 'Health and wellbeing coach' }))
        .status,
    ).toBe(303);
    expect(await findReferral(t.db, t.tenant.id, referral.id)).toMatchObject({
      status: 'redirected',
      redirectedTo: 'Health and wellbeing coach',
    });
  });

  it.each([
    ['no decision', {}, 'Select accept, decline or redirect', 'decision'],
    [
      'a decline with no reason',
      { decision: 'decline' },
      'Select why you are declining the referral',
      'declineReason',
    ],
    [
      '"another reason" with no explanation',
      { decision: 'decline', declineReason: 'other' },
      'Explain why you are declining the referral',
      'declineNote',
    ],
    [
      'a redirect with nowhere to go',
      { decision: 'redirect', redirectedTo: ' ' },
      'Enter where you are redirecting the referral to',
      'redirectedTo',
    ],
    [
      'a link worker not on the list',
      { decision: 'accept', linkWorkerId: randomUUID() },
      'Select a link worker from the list',
      'linkWorkerId',
    ],
  ])(
    'rejects %s with the error summary and changes nothing',
    async (_case, form: Record<string, string>, message, field) => {
      const referral = await buildReferral(t.db, t.tenant.id);
      const res = await decide(referral.id, form);
      expect(res.status).toBe(400);
      expect(res.body).toContain('<title>Error: Triage a referral');
      expect(res.body).toContain(message);
      expect(res.body).toContain(`href="#${field}"`);
      expect(await findReferral(t.db, t.tenant.id, referral.id)).toMatchObject({ status: 'new', version: 1 });
    },
  );

  it('never lets two triagers overwrite each other', async () => {
    const referral = await buildReferral(t.db, t.tenant.id);
    const other = await buildUser(t.db, t.tenant.id, { roles: ['link_worker'], displayName: 'Dee Other' });
    const otherAgent = new TestAgent(app);
    await otherAgent.signIn(other.email);
    const minePage = await triager.get(`/app/triage/${referral.id}`);
    expect(
      (await decide(referral.id, { decision: 'redirect', redirectedTo: 'Citizens Advice' }, otherAgent))
        .status,
    ).toBe(303);
    const res = await triager.postWithToken(
      `/app/triage/${referral.id}`,
      { version: '1', decision: 'accept', linkWorkerId: 'later' },
      csrfFrom(minePage.body),
    );
    expect(res.statusCode).toBe(409);
    expect(res.body).toContain('This referral changed while you were looking at it');
    expect(res.body).toContain('Dee Other');
    expect(await findReferral(t.db, t.tenant.id, referral.id)).toMatchObject({
      status: 'redirected',
      redirectedTo: 'Citizens Advice',
    });
    expect(
      await t.db.selectFrom('sp_case').select('id').where('referral_id', '=', referral.id).execute(),
    ).toEqual([]);
  });

  it('answers 404 for a referral that does not exist', async () => {
    expect((await triager.get(`/app/triage/${randomUUID()}`)).statusCode).toBe(404);
  });
});

describe('the team page', () => {
  it('shows each link worker against capacity and the waiting list with positions', async () => {
    const page = await triager.get('/app/team');
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Team caseloads');
    expect(page.body).toContain('Ann Practice');
    expect(page.body).toContain('Cat Elsewhere');
    expect(page.body).toMatch(/(\d+|No) accepted referrals? (is|are) waiting for a link worker/);
    const audit = await searchAudit(t.db, t.tenant.id, { action: 'read', subjectType: 'referral', limit: 3 });
    expect(audit.records[0]?.subjectLabel).toBe('Team caseloads and waiting list');
  });
});

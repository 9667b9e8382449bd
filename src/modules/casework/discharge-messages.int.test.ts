import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TestAgent, TEST_PASSWORD } from '../../../test/support/accounts.ts';
import { buildCase } from '../../../test/support/casework-builders.ts';
import {
  auditOf,
  createCaseworkContext,
  errorLinks,
  page,
  submitForm,
  type CaseworkContext,
} from '../../../test/support/casework-context.ts';
import { grantRole, insertOrganisation } from '../accounts/organisation.repository.ts';
import { hashPassword } from '../accounts/password.ts';
import { insertUser } from '../accounts/user.repository.ts';
import { findCaseById } from './case.repository.ts';
import { listMessagesBack } from './message-back.service.ts';
import { londonDate } from './working-days.ts';

// Discharge (coded reason, summary, optimistic locking), the messages back to the referrer and GP (who may
// read them, HTML and PDF) and the coded events export for GP systems.

let ctx: CaseworkContext;
let gpAgent: TestAgent;
const today = londonDate(new Date());
const [year, month, day] = today.split('-') as [string, string, string];

beforeAll(async () => {
  ctx = await createCaseworkContext();
  // A GP at the practice the cases belong to: staff acting for that practice's organisation.
  const org = await insertOrganisation(ctx.t.db, ctx.tenantId, {
    kind: 'practice',
    name: 'Hyde Park Surgery',
    odsCode: 'B86001',
    practiceId: ctx.practiceId,
  });
  const gp = await insertUser(ctx.t.db, ctx.tenantId, {
    email: 'gp@hydepark.example.org',
    displayName: 'Dr Practice',
    status: 'active',
    passwordHash: await hashPassword(TEST_PASSWORD),
  });
  await grantRole(ctx.t.db, ctx.tenantId, { userId: gp.id, organisationId: org.id, role: 'clinician' });
  gpAgent = new TestAgent(ctx.app);
  await gpAgent.signIn('gp@hydepark.example.org');
});

afterAll(async () => {
  await ctx.close();
});

async function contactedCase(): Promise<{ caseId: string; referralId: string; patientId: string }> {
  const c = await buildCase(ctx.t.db, ctx.tenantId, {
    linkWorkerId: ctx.worker.id,
    practiceId: ctx.practiceId,
    referrerUserId: ctx.clinician.id,
  });
  await submitForm(ctx.worker.agent, `/app/cases/${c.caseId}`, `/app/cases/${c.caseId}/contacts`, {
    'date[day]': String(Number(day)),
    'date[month]': String(Number(month)),
    'date[year]': year,
    mode: 'home-visit',
    attended: 'yes',
  });
  return c;
}

describe('discharge', () => {
  it('discharges with a coded reason and summary, and writes the discharge letter', async () => {
    const c = await contactedCase();
    const url = `/app/cases/${c.caseId}/discharge`;
    expect((await ctx.worker.agent.get(url)).statusCode).toBe(200);
    const response = await submitForm(ctx.worker.agent, url, url, {
      reason: 'goals_met',
      summary: 'Goes to the walking group weekly and feels less alone.',
    });
    expect(response.headers.location).toBe(`/app/cases/${c.caseId}?done=discharged`);
    const spCase = await findCaseById(ctx.t.db, ctx.tenantId, c.caseId);
    expect(spCase).toMatchObject({ status: 'discharged', dischargeReason: 'goals_met' });
    const messages = await listMessagesBack(ctx.t.db, ctx.tenantId, c.referralId);
    expect(messages.map((m) => m.stage)).toEqual(['first-contact', 'discharge']);
    expect((await auditOf(ctx, c.patientId)).at(-1)).toMatchObject({
      action: 'update',
      details: { reason: 'goals_met' },
    });
    const casePage = page(await ctx.worker.agent.get(`/app/cases/${c.caseId}`));
    expect(casePage('form[action$="/contacts"]')).toHaveLength(0);
  });

  it('asks for a reason and a summary (400)', async () => {
    const c = await contactedCase();
    const url = `/app/cases/${c.caseId}/discharge`;
    const response = await submitForm(ctx.worker.agent, url, url, { summary: '' });
    expect(response.statusCode).toBe(400);
    expect(errorLinks(response)).toEqual([
      { text: 'Select why they are being discharged', href: '#reason' },
      { text: 'Enter a summary for the GP and referrer', href: '#summary' },
    ]);
  });

  it('refuses a discharge based on an old version of the case (409), listing what changed', async () => {
    const c = await contactedCase();
    const url = `/app/cases/${c.caseId}/discharge`;
    const $ = page(await ctx.worker.agent.get(url));
    const stale = {
      token: String($('input[name="_csrf"]').val()),
      version: String($('input[name="version"]').val()),
      shown: String($('input[name="shown"]').val()),
    };
    await submitForm(ctx.worker.agent, `/app/cases/${c.caseId}`, `/app/cases/${c.caseId}/contacts`, {
      'date[day]': String(Number(day)),
      'date[month]': String(Number(month)),
      'date[year]': year,
      mode: 'phone',
      attended: 'yes',
    });
    const response = await ctx.worker.agent.postWithToken(
      url,
      { reason: 'moved_away', summary: 'Moved to Leeds', version: stale.version, shown: stale.shown },
      stale.token,
    );
    expect(response.statusCode).toBe(409);
    const conflict = page(response);
    expect(conflict('#conflict dt').text()).toContain('Contacts recorded');
    expect(conflict('#summary').text()).toBe('Moved to Leeds');
    expect((await findCaseById(ctx.t.db, ctx.tenantId, c.caseId))?.status).toBe('active');
  });
});

describe('messages back to the referrer and GP', () => {
  it('lets the referrer read the letter and its PDF, and records both', async () => {
    const c = await contactedCase();
    const message = (await listMessagesBack(ctx.t.db, ctx.tenantId, c.referralId)).at(0);
    if (message === undefined) {
      throw new Error('no message back');
    }
    const html = await ctx.clinician.agent.get(message.href);
    expect(html.statusCode).toBe(200);
    const $ = page(html);
    expect($('.signpost-letter h2').text()).toBe('Social prescribing: first contact made');
    expect($('main').text()).toContain('871731000000106');
    const pdf = await ctx.clinician.agent.get(message.pdfHref);
    expect(pdf.statusCode).toBe(200);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    expect(pdf.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
    const audit = await ctx.t.db
      .selectFrom('audit_event')
      .select(['action', 'subject_type'])
      .where('subject_id', '=', c.referralId)
      .orderBy('seq')
      .execute();
    expect(audit).toEqual([
      { action: 'read', subject_type: 'referral' },
      { action: 'export', subject_type: 'referral' },
    ]);
  });

  it('lets staff of the GP practice read it, and answers 404 to anyone else', async () => {
    const c = await contactedCase();
    const message = (await listMessagesBack(ctx.t.db, ctx.tenantId, c.referralId)).at(0);
    if (message === undefined) {
      throw new Error('no message back');
    }
    expect((await gpAgent.get(message.href)).statusCode).toBe(200);
    expect((await ctx.navigator.agent.get(message.href)).statusCode).toBe(404);
    expect((await ctx.navigator.agent.get(message.pdfHref)).statusCode).toBe(404);
    const otherReferral = await buildCase(ctx.t.db, ctx.tenantId, { referrerUserId: ctx.clinician.id });
    const wrongReferral = `/app/referrals/${otherReferral.referralId}/messages/${message.id}`;
    expect((await ctx.clinician.agent.get(wrongReferral)).statusCode).toBe(404);
  });
});

describe('coded events export', () => {
  it('lists the practice codes as CSV and JSON, and records each download', async () => {
    const c = await contactedCase();
    const nhsNumber = (
      await ctx.t.db
        .selectFrom('patient')
        .select('nhs_number')
        .where('id', '=', c.patientId)
        .executeTakeFirstOrThrow()
    ).nhs_number;
    const base = `/app/exports/coded-events?practice=${ctx.practiceId}&from=${today}&to=${today}`;
    const csv = await ctx.clinician.agent.get(`${base}&format=csv`);
    expect(csv.statusCode).toBe(200);
    expect(csv.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(csv.headers['content-disposition']).toBe(
      `attachment; filename="coded-events-B86001-${today}-${today}.csv"`,
    );
    const lines = csv.body.trim().split('\n');
    expect(lines[0]).toBe('date,nhs_number,snomed_code,term,event');
    expect(lines).toContain(
      `${today},${String(nhsNumber)},871731000000106,Referral to social prescribing service (procedure),first-contact`,
    );
    const json = await ctx.clinician.agent.get(`${base}&format=json`);
    const body = JSON.parse(json.body) as {
      practice: { odsCode: string };
      events: { nhsNumber: string; code: string }[];
    };
    expect(body.practice.odsCode).toBe('B86001');
    expect(body.events).toContainEqual(expect.objectContaining({ nhsNumber, code: '871731000000106' }));
    const exports = await ctx.t.db
      .selectFrom('audit_event')
      .select('details')
      .where('action', '=', 'export')
      .where('route', '=', 'GET /app/exports/coded-events')
      .orderBy('seq')
      .execute();
    expect(exports.map((e) => (e.details as { format: string }).format)).toEqual(['csv', 'json']);
  });

  it('shows the form, then the problems (400)', async () => {
    const form = await ctx.clinician.agent.get('/app/exports/coded-events');
    expect(form.statusCode).toBe(200);
    const response = await ctx.clinician.agent.get(
      '/app/exports/coded-events?practice=&from[day]=1&from[month]=13&from[year]=2026&to=2026-01-01&format=xml',
    );
    expect(response.statusCode).toBe(400);
    expect(errorLinks(response)).toEqual([
      { text: 'Select a practice', href: '#practice' },
      { text: 'Start date must be a real date, like 27 3 2026', href: '#from-day' },
      { text: 'Select CSV or JSON', href: '#format' },
    ]);
  });

  it('refuses an end date before the start date', async () => {
    const response = await ctx.clinician.agent.get(
      `/app/exports/coded-events?practice=${ctx.practiceId}&from=2026-03-02&to=2026-03-01`,
    );
    expect(errorLinks(response)).toEqual([
      { text: 'End date must be the same as or after the start date', href: '#to-day' },
    ]);
  });

  it('refuses roles without the export permission (403)', async () => {
    expect((await ctx.navigator.agent.get('/app/exports/coded-events')).statusCode).toBe(403);
  });
});

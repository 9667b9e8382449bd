import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildCase } from '../../../test/support/casework-builders.ts';
import {
  auditOf,
  createCaseworkContext,
  csrfToken,
  errorLinks,
  page,
  submitForm,
  type CaseworkContext,
} from '../../../test/support/casework-context.ts';
import { findCaseById } from './case.repository.ts';
import { listCodedEventsOf } from './coded-event.repository.ts';
import { listMessagesBack } from './message-back.service.ts';
import { createStaffTask } from './staff-task.service.ts';
import { londonDate } from './working-days.ts';

// The case page: who may open it, recording contacts (the first attended contact alone is coded
// 871731000000106 and reported to the GP), optimistic locking, and safeguarding escalation with its task.

let ctx: CaseworkContext;
const today = londonDate(new Date());
const [year, month, day] = today.split('-') as [string, string, string];

function contactForm(overrides: Record<string, string> = {}): Record<string, string> {
  return {
    'date[day]': String(Number(day)),
    'date[month]': String(Number(month)),
    'date[year]': year,
    mode: 'phone',
    attended: 'yes',
    duration: '30',
    notes: 'Talked about the walking group',
    ...overrides,
  };
}

beforeAll(async () => {
  ctx = await createCaseworkContext();
});

afterAll(async () => {
  await ctx.close();
});

async function allocatedCase(): Promise<{ caseId: string; referralId: string; patientId: string }> {
  return buildCase(ctx.t.db, ctx.tenantId, { linkWorkerId: ctx.worker.id, practiceId: ctx.practiceId });
}

describe('who may open a case', () => {
  it('shows the allocated link worker the case and records the read', async () => {
    const c = await allocatedCase();
    const response = await ctx.worker.agent.get(`/app/cases/${c.caseId}`);
    expect(response.statusCode).toBe(200);
    const $ = page(response);
    expect($('h1').text()).toContain('Alex');
    expect($('form[action$="/contacts"]').length).toBe(1);
    const audit = await auditOf(ctx, c.patientId);
    expect(audit.at(-1)).toMatchObject({ action: 'read', route: 'GET /app/cases/:id' });
  });

  it('lets a supervisor read any case, without the forms', async () => {
    const c = await allocatedCase();
    const response = await ctx.supervisor.agent.get(`/app/cases/${c.caseId}`);
    expect(response.statusCode).toBe(200);
    expect(page(response)('form[action$="/contacts"]').length).toBe(0);
  });

  it('answers 404 to another link worker, for a case allocated to someone else', async () => {
    const c = await allocatedCase();
    expect((await ctx.otherWorker.agent.get(`/app/cases/${c.caseId}`)).statusCode).toBe(404);
    const post = await ctx.otherWorker.agent.postWithToken(
      `/app/cases/${c.caseId}/contacts`,
      contactForm(),
      await csrfToken(ctx.otherWorker.agent),
    );
    expect(post.statusCode).toBe(404);
  });

  it('lets a triage role read a case still waiting for a link worker, but not change it', async () => {
    const waiting = await buildCase(ctx.t.db, ctx.tenantId);
    expect((await ctx.otherWorker.agent.get(`/app/cases/${waiting.caseId}`)).statusCode).toBe(200);
    const post = await ctx.otherWorker.agent.postWithToken(
      `/app/cases/${waiting.caseId}/contacts`,
      contactForm(),
      await csrfToken(ctx.otherWorker.agent),
    );
    expect(post.statusCode).toBe(404);
  });

  it.each([
    ['an unknown id', '/app/cases/00000000-0000-4000-8000-000000000000'],
    ['an id that is not a UUID', '/app/cases/not-a-uuid'],
  ])('answers 404 for %s', async (_label, url) => {
    expect((await ctx.worker.agent.get(url)).statusCode).toBe(404);
  });

  it('refuses roles without casework permission (403)', async () => {
    const c = await allocatedCase();
    expect((await ctx.clinician.agent.get(`/app/cases/${c.caseId}`)).statusCode).toBe(403);
    expect((await ctx.navigator.agent.get(`/app/cases/${c.caseId}`)).statusCode).toBe(403);
  });
});

describe('recording contacts', () => {
  it('codes 871731000000106 and writes the message back at the first attended contact only', async () => {
    const c = await allocatedCase();
    const first = await submitForm(
      ctx.worker.agent,
      `/app/cases/${c.caseId}`,
      `/app/cases/${c.caseId}/contacts`,
      contactForm(),
    );
    expect(first.statusCode).toBe(303);
    expect(first.headers.location).toBe(`/app/cases/${c.caseId}?done=firstContact#contacts`);
    const second = await submitForm(
      ctx.worker.agent,
      `/app/cases/${c.caseId}`,
      `/app/cases/${c.caseId}/contacts`,
      contactForm({ mode: 'face-to-face' }),
    );
    expect(second.headers.location).toBe(`/app/cases/${c.caseId}?done=contactAdded#contacts`);
    const coded = await listCodedEventsOf(ctx.t.db, ctx.tenantId, { caseId: c.caseId });
    expect(coded).toHaveLength(1);
    expect(coded[0]).toMatchObject({
      snomedCode: '871731000000106',
      event: 'first-contact',
      practiceId: ctx.practiceId,
    });
    const messages = await listMessagesBack(ctx.t.db, ctx.tenantId, c.referralId);
    expect(messages.map((m) => m.stage)).toEqual(['first-contact']);
    const spCase = await findCaseById(ctx.t.db, ctx.tenantId, c.caseId);
    expect(spCase?.status).toBe('active');
    expect(spCase?.firstContactAt).not.toBeNull();
    expect(spCase?.version).toBe(3);
    const audit = await auditOf(ctx, c.patientId);
    const creates = audit.filter((a) => a.action === 'create');
    expect(creates.map((a) => a.details)).toMatchObject([
      { firstContact: true, codedEvent: '871731000000106' },
      { firstContact: false, codedEvent: null },
    ]);
  });

  it('does not code a contact the person did not attend, and codes the next attended one', async () => {
    const c = await allocatedCase();
    await submitForm(
      ctx.worker.agent,
      `/app/cases/${c.caseId}`,
      `/app/cases/${c.caseId}/contacts`,
      contactForm({ attended: 'no' }),
    );
    expect(await listCodedEventsOf(ctx.t.db, ctx.tenantId, { caseId: c.caseId })).toEqual([]);
    expect((await findCaseById(ctx.t.db, ctx.tenantId, c.caseId))?.firstContactAt).toBeNull();
    await submitForm(
      ctx.worker.agent,
      `/app/cases/${c.caseId}`,
      `/app/cases/${c.caseId}/contacts`,
      contactForm(),
    );
    expect(await listCodedEventsOf(ctx.t.db, ctx.tenantId, { caseId: c.caseId })).toHaveLength(1);
  });

  it('shows every problem in the error summary and keeps what was typed (400)', async () => {
    const c = await allocatedCase();
    const response = await submitForm(
      ctx.worker.agent,
      `/app/cases/${c.caseId}`,
      `/app/cases/${c.caseId}/contacts`,
      { 'date[day]': '31', 'date[month]': '2', 'date[year]': year, duration: 'ten', notes: 'Kept notes' },
    );
    expect(response.statusCode).toBe(400);
    expect(errorLinks(response)).toEqual([
      { text: 'Date of the contact must be a real date, like 27 3 2026', href: '#date-day' },
      { text: 'Select how the contact happened', href: '#mode' },
      { text: 'Select whether the person attended', href: '#attended' },
      { text: 'Duration must be a whole number of minutes, like 30', href: '#duration' },
    ]);
    const $ = page(response);
    expect($('title').text()).toMatch(/^Error: /);
    expect($('#notes').text()).toBe('Kept notes');
    expect($('#duration').val()).toBe('ten');
    expect($('#date-day').val()).toBe('31');
    expect(await listCodedEventsOf(ctx.t.db, ctx.tenantId, { caseId: c.caseId })).toEqual([]);
  });

  it('refuses a contact dated in the future or before the referral was accepted', async () => {
    const c = await allocatedCase();
    const future = await submitForm(
      ctx.worker.agent,
      `/app/cases/${c.caseId}`,
      `/app/cases/${c.caseId}/contacts`,
      contactForm({ 'date[year]': String(Number(year) + 1) }),
    );
    expect(errorLinks(future).map((l) => l.text)).toEqual([
      'Date of the contact must be today or in the past',
    ]);
    const before = await submitForm(
      ctx.worker.agent,
      `/app/cases/${c.caseId}`,
      `/app/cases/${c.caseId}/contacts`,
      contactForm({ 'date[year]': String(Number(year) - 1) }),
    );
    expect(errorLinks(before).map((l) => l.text)).toEqual([
      'Date of the contact must be on or after the day the referral was accepted',
    ]);
  });

  it('shows what changed when the case changed under the form (409), and saves nothing', async () => {
    const c = await allocatedCase();
    const stalePage = await ctx.worker.agent.get(`/app/cases/${c.caseId}`);
    const $stale = page(stalePage);
    const stale = {
      _csrf: String($stale('input[name="_csrf"]').first().val()),
      version: String($stale('form[action$="/contacts"] input[name="version"]').val()),
      shown: String($stale('form[action$="/contacts"] input[name="shown"]').val()),
    };
    // Someone else (another tab) records the first contact.
    await submitForm(
      ctx.worker.agent,
      `/app/cases/${c.caseId}`,
      `/app/cases/${c.caseId}/contacts`,
      contactForm(),
    );
    const conflict = await ctx.worker.agent.postWithToken(
      `/app/cases/${c.caseId}/contacts`,
      { ...contactForm({ notes: 'Second tab notes' }), version: stale.version, shown: stale.shown },
      stale._csrf,
    );
    expect(conflict.statusCode).toBe(409);
    const $ = page(conflict);
    expect($('#conflict-title').text()).toBe('This case changed while you were editing it');
    const changed = $('#conflict dt')
      .toArray()
      .map((dt) => $(dt).text().trim());
    // The first contact also met the first-contact target date, so no contact is due any more.
    expect(changed).toEqual(['First contact', 'Next contact due', 'Contacts recorded']);
    expect($('#notes').text()).toBe('Second tab notes');
    expect(await listCodedEventsOf(ctx.t.db, ctx.tenantId, { caseId: c.caseId })).toHaveLength(1);
  });
});

describe('safeguarding', () => {
  it('raises a concern: a flag, an urgent task for the named clinician, the banner, an audited escalation', async () => {
    const c = await allocatedCase();
    const response = await submitForm(
      ctx.worker.agent,
      `/app/cases/${c.caseId}`,
      `/app/cases/${c.caseId}/safeguarding`,
      { description: 'Says their carer takes their money', clinicianId: ctx.clinician.id },
    );
    expect(response.statusCode).toBe(303);
    const casePage = page(await ctx.worker.agent.get(`/app/cases/${c.caseId}`));
    expect(casePage('#safeguarding-banner').text()).toContain('Says their carer takes their money');
    const plan = page(await ctx.worker.agent.get(`/app/cases/${c.caseId}/plan`));
    expect(plan('h1').text()).toBe('Personalised care and support plan');
    const task = await ctx.t.db
      .selectFrom('staff_task')
      .selectAll()
      .where('tenant_id', '=', ctx.tenantId)
      .where('case_id', '=', c.caseId)
      .executeTakeFirstOrThrow();
    expect(task).toMatchObject({
      kind: 'safeguarding-escalation',
      priority: 'urgent',
      assigned_to: ctx.clinician.id,
    });
    const audit = (await auditOf(ctx, c.patientId)).find((a) => a.subject_label === 'Safeguarding concern');
    expect(audit).toMatchObject({ action: 'create', details: { escalatedTo: ctx.clinician.id } });
    const outbox = await ctx.t.db
      .selectFrom('notify_outbox')
      .select(['recipient', 'body_text'])
      .where('template', '=', 'safeguarding-escalation')
      .execute();
    expect(outbox.map((o) => o.recipient)).toContain(ctx.clinician.email);
    expect(outbox.every((o) => !o.body_text.includes('carer'))).toBe(true);

    const tasks = await ctx.clinician.agent.get('/app/tasks');
    expect(tasks.statusCode).toBe(200);
    expect(page(tasks)('main').text()).toContain('Says their carer takes their money');
    const done = await submitForm(ctx.clinician.agent, '/app/tasks', `/app/tasks/${task.id}/done`, {});
    expect(done.headers.location).toBe('/app/tasks?done=done');
    const flag = await ctx.t.db
      .selectFrom('safeguarding_flag')
      .selectAll()
      .where('case_id', '=', c.caseId)
      .executeTakeFirstOrThrow();
    expect(flag.acknowledged_at).not.toBeNull();
    expect(flag.resolved_at).toBeNull();

    const resolved = await submitForm(
      ctx.worker.agent,
      `/app/cases/${c.caseId}`,
      `/app/cases/${c.caseId}/safeguarding/${flag.id}/resolve`,
      { resolution: 'Adult social care contacted; plan in place' },
    );
    expect(resolved.statusCode).toBe(303);
    expect(page(await ctx.worker.agent.get(`/app/cases/${c.caseId}`))('#safeguarding-banner').length).toBe(0);
  });

  it('asks for a description and a clinician (400)', async () => {
    const c = await allocatedCase();
    const response = await submitForm(
      ctx.worker.agent,
      `/app/cases/${c.caseId}`,
      `/app/cases/${c.caseId}/safeguarding`,
      { description: ' ', clinicianId: ctx.otherWorker.id },
    );
    expect(response.statusCode).toBe(400);
    expect(errorLinks(response)).toEqual([
      { text: 'Describe the safeguarding concern', href: '#description' },
      { text: 'Select the clinician to escalate the concern to', href: '#clinicianId' },
    ]);
  });

  it('will not let anyone but the assignee finish a task (404)', async () => {
    const c = await allocatedCase();
    await submitForm(ctx.worker.agent, `/app/cases/${c.caseId}`, `/app/cases/${c.caseId}/safeguarding`, {
      description: 'Concern',
      clinicianId: ctx.clinician.id,
    });
    const task = await ctx.t.db
      .selectFrom('staff_task')
      .select('id')
      .where('case_id', '=', c.caseId)
      .executeTakeFirstOrThrow();
    const response = await ctx.worker.agent.postWithToken(
      `/app/tasks/${task.id}/done`,
      {},
      await csrfToken(ctx.worker.agent),
    );
    expect(response.statusCode).toBe(404);
  });
});

describe('tasks no one is assigned to', () => {
  it('shows an unassigned clinician review to clinicians only, and records who finished it', async () => {
    const c = await allocatedCase();
    const taskId = await ctx.t.db.transaction().execute((trx) =>
      createStaffTask(trx, ctx.tenantId, {
        kind: 'clinician-review',
        title: 'Referral flagged for clinician review',
        priority: 'urgent',
        assignedTo: null,
        patientId: c.patientId,
        caseId: null,
        dueAt: null,
        createdBy: null,
      }),
    );
    const mine = page(await ctx.clinician.agent.get('/app/tasks'));
    expect(mine('main').text()).toContain('Referral flagged for clinician review');
    expect(mine('main').text()).toContain('for any clinician');
    const theirs = page(await ctx.worker.agent.get('/app/tasks'));
    expect(theirs('main').text()).not.toContain('Referral flagged for clinician review');
    const refused = await ctx.worker.agent.postWithToken(
      `/app/tasks/${taskId}/done`,
      {},
      await csrfToken(ctx.worker.agent),
    );
    expect(refused.statusCode).toBe(404);
    const done = await submitForm(ctx.clinician.agent, '/app/tasks', `/app/tasks/${taskId}/done`, {});
    expect(done.statusCode).toBe(303);
    const task = await ctx.t.db
      .selectFrom('staff_task')
      .select(['assigned_to', 'done_at'])
      .where('id', '=', taskId)
      .executeTakeFirstOrThrow();
    expect(task.assigned_to).toBe(ctx.clinician.id);
    expect(task.done_at).not.toBeNull();
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildCase } from '../../../test/support/casework-builders.ts';
import { createCaseworkContext, page, type CaseworkContext } from '../../../test/support/casework-context.ts';
import { loadCaseloadDashboard } from './caseload.service.ts';
import { insertAction, insertGoal } from './plan.repository.ts';
import { insertFlag } from './safeguarding.repository.ts';

// The caseload dashboard: who needs contact (due, or no contact for 14 days), reviews due, overdue
// actions, the people allocated but not yet contacted with the first-contact target, open safeguarding
// flags, and the counts against capacity; a supervisor may look at any link worker's.

let ctx: CaseworkContext;
const TODAY = '2026-04-15'; // a Wednesday
const ids: Record<string, string> = {};

async function setCase(caseId: string, values: Record<string, unknown>): Promise<void> {
  await ctx.t.db.updateTable('sp_case').set(values).where('id', '=', caseId).execute();
}

async function contactOn(caseId: string, date: string, didNotAttend = false): Promise<void> {
  await ctx.t.db
    .insertInto('case_contact')
    .values({
      tenant_id: ctx.tenantId,
      case_id: caseId,
      occurred_at: new Date(`${date}T10:00:00Z`),
      mode: 'phone',
      did_not_attend: didNotAttend,
    })
    .execute();
}

beforeAll(async () => {
  ctx = await createCaseworkContext();
  const db = ctx.t.db;
  const mine = async (name: string, allocated: string): Promise<string> => {
    const c = await buildCase(db, ctx.tenantId, {
      linkWorkerId: ctx.worker.id,
      now: new Date(`${allocated}T09:00:00Z`),
    });
    ids[name] = c.caseId;
    return c.caseId;
  };
  // Allocated 1 April, never contacted: 8 working days by the 15th (Easter takes 3 and 6 April out).
  await mine('waitingMissed', '2026-04-01');
  // Allocated yesterday: within the 5-working-day target.
  await mine('waitingNew', '2026-04-14');
  // In contact, next contact due yesterday.
  const due = await mine('due', '2026-03-01');
  await setCase(due, { first_contact_at: new Date('2026-04-10T10:00:00Z'), next_contact_due: '2026-04-14' });
  await contactOn(due, '2026-04-10');
  // In contact, last attended contact 20 days ago (a missed one since does not count).
  const gap = await mine('gap', '2026-03-01');
  await setCase(gap, { first_contact_at: new Date('2026-03-26T10:00:00Z'), next_contact_due: null });
  await contactOn(gap, '2026-03-26');
  await contactOn(gap, '2026-04-13', true);
  // In contact recently, plan review tomorrow, one overdue action and an open safeguarding concern.
  const busy = await mine('busy', '2026-03-01');
  await setCase(busy, { first_contact_at: new Date('2026-04-14T10:00:00Z'), next_contact_due: '2026-05-01' });
  await contactOn(busy, '2026-04-14');
  await db.updateTable('care_plan').set({ review_date: '2026-04-16' }).where('case_id', '=', busy).execute();
  const goalId = await insertGoal(db, ctx.tenantId, { caseId: busy, text: 'Get out more' });
  await insertAction(db, ctx.tenantId, {
    caseId: busy,
    goalId,
    text: 'Call the club',
    owner: 'Jo',
    dueDate: '2026-04-10',
  });
  await insertAction(db, ctx.tenantId, {
    caseId: busy,
    goalId,
    text: 'Later',
    owner: 'Jo',
    dueDate: '2026-05-10',
  });
  await insertFlag(db, ctx.tenantId, {
    caseId: busy,
    description: 'Concern',
    escalatedTo: ctx.clinician.id,
    raisedBy: ctx.worker.id,
  });
  // Not on the dashboard: discharged, someone else's, and the team's waiting list.
  const gone = await mine('discharged', '2025-06-01');
  await setCase(gone, { status: 'discharged', discharged_at: new Date('2026-01-01T10:00:00Z') });
  const old = await mine('lastYear', '2025-01-01');
  await setCase(old, { status: 'discharged', discharged_at: new Date('2025-03-01T10:00:00Z') });
  await buildCase(db, ctx.tenantId, { linkWorkerId: ctx.otherWorker.id });
  await buildCase(db, ctx.tenantId);
});

afterAll(async () => {
  await ctx.close();
});

describe('loadCaseloadDashboard', () => {
  it('sorts the open cases into what needs doing', async () => {
    const d = await loadCaseloadDashboard(ctx.t.db, ctx.tenantId, ctx.worker.id, TODAY);
    expect(d.counts).toEqual({ open: 5, inContact: 3, waitingForFirstContact: 2, allocatedThisYear: 6 });
    expect(d.needsContact.map((e) => [e.id, e.contactReason])).toEqual([
      [ids.due, 'due'],
      [ids.gap, 'gap'],
    ]);
    expect(d.needsContact.find((e) => e.id === ids.gap)?.daysSinceContact).toBe(20);
    expect(d.reviewsDue.map((e) => [e.id, e.reviewDate])).toEqual([[ids.busy, '2026-04-16']]);
    expect(d.overdueActions.map((a) => [a.caseId, a.text])).toEqual([[ids.busy, 'Call the club']]);
    expect(d.safeguarding.map((e) => e.id)).toEqual([ids.busy]);
    expect(d.waitingList.map((e) => [e.id, e.waitingWorkingDays, e.firstContactTarget])).toEqual([
      [ids.waitingMissed, 8, 'missed'],
      [ids.waitingNew, 1, 'met'],
    ]);
    expect(d.waitingList[0]?.person?.nhsNumber).toMatch(/^999\d{7}$/);
    expect(d.settings).toMatchObject({ caseloadCapacity: 225, activeCaseloadCapacity: 40 });
  });

  it('is empty for a link worker with no cases', async () => {
    const d = await loadCaseloadDashboard(ctx.t.db, ctx.tenantId, ctx.navigator.id, TODAY);
    expect(d.counts).toEqual({ open: 0, inContact: 0, waitingForFirstContact: 0, allocatedThisYear: 0 });
  });

  it('counts against the tenant capacity settings', async () => {
    await ctx.t.db
      .insertInto('casework_setting')
      .values({ tenant_id: ctx.tenantId, caseload_capacity: 200, active_caseload_capacity: 30 })
      .execute();
    try {
      const d = await loadCaseloadDashboard(ctx.t.db, ctx.tenantId, ctx.worker.id, TODAY);
      expect(d.settings).toMatchObject({ caseloadCapacity: 200, activeCaseloadCapacity: 30 });
    } finally {
      await ctx.t.db.deleteFrom('casework_setting').where('tenant_id', '=', ctx.tenantId).execute();
    }
  });
});

describe('GET /app/caseload', () => {
  it("shows the link worker's own caseload and records who was looked at", async () => {
    const response = await ctx.worker.agent.get('/app/caseload');
    expect(response.statusCode).toBe(200);
    const $ = page(response);
    expect($('h1').text()).toBe('Your caseload');
    expect($('#worker')).toHaveLength(0);
    expect($('a[href^="/app/cases/"]').length).toBeGreaterThan(4);
    const reads = await ctx.t.db
      .selectFrom('audit_event')
      .select(['subject_type', 'subject_id'])
      .where('route', '=', 'GET /app/caseload')
      .where('actor_user_id', '=', ctx.worker.id)
      .execute();
    expect(reads.filter((r) => r.subject_type === 'patient')).toHaveLength(5);
    expect(reads.filter((r) => r.subject_type === 'user').map((r) => r.subject_id)).toEqual([ctx.worker.id]);
  });

  it("lets a supervisor choose a link worker's caseload", async () => {
    const picker = page(await ctx.supervisor.agent.get('/app/caseload'));
    expect(picker('#worker option').length).toBeGreaterThan(2);
    const response = await ctx.supervisor.agent.get(`/app/caseload?worker=${ctx.worker.id}`);
    expect(response.statusCode).toBe(200);
    expect(page(response)('h1').text()).toBe('Caseload of Lee Worker');
  });

  it("answers 404 when a link worker asks for someone else's caseload, or a supervisor for a non-worker's", async () => {
    expect((await ctx.worker.agent.get(`/app/caseload?worker=${ctx.otherWorker.id}`)).statusCode).toBe(404);
    expect((await ctx.supervisor.agent.get(`/app/caseload?worker=${ctx.clinician.id}`)).statusCode).toBe(404);
    expect((await ctx.supervisor.agent.get('/app/caseload?worker=nonsense')).statusCode).toBe(404);
  });

  it('is not for roles without casework (403)', async () => {
    expect((await ctx.clinician.agent.get('/app/caseload')).statusCode).toBe(403);
  });
});

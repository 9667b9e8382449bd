import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildCase } from '../../../test/support/casework-builders.ts';
import {
  auditOf,
  createCaseworkContext,
  errorLinks,
  page,
  submitForm,
  type CaseworkContext,
} from '../../../test/support/casework-context.ts';
import { recordConsent } from '../people/people.service.ts';
import { listCodedEventsOf } from './coded-event.repository.ts';
import { setSnomedCodeState } from './snomed-codes.ts';

// The personalised care and support plan: the five criteria (a PCSP only when all five hold), goals and
// actions, optimistic locking with the "this plan changed" page, the printable copy, and emailing it only
// to someone who agreed to email.

let ctx: CaseworkContext;

beforeAll(async () => {
  ctx = await createCaseworkContext();
});

afterAll(async () => {
  await ctx.close();
});

const ALL_CRITERIA = [
  'personCentral',
  'fromConversations',
  'outcomesAgreed',
  'planShareable',
  'reviewArranged',
];

async function newCase(): Promise<{ caseId: string; patientId: string; planUrl: string }> {
  const c = await buildCase(ctx.t.db, ctx.tenantId, {
    linkWorkerId: ctx.worker.id,
    needs: ['loneliness', 'money_debt'],
  });
  return { ...c, planUrl: `/app/cases/${c.caseId}/plan` };
}

async function savePlan(planUrl: string, fields: Record<string, string>): ReturnType<typeof submitForm> {
  return submitForm(ctx.worker.agent, planUrl, planUrl, fields);
}

describe('the plan page', () => {
  it('starts from the referral needs and says which PCSP criteria are missing', async () => {
    const c = await newCase();
    const response = await ctx.worker.agent.get(c.planUrl);
    expect(response.statusCode).toBe(200);
    const $ = page(response);
    const ticked = $('input[name="needs"]:checked')
      .toArray()
      .map((i) => $(i).val());
    expect(ticked).toEqual(['loneliness', 'money_debt']);
    expect($('.nhsuk-inset-text li')).toHaveLength(5);
    expect((await auditOf(ctx, c.patientId)).at(-1)).toMatchObject({
      action: 'read',
      route: 'GET /app/cases/:id/plan',
    });
  });

  it('saves what matters and the criteria; a PCSP only when all five hold', async () => {
    const c = await newCase();
    const four = await savePlan(c.planUrl, {
      whatMatters: 'Seeing my grandchildren and getting out of the flat',
      criteria: 'personCentral',
    });
    expect(four.statusCode).toBe(303);
    const $ = page(await ctx.worker.agent.get(c.planUrl));
    expect($('#whatMatters').text()).toBe('Seeing my grandchildren and getting out of the flat');
    expect($('.nhsuk-inset-text li')).toHaveLength(4);
  });

  it('never saves a form that does not say which version it was based on (409)', async () => {
    const c = await newCase();
    const response = await ctx.worker.agent.postWithToken(
      c.planUrl,
      { whatMatters: 'No version' },
      String(
        page(await ctx.worker.agent.get(c.planUrl))('input[name="_csrf"]')
          .first()
          .val(),
      ),
    );
    expect(response.statusCode).toBe(409);
  });

  it('refuses a shareable plan with nothing on what matters, and a half-typed date (400)', async () => {
    const c = await newCase();
    const planPage = page(await ctx.worker.agent.get(c.planUrl));
    const token = String(planPage('input[name="_csrf"]').first().val());
    const body = new URLSearchParams({
      _csrf: token,
      version: String(planPage('input[name="version"]').val()),
    });
    for (const k of ['planShareable', 'reviewArranged']) {
      body.append('criteria', k);
    }
    body.append('reviewDate[day]', '31');
    const invalid = await ctx.app.inject({
      method: 'POST',
      url: c.planUrl,
      headers: {
        cookie: ctx.worker.agent.cookies,
        'content-type': 'application/x-www-form-urlencoded',
        accept: 'text/html',
      },
      payload: body.toString(),
    });
    expect(invalid.statusCode).toBe(400);
    expect(errorLinks(invalid)).toEqual([
      { text: 'Record what matters to them before ticking that the plan records it', href: '#criteria' },
      { text: 'Review date must include a month', href: '#reviewDate-day' },
    ]);
  });

  it('adds goals and actions, and marks an action done', async () => {
    const c = await newCase();
    const goal = await submitForm(ctx.worker.agent, c.planUrl, `${c.planUrl}/goals`, {
      goalText: 'Join a walking group',
    });
    expect(goal.headers.location).toBe(`${c.planUrl}?done=goalAdded#goals`);
    const goalId = String(
      page(await ctx.worker.agent.get(c.planUrl))('#goalId option')
        .eq(1)
        .val(),
    );
    const missing = await submitForm(ctx.worker.agent, c.planUrl, `${c.planUrl}/actions`, {
      goalId,
      actionText: '',
    });
    expect(missing.statusCode).toBe(400);
    expect(errorLinks(missing).map((l) => l.href)).toEqual(['#actionText', '#owner']);
    const action = await submitForm(ctx.worker.agent, c.planUrl, `${c.planUrl}/actions`, {
      goalId,
      actionText: 'Phone the Tuesday group',
      owner: 'Jo',
      'dueDate[day]': '1',
      'dueDate[month]': '1',
      'dueDate[year]': '2020',
    });
    expect(action.statusCode).toBe(303);
    const $ = page(await ctx.worker.agent.get(c.planUrl));
    expect($('#goals ~ ul').first().text()).toContain('Phone the Tuesday group');
    expect($('.nhsuk-tag--red').text()).toContain('Overdue');
    const doneAction = String($('form[action$="/done"]').attr('action'));
    const done = await submitForm(ctx.worker.agent, c.planUrl, doneAction, {});
    expect(done.headers.location).toBe(`${c.planUrl}?done=actionDone#goals`);
    expect(page(await ctx.worker.agent.get(c.planUrl))('form[action$="/done"]')).toHaveLength(0);
  });

  it('shows what changed when the plan changed under the form (409)', async () => {
    const c = await newCase();
    const before = page(await ctx.worker.agent.get(c.planUrl));
    const stale = {
      _csrf: String(before('input[name="_csrf"]').first().val()),
      version: String(before(`form[action="${c.planUrl}"] input[name="version"]`).val()),
      shown: String(before(`form[action="${c.planUrl}"] input[name="shown"]`).val()),
    };
    await savePlan(c.planUrl, { whatMatters: 'Gardening', needsNotes: 'Lives alone' });
    const conflict = await ctx.worker.agent.postWithToken(
      c.planUrl,
      { whatMatters: 'My own words from the other tab', version: stale.version, shown: stale.shown },
      stale._csrf,
    );
    expect(conflict.statusCode).toBe(409);
    const $ = page(conflict);
    expect($('#conflict-title').text()).toBe('This plan changed while you were editing it');
    expect(
      $('#conflict dt')
        .toArray()
        .map((dt) => $(dt).text().trim()),
    ).toEqual(['What matters to them', 'Notes on needs']);
    expect($('#whatMatters').text()).toBe('My own words from the other tab');
  });

  it('offers the PCSP-agreed code to the code table, which writes it only once it is confirmed and enabled', async () => {
    const c = await newCase();
    const agreed = {
      whatMatters: 'Feeling useful again',
      'reviewDate[day]': '1',
      'reviewDate[month]': '1',
      'reviewDate[year]': '2099',
      'agreedDate[day]': '1',
      'agreedDate[month]': '1',
      'agreedDate[year]': '2026',
    };
    const body = (token: string, version: string): string => {
      const params = new URLSearchParams({ ...agreed, _csrf: token, version });
      for (const k of ALL_CRITERIA) {
        params.append('criteria', k);
      }
      return params.toString();
    };
    const post = async (): Promise<number> => {
      const $ = page(await ctx.worker.agent.get(c.planUrl));
      const response = await ctx.app.inject({
        method: 'POST',
        url: c.planUrl,
        headers: {
          cookie: ctx.worker.agent.cookies,
          'content-type': 'application/x-www-form-urlencoded',
          accept: 'text/html',
        },
        payload: body(
          String($('input[name="_csrf"]').first().val()),
          String($('input[name="version"]').val()),
        ),
      });
      return response.statusCode;
    };
    expect(await post()).toBe(303);
    expect(page(await ctx.worker.agent.get(c.planUrl))('.nhsuk-tag--green').text()).toContain(
      'Meets all five',
    );
    expect(await listCodedEventsOf(ctx.t.db, ctx.tenantId, { caseId: c.caseId })).toEqual([]);

    // An administrator confirms a concept ID and switches the code on: the next agreement is coded.
    const other = await newCase();
    await setSnomedCodeState(ctx.t.db, ctx.tenantId, {
      event: 'pcsp-agreed',
      confirmed: true,
      enabled: true,
      conceptId: '999999999999999',
    });
    try {
      c.planUrl = other.planUrl;
      c.caseId = other.caseId;
      expect(await post()).toBe(303);
      expect(await listCodedEventsOf(ctx.t.db, ctx.tenantId, { caseId: other.caseId })).toMatchObject([
        { event: 'pcsp-agreed', snomedCode: '999999999999999' },
      ]);
    } finally {
      await setSnomedCodeState(ctx.t.db, ctx.tenantId, {
        event: 'pcsp-agreed',
        confirmed: false,
        enabled: false,
      });
    }
  });
});

describe('sharing the plan', () => {
  it('prints the plan in plain language', async () => {
    const c = await newCase();
    await submitForm(ctx.worker.agent, c.planUrl, `${c.planUrl}/goals`, {
      goalText: 'Cook a meal with friends',
    });
    const response = await ctx.worker.agent.get(`${c.planUrl}/print`);
    expect(response.statusCode).toBe(200);
    const $ = page(response);
    expect($('h1').text()).toMatch(/^Your support plan, /);
    expect($('main').text()).toContain('Cook a meal with friends');
    expect($('link[media="print"]').attr('href')).toBe('/assets/signpost/print.css');
    expect((await ctx.supervisor.agent.get(`${c.planUrl}/print`)).statusCode).toBe(200);
  });

  it('refuses to email someone who has not agreed to email (400), and sends once they have', async () => {
    const c = await newCase();
    const refused = await submitForm(ctx.worker.agent, c.planUrl, `${c.planUrl}/send`, {});
    expect(refused.statusCode).toBe(400);
    expect(errorLinks(refused)).toEqual([
      {
        text: 'They have not agreed to be contacted by email: record their consent on their record first',
        href: '#email',
      },
    ]);
    await ctx.t.db
      .updateTable('patient')
      .set({ email: 'person@example.org' })
      .where('id', '=', c.patientId)
      .execute();
    await ctx.t.db.transaction().execute((trx) =>
      recordConsent(
        trx,
        ctx.tenantId,
        c.patientId,
        {
          change: { kind: 'contact-email', granted: true },
          method: 'verbal',
          wording: 'May we email you?',
        },
        ctx.worker.id,
      ),
    );
    const sent = await submitForm(ctx.worker.agent, c.planUrl, `${c.planUrl}/send`, {});
    expect(sent.headers.location).toBe(`${c.planUrl}?done=sent`);
    const outbox = await ctx.t.db
      .selectFrom('notify_outbox')
      .select(['recipient', 'subject', 'body_text'])
      .where('template', '=', 'support-plan')
      .execute();
    expect(outbox).toMatchObject([{ recipient: 'person@example.org', subject: 'Your support plan' }]);
    expect((await auditOf(ctx, c.patientId)).at(-1)).toMatchObject({
      action: 'export',
      details: { channel: 'email' },
    });
  });
});

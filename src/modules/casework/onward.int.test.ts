import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestService } from '../../../test/support/builders.ts';
import { buildCase } from '../../../test/support/casework-builders.ts';
import {
  auditOf,
  createCaseworkContext,
  errorLinks,
  page,
  submitForm,
  type CaseworkContext,
} from '../../../test/support/casework-context.ts';
import { hasShareConsent } from '../people/people.service.ts';
import { findOnwardReferral, listOnwardEvents } from './onward.repository.ts';
import { addDays, londonDate } from './working-days.ts';

// Onward referrals: the directory picker (the case's needs by default, live capacity, paused services
// listed last and never hidden), the consent a referral needs, the snapshot, and the closed-loop statuses.

let ctx: CaseworkContext;
let accepting: { id: string; organizationId: string | null };
let paused: { id: string; organizationId: string | null };

beforeAll(async () => {
  ctx = await createCaseworkContext();
  const fresh = { capacityUpdatedAt: new Date(), needs: ['loneliness'] };
  paused = await createTestService(ctx.t.db, ctx.tenantId, {
    name: 'Aardvark Lunch Club',
    signpost: { ...fresh, capacityStatus: 'paused' },
  });
  accepting = await createTestService(ctx.t.db, ctx.tenantId, {
    name: 'Zebra Walking Group',
    signpost: { ...fresh, capacityStatus: 'accepting' },
  });
  await createTestService(ctx.t.db, ctx.tenantId, {
    name: 'Debt Advice Centre',
    signpost: { capacityUpdatedAt: new Date(), needs: ['money_debt'], capacityStatus: 'accepting' },
  });
});

afterAll(async () => {
  await ctx.close();
});

async function newCase(): Promise<{ caseId: string; referralId: string; patientId: string; url: string }> {
  const c = await buildCase(ctx.t.db, ctx.tenantId, { linkWorkerId: ctx.worker.id, needs: ['loneliness'] });
  return { ...c, url: `/app/cases/${c.caseId}/onward` };
}

describe('finding a service', () => {
  it('searches by the case needs, shows capacity, and lists a paused service last', async () => {
    const c = await newCase();
    const response = await ctx.worker.agent.get(c.url);
    expect(response.statusCode).toBe(200);
    const $ = page(response);
    const names = $('input[name="serviceId"]')
      .toArray()
      .map((input) =>
        $(`label[for="${String($(input).attr('id'))}"]`)
          .text()
          .trim(),
      );
    expect(names).toEqual(['Zebra Walking Group', 'Aardvark Lunch Club']);
    const hints = $('.nhsuk-radios__hint').text();
    expect(hints).toContain('Accepting people');
    expect(hints).toContain('Paused: not taking people');
    expect($('input[name="need"]:checked').val()).toBe('loneliness');
  });

  it('searches other needs when asked', async () => {
    const c = await newCase();
    const $ = page(await ctx.worker.agent.get(`${c.url}?search=yes&need=money_debt`));
    expect($('label.nhsuk-radios__label').first().text().trim()).toBe('Debt Advice Centre');
  });

  it('answers 404 to a link worker the case is not allocated to', async () => {
    const c = await newCase();
    expect((await ctx.otherWorker.agent.get(c.url)).statusCode).toBe(404);
  });
});

describe('referring and signposting', () => {
  it('refuses a referral without consent to share, clearly, and records nothing', async () => {
    const c = await newCase();
    const response = await submitForm(ctx.worker.agent, c.url, c.url, {
      serviceId: accepting.id,
      kind: 'referral',
      reason: 'Wants company on walks',
    });
    expect(response.statusCode).toBe(400);
    expect(errorLinks(response)).toEqual([
      {
        text: 'Referring shares their details with the service: confirm they agreed, or signpost them instead',
        href: '#shareConsent',
      },
    ]);
    expect(page(response)('#reason').text()).toBe('Wants company on walks');
    expect(page(response)(`input[name="serviceId"][value="${accepting.id}"]`).attr('checked')).toBe(
      'checked',
    );
    const count = await ctx.t.db
      .selectFrom('onward_referral')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('case_id', '=', c.caseId)
      .executeTakeFirstOrThrow();
    expect(count.n).toBe(0);
  });

  it('records consent through the people service, snapshots the service and sets the reply deadline', async () => {
    const c = await newCase();
    const response = await submitForm(ctx.worker.agent, c.url, c.url, {
      serviceId: accepting.id,
      kind: 'referral',
      reason: 'Wants company on walks',
      shareConsent: 'yes',
    });
    expect(response.statusCode).toBe(303);
    expect(
      await hasShareConsent(ctx.t.db, ctx.tenantId, {
        patientId: c.patientId,
        organizationId: accepting.organizationId ?? '',
        referralId: c.referralId,
      }),
    ).toBe(true);
    const row = await ctx.t.db
      .selectFrom('onward_referral')
      .selectAll()
      .where('case_id', '=', c.caseId)
      .executeTakeFirstOrThrow();
    expect(row).toMatchObject({
      service_name: 'Zebra Walking Group',
      capacity_at_referral: 'accepting',
      status: 'sent',
      kind: 'referral',
      respond_by: addDays(londonDate(new Date()), 14),
    });
    const audit = (await auditOf(ctx, c.patientId)).find((a) => a.action === 'create');
    expect(audit).toMatchObject({ subject_label: 'Onward referral', details: { onwardId: row.id } });
  });

  it('signposts to a paused service without consent (nothing is shared)', async () => {
    const c = await newCase();
    const response = await submitForm(ctx.worker.agent, c.url, c.url, {
      serviceId: paused.id,
      kind: 'signpost',
      reason: 'Opens again in spring',
    });
    expect(response.headers.location).toBe(`${c.url}?done=signposted#onward-list`);
    const row = await ctx.t.db
      .selectFrom('onward_referral')
      .selectAll()
      .where('case_id', '=', c.caseId)
      .executeTakeFirstOrThrow();
    expect(row).toMatchObject({ capacity_at_referral: 'paused', kind: 'signpost' });
  });

  it('asks for the service, the kind and why (400)', async () => {
    const c = await newCase();
    const response = await submitForm(ctx.worker.agent, c.url, c.url, {});
    expect(response.statusCode).toBe(400);
    expect(errorLinks(response).map((l) => l.href)).toEqual(['#serviceId', '#kind', '#reason']);
  });
});

describe('closing the loop', () => {
  async function signposted(): Promise<{ url: string; caseId: string; onwardId: string }> {
    const c = await newCase();
    await submitForm(ctx.worker.agent, c.url, c.url, {
      serviceId: accepting.id,
      kind: 'signpost',
      reason: 'Walks',
    });
    const row = await ctx.t.db
      .selectFrom('onward_referral')
      .select('id')
      .where('case_id', '=', c.caseId)
      .executeTakeFirstOrThrow();
    return { url: c.url, caseId: c.caseId, onwardId: row.id };
  }

  it.each([
    [{ status: 'declined' }, [`#declineReason-ID`]],
    [{ status: 'waitlisted' }, [`#weeks-ID`]],
    [{ status: 'waitlisted', weeks: '0' }, [`#weeks-ID`]],
    [{ status: 'cancelled' }, [`#statusNote-ID`]],
    [{}, [`#status-ID`]],
  ])('refuses %o without what that status needs (400)', async (fields, hrefs) => {
    const o = await signposted();
    const action = `${o.url}/${o.onwardId}/status`;
    const response = await submitForm(ctx.worker.agent, o.url, action, fields);
    expect(response.statusCode).toBe(400);
    expect(errorLinks(response).map((l) => l.href)).toEqual(hrefs.map((h) => h.replace('ID', o.onwardId)));
  });

  it('appends every status change to the history', async () => {
    const o = await signposted();
    const action = `${o.url}/${o.onwardId}/status`;
    await submitForm(ctx.worker.agent, o.url, action, { status: 'waitlisted', weeks: '6' });
    await submitForm(ctx.worker.agent, o.url, action, { status: 'declined', declineReason: 'at_capacity' });
    const onward = await findOnwardReferral(ctx.t.db, ctx.tenantId, {
      caseId: o.caseId,
      onwardId: o.onwardId,
    });
    expect(onward).toMatchObject({ status: 'declined', statusReason: 'at_capacity' });
    const history = await listOnwardEvents(ctx.t.db, ctx.tenantId, [o.onwardId]);
    expect(history.map((e) => e.status)).toEqual(['sent', 'waitlisted', 'declined']);
    expect(history[2]?.reason).toBe('The service is full');
  });

  it('answers 404 for an onward referral of another case', async () => {
    const o = await signposted();
    const other = await newCase();
    await ctx.worker.agent.get(other.url);
    const response = await submitForm(ctx.worker.agent, o.url, `${o.url}/${o.onwardId}/status`, {
      status: 'accepted',
    });
    expect(response.statusCode).toBe(303);
    const wrongCase = await ctx.worker.agent.postWithToken(
      `${other.url}/${o.onwardId}/status`,
      { status: 'accepted' },
      String(
        page(await ctx.worker.agent.get(other.url))('input[name="_csrf"]')
          .first()
          .val(),
      ),
    );
    expect(wrongCase.statusCode).toBe(404);
  });
});

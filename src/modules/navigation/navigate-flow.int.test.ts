import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestAgent } from '../../../test/support/accounts.ts';
import { createTestService } from '../../../test/support/builders.ts';
import { buildPatient } from '../../../test/support/casework-builders.ts';
import { auditOf, errorLinks, page } from '../../../test/support/casework-context.ts';
import {
  createNavigationContext,
  navigationIdOf,
  postStep,
  startNavigation,
  type NavigationContext,
} from '../../../test/support/navigation-context.ts';
import { startTestNotifyServer, waitForMessage } from '../../../test/support/notify-server.ts';
import { createNotifySmsTransport } from '../notify/notify-api.transport.ts';
import { deliverPendingSms } from '../notify/notify.service.ts';
import { findReferral } from '../referrals/referral.service.ts';
import { findNavigationRecord } from './navigation-record.repository.ts';

// The whole navigation over HTTP as a navigator at a practice does it: start with the patient's NHS
// number, no red flags, a quick pick, the ranked options (directory services with live capacity, paused
// ones last), the patient's choice, their copy by text message; the link worker referral pre-filled; the
// audit entries on every step.

let ctx: NavigationContext;
let navigator: TestAgent;

beforeAll(async () => {
  ctx = await createNavigationContext();
  navigator = ctx.practiceNavigator;
  const fresh = { capacityUpdatedAt: new Date(), needs: ['loneliness'] };
  await createTestService(ctx.t.db, ctx.tenantId, {
    name: 'Aardvark Lunch Club',
    signpost: { ...fresh, capacityStatus: 'paused' },
  });
  await createTestService(ctx.t.db, ctx.tenantId, {
    name: 'Zebra Walking Group',
    signpost: { ...fresh, capacityStatus: 'accepting' },
  });
});

afterAll(async () => {
  await ctx.close();
});

const start = (fields: Record<string, string>): Promise<string> =>
  startNavigation(navigator, { channel: 'phone', action: 'start', ...fields });
const idOf = navigationIdOf;

describe('a full signpost', () => {
  it('warns that the shipped default protocol is not signed off locally', async () => {
    const $ = page(await navigator.get('/app/navigate'));
    expect($('main').text()).toContain('This protocol is not signed off locally');
  });

  it('goes from the red-flag check to the patient copy', async () => {
    const patient = await buildPatient(ctx.t.db, ctx.tenantId, { phone: '07700 900982' });
    const url = await start({ nhsNumber: patient.nhsNumber ?? '' });
    expect(url).toMatch(/^\/app\/navigate\/[0-9a-f-]{36}$/);
    const first = page(await navigator.get(url));
    expect(first('h1').text()).toBe('Red flags: ask these first');
    expect((await postStep(navigator, url, 'red-flags', { action: 'none' })).statusCode).toBe(303);
    expect(page(await navigator.get(url))('h1').text()).toBe('What does the patient need help with?');
    expect((await postStep(navigator, url, 'needs', { pick: 'loneliness', needText: '' })).statusCode).toBe(
      303,
    );
    const options = page(await navigator.get(url));
    const names = options('.signpost-navigate-option h2')
      .toArray()
      .map((h) => options(h).text().trim());
    expect(names).toEqual([
      'Zebra Walking Group',
      'Social prescribing link worker',
      'GP appointment',
      'Aardvark Lunch Club',
    ]);
    const id = url.split('/').at(-1) ?? '';
    const record = await findNavigationRecord(ctx.t.db, ctx.tenantId, id);
    const zebra = record?.optionsOffered?.find((o) => o.name === 'Zebra Walking Group');
    expect(zebra?.capacity).toBe('accepting');
    expect(
      (await postStep(navigator, url, 'outcome', { choice: `service:${zebra?.key ?? ''}` })).statusCode,
    ).toBe(303);
    const copyPage = await navigator.get(url);
    expect(page(copyPage)('#phone').val()).toBe('07700 900982');
    const sent = await postStep(navigator, url, 'copy', {
      channel: 'sms',
      phone: '07700 900982',
      contactConsent: 'yes',
    });
    expect(sent.statusCode).toBe(303);
    const done = await findNavigationRecord(ctx.t.db, ctx.tenantId, id);
    expect(done).toMatchObject({
      outcome: 'signposted',
      patientChoice: 'accepted_signpost',
      destinationName: 'Zebra Walking Group',
      destinationCapacity: 'accepting',
      copyChannel: 'sms',
      copyRecipient: '+447700900982',
      contactConsent: true,
    });
    expect(done?.copyText?.length).toBeLessThan(612);
    expect(page(await navigator.get(url))('h1').text()).toContain('Navigation recorded');
    const audit = await auditOf(ctx, patient.id);
    expect(audit.filter((a) => a.subject_label === 'Care navigation').length).toBeGreaterThan(8);
  });
});

async function throughNeeds(fields: Record<string, string>, pick = 'loneliness'): Promise<string> {
  const url = await start(fields);
  await postStep(navigator, url, 'red-flags', { action: 'none' });
  await postStep(navigator, url, 'needs', { pick, needText: 'Lonely since my wife died' });
  await navigator.get(url);
  return url;
}

describe('the patient chooses', () => {
  it('refers to the link worker, pre-filled, and asks for consent first', async () => {
    const patient = await buildPatient(ctx.t.db, ctx.tenantId);
    const url = await throughNeeds({ nhsNumber: patient.nhsNumber ?? '' });
    const refused = await postStep(navigator, url, 'outcome', { choice: 'link-worker' });
    expect(refused.statusCode).toBe(400);
    expect(errorLinks(refused)).toEqual([
      { text: 'Confirm the patient agrees to be referred to the link worker', href: '#consent' },
    ]);
    expect((await findNavigationRecord(ctx.t.db, ctx.tenantId, idOf(url)))?.outcome).toBeNull();
    const referred = await postStep(navigator, url, 'outcome', { choice: 'link-worker', consent: 'yes' });
    expect(referred.statusCode).toBe(303);
    const record = await findNavigationRecord(ctx.t.db, ctx.tenantId, idOf(url));
    expect(record).toMatchObject({ outcome: 'referred-link-worker', patientChoice: 'accepted_signpost' });
    const referral = await findReferral(ctx.t.db, ctx.tenantId, record?.referralId ?? '');
    expect(referral).toMatchObject({
      patientId: patient.id,
      source: 'care-navigator',
      practiceId: ctx.practiceId,
      reason: 'Lonely since my wife died',
      needs: ['loneliness', 'community_groups'],
      referrerName: 'Nia Navigator',
    });
    const audit = await auditOf(ctx, referral?.id ?? '');
    expect(audit.map((a) => a.action)).toEqual(['create']);
  });

  it('asks for the patient details before a referral when the navigation has none', async () => {
    const url = await start({ action: 'anonymous' });
    await postStep(navigator, url, 'red-flags', { action: 'none' });
    await postStep(navigator, url, 'needs', { pick: 'money', needText: '' });
    const refused = await postStep(navigator, url, 'outcome', { choice: 'link-worker', consent: 'yes' });
    expect(refused.statusCode).toBe(400);
    expect(errorLinks(refused)[0]?.href).toBe('#nhsNumber');
    const referred = await postStep(navigator, url, 'outcome', {
      choice: 'link-worker',
      consent: 'yes',
      givenName: 'Ada',
      familyName: 'Lovelace-Navigated',
      'dateOfBirth[day]': '10',
      'dateOfBirth[month]': '12',
      'dateOfBirth[year]': '1950',
    });
    expect(referred.statusCode).toBe(303);
    const record = await findNavigationRecord(ctx.t.db, ctx.tenantId, idOf(url));
    expect(record?.patientId).not.toBeNull();
    const referral = await findReferral(ctx.t.db, ctx.tenantId, record?.referralId ?? '');
    expect(referral?.reason).toBe('Care navigation at reception: Money worries');
  });

  it.each([
    ['gp-preferred', { outcome: 'gp', patientChoice: 'chose_gp', gpReason: 'patient-preferred' }],
    ['gp-needed', { outcome: 'gp', patientChoice: 'chose_gp', gpReason: 'needed' }],
    ['declined', { outcome: 'declined', patientChoice: 'declined', gpReason: null }],
  ])('records %s in one action', async (choice, expected) => {
    const url = await throughNeeds({ action: 'anonymous' });
    expect((await postStep(navigator, url, 'outcome', { choice })).statusCode).toBe(303);
    expect(await findNavigationRecord(ctx.t.db, ctx.tenantId, idOf(url))).toMatchObject(expected);
  });

  it('refuses a paused service and an option never offered', async () => {
    const url = await throughNeeds({ action: 'anonymous' });
    const record = await findNavigationRecord(ctx.t.db, ctx.tenantId, idOf(url));
    const paused = record?.optionsOffered?.find((o) => o.capacity === 'paused');
    for (const choice of [`service:${paused?.key ?? ''}`, 'protocol:dentist', 'service:nope']) {
      const refused = await postStep(navigator, url, 'outcome', { choice });
      expect(refused.statusCode).toBe(400);
      expect(errorLinks(refused)).toEqual([
        { text: 'Choose one of the options offered to the patient', href: '#choice' },
      ]);
    }
  });
});

describe('the patient copy', () => {
  it('is delivered by text message through Notify', async () => {
    const notify = await startTestNotifyServer();
    try {
      const url = await throughNeeds({ action: 'anonymous' }, 'medication');
      await postStep(navigator, url, 'outcome', { choice: 'protocol:community-pharmacy' });
      await postStep(navigator, url, 'copy', {
        channel: 'sms',
        phone: '07700 900111',
        contactConsent: 'yes',
      });
      await deliverPendingSms(ctx.t.db, createNotifySmsTransport(notify.config), { limit: 10 });
      const sms = await waitForMessage(notify, (n) => n.phoneNumber === '+447700900111');
      expect(sms.body).toContain('Community pharmacy (Pharmacy First)');
      expect(sms.body.length).toBeLessThan(612);
    } finally {
      await notify.close();
    }
  });

  it('needs consent and a mobile number for a text message', async () => {
    const url = await throughNeeds({ action: 'anonymous' }, 'medication');
    await postStep(navigator, url, 'outcome', { choice: 'declined' });
    const refused = await postStep(navigator, url, 'copy', { channel: 'sms', phone: '0113 496 0000' });
    expect(refused.statusCode).toBe(400);
    expect(errorLinks(refused).map((l) => l.href)).toEqual(['#phone', '#contactConsent']);
  });

  it('refuses an email address the outbox would refuse with the error summary, and writes nothing', async () => {
    const url = await throughNeeds({ action: 'anonymous' }, 'medication');
    await postStep(navigator, url, 'outcome', { choice: 'declined' });
    for (const email of ['jo,ann@example.com', 'jo@example.c']) {
      const refused = await postStep(navigator, url, 'copy', {
        channel: 'email',
        email,
        contactConsent: 'yes',
      });
      expect(refused.statusCode).toBe(400);
      expect(errorLinks(refused).map((l) => l.href)).toEqual(['#email']);
    }
    expect((await findNavigationRecord(ctx.t.db, ctx.tenantId, idOf(url)))?.copyChannel).toBeNull();
  });

  it('prints a one-page social prescription', async () => {
    const url = await throughNeeds({ action: 'anonymous' }, 'muscle-joint');
    await postStep(navigator, url, 'outcome', { choice: 'protocol:first-contact-physio' });
    const printed = await postStep(navigator, url, 'copy', { channel: 'print' });
    expect(printed.headers.location).toBe(`${url}/print`);
    const $ = page(await navigator.get(`${url}/print`));
    expect($('h1').text()).toBe('Your social prescription');
    expect($('main').text()).toContain('First contact physiotherapist');
    expect($('main').text()).toContain('Book an appointment with reception.');
  });
});

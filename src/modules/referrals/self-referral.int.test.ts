import type { FastifyInstance } from 'fastify';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { csrfFrom, TestAgent } from '../../../test/support/accounts.ts';
import { buildPractice } from '../../../test/support/casework-builders.ts';
import { createTestConfig } from '../../../test/support/test-config.ts';
import { createTestDatabase, type TestDatabase } from '../../../test/support/test-db.ts';
import { createApp } from '../../app.ts';
import { searchAudit } from '../audit/audit.repository.ts';
import { findPatientById, listConsentEvents } from '../people/people.service.ts';
import { signFormStart } from './spam-guard.ts';

// The public self-referral form over HTTP: it lands as a new self-referral with a new record (no NHS
// number, trace required) and the consents given online; spam protection (honeypot, signed start time,
// rate limit); urgent words show what to do now; retries are idempotent.

const SECRET = 's'.repeat(32);
let t: TestDatabase;
let app: FastifyInstance;
let practiceId: string;

beforeAll(async () => {
  t = await createTestDatabase();
  app = await createApp({
    db: t.db,
    config: createTestConfig({ sessionSecret: SECRET, formRateLimitPerMinute: 1000 }),
    tenant: t.tenant,
    logger: false,
  });
  practiceId = (await buildPractice(t.db, t.tenant.id, { name: 'Riverside Medical Centre' })).id;
});

afterAll(async () => {
  await app.close();
  await t.close();
});

const startedSecondsAgo = (seconds: number): string =>
  signFormStart(SECRET, new Date(Date.now() - seconds * 1000));

const selfForm = (overrides: Record<string, string> = {}): Record<string, string> => ({
  submissionId: randomUUID(),
  startedAt: startedSecondsAgo(30),
  website: '',
  givenName: 'Sam',
  familyName: `Public-${randomUUID().slice(0, 6)}`,
  'dateOfBirth[day]': '3',
  'dateOfBirth[month]': '4',
  'dateOfBirth[year]': '1980',
  postcode: 'ls7 4na',
  phone: '07700 900789',
  email: 'sam@example.org',
  practiceId,
  needs: 'money_debt',
  details: 'Struggling with bills since losing my job',
  consentContact: 'yes',
  consentReferral: 'yes',
  ...overrides,
});

async function submit(
  form: Record<string, string>,
  agent = new TestAgent(app),
): Promise<{ status: number; location: string; body: string }> {
  const page = await agent.get('/refer');
  const res = await agent.postWithToken('/refer', form, csrfFrom(page.body));
  return { status: res.statusCode, location: res.headers.location ?? '', body: res.body };
}

async function referralsOf(familyName: string): Promise<
  {
    id: string;
    patient_id: string;
    source: string;
    status: string;
    flagged_for_clinician: boolean;
    referrer_user_id: string | null;
  }[]
> {
  return t.db
    .selectFrom('referral')
    .innerJoin('patient', 'patient.id', 'referral.patient_id')
    .select([
      'referral.id',
      'referral.patient_id',
      'referral.source',
      'referral.status',
      'referral.flagged_for_clinician',
      'referral.referrer_user_id',
    ])
    .where('patient.family_name', '=', familyName)
    .execute();
}

describe('GET /refer', () => {
  it('shows the plain-language form without sign-in, with the hidden honeypot and a signed start time', async () => {
    const res = await app.inject({ url: '/refer', headers: { accept: 'text/html' } });
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('Ask for help from a social prescribing link worker');
    expect(res.body).toContain('Riverside Medical Centre');
    expect(res.body).toContain('My GP practice is not listed');
    expect(res.body).toMatch(
      /<div class="nhsuk-u-visually-hidden" aria-hidden="true">\s*<label for="website">/,
    );
    expect(res.body).toMatch(
      /<input id="website" name="website" type="text" value="" tabindex="-1" autocomplete="off">/,
    );
    expect(res.body).toMatch(/name="startedAt" value="\d+\.[\w-]+"/);
  });
});

describe('POST /refer', () => {
  it('lands as a new self-referral with a new record, the consents given online, and an audit entry with no actor', async () => {
    const form = selfForm();
    const res = await submit(form);
    expect(res.status).toBe(303);
    expect(res.location).toBe('/refer/sent');
    const referral = (await referralsOf(form.familyName)).at(0);
    expect(referral).toMatchObject({
      source: 'self',
      status: 'new',
      flagged_for_clinician: false,
      referrer_user_id: null,
    });
    const patient = await findPatientById(t.db, t.tenant.id, referral?.patient_id ?? '');
    expect(patient).toMatchObject({
      nhsNumber: null,
      nhsNumberStatus: '03',
      postcode: 'LS7 4NA',
      practiceId,
      consentSocialPrescribing: 'given',
      consentSms: true,
      consentEmail: true,
    });
    const consents = await listConsentEvents(t.db, t.tenant.id, patient?.id ?? '');
    expect(consents.map((c) => `${c.kind}:${c.method}`).sort()).toEqual([
      'contact-email:online',
      'contact-sms:online',
      'social-prescribing:online',
    ]);
    expect(consents.every((c) => c.recordedBy === null && c.referralId === referral?.id)).toBe(true);
    const audit = await searchAudit(t.db, t.tenant.id, {
      subjectType: 'referral',
      subjectId: referral?.id ?? '',
      limit: 5,
    });
    expect(audit.records[0]).toMatchObject({ action: 'create', actorUserId: null, route: 'POST /refer' });
    expect(audit.records[0]?.details).toMatchObject({ patientId: patient?.id, source: 'self' });
    const sent = await app.inject({ url: '/refer/sent', headers: { accept: 'text/html' } });
    expect(sent.body).toContain('We have your request');
    expect(sent.body).not.toContain(form.familyName);
  });

  it('takes "my practice is not listed" and an email address alone', async () => {
    const form = selfForm({ practiceId: 'not-listed', phone: '' });
    expect((await submit(form)).status).toBe(303);
    const referral = (await referralsOf(form.familyName)).at(0);
    const patient = await findPatientById(t.db, t.tenant.id, referral?.patient_id ?? '');
    expect(patient).toMatchObject({
      practiceId: null,
      preferredContact: 'email',
      consentSms: false,
      consentEmail: true,
    });
  });

  it('tells someone at risk what to do now, and raises an urgent clinician-review task', async () => {
    const form = selfForm({ details: 'Honestly some days I want to end my life' });
    const res = await submit(form);
    expect(res.status).toBe(200);
    expect(res.body).toContain('If you are at risk now, get help straight away');
    expect(res.body).toContain('999');
    expect(res.body).toContain('111');
    expect(res.body).toContain('116 123');
    const referral = (await referralsOf(form.familyName)).at(0);
    expect(referral?.flagged_for_clinician).toBe(true);
    const tasks = await t.db
      .selectFrom('staff_task')
      .select(['kind', 'priority'])
      .where('patient_id', '=', referral?.patient_id ?? '')
      .execute();
    expect(tasks).toEqual([{ kind: 'clinician-review', priority: 'urgent' }]);
  });

  it('is idempotent: sending the same form twice makes one referral', async () => {
    const form = selfForm();
    const agent = new TestAgent(app);
    expect((await submit(form, agent)).location).toBe('/refer/sent');
    expect((await submit(form, agent)).location).toBe('/refer/sent');
    expect(await referralsOf(form.familyName)).toHaveLength(1);
  });

  it.each([
    ['the honeypot filled in', { website: 'http://spam.example' }, 'We could not send your form'],
    ['sent within 3 seconds', { startedAt: 'now' }, 'Sorry, that was too quick'],
    [
      'open for more than 2 hours',
      { startedAt: startedSecondsAgo(3 * 3600) },
      'This form was open for more than 2 hours',
    ],
    [
      'a forged start time',
      { startedAt: `${String(Date.now() - 60_000)}.forged` },
      'We could not send your form',
    ],
    ['no start time', { startedAt: '' }, 'We could not send your form'],
  ])(
    'refuses a form with %s, clearly, and stores nothing',
    async (_case, overrides: Record<string, string>, message) => {
      // The table is built when the file loads: "now" is taken when the test runs.
      const form = selfForm(overrides.startedAt === 'now' ? { startedAt: startedSecondsAgo(0) } : overrides);
      const res = await submit(form);
      expect(res.status).toBe(400);
      expect(res.body).toContain(message);
      expect(res.body).toContain('href="#form"');
      expect(res.body).toContain(`value="${form.familyName}"`);
      expect(res.body).toContain('name="website" type="text" value=""');
      expect(await referralsOf(form.familyName)).toHaveLength(0);
    },
  );

  it('gives a fresh start time after "too old", so sending again works', async () => {
    const form = selfForm({ startedAt: startedSecondsAgo(3 * 3600) });
    const res = await submit(form);
    const fresh = /name="startedAt" value="(\d+)\./.exec(res.body)?.[1] ?? '0';
    expect(Date.now() - Number(fresh)).toBeLessThan(60_000);
  });

  it.each([
    ['no first name', { givenName: '' }, 'Enter your first name', 'givenName'],
    ['no last name', { familyName: '' }, 'Enter your last name', 'familyName'],
    [
      'no date of birth',
      { 'dateOfBirth[day]': '', 'dateOfBirth[month]': '', 'dateOfBirth[year]': '' },
      'Enter the date of birth',
      'dateOfBirth-day',
    ],
    ['no postcode', { postcode: '' }, 'Enter a postcode', 'postcode'],
    [
      'no way to contact them',
      { phone: '', email: '' },
      'Enter a phone number or an email address so we can contact you',
      'phone',
    ],
    [
      'a bad email address',
      { email: 'sam at home' },
      'Enter an email address in the correct format',
      'email',
    ],
    ['no practice', { practiceId: '' }, 'Select your GP practice, or', 'practiceId'],
    ['no needs', { needs: '' }, 'Select at least one thing you would like help with', 'needs'],
    [
      'too much detail',
      { details: 'y'.repeat(4001) },
      'What you tell us must be 4,000 characters or fewer',
      'details',
    ],
    [
      'no agreement to be contacted',
      { consentContact: '' },
      'Confirm we can contact you using the details you gave',
      'consentContact',
    ],
    [
      'no agreement to the referral',
      { consentReferral: '' },
      'Confirm you would like a social prescribing link worker to contact you',
      'consentReferral',
    ],
  ])(
    'rejects %s with the error summary and keeps the answers',
    async (_case, overrides: Record<string, string>, message, field) => {
      const form = selfForm(overrides);
      const res = await submit(form);
      expect(res.status).toBe(400);
      expect(res.body).toContain('<title>Error: Ask for help');
      expect(res.body).toContain(message);
      expect(res.body).toContain(`href="#${field}"`);
      expect(res.body).toContain(`value="${'familyName' in overrides ? form.postcode : form.familyName}"`);
    },
  );
});

describe('the self-referral rate limit', () => {
  it('refuses more posts from one address than the limit allows', async () => {
    const limited = await createApp({
      db: t.db,
      config: createTestConfig({ sessionSecret: SECRET, formRateLimitPerMinute: 2 }),
      tenant: t.tenant,
      logger: false,
    });
    try {
      const agent = new TestAgent(limited);
      const page = await agent.get('/refer');
      const token = csrfFrom(page.body);
      const statuses: number[] = [];
      for (let i = 0; i < 3; i++) {
        statuses.push((await agent.postWithToken('/refer', selfForm({ givenName: '' }), token)).statusCode);
      }
      expect(statuses).toEqual([400, 400, 429]);
    } finally {
      await limited.close();
    }
  });
});

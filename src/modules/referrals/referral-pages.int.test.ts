import type { FastifyInstance } from 'fastify';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildUser, csrfFrom, TestAgent } from '../../../test/support/accounts.ts';
import { buildPatient, buildPractice, nextTestNhsNumber } from '../../../test/support/casework-builders.ts';
import { createTestConfig } from '../../../test/support/test-config.ts';
import { createTestDatabase, type TestDatabase } from '../../../test/support/test-db.ts';
import { createApp } from '../../app.ts';
import { grantRole, insertOrganisation } from '../../modules/accounts/organisation.repository.ts';
import { searchAudit } from '../audit/audit.repository.ts';
import { listConsentEvents } from '../people/people.service.ts';
import { findReferral } from './referral.service.ts';

// The staff and partner referral form, the referrer's list and the referral page over HTTP: who may see
// what, the person found or created, consent recorded, urgent words flagged, idempotent retries, audit.

let t: TestDatabase;
let app: FastifyInstance;
let clinician: TestAgent;
let clinicianId: string;
let practiceId: string;

beforeAll(async () => {
  t = await createTestDatabase();
  app = await createApp({
    db: t.db,
    config: createTestConfig({ sessionSecret: 'r'.repeat(32), formRateLimitPerMinute: 1000 }),
    tenant: t.tenant,
    logger: false,
  });
  const practice = await buildPractice(t.db, t.tenant.id, { name: 'Meadow Surgery' });
  practiceId = practice.id;
  // The clinician works at the practice, so the form does not ask which practice.
  const org = await insertOrganisation(t.db, t.tenant.id, {
    kind: 'practice',
    name: 'Meadow Surgery',
    practiceId,
  });
  const user = await buildUser(t.db, t.tenant.id, { displayName: 'Dr Rita Rao' });
  await grantRole(t.db, t.tenant.id, { userId: user.id, organisationId: org.id, role: 'clinician' });
  clinicianId = user.id;
  clinician = new TestAgent(app);
  await clinician.signIn(user.email);
});

afterAll(async () => {
  await app.close();
  await t.close();
});

const referralForm = (overrides: Record<string, string> = {}): Record<string, string> => ({
  submissionId: randomUUID(),
  nhsNumber: '',
  givenName: 'Grace',
  familyName: `Hopper-${randomUUID().slice(0, 6)}`,
  'dateOfBirth[day]': '9',
  'dateOfBirth[month]': '12',
  'dateOfBirth[year]': '1946',
  postcode: 'LS6 1AN',
  phone: '07700 900456',
  reason: 'Lonely since her husband died; stopped going out',
  needs: 'loneliness',
  urgency: 'routine',
  riskInformation: '',
  consentConfirmed: 'yes',
  ...overrides,
});

async function send(
  agent: TestAgent,
  form: Record<string, string>,
): Promise<{ status: number; location: string; body: string }> {
  const page = await agent.get('/app/referrals/new');
  const res = await agent.postWithToken('/app/referrals', form, csrfFrom(page.body));
  return { status: res.statusCode, location: res.headers.location ?? '', body: res.body };
}

const idFrom = (location: string): string => /\/app\/referrals\/([0-9a-f-]{36})/.exec(location)?.[1] ?? '';

describe('the referral form', () => {
  it('shows the form with a fresh submission id and the practice of the referrer', async () => {
    const page = await clinician.get('/app/referrals/new');
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Refer someone to social prescribing');
    expect(page.body).toContain('GP practice: Meadow Surgery (your practice)');
    expect(page.body).not.toContain('name="practiceId"');
    expect(/name="submissionId" value="[0-9a-f-]{36}"/.test(page.body)).toBe(true);
  });

  it('refers a new person: creates their record, the referral, the consent; audits both; shows it', async () => {
    const form = referralForm({ needs: 'loneliness' });
    const res = await send(clinician, { ...form });
    expect(res.status).toBe(303);
    expect(res.location).toMatch(/\?done=sent$/);
    const referral = await findReferral(t.db, t.tenant.id, idFrom(res.location));
    expect(referral).toMatchObject({
      source: 'clinician',
      referrerUserId: clinicianId,
      referrerName: 'Dr Rita Rao',
      referrerOrganisation: 'Meadow Surgery',
      practiceId,
      needs: ['loneliness'],
      urgency: 'routine',
      status: 'new',
      flaggedForClinician: false,
      consentConfirmed: true,
    });
    const events = await listConsentEvents(t.db, t.tenant.id, referral?.patientId ?? '');
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({
      kind: 'social-prescribing',
      granted: true,
      method: 'verbal',
      referralId: referral?.id,
      recordedBy: clinicianId,
    });
    const page = await clinician.get(res.location);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Referral sent');
    expect(page.body).toContain(`Grace ${form.familyName}`);
    expect(page.body).toContain('Referral received');
    expect(page.body).toContain('No messages back yet');
    const created = await searchAudit(t.db, t.tenant.id, { action: 'create', limit: 5 });
    const mine = created.records.filter(
      (r) => r.subjectId === referral?.id || r.subjectId === referral?.patientId,
    );
    expect(mine.map((r) => r.subjectType).sort()).toEqual(['patient', 'referral']);
    expect(mine.find((r) => r.subjectType === 'referral')?.actorUserId).toBe(clinicianId);
  });

  it('uses the existing record when the NHS number matches, without needing the name', async () => {
    const patient = await buildPatient(t.db, t.tenant.id);
    const res = await send(
      clinician,
      referralForm({
        nhsNumber: patient.nhsNumber ?? '',
        givenName: '',
        familyName: '',
        'dateOfBirth[day]': '',
        'dateOfBirth[month]': '',
        'dateOfBirth[year]': '',
        postcode: '',
      }),
    );
    expect(res.status).toBe(303);
    expect((await findReferral(t.db, t.tenant.id, idFrom(res.location)))?.patientId).toBe(patient.id);
  });

  it('asks for the name and date of birth when no record has the NHS number', async () => {
    const res = await send(
      clinician,
      referralForm({
        nhsNumber: nextTestNhsNumber(),
        givenName: '',
        familyName: '',
        'dateOfBirth[day]': '',
        'dateOfBirth[month]': '',
        'dateOfBirth[year]': '',
        postcode: '',
      }),
    );
    expect(res.status).toBe(400);
    expect(res.body).toContain('No record has this NHS number yet: enter their given name to create one');
    expect(res.body).toContain('href="#dateOfBirth-day"');
  });

  const noPerson = {
    nhsNumber: '',
    givenName: '',
    familyName: '',
    'dateOfBirth[day]': '',
    'dateOfBirth[month]': '',
    'dateOfBirth[year]': '',
    postcode: '',
  };
  it.each([
    [
      'no person at all',
      noPerson,
      'Enter their NHS number, or their name, date of birth and postcode',
      'nhsNumber',
    ],
    [
      'no postcode and no NHS number',
      { postcode: '' },
      'Enter their postcode, or their NHS number',
      'postcode',
    ],
    ['no given name', { givenName: '' }, 'Enter the given name', 'givenName'],
    ['no year of birth', { 'dateOfBirth[year]': '' }, 'Date of birth must include a year', 'dateOfBirth-day'],
    ['a wrong NHS number', { nhsNumber: '999 000 0010' }, 'This is not a valid NHS number', 'nhsNumber'],
    ['a blank reason', { reason: '   ' }, 'Enter why you are referring them', 'reason'],
    [
      'a 4,001-character reason',
      { reason: 'x'.repeat(4001) },
      'Reason must be 4,000 characters or fewer',
      'reason',
    ],
    ['no needs', { needs: '' }, 'Select at least one thing they need help with', 'needs'],
    ['an unknown need', { needs: 'astrology' }, 'Select needs from the list', 'needs'],
    ['no urgency', { urgency: 'yesterday' }, 'Select how urgent the referral is', 'urgency'],
    [
      'no consent',
      { consentConfirmed: '' },
      'Confirm the person agrees to be referred to social prescribing',
      'consentConfirmed',
    ],
    ['a bad phone number', { phone: 'call me' }, 'Enter a UK phone number', 'phone'],
    ['a broken submission id', { submissionId: 'x' }, 'This form has expired', 'submissionId'],
  ])(
    'rejects %s, naming the field and keeping what was typed',
    async (_name, overrides: Record<string, string>, message, field) => {
      const form = referralForm({ reason: 'Kept reason text', ...overrides });
      const res = await send(clinician, form);
      expect(res.status).toBe(400);
      expect(res.body).toContain('<title>Error: Refer someone to social prescribing');
      expect(res.body).toContain(message);
      expect(res.body).toContain(`href="#${field}"`);
      if (!('reason' in overrides)) {
        expect(res.body).toContain('Kept reason text');
      }
    },
  );

  it('asks a referrer outside a practice to choose the practice', async () => {
    const vcse = await buildUser(t.db, t.tenant.id, { roles: ['vcse_staff'], orgKind: 'vcse' });
    const agent = new TestAgent(app);
    await agent.signIn(vcse.email);
    const page = await agent.get('/app/referrals/new');
    expect(page.body).toContain('name="practiceId"');
    const missing = await send(agent, referralForm());
    expect(missing.status).toBe(400);
    expect(missing.body).toContain('Select their GP practice');
    const res = await send(agent, referralForm({ practiceId }));
    expect(res.status).toBe(303);
    expect(await findReferral(t.db, t.tenant.id, idFrom(res.location))).toMatchObject({
      source: 'vcse',
      practiceId,
    });
  });

  it('flags urgent words for a clinician and raises an urgent clinician-review task, without blocking', async () => {
    const res = await send(
      clinician,
      referralForm({ riskInformation: 'Has said she feels suicidal at times' }),
    );
    expect(res.status).toBe(303);
    const referral = await findReferral(t.db, t.tenant.id, idFrom(res.location));
    expect(referral?.flaggedForClinician).toBe(true);
    const tasks = await t.db
      .selectFrom('staff_task')
      .selectAll()
      .where('patient_id', '=', referral?.patientId ?? '')
      .execute();
    expect(tasks).toHaveLength(1);
    expect(tasks[0]).toMatchObject({
      kind: 'clinician-review',
      priority: 'urgent',
      assigned_to: null,
      created_by: clinicianId,
    });
    expect(tasks[0]?.title).not.toContain('suicid');
    const page = await clinician.get(res.location);
    expect(page.body).toContain('Flagged for a clinician');
  });

  it('is idempotent: a retried submission returns the first referral, never a second', async () => {
    const form = referralForm();
    const first = await send(clinician, form);
    const again = await send(clinician, form);
    expect(again.status).toBe(303);
    expect(idFrom(again.location)).toBe(idFrom(first.location));
    const rows = await t.db
      .selectFrom('referral')
      .select('id')
      .where('idempotency_key', 'like', `%${form.submissionId}`)
      .execute();
    expect(rows).toHaveLength(1);
    const people = await t.db
      .selectFrom('patient')
      .select('id')
      .where('family_name', '=', form.familyName)
      .execute();
    expect(people).toHaveLength(1);
  });
});

describe('the referrer’s list and the referral page', () => {
  it('lists only my referrals, newest first, and audits who was shown', async () => {
    const other = await buildUser(t.db, t.tenant.id, { roles: ['care_navigator'] });
    const agent = new TestAgent(app);
    await agent.signIn(other.email);
    const first = await send(agent, referralForm({ familyName: 'Firstperson', practiceId }));
    const second = await send(agent, referralForm({ familyName: 'Secondperson', practiceId }));
    const list = await agent.get('/app/referrals');
    expect(list.statusCode).toBe(200);
    expect(list.body.indexOf('Secondperson')).toBeLessThan(list.body.indexOf('Firstperson'));
    expect(list.body).not.toContain('Hopper-');
    expect(list.body).toContain('Received');
    const audit = await searchAudit(t.db, t.tenant.id, {
      subjectType: 'patient',
      subjectId: (await findReferral(t.db, t.tenant.id, idFrom(first.location)))?.patientId ?? '',
      limit: 10,
    });
    expect(audit.records.map((r) => r.subjectLabel)).toContain('Referral list');
    // Another referrer (not a triager) gets 404 for it; a triager may open it.
    expect((await clinician.get(second.location.replace('?done=sent', ''))).statusCode).toBe(404);
    const worker = await buildUser(t.db, t.tenant.id, { roles: ['link_worker'] });
    const triager = new TestAgent(app);
    await triager.signIn(worker.email);
    const seen = await triager.get(second.location.replace('?done=sent', ''));
    expect(seen.statusCode).toBe(200);
    expect(seen.body).toContain('Triage this referral');
  });

  it('answers 404 for a referral that does not exist', async () => {
    expect((await clinician.get(`/app/referrals/${randomUUID()}`)).statusCode).toBe(404);
    expect((await clinician.get('/app/referrals/nope')).statusCode).toBe(404);
  });
});

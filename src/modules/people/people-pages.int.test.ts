import type { FastifyInstance } from 'fastify';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildUser, csrfFrom, TestAgent } from '../../../test/support/accounts.ts';
import {
  buildPatient,
  buildPractice,
  buildReferral,
  nextTestNhsNumber,
} from '../../../test/support/casework-builders.ts';
import { createTestConfig } from '../../../test/support/test-config.ts';
import { createTestDatabase, type TestDatabase } from '../../../test/support/test-db.ts';
import { createApp } from '../../app.ts';
import { createTestOrganization } from '../../../test/support/builders.ts';
import { searchAudit } from '../audit/audit.repository.ts';
import { formatNhsNumber } from './nhs-number.ts';
import { findPatientById, listConsentEvents } from './people.service.ts';

// The people pages over HTTP on a real database: search, create (validation, duplicates), the record,
// consents, edit with optimistic locking, and the audit entries each leaves.

let t: TestDatabase;
let app: FastifyInstance;
let worker: TestAgent;
let workerId: string;
let practiceId: string;

beforeAll(async () => {
  t = await createTestDatabase();
  app = await createApp({
    db: t.db,
    config: createTestConfig({ sessionSecret: 'p'.repeat(32), formRateLimitPerMinute: 1000 }),
    tenant: t.tenant,
    logger: false,
  });
  const user = await buildUser(t.db, t.tenant.id, { roles: ['link_worker'], displayName: 'Lee Worker' });
  workerId = user.id;
  worker = new TestAgent(app);
  await worker.signIn(user.email);
  practiceId = (await buildPractice(t.db, t.tenant.id, { name: 'Hillside Surgery' })).id;
});

afterAll(async () => {
  await app.close();
  await t.close();
});

async function auditOf(subjectId: string): Promise<string[]> {
  const page = await searchAudit(t.db, t.tenant.id, { subjectType: 'patient', subjectId, limit: 50 });
  return page.records.map((r) => `${r.action}:${r.subjectLabel ?? ''}`).reverse();
}

const validPerson = (overrides: Record<string, string> = {}): Record<string, string> => ({
  nhsNumber: '',
  nhsNumberStatus: '',
  givenName: 'Ada',
  familyName: `Lovelace-${randomUUID().slice(0, 6)}`,
  'dateOfBirth[day]': '10',
  'dateOfBirth[month]': '12',
  'dateOfBirth[year]': '1955',
  gender: 'female',
  ethnicity: 'A',
  addressLine1: '1 Hill Street',
  town: 'Leeds',
  postcode: 'ls6 1an',
  phone: '07700 900123',
  email: '',
  preferredContact: 'phone',
  preferredLanguage: 'English',
  interpreterNeeded: 'no',
  communicationNeeds: '',
  practiceId,
  ...overrides,
});

describe('GET /app/people (search)', () => {
  it('shows the empty search and records that the page was used', async () => {
    const before = await searchAudit(t.db, t.tenant.id, { action: 'search', limit: 100 });
    const res = await worker.get('/app/people');
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('Find a person');
    const after = await searchAudit(t.db, t.tenant.id, { action: 'search', limit: 100 });
    expect(after.records.length).toBe(before.records.length + 1);
  });

  it('finds by NHS number, and by family name (any case) and date of birth; audits the search and each person', async () => {
    const patient = await buildPatient(t.db, t.tenant.id, {
      familyName: 'Okonkwo',
      dateOfBirth: '1949-07-01',
    });
    const byNumber = await worker.get(
      `/app/people?search=1&nhsNumber=${encodeURIComponent(formatNhsNumber(patient.nhsNumber ?? ''))}`,
    );
    expect(byNumber.statusCode).toBe(200);
    expect(byNumber.body).toContain('1 person found');
    expect(byNumber.body).toContain(`/app/people/${patient.id}`);
    const byName = await worker.get(
      '/app/people?search=1&familyName=OKONKWO&dateOfBirth%5Bday%5D=1&dateOfBirth%5Bmonth%5D=7&dateOfBirth%5Byear%5D=1949',
    );
    expect(byName.body).toContain(`/app/people/${patient.id}`);
    expect(await auditOf(patient.id)).toEqual(['read:Search result', 'read:Search result']);
    const searches = await searchAudit(t.db, t.tenant.id, { action: 'search', limit: 5 });
    expect(searches.records[0]?.details).toEqual({ by: 'name-and-birth', results: 1 });
  });

  it.each([
    ['search=1', 'Enter an NHS number, or a family name and date of birth', '#nhsNumber'],
    ['search=1&nhsNumber=9990000010', 'This is not a valid NHS number', '#nhsNumber'],
    [
      'search=1&familyName=Smith',
      'Enter the date of birth to search by name and date of birth',
      '#dateOfBirth-day',
    ],
    [
      'search=1&dateOfBirth%5Bday%5D=1&dateOfBirth%5Bmonth%5D=2&dateOfBirth%5Byear%5D=1950',
      'Enter the family name',
      '#familyName',
    ],
    [
      'search=1&familyName=Smith&dateOfBirth%5Bday%5D=31&dateOfBirth%5Bmonth%5D=2&dateOfBirth%5Byear%5D=1950',
      'Date of birth must be a real date',
      '#dateOfBirth-day',
    ],
  ])('rejects %s with the error summary', async (query, message, href) => {
    const res = await worker.get(`/app/people?${query}`);
    expect(res.statusCode).toBe(400);
    expect(res.body).toContain('There is a problem');
    expect(res.body).toContain(message);
    expect(res.body).toContain(`href="${href}"`);
  });
});

describe('POST /app/people (create)', () => {
  it('creates a record with every PRSB field, audits it and shows it', async () => {
    const form = validPerson({
      nhsNumber: formatNhsNumber(nextTestNhsNumber()),
      nhsNumberStatus: '02',
      email: 'ada@example.org',
      preferredContact: 'email',
      interpreterNeeded: 'yes',
      preferredLanguage: 'Polish',
    });
    const res = await worker.post('/app/people', form, '/app/people/new');
    expect(res.statusCode).toBe(303);
    const id = /\/app\/people\/([0-9a-f-]{36})\?done=created/.exec(res.headers.location ?? '')?.[1] ?? '';
    const patient = await findPatientById(t.db, t.tenant.id, id);
    expect(patient).toMatchObject({
      givenName: 'Ada',
      dateOfBirth: '1955-12-10',
      nhsNumberStatus: '02',
      postcode: 'LS6 1AN',
      ethnicity: 'A',
      gender: 'female',
      preferredContact: 'email',
      interpreterNeeded: true,
      preferredLanguage: 'Polish',
      practiceId,
    });
    const page = await worker.get(res.headers.location ?? '');
    expect(page.body).toContain('Record created');
    expect(page.body).toContain('Hillside Surgery');
    expect(page.body).toContain('Polish (needs an interpreter)');
    expect(await auditOf(id)).toEqual(['create:Patient record', 'read:Patient record']);
  });

  it('sets the verification status to "Number not present" when there is no number and no status', async () => {
    const res = await worker.post('/app/people', validPerson(), '/app/people/new');
    const id = /\/app\/people\/([0-9a-f-]{36})/.exec(res.headers.location ?? '')?.[1] ?? '';
    expect((await findPatientById(t.db, t.tenant.id, id))?.nhsNumberStatus).toBe('07');
  });

  it.each([
    [{ givenName: '' }, 'Enter the given name', 'givenName'],
    [{ familyName: '' }, 'Enter the family name', 'familyName'],
    [
      { 'dateOfBirth[day]': '', 'dateOfBirth[month]': '', 'dateOfBirth[year]': '' },
      'Enter the date of birth',
      'dateOfBirth-day',
    ],
    [{ 'dateOfBirth[month]': '' }, 'Date of birth must include a month', 'dateOfBirth-day'],
    [
      { 'dateOfBirth[day]': '30', 'dateOfBirth[month]': '2' },
      'Date of birth must be a real date',
      'dateOfBirth-day',
    ],
    [{ 'dateOfBirth[year]': '2027' }, 'Date of birth must be today or in the past', 'dateOfBirth-day'],
    [{ 'dateOfBirth[year]': '1890' }, 'Date of birth must be within the last 120 years', 'dateOfBirth-day'],
    [{ nhsNumber: '999 000 0010' }, 'This is not a valid NHS number', 'nhsNumber'],
    [{ nhsNumber: '12345' }, 'NHS number must be 10 digits', 'nhsNumber'],
    [
      { nhsNumberStatus: '01' },
      'Enter the NHS number, or choose a status that does not need one',
      'nhsNumberStatus',
    ],
    [{ nhsNumber: '9990000018', nhsNumberStatus: '07' }, 'Choose a status other than', 'nhsNumberStatus'],
    [{ postcode: 'LS6' }, 'Enter a real postcode', 'postcode'],
    [{ phone: '12' }, 'Enter a UK phone number', 'phone'],
    [{ email: 'not-an-address' }, 'Enter an email address in the correct format', 'email'],
    [{ preferredContact: 'email' }, 'Enter an email address to contact them by email', 'preferredContact'],
    [{ preferredContact: 'pigeon' }, 'Select how they prefer to be contacted', 'preferredContact'],
    [{ ethnicity: 'I' }, 'Select an ethnic category from the list', 'ethnicity'],
    [{ practiceId: randomUUID() }, 'Select a GP practice from the list', 'practiceId'],
    [{ preferredLanguage: '' }, 'Enter their preferred language', 'preferredLanguage'],
  ])('rejects %o with the error summary and keeps what was typed', async (overrides, message, field) => {
    const form = validPerson(overrides);
    const res = await worker.post('/app/people', form, '/app/people/new');
    expect(res.statusCode).toBe(400);
    expect(res.body).toContain('<title>Error: Add a person');
    expect(res.body).toContain(message);
    expect(res.body).toContain(`href="#${field}"`);
    expect(res.body).toContain(`value="${form.familyName}"`);
  });

  it('never makes a second record for an NHS number: it offers the existing one', async () => {
    const existing = await buildPatient(t.db, t.tenant.id);
    const res = await worker.post(
      '/app/people',
      validPerson({ nhsNumber: existing.nhsNumber ?? '' }),
      '/app/people/new',
    );
    expect(res.statusCode).toBe(409);
    expect(res.body).toContain('A record with this NHS number already exists');
    expect(res.body).toContain(`href="/app/people/${existing.id}"`);
    expect(res.body).toContain('Use this record');
    expect(res.body).not.toContain('These are different people');
    expect(await auditOf(existing.id)).toEqual(['read:Possible duplicate']);
  });

  it('asks about the same family name and date of birth, and creates only after "these are different people"', async () => {
    const family = `Patel-${randomUUID().slice(0, 6)}`;
    const existing = await buildPatient(t.db, t.tenant.id, {
      familyName: family,
      dateOfBirth: '1955-12-10',
      nhsNumber: null,
    });
    const form = validPerson({ familyName: family.toUpperCase() });
    const first = await worker.post('/app/people', form, '/app/people/new');
    expect(first.statusCode).toBe(409);
    expect(first.body).toContain('This person may already have a record');
    expect(first.body).toContain(`href="/app/people/${existing.id}"`);
    expect(first.body).toContain('These are different people, create a new record');
    const key = /name="duplicatesChecked" value="([^"]+)"/.exec(first.body)?.[1] ?? '';
    expect(key).not.toBe('');
    // Changing the date of birth after confirming runs the check again (here: no match, so it creates).
    const confirmed = await worker.postWithToken(
      '/app/people',
      { ...form, duplicatesChecked: key },
      csrfFrom(first.body),
    );
    expect(confirmed.statusCode).toBe(303);
    const count = await t.db
      .selectFrom('patient')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .where('family_name', 'ilike', family)
      .executeTakeFirstOrThrow();
    expect(Number(count.n)).toBe(2);
  });
});

describe('the person page and consents', () => {
  it('records consent decisions with history and current flags; audits each', async () => {
    const { id: referralId, patientId } = await buildReferral(t.db, t.tenant.id);
    const organization = await createTestOrganization(t.db, t.tenant.id, { name: 'Leeds Befrienders' });
    const page = await worker.get(`/app/people/${patientId}`);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Record a consent decision');
    expect(page.body).toContain(`/app/referrals/${referralId}`);
    const url = `/app/people/${patientId}/consents`;
    const missing = await worker.post(url, {}, `/app/people/${patientId}`);
    expect(missing.statusCode).toBe(400);
    expect(missing.body).toContain('Select which consent you are recording');
    expect(missing.body).toContain('Select what they decided');
    expect(missing.body).toContain('Select how the consent was given');
    const shareWithout = await worker.post(
      url,
      { kind: 'share-with-organisation', decision: 'given', method: 'verbal' },
      `/app/people/${patientId}`,
    );
    expect(shareWithout.body).toContain('Select the organisation they agree to share with');
    expect(shareWithout.body).toContain('Select the referral this consent is for');
    const smsDeclined = await worker.post(
      url,
      { kind: 'contact-sms', decision: 'declined', method: 'verbal' },
      `/app/people/${patientId}`,
    );
    expect(smsDeclined.body).toContain('Only consent to social prescribing can be recorded as declined');

    expect(
      (
        await worker.post(
          url,
          { kind: 'contact-sms', decision: 'given', method: 'verbal' },
          `/app/people/${patientId}`,
        )
      ).statusCode,
    ).toBe(303);
    const share = await worker.post(
      url,
      {
        kind: 'share-with-organisation',
        decision: 'given',
        method: 'written',
        organizationId: organization.id,
        referralId,
      },
      `/app/people/${patientId}`,
    );
    expect(share.statusCode).toBe(303);
    expect(share.headers.location).toBe(`/app/people/${patientId}?done=consent#consents`);
    const after = await worker.get(`/app/people/${patientId}?done=consent`);
    expect(after.body).toContain('Consent decision recorded');
    expect(after.body).toContain('Share details with Leeds Befrienders');
    expect(after.body).toContain(
      'We will share your name, contact details and the reason for this referral with Leeds Befrienders',
    );
    expect(after.body).toContain('recorded by Lee Worker');
    expect((await findPatientById(t.db, t.tenant.id, patientId))?.consentSms).toBe(true);
    const events = await listConsentEvents(t.db, t.tenant.id, patientId);
    expect(events.map((e) => e.kind)).toEqual(
      expect.arrayContaining(['contact-sms', 'share-with-organisation']),
    );
    expect(events.find((e) => e.kind === 'share-with-organisation')).toMatchObject({
      organizationId: organization.id,
      referralId,
      recordedBy: workerId,
      method: 'written',
    });
    const audit = await searchAudit(t.db, t.tenant.id, {
      subjectType: 'patient',
      subjectId: patientId,
      action: 'update',
      limit: 10,
    });
    expect(audit.records.map((r) => r.details)).toContainEqual({
      consent: 'share-with-organisation',
      granted: true,
      method: 'written',
    });
  });

  it('answers 404 for a person who does not exist or an id that is not one', async () => {
    expect((await worker.get(`/app/people/${randomUUID()}`)).statusCode).toBe(404);
    expect((await worker.get('/app/people/not-an-id')).statusCode).toBe(404);
  });

  it('hides the consent form and change link from a role that may only read', async () => {
    const navigator = await buildUser(t.db, t.tenant.id, { roles: ['care_navigator'] });
    const agent = new TestAgent(app);
    await agent.signIn(navigator.email);
    const patient = await buildPatient(t.db, t.tenant.id);
    const page = await agent.get(`/app/people/${patient.id}`);
    expect(page.statusCode).toBe(200);
    expect(page.body).not.toContain('Record a consent decision');
    expect((await agent.get(`/app/people/${patient.id}/edit`)).statusCode).toBe(403);
  });
});

describe('changing a record', () => {
  it('saves changes, bumps the version and audits which fields changed', async () => {
    const patient = await buildPatient(t.db, t.tenant.id);
    const edit = await worker.get(`/app/people/${patient.id}/edit`);
    expect(edit.statusCode).toBe(200);
    const form = formFrom(edit.body);
    const res = await worker.postWithToken(
      `/app/people/${patient.id}`,
      { ...form, phone: '0113 496 0000' },
      csrfFrom(edit.body),
    );
    expect(res.statusCode).toBe(303);
    expect(await findPatientById(t.db, t.tenant.id, patient.id)).toMatchObject({
      phone: '0113 496 0000',
      version: 2,
    });
    const audit = await searchAudit(t.db, t.tenant.id, {
      subjectType: 'patient',
      subjectId: patient.id,
      action: 'update',
      limit: 5,
    });
    expect(audit.records[0]?.details).toEqual({ changed: ['Phone number'] });
  });

  it('never overwrites a change made meanwhile: it names the fields that changed and keeps what was typed', async () => {
    const patient = await buildPatient(t.db, t.tenant.id);
    const mine = await worker.get(`/app/people/${patient.id}/edit`);
    const theirs = await worker.get(`/app/people/${patient.id}/edit`);
    const theirForm = formFrom(theirs.body);
    await worker.postWithToken(
      `/app/people/${patient.id}`,
      { ...theirForm, email: 'new@example.org', town: 'Otley' },
      csrfFrom(theirs.body),
    );
    const myForm = formFrom(mine.body);
    const res = await worker.postWithToken(
      `/app/people/${patient.id}`,
      { ...myForm, phone: '0113 000 0000' },
      csrfFrom(mine.body),
    );
    expect(res.statusCode).toBe(409);
    expect(res.body).toContain('This record changed while you were editing it');
    expect(res.body).toContain('<li>Town or city</li>');
    expect(res.body).toContain('<li>Email address</li>');
    expect(res.body).not.toContain('<li>Phone number</li>');
    expect(res.body).toContain('value="0113 000 0000"');
    expect(res.body).toContain('name="version" value="2"');
    expect(await findPatientById(t.db, t.tenant.id, patient.id)).toMatchObject({
      town: 'Otley',
      phone: '07700 900123',
    });
  });

  it('refuses an NHS number another record has', async () => {
    const holder = await buildPatient(t.db, t.tenant.id);
    const patient = await buildPatient(t.db, t.tenant.id, { nhsNumber: null });
    const edit = await worker.get(`/app/people/${patient.id}/edit`);
    const res = await worker.postWithToken(
      `/app/people/${patient.id}`,
      { ...formFrom(edit.body), nhsNumber: holder.nhsNumber ?? '', nhsNumberStatus: '02' },
      csrfFrom(edit.body),
    );
    expect(res.statusCode).toBe(400);
    expect(res.body).toContain('Another record already has this NHS number');
  });
});

/** The edit form's fields as the page has them (inputs, checked radios, selected options, hidden fields). */
function formFrom(html: string): Record<string, string> {
  const form: Record<string, string> = {};
  for (const m of html.matchAll(/<input[^>]*>/g)) {
    const tag = m[0];
    const name = /name="([^"]+)"/.exec(tag)?.[1];
    const value = /value="([^"]*)"/.exec(tag)?.[1] ?? '';
    const type = /type="([^"]+)"/.exec(tag)?.[1] ?? 'text';
    if (
      name === undefined ||
      name === '_csrf' ||
      ((type === 'radio' || type === 'checkbox') && !tag.includes('checked'))
    ) {
      continue;
    }
    form[name] = value
      .replace(/&amp;/g, '&')
      .replace(/&#39;/g, "'")
      .replace(/&quot;/g, '"');
  }
  for (const m of html.matchAll(/<select[^>]*name="([^"]+)"[^>]*>([\s\S]*?)<\/select>/g)) {
    const selected = /<option value="([^"]*)"[^>]*selected/.exec(m[2])?.[1] ?? '';
    form[m[1]] = selected;
  }
  for (const m of html.matchAll(/<textarea[^>]*name="([^"]+)"[^>]*>([\s\S]*?)<\/textarea>/g)) {
    form[m[1]] = m[2].trim();
  }
  return form;
}

import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { referralKey, sourceForRole } from './referral.model.ts';
import { parseReferralApiBody } from './referral-api.schema.ts';
import { checkNeeds, parseStaffReferralForm, personIssuesForNewRecord } from './referral.schema.ts';
import { parseSelfReferralForm } from './self-referral.schema.ts';
import { parseAllocationForm, parseTriageForm } from './triage.schema.ts';

const TODAY = '2026-03-10';
const practiceId = randomUUID();
const fieldsOf = (result: { ok: boolean; issues?: { field: string }[] }): string[] =>
  result.ok ? [] : (result.issues ?? []).map((i) => i.field);

const staff = (overrides: Record<string, unknown> = {}): Record<string, unknown> => ({
  submissionId: randomUUID(),
  givenName: 'Grace',
  familyName: 'Hopper',
  'dateOfBirth[day]': '9',
  'dateOfBirth[month]': '12',
  'dateOfBirth[year]': '1946',
  postcode: 'ls6 1an',
  reason: ' Lonely ',
  needs: ['loneliness', 'housing'],
  urgency: 'routine',
  consentConfirmed: 'yes',
  ...overrides,
});

describe('the staff referral form', () => {
  it('takes name, date of birth and postcode, normalised', () => {
    const result = parseStaffReferralForm(staff(), {
      today: TODAY,
      practiceIds: [],
      practiceRequired: false,
    });
    expect(result.ok && result.value).toMatchObject({
      person: {
        nhsNumber: null,
        givenName: 'Grace',
        familyName: 'Hopper',
        dateOfBirth: '1946-12-09',
        postcode: 'LS6 1AN',
        phone: null,
      },
      reason: 'Lonely',
      needs: ['loneliness', 'housing'],
      practiceId: null,
    });
  });

  it('takes an NHS number alone (a look-up decides whether the rest is needed)', () => {
    const result = parseStaffReferralForm(
      staff({
        nhsNumber: '999 000 0018',
        givenName: '',
        familyName: '',
        'dateOfBirth[day]': '',
        'dateOfBirth[month]': '',
        'dateOfBirth[year]': '',
        postcode: '',
      }),
      { today: TODAY, practiceIds: [], practiceRequired: false },
    );
    expect(result.ok && result.value.person).toEqual({
      nhsNumber: '9990000018',
      givenName: null,
      familyName: null,
      dateOfBirth: null,
      postcode: null,
      phone: null,
    });
    expect(
      result.ok && personIssuesForNewRecord(result.value.person, 'dateOfBirth-day').map((i) => i.field),
    ).toEqual(['givenName', 'familyName', 'dateOfBirth-day']);
  });

  it('still checks what was typed next to an NHS number', () => {
    expect(
      fieldsOf(
        parseStaffReferralForm(
          staff({ nhsNumber: '9990000018', 'dateOfBirth[day]': '31', 'dateOfBirth[month]': '2' }),
          { today: TODAY, practiceIds: [], practiceRequired: false },
        ),
      ),
    ).toEqual(['dateOfBirth-day']);
  });

  it('needs the practice when the referrer is not in one', () => {
    expect(
      fieldsOf(
        parseStaffReferralForm(staff(), { today: TODAY, practiceIds: [practiceId], practiceRequired: true }),
      ),
    ).toEqual(['practiceId']);
    const chosen = parseStaffReferralForm(staff({ practiceId }), {
      today: TODAY,
      practiceIds: [practiceId],
      practiceRequired: true,
    });
    expect(chosen.ok && chosen.value.practiceId).toBe(practiceId);
  });

  it('ignores empty needs and refuses unknown ones', () => {
    expect(checkNeeds(['', 'loneliness', 'loneliness'], 'none')).toEqual({ ok: true, value: ['loneliness'] });
    expect(fieldsOf(checkNeeds([''], 'none'))).toEqual(['needs']);
    expect(fieldsOf(checkNeeds(['astrology'], 'none'))).toEqual(['needs']);
  });
});

describe('the self-referral form', () => {
  const self = (overrides: Record<string, string> = {}): Record<string, string> => ({
    submissionId: randomUUID(),
    givenName: 'Sam',
    familyName: 'Public',
    'dateOfBirth[day]': '3',
    'dateOfBirth[month]': '4',
    'dateOfBirth[year]': '1980',
    postcode: 'LS7 4NA',
    email: 'sam@example.org',
    practiceId: 'not-listed',
    needs: 'money_debt',
    consentContact: 'yes',
    consentReferral: 'yes',
    ...overrides,
  });

  it('takes an email alone and "practice not listed"', () => {
    const result = parseSelfReferralForm(self(), { today: TODAY, practiceIds: [] });
    expect(result.ok && result.value).toMatchObject({
      practiceId: null,
      phone: null,
      email: 'sam@example.org',
      details: null,
    });
  });

  it('needs a way to get in touch, a practice choice and both agreements', () => {
    expect(
      fieldsOf(
        parseSelfReferralForm(self({ email: '', practiceId: '', consentContact: '', consentReferral: '' }), {
          today: TODAY,
          practiceIds: [],
        }),
      ),
    ).toEqual(['phone', 'practiceId', 'consentContact', 'consentReferral']);
  });
});

describe('the referral API body', () => {
  it('reads YYYY-MM-DD dates and names issues after the JSON fields', () => {
    const good = parseReferralApiBody(
      {
        givenName: 'A',
        familyName: 'B',
        dateOfBirth: '1980-04-03',
        postcode: 'LS7 4NA',
        reason: 'r',
        needs: ['loneliness'],
        consentConfirmed: true,
        practiceId,
      },
      { today: TODAY, practiceIds: [practiceId], practiceRequired: true },
    );
    expect(good.ok && good.value).toMatchObject({
      urgency: 'routine',
      practiceId,
      person: { dateOfBirth: '1980-04-03' },
    });
    const bad = parseReferralApiBody(
      {
        givenName: 'A',
        familyName: 'B',
        dateOfBirth: '1980-02-30',
        postcode: 'LS7 4NA',
        reason: '',
        needs: [],
        consentConfirmed: true,
      },
      { today: TODAY, practiceIds: [], practiceRequired: false },
    );
    expect(fieldsOf(bad)).toEqual(['dateOfBirth', 'reason', 'needs']);
  });
});

describe('the triage form', () => {
  const workers = [randomUUID()];
  it.each([
    [
      { decision: 'accept', linkWorkerId: 'later', version: '3' },
      { decision: { kind: 'accept', linkWorkerId: null }, triageNote: null, expectedVersion: 3 },
    ],
    [
      { decision: 'accept', linkWorkerId: workers[0] ?? '', version: '1' },
      { decision: { kind: 'accept', linkWorkerId: workers[0] }, triageNote: null, expectedVersion: 1 },
    ],
    [
      { decision: 'decline', declineReason: 'duplicate', version: '1' },
      {
        decision: { kind: 'decline', reason: 'duplicate', note: null },
        triageNote: null,
        expectedVersion: 1,
      },
    ],
    [
      { decision: 'redirect', redirectedTo: ' Pharmacy ', triageNote: 'n', version: 'x' },
      { decision: { kind: 'redirect', to: 'Pharmacy' }, triageNote: 'n', expectedVersion: 0 },
    ],
  ])('%o gives %o', (body, expected) => {
    expect(parseTriageForm(body, { linkWorkerIds: workers })).toEqual({ ok: true, value: expected });
  });

  it('requires a link worker from the list to allocate', () => {
    expect(
      fieldsOf(parseAllocationForm({ linkWorkerId: randomUUID(), version: '1' }, { linkWorkerIds: workers })),
    ).toEqual(['linkWorkerId']);
    expect(
      parseAllocationForm({ linkWorkerId: workers[0], version: '2' }, { linkWorkerIds: workers }),
    ).toEqual({ ok: true, value: { linkWorkerId: workers[0], caseVersion: 2 } });
  });
});

describe('sources and keys', () => {
  it('sets the source from the role', () => {
    expect(sourceForRole('clinician')).toBe('clinician');
    expect(sourceForRole('care_navigator')).toBe('care-navigator');
    expect(sourceForRole('link_worker')).toBe('practice-staff');
    expect(sourceForRole('vcse_staff')).toBe('vcse');
  });

  it('namespaces idempotency keys by channel and user', () => {
    expect(referralKey('form', 'abc', 'u1')).toBe('form:u1:abc');
    expect(referralKey('api', 'abc', 'u1')).not.toBe(referralKey('api', 'abc', 'u2'));
    expect(referralKey('self', 'abc')).toBe('self:abc');
  });
});

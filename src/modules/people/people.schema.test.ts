import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { consentWording, parseConsentForm } from './consent.schema.ts';
import { parsePatientForm, parsePeopleSearch } from './people.schema.ts';

const TODAY = '2026-03-10';
const practiceId = randomUUID();

const form = (overrides: Record<string, string> = {}): Record<string, string> => ({
  givenName: ' Ada ',
  familyName: 'Lovelace',
  'dateOfBirth[day]': '10',
  'dateOfBirth[month]': '12',
  'dateOfBirth[year]': '1955',
  preferredLanguage: 'English',
  phone: '07700 900123',
  ...overrides,
});

const fieldsOf = (result: { ok: boolean; issues?: { field: string }[] }): string[] =>
  result.ok ? [] : (result.issues ?? []).map((i) => i.field);

describe('the patient form', () => {
  it('takes the minimum (names, date of birth, a phone for phone contact) with sensible defaults', () => {
    const result = parsePatientForm(form(), { today: TODAY, practiceIds: [] });
    expect(result.ok).toBe(true);
    expect(result.ok && result.value).toMatchObject({
      givenName: 'Ada',
      dateOfBirth: '1955-12-10',
      nhsNumber: null,
      nhsNumberStatus: '07',
      gender: 'unknown',
      preferredContact: 'phone',
      interpreterNeeded: false,
      practiceId: null,
      postcode: null,
    });
  });

  it('stores the NHS number as ten digits, defaulting to "trace required"', () => {
    const result = parsePatientForm(form({ nhsNumber: '999-000-0018' }), { today: TODAY, practiceIds: [] });
    expect(result.ok && result.value).toMatchObject({ nhsNumber: '9990000018', nhsNumberStatus: '03' });
  });

  it.each([
    [{ nhsNumberStatus: '01' }, 'nhsNumberStatus'],
    [{ nhsNumberStatus: '02' }, 'nhsNumberStatus'],
    [{ nhsNumber: '9990000018', nhsNumberStatus: '07' }, 'nhsNumberStatus'],
    [{ nhsNumberStatus: '09' }, 'nhsNumberStatus'],
    [{ 'dateOfBirth[day]': '' }, 'dateOfBirth-day'],
    [{ 'dateOfBirth[year]': '2026', 'dateOfBirth[month]': '3', 'dateOfBirth[day]': '11' }, 'dateOfBirth-day'],
    [{ 'dateOfBirth[year]': '1906', 'dateOfBirth[month]': '3', 'dateOfBirth[day]': '9' }, 'dateOfBirth-day'],
    [{ gender: 'x' }, 'gender'],
    [{ ethnicity: 'I' }, 'ethnicity'],
    [{ practiceId: randomUUID() }, 'practiceId'],
    [{ preferredContact: 'sms', phone: '' }, 'preferredContact'],
    [{ preferredContact: 'letter' }, 'preferredContact'],
    [{ interpreterNeeded: 'maybe' }, 'interpreterNeeded'],
    [{ communicationNeeds: 'z'.repeat(1001) }, 'communicationNeeds'],
    [{ givenName: 'g'.repeat(101) }, 'givenName'],
  ])('%o is refused on %s', (overrides, field) => {
    expect(fieldsOf(parsePatientForm(form(overrides), { today: TODAY, practiceIds: [practiceId] }))).toEqual([
      field,
    ]);
  });

  it('accepts today as a date of birth and exactly 120 years ago', () => {
    const today = parsePatientForm(
      form({ 'dateOfBirth[day]': '10', 'dateOfBirth[month]': '3', 'dateOfBirth[year]': '2026' }),
      { today: TODAY, practiceIds: [] },
    );
    const oldest = parsePatientForm(
      form({ 'dateOfBirth[day]': '10', 'dateOfBirth[month]': '3', 'dateOfBirth[year]': '1906' }),
      { today: TODAY, practiceIds: [] },
    );
    expect(today.ok).toBe(true);
    expect(oldest.ok).toBe(true);
  });

  it('needs an address to prefer letters, and an email to prefer email', () => {
    const letter = parsePatientForm(
      form({ preferredContact: 'letter', addressLine1: '1 Street', postcode: 'LS6 1AN', practiceId }),
      { today: TODAY, practiceIds: [practiceId] },
    );
    expect(letter.ok && letter.value).toMatchObject({
      preferredContact: 'letter',
      postcode: 'LS6 1AN',
      practiceId,
    });
    expect(
      fieldsOf(parsePatientForm(form({ preferredContact: 'email' }), { today: TODAY, practiceIds: [] })),
    ).toEqual(['preferredContact']);
  });
});

describe('the people search', () => {
  it('is empty without criteria, and takes an NHS number or a name with a date of birth', () => {
    expect(parsePeopleSearch({}, TODAY)).toBeNull();
    expect(parsePeopleSearch({ nhsNumber: '999 000 0018' }, TODAY)).toEqual({
      ok: true,
      value: { by: 'nhs-number', nhsNumber: '9990000018', familyName: null, dateOfBirth: null },
    });
    expect(
      parsePeopleSearch(
        {
          familyName: ' Smith ',
          'dateOfBirth[day]': '1',
          'dateOfBirth[month]': '2',
          'dateOfBirth[year]': '1950',
        },
        TODAY,
      ),
    ).toEqual({
      ok: true,
      value: { by: 'name-and-birth', nhsNumber: null, familyName: 'Smith', dateOfBirth: '1950-02-01' },
    });
    expect(fieldsOf(parsePeopleSearch({ search: '1' }, TODAY) ?? { ok: true })).toEqual(['nhsNumber']);
    expect(fieldsOf(parsePeopleSearch({ familyName: 'Smith' }, TODAY) ?? { ok: true })).toEqual([
      'dateOfBirth-day',
    ]);
  });
});

describe('the consent form', () => {
  const organisations = new Map([['org-1', 'Leeds Befrienders']]);
  it('records sharing with the organisation named in the wording, for one referral', () => {
    const result = parseConsentForm(
      {
        kind: 'share-with-organisation',
        decision: 'given',
        method: 'verbal',
        organizationId: 'org-1',
        referralId: 'ref-1',
      },
      { organisations, referralIds: ['ref-1'] },
    );
    expect(result).toEqual({
      ok: true,
      value: {
        organizationId: 'org-1',
        record: {
          change: {
            kind: 'share-with-organisation',
            granted: true,
            organizationId: 'org-1',
            referralId: 'ref-1',
          },
          method: 'verbal',
          wording: consentWording('share-with-organisation', 'Leeds Befrienders'),
        },
      },
    });
    expect(consentWording('share-with-organisation', 'Leeds Befrienders')).toContain('Leeds Befrienders');
  });

  it.each([
    [{}, ['kind', 'decision', 'method']],
    [{ kind: 'contact-sms', decision: 'declined', method: 'verbal' }, ['decision']],
    [
      {
        kind: 'share-with-organisation',
        decision: 'given',
        method: 'online',
        organizationId: 'nope',
        referralId: 'nope',
      },
      ['organizationId', 'referralId'],
    ],
    [{ kind: 'social-prescribing', decision: 'given', method: 'telepathy' }, ['method']],
  ])('%o is refused on %o', (body, fields) => {
    expect(fieldsOf(parseConsentForm(body, { organisations, referralIds: ['ref-1'] }))).toEqual(fields);
  });

  it('records social prescribing declined, and withdrawal of text messages', () => {
    const declined = parseConsentForm(
      { kind: 'social-prescribing', decision: 'declined', method: 'written' },
      { organisations, referralIds: [] },
    );
    expect(declined.ok && declined.value.record.change).toEqual({
      kind: 'social-prescribing',
      decision: 'declined',
    });
    const withdrawn = parseConsentForm(
      { kind: 'contact-sms', decision: 'withdrawn', method: 'verbal' },
      { organisations, referralIds: [] },
    );
    expect(withdrawn.ok && withdrawn.value.record.change).toEqual({ kind: 'contact-sms', granted: false });
  });
});

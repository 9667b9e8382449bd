import { readDateInput } from '../../http/date-input.ts';
import type { FieldIssue } from '../../http/errors.ts';
import { ETHNIC_CATEGORIES, type EthnicCategory } from './ethnicity.ts';
import { NHS_NUMBER_STATUS_LABELS } from './nhs-number.ts';
import { peopleMessage as m, type PeopleContentKey } from './people.content.ts';
import type { Gender, NhsNumberStatus, PatientDetails, PreferredContact } from './people.model.ts';
import {
  checkDateOfBirth,
  checkName,
  checkOptionalEmail,
  checkOptionalNhsNumber,
  checkOptionalPhone,
  checkOptionalPostcode,
  collectFields,
  formText,
  type FieldResult,
} from './person-fields.ts';

// One parser per people form (STYLE.md rule 12): the patient record (new and edit) and the search (the
// consent form is in consent.schema.ts). Each returns the typed value or field issues whose `field` is the
// input's id.

const ETHNIC_CATEGORY_CODES = Object.keys(ETHNIC_CATEGORIES) as EthnicCategory[];

export type FormResult<T> = { ok: true; value: T } | { ok: false; issues: FieldIssue[] };

export const GENDERS: readonly Gender[] = ['female', 'male', 'other', 'unknown'];
export const GENDER_LABELS: Record<Gender, string> = {
  female: 'Female',
  male: 'Male',
  other: 'Other',
  unknown: 'Not known',
};
export const PREFERRED_CONTACTS: readonly PreferredContact[] = ['phone', 'sms', 'email', 'letter'];
export const PREFERRED_CONTACT_LABELS: Record<PreferredContact, string> = {
  phone: 'Phone call',
  sms: 'Text message',
  email: 'Email',
  letter: 'Letter',
};

/** The order of the patient form's fields, for the error summary. */
export const PATIENT_FIELD_ORDER = [
  'nhsNumber',
  'nhsNumberStatus',
  'givenName',
  'familyName',
  'preferredName',
  'dateOfBirth-day',
  'gender',
  'ethnicity',
  'addressLine1',
  'addressLine2',
  'town',
  'postcode',
  'phone',
  'email',
  'preferredContact',
  'preferredLanguage',
  'interpreterNeeded',
  'communicationNeeds',
  'practiceId',
] as const;

function isStatus(value: string): value is NhsNumberStatus {
  return Object.hasOwn(NHS_NUMBER_STATUS_LABELS, value);
}

type PersonKey = PeopleContentKey & `pages.person.${string}`;
const issue = <T>(field: string, key: PersonKey): FieldResult<T> => ({
  ok: false,
  issue: { field, message: m(key) },
});

/** An optional text field: empty gives null; too long is an issue (the field's `tooLong` message). */
function optionalText(body: unknown, field: string, max: number): FieldResult<string | null> {
  const trimmed = formText(body, field).trim();
  if (trimmed === '') {
    return { ok: true, value: null };
  }
  return trimmed.length > max
    ? issue(field, `pages.person.${field}.validationError.tooLong` as PersonKey)
    : { ok: true, value: trimmed };
}

/** A choice from a list (an empty answer takes the fallback); anything else is the field's issue. */
function oneOf<T extends string>(
  body: unknown,
  field: string,
  allowed: readonly T[],
  fallback: T | null,
  key: PersonKey,
): FieldResult<T | null> {
  const value = formText(body, field);
  if (value === '') {
    return { ok: true, value: fallback };
  }
  return (allowed as readonly string[]).includes(value) ? { ok: true, value: value as T } : issue(field, key);
}

function statusField(raw: string, nhsNumber: FieldResult<string | null>): FieldResult<NhsNumberStatus> {
  const field = 'nhsNumberStatus';
  const number = nhsNumber.ok ? nhsNumber.value : 'invalid';
  if (raw === '') {
    return { ok: true, value: number === null ? '07' : '03' };
  }
  if (!isStatus(raw)) {
    return issue(field, 'pages.person.nhsNumberStatus.validationError.invalid');
  }
  if (number === null && (raw === '01' || raw === '02')) {
    return issue(field, 'pages.person.nhsNumberStatus.validationError.needsNumber');
  }
  if (number !== null && raw === '07') {
    return issue(field, 'pages.person.nhsNumberStatus.validationError.hasNumber');
  }
  return { ok: true, value: raw };
}

function contactRuleIssue(details: PatientDetails): FieldIssue | null {
  const { preferredContact: how } = details;
  const rule =
    (how === 'phone' || how === 'sms') && details.phone === null
      ? 'needsPhone'
      : how === 'email' && details.email === null
        ? 'needsEmail'
        : how === 'letter' && (details.addressLine1 === null || details.postcode === null)
          ? 'needsAddress'
          : null;
  return rule === null
    ? null
    : { field: 'preferredContact', message: m(`pages.person.preferredContact.validationError.${rule}`) };
}

function required<T>(result: FieldResult<T | null>, field: string, key: PersonKey): FieldResult<T> {
  if (!result.ok) {
    return result;
  }
  return result.value === null ? issue(field, key) : { ok: true, value: result.value };
}

/**
 * The patient form (new and edit): the PRSB demographics.
 * @param body - the posted form
 * @param options - today's date in England, and the ids of the tenant's practices
 */
export function parsePatientForm(
  body: unknown,
  options: { today: string; practiceIds: readonly string[] },
): FormResult<PatientDetails> {
  const nhsNumber = checkOptionalNhsNumber(formText(body, 'nhsNumber'));
  const interpreter = oneOf(
    body,
    'interpreterNeeded',
    ['yes', 'no'],
    'no',
    'pages.person.interpreterNeeded.validationError.invalid',
  );
  const result = collectFields({
    nhsNumber,
    nhsNumberStatus: statusField(formText(body, 'nhsNumberStatus'), nhsNumber),
    givenName: checkName(formText(body, 'givenName'), 'givenName'),
    familyName: checkName(formText(body, 'familyName'), 'familyName'),
    preferredName: optionalText(body, 'preferredName', 100),
    dateOfBirth: checkDateOfBirth(readDateInput(body, 'dateOfBirth'), options.today),
    gender: required(
      oneOf(body, 'gender', GENDERS, 'unknown', 'pages.person.gender.validationError.invalid'),
      'gender',
      'pages.person.gender.validationError.invalid',
    ),
    ethnicity: oneOf(
      body,
      'ethnicity',
      ETHNIC_CATEGORY_CODES,
      null,
      'pages.person.ethnicity.validationError.invalid',
    ),
    addressLine1: optionalText(body, 'addressLine1', 200),
    addressLine2: optionalText(body, 'addressLine2', 200),
    town: optionalText(body, 'town', 100),
    postcode: checkOptionalPostcode(formText(body, 'postcode')),
    phone: checkOptionalPhone(formText(body, 'phone')),
    email: checkOptionalEmail(formText(body, 'email')),
    // Replaced below when no choice was made.
    preferredContact: required(
      oneOf(
        body,
        'preferredContact',
        PREFERRED_CONTACTS,
        'phone',
        'pages.person.preferredContact.validationError.invalid',
      ),
      'preferredContact',
      'pages.person.preferredContact.validationError.invalid',
    ),
    preferredLanguage: required(
      optionalText(body, 'preferredLanguage', 60),
      'preferredLanguage',
      'pages.person.preferredLanguage.validationError.required',
    ),
    interpreterNeeded: interpreter.ok ? { ok: true, value: interpreter.value === 'yes' } : interpreter,
    communicationNeeds: optionalText(body, 'communicationNeeds', 1000),
    practiceId: oneOf(
      body,
      'practiceId',
      options.practiceIds,
      null,
      'pages.person.practiceId.validationError.invalid',
    ),
  } satisfies Record<keyof PatientDetails, FieldResult<unknown>>);
  if (!result.ok) {
    return result;
  }
  const chosen = formText(body, 'preferredContact') !== '';
  const { phone, email } = result.value;
  // With no choice made, the way they can be reached is the preference: phone, else email, else letter.
  const details: PatientDetails = chosen
    ? result.value
    : { ...result.value, preferredContact: phone !== null ? 'phone' : email !== null ? 'email' : 'letter' };
  const contactIssue = chosen ? contactRuleIssue(details) : null;
  return contactIssue === null ? { ok: true, value: details } : { ok: false, issues: [contactIssue] };
}

export interface PeopleSearch {
  by: 'nhs-number' | 'name-and-birth';
  nhsNumber: string | null;
  familyName: string | null;
  dateOfBirth: string | null;
}

/**
 * The people search (a GET form): an NHS number, or a family name and date of birth. No criteria gives
 * null (the empty search page).
 * @param query - the query string
 * @param today - today's date in England
 */
export function parsePeopleSearch(query: unknown, today: string): FormResult<PeopleSearch> | null {
  const nhsText = formText(query, 'nhsNumber');
  const nameText = formText(query, 'familyName');
  const birth = readDateInput(query, 'dateOfBirth');
  const anyBirth = birth.day !== '' || birth.month !== '' || birth.year !== '';
  if (nhsText.trim() === '' && nameText.trim() === '' && !anyBirth) {
    return formText(query, 'search') === ''
      ? null
      : {
          ok: false,
          issues: [{ field: 'nhsNumber', message: m('pages.peopleSearch.nhsNumber.validationError.either') }],
        };
  }
  if (nhsText.trim() !== '') {
    const nhs = checkOptionalNhsNumber(nhsText);
    return nhs.ok
      ? { ok: true, value: { by: 'nhs-number', nhsNumber: nhs.value, familyName: null, dateOfBirth: null } }
      : { ok: false, issues: [nhs.issue] };
  }
  const issues: FieldIssue[] = [];
  const name = nameText.trim();
  if (name === '') {
    issues.push({
      field: 'familyName',
      message: m('pages.peopleSearch.familyName.validationError.withBirth'),
    });
  }
  const dob = anyBirth
    ? checkDateOfBirth(birth, today)
    : ({
        ok: false,
        issue: {
          field: 'dateOfBirth-day',
          message: m('pages.peopleSearch.dateOfBirth.validationError.withName'),
        },
      } as const);
  if (!dob.ok) {
    issues.push(dob.issue);
  }
  if (!dob.ok || issues.length > 0) {
    return { ok: false, issues };
  }
  return {
    ok: true,
    value: { by: 'name-and-birth', nhsNumber: null, familyName: name, dateOfBirth: dob.value },
  };
}

/** Kept here too: other modules took the consent wording from this file first. */
export { consentWording } from './consent.schema.ts';

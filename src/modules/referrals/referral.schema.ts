import { readDateInput, type DateInputValues } from '../../http/date-input.ts';
import type { FieldIssue } from '../../http/errors.ts';
import { NEED_CODES } from '../directory/vocabulary.ts';
import {
  checkDateOfBirth,
  checkName,
  checkOptionalNhsNumber,
  checkOptionalPhone,
  checkOptionalPostcode,
  formList,
  formText,
} from '../people/person-fields.ts';
import { URGENCIES, type ReferralUrgency } from './referral.model.ts';
import { referralsMessage as m } from './referrals.content.ts';

// The staff and partner referral form (and, through referral-api.schema.ts, the JSON API): who, why,
// needs, urgency, risk, consent, practice. Person rules: an NHS number, or a name, date of birth and
// postcode. Whether an NHS number needs the name and date of birth too (no record has it yet) is only
// known after a look-up, so that is checked by the route (personIssuesForNewRecord).

export type FormResult<T> = { ok: true; value: T } | { ok: false; issues: FieldIssue[] };

export interface ReferralPersonInput {
  nhsNumber: string | null;
  givenName: string | null;
  familyName: string | null;
  dateOfBirth: string | null;
  postcode: string | null;
  phone: string | null;
}

export interface StaffReferralInput {
  person: ReferralPersonInput;
  reason: string;
  needs: string[];
  urgency: ReferralUrgency;
  riskInformation: string | null;
  /** Null when the referrer's organisation is a practice (the route fills it in). */
  practiceId: string | null;
  submissionId: string;
}

/** The order of the referral form's fields, for the error summary. */
export const REFERRAL_FIELD_ORDER = [
  'nhsNumber',
  'givenName',
  'familyName',
  'dateOfBirth-day',
  'postcode',
  'phone',
  'practiceId',
  'reason',
  'needs',
  'urgency',
  'riskInformation',
  'consentConfirmed',
  'submissionId',
];

export interface RawPerson {
  nhsNumber: string;
  givenName: string;
  familyName: string;
  /** The date input's boxes (forms), or 'YYYY-MM-DD' (API). */
  dateOfBirth: DateInputValues;
  postcode: string;
  phone: string;
}

const isBlank = (d: DateInputValues): boolean => d.day === '' && d.month === '' && d.year === '';

/**
 * The person part of a referral: an NHS number, or given name, family name, date of birth and postcode.
 * Anything typed is checked even when the NHS number alone would do.
 * @param raw - what was typed
 * @param options - today's date in England, and the field name the date's issue goes to
 */
export function checkReferralPerson(
  raw: RawPerson,
  options: { today: string; dateField: string },
): FormResult<ReferralPersonInput> {
  const nhs = checkOptionalNhsNumber(raw.nhsNumber);
  const issues: FieldIssue[] = nhs.ok ? [] : [nhs.issue];
  const hasNumber = raw.nhsNumber.trim() !== '';
  const typed = {
    givenName: raw.givenName.trim() !== '',
    familyName: raw.familyName.trim() !== '',
    dateOfBirth: !isBlank(raw.dateOfBirth),
    postcode: raw.postcode.trim() !== '',
  };
  if (!hasNumber && !Object.values(typed).some(Boolean)) {
    return {
      ok: false,
      issues: [{ field: 'nhsNumber', message: m('pages.referral.nhsNumber.validationError.orDetails') }],
    };
  }
  const given = typed.givenName || !hasNumber ? checkName(raw.givenName, 'givenName') : null;
  const family = typed.familyName || !hasNumber ? checkName(raw.familyName, 'familyName') : null;
  const dob =
    typed.dateOfBirth || !hasNumber
      ? checkDateOfBirth(raw.dateOfBirth, options.today, options.dateField)
      : null;
  const postcode = checkOptionalPostcode(raw.postcode);
  const phone = checkOptionalPhone(raw.phone);
  for (const result of [given, family, dob, postcode, phone]) {
    if (result !== null && !result.ok) {
      issues.push(result.issue);
    }
  }
  if (!hasNumber && !typed.postcode) {
    issues.push({ field: 'postcode', message: m('pages.referral.postcode.validationError.required') });
  }
  if (issues.length > 0) {
    return { ok: false, issues };
  }
  const value = <T>(r: { ok: true; value: T } | { ok: false } | null): T | null => (r?.ok ? r.value : null);
  return {
    ok: true,
    value: {
      nhsNumber: value(nhs),
      givenName: value(given),
      familyName: value(family),
      dateOfBirth: value(dob),
      postcode: value(postcode),
      phone: value(phone),
    },
  };
}

/**
 * When an NHS number matches no record, a record must be created: that needs the name and date of birth.
 * @param person - the checked person input
 * @param dateField - the field name the date's issue goes to
 */
export function personIssuesForNewRecord(person: ReferralPersonInput, dateField: string): FieldIssue[] {
  const issues: FieldIssue[] = [];
  if (person.givenName === null) {
    issues.push({ field: 'givenName', message: m('pages.referral.givenName.validationError.notFound') });
  }
  if (person.familyName === null) {
    issues.push({ field: 'familyName', message: m('pages.referral.familyName.validationError.notFound') });
  }
  if (person.dateOfBirth === null) {
    issues.push({ field: dateField, message: m('pages.referral.dateOfBirth.validationError.notFound') });
  }
  return issues;
}

/**
 * The needs chosen: at least one, all from the controlled list.
 * @param submitted - the codes submitted (empty values are ignored)
 * @param requiredMessage - the message when none was chosen
 */
export function checkNeeds(submitted: readonly string[], requiredMessage: string): FormResult<string[]> {
  const codes = submitted.filter((c) => c !== '');
  if (codes.length === 0) {
    return { ok: false, issues: [{ field: 'needs', message: requiredMessage }] };
  }
  if (!codes.every((c) => NEED_CODES.includes(c))) {
    return {
      ok: false,
      issues: [{ field: 'needs', message: m('pages.referral.needs.validationError.unknown') }],
    };
  }
  return { ok: true, value: [...new Set(codes)] };
}

/**
 * A free-text field: trimmed; empty gives null (or the `required` issue); longer than `max` is an issue.
 * @param raw - as typed
 * @param field - the field's id
 * @param messages - the messages for a missing (when required) and a too-long value
 * @param max - the most characters allowed
 */
function checkText(
  raw: string,
  field: string,
  messages: { required?: string; tooLong: string },
  max = 4000,
): { value: string | null; issue: FieldIssue | null } {
  const trimmed = raw.trim();
  if (trimmed === '') {
    return {
      value: null,
      issue: messages.required === undefined ? null : { field, message: messages.required },
    };
  }
  return trimmed.length > max
    ? { value: null, issue: { field, message: messages.tooLong } }
    : { value: trimmed, issue: null };
}

const SUBMISSION_ID = /^[A-Za-z0-9_-]{16,100}$/;

/**
 * The staff and partner referral form.
 * @param body - the posted form
 * @param options - today's date in England, the tenant's practices, and whether a practice must be chosen
 */
export function parseStaffReferralForm(
  body: unknown,
  options: { today: string; practiceIds: readonly string[]; practiceRequired: boolean },
): FormResult<StaffReferralInput> {
  const issues: FieldIssue[] = [];
  const person = checkReferralPerson(
    {
      nhsNumber: formText(body, 'nhsNumber'),
      givenName: formText(body, 'givenName'),
      familyName: formText(body, 'familyName'),
      dateOfBirth: readDateInput(body, 'dateOfBirth'),
      postcode: formText(body, 'postcode'),
      phone: formText(body, 'phone'),
    },
    { today: options.today, dateField: 'dateOfBirth-day' },
  );
  if (!person.ok) {
    issues.push(...person.issues);
  }
  const practiceId = formText(body, 'practiceId');
  if (options.practiceRequired && !options.practiceIds.includes(practiceId)) {
    issues.push({ field: 'practiceId', message: m('pages.referral.practiceId.validationError.required') });
  }
  const reason = checkText(formText(body, 'reason'), 'reason', {
    required: m('pages.referral.reason.validationError.required'),
    tooLong: m('pages.referral.reason.validationError.tooLong'),
  });
  const needs = checkNeeds(formList(body, 'needs'), m('pages.referral.needs.validationError.required'));
  const urgency = formText(body, 'urgency');
  const risk = checkText(formText(body, 'riskInformation'), 'riskInformation', {
    tooLong: m('pages.referral.riskInformation.validationError.tooLong'),
  });
  const submissionId = formText(body, 'submissionId');
  for (const issue of [reason.issue, risk.issue]) {
    if (issue !== null) {
      issues.push(issue);
    }
  }
  if (!needs.ok) {
    issues.push(...needs.issues);
  }
  if (!(URGENCIES as readonly string[]).includes(urgency)) {
    issues.push({ field: 'urgency', message: m('pages.referral.urgency.validationError.required') });
  }
  if (formText(body, 'consentConfirmed') !== 'yes') {
    issues.push({
      field: 'consentConfirmed',
      message: m('pages.referral.consentConfirmed.validationError.required'),
    });
  }
  if (!SUBMISSION_ID.test(submissionId)) {
    issues.push({ field: 'submissionId', message: m('pages.referral.submissionId.validationError.invalid') });
  }
  if (issues.length > 0 || !person.ok || !needs.ok || reason.value === null) {
    return { ok: false, issues };
  }
  return {
    ok: true,
    value: {
      person: person.value,
      reason: reason.value,
      needs: needs.value,
      urgency: urgency as ReferralUrgency,
      riskInformation: risk.value,
      practiceId: options.practiceRequired ? practiceId : null,
      submissionId,
    },
  };
}

export { checkText };

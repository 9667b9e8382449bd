import { readDateInput } from '../../http/date-input.ts';
import type { FieldIssue } from '../../http/errors.ts';
import {
  checkDateOfBirth,
  checkName,
  checkOptionalEmail,
  checkOptionalPhone,
  checkPostcode,
  formList,
  formText,
} from '../people/person-fields.ts';
import { checkNeeds, checkText, type FormResult } from './referral.schema.ts';
import { referralsMessage as m } from './referrals.content.ts';

// The public self-referral form, in plain words: name, date of birth, postcode, a phone number and/or an
// email address, GP practice, what would help, anything else, and the two consents.

export const PRACTICE_NOT_LISTED = 'not-listed';

export interface SelfReferralInput {
  givenName: string;
  familyName: string;
  dateOfBirth: string;
  postcode: string;
  phone: string | null;
  email: string | null;
  /** Null when their practice is not listed. */
  practiceId: string | null;
  needs: string[];
  details: string | null;
  submissionId: string;
}

export const SELF_REFERRAL_FIELD_ORDER = [
  'form',
  'givenName',
  'familyName',
  'dateOfBirth-day',
  'postcode',
  'phone',
  'email',
  'practiceId',
  'needs',
  'details',
  'consentContact',
  'consentReferral',
];

function publicName(
  raw: string,
  field: 'givenName' | 'familyName',
): { value: string | null; issue: FieldIssue | null } {
  if (raw.trim() === '') {
    return {
      value: null,
      issue: { field, message: m(`pages.selfReferral.${field}.validationError.required`) },
    };
  }
  const checked = checkName(raw, field);
  return checked.ok ? { value: checked.value, issue: null } : { value: null, issue: checked.issue };
}

/**
 * The self-referral form.
 * @param body - the posted form
 * @param options - today's date in England and the tenant's practices
 */
export function parseSelfReferralForm(
  body: unknown,
  options: { today: string; practiceIds: readonly string[] },
): FormResult<SelfReferralInput> {
  const issues: FieldIssue[] = [];
  const given = publicName(formText(body, 'givenName'), 'givenName');
  const family = publicName(formText(body, 'familyName'), 'familyName');
  const dob = checkDateOfBirth(readDateInput(body, 'dateOfBirth'), options.today);
  const postcode = checkPostcode(formText(body, 'postcode'));
  const phone = checkOptionalPhone(formText(body, 'phone'));
  const email = checkOptionalEmail(formText(body, 'email'));
  for (const issue of [given.issue, family.issue]) {
    if (issue !== null) {
      issues.push(issue);
    }
  }
  for (const result of [dob, postcode, phone, email]) {
    if (!result.ok) {
      issues.push(result.issue);
    }
  }
  if (phone.ok && email.ok && phone.value === null && email.value === null) {
    issues.push({ field: 'phone', message: m('pages.selfReferral.contact.validationError.required') });
  }
  const practice = formText(body, 'practiceId');
  if (practice !== PRACTICE_NOT_LISTED && !options.practiceIds.includes(practice)) {
    issues.push({
      field: 'practiceId',
      message: m('pages.selfReferral.practiceId.validationError.required'),
    });
  }
  const needs = checkNeeds(formList(body, 'needs'), m('pages.selfReferral.needs.validationError.required'));
  if (!needs.ok) {
    issues.push(...needs.issues);
  }
  const details = checkText(formText(body, 'details'), 'details', {
    tooLong: m('pages.selfReferral.details.validationError.tooLong'),
  });
  if (details.issue !== null) {
    issues.push(details.issue);
  }
  if (formText(body, 'consentContact') !== 'yes') {
    issues.push({
      field: 'consentContact',
      message: m('pages.selfReferral.consentContact.validationError.required'),
    });
  }
  if (formText(body, 'consentReferral') !== 'yes') {
    issues.push({
      field: 'consentReferral',
      message: m('pages.selfReferral.consentReferral.validationError.required'),
    });
  }
  const submissionId = formText(body, 'submissionId');
  if (!/^[A-Za-z0-9_-]{16,100}$/.test(submissionId)) {
    issues.push({ field: 'form', message: m('pages.selfReferral.form.validationError.spam') });
  }
  if (
    issues.length > 0 ||
    given.value === null ||
    family.value === null ||
    !dob.ok ||
    !postcode.ok ||
    !phone.ok ||
    !email.ok ||
    !needs.ok
  ) {
    return { ok: false, issues };
  }
  return {
    ok: true,
    value: {
      givenName: given.value,
      familyName: family.value,
      dateOfBirth: dob.value,
      postcode: postcode.value,
      phone: phone.value,
      email: email.value,
      practiceId: practice === PRACTICE_NOT_LISTED ? null : practice,
      needs: needs.value,
      details: details.value,
      submissionId,
    },
  };
}

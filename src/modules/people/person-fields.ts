import type { FieldIssue } from '../../http/errors.ts';
import { parseDateInput, type DateInputValues } from '../../http/date-input.ts';
import { parseFullPostcode } from '../geo/geo.service.ts';
import { NHS_NUMBER_MESSAGES, parseNhsNumber } from './nhs-number.ts';
import { peopleMessage as m } from './people.content.ts';

// Checks of single person fields, shared by the patient form, the referral forms and the referral API, so
// each field is judged and worded the same everywhere. Each returns the clean value or a field issue.

export type FieldResult<T> = { ok: true; value: T } | { ok: false; issue: FieldIssue };

const fail = <T>(field: string, message: string): FieldResult<T> => ({
  ok: false,
  issue: { field, message },
});

/** The oldest date of birth accepted: 120 years before today. */
export const MAX_AGE_YEARS = 120;

/**
 * An optional NHS number: empty gives null; otherwise modulus 11 checked.
 * @param input - as typed
 * @param field - the field's id on the page
 */
export function checkOptionalNhsNumber(input: string, field = 'nhsNumber'): FieldResult<string | null> {
  if (input.trim() === '') {
    return { ok: true, value: null };
  }
  const parsed = parseNhsNumber(input);
  return parsed.ok ? { ok: true, value: parsed.value } : fail(field, NHS_NUMBER_MESSAGES[parsed.problem]);
}

/**
 * A date of birth from the NHS.UK date input: a real date, not in the future, within 120 years.
 * @param values - the day, month and year boxes
 * @param today - today's date in England, 'YYYY-MM-DD'
 * @param field - the issue's field: the first box, so the error summary link lands in it
 */
export function checkDateOfBirth(
  values: DateInputValues,
  today: string,
  field = 'dateOfBirth-day',
): FieldResult<string> {
  const parsed = parseDateInput(values);
  if (!parsed.ok) {
    return fail(field, m(`pages.person.dateOfBirth.validationError.${parsed.problem}`));
  }
  return checkBirthDate(parsed.value, today, field);
}

/**
 * A date of birth already in 'YYYY-MM-DD' form (the API): not in the future, within 120 years.
 * @param date - 'YYYY-MM-DD', a real date
 * @param today - today's date in England
 * @param field - the issue's field
 */
export function checkBirthDate(date: string, today: string, field = 'dateOfBirth'): FieldResult<string> {
  if (date > today) {
    return fail(field, m('pages.person.dateOfBirth.validationError.future'));
  }
  const oldest = `${String(Number(today.slice(0, 4)) - MAX_AGE_YEARS).padStart(4, '0')}${today.slice(4)}`;
  if (date < oldest) {
    return fail(field, m('pages.person.dateOfBirth.validationError.tooOld'));
  }
  return { ok: true, value: date };
}

/**
 * An optional full UK postcode, normalised (`ls61an` gives `LS6 1AN`).
 * @param input - as typed
 * @param field - the field's id
 */
export function checkOptionalPostcode(input: string, field = 'postcode'): FieldResult<string | null> {
  if (input.trim() === '') {
    return { ok: true, value: null };
  }
  const parsed = parseFullPostcode(input);
  return parsed.ok ? { ok: true, value: parsed.value.text } : fail(field, parsed.message);
}

/**
 * A required full UK postcode.
 * @param input - as typed
 * @param field - the field's id
 */
export function checkPostcode(input: string, field = 'postcode'): FieldResult<string> {
  const parsed = parseFullPostcode(input);
  return parsed.ok ? { ok: true, value: parsed.value.text } : fail(field, parsed.message);
}

/**
 * An optional UK phone number: 10 or 11 digits starting 0, or +44; spaces, brackets and hyphens allowed.
 * Kept as typed (trimmed), since people read it back.
 * @param input - as typed
 * @param field - the field's id
 */
export function checkOptionalPhone(input: string, field = 'phone'): FieldResult<string | null> {
  const trimmed = input.trim();
  if (trimmed === '') {
    return { ok: true, value: null };
  }
  const compact = trimmed.replace(/[\s()-]/g, '');
  return /^(?:0\d{9,10}|\+44\d{9,10})$/.test(compact) && trimmed.length <= 30
    ? { ok: true, value: trimmed }
    : fail(field, m('pages.person.phone.validationError.format'));
}

// A practical address check (the HTML input's rule): something@domain.tld, no spaces.
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/**
 * An optional email address.
 * @param input - as typed
 * @param field - the field's id
 */
export function checkOptionalEmail(input: string, field = 'email'): FieldResult<string | null> {
  const trimmed = input.trim();
  if (trimmed === '') {
    return { ok: true, value: null };
  }
  if (trimmed.length > 254) {
    return fail(field, m('pages.person.email.validationError.tooLong'));
  }
  return EMAIL.test(trimmed)
    ? { ok: true, value: trimmed }
    : fail(field, m('pages.person.email.validationError.format'));
}

/**
 * A required name (given or family), at most 100 characters.
 * @param input - as typed
 * @param field - 'givenName' or 'familyName'
 */
export function checkName(input: string, field: 'givenName' | 'familyName'): FieldResult<string> {
  const trimmed = input.trim().replace(/\s+/g, ' ');
  if (trimmed === '') {
    return fail(field, m(`pages.person.${field}.validationError.required`));
  }
  return trimmed.length > 100
    ? fail(field, m(`pages.person.${field}.validationError.tooLong`))
    : { ok: true, value: trimmed };
}

/**
 * Collects the issues of several field checks, and the values when all passed.
 * @param results - the checks, by name
 */
export function collectFields<T extends Record<string, FieldResult<unknown>>>(
  results: T,
):
  | { ok: true; value: { [K in keyof T]: T[K] extends FieldResult<infer V> ? V : never } }
  | { ok: false; issues: FieldIssue[] } {
  const issues: FieldIssue[] = [];
  const value: Record<string, unknown> = {};
  for (const [key, result] of Object.entries(results)) {
    if (result.ok) {
      value[key] = result.value;
    } else {
      issues.push(result.issue);
    }
  }
  return issues.length > 0
    ? { ok: false, issues }
    : { ok: true, value: value as { [K in keyof T]: T[K] extends FieldResult<infer V> ? V : never } };
}

/**
 * A form field as a string (formbody gives a string, an array for repeated names, or nothing).
 * @param body - the posted form
 * @param name - the field name
 */
export function formText(body: unknown, name: string): string {
  const value = ((body ?? {}) as Record<string, unknown>)[name];
  if (typeof value === 'string') {
    return value;
  }
  return Array.isArray(value) && typeof value[0] === 'string' ? value[0] : '';
}

/**
 * A repeated form field (checkboxes) as a list of strings.
 * @param body - the posted form
 * @param name - the field name
 */
export function formList(body: unknown, name: string): string[] {
  const value = ((body ?? {}) as Record<string, unknown>)[name];
  if (typeof value === 'string') {
    return [value];
  }
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
}

import { parseDateInput, readDateInput, type DateInputValues } from '../../http/date-input.ts';
import type { FieldIssue } from '../../http/errors.ts';
import { caseworkMessage as m, type CaseworkContentKey } from './casework.content.ts';
import type { ContactMode } from './casework.tables.ts';
import { CONTACT_MODES, DISCHARGE_REASONS, type DischargeReason } from './casework.vocabulary.ts';

// One parser per casework form (STYLE.md rule 12): each returns the typed value or field issues whose
// `field` is the id of the input on the page (the first box of a date input), so the error summary links
// to it. Shared field helpers live here too.

export type FormResult<T> = { ok: true; value: T } | { ok: false; issues: FieldIssue[] };

type Body = Record<string, unknown>;

/**
 * A form field as trimmed text ('' when missing or not text).
 * @param body - the posted form
 * @param field - the field name
 */
export function textField(body: Body, field: string): string {
  const value = body[field];
  return typeof value === 'string' ? value.trim() : '';
}

/**
 * The values of a checkbox group (one value arrives as a string, several as an array).
 * @param body - the posted form
 * @param field - the field name
 */
export function listField(body: Body, field: string): string[] {
  const value = body[field];
  const values = Array.isArray(value) ? value : [value];
  return values.filter((v): v is string => typeof v === 'string' && v !== '');
}

type PageField = { page: string; field: string };

function messageFor(at: PageField, rule: string): string {
  return m(`pages.${at.page}.${at.field}.validationError.${rule}` as CaseworkContentKey);
}

export type DateFieldResult =
  | { ok: true; value: string | null; typed: DateInputValues }
  | { ok: false; issue: FieldIssue; typed: DateInputValues };

/**
 * An NHS.UK date input: a real date, or (when optional) all three boxes empty for null.
 * @param body - the posted form
 * @param at - the content page and the field (the date input's namePrefix)
 * @param optional - whether all-empty means "no date"
 */
export function dateField(body: Body, at: PageField, optional: boolean): DateFieldResult {
  const typed = readDateInput(body, at.field);
  const parsed = parseDateInput(typed);
  if (parsed.ok) {
    return { ok: true, value: parsed.value, typed };
  }
  if (optional && parsed.problem === 'required') {
    return { ok: true, value: null, typed };
  }
  return { ok: false, issue: { field: `${at.field}-day`, message: messageFor(at, parsed.problem) }, typed };
}

/**
 * A whole number field, optional.
 * @param input - as typed
 * @param range - the smallest and largest allowed values
 */
export function wholeNumber(
  input: string,
  range: [number, number],
): { ok: true; value: number | null } | { ok: false; rule: 'format' | 'range' } {
  if (input === '') {
    return { ok: true, value: null };
  }
  if (!/^\d{1,6}$/.test(input)) {
    return { ok: false, rule: 'format' };
  }
  const value = Number(input);
  return value < range[0] || value > range[1] ? { ok: false, rule: 'range' } : { ok: true, value };
}

/** An issue on a field; a date input's issue names its first box (`date-day`) but its message the date. */
function issue(page: string, field: string, rule: string): FieldIssue {
  return { field, message: messageFor({ page, field: field.replace(/-day$/, '') }, rule) };
}

function result<T>(issues: FieldIssue[], value: () => T): FormResult<T> {
  return issues.length > 0 ? { ok: false, issues } : { ok: true, value: value() };
}

export interface ContactInput {
  /** 'YYYY-MM-DD' */
  date: string;
  mode: ContactMode;
  didNotAttend: boolean;
  durationMinutes: number | null;
  notes: string | null;
  nextContactDue: string | null;
}

/**
 * The contact form on the case page.
 * @param body - the posted form
 * @param dates - today and the day the referral was accepted, in England ('YYYY-MM-DD')
 */
export function parseContact(
  body: Body,
  dates: { today: string; acceptedOn: string },
): FormResult<ContactInput> {
  const issues: FieldIssue[] = [];
  const date = dateField(body, { page: 'contact', field: 'date' }, false);
  if (!date.ok) {
    issues.push(date.issue);
  } else if (date.value !== null && date.value > dates.today) {
    issues.push(issue('contact', 'date-day', 'future'));
  } else if (date.value !== null && date.value < dates.acceptedOn) {
    issues.push(issue('contact', 'date-day', 'beforeAccepted'));
  }
  const mode = textField(body, 'mode');
  if (!(CONTACT_MODES as readonly string[]).includes(mode)) {
    issues.push(issue('contact', 'mode', 'required'));
  }
  const attended = textField(body, 'attended');
  if (attended !== 'yes' && attended !== 'no') {
    issues.push(issue('contact', 'attended', 'required'));
  }
  const duration = wholeNumber(textField(body, 'duration'), [0, 600]);
  if (!duration.ok) {
    issues.push(issue('contact', 'duration', duration.rule));
  }
  const notes = textField(body, 'notes');
  if (notes.length > 4000) {
    issues.push(issue('contact', 'notes', 'tooLong'));
  }
  const next = dateField(body, { page: 'contact', field: 'nextContact' }, true);
  if (!next.ok) {
    issues.push(next.issue);
  } else if (next.value !== null && next.value < dates.today) {
    issues.push(issue('contact', 'nextContact-day', 'past'));
  }
  return result(issues, () => ({
    date: date.ok && date.value !== null ? date.value : dates.today,
    mode: mode as ContactMode,
    didNotAttend: attended === 'no',
    durationMinutes: duration.ok ? duration.value : null,
    notes: notes === '' ? null : notes,
    nextContactDue: next.ok ? next.value : null,
  }));
}

export interface DischargeInput {
  reason: DischargeReason;
  summary: string;
}

/**
 * The discharge form.
 * @param body - the posted form
 */
export function parseDischarge(body: Body): FormResult<DischargeInput> {
  const issues: FieldIssue[] = [];
  const reason = textField(body, 'reason');
  if (!(reason in DISCHARGE_REASONS)) {
    issues.push(issue('discharge', 'reason', 'required'));
  }
  const summary = textField(body, 'summary');
  if (summary === '') {
    issues.push(issue('discharge', 'summary', 'required'));
  } else if (summary.length > 4000) {
    issues.push(issue('discharge', 'summary', 'tooLong'));
  }
  return result(issues, () => ({ reason: reason as DischargeReason, summary }));
}

export interface SafeguardingInput {
  description: string;
  clinicianId: string;
}

/**
 * The safeguarding concern form: a description and the clinician it goes to (one of `clinicianIds`).
 * @param body - the posted form
 * @param clinicianIds - the users holding the clinician role
 */
export function parseSafeguarding(
  body: Body,
  clinicianIds: readonly string[],
): FormResult<SafeguardingInput> {
  const issues: FieldIssue[] = [];
  const description = textField(body, 'description');
  if (description === '') {
    issues.push(issue('safeguarding', 'description', 'required'));
  } else if (description.length > 4000) {
    issues.push(issue('safeguarding', 'description', 'tooLong'));
  }
  const clinicianId = textField(body, 'clinicianId');
  if (!clinicianIds.includes(clinicianId)) {
    issues.push(issue('safeguarding', 'clinicianId', 'required'));
  }
  return result(issues, () => ({ description, clinicianId }));
}

/**
 * The form that resolves a safeguarding concern: what was done.
 * @param body - the posted form
 */
export function parseResolution(body: Body): FormResult<{ resolution: string }> {
  const resolution = textField(body, 'resolution');
  const issues =
    resolution === ''
      ? [issue('safeguarding', 'resolution', 'required')]
      : resolution.length > 4000
        ? [issue('safeguarding', 'resolution', 'tooLong')]
        : [];
  return result(issues, () => ({ resolution }));
}

/**
 * The version the user's form was based on (a hidden field); 0 when missing, which never matches.
 * @param body - the posted form
 */
export function expectedVersion(body: Body): number {
  const value = textField(body, 'version');
  return /^\d{1,9}$/.test(value) ? Number(value) : 0;
}

import { readDateInput } from '../../http/date-input.ts';
import type { FieldIssue } from '../../http/errors.ts';
import type { FormResult } from '../../http/forms.ts';
import { emailMessageSchema } from '../notify/notify.schema.ts';
import { normaliseUkMobile } from '../notify/sms.schema.ts';
import {
  checkDateOfBirth,
  checkName,
  checkOptionalEmail,
  checkOptionalNhsNumber,
  checkOptionalPostcode,
  formText,
} from '../people/person-fields.ts';
import { navigateMessage as m } from './navigate.content.ts';
import { detectRedFlags } from './red-flag-detector.ts';
import type { CopyChannel, NavigationChannel } from './navigation.tables.ts';
import type { NavigationProtocolContent, QuickPick, RedFlag } from './protocol.model.ts';

// The forms of the care navigation flow. Each returns typed values or field issues (by the field's id on
// the page, for the NHS.UK error summary).

const DATE_FIELD = 'dateOfBirth-day';

export const START_FIELD_ORDER = ['channel', 'nhsNumber', 'givenName', 'familyName', DATE_FIELD, 'postcode'];

export interface PatientDetailsInput {
  nhsNumber: string | null;
  givenName: string | null;
  familyName: string | null;
  dateOfBirth: string | null;
  postcode: string | null;
}

export interface StartInput {
  channel: Extract<NavigationChannel, 'desk' | 'phone'>;
  /** Null: continue without the patient's details. */
  person: PatientDetailsInput | null;
}

const typed = (body: unknown, name: string): boolean => formText(body, name).trim() !== '';

/**
 * The patient's details: an NHS number (modulus 11 checked), or their given name, family name and date of
 * birth; anything typed is checked. The postcode is optional.
 * @param body - the posted form
 * @param today - today in England
 */
export function checkPatientDetails(body: unknown, today: string): FormResult<PatientDetailsInput> {
  const nhs = checkOptionalNhsNumber(formText(body, 'nhsNumber'));
  const issues: FieldIssue[] = nhs.ok ? [] : [nhs.issue];
  const hasNumber = typed(body, 'nhsNumber');
  const dob = readDateInput(body, 'dateOfBirth');
  const dobTyped = dob.day !== '' || dob.month !== '' || dob.year !== '';
  const anyName = typed(body, 'givenName') || typed(body, 'familyName') || dobTyped;
  if (!hasNumber && !anyName) {
    return {
      ok: false,
      issues: [{ field: 'nhsNumber', message: m('pages.navigate.nhsNumber.validationError.orDetails') }],
    };
  }
  const given =
    typed(body, 'givenName') || !hasNumber ? checkName(formText(body, 'givenName'), 'givenName') : null;
  const family =
    typed(body, 'familyName') || !hasNumber ? checkName(formText(body, 'familyName'), 'familyName') : null;
  const birth = dobTyped || !hasNumber ? checkDateOfBirth(dob, today, DATE_FIELD) : null;
  const postcode = checkOptionalPostcode(formText(body, 'postcode'));
  for (const result of [given, family, birth, postcode]) {
    if (result !== null && !result.ok) {
      issues.push(result.issue);
    }
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
      dateOfBirth: value(birth),
      postcode: value(postcode),
    },
  };
}

/**
 * The start form: desk or phone, and the patient's details or "continue without".
 * @param body - the posted form
 * @param today - today in England
 */
export function parseStart(body: unknown, today: string): FormResult<StartInput> {
  const channel = formText(body, 'channel');
  const channelIssues: FieldIssue[] =
    channel === 'desk' || channel === 'phone'
      ? []
      : [{ field: 'channel', message: m('pages.navigate.channel.validationError.required') }];
  const anonymous = formText(body, 'action') === 'anonymous';
  const person = anonymous ? null : checkPatientDetails(body, today);
  const issues = [...channelIssues, ...(person !== null && !person.ok ? person.issues : [])];
  if (issues.length > 0 || (channel !== 'desk' && channel !== 'phone')) {
    return { ok: false, issues };
  }
  return { ok: true, value: { channel, person: person === null ? null : person.ok ? person.value : null } };
}

/**
 * A free-text box: trimmed, empty gives null, at most `max` characters.
 * @param body - the posted form
 * @param name - the field
 * @param max - the most characters
 * @param tooLong - the message when longer
 */
function optionalText(
  body: unknown,
  name: string,
  max: number,
  tooLong: string,
): { ok: true; value: string | null } | { ok: false; issue: FieldIssue } {
  const text = formText(body, name).trim();
  if (text.length > max) {
    return { ok: false, issue: { field: name, message: tooLong } };
  }
  return { ok: true, value: text === '' ? null : text };
}

export type RedFlagsInput =
  | { kind: 'none'; words: string | null; said: string | null }
  | { kind: 'flag'; flag: RedFlag; words: string; said: string | null };

/**
 * The red-flag check: "None of these", or the flag picked with the patient's exact words; and anything
 * else the patient said. Both boxes are checked for red-flag phrases by the service, with "None of these"
 * too (hazard HZ-01).
 * @param body - the posted form
 * @param protocol - the protocol the navigation uses
 */
export function parseRedFlags(body: unknown, protocol: NavigationProtocolContent): FormResult<RedFlagsInput> {
  const said = optionalText(body, 'said', 2000, m('pages.redFlags.said.validationError.tooLong'));
  const words = optionalText(body, 'words', 1000, m('pages.redFlags.words.validationError.tooLong'));
  const key = formText(body, 'flag');
  const flag = protocol.redFlags.find((f) => f.key === key);
  const issues: FieldIssue[] = [...(said.ok ? [] : [said.issue]), ...(words.ok ? [] : [words.issue])];
  const saidText = said.ok ? said.value : null;
  if (formText(body, 'action') !== 'flag') {
    if (key !== '') {
      issues.unshift({ field: 'flag', message: m('pages.redFlags.flag.validationError.pickedButNone') });
    }
    return issues.length > 0 || !words.ok
      ? { ok: false, issues }
      : { ok: true, value: { kind: 'none', words: words.value, said: saidText } };
  }
  if (flag === undefined) {
    issues.unshift({
      field: 'flag',
      message: m(
        key === ''
          ? 'pages.redFlags.flag.validationError.required'
          : 'pages.redFlags.flag.validationError.unknown',
      ),
    });
  }
  if (words.ok && words.value === null) {
    issues.push({ field: 'words', message: m('pages.redFlags.words.validationError.required') });
  }
  if (issues.length > 0 || flag === undefined || !words.ok || words.value === null) {
    return { ok: false, issues };
  }
  return { ok: true, value: { kind: 'flag', flag, words: words.value, said: saidText } };
}

/**
 * Who the patient was handed over to, after a red flag.
 * @param body - the posted form
 */
export function parseHandover(body: unknown): FormResult<string> {
  const text = formText(body, 'handedTo').trim();
  if (text === '') {
    return {
      ok: false,
      issues: [{ field: 'handedTo', message: m('pages.handover.handedTo.validationError.required') }],
    };
  }
  return text.length > 200
    ? {
        ok: false,
        issues: [{ field: 'handedTo', message: m('pages.handover.handedTo.validationError.tooLong') }],
      }
    : { ok: true, value: text };
}

/**
 * What the patient needs help with: one quick pick (the button pressed) and what they said.
 * @param body - the posted form
 * @param protocol - the protocol the navigation uses
 */
export function parseNeeds(
  body: unknown,
  protocol: NavigationProtocolContent,
): FormResult<{ pick: QuickPick | null; text: string | null }> {
  const pick = protocol.quickPicks.find((p) => p.key === formText(body, 'pick'));
  // Red-flag words win over every other check: they stop the navigation even without a quick pick or
  // when the text is longer than the box allows (hazard HZ-01).
  const typedWords = formText(body, 'needText').trim();
  if (typedWords !== '' && detectRedFlags([typedWords], protocol).decisive !== undefined) {
    return { ok: true, value: { pick: pick ?? null, text: typedWords } };
  }
  const text = optionalText(body, 'needText', 1000, m('pages.needs.needText.validationError.tooLong'));
  const issues: FieldIssue[] = [
    ...(pick === undefined
      ? [{ field: 'pick', message: m('pages.needs.pick.validationError.required') }]
      : []),
    ...(text.ok ? [] : [text.issue]),
  ];
  if (pick === undefined || !text.ok) {
    return { ok: false, issues };
  }
  return { ok: true, value: { pick, text: text.value } };
}

export type OutcomeChoice =
  | { kind: 'accept'; optionKind: 'protocol' | 'service'; key: string }
  | { kind: 'link-worker' }
  | { kind: 'gp'; reason: 'patient-preferred' | 'needed' }
  | { kind: 'declined' };

/**
 * The patient's decision: one button per option.
 * @param body - the posted form
 */
export function parseOutcomeChoice(body: unknown): FormResult<OutcomeChoice> {
  const choice = formText(body, 'choice');
  const accept = /^(protocol|service):([A-Za-z0-9-]{1,60})$/.exec(choice);
  if (accept !== null) {
    return {
      ok: true,
      value: { kind: 'accept', optionKind: accept[1] as 'protocol' | 'service', key: accept[2] },
    };
  }
  switch (choice) {
    case 'link-worker':
      return { ok: true, value: { kind: 'link-worker' } };
    case 'gp-preferred':
      return { ok: true, value: { kind: 'gp', reason: 'patient-preferred' } };
    case 'gp-needed':
      return { ok: true, value: { kind: 'gp', reason: 'needed' } };
    case 'declined':
      return { ok: true, value: { kind: 'declined' } };
    default:
      return {
        ok: false,
        issues: [{ field: 'choice', message: m('pages.outcome.choice.validationError.required') }],
      };
  }
}

export type CopyInput =
  | { channel: Extract<CopyChannel, 'print' | 'none'> }
  | { channel: 'sms'; to: string }
  | { channel: 'email'; to: string };

export const COPY_FIELD_ORDER = ['channel', 'phone', 'email', 'contactConsent'];

/**
 * How the patient gets their copy: by text message or email (with consent to contact them that way), on
 * paper, or not at all.
 * @param body - the posted form
 */
export function parseCopy(body: unknown): FormResult<CopyInput> {
  const channel = formText(body, 'channel');
  const consent = formText(body, 'contactConsent') === 'yes';
  const noConsent: FieldIssue = {
    field: 'contactConsent',
    message: m('pages.copy.contactConsent.validationError.required'),
  };
  if (channel === 'print' || channel === 'none') {
    return { ok: true, value: { channel } };
  }
  if (channel === 'sms') {
    const phone = formText(body, 'phone');
    const number = normaliseUkMobile(phone);
    const issues: FieldIssue[] = number.ok
      ? []
      : [
          {
            field: 'phone',
            message: phone.trim() === '' ? m('pages.copy.phone.validationError.required') : number.error,
          },
        ];
    return issues.length > 0 || !number.ok || !consent
      ? { ok: false, issues: [...issues, ...(consent ? [] : [noConsent])] }
      : { ok: true, value: { channel, to: number.value } };
  }
  if (channel === 'email') {
    const email = checkOptionalEmail(formText(body, 'email'));
    // Checked as the outbox will check it too (stricter than a person's record), so no 500 at enqueue.
    const sendable = email.ok && emailMessageSchema.shape.to.safeParse(email.value).success;
    const issues: FieldIssue[] =
      email.ok && email.value === null
        ? [{ field: 'email', message: m('pages.copy.email.validationError.required') }]
        : sendable
          ? []
          : [{ field: 'email', message: m('pages.copy.email.validationError.format') }];
    return issues.length > 0 || !email.ok || email.value === null || !consent
      ? { ok: false, issues: [...issues, ...(consent ? [] : [noConsent])] }
      : { ok: true, value: { channel, to: email.value } };
  }
  return {
    ok: false,
    issues: [{ field: 'channel', message: m('pages.copy.channel.validationError.required') }],
  };
}

import type { DateInputProblem } from '../../http/date-input.ts';

// Words on the protocol pages: validation messages keyed `pages.<page>.<field>.validationError.<rule>`
// (STYLE.md rule 15; on the section forms the rule is the zod issue code), and what a page says after a
// change, `pages.<page>.notice.<event>`.

const reviewDue: Record<`pages.protocolApprove.reviewDue.validationError.${DateInputProblem}`, string> = {
  'pages.protocolApprove.reviewDue.validationError.required': 'Enter the review due date',
  'pages.protocolApprove.reviewDue.validationError.missingDay': 'Review due date must include a day',
  'pages.protocolApprove.reviewDue.validationError.missingMonth': 'Review due date must include a month',
  'pages.protocolApprove.reviewDue.validationError.missingYear': 'Review due date must include a year',
  'pages.protocolApprove.reviewDue.validationError.notReal':
    'Review due date must be a real date, like 27 3 2027',
};

export const protocolContent = {
  'pages.protocolSection.outcome.validationError.invalid_value': 'Select what the navigator must do',
  'pages.protocolSection.question.validationError.too_small': 'Enter the question to read aloud',
  'pages.protocolSection.question.validationError.too_big': 'Question must be 300 characters or fewer',
  'pages.protocolSection.phrases.validationError.too_big':
    'Use at most 60 trigger phrases, each 80 characters or fewer',
  'pages.protocolSection.label.validationError.too_small': 'Enter the quick pick’s label',
  'pages.protocolSection.label.validationError.too_big': 'Label must be 60 characters or fewer',
  'pages.protocolSection.needs.validationError.invalid_value': 'Select needs from the list',
  'pages.protocolSection.kind.validationError.invalid_value': 'Select the kind of destination',
  'pages.protocolSection.name.validationError.too_small': 'Enter the destination’s name',
  'pages.protocolSection.name.validationError.too_big': 'Name must be 120 characters or fewer',
  'pages.protocolSection.readAloud.validationError.too_small': 'Enter the words to read aloud',
  'pages.protocolSection.readAloud.validationError.too_big':
    'Words to read aloud must be 400 characters or fewer',
  'pages.protocolSection.howToAccess.validationError.too_small': 'Enter how to access it',
  'pages.protocolSection.howToAccess.validationError.too_big':
    'How to access it must be 400 characters or fewer',
  'pages.protocolSection.accessCriteria.validationError.too_small': 'Enter the access criteria',
  'pages.protocolSection.accessCriteria.validationError.too_big':
    'Access criteria must be 400 characters or fewer',
  'pages.protocolSection.notSuitableWhen.validationError.too_big':
    'Not suitable when must be 400 characters or fewer',
  'pages.protocolSection.remove.validationError.inUse':
    'Take this destination off the quick picks that offer it before removing it',
  'pages.protocolSection.form.validationError.changed':
    'Someone changed this draft while you were editing it. Your changes were not saved: look again and make them again',

  'pages.protocolApprove.statement.validationError.required':
    'Confirm that you have reviewed the protocol and that it is clinically safe for use',
  'pages.protocolApprove.approverName.validationError.required': 'Enter your name as it should be shown',
  'pages.protocolApprove.approverName.validationError.tooLong': 'Your name must be 120 characters or fewer',
  ...reviewDue,
  'pages.protocolApprove.reviewDue.validationError.future': 'Review due date must be in the future',
  'pages.protocolApprove.reviewDue.validationError.tooFar':
    'Review due date must be within 3 years: review the protocol at least that often',
  'pages.protocolApprove.notes.validationError.tooLong': 'Notes must be 2,000 characters or fewer',
  'pages.protocolApprove.statement.validationError.changed':
    'This draft changed after you opened it. Look at the changes again, then approve it if it is still safe',

  'pages.protocolVersion.notice.created':
    'Draft created. Edit its sections, then ask a clinician to approve it',
  'pages.protocolVersion.notice.saved': 'Draft saved',
  'pages.protocolVersion.notice.existing': 'This scope already has a draft: here it is',
  'pages.protocolVersion.notice.approved':
    'Version approved. Navigators now use it, and the version it replaces is retired',
  'pages.protocolList.notice.discarded': 'Draft discarded',
} as const;

export type ProtocolContentKey = keyof typeof protocolContent;

/** The approval statement a clinician ticks (stored with the version, word for word). */
export const APPROVAL_STATEMENT =
  'I have reviewed the red flags, quick picks and destinations of this version, including the words navigators read aloud, and I confirm that it is clinically safe for use by care navigators in the practices it covers.';

/**
 * A message by key, or the fallback when the key has none (a section rule with no message of its own).
 * @param key - the content key
 * @param fallback - what to say otherwise
 */
export function protocolMessage(key: ProtocolContentKey, fallback?: string): string {
  return (protocolContent as Partial<Record<string, string>>)[key] ?? fallback ?? key;
}

import type { DateInputProblem } from '../../http/date-input.ts';

// Words on the casework pages, keyed `pages.<page>.<field>.validationError.<rule>` for validation messages
// (STYLE.md rule 15) and `pages.<page>.notice.<event>` for what a page says after a change. Messages follow
// the NHS.UK design system: specific, imperative, no full stop.

function dateMessages<P extends string, F extends string>(
  page: P,
  field: F,
  label: string,
): Record<`pages.${P}.${F}.validationError.${DateInputProblem}`, string> {
  return {
    [`pages.${page}.${field}.validationError.required`]: `Enter the ${label.toLowerCase()}`,
    [`pages.${page}.${field}.validationError.missingDay`]: `${label} must include a day`,
    [`pages.${page}.${field}.validationError.missingMonth`]: `${label} must include a month`,
    [`pages.${page}.${field}.validationError.missingYear`]: `${label} must include a year`,
    [`pages.${page}.${field}.validationError.notReal`]: `${label} must be a real date, like 27 3 2026`,
  } as Record<`pages.${P}.${F}.validationError.${DateInputProblem}`, string>;
}

export const caseworkContent = {
  ...dateMessages('contact', 'date', 'Date of the contact'),
  'pages.contact.date.validationError.future': 'Date of the contact must be today or in the past',
  'pages.contact.date.validationError.beforeAccepted':
    'Date of the contact must be on or after the day the referral was accepted',
  'pages.contact.mode.validationError.required': 'Select how the contact happened',
  'pages.contact.attended.validationError.required': 'Select whether the person attended',
  'pages.contact.duration.validationError.format': 'Duration must be a whole number of minutes, like 30',
  'pages.contact.duration.validationError.range': 'Duration must be between 0 and 600 minutes',
  'pages.contact.notes.validationError.tooLong': 'Notes must be 4,000 characters or fewer',
  ...dateMessages('contact', 'nextContact', 'Next contact date'),
  'pages.contact.nextContact.validationError.past': 'Next contact date must be today or in the future',

  'pages.plan.whatMatters.validationError.tooLong': 'What matters to them must be 4,000 characters or fewer',
  'pages.plan.needs.validationError.invalid': 'Select needs and concerns from the list',
  'pages.plan.needsNotes.validationError.tooLong': 'Notes on needs must be 4,000 characters or fewer',
  ...dateMessages('plan', 'reviewDate', 'Review date'),
  'pages.plan.reviewDate.validationError.neededForReview':
    'Enter a review date, or untick that review is arranged',
  ...dateMessages('plan', 'agreedDate', 'Date the plan was agreed'),
  'pages.plan.agreedDate.validationError.future': 'Date the plan was agreed must be today or in the past',
  'pages.plan.sharedWith.validationError.invalid': 'Select who the plan is shared with from the list',
  'pages.plan.criteria.validationError.invalid': 'Select the criteria from the list',
  'pages.plan.criteria.validationError.shareableNeedsWhatMatters':
    'Record what matters to them before ticking that the plan records it',
  'pages.plan.email.validationError.noConsent':
    'They have not agreed to be contacted by email: record their consent on their record first',
  'pages.plan.email.validationError.noAddress': 'There is no email address on their record',
  'pages.plan.notice.saved': 'Plan saved',
  'pages.plan.notice.goalAdded': 'Goal added',
  'pages.plan.notice.actionAdded': 'Action added',
  'pages.plan.notice.actionDone': 'Action marked as done',
  'pages.plan.notice.sent': 'Plan sent to them by email',

  'pages.planGoal.goalText.validationError.required': 'Enter the goal, in their words',
  'pages.planGoal.goalText.validationError.tooLong': 'Goal must be 1,000 characters or fewer',
  'pages.planAction.goalId.validationError.required': 'Select the goal this action is for',
  'pages.planAction.actionText.validationError.required': 'Enter the action',
  'pages.planAction.actionText.validationError.tooLong': 'Action must be 1,000 characters or fewer',
  'pages.planAction.owner.validationError.required': 'Enter who will do this',
  'pages.planAction.owner.validationError.tooLong': 'Who will do this must be 200 characters or fewer',
  ...dateMessages('planAction', 'dueDate', 'Due date'),

  'pages.onward.serviceId.validationError.required': 'Select a service from the directory',
  'pages.onward.kind.validationError.required': 'Select whether you are referring or signposting them',
  'pages.onward.reason.validationError.required': 'Enter why this service could help them',
  'pages.onward.reason.validationError.tooLong': 'Why must be 2,000 characters or fewer',
  'pages.onward.shareConsent.validationError.required':
    'Referring shares their details with the service: confirm they agreed, or signpost them instead',
  'pages.onward.postcode.validationError.invalid': 'Enter a real postcode, like LS6 1AN',
  'pages.onward.notice.sent': 'Referral recorded',
  'pages.onward.notice.signposted': 'Signpost recorded',
  'pages.onward.notice.status': 'Status updated',

  'pages.onwardStatus.status.validationError.required': 'Select the new status',
  'pages.onwardStatus.declineReason.validationError.required': 'Select why the service declined',
  'pages.onwardStatus.weeks.validationError.required': 'Enter the expected wait in weeks',
  'pages.onwardStatus.weeks.validationError.format': 'Expected wait must be a whole number of weeks, like 6',
  'pages.onwardStatus.weeks.validationError.range': 'Expected wait must be between 1 and 104 weeks',
  'pages.onwardStatus.statusNote.validationError.tooLong': 'Note must be 1,000 characters or fewer',
  'pages.onwardStatus.statusNote.validationError.required': 'Enter why the referral was cancelled',

  'pages.safeguarding.description.validationError.required': 'Describe the safeguarding concern',
  'pages.safeguarding.description.validationError.tooLong': 'Description must be 4,000 characters or fewer',
  'pages.safeguarding.clinicianId.validationError.required':
    'Select the clinician to escalate the concern to',
  'pages.safeguarding.resolution.validationError.required': 'Enter what was done about the concern',
  'pages.safeguarding.resolution.validationError.tooLong': 'What was done must be 4,000 characters or fewer',
  'pages.safeguarding.notice.raised': 'Safeguarding concern raised and escalated',
  'pages.safeguarding.notice.resolved': 'Safeguarding concern resolved',

  'pages.case.notice.contactAdded': 'Contact recorded',
  'pages.case.notice.firstContact': 'First contact recorded: the GP and referrer have been told',
  'pages.case.notice.discharged': 'Discharged: the GP and referrer have been told',
  'pages.case.state.validationError.discharged': 'This case has been discharged, so it cannot be changed',

  'pages.discharge.reason.validationError.required': 'Select why they are being discharged',
  'pages.discharge.summary.validationError.required': 'Enter a summary for the GP and referrer',
  'pages.discharge.summary.validationError.tooLong': 'Summary must be 4,000 characters or fewer',

  'pages.tasks.notice.done': 'Task marked as done',

  'pages.codedExport.practice.validationError.required': 'Select a practice',
  ...dateMessages('codedExport', 'from', 'Start date'),
  ...dateMessages('codedExport', 'to', 'End date'),
  'pages.codedExport.to.validationError.beforeFrom': 'End date must be the same as or after the start date',
  'pages.codedExport.format.validationError.invalid': 'Select CSV or JSON',
} as const;

export type CaseworkContentKey = keyof typeof caseworkContent;

/**
 * A message from the casework content file.
 * @param key - its key
 */
export function caseworkMessage(key: CaseworkContentKey): string {
  return caseworkContent[key];
}

// Validation messages of the referral forms, the self-referral form, the API and triage, keyed
// `pages.<page>.<field>.validationError.<rule>` (STYLE.md rule 15). The person's details (name, date of
// birth, NHS number, postcode, phone, email) use the people module's messages.

export const referralsContent = {
  'pages.referral.nhsNumber.validationError.orDetails':
    'Enter their NHS number, or their name, date of birth and postcode',
  'pages.referral.givenName.validationError.notFound':
    'No record has this NHS number yet: enter their given name to create one',
  'pages.referral.familyName.validationError.notFound':
    'No record has this NHS number yet: enter their family name to create one',
  'pages.referral.dateOfBirth.validationError.notFound':
    'No record has this NHS number yet: enter their date of birth to create one',
  'pages.referral.postcode.validationError.required': 'Enter their postcode, or their NHS number',
  'pages.referral.reason.validationError.required': 'Enter why you are referring them',
  'pages.referral.reason.validationError.tooLong': 'Reason must be 4,000 characters or fewer',
  'pages.referral.needs.validationError.required': 'Select at least one thing they need help with',
  'pages.referral.needs.validationError.unknown': 'Select needs from the list',
  'pages.referral.urgency.validationError.required': 'Select how urgent the referral is',
  'pages.referral.riskInformation.validationError.tooLong':
    'Risk information must be 4,000 characters or fewer',
  'pages.referral.consentConfirmed.validationError.required':
    'Confirm the person agrees to be referred to social prescribing',
  'pages.referral.practiceId.validationError.required': 'Select their GP practice',
  'pages.referral.submissionId.validationError.invalid':
    'This form has expired. Reload the page and try again',

  'pages.selfReferral.givenName.validationError.required': 'Enter your first name',
  'pages.selfReferral.familyName.validationError.required': 'Enter your last name',
  'pages.selfReferral.contact.validationError.required':
    'Enter a phone number or an email address so we can contact you',
  'pages.selfReferral.practiceId.validationError.required':
    'Select your GP practice, or "My GP practice is not listed"',
  'pages.selfReferral.needs.validationError.required': 'Select at least one thing you would like help with',
  'pages.selfReferral.details.validationError.tooLong': 'What you tell us must be 4,000 characters or fewer',
  'pages.selfReferral.consentContact.validationError.required':
    'Confirm we can contact you using the details you gave',
  'pages.selfReferral.consentReferral.validationError.required':
    'Confirm you would like a social prescribing link worker to contact you',
  'pages.selfReferral.form.validationError.tooFast':
    'Sorry, that was too quick for us to tell you are not a computer. Wait a few seconds, then send the form again',
  'pages.selfReferral.form.validationError.expired':
    'This form was open for more than 2 hours, so we could not send it. Check your answers and send the form again',
  'pages.selfReferral.form.validationError.spam':
    'We could not send your form. Check your answers and try again',

  'pages.triage.decision.validationError.required': 'Select accept, decline or redirect',
  'pages.triage.linkWorkerId.validationError.unknown': 'Select a link worker from the list',
  'pages.triage.declineReason.validationError.required': 'Select why you are declining the referral',
  'pages.triage.declineNote.validationError.required': 'Explain why you are declining the referral',
  'pages.triage.declineNote.validationError.tooLong': 'Explanation must be 1,000 characters or fewer',
  'pages.triage.redirectedTo.validationError.required': 'Enter where you are redirecting the referral to',
  'pages.triage.redirectedTo.validationError.tooLong':
    'Where you are redirecting to must be 500 characters or fewer',
  'pages.triage.triageNote.validationError.tooLong': 'Note must be 1,000 characters or fewer',
} as const;

export type ReferralsContentKey = keyof typeof referralsContent;

/**
 * A validation message by its content key.
 * @param key - `pages.<page>.<field>.validationError.<rule>`
 */
export function referralsMessage(key: ReferralsContentKey): string {
  return referralsContent[key];
}

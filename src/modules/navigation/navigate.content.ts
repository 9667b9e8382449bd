import type { DateInputProblem } from '../../http/date-input.ts';

// Words of the care navigation flow's errors and notices, keyed `pages.<page>.<field>.validationError.<rule>`
// (STYLE.md rule 15). Messages follow the NHS.UK design system: specific, imperative, no full stop.

const dateOfBirth: Record<`pages.navigate.dateOfBirth.validationError.${DateInputProblem}`, string> = {
  'pages.navigate.dateOfBirth.validationError.required': 'Enter their date of birth',
  'pages.navigate.dateOfBirth.validationError.missingDay': 'Date of birth must include a day',
  'pages.navigate.dateOfBirth.validationError.missingMonth': 'Date of birth must include a month',
  'pages.navigate.dateOfBirth.validationError.missingYear': 'Date of birth must include a year',
  'pages.navigate.dateOfBirth.validationError.notReal': 'Date of birth must be a real date, like 15 3 1984',
};

export const navigateContent = {
  'pages.navigate.channel.validationError.required':
    'Select whether the patient is at the desk or on the phone',
  'pages.navigate.nhsNumber.validationError.orDetails':
    'Enter their NHS number, or their name and date of birth, or choose to continue without their details',
  'pages.navigate.givenName.validationError.notFound':
    'No patient record has this NHS number: enter their given name to create one',
  'pages.navigate.familyName.validationError.notFound':
    'No patient record has this NHS number: enter their family name to create one',
  'pages.navigate.dateOfBirth.validationError.notFound':
    'No patient record has this NHS number: enter their date of birth to create one',
  ...dateOfBirth,
  'pages.redFlags.flag.validationError.required': 'Select the red flag the patient described',
  'pages.redFlags.flag.validationError.unknown': 'Select a red flag from the list',
  'pages.redFlags.flag.validationError.pickedButNone':
    'You selected a red flag: enter the patient’s words and choose Record this red flag, or start the check again',
  'pages.redFlags.words.validationError.required': 'Enter the patient’s exact words',
  'pages.redFlags.words.validationError.tooLong': 'The patient’s words must be 1,000 characters or fewer',
  'pages.redFlags.said.validationError.tooLong':
    'What else the patient said must be 2,000 characters or fewer',
  'pages.handover.handedTo.validationError.required': 'Enter who you handed the patient over to',
  'pages.handover.handedTo.validationError.tooLong': 'Who you handed over to must be 200 characters or fewer',
  'pages.needs.pick.validationError.required': 'Choose what the patient needs help with',
  'pages.needs.needText.validationError.tooLong': 'What the patient said must be 1,000 characters or fewer',
  'pages.outcome.choice.validationError.required': 'Choose what the patient decided',
  'pages.outcome.choice.validationError.notOffered': 'Choose one of the options offered to the patient',
  'pages.outcome.consent.validationError.required':
    'Confirm the patient agrees to be referred to the link worker',
  'pages.copy.channel.validationError.required': 'Choose how the patient gets their copy',
  'pages.copy.phone.validationError.required': 'Enter a mobile phone number to send the text message to',
  'pages.copy.email.validationError.required': 'Enter an email address to send the copy to',
  'pages.copy.email.validationError.format':
    'Enter an email address in the correct format, like name@example.com',
  'pages.copy.contactConsent.validationError.required': 'Confirm the patient agrees to be contacted this way',
} as const;

export type NavigateContentKey = keyof typeof navigateContent;

/**
 * A message of the navigation flow.
 * @param key - its key
 */
export function navigateMessage(key: NavigateContentKey): string {
  return navigateContent[key];
}

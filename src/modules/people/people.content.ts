// Validation messages of the people pages (patient record, search, consent), keyed
// `pages.<page>.<field>.validationError.<rule>` (STYLE.md rule 15). The referral forms reuse the `person`
// keys for the person's details. NHS number and postcode messages come from nhs-number.ts and the geo
// module, so every form says the same thing about them.

export const peopleContent = {
  'pages.person.nhsNumber.validationError.taken':
    'Another record already has this NHS number. Check the number, or use that record',
  'pages.person.nhsNumberStatus.validationError.invalid': 'Select an NHS number verification status',
  'pages.person.nhsNumberStatus.validationError.needsNumber':
    'Enter the NHS number, or choose a status that does not need one',
  'pages.person.nhsNumberStatus.validationError.hasNumber':
    'Choose a status other than "Number not present", or remove the NHS number',
  'pages.person.givenName.validationError.required': 'Enter the given name',
  'pages.person.givenName.validationError.tooLong': 'Given name must be 100 characters or fewer',
  'pages.person.familyName.validationError.required': 'Enter the family name',
  'pages.person.familyName.validationError.tooLong': 'Family name must be 100 characters or fewer',
  'pages.person.preferredName.validationError.tooLong': 'Preferred name must be 100 characters or fewer',
  'pages.person.dateOfBirth.validationError.required': 'Enter the date of birth',
  'pages.person.dateOfBirth.validationError.missingDay': 'Date of birth must include a day',
  'pages.person.dateOfBirth.validationError.missingMonth': 'Date of birth must include a month',
  'pages.person.dateOfBirth.validationError.missingYear': 'Date of birth must include a year',
  'pages.person.dateOfBirth.validationError.notReal': 'Date of birth must be a real date',
  'pages.person.dateOfBirth.validationError.future': 'Date of birth must be today or in the past',
  'pages.person.dateOfBirth.validationError.tooOld': 'Date of birth must be within the last 120 years',
  'pages.person.gender.validationError.invalid': 'Select the gender, or "Not known"',
  'pages.person.ethnicity.validationError.invalid': 'Select an ethnic category from the list',
  'pages.person.addressLine1.validationError.tooLong': 'Address line 1 must be 200 characters or fewer',
  'pages.person.addressLine2.validationError.tooLong': 'Address line 2 must be 200 characters or fewer',
  'pages.person.town.validationError.tooLong': 'Town or city must be 100 characters or fewer',
  'pages.person.phone.validationError.format': 'Enter a UK phone number, like 07700 900982 or 0113 496 0000',
  'pages.person.email.validationError.format':
    'Enter an email address in the correct format, like name@example.com',
  'pages.person.email.validationError.tooLong': 'Email address must be 254 characters or fewer',
  'pages.person.preferredContact.validationError.invalid': 'Select how they prefer to be contacted',
  'pages.person.preferredContact.validationError.needsPhone':
    'Enter a phone number to contact them by phone or text message, or choose another way',
  'pages.person.preferredContact.validationError.needsEmail':
    'Enter an email address to contact them by email, or choose another way',
  'pages.person.preferredContact.validationError.needsAddress':
    'Enter the first line of the address and the postcode to contact them by letter, or choose another way',
  'pages.person.preferredLanguage.validationError.required': 'Enter their preferred language',
  'pages.person.preferredLanguage.validationError.tooLong': 'Language must be 60 characters or fewer',
  'pages.person.interpreterNeeded.validationError.invalid': 'Select whether they need an interpreter',
  'pages.person.communicationNeeds.validationError.tooLong':
    'Communication needs must be 1,000 characters or fewer',
  'pages.person.practiceId.validationError.invalid': 'Select a GP practice from the list',

  'pages.peopleSearch.nhsNumber.validationError.either':
    'Enter an NHS number, or a family name and date of birth',
  'pages.peopleSearch.familyName.validationError.withBirth':
    'Enter the family name to search by name and date of birth',
  'pages.peopleSearch.dateOfBirth.validationError.withName':
    'Enter the date of birth to search by name and date of birth',

  'pages.consent.kind.validationError.invalid': 'Select which consent you are recording',
  'pages.consent.decision.validationError.invalid': 'Select what they decided',
  'pages.consent.decision.validationError.notForKind':
    'Only consent to social prescribing can be recorded as declined: choose given or withdrawn',
  'pages.consent.method.validationError.invalid': 'Select how the consent was given',
  'pages.consent.organizationId.validationError.required': 'Select the organisation they agree to share with',
  'pages.consent.referralId.validationError.required': 'Select the referral this consent is for',
} as const;

export type PeopleContentKey = keyof typeof peopleContent;

/**
 * A validation message by its content key.
 * @param key - `pages.<page>.<field>.validationError.<rule>`
 */
export function peopleMessage(key: PeopleContentKey): string {
  return peopleContent[key];
}

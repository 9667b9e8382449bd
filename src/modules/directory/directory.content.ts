// Words on the public directory pages, keyed `pages.<page>.<field>.validationError.<rule>` for validation
// messages (STYLE.md rule 15). Messages follow the NHS.UK design system: specific, imperative, no full stop.

export const directoryContent = {
  'pages.directory.postcode.validationError.format':
    'Enter a full UK postcode, like LS1 4AP, or the first part, like LS1',
  'pages.directory.postcode.validationError.notFound':
    'We could not find that postcode. Check it and try again, or enter the first part, like LS1',
  'pages.directory.postcode.validationError.tooLong': 'Postcode must be 8 characters or fewer',
  'pages.directory.postcode.validationError.bfpo': 'Enter a UK postcode, not a BFPO number',
  'pages.directory.postcode.validationError.required': 'Enter a postcode to search by distance',
  'pages.directory.distance.validationError.invalid': 'Select a distance from the list',
  'pages.directory.age.validationError.integer': 'Age must be a whole number, like 42',
  'pages.directory.age.validationError.range': 'Age must be between 0 and 120',
  'pages.directory.q.validationError.tooLong': 'Search words must be 200 characters or fewer',
  'pages.directory.type.validationError.invalid': 'Select a type of service from the list',
  'pages.directory.needs.validationError.invalid': 'Select needs from the list',
  'pages.directory.delivery.validationError.invalid': 'Select ways of getting help from the list',
  'pages.directory.capacity.validationError.invalid': 'Select capacity options from the list',
  'pages.directory.cost.validationError.invalid': 'Select cost options from the list',
  'pages.directory.page.validationError.invalid': 'Page must be a whole number, like 2',
  'pages.directory.general.validationError.invalid': 'Check your search and try again',
} as const;

export type DirectoryContentKey = keyof typeof directoryContent;

/**
 * A validation message by its content key.
 * @param key - `pages.directory.<field>.validationError.<rule>`
 */
export function directoryMessage(key: DirectoryContentKey): string {
  return directoryContent[key];
}

// Validation messages of directory search input (the JSON API and the /directory page), keyed
// `pages.directorySearch.<field>.validationError.<rule>` (STYLE.md rule 15). NHS.UK style: specific,
// imperative, sentence case, no full stop.

export const searchContent = {
  'pages.directorySearch.q.validationError.tooLong': 'Search words must be 200 characters or fewer',
  'pages.directorySearch.need.validationError.invalid': 'Select needs from the list',
  'pages.directorySearch.need.validationError.tooMany': 'Select 50 needs or fewer',
  'pages.directorySearch.taxonomyTermId.validationError.invalid':
    'Taxonomy term IDs must be UUIDs, like 0d5c1e5a-1d5e-4c8e-9b7a-2f3e4d5c6b7a',
  'pages.directorySearch.taxonomyTermId.validationError.tooMany': 'Select 50 taxonomy terms or fewer',
  'pages.directorySearch.deliveryMode.validationError.invalid': 'Select ways of getting help from the list',
  'pages.directorySearch.capacity.validationError.invalid': 'Select capacity options from the list',
  'pages.directorySearch.age.validationError.integer': 'Age must be a whole number, like 42',
  'pages.directorySearch.age.validationError.range': 'Age must be between 0 and 120',
  'pages.directorySearch.cost.validationError.invalid': 'Select free or paid',
  'pages.directorySearch.postcode.validationError.required': 'Enter a postcode to search by distance',
  'pages.directorySearch.radiusKm.validationError.number': 'Distance must be a number of kilometres, like 10',
  'pages.directorySearch.radiusKm.validationError.range':
    'Distance must be more than 0 and at most 200 kilometres',
  'pages.directorySearch.page.validationError.integer': 'Page must be a whole number, like 2',
  'pages.directorySearch.page.validationError.range': 'Page must be between 1 and 10,000',
  'pages.directorySearch.perPage.validationError.integer': 'Results per page must be a whole number, like 20',
  'pages.directorySearch.perPage.validationError.range': 'Results per page must be between 1 and 100',
} as const;

export type SearchContentKey = keyof typeof searchContent;

/**
 * A validation message by its content key.
 * @param key - `pages.directorySearch.<field>.validationError.<rule>`
 */
export function searchMessage(key: SearchContentKey): string {
  return searchContent[key];
}

// Words on the training pages that tests check, keyed `pages.<page>.<field>.validationError.<rule>` for
// validation messages (STYLE.md rule 15). Messages follow the NHS.UK design system: specific, imperative,
// no full stop.

export const trainingContent = {
  'pages.trainingRedFlags.redFlag.validationError.required':
    'Select the red flag the patient has, or that they have none of these',
  'pages.trainingNeeds.quickPick.validationError.required': 'Select what the patient needs help with',
  'pages.trainingNeeds.needText.validationError.tooLong':
    'What the patient said must be 1,000 characters or fewer',
  'pages.trainingChoose.destination.validationError.required': 'Select what the patient chose',
} as const;

export type TrainingMessageKey = keyof typeof trainingContent;

/**
 * A message of the training pages.
 * @param key - its key
 */
export function trainingMessage(key: TrainingMessageKey): string {
  return trainingContent[key];
}

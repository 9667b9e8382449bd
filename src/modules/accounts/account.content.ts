// Validation messages of the sign-in-verification, password and two-step pages, keyed
// `pages.<page>.<field>.validationError.<rule>` (STYLE.md rule 15). The password rules' own messages come
// from passwordProblem() in password.ts.

export const accountContent = {
  'pages.verify.code.validationError.required': 'Enter the 6-digit code from your authenticator app',
  'pages.verify.code.validationError.format': 'Code must be 6 digits, like 123456',
  'pages.verify.code.validationError.incorrect': 'Enter a correct code from your authenticator app',
  'pages.verify.code.validationError.replayed':
    'This code has already been used. Wait for your app to show a new code and enter that',
  'pages.verify.code.validationError.locked':
    'Your account is locked after too many wrong attempts. Try again later',
  'pages.verify.code.validationError.unreadable':
    'Signpost cannot check codes for your account. Ask your Signpost administrator to reset two-step verification',
  'pages.twoStep.code.validationError.incorrect':
    'Enter the code your authenticator app shows now. Check the time on your phone is correct',
  'pages.twoStepDisable.password.validationError.required': 'Enter your password',
  'pages.twoStepDisable.password.validationError.incorrect': 'Enter a correct password',
  'pages.changePassword.currentPassword.validationError.required': 'Enter your current password',
  'pages.changePassword.currentPassword.validationError.incorrect': 'Enter a correct current password',
  'pages.changePassword.currentPassword.validationError.locked':
    'Your account is locked after too many wrong passwords. Try again later',
  'pages.newPassword.newPassword.validationError.required': 'Enter a new password',
  'pages.newPassword.confirmPassword.validationError.required': 'Enter your new password again',
  'pages.newPassword.confirmPassword.validationError.mismatch': 'Enter the same password in both fields',
  'pages.forgotPassword.email.validationError.required': 'Enter your email address',
  'pages.forgotPassword.email.validationError.format':
    'Enter an email address in the correct format, like name@example.com',
  'pages.forgotPassword.email.validationError.tooLong': 'Email address must be 254 characters or fewer',
} as const;

export type AccountContentKey = keyof typeof accountContent;

/**
 * A validation message by its content key.
 * @param key - `pages.<page>.<field>.validationError.<rule>`
 */
export function accountMessage(key: AccountContentKey): string {
  return accountContent[key];
}

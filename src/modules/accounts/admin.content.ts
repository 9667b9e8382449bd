// Words on the administration pages, keyed `pages.<page>.<field>.validationError.<rule>` for validation
// messages (STYLE.md rule 15) and `pages.<page>.notice.<event>` for what a page says after a change.
// Messages follow the NHS.UK design system: specific, imperative, no full stop.

export const adminContent = {
  'pages.adminUsers.q.validationError.tooLong': 'Name or email must be 100 characters or fewer',
  'pages.adminUsers.status.validationError.invalid': 'Select a status from the list',

  'pages.adminInvite.email.validationError.required': 'Enter an email address',
  'pages.adminInvite.email.validationError.format':
    'Enter an email address in the correct format, like name@example.org',
  'pages.adminInvite.email.validationError.tooLong': 'Email address must be 254 characters or fewer',
  'pages.adminInvite.email.validationError.taken': 'A user with this email address already exists',
  'pages.adminInvite.displayName.validationError.required': 'Enter their full name',
  'pages.adminInvite.displayName.validationError.tooLong': 'Full name must be 120 characters or fewer',
  'pages.adminInvite.organisationId.validationError.required': 'Select the organisation they work for',
  'pages.adminInvite.role.validationError.required': 'Select a role',
  'pages.adminInvite.role.validationError.wrongKind':
    'VCSE provider staff can only have a role in a VCSE organisation, and other roles cannot be held in one',

  'pages.adminUser.organisationId.validationError.required': 'Select an organisation',
  'pages.adminUser.role.validationError.required': 'Select a role to give',
  'pages.adminUser.role.validationError.duplicate': 'They already have this role in this organisation',
  'pages.adminUser.remove.validationError.lastAdministrator':
    'You cannot remove the last administrator role: give another active user the administrator role first',
  'pages.adminUser.status.validationError.invalid': 'Choose to disable or enable the account',
  'pages.adminUser.status.validationError.self': 'You cannot disable your own account',
  'pages.adminUser.invitation.validationError.notInvited':
    'Only users who have not accepted their invitation can be sent a new one',

  'pages.adminOrganisation.kind.validationError.required': 'Select the type of organisation',
  'pages.adminOrganisation.name.validationError.required': 'Enter the name of the organisation',
  'pages.adminOrganisation.name.validationError.tooLong': 'Name must be 200 characters or fewer',
  'pages.adminOrganisation.odsCode.validationError.format':
    'ODS code must be 3 to 10 letters and numbers, like B82005',
  'pages.adminOrganisation.odsCode.validationError.required': 'Enter the practice’s ODS code',
  'pages.adminOrganisation.odsCode.validationError.taken':
    'Another organisation or practice already has this ODS code',
  'pages.adminOrganisation.parentId.validationError.pcnRequired': 'Select the PCN this practice belongs to',
  'pages.adminOrganisation.parentId.validationError.notFound': 'Select an organisation from the list',
  'pages.adminOrganisation.parentId.validationError.wrongKind':
    'A PCN belongs to an ICB, and a GP practice belongs to a PCN',
  'pages.adminOrganisation.parentId.validationError.notAllowed':
    'An ICB or a VCSE organisation does not belong to another organisation',
  'pages.adminOrganisation.parentId.validationError.inactive': 'Select an organisation that is active',
  'pages.adminOrganisation.directoryOrganizationId.validationError.notFound':
    'Select a directory organisation from the list',
  'pages.adminOrganisation.active.validationError.invalid': 'Select whether the organisation is active',
  'pages.adminOrganisation.active.validationError.hasChildren':
    'Make the organisations that belong to this one inactive, or move them, first',
  'pages.adminOrganisation.active.validationError.lastAdministrator':
    'This organisation holds the last administrator roles: give an administrator role elsewhere first',

  'pages.adminUsers.notice.invited': 'Invitation sent',
  'pages.adminUser.notice.roleGiven': 'Role given',
  'pages.adminUser.notice.roleRemoved': 'Role removed',
  'pages.adminUser.notice.disabled': 'Account disabled and signed out everywhere',
  'pages.adminUser.notice.enabled': 'Account enabled',
  'pages.adminUser.notice.twoStepReset': 'Two-step verification reset',
  'pages.adminUser.notice.invitationResent': 'New invitation sent',
  'pages.adminOrganisation.notice.created': 'Organisation added',
  'pages.adminOrganisation.notice.updated': 'Organisation updated',
} as const;

export type AdminContentKey = keyof typeof adminContent;

/**
 * A message of the administration pages by its content key.
 * @param key - `pages.<page>.<field>.validationError.<rule>` or `pages.<page>.notice.<event>`
 */
export function adminMessage(key: AdminContentKey): string {
  return adminContent[key];
}

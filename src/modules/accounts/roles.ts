// Roles and permissions: THE one place that says which role may do what. Pages and APIs never check a
// role by name; they declare the permission they need in src/http/route-access.ts, and the access hook
// enforces it. A session acts in one role assignment at a time (like NHS CIS2's selected role), so a
// user who is both a link worker and a tenant admin sees admin pages only while acting as admin.

export const ROLES = [
  'care_navigator',
  'link_worker',
  'clinician',
  'supervisor',
  'commissioner',
  'vcse_staff',
  'tenant_admin',
] as const;
export type Role = (typeof ROLES)[number];

export const ROLE_LABELS: Record<Role, string> = {
  care_navigator: 'Care navigator',
  link_worker: 'Social prescribing link worker',
  clinician: 'Clinician',
  supervisor: 'Supervisor or PCN manager',
  commissioner: 'Commissioner',
  vcse_staff: 'VCSE provider staff',
  tenant_admin: 'Administrator',
};

export const PERMISSIONS = {
  'staff:home': 'Use the staff area',
  'people:read': "Read a patient's person-identifiable record",
  'people:write': "Create and change a patient's record",
  'referrals:create': 'Refer a patient to social prescribing',
  'referrals:triage': 'Triage and allocate referrals',
  'casework:read': 'Read casework (contacts, plans, outcomes)',
  'casework:write': 'Record casework',
  'casework:oversee': "See every link worker's caseload and open any case (supervision)",
  'tasks:clinical': 'Pick up clinical tasks no one is assigned to (flagged referrals for clinician review)',
  'navigation:use': 'Navigate patients at reception',
  'navigation:protocol-edit': 'Edit the navigation protocol',
  'navigation:protocol-approve': 'Approve (clinically sign off) the navigation protocol',
  'training:use': 'Take navigator training',
  'training:review': "See navigators' training and competency",
  'reports:aggregate': 'See aggregate reports (no person-identifiable data)',
  'exports:gp-codes': 'Export SNOMED-coded events for entry into GP systems',
  'provider:listings': "Keep their own organisation's directory listings and capacity current",
  'provider:referrals': 'Answer referrals sent to their own services',
  'users:manage': 'Manage users and their roles',
  'organisations:manage': 'Manage organisations and practices',
  'codes:manage': 'Confirm and switch on the SNOMED CT codes written to GP records',
  'audit:read': 'Search the audit trail',
  'audit:export': 'Export the audit trail',
} as const;
export type Permission = keyof typeof PERMISSIONS;

const EVERY_STAFF: Permission[] = ['staff:home'];

export const ROLE_PERMISSIONS: Record<Role, readonly Permission[]> = {
  care_navigator: [...EVERY_STAFF, 'navigation:use', 'training:use', 'people:read', 'referrals:create'],
  link_worker: [
    ...EVERY_STAFF,
    'people:read',
    'people:write',
    'referrals:create',
    'referrals:triage',
    'casework:read',
    'casework:write',
    'exports:gp-codes',
  ],
  clinician: [
    ...EVERY_STAFF,
    'people:read',
    'referrals:create',
    'tasks:clinical',
    'exports:gp-codes',
    'navigation:protocol-edit',
    'navigation:protocol-approve',
  ],
  supervisor: [
    ...EVERY_STAFF,
    'people:read',
    'referrals:triage',
    'casework:read',
    'casework:oversee',
    'training:review',
    'reports:aggregate',
    'exports:gp-codes',
  ],
  commissioner: [...EVERY_STAFF, 'reports:aggregate'],
  // Partner agencies refer in with the same form as practice staff (issue #4).
  vcse_staff: [...EVERY_STAFF, 'provider:listings', 'provider:referrals', 'referrals:create'],
  tenant_admin: [
    ...EVERY_STAFF,
    'users:manage',
    'organisations:manage',
    'codes:manage',
    'audit:read',
    'audit:export',
  ],
};

/**
 * The permissions a role grants.
 * @param role - the role
 */
export function permissionsOf(role: Role): ReadonlySet<Permission> {
  return new Set(ROLE_PERMISSIONS[role]);
}

/**
 * Is this string one of Signpost's roles?
 * @param value - a candidate role name
 */
export function isRole(value: string): value is Role {
  return (ROLES as readonly string[]).includes(value);
}

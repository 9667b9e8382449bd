import type { Role } from '../modules/accounts/roles.ts';

// One demo user per role, shown with the shared demo password on the sign-in page in demo mode only
// (SEED_DEMO=true). The addresses use the reserved `.invalid` top-level domain, so nothing can be sent.

export const DEMO_PASSWORD = 'demo: leeds north west';

export interface DemoUser {
  email: string;
  displayName: string;
  role: Role;
  /** ODS code of the practice, 'pcn' for the PCN, or the key of a demo VCSE organisation. */
  organisation: string;
}

export const DEMO_USERS: DemoUser[] = [
  {
    email: 'navigator@demo.signpost.invalid',
    displayName: 'Nadia Ahmed',
    role: 'care_navigator',
    organisation: 'B9D001',
  },
  {
    email: 'linkworker@demo.signpost.invalid',
    displayName: 'Liam Walsh',
    role: 'link_worker',
    organisation: 'pcn',
  },
  {
    email: 'gp@demo.signpost.invalid',
    displayName: 'Dr Grace Patel',
    role: 'clinician',
    organisation: 'B9D001',
  },
  {
    email: 'manager@demo.signpost.invalid',
    displayName: 'Maria Santos',
    role: 'supervisor',
    organisation: 'pcn',
  },
  {
    email: 'commissioner@demo.signpost.invalid',
    displayName: 'Colin Brooks',
    role: 'commissioner',
    organisation: 'icb',
  },
  {
    email: 'provider@demo.signpost.invalid',
    displayName: 'Priya Shah',
    role: 'vcse_staff',
    organisation: 'vcse',
  },
  {
    email: 'admin@demo.signpost.invalid',
    displayName: 'Alex Morgan',
    role: 'tenant_admin',
    organisation: 'pcn',
  },
];

/**
 * More care navigators, one at each of three more practices, for the demo's navigation history
 * (src/seed/demo-navigation.ts). With navigator@ (Weetwood Green) and the casework seed's navigator2@
 * (Aireborough) the demo has five. Not listed on the sign-in page; they use the demo password too.
 */
export const DEMO_EXTRA_NAVIGATORS: DemoUser[] = [
  {
    email: 'navigator3@demo.signpost.invalid',
    displayName: 'Chloe Barker',
    role: 'care_navigator',
    organisation: 'B9D002',
  },
  {
    email: 'navigator4@demo.signpost.invalid',
    displayName: 'Imran Akhtar',
    role: 'care_navigator',
    organisation: 'B9D003',
  },
  {
    email: 'navigator5@demo.signpost.invalid',
    displayName: 'Joanne Whitaker',
    role: 'care_navigator',
    organisation: 'B9D006',
  },
];

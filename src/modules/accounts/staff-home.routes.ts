import type { FastifyInstance } from 'fastify';
import type { Config } from '../../config.ts';
import { notifyStatus } from '../notify/notify.service.ts';
import { ROLE_LABELS, type Permission } from './roles.ts';

interface StaffArea {
  permission: Permission;
  href: string;
  title: string;
  description: string;
}

// The staff home page offers each area the acting role may use; add an area here when its pages land.
const STAFF_AREAS: StaffArea[] = [
  {
    permission: 'navigation:use',
    href: '/app/navigate',
    title: 'Navigate a patient',
    description: 'Red flags first, then the right help, with live capacity and the patient’s own copy',
  },
  {
    permission: 'training:use',
    href: '/app/training',
    title: 'Navigator training',
    description: 'Practise with scenario patients and see your competency',
  },
  {
    permission: 'training:review',
    href: '/app/training/team',
    title: 'Navigator training records',
    description: 'Who is trained, and which red-flag scenarios they caught',
  },
  {
    permission: 'navigation:protocol-edit',
    href: '/app/navigation/protocol',
    title: 'Navigation protocol',
    description: 'Red flags, quick picks and destinations, with clinical sign-off',
  },
  {
    permission: 'reports:aggregate',
    href: '/app/navigation/reports',
    title: 'Care navigation reports',
    description: 'Navigations, destinations, red flags escalated and patients who chose the GP',
  },
  {
    permission: 'referrals:create',
    href: '/app/referrals/new',
    title: 'Refer someone',
    description: 'Refer a person to social prescribing in under a minute',
  },
  {
    permission: 'referrals:create',
    href: '/app/referrals',
    title: 'Your referrals',
    description: 'What happened to the people you referred, and the messages back',
  },
  {
    permission: 'referrals:triage',
    href: '/app/triage',
    title: 'Triage',
    description: 'New referrals to accept, decline or redirect, and allocate to a link worker',
  },
  {
    permission: 'referrals:triage',
    href: '/app/team',
    title: 'Team caseloads',
    description: "Link workers' caseloads against capacity, and the waiting list",
  },
  {
    permission: 'people:read',
    href: '/app/people',
    title: 'People',
    description: 'Find a person by NHS number, or by name and date of birth',
  },
  {
    permission: 'casework:read',
    href: '/app/caseload',
    title: 'Caseload',
    description: 'Who needs contact, reviews due, overdue actions and the people waiting for you',
  },
  {
    permission: 'staff:home',
    href: '/app/tasks',
    title: 'Tasks',
    description: 'Safeguarding escalations and other work waiting for you',
  },
  {
    permission: 'exports:gp-codes',
    href: '/app/exports/coded-events',
    title: 'Coded events for GP systems',
    description: 'SNOMED CT codes to enter into the GP record, by practice',
  },
  {
    permission: 'users:manage',
    href: '/app/admin/users',
    title: 'Users',
    description: 'Invite staff, give and remove roles',
  },
  {
    permission: 'organisations:manage',
    href: '/app/admin/organisations',
    title: 'Organisations',
    description: 'The ICB, PCN, practices and community organisations',
  },
  {
    permission: 'codes:manage',
    href: '/app/admin/codes',
    title: 'SNOMED CT codes',
    description: 'Confirm and switch on the codes written to GP records',
  },
  {
    permission: 'audit:read',
    href: '/app/admin/audit',
    title: 'Audit trail',
    description: 'Who looked at or changed what, and when',
  },
];

/**
 * The staff home page (`/app`): what the signed-in person can do in the role they act in.
 * @param app - the Fastify instance
 */
export function staffHomeRoutes(app: FastifyInstance, deps: { config: Config }): void {
  app.get('/app', async (request, reply) => {
    const acting = request.auth?.acting;
    const permissions = request.auth?.permissions ?? new Set<Permission>();
    return reply.view('accounts/views/staff-home.njk', {
      roleLabel: acting === undefined || acting === null ? '' : ROLE_LABELS[acting.role],
      organisationName: acting?.organisationName ?? '',
      links: STAFF_AREAS.filter((a) => permissions.has(a.permission)),
      // Missing integrations degrade visibly: administrators see what is not configured.
      configurationWarnings: permissions.has('users:manage') ? configurationWarnings(deps.config) : [],
    });
  });
}

/**
 * What an administrator should know is not set up, in plain words.
 * @param config - the configuration
 */
export function configurationWarnings(config: Config): string[] {
  const warnings: string[] = [];
  const delivery = notifyStatus(config);
  if (delivery.emailDelivery === 'not-configured') {
    warnings.push(
      'Email is not being sent (SMTP_URL is not set): invitations and password reset links wait in the outbox.',
    );
  }
  if (delivery.smsDelivery === 'not-configured') {
    warnings.push(
      'Text messages are not being sent (NOTIFY_API_KEY is not set): they wait in the outbox until it is.',
    );
  }
  if (config.sessionSecret === undefined) {
    warnings.push(
      'SESSION_SECRET is not set: a new secret is made at each start, so forms open during a restart must be sent again.',
    );
  }
  return warnings;
}

import type { OrganisationKind, UserStatus } from './accounts.tables.ts';
import { adminMessage, type AdminContentKey } from './admin.content.ts';
import type { UserFilter } from './admin.schema.ts';
import type { Organisation } from './organisation.repository.ts';
import { ORGANISATION_KIND_LABELS, roleAllowedIn } from './organisation-tree.ts';
import { ROLE_LABELS, ROLES, type Role } from './roles.ts';
import type { AdminAssignment } from './user-admin.repository.ts';

// What the administration templates show, worked out from domain values: pure functions, no I/O.

export const USERS_PER_PAGE = 50;

export interface SelectItem {
  value: string;
  text: string;
  selected?: boolean;
}

export const STATUS_TAGS: Record<UserStatus, { text: string; colour: string }> = {
  invited: { text: 'Invited', colour: 'blue' },
  active: { text: 'Active', colour: 'green' },
  disabled: { text: 'Disabled', colour: 'grey' },
};

/**
 * "Administrator, Leeds North West PCN", marked when the organisation is inactive (the role cannot be used).
 * @param a - the role assignment
 */
export function assignmentLabel(
  a: Pick<AdminAssignment, 'role' | 'organisationName' | 'organisationActive'>,
): string {
  return `${ROLE_LABELS[a.role]}, ${a.organisationName}${a.organisationActive ? '' : ' (inactive organisation)'}`;
}

/**
 * The status filter's options.
 * @param chosen - the status chosen, or '' for any
 */
export function statusFilterItems(chosen: string): SelectItem[] {
  return [
    { value: '', text: 'Any status', selected: chosen === '' },
    ...(['invited', 'active', 'disabled'] as const).map((s) => ({
      value: s,
      text: STATUS_TAGS[s].text,
      selected: chosen === s,
    })),
  ];
}

function filterHref(filter: Pick<UserFilter, 'q' | 'status'>, page: number): string {
  const params = new URLSearchParams();
  if (filter.q !== '') {
    params.set('q', filter.q);
  }
  if (filter.status !== '') {
    params.set('status', filter.status);
  }
  if (page > 1) {
    params.set('page', String(page));
  }
  const qs = params.toString();
  return qs === '' ? '/app/admin/users' : `/app/admin/users?${qs}`;
}

/**
 * Previous / next links for the user list, keeping the filter.
 * @param filter - the filter and the current page
 * @param total - how many users match
 */
export function userListPagination(
  filter: UserFilter,
  total: number,
): { previous?: { href: string; labelText: string }; next?: { href: string; labelText: string } } | null {
  const pages = Math.max(1, Math.ceil(total / USERS_PER_PAGE));
  if (pages <= 1) {
    return null;
  }
  return {
    ...(filter.page > 1
      ? {
          previous: {
            href: filterHref(filter, filter.page - 1),
            labelText: `Page ${filter.page - 1} of ${pages}`,
          },
        }
      : {}),
    ...(filter.page < pages
      ? {
          next: {
            href: filterHref(filter, filter.page + 1),
            labelText: `Page ${filter.page + 1} of ${pages}`,
          },
        }
      : {}),
  };
}

/**
 * "Showing 51 to 100 of 230 users".
 * @param page - the page number
 * @param shown - how many are on this page
 * @param total - how many match
 */
export function userListHeading(page: number, shown: number, total: number): string {
  if (total === 0) {
    return 'No users found';
  }
  const noun = total === 1 ? 'user' : 'users';
  if (shown === 0) {
    return `${total} ${noun} found`;
  }
  const first = (page - 1) * USERS_PER_PAGE + 1;
  return total <= USERS_PER_PAGE
    ? `${total} ${noun}`
    : `${total} ${noun}, showing ${first} to ${first + shown - 1}`;
}

/**
 * The organisations a role can be given in: active ones, labelled with their kind.
 * @param organisations - the tenant's organisations
 * @param chosen - the organisation chosen
 */
export function organisationItems(organisations: readonly Organisation[], chosen: string): SelectItem[] {
  return [
    { value: '', text: 'Select an organisation', selected: chosen === '' },
    ...organisations
      .filter((o) => o.active)
      .map((o) => ({
        value: o.id,
        text: `${o.name} (${ORGANISATION_KIND_LABELS[o.kind]})`,
        selected: o.id === chosen,
      })),
  ];
}

/**
 * Every role, labelled, with a hint of where it may be held.
 * @param chosen - the role chosen
 */
export function roleItems(chosen: string): SelectItem[] {
  return [
    { value: '', text: 'Select a role', selected: chosen === '' },
    ...ROLES.map((r: Role) => ({
      value: r,
      text: roleAllowedIn(r, 'vcse') ? `${ROLE_LABELS[r]} (VCSE organisations only)` : ROLE_LABELS[r],
      selected: r === chosen,
    })),
  ];
}

/**
 * Organisations that can be a parent of this kind, for a select; the current parent stays listed even
 * when it has become inactive.
 * @param organisations - the tenant's organisations
 * @param kind - the kind of parent wanted
 * @param chosen - the parent chosen
 * @param noneText - the text of the "no parent" option
 */
export function parentItems(
  organisations: readonly Organisation[],
  kind: OrganisationKind,
  chosen: string,
  noneText: string,
): SelectItem[] {
  return [
    { value: '', text: noneText, selected: chosen === '' },
    ...organisations
      .filter((o) => o.kind === kind && (o.active || o.id === chosen))
      .map((o) => ({
        value: o.id,
        text: o.active ? o.name : `${o.name} (inactive)`,
        selected: o.id === chosen,
      })),
  ];
}

const NOTICES = new Map<string, AdminContentKey>([
  ['invited', 'pages.adminUsers.notice.invited'],
  ['roleGiven', 'pages.adminUser.notice.roleGiven'],
  ['roleRemoved', 'pages.adminUser.notice.roleRemoved'],
  ['disabled', 'pages.adminUser.notice.disabled'],
  ['enabled', 'pages.adminUser.notice.enabled'],
  ['twoStepReset', 'pages.adminUser.notice.twoStepReset'],
  ['invitationResent', 'pages.adminUser.notice.invitationResent'],
  ['created', 'pages.adminOrganisation.notice.created'],
  ['updated', 'pages.adminOrganisation.notice.updated'],
]);

/**
 * The success message for `?done=<code>` after a change (an unknown code shows nothing).
 * @param done - the query parameter
 */
export function noticeFor(done: unknown): string | null {
  const key = typeof done === 'string' ? NOTICES.get(done) : undefined;
  return key === undefined ? null : adminMessage(key);
}

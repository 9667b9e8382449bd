import type { Kysely } from 'kysely';
import type { Database } from '../../db/database.ts';
import type { OrganisationKind } from './accounts.tables.ts';
import type { Role } from './roles.ts';

// Who holds a role, and where: for allocation (the link workers covering a practice) and pickers.

export interface RoleHolder {
  userId: string;
  displayName: string;
  organisationId: string;
  organisationName: string;
  organisationKind: OrganisationKind;
  /** The GP practice the organisation is, when it is one. */
  practiceId: string | null;
  /** The organisation above it (a practice's PCN). */
  parentId: string | null;
}

/**
 * Active users holding a role in an active organisation, one row per assignment, by name.
 * @param db - the database
 * @param tenantId - the tenant
 * @param role - the role
 */
export async function listRoleHolders(
  db: Kysely<Database>,
  tenantId: string,
  role: Role,
): Promise<RoleHolder[]> {
  const rows = await db
    .selectFrom('role_assignment as ra')
    .innerJoin('app_user as u', (j) =>
      j.onRef('u.tenant_id', '=', 'ra.tenant_id').onRef('u.id', '=', 'ra.user_id'),
    )
    .innerJoin('organisation as o', (j) =>
      j.onRef('o.tenant_id', '=', 'ra.tenant_id').onRef('o.id', '=', 'ra.organisation_id'),
    )
    .select([
      'u.id as user_id',
      'u.display_name',
      'o.id as organisation_id',
      'o.name',
      'o.kind',
      'o.practice_id',
      'o.parent_id',
    ])
    .where('ra.tenant_id', '=', tenantId)
    .where('ra.role', '=', role)
    .where('u.status', '=', 'active')
    .where('o.active', '=', true)
    .orderBy('u.display_name')
    .orderBy('u.id')
    .orderBy('o.name')
    .execute();
  return rows.map((r) => ({
    userId: r.user_id,
    displayName: r.display_name,
    organisationId: r.organisation_id,
    organisationName: r.name,
    organisationKind: r.kind,
    practiceId: r.practice_id,
    parentId: r.parent_id,
  }));
}

import { sql, type Insertable, type Kysely, type Selectable, type Transaction } from 'kysely';
import type { Database } from '../../db/database.ts';
import type { AccountOrganisationTable, OrganisationKind } from './accounts.tables.ts';
import { insertRoleAssignment } from './user-admin.repository.ts';

type Db = Kysely<Database> | Transaction<Database>;

export interface Organisation {
  id: string;
  kind: OrganisationKind;
  name: string;
  odsCode: string | null;
  parentId: string | null;
  practiceId: string | null;
  directoryOrganizationId: string | null;
  active: boolean;
}

export interface NewOrganisation {
  kind: OrganisationKind;
  name: string;
  odsCode?: string | null;
  parentId?: string | null;
  practiceId?: string | null;
  directoryOrganizationId?: string | null;
}

const ORGANISATION_COLUMNS = [
  'id',
  'kind',
  'name',
  'ods_code',
  'parent_id',
  'practice_id',
  'directory_organization_id',
  'active',
] as const;

type OrganisationRow = Pick<Selectable<AccountOrganisationTable>, (typeof ORGANISATION_COLUMNS)[number]>;

function toOrganisation(row: OrganisationRow): Organisation {
  return {
    id: row.id,
    kind: row.kind,
    name: row.name,
    odsCode: row.ods_code,
    parentId: row.parent_id,
    practiceId: row.practice_id,
    directoryOrganizationId: row.directory_organization_id,
    active: row.active,
  };
}

function organisationValues(
  tenantId: string,
  org: NewOrganisation & { id?: string },
): Insertable<AccountOrganisationTable> {
  return {
    tenant_id: tenantId,
    ...(org.id === undefined ? {} : { id: org.id }),
    kind: org.kind,
    name: org.name.trim(),
    ods_code: org.odsCode ?? null,
    parent_id: org.parentId ?? null,
    practice_id: org.practiceId ?? null,
    directory_organization_id: org.directoryOrganizationId ?? null,
  };
}

/**
 * Creates an organisation.
 * @param db - the database or a transaction
 * @param tenantId - the tenant
 * @param org - the organisation
 */
export async function insertOrganisation(
  db: Db,
  tenantId: string,
  org: NewOrganisation,
): Promise<Organisation> {
  const row = await db
    .insertInto('organisation')
    .values(organisationValues(tenantId, org))
    .returning(ORGANISATION_COLUMNS)
    .executeTakeFirstOrThrow();
  return toOrganisation(row);
}

/**
 * Creates an organisation with a chosen id unless one with that id exists (seeding).
 * @param db - the database or a transaction
 * @param tenantId - the tenant
 * @param org - the organisation and its id
 * @returns whether it was created
 */
export async function insertOrganisationIfAbsent(
  db: Db,
  tenantId: string,
  org: NewOrganisation & { id: string },
): Promise<boolean> {
  const result = await db
    .insertInto('organisation')
    .values(organisationValues(tenantId, org))
    .onConflict((oc) => oc.columns(['tenant_id', 'id']).doNothing())
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0) > 0;
}

/**
 * Every organisation of the tenant, by name.
 * @param db - the database or a transaction
 * @param tenantId - the tenant
 */
export async function listOrganisations(db: Db, tenantId: string): Promise<Organisation[]> {
  const rows = await db
    .selectFrom('organisation')
    .select(ORGANISATION_COLUMNS)
    .where('tenant_id', '=', tenantId)
    .orderBy('name')
    .orderBy('id')
    .execute();
  return rows.map(toOrganisation);
}

async function findOrganisationWhere(
  db: Db,
  tenantId: string,
  column: 'id' | 'ods_code' | 'practice_id',
  value: string,
): Promise<Organisation | undefined> {
  const row = await db
    .selectFrom('organisation')
    .select(ORGANISATION_COLUMNS)
    .where('tenant_id', '=', tenantId)
    .where(column, '=', value)
    .executeTakeFirst();
  return row === undefined ? undefined : toOrganisation(row);
}

/**
 * An organisation by id.
 * @param db - the database or a transaction
 * @param tenantId - the tenant
 * @param id - the organisation's id (a valid UUID)
 */
export async function findOrganisationById(
  db: Db,
  tenantId: string,
  id: string,
): Promise<Organisation | undefined> {
  return findOrganisationWhere(db, tenantId, 'id', id);
}

/**
 * An organisation by ODS code.
 * @param db - the database or a transaction
 * @param tenantId - the tenant
 * @param odsCode - the code, in capitals
 */
export async function findOrganisationByOdsCode(
  db: Db,
  tenantId: string,
  odsCode: string,
): Promise<Organisation | undefined> {
  return findOrganisationWhere(db, tenantId, 'ods_code', odsCode);
}

/**
 * The organisation that stands for a practice row.
 * @param db - the database or a transaction
 * @param tenantId - the tenant
 * @param practiceId - the practice row's id
 */
export async function findOrganisationByPracticeId(
  db: Db,
  tenantId: string,
  practiceId: string,
): Promise<Organisation | undefined> {
  return findOrganisationWhere(db, tenantId, 'practice_id', practiceId);
}

export interface OrganisationUpdate {
  name?: string;
  odsCode?: string | null;
  parentId?: string | null;
  directoryOrganizationId?: string | null;
  active?: boolean;
}

/**
 * Changes an organisation (its kind and practice row never change).
 * @param db - the database or a transaction
 * @param tenantId - the tenant
 * @param id - the organisation
 * @param changes - the fields to change
 */
export async function updateOrganisation(
  db: Db,
  tenantId: string,
  id: string,
  changes: OrganisationUpdate,
): Promise<void> {
  await db
    .updateTable('organisation')
    .set({
      ...(changes.name === undefined ? {} : { name: changes.name.trim() }),
      ...(changes.odsCode === undefined ? {} : { ods_code: changes.odsCode }),
      ...(changes.parentId === undefined ? {} : { parent_id: changes.parentId }),
      ...(changes.directoryOrganizationId === undefined
        ? {}
        : { directory_organization_id: changes.directoryOrganizationId }),
      ...(changes.active === undefined ? {} : { active: changes.active }),
      updated_at: sql`now()`,
    })
    .where('tenant_id', '=', tenantId)
    .where('id', '=', id)
    .execute();
}

/**
 * How many active organisations sit directly under this one.
 * @param db - the database or a transaction
 * @param tenantId - the tenant
 * @param id - the organisation
 */
export async function countActiveChildren(db: Db, tenantId: string, id: string): Promise<number> {
  const row = await db
    .selectFrom('organisation')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .where('tenant_id', '=', tenantId)
    .where('parent_id', '=', id)
    .where('active', '=', true)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/**
 * Gives a user a role in an organisation (nothing happens if they already have it): insertRoleAssignment
 * under the name the issue #4 tests use.
 */
export const grantRole = insertRoleAssignment;

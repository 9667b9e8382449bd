import type { Kysely } from 'kysely';
import type { Database } from '../../db/database.ts';

// The directory's organisations by name only: for choosing which directory listing a VCSE organisation in
// the accounts tree runs (the accounts module reads them through these functions, not the table).

export interface OrganizationName {
  id: string;
  name: string;
}

/**
 * Every directory organisation of the tenant, by name.
 * @param db - the database or a transaction
 * @param tenantId - the tenant
 */
export async function listOrganizationNames(
  db: Kysely<Database>,
  tenantId: string,
): Promise<OrganizationName[]> {
  return db
    .selectFrom('organization')
    .select(['id', 'name'])
    .where('tenant_id', '=', tenantId)
    .orderBy('name')
    .orderBy('id')
    .execute();
}

/**
 * One directory organisation's name.
 * @param db - the database or a transaction
 * @param tenantId - the tenant
 * @param id - the organisation's id (a valid UUID)
 */
export async function findOrganizationName(
  db: Kysely<Database>,
  tenantId: string,
  id: string,
): Promise<OrganizationName | undefined> {
  return db
    .selectFrom('organization')
    .select(['id', 'name'])
    .where('tenant_id', '=', tenantId)
    .where('id', '=', id)
    .executeTakeFirst();
}

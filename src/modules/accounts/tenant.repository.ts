import type { Kysely } from 'kysely';
import type { Database } from '../../db/database.ts';

export interface Tenant {
  id: string;
  slug: string;
  name: string;
}

/**
 * Finds the tenant with this slug, creating it when absent.
 * @param db - the database
 * @param slug - the tenant's slug (TENANT_SLUG)
 * @param name - the display name used when the tenant is created
 */
export async function ensureTenant(db: Kysely<Database>, slug: string, name: string): Promise<Tenant> {
  await db
    .insertInto('tenant')
    .values({ slug, name })
    .onConflict((oc) => oc.column('slug').doNothing())
    .execute();
  return db
    .selectFrom('tenant')
    .select(['id', 'slug', 'name'])
    .where('slug', '=', slug)
    .executeTakeFirstOrThrow();
}

/**
 * Finds the tenant with this slug.
 * @param db - the database
 * @param slug - the tenant's slug
 */
export async function findTenantBySlug(db: Kysely<Database>, slug: string): Promise<Tenant | undefined> {
  return db.selectFrom('tenant').select(['id', 'slug', 'name']).where('slug', '=', slug).executeTakeFirst();
}

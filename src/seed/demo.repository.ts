import type { Kysely } from 'kysely';
import type { Database } from '../db/database.ts';

/**
 * How many directory services a tenant has (the demo is seeded only into an empty directory).
 * @param db - the database
 * @param tenantId - the tenant
 */
export async function countTenantServices(db: Kysely<Database>, tenantId: string): Promise<number> {
  const row = await db
    .selectFrom('service')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .where('tenant_id', '=', tenantId)
    .executeTakeFirst();
  return Number(row?.n ?? 0);
}

import { sql, type Kysely, type Selectable } from 'kysely';
import type { Database } from '../../db/database.ts';
import { DEFAULT_PROTOCOL, DEFAULT_PROTOCOL_SOURCE } from './default-protocol.ts';
import { protocolContentSchema, type NavigationProtocol } from './protocol.model.ts';
import type { NavigationProtocolTable } from './navigation.tables.ts';

// Protocol versions in force. The flow always uses the latest APPROVED version for the navigator's
// practice, or else the latest approved PCN-wide version; the shipped default is installed as PCN-wide
// version 1 the first time a tenant needs a protocol, so a red-flag screen is never missing.

type Db = Kysely<Database>;
type ProtocolRow = Selectable<NavigationProtocolTable>;

/**
 * The protocol as the flow uses it.
 * @param row - a navigation_protocol row that is approved
 */
export function toNavigationProtocol(row: ProtocolRow): NavigationProtocol {
  if (row.approved_at === null) {
    throw new Error('A protocol in force must be approved');
  }
  return {
    id: row.id,
    practiceId: row.practice_id,
    version: row.version,
    content: protocolContentSchema.parse(row.content),
    approvedAt: row.approved_at,
    approvedByName: row.approved_by_name,
    locallyApproved: row.approved_by !== null,
    reviewDue: row.review_due,
  };
}

/**
 * Installs the shipped default as the tenant's PCN-wide version 1 when the tenant has no protocol at all.
 * Safe to call at every start and concurrently.
 * @param db - the database
 * @param tenantId - the tenant
 * @returns true when it installed the default
 */
export async function ensureDefaultProtocol(db: Db, tenantId: string): Promise<boolean> {
  const result = await sql`
    INSERT INTO navigation_protocol
      (tenant_id, practice_id, version, status, content, change_summary, approved_by_name, approved_at,
       approval_statement)
    SELECT ${tenantId}::uuid, NULL, 1, 'approved', ${JSON.stringify(DEFAULT_PROTOCOL)}::jsonb,
      'Signpost’s shipped default protocol', ${DEFAULT_PROTOCOL_SOURCE}, now(),
      'Installed from DOMAIN.md 2.2 and 2.3. A local clinician must review and approve a version before go-live.'
    WHERE NOT EXISTS (SELECT 1 FROM navigation_protocol WHERE tenant_id = ${tenantId}::uuid)
    ON CONFLICT DO NOTHING`.execute(db);
  return Number(result.numAffectedRows ?? 0) > 0;
}

async function latestApproved(
  db: Db,
  tenantId: string,
  practiceId: string | null,
): Promise<ProtocolRow | undefined> {
  return db
    .selectFrom('navigation_protocol')
    .selectAll()
    .where('tenant_id', '=', tenantId)
    .where('status', '=', 'approved')
    .where((eb) => (practiceId === null ? eb('practice_id', 'is', null) : eb('practice_id', '=', practiceId)))
    .orderBy('version', 'desc')
    .limit(1)
    .executeTakeFirst();
}

/**
 * The protocol the flow must use now: the practice's latest approved version, else the PCN's (installing
 * the shipped default if the tenant has none).
 * @param db - the database
 * @param tenantId - the tenant
 * @param practiceId - the navigator's practice, if any
 */
export async function findProtocolInForce(
  db: Db,
  tenantId: string,
  practiceId: string | null,
): Promise<NavigationProtocol> {
  const own = practiceId === null ? undefined : await latestApproved(db, tenantId, practiceId);
  if (own !== undefined) {
    return toNavigationProtocol(own);
  }
  let shared = await latestApproved(db, tenantId, null);
  if (shared === undefined) {
    await ensureDefaultProtocol(db, tenantId);
    shared = await latestApproved(db, tenantId, null);
  }
  if (shared === undefined) {
    throw new Error('No navigation protocol could be installed');
  }
  return toNavigationProtocol(shared);
}

/**
 * A protocol version by id (any status), for records that name the version they used.
 * @param db - the database
 * @param tenantId - the tenant
 * @param id - the version's id
 */
export async function findProtocolVersion(
  db: Db,
  tenantId: string,
  id: string,
): Promise<ProtocolRow | undefined> {
  return db
    .selectFrom('navigation_protocol')
    .selectAll()
    .where('tenant_id', '=', tenantId)
    .where('id', '=', id)
    .executeTakeFirst();
}

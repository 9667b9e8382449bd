import type { Kysely } from 'kysely';
import type { Database } from '../../db/database.ts';

// SQL for safeguarding flags on a case and the staff tasks they (and other events) create.

type Db = Kysely<Database>;

export interface SafeguardingFlag {
  id: string;
  caseId: string;
  description: string;
  escalatedTo: string;
  raisedBy: string;
  raisedAt: Date;
  acknowledgedAt: Date | null;
  resolvedAt: Date | null;
  resolution: string | null;
}

/**
 * Raises a flag.
 * @param trx - the caller's transaction
 * @param tenantId - the tenant
 * @param flag - the case, description, the clinician it goes to and who raised it
 */
export async function insertFlag(
  trx: Db,
  tenantId: string,
  flag: { caseId: string; description: string; escalatedTo: string; raisedBy: string },
): Promise<string> {
  const { id } = await trx
    .insertInto('safeguarding_flag')
    .values({
      tenant_id: tenantId,
      case_id: flag.caseId,
      description: flag.description,
      escalated_to: flag.escalatedTo,
      raised_by: flag.raisedBy,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return id;
}

/**
 * A case's flags, newest first.
 * @param db - the database or a transaction
 * @param tenantId - the tenant
 * @param caseId - the case
 */
export async function listFlags(db: Db, tenantId: string, caseId: string): Promise<SafeguardingFlag[]> {
  const rows = await db
    .selectFrom('safeguarding_flag')
    .selectAll()
    .where('tenant_id', '=', tenantId)
    .where('case_id', '=', caseId)
    .orderBy('raised_at', 'desc')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    caseId: r.case_id,
    description: r.description,
    escalatedTo: r.escalated_to,
    raisedBy: r.raised_by,
    raisedAt: r.raised_at,
    acknowledgedAt: r.acknowledged_at,
    resolvedAt: r.resolved_at,
    resolution: r.resolution,
  }));
}

/**
 * Resolves an open flag of a case with a note of what was done.
 * @param trx - the caller's transaction
 * @param tenantId - the tenant
 * @param change - the case, the flag and the resolution
 * @returns whether an open flag of that case was resolved
 */
export async function resolveFlag(
  trx: Db,
  tenantId: string,
  change: { caseId: string; flagId: string; resolution: string; now: Date },
): Promise<boolean> {
  const row = await trx
    .updateTable('safeguarding_flag')
    .set({ resolved_at: change.now, resolution: change.resolution })
    .where('tenant_id', '=', tenantId)
    .where('case_id', '=', change.caseId)
    .where('id', '=', change.flagId)
    .where('resolved_at', 'is', null)
    .returning('id')
    .executeTakeFirst();
  return row !== undefined;
}

/**
 * Marks a case's open flags escalated to a clinician as seen by them (they finished the task).
 * @param trx - the caller's transaction
 * @param tenantId - the tenant
 * @param by - the case, the clinician and when
 */
export async function acknowledgeFlags(
  trx: Db,
  tenantId: string,
  by: { caseId: string; clinicianId: string; now: Date },
): Promise<void> {
  await trx
    .updateTable('safeguarding_flag')
    .set({ acknowledged_at: by.now })
    .where('tenant_id', '=', tenantId)
    .where('case_id', '=', by.caseId)
    .where('escalated_to', '=', by.clinicianId)
    .where('acknowledged_at', 'is', null)
    .execute();
}

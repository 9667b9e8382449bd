import type { Kysely } from 'kysely';
import type { Database } from '../../db/database.ts';
import { findCaseById, updateCaseAtVersion } from './case.repository.ts';
import type { DischargeInput } from './casework.schema.ts';
import { DISCHARGE_REASONS } from './casework.vocabulary.ts';
import { writeMessageBack } from './message-back.service.ts';

// Discharge ends the episode with a coded reason and a summary, and sends the message back.

type Db = Kysely<Database>;

export type DischargeResult =
  { ok: true; messageId: string } | { ok: false; error: 'CaseChanged' | 'CaseDischarged' };

/**
 * Discharges a case at the version the user saw, and writes the discharge message back.
 * @param trx - the caller's transaction
 * @param tenantId - the tenant
 * @param request - the case, the version seen, the reason and summary, who and when
 */
export async function dischargeCase(
  trx: Db,
  tenantId: string,
  request: { caseId: string; expectedVersion: number; input: DischargeInput; actorUserId: string; now: Date },
): Promise<DischargeResult> {
  const spCase = await findCaseById(trx, tenantId, request.caseId);
  if (spCase?.status === 'discharged') {
    return { ok: false, error: 'CaseDischarged' };
  }
  const version =
    spCase === undefined
      ? null
      : await updateCaseAtVersion(trx, tenantId, {
          caseId: spCase.id,
          expectedVersion: request.expectedVersion,
          actorUserId: request.actorUserId,
          changes: {
            status: 'discharged',
            discharged_at: request.now,
            discharge_reason: request.input.reason,
            discharge_summary: request.input.summary,
            next_contact_due: null,
          },
        });
  if (spCase === undefined || version === null) {
    return { ok: false, error: 'CaseChanged' };
  }
  const messageId = await writeMessageBack(trx, tenantId, {
    stage: 'discharge',
    referralId: spCase.referralId,
    caseId: spCase.id,
    occurredAt: request.now,
    snomed: null,
    outcome: {
      code: request.input.reason,
      label: DISCHARGE_REASONS[request.input.reason],
      detail: request.input.summary,
    },
    actorUserId: request.actorUserId,
  });
  return { ok: true, messageId };
}
